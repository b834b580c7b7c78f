/* yaml.c - libfyaml wrapper with positions. */
#include "yaml.h"

#include <libfyaml.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"

/* ---- alias bombs ---------------------------------------------------------
 *
 * Resolving aliases copies the anchored node at each alias, so nine
 * aliases to a list of nine aliases to ... ("billion laughs") grow a 1 kB
 * file into gigabytes.  Before resolving, the size the document would
 * have is counted without building it: each anchored node is counted once
 * and its size remembered for its aliases.  Aliases may add as many nodes
 * as the document has, or ALIAS_FLOOR for a small file that shares lists
 * on purpose; a document they would grow more is refused. */

/* ALIAS_DEPTH: nodes within nodes, alias hops included (libfyaml itself
 * stops documents at 64 levels). */
enum { ALIAS_FLOOR = 100000, ALIAS_DEPTH = 1000 };

typedef struct alias_count {
	kb_node **node; /* open addressing: anchored nodes ... */
	size_t *size;          /* ... and their sizes; 0 while being counted */
	size_t cap, n;
	size_t own;            /* nodes in the document, an alias counting one */
	kb_node *first_alias;
	kb_node *bad;   /* an alias that cannot be resolved safely */
	const char *why;       /* ... and why */
} alias_count;

static size_t *memo(alias_count *c, kb_node *n, bool add)
{
	if (add && (c->n + 1) * 2 > c->cap) {
		alias_count old = *c;
		c->cap = c->cap ? c->cap * 2 : 64;
		c->node = calloc(c->cap, sizeof *c->node);
		c->size = calloc(c->cap, sizeof *c->size);
		if (!c->node || !c->size)
			abort();
		c->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.node[i])
				*memo(c, old.node[i], true) = old.size[i];
		free(old.node);
		free(old.size);
	}
	if (!c->cap)
		return NULL;
	size_t i = (size_t)(((uintptr_t)n >> 4) * 0x9E3779B97F4A7C15u) & (c->cap - 1);
	for (;; i = (i + 1) & (c->cap - 1)) {
		if (c->node[i] == n)
			return &c->size[i];
		if (!c->node[i])
			break;
	}
	if (!add)
		return NULL;
	c->node[i] = n;
	c->n++;
	return &c->size[i];
}

static size_t sat_add(size_t a, size_t b) { return a > SIZE_MAX - b ? SIZE_MAX : a + b; }

static size_t refuse(alias_count *c, kb_node *alias, const char *why)
{
	if (!c->bad) {
		c->bad = alias;
		c->why = why;
	}
	return SIZE_MAX;
}

/* Nodes under n once its aliases are resolved (saturating). */
static size_t expanded(alias_count *c, kb_node *n, int depth)
{
	if (!n)
		return 0;
	c->own++;
	if (fy_node_is_alias(n)) {
		if (!c->first_alias)
			c->first_alias = n;
		/* Only an alias to an anchor: libfyaml would also take an
		 * alias such as "*" "/" as a path into the document. */
		kb_node *t = fy_node_resolve_alias(n);
		if (!t || !fy_node_get_anchor(t))
			return refuse(c, n, "an alias that names no anchor");
		size_t *m = memo(c, t, false);
		if (m && *m == 0)
			return refuse(c, n, "an alias inside the node it refers to");
		if (m)
			return *m;
		if (depth >= ALIAS_DEPTH)
			return refuse(c, n, "aliases to anchors further down, nested too deep");
		c->own--; /* t is counted where it stands, not here */
		size_t own = c->own, size = expanded(c, t, depth + 1);
		c->own = own + 1;
		return size;
	}
	if (depth >= ALIAS_DEPTH)
		return refuse(c, n, "nodes nested too deep");
	bool anchored = fy_node_get_anchor(n) != NULL;
	if (anchored)
		*memo(c, n, true) = 0;
	size_t total = 1;
	void *it = NULL;
	if (fy_node_is_mapping(n)) {
		struct fy_node_pair *p;
		while ((p = fy_node_mapping_iterate(n, &it)) != NULL)
			total = sat_add(total, sat_add(expanded(c, fy_node_pair_key(p), depth + 1),
						       expanded(c, fy_node_pair_value(p), depth + 1)));
	} else if (fy_node_is_sequence(n)) {
		kb_node *e;
		while ((e = fy_node_sequence_iterate(n, &it)) != NULL)
			total = sat_add(total, expanded(c, e, depth + 1));
	}
	if (anchored)
		*memo(c, n, true) = total ? total : 1;
	return total;
}

