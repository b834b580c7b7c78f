/* pack.c - loading rule packs from YAML. */
#include "pack.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/files.h"
#include "../base/hash.h"
#include "../base/locale.h"
#include "../base/vec.h"
#include "../base/yaml.h"
#include "../config/config.h"
#include "prefilter.h"

struct kb_rules {
	kb_arena *a;
	kb_vec topics;     /* kb_topic* */
	kb_vec qualifiers; /* kb_qualifier* */
	kb_vec packs;      /* const char* */
	kb_vec regexes;    /* kb_re* to free */
	kb_prefilter *pf;  /* every pattern's needed literals */
	kb_vec patterns;   /* kb_pattern*, as loaded */
	uint64_t hash;     /* of the packs' paths and contents */
	kb_vec grammar[KB_GRAMMAR_N];     /* kb_pattern*, from every pack */
	const kb_label_map *labels;       /* kbcheck.yml's, or NULL */
	size_t nlabels;
	kb_patterns grammar_p[KB_GRAMMAR_N]; /* the same, made by kb_rules_load */
	const char *within; /* kb_rules_set_reads */
	size_t max;
};

typedef struct {
	kb_rules *r;
	kb_yaml y;
	const char *pack;
	const char *where; /* "topic x, attribute y" for messages */
	bool ok;
} loader;

kb_rules *kb_rules_new(kb_arena *a)
{
	kb_rules *r = KB_NEW(a, kb_rules);
	r->a = a;
	r->pf = kb_prefilter_new();
	r->hash = KB_HASH_INIT;
	r->max = 64u << 20;
	kb_prefilter_build(r->pf);
	return r;
}

void kb_rules_set_reads(kb_rules *r, const char *within, size_t max)
{
	r->within = within;
	r->max = max;
}

const kb_prefilter *kb_rules_prefilter(const kb_rules *r) { return r->pf; }
const kb_patterns *kb_rules_grammar(const kb_rules *r, kb_grammar g) { return &r->grammar_p[g]; }

void kb_rules_set_labels(kb_rules *r, const kb_label_map *m, size_t n)
{
	r->labels = m;
	r->nlabels = n;
}

const kb_label_map *kb_rules_label(const kb_rules *r, const char *folded)
{
	for (size_t i = 0; i < r->nlabels; i++)
		if (!strcmp(r->labels[i].folded, folded))
			return &r->labels[i];
	return NULL;
}
size_t kb_rules_npatterns(const kb_rules *r) { return r->patterns.len; }
const kb_pattern *kb_rules_pattern(const kb_rules *r, size_t i) { return r->patterns.items[i]; }
uint64_t kb_rules_hash(const kb_rules *r) { return r->hash; }

void kb_rules_free(kb_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->regexes.len; i++)
		kb_re_free(r->regexes.items[i]);
	r->regexes.len = 0;
	kb_prefilter_free(r->pf);
	r->pf = NULL;
}

static void err(loader *l, kb_node *n, const char *fmt, const char *arg)
{
	kb_yaml_diag(&l->y, n, KB_DIAG_ERROR, fmt, arg);
	l->ok = false;
}

/* Names that reach reports, file names, shells and CI runners (topic
 * ids, attribute, qualifier and value names): letters, digits and "_.-",
 * at most 64, starting with a letter or digit.  Anything else is refused
 * where it is written, so no output has to guess how to quote it. */
static bool safe_name(loader *l, kb_node *n, const char *what, const char *s)
{
	size_t k = 0;
	bool ok = s && *s;
	for (; ok && s[k]; k++) {
		char c = s[k];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		ok = alnum || (k > 0 && (c == '_' || c == '.' || c == '-'));
	}
	if (ok && k <= 64)
		return true;
	kb_yaml_diag(&l->y, n, KB_DIAG_ERROR,
		     "%s name must be 1 to 64 letters, digits, '_', '.' or '-', starting "
		     "with a letter or digit; it is skipped",
		     what);
	l->ok = false;
	return false;
}

