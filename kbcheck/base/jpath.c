/* jpath.c - the JSONPath subset of jpath.h over libfyaml nodes. */
#include "jpath.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "vec.h"
#include "yaml.h"

/* Deeper than any document libfyaml builds (it stops at 64 levels), so a
 * path never stops early; a guard against recursion all the same. */
enum { MAX_DEPTH = 256 };

typedef enum step_kind {
	STEP_KEY,   /* .key ['key'] */
	STEP_INDEX, /* [N] */
	STEP_ANY,   /* .* [*] */
} step_kind;

typedef struct step {
	step_kind kind;
	bool deep; /* ..: at any depth below */
	const char *key;
	size_t keylen;
	long index;
} step;

struct kb_jpath {
	const char *text;
	bool absolute;
	bool key; /* "@key" */
	step *steps;
	size_t n;
};

/* ---- compiling ------------------------------------------------------------ */

typedef struct compiler {
	kb_arena *a;
	const char *s;
	size_t i;
	const char *err;
	size_t err_at;
	kb_vec steps;
} compiler;

static bool fail(compiler *c, size_t at, const char *msg)
{
	if (!c->err) {
		c->err = msg;
		c->err_at = at;
	}
	return false;
}

static bool name_char(char ch)
{
	return ch && !strchr(".[]*'\"@$ \t\r\n", ch);
}

static step *add_step(compiler *c, step_kind kind, bool deep)
{
	step *st = KB_NEW(c->a, step);
	st->kind = kind;
	st->deep = deep;
	kb_vec_push(c->a, &c->steps, st);
	return st;
}

/* A bare key at c->i. */
static bool bare_key(compiler *c, bool deep)
{
	size_t from = c->i;
	while (name_char(c->s[c->i]))
		c->i++;
	if (c->i == from)
		return fail(c, from, c->s[from] ? "expected a key, '*' or '[' here" : "the path ends after '.'");
	step *st = add_step(c, STEP_KEY, deep);
	st->key = kb_strndup(c->a, c->s + from, c->i - from);
	st->keylen = c->i - from;
	return true;
}

/* A quoted key at c->i (on its quote), up to and with the closing ']'. */
static bool quoted_key(compiler *c, bool deep)
{
	char q = c->s[c->i];
	size_t open = c->i++;
	kb_buf b = KB_BUF_INIT;
	while (c->s[c->i] && c->s[c->i] != q) {
		if (c->s[c->i] == '\\' && c->s[c->i + 1])
			c->i++;
		kb_buf_putc(&b, c->s[c->i++]);
	}
	if (!c->s[c->i]) {
		kb_buf_free(&b);
		return fail(c, open, "a quoted key without its closing quote");
	}
	c->i++;
	step *st = add_step(c, STEP_KEY, deep);
	st->key = kb_strndup(c->a, kb_buf_cstr(&b), b.len);
	st->keylen = b.len;
	kb_buf_free(&b);
	if (c->s[c->i] != ']')
		return fail(c, c->i, "expected ']' after the quoted key");
	c->i++;
	return true;
}

/* [*], [N] or ['key'] at c->i (on the '['). */
static bool bracket(compiler *c, bool deep)
{
	size_t open = c->i++;
	char ch = c->s[c->i];
	if (ch == '\'' || ch == '"')
		return quoted_key(c, deep);
	if (ch == '*' && c->s[c->i + 1] == ']') {
		add_step(c, STEP_ANY, deep);
		c->i += 2;
		return true;
	}
	if (deep)
		return fail(c, open, "'..' takes a key, '*' or a quoted key, not an index");
	size_t from = c->i;
	if (c->s[c->i] == '-')
		c->i++;
	size_t digits = c->i;
	long v = 0;
	while (c->s[c->i] >= '0' && c->s[c->i] <= '9' && v < 100000000)
		v = v * 10 + (c->s[c->i++] - '0');
	if (c->i == digits || c->s[c->i] != ']')
		return fail(c, open, "expected [*], [N] or ['key']");
	c->i++;
	step *st = add_step(c, STEP_INDEX, false);
	st->index = c->s[from] == '-' ? -v : v;
	return true;
}

/* One step at c->i: .key .* ..key ..* ..['key'] [..]. */
static bool one_step(compiler *c)
{
	if (c->s[c->i] == '[')
		return bracket(c, false);
	if (c->s[c->i] != '.')
		return fail(c, c->i, "expected '.' or '[' here");
	c->i++;
	bool deep = c->s[c->i] == '.';
	if (deep)
		c->i++;
	if (c->s[c->i] == '*') {
		c->i++;
		add_step(c, STEP_ANY, deep);
		return true;
	}
	if (deep && c->s[c->i] == '[')
		return bracket(c, true);
	return bare_key(c, deep);
}