/* Resolves the aliases (and merge keys) of y->doc, unless they refer to
 * themselves or would blow the document up: then says so and returns
 * false.  libfyaml's own resolution errors go to its diagnostics. */
static bool resolve_aliases(kb_yaml *y, bool json, bool *refused)
{
	void *it = NULL;
	*refused = false;
	if (!fy_document_anchor_iterate(y->doc, &it))
		return true; /* no anchor, so no alias */
	alias_count c = {0};
	size_t total = expanded(&c, fy_document_root(y->doc), 0);
	free(c.node);
	free(c.size);
	size_t allowed = c.own > ALIAS_FLOOR ? c.own : ALIAS_FLOOR;
	const char *kind = json ? "JSON" : "YAML";
	if (c.bad) {
		kb_yaml_diag(y, c.bad, KB_DIAG_ERROR, "invalid %s: %s: not read", kind, c.why);
		*refused = true;
		return false;
	}
	if (total == SIZE_MAX || total - c.own > allowed) {
		kb_yaml_diag(y, c.first_alias, KB_DIAG_ERROR,
			     "%s aliases would expand this document from %zu nodes to over %zu (an alias bomb?): not read",
			     kind, c.own, c.own + allowed);
		*refused = true;
		return false;
	}
	return fy_document_resolve(y->doc) == 0;
}

/* libfyaml 0.7.12 (Debian 12) leaves its indentation stack broken when it
 * stops at a tab after a block indicator ("? n:<TAB>:" is enough):
 * destroying that parser frees an indent twice and crashes (the family of
 * libfyaml issue #57, closed upstream).  A parser that stopped at a
 * tab error is therefore never destroyed: it is kept here, reachable,
 * until the process ends.  It costs a few kilobytes, and only files with
 * tab indentation errors make one. */
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fy_parser **kept;
static size_t nkept, capkept;

/* Did libfyaml stop at a tab ("cannot use tab for indentation ...",
 * "invalid tab ...")? */
static bool tab_error(struct fy_diag *diag)
{
	void *it = NULL;
	struct fy_diag_error *err;
	while ((err = fy_diag_errors_iterate(diag, &it)) != NULL)
		if (err->type >= FYET_ERROR && err->msg && strstr(err->msg, "tab"))
			return true;
	return false;
}

static void parser_done(struct fy_parser *fyp, struct fy_diag *diag)
{
	if (!tab_error(diag)) {
		fy_parser_destroy(fyp);
		return;
	}
	pthread_mutex_lock(&kept_lock);
	if (nkept == capkept) {
		size_t cap = capkept ? capkept * 2 : 16;
		struct fy_parser **k = realloc(kept, cap * sizeof *k);
		if (k) {
			kept = k;
			capkept = cap;
		}
	}
	if (nkept < capkept)
		kept[nkept++] = fyp;
	pthread_mutex_unlock(&kept_lock);
}

/* What fy_document_build_from_string does, with the parser's end in our
 * hands (parser_done): the first document, then the rest of the stream
 * read through, so errors after it are reported too. */
static struct fy_document *build_document(const struct fy_parse_cfg *cfg, struct fy_diag *diag,
					  const char *data, size_t len)
{
	struct fy_parser *fyp = fy_parser_create(cfg);
	if (!fyp)
		return NULL;
	struct fy_document *doc = NULL;
	if (fy_parser_set_string(fyp, data, len) == 0)
		doc = fy_parse_load_document(fyp);
	if (doc) {
		struct fy_event *ev;
		bool end = false;
		while (!end && (ev = fy_parser_parse(fyp)) != NULL) {
			end = ev->type == FYET_STREAM_END;
			fy_parser_event_free(fyp, ev);
		}
	}
	parser_done(fyp, diag);
	return doc;
}

