/* mapped.c - any JSON or YAML export, read through a map (parser "mapped").
 *
 * For the long tail of exports kbcheck has no parser for (a flat
 * {"title": "text"} macro file, a bot's stored replies, a help desk's
 * export, the JSON knowledge base behind a chatbot), kbcheck.yml names
 * the paths that hold the answers:
 *
 *     sources:
 *       - glob: "bot/replies.json"
 *         channel: chatbot
 *         map:
 *           units: "$.replies[*]"   # each match is one answer unit
 *           answer: text            # from the unit: its text (or a list)
 *           question: [title, q]    # the first that has text
 *           id: key                 # else the unit's path ("replies/3")
 *           locale: lang            # else the source's locale
 *
 * Paths are base/jpath.h's JSONPath subset; all but units start at the
 * unit ("text" is "@.text", "@key" the unit's own key).  Defaults: units,
 * every node of the document (the root, and everything in it); answer,
 * the unit itself.  So {units: "$.*", question: "@key"} reads a flat
 * {"question": "answer"} file, and an empty map every string of a file.
 *
 * A unit's text is every string its answer paths reach, in the order of
 * the paths and then of the file, one paragraph each; a path that reaches
 * a list takes the strings in it (lists in lists too).  Objects, numbers,
 * booleans and null are no text.  A string is read into one unit only, the
 * first in document order, so a wide units path never counts an answer
 * twice; units without text are skipped.  Strings are mapped to the file
 * through their escapes (scalar.c): every claim is located exactly.
 *
 * Without a map (the format detected, or `format: mapped` alone), two
 * shapes are read, both by keys that leave little doubt:
 *
 *   question lists  the top-level array, or the one under "faqs", "faq",
 *                   "items", "data" or "questions", whose first items are
 *                   objects with a question ("question", "q", "title") and
 *                   an answer ("answer", "a", "response", "reply",
 *                   "content") that are strings; "title" with "content"
 *                   is not enough (any CMS export of pages has it).
 *   keyed replies   a top-level object of objects, at least two of them
 *                   with a "reply", "response" or "answer" string: the key
 *                   is the id, "question", "title" or "description" the
 *                   question.
 *
 * A plain list of objects with "text" is not read without a map: Rasa's
 * JSON training data and message logs have that shape, and their texts
 * are what customers say, not answers.
 */
#include "helpdesk.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/locale.h"
#include "../base/jpath.h"
#include "../base/text.h"
#include "dialogflow.h"
#include "scalar.h"

enum {
	MAX_LIST_DEPTH = 64,   /* lists in lists in an answer */
	SHAPE_ITEMS = 5,       /* items looked at to recognise a shape */
	DETECT_MAX = 4 << 20,  /* bigger files are read only when mapped */
};

/* ---- a set of nodes ------------------------------------------------------- */

typedef struct node_set {
	const void **slot;
	size_t cap, n;
} node_set;

