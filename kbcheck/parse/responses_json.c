/* responses_json.c - intent -> responses datasets (parser "intent-responses").
 *
 * A shape common to chatbot datasets and simple bot exports: a list of
 * intents, each with the answers the bot gives.
 *
 *     [{"intent": "cancel_order", "category": "ORDER",
 *       "patterns": ["How do I cancel my order?"],
 *       "responses": ["You can cancel within 24 hours.", "..."]}]
 *
 * The intent's name is "intent", "name" or "tag"; its answers "responses"
 * or "answers" (an array of strings; a lone string is one answer); its
 * example questions "patterns" or "questions" (the first is the units'
 * question); "category" becomes the heading.  The list is the top-level
 * array, or the "intents" array of a top-level object (the intents.json
 * of many chatbot tutorials: tag, patterns, responses).
 *
 * Each response is a unit, id "<intent>/<i>" (i from 0, in the order of
 * the file), its text the JSON string mapped to the file through its
 * escapes (helpdesk_text.c), its span the string.  Values of the wrong
 * type are warnings at their position and skipped.
 */
#include <string.h>

#include "helpdesk.h"

static const char *const name_keys[] = {"intent", "name", "tag", NULL};
static const char *const answer_keys[] = {"responses", "answers", NULL};
static const char *const question_keys[] = {"patterns", "questions", NULL};

/* The first of keys present in object n, or NULL; its name in *key. */
static kb_node *get_any(kb_node *n, const char *const *keys, const char **key)
{
	for (size_t i = 0; keys[i]; i++) {
		kb_node *v = kb_yaml_get(n, keys[i]);
		if (v) {
			if (key)
				*key = keys[i];
			return v;
		}
	}
	return NULL;
}

/* The first pattern, cleaned; NULL when there is none. */
static const char *first_question(hd_doc *d, kb_node *n)
{
	const char *key;
	kb_node *q = get_any(n, question_keys, &key);
	if (!q || kb_json_is(q, "null"))
		return NULL;
	if (!kb_yaml_is_seq(q)) {
		hd_wrong_type(d, q, kb_sprintf(d->ctx->arena, "\"%s\"", key), "an array of strings",
			      false);
		return NULL;
	}
	void *it = NULL;
	kb_node *e;
	size_t len;
	while ((e = kb_yaml_seq_next(q, &it))) {
		const char *s = kb_json_str(e, &len);
		if (s && (s = kb_faq_clean(d->ctx->arena, s, len)))
			return s;
	}
	return NULL;
}

/* Response i of intent `name`: one unit. */
static void response(hd_doc *d, kb_node *r, const char *name, size_t i,
		     const char *question, const char *category)
{
	kb_parse_ctx *ctx = d->ctx;
	kb_arena *a = ctx->arena;
	kb_json_strmap m;
	if (!kb_json_strmap_init(&m, ctx->source->data, ctx->source->len, r)) {
		if (!kb_json_is(r, "null"))
			hd_wrong_type(d, r, kb_sprintf(a, "response %zu of '%s'", i, name), "a string",
				      true);
		return;
	}
	kb_textb tb;
	kb_textb_init(&tb, ctx->source);
	hd_add_plain(&tb, &m);
	if (!kb_textb_empty(&tb)) {
		kb_unit *u = kb_unit_new(ctx);
		kb_textb_finish(&tb, kb_parse_texts(ctx), u);
		u->id = kb_faq_ids_take(a, &d->ids, kb_sprintf(a, "%s/%zu", name, i));
		u->question = question;
		if (category) {
			const char **h = KB_NEWN(a, const char *, 1);
			h[0] = category;
			u->headings = h;
			u->nheadings = 1;
		}
		u->loc = hd_loc(d, m.from, m.to);
		kb_emit_unit(ctx, u);
	}
	kb_textb_free(&tb);
	kb_json_strmap_free(&m);
}

/* Intent number index of the list. */
static void intent(hd_doc *d, kb_node *n, size_t index)
{
	if (!kb_yaml_is_map(n)) {
		hd_wrong_type(d, n, "intent", "an object", true);
		return;
	}
	const char *key;
	kb_node *list = get_any(n, answer_keys, &key);
	if (!list)
		return; /* an intent without static answers */
	d->found = true;
	kb_arena *a = d->ctx->arena;
	const char *name = hd_scalar(a, get_any(n, name_keys, NULL));
	if (!name)
		name = kb_sprintf(a, "intent-%zu", index);
	const char *question = first_question(d, n);
	const char *category = hd_scalar(a, kb_yaml_get(n, "category"));
	size_t len;
	if (kb_json_str(list, &len)) {
		response(d, list, name, 0, question, category);
		return;
	}
	if (!kb_yaml_is_seq(list)) {
		if (!kb_json_is(list, "null"))
			hd_wrong_type(d, list, kb_sprintf(a, "\"%s\"", key), "an array of strings",
				      true);
		return;
	}
	void *it = NULL;
	kb_node *r;
	for (size_t i = 0; (r = kb_yaml_seq_next(list, &it)); i++)
		response(d, r, name, i, question, category);
}