/* libfyaml's default diagnostics ask whether stderr is a terminal (an
 * ioctl) each time: once is enough, and kbcheck collects the errors, it
 * never lets libfyaml print them. */
static pthread_once_t diag_once = PTHREAD_ONCE_INIT;
static struct fy_diag_cfg diag_cfg;

static void diag_defaults(void)
{
	fy_diag_cfg_default(&diag_cfg);
	diag_cfg.fp = NULL;
	diag_cfg.colorize = false;
}

bool kb_yaml_parse(kb_yaml *y, kb_diags *d, const char *path, const char *data,
		   size_t len, bool json)
{
	memset(y, 0, sizeof *y);
	y->path = path;
	y->diags = d;
	/* libfyaml 0.7 loops forever on some invalid UTF-8 ("%\x86"), and YAML
	 * and JSON are Unicode text anyway.  Knowledge-base files arrive here
	 * repaired by the walker; the config, rule packs and policy do not. */
	size_t bad;
	if (!kb_utf8_valid(data, len, &bad)) {
		int line = 1, col = 1;
		for (size_t i = 0; i < bad; i++) {
			if (data[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
				col++;
			}
		}
		kb_diag(d, KB_DIAG_ERROR, path, line, col, "%s: %s", json ? "invalid JSON" : "invalid YAML",
			data[bad] ? "invalid UTF-8 byte sequence" : "NUL byte");
		return false;
	}
	struct fy_diag_cfg dcfg;
	pthread_once(&diag_once, diag_defaults);
	dcfg = diag_cfg;
	struct fy_diag *diag = fy_diag_create(&dcfg);
	if (!diag) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot create YAML diagnostics");
		return false;
	}
	fy_diag_set_collect_errors(diag, true);
	/* Not FYPCF_RESOLVE_DOCUMENT: aliases are resolved only once it is
	 * known that they do not explode (resolve_aliases). */
	struct fy_parse_cfg cfg = {
	    .flags = FYPCF_QUIET | (json ? FYPCF_JSON_FORCE : FYPCF_JSON_NONE),
	    .diag = diag,
	};
	y->doc = build_document(&cfg, diag, data, len);
	bool ok = y->doc != NULL;
	bool refused = false;
	if (ok && !fy_diag_got_error(diag) && !resolve_aliases(y, json, &refused))
		ok = false;
	void *it = NULL;
	struct fy_diag_error *err;
	bool reported = false;
	while ((err = fy_diag_errors_iterate(diag, &it)) != NULL) {
		if (err->type < FYET_ERROR)
			continue;
		/* libfyaml's collected errors are already 1-based. */
		kb_diag(d, KB_DIAG_ERROR, path, err->line, err->column,
			"%s: %s", json ? "invalid JSON" : "invalid YAML", err->msg);
		reported = true;
	}
	if (!ok && !reported && !refused)
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "%s could not be parsed",
			json ? "JSON" : "YAML");
	if (y->doc && (reported || !ok)) {
		fy_document_destroy(y->doc);
		y->doc = NULL;
		ok = false;
	}
	fy_diag_destroy(diag); /* unref would keep the collected errors */
	return ok;
}

void kb_yaml_close(kb_yaml *y)
{
	if (y->doc)
		fy_document_destroy(y->doc);
	y->doc = NULL;
	free(y->copy);
	y->copy = NULL;
}