/* Compile one pattern scalar into pats. */
static void add_pattern(loader *l, kb_vec *pats, kb_node *n,
			const char *locale, bool yes, const char *label)
{
	kb_arena *a = l->r->a;
	const char *text = kb_yaml_str(a, n);
	if (!text) {
		err(l, n, "expected a regular expression (a string) in %s", l->where);
		return;
	}
	char msg[256];
	size_t off = 0;
	kb_re *re = kb_re_compile(a, text, msg, sizeof msg, &off);
	int line, col;
	kb_yaml_pos(n, &line, &col);
	if (!re) {
		kb_diag(l->y.diags, KB_DIAG_ERROR, l->y.path, line, col,
			"invalid regex in %s: %s at offset %zu: %s", l->where, msg, off, text);
		l->ok = false;
		return;
	}
	kb_vec_push(a, &l->r->regexes, re);
	kb_pattern *p = KB_NEW(a, kb_pattern);
	p->locale = locale;
	p->text = text;
	p->file = l->y.path;
	p->line = line;
	p->column = col;
	p->re = re;
	p->pf = kb_prefilter_add(l->r->pf, text);
	p->yes = yes;
	p->label = label;
	kb_vec_push(a, pats, p);
	kb_vec_push(a, &l->r->patterns, p);
}

static void add_list(loader *l, kb_vec *pats, kb_node *n, const char *locale,
		     bool yes, const char *label)
{
	if (kb_yaml_is_seq(n)) {
		void *it = NULL;
		kb_node *c;
		while ((c = kb_yaml_seq_next(n, &it)) != NULL)
			add_pattern(l, pats, c, locale, yes, label);
	} else {
		add_pattern(l, pats, n, locale, yes, label);
	}
}

/* {en: [..], vi: [..]} or a plain list (any locale). */
static void read_localized(loader *l, kb_vec *pats, kb_node *n, bool yes,
			   const char *label)
{
	if (!n)
		return;
	if (!kb_yaml_is_map(n)) {
		add_list(l, pats, n, "any", yes, label);
		return;
	}
	void *it = NULL;
	kb_pair *p;
	while ((p = kb_yaml_map_next(n, &it)) != NULL) {
		const char *key = kb_yaml_str(l->r->a, kb_yaml_key(p));
		/* A language through the gate (base/locale.h): "vi-VN" patterns
		 * are "vi" ones, and every "vi" is one pointer. */
		const char *loc = key && !strcmp(key, "any") ? "any" : kb_locale_of(key);
		if (!loc) {
			err(l, kb_yaml_key(p), "locale keys must be language tags (en, vi, th, "
						    "vi-VN...) or 'any' in %s",
			    l->where);
			continue;
		}
		add_list(l, pats, kb_yaml_value(p), loc, yes, label);
	}
}

static kb_patterns to_patterns(kb_arena *a, const kb_vec *v)
{
	int *pf = KB_NEWN(a, int, v->len ? v->len : 1);
	kb_patterns ps = {KB_NEWN(a, kb_pattern, v->len ? v->len : 1), v->len, pf, -1};
	bool side_by_side = v->len > 0;
	for (size_t i = 0; i < v->len; i++) {
		ps.items[i] = *(kb_pattern *)v->items[i];
		pf[i] = ps.items[i].pf;
		side_by_side &= pf[i] >= 0 && pf[i] == pf[0] + (int)i;
	}
	if (side_by_side)
		ps.pf0 = pf[0];
	return ps;
}

static void check_keys(loader *l, kb_node *map, const char *const *known,
		       const char *what)
{
	void *it = NULL;
	kb_pair *p;
	while ((p = kb_yaml_map_next(map, &it)) != NULL) {
		const char *k = kb_yaml_str(l->r->a, kb_yaml_key(p));
		bool ok = false;
		for (int i = 0; k && known[i]; i++)
			ok |= strcmp(k, known[i]) == 0;
		if (!ok) {
			kb_buf b = KB_BUF_INIT;
			kb_buf_printf(&b, "unknown key '%s' in %s (known:", k ? k : "?", what);
			for (int i = 0; known[i]; i++)
				kb_buf_printf(&b, " %s", known[i]);
			kb_buf_puts(&b, ")");
			kb_yaml_diag(&l->y, kb_yaml_key(p), KB_DIAG_ERROR, "%s", kb_buf_cstr(&b));
			kb_buf_free(&b);
			l->ok = false;
		}
	}
}