static size_t node_hash(const void *p, size_t mask)
{
	return (size_t)(((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15u) & mask;
}

static bool node_set_has(const node_set *s, const void *p)
{
	if (!s->cap)
		return false;
	for (size_t i = node_hash(p, s->cap - 1); s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == p)
			return true;
	return false;
}

static void node_set_add(node_set *s, const void *p)
{
	if ((s->n + 1) * 2 > s->cap) {
		node_set old = *s;
		s->cap = s->cap ? s->cap * 2 : 64;
		s->slot = calloc(s->cap, sizeof *s->slot);
		if (!s->slot)
			abort();
		s->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slot[i])
				node_set_add(s, old.slot[i]);
		free(old.slot);
	}
	size_t i = node_hash(p, s->cap - 1);
	while (s->slot[i] && s->slot[i] != p)
		i = (i + 1) & (s->cap - 1);
	if (!s->slot[i]) {
		s->slot[i] = p;
		s->n++;
	}
}

/* ---- text ----------------------------------------------------------------- */

/* A plain YAML scalar that reads as null, a boolean or a number (YAML 1.2's
 * core schema), not as text. */
static bool plain_non_text(const char *s, size_t n)
{
	static const char *const words[] = {"null", "Null", "NULL", "~", "true", "True", "TRUE",
					    "false", "False", "FALSE", ".inf", ".Inf", ".INF",
					    "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", NULL};
	if (n == 0)
		return true;
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == n && !memcmp(words[i], s, n))
			return true;
	char buf[64];
	if (n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	char *end;
	(void)strtod(buf, &end);
	if (*end == '\0')
		return true;
	(void)strtol(buf, &end, 0); /* 0x1F, 0o17 */
	return *end == '\0';
}

/* n is text: a JSON string, or a YAML scalar that is not null, a boolean
 * or a number. */
static bool is_text(kb_node *n, bool json)
{
	if (!kb_yaml_is_scalar(n))
		return false;
	char st = kb_yaml_style(n);
	if (json)
		return st == '"';
	if (st != 'p')
		return true;
	size_t len;
	const char *s = kb_yaml_scalar(n, &len);
	return s && !plain_non_text(s, len);
}

/* ---- shapes read without a map --------------------------------------------- */

static const char *const list_keys[] = {"faqs", "faq", "items", "data", "questions", NULL};
static const char *const question_keys[] = {"question", "q", "title", NULL};
static const char *const answer_keys[] = {"answer", "a", "response", "reply", "content", NULL};
static const char *const reply_keys[] = {"reply", "response", "answer", NULL};
static const char *const reply_question_keys[] = {"question", "title", "description", NULL};
static const char *const id_keys[] = {"id", "slug", "key", NULL};
static const char *const locale_keys[] = {"locale", "lang", "language", NULL};

/* A map made for a recognised shape. */
typedef struct shape {
	const char *units, *question, *answer, *id, *locale;
} shape;

/* The first of keys under which object n has text (any value with any_value). */
static const char *key_with_text(kb_node *n, const char *const *keys, bool json,
				 bool any_value)
{
	for (size_t i = 0; keys[i]; i++) {
		kb_node *v = kb_yaml_get(n, keys[i]);
		if (v && (any_value || is_text(v, json)))
			return keys[i];
	}
	return NULL;
}

static bool has_text(kb_node *n, const char *key, bool json)
{
	return key && is_text(kb_yaml_get(n, key), json);
}

/* The first items of list are question/answer objects. */
static bool question_list(kb_node *list, bool json, shape *sh)
{
	void *it = NULL;
	kb_node *item;
	size_t k = 0;
	while (k < SHAPE_ITEMS && (item = kb_yaml_seq_next(list, &it)) != NULL) {
		if (!kb_yaml_is_map(item))
			return false;
		if (k++ == 0) {
			sh->question = key_with_text(item, question_keys, json, false);
			sh->answer = key_with_text(item, answer_keys, json, false);
			if (sh->question && sh->answer && !strcmp(sh->question, "title") &&
			    !strcmp(sh->answer, "content"))
				return false;
			sh->id = key_with_text(item, id_keys, json, true);
			sh->locale = key_with_text(item, locale_keys, json, false);
		}
		if (!has_text(item, sh->question, json) || !has_text(item, sh->answer, json))
			return false;
	}
	return k > 0;
}

/* The first members of object root are objects, at least two of them (and
 * half) with a reply. */
static bool keyed_replies(kb_node *root, bool json, shape *sh)
{
	void *it = NULL;
	kb_pair *p;
	size_t seen = 0, replies = 0;
	while (seen < 2 * SHAPE_ITEMS && (p = kb_yaml_map_next(root, &it)) != NULL) {
		kb_node *v = kb_yaml_value(p);
		if (!kb_yaml_is_map(v))
			return false;
		seen++;
		if (!sh->answer && (sh->answer = key_with_text(v, reply_keys, json, false)))
			sh->question = key_with_text(v, reply_question_keys, json, false);
		replies += has_text(v, sh->answer, json);
	}
	return replies >= 2 && replies * 2 >= seen;
}

/* The shape of a document without a map, as a map's paths; false when it
 * has none of them. */
static bool find_shape(kb_node *root, bool json, shape *sh, kb_arena *a)
{
	memset(sh, 0, sizeof *sh);
	if (kb_yaml_is_seq(root) && question_list(root, json, sh)) {
		sh->units = "$[*]";
		return true;
	}
	if (!kb_yaml_is_map(root))
		return false;
	for (size_t i = 0; list_keys[i]; i++) {
		kb_node *list = kb_yaml_get(root, list_keys[i]);
		if (kb_yaml_is_seq(list)) {
			if (!question_list(list, json, sh))
				return false;
			sh->units = kb_sprintf(a, "$.%s[*]", list_keys[i]);
			return true;
		}
	}
	memset(sh, 0, sizeof *sh);
	if (!keyed_replies(root, json, sh))
		return false;
	sh->units = "$.*";
	sh->id = "@key";
	return true;
}

static const kb_jpath *compile(kb_arena *a, const char *s)
{
	size_t at;
	const char *err;
	return s ? kb_jpath_compile(a, s, true, &at, &err) : NULL;
}

static const kb_map *shape_map(kb_arena *a, const shape *sh)
{
	kb_map *m = KB_NEW(a, kb_map);
	m->units = compile(a, sh->units);
	const kb_jpath **answer = KB_NEWN(a, const kb_jpath *, 1);
	answer[0] = compile(a, sh->answer);
	m->answer = answer;
	m->nanswer = 1;
	if (sh->question) {
		const kb_jpath **q = KB_NEWN(a, const kb_jpath *, 1);
		q[0] = compile(a, sh->question);
		m->question = q;
		m->nquestion = 1;
	}
	m->id = compile(a, sh->id);
	m->locale = compile(a, sh->locale);
	return m;
}

/* ---- reading --------------------------------------------------------------- */

typedef struct mapped {
	hd_doc d;
	const kb_map *map;
	bool own_map;              /* the map is kbcheck.yml's (not a shape's) */
	bool narrow;               /* ... and its units path names its units */
	bool json;
	kb_node *root;
	node_set used;             /* strings taken for a unit already */
	kb_node **strs;     /* the unit at hand's answer strings */
	size_t nstrs, capstrs;
	bool said_object;          /* "an answer path reaches an object": once */
	size_t units;
} mapped;

/* Answer text under n: n itself, or the strings of a list.  A string is
 * taken once (one that gives no text is no loss). */
static void take(mapped *m, kb_node *n, const kb_jpath *path, int depth)
{
	if (is_text(n, m->json)) {
		if (node_set_has(&m->used, n))
			return;
		node_set_add(&m->used, n);
		if (m->nstrs == m->capstrs) {
			m->capstrs = m->capstrs ? m->capstrs * 2 : 8;
			m->strs = realloc(m->strs, m->capstrs * sizeof *m->strs);
			if (!m->strs)
				abort();
		}
		m->strs[m->nstrs++] = n;
	} else if (kb_yaml_is_seq(n) && depth < MAX_LIST_DEPTH) {
		void *it = NULL;
		kb_node *e;
		while ((e = kb_yaml_seq_next(n, &it)) != NULL)
			take(m, e, path, depth + 1);
	} else if (kb_yaml_is_map(n) && m->narrow && !m->said_object) {
		/* Where every node is tried (no units path, or one with "..")
		 * objects are expected; units named one by one should reach
		 * text. */
		m->said_object = true;
		kb_yaml_diag(&m->d.y, n, KB_DIAG_WARNING,
			     "map: answer \"%s\" reaches an object here, which is no text "
			     "(name the key inside it)", path ? kb_jpath_text(path) : "@");
	}
}

typedef struct answer_walk {
	mapped *m;
	const kb_jpath *path; /* NULL: the default "@" */
} answer_walk;

static bool on_answer(const kb_jpath_node *n, void *user)
{
	answer_walk *w = user;
	take(w->m, n->node, w->path, 0);
	return true;
}

typedef struct first_walk {
	mapped *m;
	bool index; /* an index stands for itself (ids) */
	const char *found;
	kb_node *node; /* where it was found (NULL: an index) */
} first_walk;

/* The first text at a match (a list: its first item, as in a list of
 * example questions).  Ids take numbers and indexes too. */
static bool on_first(const kb_jpath_node *n, void *user)
{
	first_walk *w = user;
	kb_arena *a = w->m->d.ctx->arena;
	kb_node *v = n->node;
	if (!v) {
		if (w->index && n->index >= 0)
			w->found = kb_sprintf(a, "%ld", n->index);
		return !w->found;
	}
	for (int k = 0; kb_yaml_is_seq(v) && k < MAX_LIST_DEPTH; k++) {
		void *it = NULL;
		v = kb_yaml_seq_next(v, &it);
	}
	size_t len;
	const char *s = kb_yaml_is_scalar(v) ? kb_yaml_scalar(v, &len) : NULL;
	if (s && (is_text(v, w->m->json) || (w->index && !kb_json_is(v, "null")))) {
		w->found = kb_faq_clean(a, s, len);
		w->node = v;
	}
	return !w->found;
}

/* The first text the paths reach from at; its node in *node (may be NULL). */
static const char *first_text(mapped *m, const kb_jpath *const *paths, size_t n,
			      const kb_jpath_node *at, bool index, kb_node **node)
{
	first_walk w = {m, index, NULL, NULL};
	for (size_t i = 0; i < n && !w.found; i++)
		kb_jpath_each(paths[i], m->root, at, on_first, &w);
	if (node)
		*node = w.node;
	return w.found;
}

/* One match of the units path: a unit when its answer paths reach text. */
static bool on_unit(const kb_jpath_node *n, void *user)
{
	mapped *m = user;
	const kb_map *map = m->map;
	kb_parse_ctx *ctx = m->d.ctx;
	kb_arena *a = ctx->arena;
	m->nstrs = 0;
	for (size_t i = 0; i < (map->nanswer ? map->nanswer : 1); i++) {
		answer_walk w = {m, map->nanswer ? map->answer[i] : NULL};
		if (w.path)
			kb_jpath_each(w.path, m->root, n, on_answer, &w);
		else
			take(m, n->node, NULL, 0);
	}
	if (!m->nstrs)
		return true;
	kb_textb tb;
	kb_textb_init(&tb, ctx->source);
	size_t from = SIZE_MAX, to = 0;
	for (size_t i = 0; i < m->nstrs; i++) {
		size_t s, e;
		if (i)
			kb_textb_break(&tb);
		kb_scalar_text(&tb, m->strs[i]);
		if (kb_scalar_span(ctx->source, m->strs[i], &s, &e)) {
			from = s < from ? s : from;
			to = e > to ? e : to;
		}
	}
	if (!kb_textb_empty(&tb)) {
		kb_unit *u = kb_unit_new(ctx);
		kb_textb_finish(&tb, kb_parse_texts(ctx), u);
		const kb_jpath *idp = map->id;
		const char *id = idp ? first_text(m, &idp, 1, n, true, NULL) : NULL;
		u->id = kb_faq_ids_take(a, &m->d.ids, id ? id : kb_jpath_node_path(a, n));
		kb_node *qn;
		u->question = first_text(m, map->question, map->nquestion, n, false, &qn);
		/* A question is not an answer of its own (wide units paths
		 * would reach it next). */
		if (qn)
			node_set_add(&m->used, qn);
		const kb_jpath *lp = map->locale;
		const char *loc = lp ? first_text(m, &lp, 1, n, false, NULL) : NULL;
		if (loc && (loc = kb_locale_tag(loc, strlen(loc))))
			u->locale = loc;
		/* A block scalar's token holds its indentation and line end. */
		const char *data = ctx->source->data;
		while (from < to && (data[from] == ' ' || data[from] == '\t'))
			from++;
		while (to > from && (data[to - 1] == '\n' || data[to - 1] == '\r' ||
				     data[to - 1] == ' ' || data[to - 1] == '\t'))
			to--;
		u->loc = from <= to ? hd_loc(&m->d, from, to) : hd_loc(&m->d, 0, 0);
		kb_emit_unit(ctx, u);
		m->units++;
	}
	kb_textb_free(&tb);
	return true;
}

/* JSON when named so, or when it starts like JSON and is not named YAML. */
static bool is_json(const char *path, const char *data, size_t len)
{
	const char *dot = strrchr(path, '/');
	dot = strrchr(dot ? dot : path, '.');
	if (dot && !strcasecmp(dot, ".json"))
		return true;
	if (dot && (!strcasecmp(dot, ".yml") || !strcasecmp(dot, ".yaml")))
		return false;
	size_t i = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	return i < len && (data[i] == '{' || data[i] == '[');
}

/* The document, parsed as JSON (CR read as blanks: hd_open) or YAML. */
static kb_node *open_doc(mapped *m, kb_parse_ctx *ctx)
{
	const kb_source *src = ctx->source;
	m->json = is_json(src->path, src->data, src->len);
	if (m->json)
		return hd_open(&m->d, ctx);
	memset(&m->d, 0, sizeof m->d);
	m->d.ctx = ctx;
	if (!kb_yaml_parse(&m->d.y, ctx->diags, src->path, src->data, src->len, false))
		return NULL;
	return kb_yaml_root(&m->d.y);
}

void kb_parse_mapped(kb_parse_ctx *ctx)
{
	mapped m = {0};
	kb_arena *a = ctx->arena;
	m.root = open_doc(&m, ctx);
	m.map = ctx->source->answer_map;
	m.own_map = m.map != NULL;
	m.narrow = m.own_map && m.map->units && !kb_jpath_deep(m.map->units);
	shape sh;
	if (!m.map && m.root && find_shape(m.root, m.json, &sh, a))
		m.map = shape_map(a, &sh);
	if (m.root && !m.map) {
		kb_diag(ctx->diags, KB_DIAG_WARNING, ctx->source->path, 0, 0,
			"no map for this file, and not a list of questions and answers: "
			"name its paths in kbcheck.yml (sources: - glob: ... map: {units: ..., answer: ...})");
	} else if (m.root) {
		static const char every[] = "$..*";
		const kb_jpath *units = m.map->units;
		if (!units) {
			/* Every node: the root, then everything under it. */
			kb_jpath_node top = {.node = m.root, .index = -1};
			on_unit(&top, &m);
			units = compile(a, every);
		}
		kb_jpath_each(units, m.root, NULL, on_unit, &m);
		if (!m.units && m.own_map)
			kb_diag(ctx->diags, KB_DIAG_WARNING, ctx->source->path, 0, 0,
				"the map of kbcheck.yml found no answer text in this file");
	}
	free(m.used.slot);
	free(m.strs);
	hd_close(&m.d);
}

/* ---- detection -------------------------------------------------------------- */

/* Some answer key of the shapes is in data: JSON "key": or YAML key: after
 * an indent, "- " or "{".  The first items hold one, so the start of a big
 * file is enough. */
static bool mentions_key(const char *data, size_t len, bool json)
{
	if (len > 65536)
		len = 65536;
	static const char *const keys[] = {"answer", "a", "response", "reply", "content", NULL};
	for (size_t i = 0; keys[i]; i++) {
		if (json) {
			if (df_has_key(data, len, keys[i]))
				return true;
			continue;
		}
		size_t k = strlen(keys[i]);
		const char *end = data + len;
		for (const char *p = data; (p = memmem(p, (size_t)(end - p), keys[i], k)); p += k) {
			char before = p > data ? p[-1] : '\n';
			if (p + k < end && p[k] == ':' &&
			    (before == ' ' || before == '\n' || before == '\t' || before == '{'))
				return true;
		}
	}
	return false;
}

int kb_detect_mapped(const char *path, const char *data, size_t len)
{
	bool json = is_json(path, data, len);
	if (len > DETECT_MAX || !mentions_key(data, len, json))
		return 0;
	kb_arena *a = kb_arena_new();
	kb_yaml y;
	shape sh;
	bool found = kb_yaml_parse(&y, kb_diags_new(a), path, data, len, json) &&
		     find_shape(kb_yaml_root(&y), json, &sh, a);
	kb_yaml_close(&y);
	kb_arena_free(a);
	return found ? 30 : 0;
}
