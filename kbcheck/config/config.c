/* config.c - kbcheck.yml. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/buf.h"
#include "../base/files.h"
#include "../base/jpath.h"
#include "../base/locale.h"
#include "../base/vec.h"
#include "../base/text.h"
#include "../base/yaml.h"
#include "root.h"

/* Which (glob, path) suffix pairs were tried already: each star tries every
 * rest of the path, so "*a*a*a*a*b" against a long path would take
 * exponential time; a pair tried once is known not to match (a match ends
 * the whole search), so each is tried at most once. */
typedef struct glob_memo {
	const char *g0, *p0;
	size_t plen;
	unsigned char *tried; /* bit per pair; NULL without stars */
} glob_memo;

static bool glob_at(glob_memo *m, const char *g, const char *p)
{
	if (m->tried) {
		size_t k = (size_t)(g - m->g0) * (m->plen + 1) + (size_t)(p - m->p0);
		if (m->tried[k / 8] & (1u << (k % 8)))
			return false;
		m->tried[k / 8] |= (unsigned char)(1u << (k % 8));
	}
	while (*g) {
		if (g[0] == '*' && g[1] == '*') {
			g += 2;
			if (*g == '/')
				g++;
			/* '**' matches any number of path segments, including none. */
			for (const char *q = p;; q++) {
				if (glob_at(m, g, q))
					return true;
				if (!*q)
					return false;
			}
		}
		if (*g == '*') {
			g++;
			for (const char *q = p;; q++) {
				if (glob_at(m, g, q))
					return true;
				if (!*q || *q == '/')
					return false;
			}
		}
		if (!*p)
			return false;
		if (*g == '?') {
			if (*p == '/')
				return false;
		} else if (*g == '[') {
			const char *e = strchr(g + 1, ']');
			if (!e)
				return false;
			bool neg = g[1] == '!' || g[1] == '^';
			bool hit = false;
			for (const char *c = g + 1 + neg; c < e; c++) {
				if (c + 2 < e && c[1] == '-') {
					if (*p >= c[0] && *p <= c[2])
						hit = true;
					c += 2;
				} else if (*c == *p) {
					hit = true;
				}
			}
			if (hit == neg)
				return false;
			g = e;
		} else if (*g != *p) {
			return false;
		}
		g++;
		p++;
	}
	return *p == '\0';
}

bool kb_glob_match(const char *g, const char *p)
{
	glob_memo m = {g, p, strlen(p), NULL};
	if (strchr(g, '*')) {
		m.tried = calloc(((strlen(g) + 1) * (m.plen + 1)) / 8 + 1, 1);
		if (!m.tried)
			abort();
	}
	bool r = glob_at(&m, g, p);
	free(m.tried);
	return r;
}

static const char *join(kb_arena *a, const char *dir, const char *rel)
{
	if (rel[0] == '/' || strcmp(dir, ".") == 0)
		return kb_strdup(a, rel);
	return kb_sprintf(a, "%s/%s", dir, rel);
}

static bool exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

static void str_list(kb_arena *a, const kb_yaml *y, kb_node *n,
		     const char *root, bool resolve, const char *const **out,
		     size_t *nout)
{
	kb_vec v = {0};
	if (kb_yaml_is_scalar(n)) {
		const char *s = kb_yaml_str(a, n);
		kb_vec_push(a, &v, (void *)(resolve ? join(a, root, s) : s));
	} else if (kb_yaml_is_seq(n)) {
		void *it = NULL;
		kb_node *c;
		while ((c = kb_yaml_seq_next(n, &it)) != NULL) {
			const char *s = kb_yaml_str(a, c);
			if (!s) {
				kb_yaml_diag(y, c, KB_DIAG_ERROR, "expected a string");
				continue;
			}
			kb_vec_push(a, &v, (void *)(resolve ? join(a, root, s) : s));
		}
	} else if (n) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "expected a string or a list of strings");
	}
	*out = (const char *const *)v.items;
	*nout = v.len;
}

/* Files are indexed with 32-bit offsets (and UTF-16 grows by half when
 * converted), so the limit itself is limited. */