static void read_qualifiers(loader *l, kb_node *n)
{
	kb_arena *a = l->r->a;
	if (!kb_yaml_is_map(n)) {
		err(l, n, "%s must be a mapping of qualifier -> value -> patterns", "'qualifiers'");
		return;
	}
	void *it = NULL;
	kb_pair *p;
	while ((p = kb_yaml_map_next(n, &it)) != NULL) {
		kb_qualifier *q = KB_NEW(a, kb_qualifier);
		q->name = kb_yaml_str(a, kb_yaml_key(p));
		kb_node *vals = kb_yaml_value(p);
		if (q->name && !safe_name(l, kb_yaml_key(p), "a qualifier", q->name))
			continue;
		if (!q->name || !kb_yaml_is_map(vals)) {
			err(l, kb_yaml_key(p), "qualifier '%s' must map values to patterns",
			    q->name ? q->name : "?");
			continue;
		}
		kb_vec pats = {0};
		void *it2 = NULL;
		kb_pair *vp;
		while ((vp = kb_yaml_map_next(vals, &it2)) != NULL) {
			const char *label = kb_yaml_str(a, kb_yaml_key(vp));
			if (!safe_name(l, kb_yaml_key(vp), "a qualifier value", label))
				continue;
			l->where = kb_sprintf(a, "qualifier %s=%s", q->name, label ? label : "?");
			read_localized(l, &pats, kb_yaml_value(vp), true, label);
		}
		q->values = to_patterns(a, &pats);
		/* A value group names the value itself: a brand, a product. */
		for (size_t i = 0; i < q->values.n; i++)
			q->values.items[i].names = strstr(q->values.items[i].text, "(?<value>") != NULL;
		kb_vec_push(a, &l->r->qualifiers, q);
	}
}

static void read_grammar(loader *l, kb_node *n)
{
	/* In kb_grammar's order; NULL-terminated for check_keys. */
	static const char *const names[KB_GRAMMAR_N + 1] = {
	    "processes", "acts",  "offers", "closed",	  "affirm",	"deny",	  "examples", "generic",
	    "refused",	 "triggers", "steps", "waived", "increments", "afterwards", "windows", NULL};
	if (!kb_yaml_is_map(n)) {
		err(l, n,
		    "%s must be a mapping of processes, acts, offers, closed, affirm, deny, examples, "
		    "generic, refused, triggers, steps, waived, increments, afterwards, windows -> patterns",
		    "'grammar'");
		return;
	}
	check_keys(l, n, names, "grammar");
	for (int g = 0; g < KB_GRAMMAR_N; g++) {
		l->where = kb_sprintf(l->r->a, "grammar %s", names[g]);
		read_localized(l, &l->r->grammar[g], kb_yaml_get(n, names[g]), true, NULL);
	}
}

static const kb_qualifier *find_qualifier(kb_rules *r, const char *name)
{
	for (size_t i = r->qualifiers.len; i-- > 0;) {
		const kb_qualifier *q = r->qualifiers.items[i];
		if (strcmp(q->name, name) == 0)
			return q;
	}
	return NULL;
}