void kb_parse_intent_responses(kb_parse_ctx *ctx)
{
	hd_doc d;
	kb_node *root = hd_open(&d, ctx);
	if (!root) {
		hd_close(&d);
		return;
	}
	kb_node *list = kb_yaml_is_map(root) ? kb_yaml_get(root, "intents") : root;
	if (kb_yaml_is_seq(list)) {
		void *it = NULL;
		kb_node *n;
		for (size_t i = 0; (n = kb_yaml_seq_next(list, &it)); i++)
			intent(&d, n, i);
	}
	if (!d.found)
		kb_diag(ctx->diags, KB_DIAG_WARNING, ctx->source->path, 0, 0,
			"no intents with responses found in this file "
			"([{\"intent\": ..., \"responses\": [...]}])");
	hd_close(&d);
}

/* ---- detection -------------------------------------------------------------
 * The keys of the list's first object, read without parsing the file (it
 * may be large): the top array's first element, or the first element of
 * a top object's "intents". */

typedef struct scan {
	const char *d;
	size_t len, i;
} scan;

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static void ws(scan *s)
{
	while (s->i < s->len && blank(s->d[s->i]))
		s->i++;
}

static bool at(scan *s, char c)
{
	ws(s);
	if (s->i < s->len && s->d[s->i] == c) {
		s->i++;
		return true;
	}
	return false;
}

/* Skips the string at s->i (after its opening quote); its content in
 * [*from, *to).  false when it does not end. */
static bool string(scan *s, size_t *from, size_t *to)
{
	*from = s->i;
	while (s->i < s->len && s->d[s->i] != '"')
		s->i += s->d[s->i] == '\\' ? 2 : 1;
	if (s->i >= s->len)
		return false;
	*to = s->i++;
	return true;
}

/* Skips one value; false at the end of the window or on a syntax error. */
static bool value(scan *s)
{
	ws(s);
	if (s->i >= s->len)
		return false;
	size_t a, b;
	if (s->d[s->i] == '"') {
		s->i++;
		return string(s, &a, &b);
	}
	if (s->d[s->i] != '{' && s->d[s->i] != '[') {
		while (s->i < s->len && !blank(s->d[s->i]) && s->d[s->i] != ',' &&
		       s->d[s->i] != '}' && s->d[s->i] != ']')
			s->i++;
		return s->i < s->len;
	}
	size_t depth = 0;
	do {
		char c = s->d[s->i++];
		if (c == '"') {
			if (!string(s, &a, &b))
				return false;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	} while (depth && s->i < s->len);
	return depth == 0;
}

static bool key_in(const scan *s, size_t a, size_t b, const char *const *keys)
{
	for (size_t k = 0; keys[k]; k++)
		if (strlen(keys[k]) == b - a && !memcmp(s->d + a, keys[k], b - a))
			return true;
	return false;
}

/* At an object's '{' (consumed): calls on(key) for each key, and stops
 * with the value of a key on() returns true for unread. */
static bool object(scan *s, bool (*on)(scan *, size_t, size_t, void *), void *arg)
{
	if (at(s, '}'))
		return true;
	do {
		size_t a, b;
		if (!at(s, '"') || !string(s, &a, &b) || !at(s, ':'))
			return false;
		if (on(s, a, b, arg))
			return true;
		if (!value(s))
			return false;
	} while (at(s, ','));
	return at(s, '}');
}

typedef struct found {
	bool name, answers;
} found;

static bool on_item_key(scan *s, size_t a, size_t b, void *arg)
{
	found *f = arg;
	f->name |= key_in(s, a, b, name_keys);
	f->answers |= key_in(s, a, b, answer_keys);
	return false;
}

static bool on_top_key(scan *s, size_t a, size_t b, void *arg)
{
	static const char *const intents[] = {"intents", NULL};
	bool *hit = arg;
	return *hit = key_in(s, a, b, intents);
}

int kb_detect_intent_responses(const char *path, const char *data, size_t len)
{
	scan s = {data, len > 65536 ? 65536 : len, 0};
	if (s.len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		s.i = 3;
	bool hit = false;
	if (at(&s, '{') && !(object(&s, on_top_key, &hit) && hit))
		return 0; /* no "intents" key */
	found f = {0};
	if (!at(&s, '[') || !at(&s, '{'))
		return 0;
	object(&s, on_item_key, &f);
	return f.name && f.answers ? 80 : 0;
}