#define MAX_FILE_SIZE_CAP ((size_t)2 << 30)

static size_t parse_size(const char *s, bool *ok)
{
	char *end;
	double v = strtod(s, &end);
	*ok = end != s && v >= 0; /* false for NaN too */
	while (*end == ' ')
		end++;
	double mul = 1;
	if (!strcasecmp(end, "k") || !strcasecmp(end, "kb") || !strcasecmp(end, "kib"))
		mul = 1024;
	else if (!strcasecmp(end, "m") || !strcasecmp(end, "mb") || !strcasecmp(end, "mib"))
		mul = 1024 * 1024;
	else if (!strcasecmp(end, "g") || !strcasecmp(end, "gb") || !strcasecmp(end, "gib"))
		mul = 1024.0 * 1024 * 1024;
	else if (*end)
		*ok = false;
	/* Checked before the conversion: a double past size_t's range (or
	 * NaN, "inf") has no size_t value. */
	if (!*ok || !(v * mul <= (double)MAX_FILE_SIZE_CAP)) {
		*ok = false;
		return 0;
	}
	return (size_t)(v * mul);
}

static kb_scope read_scope(kb_arena *a, const kb_yaml *y, kb_node *n)
{
	kb_scope s = {0};
	if (!n)
		return s;
	if (!kb_yaml_is_map(n)) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "scope must be a mapping such as {region: north}");
		return s;
	}
	void *it = NULL;
	kb_pair *p;
	while ((p = kb_yaml_map_next(n, &it)) != NULL) {
		const char *k = kb_yaml_str(a, kb_yaml_key(p));
		const char *v = kb_yaml_str(a, kb_yaml_value(p));
		if (!k || !v) {
			kb_yaml_diag(y, kb_yaml_key(p), KB_DIAG_ERROR,
				     "scope entries must be plain key: value pairs");
			continue;
		}
		s = kb_scope_with(a, &s, k, v);
	}
	return s;
}

/* ---- map: where a JSON or YAML file keeps its answers ------------------- */

/* Path n of a map (relative: from each unit), compiled; NULL after saying
 * what is wrong, at the character when it can. */
static const kb_jpath *map_path(kb_arena *a, const kb_yaml *y, kb_node *n,
				bool relative)
{
	size_t len;
	const char *v = kb_yaml_is_scalar(n) ? kb_yaml_scalar(n, &len) : NULL;
	if (!v) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "a path must be a string such as %s",
			     relative ? "\"answer\" or \"@key\"" : "\"$.faqs[*]\"");
		return NULL;
	}
	const char *s = kb_strndup(a, v, len), *err;
	size_t at;
	const kb_jpath *p = kb_jpath_compile(a, s, relative, &at, &err);
	if (!p)
		kb_yaml_diag_at(y, n, at, KB_DIAG_ERROR, "invalid path \"%s\": %s", s, err);
	return p;
}

/* A path or a list of paths; false when one is invalid. */
static bool map_paths(kb_arena *a, const kb_yaml *y, kb_node *n,
		      const kb_jpath *const **out, size_t *nout)
{
	kb_vec v = {0};
	bool ok = true;
	if (kb_yaml_is_seq(n)) {
		void *it = NULL;
		kb_node *c;
		while ((c = kb_yaml_seq_next(n, &it)) != NULL) {
			const kb_jpath *p = map_path(a, y, c, true);
			ok &= p != NULL;
			if (p)
				kb_vec_push(a, &v, (void *)p);
		}
	} else {
		const kb_jpath *p = map_path(a, y, n, true);
		ok = p != NULL;
		if (p)
			kb_vec_push(a, &v, (void *)p);
	}
	*out = (const kb_jpath *const *)v.items;
	*nout = v.len;
	return ok;
}

