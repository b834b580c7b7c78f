/* dialogflow.c - JSON access, answer text and linked files for the
 * Dialogflow parsers; the two parsers of files that only give context
 * (agent.json, training phrases), and their detection. */
#include "../base/text.h"
#include "dialogflow.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/buf.h"
#include "faq_util.h"
#include "scalar.h"

enum { MAX_DEPTH = 32 };

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* ---- JSON ----------------------------------------------------------------- */

kb_node *df_json_open(df_json *j, kb_diags *d, const kb_source *src)
{
	return kb_json_open(j, d, src->path, src->data, src->len);
}

void df_json_close(df_json *j) { kb_yaml_close(j); }

const char *df_strdup(kb_arena *a, kb_node *n)
{
	size_t len;
	const char *s = kb_json_str(n, &len);
	return s ? kb_faq_clean(a, s, len) : NULL;
}

bool df_scalar_is(kb_node *n, const char *s)
{
	if (!kb_yaml_is_scalar(n))
		return false;
	size_t len;
	const char *v = kb_yaml_scalar(n, &len);
	return v && len == strlen(s) && memcmp(v, s, len) == 0;
}

static kb_node *first_scalar(kb_node *n, int depth)
{
	if (!n || depth > MAX_DEPTH)
		return NULL;
	if (kb_yaml_is_scalar(n))
		return n;
	void *it = NULL;
	if (kb_yaml_is_map(n)) {
		kb_pair *p = kb_yaml_map_next(n, &it);
		return p ? kb_yaml_key(p) : NULL;
	}
	kb_node *c = kb_yaml_seq_next(n, &it);
	return first_scalar(c, depth + 1);
}

size_t df_offset(kb_node *n, size_t fallback)
{
	size_t s, e;
	kb_node *sc = first_scalar(n, 0);
	if (!sc || !kb_yaml_span(sc, &s, &e))
		return fallback;
	/* The span of a string leaves its quotes out: point at the quote. */
	if (kb_yaml_style(sc) == '"' && s > 0)
		s--;
	return s;
}

/* Offset of the first byte of JSON text in data (after a BOM and blanks);
 * len when there is none. */
static size_t text_start(const char *data, size_t len)
{
	size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len && is_blank(data[i]))
		i++;
	return i;
}

size_t df_doc_start(const kb_source *src)
{
	size_t i = text_start(src->data, src->len);
	return i < src->len ? i : 0;
}

void df_diag(kb_parse_ctx *ctx, kb_diag_level level, size_t off, const char *fmt, ...)
{
	int line, col;
	kb_source_pos(ctx->source, off, &line, &col);
	kb_buf b = KB_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	kb_diag(ctx->diags, level, ctx->source->path, line, col, "%s", kb_buf_cstr(&b));
	kb_buf_free(&b);
}

/* ---- strings -------------------------------------------------------------- */

bool df_add_string(kb_textb *tb, kb_node *n, size_t *start, size_t *end)
{
	size_t vlen, s, e;
	if (!kb_json_str(n, &vlen))
		return false;
	bool located = kb_yaml_span(n, &s, &e) && s <= e && e <= tb->src->len;
	if (located) {
		*start = s;
		*end = e;
	}
	kb_scalar_text(tb, n);
	if (located)
		kb_textb_window(tb, e, e);
	return true;
}

/* Keys whose strings are text shown to the customer. */
static bool text_key(const char *k, size_t n)
{
	static const char *const keys[] = {
	    "text",   "title",         "subtitle",        "description", "displayText",
	    "speech", "formattedText", "fulfillmentText", "textToSpeech", NULL};
	for (int i = 0; keys[i]; i++)
		if (strlen(keys[i]) == n && memcmp(keys[i], k, n) == 0)
			return true;
	return false;
}

static bool is_url(const char *s, size_t n)
{
	return (n >= 7 && strncasecmp(s, "http://", 7) == 0) ||
	       (n >= 8 && strncasecmp(s, "https://", 8) == 0);
}

static void payload(kb_textb *tb, kb_node *n, bool texty, int depth,
		    size_t *start, size_t *end)
{
	if (!n || depth > MAX_DEPTH)
		return;
	void *it = NULL;
	if (kb_yaml_is_scalar(n)) {
		size_t len, s, e;
		const char *v = kb_json_str(n, &len);
		if (!texty || !v || is_url(v, len))
			return;
		kb_textb_break(tb);
		if (df_add_string(tb, n, &s, &e) && s <= e) {
			if (*start == (size_t)-1 || s < *start)
				*start = s;
			if (e > *end)
				*end = e;
		}
	} else if (kb_yaml_is_seq(n)) {
		kb_node *c;
		while ((c = kb_yaml_seq_next(n, &it)))
			payload(tb, c, texty, depth + 1, start, end);
	} else if (kb_yaml_is_map(n)) {
		kb_pair *p;
		while ((p = kb_yaml_map_next(n, &it))) {
			size_t kn;
			const char *k = kb_json_str(kb_yaml_key(p), &kn);
			if (k)
				payload(tb, kb_yaml_value(p), text_key(k, kn),
					depth + 1, start, end);
		}
	}
}

void df_add_payload(kb_textb *tb, kb_node *n, size_t *start, size_t *end)
{
	payload(tb, n, false, 0, start, end);
}

/* ---- languages and linked files ------------------------------------------- */