kb_node *kb_json_open(kb_yaml *y, kb_diags *d, const char *path, const char *data, size_t len)
{
	char *copy = NULL;
	if (memchr(data, '\r', len)) {
		copy = malloc(len + 1);
		if (!copy)
			abort();
		for (size_t i = 0; i < len; i++)
			copy[i] = data[i] == '\r' ? ' ' : data[i];
		copy[len] = '\0';
		data = copy;
	}
	if (!kb_yaml_parse(y, d, path, data, len, true)) {
		free(copy);
		return NULL;
	}
	y->copy = copy;
	kb_node *root = kb_yaml_root(y);
	if (!root)
		kb_yaml_close(y);
	return root;
}

static void silent(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
	(void)diag;
	(void)user;
	(void)buf;
	(void)len;
}

bool kb_json_parse_lenient(kb_yaml *y, const char *data, size_t len, int *line, int *column,
			   kb_buf *msg)
{
	memset(y, 0, sizeof *y);
	*line = *column = -1;
	kb_buf_clear(msg);
	struct fy_diag_cfg dc;
	fy_diag_cfg_default(&dc);
	dc.fp = NULL;
	dc.output_fn = silent;
	dc.level = FYET_ERROR;
	struct fy_diag *diag = fy_diag_create(&dc);
	if (!diag)
		abort();
	fy_diag_set_collect_errors(diag, true);
	struct fy_parse_cfg cfg = {
	    .flags = FYPCF_QUIET | FYPCF_JSON_FORCE | FYPCF_ALLOW_DUPLICATE_KEYS,
	    .diag = diag,
	};
	y->doc = fy_document_build_from_string(&cfg, data, len);
	bool ok = y->doc && !fy_diag_got_error(diag);
	if (!ok) {
		void *it = NULL;
		struct fy_diag_error *e = fy_diag_errors_iterate(diag, &it);
		if (e) {
			*line = e->line;
			*column = e->column;
			if (e->msg)
				kb_buf_puts(msg, e->msg);
		}
		kb_yaml_close(y);
	}
	fy_diag_destroy(diag);
	return ok;
}

kb_node *kb_yaml_root(const kb_yaml *y)
{
	return y->doc ? fy_document_root(y->doc) : NULL;
}

static struct fy_token *first_token(kb_node *n, int depth)
{
	if (!n || depth > 64)
		return NULL;
	if (fy_node_is_scalar(n))
		return fy_node_get_scalar_token(n);
	void *it = NULL;
	if (fy_node_is_mapping(n)) {
		struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);
		return p ? first_token(fy_node_pair_key(p), depth + 1) : NULL;
	}
	if (fy_node_is_sequence(n)) {
		kb_node *c = fy_node_sequence_iterate(n, &it);
		return first_token(c, depth + 1);
	}
	return NULL;
}

void kb_yaml_pos(kb_node *n, int *line, int *column)
{
	*line = *column = 0;
	struct fy_token *t = first_token(n, 0);
	const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
	if (m) {
		*line = m->line + 1;
		*column = m->column + 1;
	}
}

bool kb_yaml_span(kb_node *n, size_t *start, size_t *end)
{
	if (!n || !fy_node_is_scalar(n))
		return false;
	struct fy_token *t = fy_node_get_scalar_token(n);
	const struct fy_mark *s = t ? fy_token_start_mark(t) : NULL;
	const struct fy_mark *e = t ? fy_token_end_mark(t) : NULL;
	if (!s || !e)
		return false;
	*start = s->input_pos;
	*end = e->input_pos;
	return true;
}

static void vdiag(const kb_yaml *y, int line, int col, kb_diag_level level, const char *fmt,
		  va_list ap)
{
	kb_buf b = KB_BUF_INIT;
	kb_buf_vprintf(&b, fmt, ap);
	kb_diag(y->diags, level, y->path, line, col, "%s", kb_buf_cstr(&b));
	kb_buf_free(&b);
}

void kb_yaml_diag(const kb_yaml *y, kb_node *n, kb_diag_level level,
		  const char *fmt, ...)
{
	int line, col;
	kb_yaml_pos(n, &line, &col);
	va_list ap;
	va_start(ap, fmt);
	vdiag(y, line, col, level, fmt, ap);
	va_end(ap);
}