/* map: {units, answer, question, id, locale}; NULL when it has errors. */
static const kb_map *read_map(kb_arena *a, const kb_yaml *y, kb_node *n)
{
	if (!kb_yaml_is_map(n)) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR,
			     "'map' must be a mapping such as {units: \"$.faqs[*]\", answer: answer}");
		return NULL;
	}
	kb_map *m = KB_NEW(a, kb_map);
	bool ok = true;
	void *it = NULL;
	kb_pair *p;
	while ((p = kb_yaml_map_next(n, &it)) != NULL) {
		kb_node *kn = kb_yaml_key(p), *vn = kb_yaml_value(p);
		const char *key = kb_yaml_str(a, kn);
		if (key && !strcmp(key, "units")) {
			ok &= (m->units = map_path(a, y, vn, false)) != NULL;
		} else if (key && !strcmp(key, "answer")) {
			ok &= map_paths(a, y, vn, &m->answer, &m->nanswer);
		} else if (key && !strcmp(key, "question")) {
			ok &= map_paths(a, y, vn, &m->question, &m->nquestion);
		} else if (key && !strcmp(key, "id")) {
			ok &= (m->id = map_path(a, y, vn, true)) != NULL;
		} else if (key && !strcmp(key, "locale")) {
			ok &= (m->locale = map_path(a, y, vn, true)) != NULL;
		} else {
			kb_yaml_diag(y, kn, KB_DIAG_ERROR,
				     "unknown key '%s' in a map (units, answer, question, id, locale)",
				     key ? key : "?");
			ok = false;
		}
	}
	return ok ? m : NULL;
}

static void read_sources(kb_arena *a, const kb_yaml *y, kb_node *n,
			 kb_config *c)
{
	if (!kb_yaml_is_seq(n)) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "'sources' must be a list of {glob: ..., ...}");
		return;
	}
	size_t cap = (size_t)kb_yaml_seq_count(n);
	kb_source_rule *rules = KB_NEWN(a, kb_source_rule, cap ? cap : 1);
	size_t k = 0;
	void *it = NULL;
	kb_node *e;
	while ((e = kb_yaml_seq_next(n, &it)) != NULL) {
		const char *glob = kb_yaml_str(a, kb_yaml_get(e, "glob"));
		if (!glob) {
			kb_yaml_diag(y, e, KB_DIAG_ERROR, "a sources entry needs 'glob'");
			continue;
		}
		kb_source_rule *r = &rules[k++];
		r->glob = glob;
		r->format = kb_yaml_str(a, kb_yaml_get(e, "format"));
		kb_node *ln = kb_yaml_get(e, "locale");
		const char *tag = kb_yaml_str(a, ln);
		r->locale = kb_locale_of(tag);
		if (tag && !r->locale)
			kb_yaml_diag(y, ln, KB_DIAG_ERROR,
				     "locale '%s' is not a language tag (en, vi, th, vi-VN, en_US...)",
				     tag);
		const char *ch = kb_yaml_str(a, kb_yaml_get(e, "channel"));
		if (ch) {
			r->channel = kb_channel_parse(ch);
			if (r->channel == KB_CHANNEL_UNKNOWN)
				kb_yaml_diag(y, kb_yaml_get(e, "channel"), KB_DIAG_ERROR,
					     "unknown channel '%s' (faq, chatbot, macro)", ch);
		}
		r->scope = read_scope(a, y, kb_yaml_get(e, "scope"));
		kb_node *mn = kb_yaml_get(e, "map");
		if (mn && (r->map = read_map(a, y, mn)) != NULL) {
			if (!r->format) {
				r->format = "mapped";
			} else if (strcmp(r->format, "mapped") != 0) {
				kb_yaml_diag(y, kb_yaml_get(e, "format"), KB_DIAG_ERROR,
					     "a map is read by format 'mapped', not '%s'", r->format);
				r->map = NULL;
			}
		}
		void *it2 = NULL;
		kb_pair *p;
		while ((p = kb_yaml_map_next(e, &it2)) != NULL) {
			const char *key = kb_yaml_str(a, kb_yaml_key(p));
			static const char *const known[] = {"glob",  "format", "locale",
							    "channel", "scope", "map", NULL};
			bool ok = false;
			for (int i = 0; key && known[i]; i++)
				ok |= strcmp(key, known[i]) == 0;
			if (!ok)
				kb_yaml_diag(y, kb_yaml_key(p), KB_DIAG_WARNING,
					     "unknown key '%s' in a sources entry", key ? key : "?");
		}
	}
	c->sources = rules;
	c->nsources = k;
}