const char *df_locale(kb_arena *a, kb_node *n, const char **raw)
{
	size_t len;
	const char *s = kb_json_str(n, &len);
	*raw = NULL;
	const char *loc = s ? kb_locale_tag(s, len) : NULL;
	if (!loc)
		return NULL;
	char *r = kb_strndup(a, s, len);
	for (char *p = r; *p; p++)
		*p = *p == '_' ? '-' : (*p >= 'A' && *p <= 'Z') ? (char)(*p | 0x20) : *p;
	*raw = r;
	return loc;
}


kb_node *df_open_linked(kb_parse_ctx *ctx, const char *path, df_json *j)
{
	const kb_source *s = kb_parse_find_source(ctx, path);
	if (!s || s == ctx->source)
		return NULL;
	/* Its own problems are reported when it is parsed as a source. */
	kb_diags *quiet = kb_diags_new(ctx->arena);
	return df_json_open(j, quiet, s);
}

const char *df_agent_locale(kb_parse_ctx *ctx, const char *path, const char **raw)
{
	df_json j;
	*raw = NULL;
	kb_node *root = df_open_linked(ctx, path, &j);
	if (!root)
		return NULL;
	kb_node *l = kb_yaml_get(root, "language");
	if (!l)
		l = kb_yaml_get(root, "defaultLanguageCode");
	const char *loc = df_locale(ctx->arena, l, raw);
	df_json_close(&j);
	return loc;
}

const char *df_first_phrase(kb_arena *a, kb_node *list, const char *lang)
{
	if (!kb_yaml_is_seq(list))
		return NULL;
	void *it = NULL;
	kb_node *item;
	while ((item = kb_yaml_seq_next(list, &it))) {
		if (lang) {
			kb_node *l = kb_yaml_get(item, "lang");
			const char *raw, *loc =
			    df_locale(a, l ? l : kb_yaml_get(item, "languageCode"), &raw);
			if (loc && strcmp(loc, lang) != 0)
				continue;
		}
		kb_node *parts = kb_yaml_get(item, "data");
		if (!parts)
			parts = kb_yaml_get(item, "parts");
		if (!kb_yaml_is_seq(parts))
			continue;
		kb_buf b = KB_BUF_INIT;
		void *pit = NULL;
		kb_node *part;
		while ((part = kb_yaml_seq_next(parts, &pit))) {
			size_t n;
			const char *t = kb_json_str(kb_yaml_get(part, "text"), &n);
			if (t)
				kb_buf_put(&b, t, n);
		}
		const char *q = kb_faq_clean(a, kb_buf_cstr(&b), b.len);
		kb_buf_free(&b);
		if (q)
			return q;
	}
	return NULL;
}

/* ---- paths and detection -------------------------------------------------- */

bool df_path_has_dir(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	for (const char *p = path; (p = strstr(p, dir)); p += n)
		if ((p == path || p[-1] == '/') && p[n] == '/')
			return true;
	return false;
}

bool df_has_key(const char *data, size_t len, const char *key)
{
	size_t k = strlen(key);
	const char *end = data + len;
	for (const char *p = data; p < end;) {
		p = memmem(p, (size_t)(end - p), key, k);
		if (!p)
			return false;
		const char *q = p + k;
		if (p > data && p[-1] == '"' && q < end && *q == '"') {
			for (q++; q < end && is_blank(*q); q++)
				;
			if (q < end && *q == ':')
				return true;
		}
		p += k;
	}
	return false;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

const char *df_stem(kb_arena *a, const char *path)
{
	const char *name = base_name(path);
	size_t n = strlen(name);
	if (n > 5 && strcasecmp(name + n - 5, ".json") == 0)
		n -= 5;
	return kb_strndup(a, name, n);
}

/* The first byte of the JSON text is c. */
static bool starts_with(const char *data, size_t len, char c)
{
	size_t i = text_start(data, len);
	return i < len && data[i] == c;
}

/* ---- files that only give context ----------------------------------------- */

/* ES intents/<Name>_usersays_<lang>.json: a list of {"data": [...]};
 * CX intents/<Name>/trainingPhrases/<lang>.json: {"trainingPhrases": [...]}. */
int kb_detect_dialogflow_usersays(const char *path, const char *data, size_t len)
{
	if (!df_path_has_dir(path, "intents"))
		return 0;
	if (strstr(base_name(path), "_usersays_") && starts_with(data, len, '['))
		return 60;
	if (df_path_has_dir(path, "trainingPhrases") && starts_with(data, len, '{') &&
	    df_has_key(data, len, "trainingPhrases"))
		return 60;
	return 0;
}

int kb_detect_dialogflow_agent(const char *path, const char *data, size_t len)
{
	if (strcmp(base_name(path), "agent.json") != 0 || !starts_with(data, len, '{'))
		return 0;
	return df_has_key(data, len, "language") || df_has_key(data, len, "defaultLanguageCode")
		   ? 60
		   : 0;
}

/* Both are read by the answer parsers through ctx->sources; parsing them
 * as sources of their own reports their syntax errors once. */
static void check_json(kb_parse_ctx *ctx)
{
	df_json j;
	if (df_json_open(&j, ctx->diags, ctx->source))
		df_json_close(&j);
}

void kb_parse_dialogflow_usersays(kb_parse_ctx *ctx) { check_json(ctx); }

void kb_parse_dialogflow_agent(kb_parse_ctx *ctx) { check_json(ctx); }