void kb_yaml_diag_at(const kb_yaml *y, kb_node *n, size_t at, kb_diag_level level,
		     const char *fmt, ...)
{
	int line, col;
	kb_yaml_pos(n, &line, &col);
	size_t start, end, len;
	const char *v = kb_yaml_scalar(n, &len);
	struct fy_token *t = v ? fy_node_get_scalar_token(n) : NULL;
	const struct fy_mark *sm = t ? fy_token_start_mark(t) : NULL;
	const struct fy_mark *em = t ? fy_token_end_mark(t) : NULL;
	/* As many bytes in the file as in the value, on one line: the value
	 * is written verbatim, so byte `at` is that many characters on. */
	if (sm && em && sm->line == em->line && kb_yaml_span(n, &start, &end) &&
	    end - start == len && at <= len)
		col += (int)kb_utf8_count(v, at);
	va_list ap;
	va_start(ap, fmt);
	vdiag(y, line, col, level, fmt, ap);
	va_end(ap);
}

/* libfyaml 0.7's fy_node_get_scalar miscounts some block and quoted
 * scalars and hands out uninitialised bytes (upstream issues 397, 398):
 * kb_yaml_scalar copies the token's own chunks instead, once per node,
 * kept in the node's meta pointer. */
typedef struct scalar_text {
	size_t len;
	char text[];
} scalar_text;

static void free_scalar_text(kb_node *n, void *meta, void *user)
{
	(void)n;
	(void)user;
	free(meta);
}

const char *kb_yaml_scalar(kb_node *n, size_t *len)
{
	*len = 0;
	if (!n || !fy_node_is_scalar(n))
		return NULL;
	scalar_text *st = fy_node_get_meta(n);
	if (st) {
		*len = st->len;
		return st->text;
	}
	struct fy_token *t = fy_node_get_scalar_token(n);
	struct fy_document *doc = fy_node_document(n);
	if (!t || fy_node_is_alias(n) || !doc)
		return fy_node_get_scalar(n, len); /* null scalars have no token */
	/* The hook frees the copies with the document (registering fails,
	 * harmlessly, when it is there already). */
	(void)fy_document_register_meta(doc, free_scalar_text, NULL);
	struct fy_token_iter *it = fy_token_iter_create(t);
	if (!it)
		abort();
	kb_buf b = KB_BUF_INIT;
	const struct fy_iter_chunk *c = NULL;
	int err = 0;
	while ((c = fy_token_iter_chunk_next(it, c, &err)) != NULL)
		kb_buf_put(&b, c->str, c->len);
	fy_token_iter_destroy(it);
	st = malloc(sizeof *st + b.len + 1);
	if (!st)
		abort();
	st->len = b.len;
	memcpy(st->text, kb_buf_cstr(&b), b.len + 1);
	kb_buf_free(&b);
	if (fy_node_set_meta(n, st) != 0) {
		free(st);
		return fy_node_get_scalar(n, len);
	}
	*len = st->len;
	return st->text;
}

const char *kb_yaml_str(kb_arena *a, kb_node *n)
{
	if (!n || !fy_node_is_scalar(n))
		return NULL;
	size_t len;
	const char *s = kb_yaml_scalar(n, &len);
	return s ? kb_strndup(a, s, len) : NULL;
}

kb_node *kb_yaml_get(kb_node *map, const char *key)
{
	if (!map || !fy_node_is_mapping(map))
		return NULL;
	return fy_node_mapping_lookup_by_string(map, key, FY_NT);
}

bool kb_yaml_is_map(kb_node *n) { return n && fy_node_is_mapping(n); }
bool kb_yaml_is_seq(kb_node *n) { return n && fy_node_is_sequence(n); }
bool kb_yaml_is_scalar(kb_node *n) { return n && fy_node_is_scalar(n); }