/* labels: {"Emergency support": {tier: emergency}, "Note": ignore}. */
static void read_labels(kb_arena *a, const kb_yaml *y, kb_node *n, kb_config *c)
{
	if (!kb_yaml_is_map(n)) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "'labels' must be a mapping of label -> "
						  "{qualifier: value} or ignore");
		return;
	}
	size_t cap = (size_t)kb_yaml_map_count(n), k = 0;
	kb_label_map *m = KB_NEWN(a, kb_label_map, cap ? cap : 1);
	void *it = NULL;
	kb_pair *p;
	while ((p = kb_yaml_map_next(n, &it)) != NULL) {
		const char *label = kb_yaml_str(a, kb_yaml_key(p));
		kb_node *v = kb_yaml_value(p);
		const char *word = kb_yaml_is_scalar(v) ? kb_yaml_str(a, v) : NULL;
		if (!label || !*label) {
			kb_yaml_diag(y, kb_yaml_key(p), KB_DIAG_ERROR, "a label must be text");
			continue;
		}
		kb_label_map *e = &m[k];
		e->folded = kb_text_fold(a, label, strlen(label));
		if (word && !strcmp(word, "ignore")) {
			e->ignore = true;
		} else if (kb_yaml_is_map(v)) {
			e->scope = read_scope(a, y, v);
			if (!e->scope.n)
				continue;
		} else {
			kb_yaml_diag(y, v, KB_DIAG_ERROR,
				     "label '%s' must map to {qualifier: value} or ignore", label);
			continue;
		}
		k++;
	}
	c->labels = m;
	c->nlabels = k;
}

/* report: {source_url: TEMPLATE}; the audit report substitutes {rev},
 * {path}, {line} and {column}. */
static void read_report(kb_arena *a, const kb_yaml *y, kb_node *n, kb_config *c)
{
	if (!kb_yaml_is_map(n)) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "'report' must be a mapping such as "
						  "{source_url: \"https://...{path}#L{line}\"}");
		return;
	}
	void *it = NULL;
	kb_pair *p;
	while ((p = kb_yaml_map_next(n, &it)) != NULL) {
		const char *key = kb_yaml_str(a, kb_yaml_key(p));
		kb_node *vn = kb_yaml_value(p);
		if (key && !strcmp(key, "source_url")) {
			const char *v = kb_yaml_str(a, vn);
			if (v && (!strncmp(v, "https://", 8) || !strncmp(v, "http://", 7)))
				c->report_source_url = v;
			else
				kb_yaml_diag(y, vn, KB_DIAG_ERROR,
					     "'source_url' must be an http(s) URL template such as "
					     "https://git.example/kb/blob/{rev}/{path}#L{line}");
		} else {
			kb_yaml_diag(y, kb_yaml_key(p), KB_DIAG_WARNING,
				     "unknown key '%s' in 'report'", key ? key : "?");
		}
	}
}

/* A true/false key; anything else is an error and *flag keeps its
 * default. */
static void read_flag(const kb_yaml *y, kb_node *n, const char *key, bool *flag)
{
	bool ok;
	bool v = kb_yaml_bool(n, &ok);
	if (ok)
		*flag = v;
	else
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "'%s' must be true or false", key);
}