kb_jpath *kb_jpath_compile(kb_arena *a, const char *s, bool relative, size_t *err_at,
			   const char **err)
{
	compiler c = {.a = a, .s = s};
	kb_jpath *p = KB_NEW(a, kb_jpath);
	p->text = kb_strdup(a, s);
	bool ok = true;
	if (s[0] == '$') {
		p->absolute = true;
		c.i = 1;
	} else if (!relative) {
		ok = fail(&c, 0, "a path starts with '$' (the document's root)");
	} else if (!strcmp(s, "@key")) {
		p->key = true;
		c.i = 4;
	} else if (s[0] == '@') {
		c.i = 1;
		if (name_char(s[1]))
			ok = fail(&c, 1, "'@' is followed by '.', '[' or nothing ('@key' stands alone)");
	} else if (s[0] == '\0') {
		ok = fail(&c, 0, "an empty path");
	} else if (s[0] != '[' && s[0] != '.') {
		ok = bare_key(&c, false); /* "text" is "@.text" */
	}
	while (ok && s[c.i])
		ok = one_step(&c);
	if (!ok) {
		*err = c.err;
		*err_at = c.err_at;
		return NULL;
	}
	p->steps = KB_NEWN(a, step, c.steps.len ? c.steps.len : 1);
	for (size_t i = 0; i < c.steps.len; i++)
		p->steps[i] = *(step *)c.steps.items[i];
	p->n = c.steps.len;
	return p;
}

const char *kb_jpath_text(const kb_jpath *p) { return p->text; }

bool kb_jpath_deep(const kb_jpath *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->steps[i].deep)
			return true;
	return false;
}

/* ---- evaluating ----------------------------------------------------------- */

typedef struct walk {
	const kb_jpath *p;
	kb_jpath_fn fn;
	void *user;
	bool stop;
} walk;

static void at_step(walk *w, size_t i, const kb_jpath_node *m, int depth);

static bool key_is(kb_node *k, const step *st)
{
	size_t len;
	const char *s = kb_yaml_scalar(k, &len);
	return s && len == st->keylen && memcmp(s, st->key, len) == 0;
}

/* The children of m's node that step st takes go on to step i + 1; with
 * st->deep, so do those of every node below, each right after its parent. */
static void children(walk *w, size_t i, const step *st, const kb_jpath_node *m, int depth)
{
	kb_node *n = m->node;
	if (depth > MAX_DEPTH || w->stop)
		return;
	void *it = NULL;
	kb_jpath_node c = {.parent = m, .index = -1};
	if (kb_yaml_is_map(n)) {
		kb_pair *pr;
		while (!w->stop && (pr = kb_yaml_map_next(n, &it)) != NULL) {
			c.node = kb_yaml_value(pr);
			c.key = kb_yaml_key(pr);
			if (!c.node)
				continue;
			if (st->kind == STEP_ANY || (st->kind == STEP_KEY && key_is(c.key, st)))
				at_step(w, i + 1, &c, depth + 1);
			if (st->deep)
				children(w, i, st, &c, depth + 1);
		}
	} else if (kb_yaml_is_seq(n)) {
		long want = st->index;
		if (st->kind == STEP_INDEX && want < 0)
			want += kb_yaml_seq_count(n);
		kb_node *e;
		for (long k = 0; !w->stop && (e = kb_yaml_seq_next(n, &it)) != NULL; k++) {
			c.node = e;
			c.index = k;
			if (st->kind == STEP_ANY || (st->kind == STEP_INDEX && k == want))
				at_step(w, i + 1, &c, depth + 1);
			if (st->deep)
				children(w, i, st, &c, depth + 1);
		}
	}
}

static void at_step(walk *w, size_t i, const kb_jpath_node *m, int depth)
{
	if (w->stop)
		return;
	if (i == w->p->n) {
		w->stop = !w->fn(m, w->user);
		return;
	}
	children(w, i, &w->p->steps[i], m, depth);
}

void kb_jpath_each(const kb_jpath *p, kb_node *root, const kb_jpath_node *at,
		   kb_jpath_fn fn, void *user)
{
	walk w = {p, fn, user, false};
	kb_jpath_node top = {.node = root, .index = -1};
	if (p->key) {
		if (at && (at->key || at->index >= 0)) {
			kb_jpath_node k = {.node = at->key, .index = at->index, .parent = at->parent};
			fn(&k, user);
		}
		return;
	}
	const kb_jpath_node *start = p->absolute || !at ? &top : at;
	if (start->node)
		at_step(&w, 0, start, 0);
}

const char *kb_jpath_node_path(kb_arena *a, const kb_jpath_node *m)
{
	size_t n = 0;
	for (const kb_jpath_node *q = m; q && (q->key || q->index >= 0); q = q->parent)
		n++;
	if (n == 0)
		return "$";
	const kb_jpath_node **chain = malloc(n * sizeof *chain);
	if (!chain)
		abort();
	size_t k = n;
	for (const kb_jpath_node *q = m; k; q = q->parent)
		chain[--k] = q;
	kb_buf b = KB_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			kb_buf_putc(&b, '/');
		size_t len;
		const char *s = chain[i]->key ? kb_yaml_scalar(chain[i]->key, &len) : NULL;
		if (s)
			kb_buf_put(&b, s, len);
		else if (chain[i]->key)
			kb_buf_putc(&b, '?'); /* a YAML key that is a collection */
		else
			kb_buf_printf(&b, "%ld", chain[i]->index);
	}
	free(chain);
	const char *r = kb_strndup(a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	return r;
}