bool kb_yaml_bool(kb_node *n, bool *ok)
{
	*ok = false;
	if (!kb_yaml_is_scalar(n))
		return false;
	size_t len;
	const char *s = kb_yaml_scalar(n, &len);
	static const char *const yes[] = {"true", "yes", "on", NULL};
	static const char *const no[] = {"false", "no", "off", NULL};
	for (int i = 0; yes[i]; i++)
		if (len == strlen(yes[i]) && strncasecmp(s, yes[i], len) == 0) {
			*ok = true;
			return true;
		}
	for (int i = 0; no[i]; i++)
		if (len == strlen(no[i]) && strncasecmp(s, no[i], len) == 0) {
			*ok = true;
			return false;
		}
	return false;
}

static char style_in(kb_node *n, size_t at, int depth)
{
	if (!n || depth > 256)
		return 0;
	size_t s, e;
	if (fy_node_is_scalar(n)) {
		if (!kb_yaml_span(n, &s, &e) || at < s || at >= e)
			return 0;
		char st = kb_yaml_style(n);
		return st == 'f' || st == 'b' ? 0 : st;
	}
	void *it = NULL;
	char got = 0;
	if (fy_node_is_sequence(n)) {
		kb_node *c;
		while (!got && (c = fy_node_sequence_iterate(n, &it)) != NULL)
			got = style_in(c, at, depth + 1);
	} else if (fy_node_is_mapping(n)) {
		struct fy_node_pair *p;
		while (!got && (p = fy_node_mapping_iterate(n, &it)) != NULL) {
			got = style_in(fy_node_pair_key(p), at, depth + 1);
			if (!got)
				got = style_in(fy_node_pair_value(p), at, depth + 1);
		}
	}
	return got;
}

char kb_yaml_style_at(const kb_yaml *y, size_t at)
{
	return style_in(kb_yaml_root(y), at, 0);
}

/* ---- walking ------------------------------------------------------------- */

kb_node *kb_yaml_seq_next(kb_node *seq, void **it) { return fy_node_sequence_iterate(seq, it); }
kb_pair *kb_yaml_map_next(kb_node *map, void **it) { return fy_node_mapping_iterate(map, it); }
kb_node *kb_yaml_key(kb_pair *p) { return fy_node_pair_key(p); }
kb_node *kb_yaml_value(kb_pair *p) { return fy_node_pair_value(p); }
int kb_yaml_seq_count(kb_node *seq) { return fy_node_sequence_item_count(seq); }
int kb_yaml_map_count(kb_node *map) { return fy_node_mapping_item_count(map); }
kb_node *kb_yaml_seq_at(kb_node *seq, int i) { return fy_node_sequence_get_by_index(seq, i); }
kb_pair *kb_yaml_map_at(kb_node *map, int i) { return fy_node_mapping_get_by_index(map, i); }

kb_node *kb_yaml_get_key(kb_node *map, const char *key)
{
	return fy_node_mapping_lookup_key_by_string(map, key, FY_NT);
}

char kb_yaml_style(kb_node *n)
{
	if (!n)
		return 0;
	switch (fy_node_get_style(n)) {
	case FYNS_PLAIN:
		return 'p';
	case FYNS_SINGLE_QUOTED:
		return '\'';
	case FYNS_DOUBLE_QUOTED:
		return '"';
	case FYNS_LITERAL:
		return '|';
	case FYNS_FOLDED:
		return '>';
	case FYNS_FLOW:
		return 'f';
	case FYNS_BLOCK:
		return 'b';
	default:
		return 0;
	}
}

const char *kb_json_str(kb_node *n, size_t *len)
{
	if (!n || !fy_node_is_scalar(n) || fy_node_get_style(n) != FYNS_DOUBLE_QUOTED)
		return NULL;
	return kb_yaml_scalar(n, len);
}

bool kb_json_is(kb_node *n, const char *word)
{
	size_t len;
	const char *s;
	return n && fy_node_is_scalar(n) && fy_node_get_style(n) == FYNS_PLAIN &&
	       (s = kb_yaml_scalar(n, &len)) && len == strlen(word) && memcmp(s, word, len) == 0;
}