/* topics: {order.cancel: error, shipping.fee: off, order.cancel.window: note} */
static void read_topics(kb_arena *a, const kb_yaml *y, kb_node *n, kb_config *c)
{
	if (!kb_yaml_is_map(n)) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "'topics' must be a mapping such as "
						  "{order.cancel: error, shipping.fee: off}");
		return;
	}
	kb_topic_setting *t = KB_NEWN(a, kb_topic_setting,
				      (size_t)kb_yaml_map_count(n) + 1);
	size_t k = 0;
	void *it = NULL;
	kb_pair *p;
	while ((p = kb_yaml_map_next(n, &it)) != NULL) {
		const char *name = kb_yaml_str(a, kb_yaml_key(p));
		kb_node *vn = kb_yaml_value(p);
		const char *v = kb_yaml_is_scalar(vn) ? kb_yaml_str(a, vn) : NULL;
		bool ok = false;
		bool on = v && kb_yaml_bool(vn, &ok);
		bool off = ok && !on;
		bool sev = v && (!strcmp(v, "error") || !strcmp(v, "warning") || !strcmp(v, "note"));
		if (ok && on)
			continue; /* on: the default */
		if (!name || (!off && !sev)) {
			kb_yaml_diag(y, vn ? vn : kb_yaml_key(p), KB_DIAG_ERROR,
				     "a topic takes off, error, warning or note, not %s",
				     v ? kb_sprintf(a, "'%s'", v) : "a list or mapping");
			continue;
		}
		t[k] = (kb_topic_setting){name, off ? NULL : v, 0, 0};
		kb_yaml_pos(kb_yaml_key(p), &t[k].line, &t[k].column);
		k++;
	}
	c->topics = t;
	c->ntopics = k;
}

const kb_topic_setting *kb_config_topic(const kb_config *c, const char *topic,
					const char *attribute)
{
	const kb_topic_setting *whole = NULL;
	size_t tl = strlen(topic);
	for (size_t i = 0; i < c->ntopics; i++) {
		const char *n = c->topics[i].name;
		if (strncmp(n, topic, tl) != 0)
			continue;
		if (!n[tl])
			whole = &c->topics[i];
		else if (attribute && n[tl] == '.' && !strcmp(n + tl + 1, attribute))
			return &c->topics[i];
	}
	return whole;
}

/* policy.yml at the root, unless kbcheck.yml names another. */
static void default_policy(kb_arena *a, kb_config *c)
{
	const char *def = join(a, c->root, "policy.yml");
	if (!c->policy && exists(def))
		c->policy = def;
}

/* One line of .kbcheckignore as a glob of the walk (gitignore's common
 * forms): "/drafts" is anchored at the KB root, "drafts" or "*.bak" (no
 * '/' but a trailing one) matches at any depth, a trailing '/' names a
 * folder.  NULL for a blank line or a comment. */
static const char *ignore_glob(kb_arena *a, const char *line, size_t n)
{
	while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
		n--;
	if (!n || line[0] == '#')
		return NULL;
	const char *pat = kb_strndup(a, line, n);
	size_t len = n;
	while (len > 1 && pat[len - 1] == '/')
		len--;
	pat = kb_strndup(a, pat, len);
	if (pat[0] == '/')
		return pat + 1;
	return strchr(pat, '/') ? pat : kb_sprintf(a, "**/%s", pat);
}

/* .kbcheckignore at the KB root: globs added to `ignore:`, one a line. */
static void read_kbcheckignore(kb_arena *a, kb_diags *d, kb_config *c)
{
	const char *path = join(a, c->root, ".kbcheckignore");
	if (!exists(path))
		return;
	kb_buf b = KB_BUF_INIT;
	bool got = kb_read_settings(d, "the ignore file", path, c->root, c->max_file_size, &b);
	kb_vec v = {0};
	for (size_t i = 0; i < c->nignore; i++)
		kb_vec_push(a, &v, (void *)c->ignore[i]);
	const char *text = kb_buf_cstr(&b);
	int line = 0;
	for (const char *p = text; got && *p;) {
		size_t n = strcspn(p, "\n");
		line++;
		const char *g = p[0] == '!' ? NULL : ignore_glob(a, p, n);
		if (p[0] == '!')
			kb_diag(d, KB_DIAG_WARNING, path, line, 1,
				"a negated pattern is not supported: the line is skipped");
		else if (g)
			kb_vec_push(a, &v, (void *)g);
		p += n + (p[n] == '\n');
	}
	kb_buf_free(&b);
	c->ignore = (const char *const *)v.items;
	c->nignore = v.len;
}

/* What a KB root holds besides kbcheck.yml: policy.yml, .kbcheckignore. */
static void root_files(kb_arena *a, kb_diags *d, kb_config *c)
{
	default_policy(a, c);
	read_kbcheckignore(a, d, c);
}