static void read_attribute(loader *l, kb_topic *t, kb_attribute *at,
			   kb_node *key, kb_node *n)
{
	kb_arena *a = l->r->a;
	at->name = kb_yaml_str(a, key);
	if (!safe_name(l, key, "an attribute", at->name)) {
		at->name = NULL;
		return;
	}
	l->where = kb_sprintf(a, "topic %s, attribute %s", t->id, at->name ? at->name : "?");
	if (!kb_yaml_is_map(n)) {
		err(l, key, "%s must be a mapping with 'type'", l->where);
		return;
	}
	static const char *const known[] = {"type", "title", "cue", "unless", "yes", "no",
					    "values", "bound", "acts", NULL};
	check_keys(l, n, known, l->where);
	const char *type = kb_yaml_str(a, kb_yaml_get(n, "type"));
	at->type = type ? kb_vkind_parse(type) : KB_V_NONE;
	if (at->type == KB_V_NONE) {
		kb_yaml_diag(&l->y, kb_yaml_get(n, "type") ? kb_yaml_get(n, "type") : key,
			     KB_DIAG_ERROR,
			     "%s: unknown attribute type '%s' (bool, duration, money, number, "
			     "percent, count, enum, timerange, weekdays)",
			     l->where, type ? type : "(missing)");
		l->ok = false;
		return;
	}
	at->title = kb_yaml_str(a, kb_yaml_get(n, "title"));
	kb_node *acts = kb_yaml_get(n, "acts");
	if (acts) {
		bool ok;
		at->acts = kb_yaml_bool(acts, &ok);
		if (!ok)
			err(l, acts, "%s: 'acts' must be true or false", l->where);
	}
	kb_node *bound = kb_yaml_get(n, "bound");
	if (bound) {
		const char *b = kb_yaml_str(a, bound);
		bool numeric = at->type == KB_V_DURATION || at->type == KB_V_MONEY ||
			       at->type == KB_V_NUMBER || at->type == KB_V_PERCENT ||
			       at->type == KB_V_COUNT;
		if (b && numeric && !strcmp(b, "at_least"))
			at->bound = KB_BOUND_AT_LEAST;
		else if (b && numeric && !strcmp(b, "at_most"))
			at->bound = KB_BOUND_AT_MOST;
		else
			err(l, bound,
			    "%s: 'bound' must be at_least or at_most, on a duration, money, "
			    "number, percent or count attribute",
			    l->where);
	}
	kb_vec cues = {0}, unless = {0}, yn = {0};
	read_localized(l, &cues, kb_yaml_get(n, "cue"), true, NULL);
	read_localized(l, &unless, kb_yaml_get(n, "unless"), true, NULL);
	if (at->type == KB_V_BOOL) {
		read_localized(l, &yn, kb_yaml_get(n, "yes"), true, "yes");
		read_localized(l, &yn, kb_yaml_get(n, "no"), false, "no");
		if (yn.len == 0)
			err(l, key, "%s: a bool attribute needs 'yes' and/or 'no' patterns", l->where);
	} else if (at->type == KB_V_ENUM) {
		kb_node *vals = kb_yaml_get(n, "values");
		void *it = NULL;
		kb_pair *p;
		while (kb_yaml_is_map(vals) && (p = kb_yaml_map_next(vals, &it)) != NULL) {
			const char *label = kb_yaml_str(a, kb_yaml_key(p));
			if (safe_name(l, kb_yaml_key(p), "an enum value", label))
				read_localized(l, &yn, kb_yaml_value(p), true, label);
		}
		if (yn.len == 0)
			err(l, key, "%s: an enum attribute needs 'values: {label: patterns}'", l->where);
	} else if (!kb_yaml_get(n, "cue")) {
		err(l, key, "%s: needs 'cue' patterns saying which sentences state it", l->where);
	}
	at->cues = to_patterns(a, &cues);
	at->unless = to_patterns(a, &unless);
	at->yes_no = to_patterns(a, &yn);
}

static void add_expect(loader *l, kb_rule_test *rt, const char **ks, const char **vs,
		       const char *attr, kb_node *n)
{
	const char *val = kb_yaml_str(l->r->a, n);
	if (!val) {
		err(l, n, "expected a value (a string) for '%s'", attr);
		return;
	}
	ks[rt->nexpect] = attr;
	vs[rt->nexpect] = val;
	rt->nexpect++;
}