/* An empty kbcheck.yml (or one of comments only) marks the KB root and
 * keeps every default: no YAML document, and no error. */
static bool no_document(const char *data, size_t len)
{
	bool comment = false;
	for (size_t i = 0; i < len; i++) {
		char ch = data[i];
		if (ch == '\n' || ch == '\r') /* CR alone ends a line too */
			comment = false;
		else if (ch == '#')
			comment = true;
		else if (!comment && ch != ' ' && ch != '\t')
			return false;
	}
	return true;
}

static kb_config *config_new(kb_arena *a)
{
	kb_config *c = KB_NEW(a, kb_config);
	c->root = ".";
	c->shipped_rules = true;
	c->gitignore = true;
	c->max_file_size = 64u * 1024 * 1024;
	return c;
}

kb_config *kb_config_load_root(kb_arena *a, kb_diags *d, const char *dir)
{
	const char *yml = join(a, dir, "kbcheck.yml");
	if (exists(yml)) {
		kb_config *c = kb_config_load(a, d, yml, NULL);
		c->root_why = "kbcheck.yml";
		return c;
	}
	kb_config *c = config_new(a);
	c->root = kb_path_shown(a, dir);
	c->root_why = "folder given";
	root_files(a, d, c);
	return c;
}

kb_config *kb_config_load(kb_arena *a, kb_diags *d, const char *path,
			  const char *dir)
{
	kb_config *c = config_new(a);
	c->root_why = "--config";
	/* A kbcheck.yml found in the KB is read only inside its folder (a link
	 * to /etc/shadow is not followed); one named with -c, wherever it is. */
	const char *within = NULL;
	if (path) {
		path = kb_path_shown(a, path);
	} else {
		kb_root r = kb_root_find(a, dir ? dir : ".");
		path = r.config;
		c->root_why = r.why;
		if (!path) {
			c->root = r.dir;
			root_files(a, d, c);
			return c;
		}
		const char *slash = strrchr(path, '/');
		within = slash ? kb_strndup(a, path, (size_t)(slash - path)) : ".";
	}
	kb_buf b = KB_BUF_INIT;
	if (!kb_read_settings(d, "the config file", path, within, c->max_file_size, &b)) {
		kb_buf_free(&b);
		return c;
	}
	size_t len = b.len;
	char *data = kb_buf_detach(&b);
	c->path = kb_strdup(a, path);
	const char *slash = strrchr(path, '/');
	c->root = slash ? kb_strndup(a, path, (size_t)(slash - path)) : ".";
	if (c->root[0] == '\0')
		c->root = "/";
	kb_yaml y;
	if (no_document(data, len) || !kb_yaml_parse(&y, d, c->path, data, len, false)) {
		free(data);
		root_files(a, d, c);
		return c;
	}
	kb_node *root = kb_yaml_root(&y);
	if (root && !kb_yaml_is_map(root)) {
		kb_yaml_diag(&y, root, KB_DIAG_ERROR, "the config must be a mapping");
		root = NULL;
	}
	void *it = NULL;
	kb_pair *p;
	while (root && (p = kb_yaml_map_next(root, &it)) != NULL) {
		kb_node *kn = kb_yaml_key(p), *vn = kb_yaml_value(p);
		const char *key = kb_yaml_str(a, kn);
		if (!key) {
			kb_yaml_diag(&y, kn, KB_DIAG_ERROR, "keys must be strings");
		} else if (!strcmp(key, "rules")) {
			str_list(a, &y, vn, c->root, true, &c->rules, &c->nrules);
		} else if (!strcmp(key, "shipped_rules")) {
			read_flag(&y, vn, key, &c->shipped_rules);
		} else if (!strcmp(key, "policy")) {
			const char *s = kb_yaml_str(a, vn);
			if (s)
				c->policy = join(a, c->root, s);
			else
				kb_yaml_diag(&y, vn, KB_DIAG_ERROR, "'policy' must be a path");
		} else if (!strcmp(key, "ignore")) {
			str_list(a, &y, vn, c->root, false, &c->ignore, &c->nignore);
		} else if (!strcmp(key, "max_file_size")) {
			const char *s = kb_yaml_str(a, vn);
			bool ok = false;
			size_t v = s ? parse_size(s, &ok) : 0;
			if (ok && v > 0)
				c->max_file_size = v;
			else
				kb_yaml_diag(&y, vn, KB_DIAG_ERROR,
					     "'max_file_size' must be a size such as 64MiB, at most 2GiB");
		} else if (!strcmp(key, "labels")) {
			read_labels(a, &y, vn, c);
		} else if (!strcmp(key, "sources")) {
			read_sources(a, &y, vn, c);
		} else if (!strcmp(key, "report")) {
			read_report(a, &y, vn, c);
		} else if (!strcmp(key, "gitignore")) {
			read_flag(&y, vn, key, &c->gitignore);
		} else if (!strcmp(key, "topics")) {
			read_topics(a, &y, vn, c);
		} else {
			kb_yaml_diag(&y, kn, KB_DIAG_WARNING, "unknown key '%s'", key);
		}
	}
	root_files(a, d, c);
	kb_yaml_close(&y);
	free(data);
	return c;
}

/* realpath() reads every component of a path (a readlink each): for the
 * hundreds of thousands of files of a big KB that is most of the walk.  The
 * root's real path and the last directory's are remembered (per thread),
 * and a file that is not a symlink is its directory's real path plus its
 * name. */
typedef struct {
	char *root_key, *root_real;
	char *dir_key, *dir_real;
} realpath_cache;

static _Thread_local realpath_cache rpc;

static void remember(char **key, char **real, const char *k, size_t kn, const char *r)
{
	free(*key);
	free(*real);
	*key = strndup(k, kn);
	*real = r ? strdup(r) : NULL;
}

static char *real_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	struct stat lst;
	if (!slash || slash == path || !slash[1] || lstat(path, &lst) != 0 || S_ISLNK(lst.st_mode) ||
	    !strcmp(slash + 1, ".") || !strcmp(slash + 1, ".."))
		return realpath(path, NULL);
	size_t dn = (size_t)(slash - path);
	if (!rpc.dir_key || strlen(rpc.dir_key) != dn || memcmp(rpc.dir_key, path, dn) != 0) {
		char *dir = strndup(path, dn);
		char *real = dir ? realpath(dir, NULL) : NULL;
		remember(&rpc.dir_key, &rpc.dir_real, path, dn, real);
		free(real);
		free(dir);
	}
	if (!rpc.dir_real)
		return NULL;
	size_t rn = strlen(rpc.dir_real), bn = strlen(slash + 1);
	char *r = malloc(rn + bn + 2);
	if (!r)
		return NULL;
	memcpy(r, rpc.dir_real, rn);
	r[rn] = '/';
	memcpy(r + rn + 1, slash + 1, bn + 1);
	return r;
}

const char *kb_config_relpath(kb_arena *a, const kb_config *c, const char *path)
{
	if (strcmp(c->root, ".") == 0) {
		/* "kb/" and "kb" are one folder: its files' relpaths (and so
		 * fingerprints) must not have "kb//en". */
		const char *p = path[0] == '.' && path[1] == '/' ? path + 2 : path;
		size_t n = strlen(p);
		while (n > 1 && p[n - 1] == '/')
			n--;
		return p[n] ? kb_strndup(a, p, n) : p;
	}
	if (!rpc.root_key || strcmp(rpc.root_key, c->root) != 0) {
		char *real = realpath(c->root, NULL);
		remember(&rpc.root_key, &rpc.root_real, c->root, strlen(c->root), real);
		free(real);
	}
	const char *rr = rpc.root_real;
	char *rp = real_path(path);
	const char *res = NULL;
	if (rr && rp) {
		size_t n = strlen(rr);
		if (strncmp(rp, rr, n) == 0 && rp[n] == '/')
			res = kb_strdup(a, rp + n + 1);
	}
	free(rp);
	return res;
}