static void read_tests(loader *l, kb_topic *t, kb_node *n)
{
	kb_arena *a = l->r->a;
	if (!kb_yaml_is_seq(n)) {
		err(l, n, "%s: 'tests' must be a list", t->id);
		return;
	}
	size_t cap = (size_t)kb_yaml_seq_count(n);
	t->tests = KB_NEWN(a, kb_rule_test, cap ? cap : 1);
	void *it = NULL;
	kb_node *c;
	while ((c = kb_yaml_seq_next(n, &it)) != NULL) {
		kb_rule_test *rt = &t->tests[t->ntests];
		rt->file = l->y.path;
		int col;
		kb_yaml_pos(c, &rt->line, &col);
		void *it2 = NULL;
		kb_pair *p;
		while (kb_yaml_is_map(c) && (p = kb_yaml_map_next(c, &it2)) != NULL) {
			const char *k = kb_yaml_str(a, kb_yaml_key(p));
			kb_node *v = kb_yaml_value(p);
			if (!k)
				continue;
			if (!strcmp(k, "expect")) {
				const char *s = kb_yaml_str(a, v);
				if (s && !strcmp(s, "none")) {
					rt->none = true;
					continue;
				}
				if (!kb_yaml_is_map(v)) {
					err(l, v, "%s", "'expect' must be a mapping attribute -> value, or none");
					continue;
				}
				/* attribute: value, or attribute: [value, ...] */
				size_t m = 0;
				void *it3 = NULL;
				kb_pair *e;
				while ((e = kb_yaml_map_next(v, &it3)) != NULL) {
					kb_node *ev = kb_yaml_value(e);
					m += kb_yaml_is_seq(ev) ? (size_t)kb_yaml_seq_count(ev) : 1;
				}
				const char **ks = KB_NEWN(a, const char *, m + 1);
				const char **vs = KB_NEWN(a, const char *, m + 1);
				it3 = NULL;
				while ((e = kb_yaml_map_next(v, &it3)) != NULL) {
					const char *attr = kb_yaml_str(a, kb_yaml_key(e));
					kb_node *ev = kb_yaml_value(e);
					if (!attr || !kb_topic_attr(t, attr)) {
						err(l, kb_yaml_key(e),
						    "expected value for an unknown attribute '%s'",
						    attr ? attr : "?");
						continue;
					}
					if (!kb_yaml_is_seq(ev)) {
						add_expect(l, rt, ks, vs, attr, ev);
						continue;
					}
					void *it4 = NULL;
					kb_node *one;
					while ((one = kb_yaml_seq_next(ev, &it4)) != NULL)
						add_expect(l, rt, ks, vs, attr, one);
				}
				rt->attrs = ks;
				rt->expects = vs;
			} else if (!strcmp(k, "question")) {
				rt->question = kb_yaml_str(a, v);
			} else if (kb_locale_of(k)) {
				rt->locale = kb_locale_of(k);
				rt->text = kb_yaml_str(a, v);
			} else {
				err(l, kb_yaml_key(p), "unknown key '%s' in a test", k);
			}
		}
		if (!rt->text) {
			err(l, c, "%s", "a test needs a sentence under a locale key (en: ...)");
			continue;
		}
		t->ntests++;
	}
}

static void read_topic(loader *l, kb_node *key, kb_node *n)
{
	kb_arena *a = l->r->a;
	kb_topic *t = KB_NEW(a, kb_topic);
	t->id = kb_yaml_str(a, key);
	t->pack = l->pack;
	t->file = l->y.path;
	int col;
	kb_yaml_pos(key, &t->line, &col);
	if (t->id && !safe_name(l, key, "a topic", t->id))
		return;
	if (!t->id || !kb_yaml_is_map(n)) {
		err(l, key, "topic '%s' must be a mapping", t->id ? t->id : "?");
		return;
	}
	if (kb_rules_find(l->r, t->id)) {
		err(l, key, "topic '%s' is defined twice", t->id);
		return;
	}
	static const char *const known[] = {"title", "about", "qualifiers", "attributes",
					    "cases", "tests", NULL};
	check_keys(l, n, known, kb_sprintf(a, "topic %s", t->id));
	t->title = kb_yaml_str(a, kb_yaml_get(n, "title"));
	kb_node *cases = kb_yaml_get(n, "cases");
	if (cases) {
		const char *v = kb_yaml_str(a, cases);
		if (v && !strcmp(v, "pages"))
			t->page_cases = true;
		else
			err(l, cases, "%s", "'cases' must be 'pages' (a page whose title names a "
					    "subject is a case of its own)");
	}
	kb_node *about = kb_yaml_get(n, "about");
	kb_vec q = {0}, ans = {0};
	l->where = kb_sprintf(a, "topic %s, about", t->id);
	if (kb_yaml_is_map(about)) {
		read_localized(l, &q, kb_yaml_get(about, "question"), true, NULL);
		read_localized(l, &ans, kb_yaml_get(about, "answer"), true, NULL);
	}
	if (q.len + ans.len == 0)
		err(l, key, "topic '%s' needs 'about: {question: ..., answer: ...}' patterns", t->id);
	t->about_question = to_patterns(a, &q);
	t->about_answer = to_patterns(a, &ans);

	kb_node *quals = kb_yaml_get(n, "qualifiers");
	if (quals) {
		size_t m = kb_yaml_is_seq(quals) ? (size_t)kb_yaml_seq_count(quals) : 0;
		t->qualifiers = KB_NEWN(a, const kb_qualifier *, m + 1);
		void *it = NULL;
		kb_node *c;
		while (kb_yaml_is_seq(quals) && (c = kb_yaml_seq_next(quals, &it)) != NULL) {
			const char *name = kb_yaml_str(a, c);
			const kb_qualifier *qq = name ? find_qualifier(l->r, name) : NULL;
			if (!qq)
				err(l, c, "unknown qualifier '%s' (define it under 'qualifiers:' first)",
				    name ? name : "?");
			else
				t->qualifiers[t->nqualifiers++] = qq;
		}
		if (!kb_yaml_is_seq(quals))
			err(l, quals, "%s", "'qualifiers' must be a list of qualifier names");
	}

	kb_node *attrs = kb_yaml_get(n, "attributes");
	if (!kb_yaml_is_map(attrs)) {
		err(l, key, "topic '%s' needs 'attributes' (a mapping)", t->id);
	} else {
		size_t m = (size_t)kb_yaml_map_count(attrs);
		t->attrs = KB_NEWN(a, kb_attribute, m ? m : 1);
		void *it = NULL;
		kb_pair *p;
		while ((p = kb_yaml_map_next(attrs, &it)) != NULL) {
			kb_attribute *at = &t->attrs[t->nattrs];
			bool before = l->ok;
			l->ok = true;
			read_attribute(l, t, at, kb_yaml_key(p), kb_yaml_value(p));
			if (at->name && at->type != KB_V_NONE)
				t->nattrs++;
			l->ok = l->ok && before;
		}
	}
	kb_node *tests = kb_yaml_get(n, "tests");
	if (tests)
		read_tests(l, t, tests);
	kb_vec_push(a, &l->r->topics, t);
}

static bool load_file(kb_rules *r, kb_diags *d, const char *path)
{
	kb_buf b = KB_BUF_INIT;
	if (!kb_read_settings(d, "rule pack", path, r->within, r->max, &b)) {
		kb_buf_free(&b);
		return false;
	}
	size_t len = b.len;
	char *data = kb_buf_detach(&b);
	loader l = {.r = r, .ok = true};
	const char *p = kb_strdup(r->a, path);
	r->hash = kb_hash(r->hash, p, strlen(p) + 1);
	r->hash = kb_hash(r->hash, data, len);
	if (!kb_yaml_parse(&l.y, d, p, data, len, false)) {
		free(data);
		return false;
	}
	kb_vec_push(r->a, &r->packs, (void *)p);
	kb_node *root = kb_yaml_root(&l.y);
	if (!kb_yaml_is_map(root)) {
		kb_yaml_diag(&l.y, root, KB_DIAG_ERROR, "a rule pack must be a mapping");
		kb_yaml_close(&l.y);
		free(data);
		return false;
	}
	static const char *const known[] = {"kbcheck", "pack", "description", "qualifiers",
					    "grammar", "topics", NULL};
	check_keys(&l, root, known, "a rule pack");
	const char *fmt = kb_yaml_str(r->a, kb_yaml_get(root, "kbcheck"));
	if (!fmt || strcmp(fmt, "rules/1") != 0)
		kb_yaml_diag(&l.y, kb_yaml_get(root, "kbcheck") ? kb_yaml_get(root, "kbcheck") : root,
			     KB_DIAG_ERROR, "missing or unknown format marker: expected 'kbcheck: rules/1'"),
		    l.ok = false;
	l.pack = kb_yaml_str(r->a, kb_yaml_get(root, "pack"));
	if (!l.pack)
		l.pack = p;
	kb_node *q = kb_yaml_get(root, "qualifiers");
	if (q)
		read_qualifiers(&l, q);
	kb_node *g = kb_yaml_get(root, "grammar");
	if (g)
		read_grammar(&l, g);
	kb_node *topics = kb_yaml_get(root, "topics");
	if (!topics && g) {
		/* A pack of grammar (and qualifiers) alone. */
	} else if (!kb_yaml_is_map(topics)) {
		kb_yaml_diag(&l.y, topics ? topics : root, KB_DIAG_ERROR,
			     "'topics' must be a mapping of topic id -> topic");
		l.ok = false;
	} else {
		void *it = NULL;
		kb_pair *pr;
		while ((pr = kb_yaml_map_next(topics, &it)) != NULL)
			read_topic(&l, kb_yaml_key(pr), kb_yaml_value(pr));
	}
	kb_yaml_close(&l.y);
	free(data);
	return l.ok;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool load_path(kb_rules *r, kb_diags *d, const char *path);

bool kb_rules_load(kb_rules *r, kb_diags *d, const char *path)
{
	bool ok = load_path(r, d, path);
	kb_prefilter_build(r->pf);
	for (int g = 0; g < KB_GRAMMAR_N; g++)
		r->grammar_p[g] = to_patterns(r->a, &r->grammar[g]);
	return ok;
}

static bool load_path(kb_rules *r, kb_diags *d, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "rule pack not found");
		return false;
	}
	if (!S_ISDIR(st.st_mode))
		return load_file(r, d, path);
	DIR *dir = opendir(path);
	if (!dir) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot list rule directory");
		return false;
	}
	kb_vec names = {0};
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] != '.' && n > 4 &&
		    (strcmp(e->d_name + n - 4, ".yml") == 0 || (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0)))
			kb_vec_push(r->a, &names, kb_sprintf(r->a, "%s/%s", path, e->d_name));
	}
	closedir(dir);
	if (names.len)
		qsort(names.items, names.len, sizeof(void *), str_cmp);
	bool ok = true;
	for (size_t i = 0; i < names.len; i++)
		ok &= load_file(r, d, names.items[i]);
	return ok;
}

static bool patterns_speak(const kb_patterns *ps, const char *locale)
{
	for (size_t i = 0; i < ps->n; i++)
		if (!locale || !strcmp(ps->items[i].locale, locale) ||
		    !strcmp(ps->items[i].locale, "any"))
			return true;
	return false;
}

bool kb_rules_speak(const kb_rules *r, const char *locale)
{
	for (size_t i = 0; i < r->topics.len; i++) {
		const kb_topic *t = r->topics.items[i];
		for (size_t k = 0; k < t->nattrs; k++)
			if (patterns_speak(&t->attrs[k].cues, locale) ||
			    patterns_speak(&t->attrs[k].yes_no, locale))
				return true;
	}
	return false;
}

size_t kb_rules_ntopics(const kb_rules *r) { return r->topics.len; }
const kb_topic *kb_rules_topic(const kb_rules *r, size_t i) { return r->topics.items[i]; }
size_t kb_rules_npacks(const kb_rules *r) { return r->packs.len; }
const char *kb_rules_pack_path(const kb_rules *r, size_t i) { return r->packs.items[i]; }

const kb_topic *kb_rules_find(const kb_rules *r, const char *id)
{
	for (size_t i = 0; i < r->topics.len; i++) {
		const kb_topic *t = r->topics.items[i];
		if (strcmp(t->id, id) == 0)
			return t;
	}
	return NULL;
}

const kb_attribute *kb_topic_attr(const kb_topic *t, const char *name)
{
	for (size_t i = 0; i < t->nattrs; i++)
		if (strcmp(t->attrs[i].name, name) == 0)
			return &t->attrs[i];
	return NULL;
}

void kb_attribute_value(const kb_attribute *at, kb_value *v)
{
	if (v->kind == KB_V_TIMERANGE)
		v->days = 0;
	if (at->bound == KB_BOUND_EXACT || v->bound != KB_BOUND_EXACT)
		return;
	v->bound = at->bound;
	if (at->bound == KB_BOUND_AT_LEAST)
		v->max = NAN;
	else
		v->min = NAN;
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *kb_rules_default_dir(kb_arena *a, const char *argv0)
{
	const char *env = getenv("KBCHECK_RULES");
	if (env && *env)
		return kb_strdup(a, env);
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			const char *cand = kb_sprintf(a, "%s/../share/kbcheck/rules", self);
			if (is_dir(cand))
				return cand;
		}
	}
	(void)argv0;
	/* A binary in a build tree uses the rules of its source tree. */
	if (is_dir(KB_RULES_SOURCE_DIR))
		return KB_RULES_SOURCE_DIR;
	return KB_RULES_INSTALL_DIR;
}
