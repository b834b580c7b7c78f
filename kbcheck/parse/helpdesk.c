/* helpdesk.c - agent macros from helpdesk exports (JSON): Zendesk macros,
 * Freshdesk canned responses, Help Scout saved replies; detection of
 * these and of Zendesk Help Center articles (helpdesk_hc.c).
 *
 * Zendesk macros ({"macros": [...]} export or API page, {"macro": {}}, or
 * an array of macros): the reply is in actions[] whose field is
 * comment_value (a string, or ["channel:web", "text"]) or
 * comment_value_html (HTML).  When a macro has both, the HTML one is the
 * reply (Zendesk keeps the plain one as its fallback).  A reply on a
 * channel other than "all" gets scope zendesk_channel=<channel>, and each
 * channel's reply is a unit of its own ("<id>", "<id>/<channel>").  The
 * title's "::" path gives the question (last part) and its headings;
 * "active": false makes the unit inactive.  Other actions (status, tags...)
 * say nothing to the customer and are ignored.
 *
 * Freshdesk canned responses ([{"title", "content_html" | "content"}], a
 * folder {"name", "canned_responses": [...]}, or one response) and Help
 * Scout saved replies ({"_embedded": {"replies": [...]}}, an array, or one
 * reply; "text" is HTML, "chatText" plain): the title/name is the question,
 * a Freshdesk folder's name its heading.
 *
 * A reply without text is skipped silently; a value of the wrong type is
 * a warning at its position.  Placeholders ({{ticket.requester.name}},
 * {%...%}) are ordinary text, kept as written.
 */
#include "helpdesk.h"

#include <stdlib.h>
#include <string.h>

/* ---- units ---------------------------------------------------------------- */

/* One reply being collected. */
typedef struct reply {
	kb_textb tb;
	size_t start, end; /* span in the file; start == KB_FAQ_NONE: empty */
} reply;

static void reply_init(reply *r, const kb_source *src)
{
	kb_textb_init(&r->tb, src);
	r->start = KB_FAQ_NONE;
	r->end = 0;
}

static void span_add(reply *r, size_t s, size_t e)
{
	if (r->start == KB_FAQ_NONE || s < r->start)
		r->start = s;
	if (e > r->end)
		r->end = e;
}

/* Adds string node n (HTML or plain) to r; false when n is not a string. */
static bool reply_add(hd_doc *d, reply *r, kb_node *n, bool html)
{
	kb_json_strmap m;
	if (!kb_json_strmap_init(&m, d->ctx->source->data, d->ctx->source->len, n))
		return false;
	if (!kb_textb_empty(&r->tb))
		kb_textb_break(&r->tb);
	if (html)
		hd_add_html(&r->tb, &m);
	else
		hd_add_plain(&r->tb, &m);
	if (m.n)
		span_add(r, m.from, m.to);
	kb_json_strmap_free(&m);
	return true;
}

/* What a unit says about itself besides its text. */
typedef struct meta {
	kb_node *title;       /* string node: question, or "::" path */
	bool path;                   /* title is a Zendesk "::" path */
	const char *id;              /* base id; NULL: slug of the title */
	const char *folder;          /* heading above the question, or NULL */
	bool active;
	const char *scope_key, *scope_value;
} meta;

/* Emits r as a unit (when it has text) and empties it. */
static void reply_emit(hd_doc *d, reply *r, const meta *mt)
{
	kb_parse_ctx *ctx = d->ctx;
	kb_arena *a = ctx->arena;
	if (kb_textb_empty(&r->tb)) {
		kb_textb_reset(&r->tb);
		return;
	}
	kb_unit *u = kb_unit_new(ctx);
	kb_textb_finish(&r->tb, kb_parse_texts(ctx), u);
	size_t tlen;
	const char *title = kb_json_str(mt->title, &tlen);
	title = title ? kb_faq_clean(a, title, tlen) : NULL;
	if (mt->path) {
		u->question = hd_title_path(a, title, &u->headings, &u->nheadings);
	} else {
		u->question = title;
		if (mt->folder) {
			const char **h = KB_NEWN(a, const char *, 1);
			h[0] = mt->folder;
			u->headings = h;
			u->nheadings = 1;
		}
	}
	const char *base = mt->id ? mt->id : title ? kb_slug(a, title) : "reply";
	u->id = kb_faq_ids_take(a, &d->ids, base);
	u->active = mt->active;
	if (mt->scope_key)
		u->scope = kb_scope_with(a, &u->scope, mt->scope_key, mt->scope_value);
	size_t ts, te;
	if (title && kb_yaml_span(mt->title, &ts, &te))
		span_add(r, ts, te);
	u->loc = hd_loc(d, r->start, r->end);
	kb_emit_unit(ctx, u);
	r->start = KB_FAQ_NONE;
	r->end = 0;
}

/* "title" (or the given key) as a string node, warning about other types. */
static kb_node *title_of(hd_doc *d, kb_node *n, const char *key)
{
	kb_node *t = kb_yaml_get(n, key);
	size_t len;
	if (t && !kb_json_str(t, &len)) {
		if (!kb_json_is(t, "null"))
			hd_wrong_type(d, t, key, "a string", false);
		return NULL;
	}
	return t;
}

static bool active_of(hd_doc *d, kb_node *n)
{
	kb_node *a = kb_yaml_get(n, "active");
	if (!a || kb_json_is(a, "null"))
		return true;
	bool ok, v = kb_yaml_bool(a, &ok);
	if (!ok || kb_json_str(a, &(size_t){0})) {
		hd_wrong_type(d, a, "\"active\"", "true or false", false);
		return true;
	}
	return v;
}

/* ---- Zendesk macros ------------------------------------------------------- */

static bool field_is(kb_node *action, const char *field)
{
	size_t len;
	const char *f = kb_json_str(kb_yaml_get(action, "field"), &len);
	return f && len == strlen(field) && memcmp(f, field, len) == 0;
}

/* The text node and channel ("web"; NULL for all) of a comment action. */
static kb_node *comment_text(hd_doc *d, kb_node *value, const char **channel)
{
	*channel = NULL;
	size_t len;
	if (kb_json_str(value, &len))
		return value;
	if (!kb_yaml_is_seq(value)) {
		if (value && !kb_json_is(value, "null"))
			hd_wrong_type(d, value, "comment value", "a string or [channel, text]",
				      true);
		return NULL;
	}
	int n = kb_yaml_seq_count(value);
	kb_node *text = n > 0 ? kb_yaml_seq_at(value, n - 1) : NULL;
	if (!text || !kb_json_str(text, &len)) {
		if (text)
			hd_wrong_type(d, text, "comment text", "a string", true);
		return NULL;
	}
	if (n > 1) {
		kb_node *c = kb_yaml_seq_at(value, 0);
		const char *ch = kb_json_str(c, &len);
		if (!ch) {
			hd_wrong_type(d, c, "comment channel", "a string", false);
		} else {
			const char *v = kb_faq_clean(d->ctx->arena, ch, len);
			if (v && !strncmp(v, "channel:", 8))
				v += 8;
			if (v && *v && strcmp(v, "all") != 0)
				*channel = v;
		}
	}
	return text;
}

static void macro(hd_doc *d, kb_node *n)
{
	if (!kb_yaml_is_map(n)) {
		hd_wrong_type(d, n, "macro", "an object", true);
		return;
	}
	d->found = true;
	kb_arena *a = d->ctx->arena;
	meta mt = {.path = true, .active = active_of(d, n)};
	mt.title = title_of(d, n, "title");
	if (!mt.title)
		mt.title = title_of(d, n, "raw_title");
	const char *id = hd_scalar(a, kb_yaml_get(n, "id"));
	kb_node *actions = kb_yaml_get(n, "actions");
	if (!actions || kb_json_is(actions, "null"))
		return;
	if (!kb_yaml_is_seq(actions)) {
		hd_wrong_type(d, actions, "\"actions\"", "an array", true);
		return;
	}
	bool html = false;
	void *it = NULL;
	kb_node *act;
	while ((act = kb_yaml_seq_next(actions, &it)))
		html |= field_is(act, "comment_value_html");
	const char *field = html ? "comment_value_html" : "comment_value";

	reply r;
	reply_init(&r, d->ctx->source);
	const char *open = NULL; /* channel of the reply in r */
	bool first = true;
	it = NULL;
	while ((act = kb_yaml_seq_next(actions, &it))) {
		if (!kb_yaml_is_map(act)) {
			hd_wrong_type(d, act, "action", "an object", true);
			continue;
		}
		if (!field_is(act, field))
			continue;
		const char *ch;
		kb_node *text = comment_text(d, kb_yaml_get(act, "value"), &ch);
		if (!text)
			continue;
		bool same = (!ch && !open) || (ch && open && !strcmp(ch, open));
		if (!same && !kb_textb_empty(&r.tb)) {
			reply_emit(d, &r, &mt);
			first = false;
		}
		open = ch;
		mt.scope_key = ch ? "zendesk_channel" : NULL;
		mt.scope_value = ch;
		const char *base = id ? id : NULL;
		if (!first && ch)
			base = kb_sprintf(a, "%s/%s", id ? id : "macro", ch);
		mt.id = base;
		reply_add(d, &r, text, html);
	}
	reply_emit(d, &r, &mt);
	kb_textb_free(&r.tb);
}

static void zendesk(hd_doc *d, kb_node *root)
{
	kb_node *list = kb_yaml_is_seq(root) ? root : kb_yaml_get(root, "macros");
	kb_node *one = kb_yaml_get(root, "macro");
	if (one)
		macro(d, one);
	if (list && !kb_yaml_is_seq(list)) {
		if (!kb_json_is(list, "null"))
			hd_wrong_type(d, list, "\"macros\"", "an array", true);
		return;
	}
	void *it = NULL;
	kb_node *c;
	while (list && (c = kb_yaml_seq_next(list, &it)))
		macro(d, c);
	/* An empty API page is still a page of macros. */
	if (list)
		d->found = true;
}

/* ---- Freshdesk, Help Scout ------------------------------------------------ */

/* A reply whose body is the first of `keys` present (HTML for those
 * flagged), titled by title_key. */
static void simple_reply(hd_doc *d, kb_node *n, const char *title_key,
			 const char *const *keys, const bool *html, const char *folder)
{
	if (!kb_yaml_is_map(n)) {
		hd_wrong_type(d, n, "reply", "an object", true);
		return;
	}
	bool known = kb_yaml_get(n, title_key) != NULL;
	for (size_t i = 0; keys[i]; i++)
		known |= kb_yaml_get(n, keys[i]) != NULL;
	if (!known)
		return; /* not a reply at all (forced format on another file) */
	d->found = true;
	meta mt = {.active = active_of(d, n), .folder = folder};
	mt.title = title_of(d, n, title_key);
	mt.id = hd_scalar(d->ctx->arena, kb_yaml_get(n, "id"));
	reply r;
	reply_init(&r, d->ctx->source);
	for (size_t i = 0; keys[i]; i++) {
		kb_node *b = kb_yaml_get(n, keys[i]);
		if (!b || kb_json_is(b, "null"))
			continue;
		if (!reply_add(d, &r, b, html[i])) {
			hd_wrong_type(d, b, keys[i], "a string", true);
			continue;
		}
		if (!kb_textb_empty(&r.tb))
			break;
	}
	reply_emit(d, &r, &mt);
	kb_textb_free(&r.tb);
}

static void fd_response(hd_doc *d, kb_node *n, const char *folder)
{
	static const char *const keys[] = {"content_html", "content", NULL};
	static const bool html[] = {true, false};
	simple_reply(d, n, "title", keys, html, folder);
}

static void fd_folder(hd_doc *d, kb_node *f)
{
	kb_node *list = kb_yaml_get(f, "canned_responses");
	if (!kb_yaml_is_seq(list)) {
		if (list && !kb_json_is(list, "null"))
			hd_wrong_type(d, list, "\"canned_responses\"", "an array", true);
		return;
	}
	d->found = true;
	const char *folder = hd_scalar(d->ctx->arena, kb_yaml_get(f, "name"));
	void *it = NULL;
	kb_node *c;
	while ((c = kb_yaml_seq_next(list, &it)))
		fd_response(d, c, folder);
}

static void freshdesk(hd_doc *d, kb_node *root)
{
	if (kb_yaml_is_map(root)) {
		if (kb_yaml_get(root, "canned_responses"))
			fd_folder(d, root);
		else
			fd_response(d, root, NULL);
		return;
	}
	void *it = NULL;
	kb_node *c;
	while (kb_yaml_is_seq(root) && (c = kb_yaml_seq_next(root, &it))) {
		if (kb_yaml_get(c, "canned_responses"))
			fd_folder(d, c);
		else
			fd_response(d, c, NULL);
	}
}

static void hs_reply(hd_doc *d, kb_node *n)
{
	static const char *const keys[] = {"text", "chatText", NULL};
	static const bool html[] = {true, false};
	simple_reply(d, n, "name", keys, html, NULL);
	if (!kb_yaml_get(n, "text") && !kb_yaml_get(n, "chatText") && kb_yaml_get(n, "preview"))
		d->previews++;
}

static void helpscout(hd_doc *d, kb_node *root)
{
	kb_node *list = root;
	kb_node *emb = kb_yaml_get(root, "_embedded");
	if (emb)
		list = kb_yaml_get(emb, "replies");
	if (kb_yaml_is_map(list)) {
		hs_reply(d, list);
		return;
	}
	if (!kb_yaml_is_seq(list)) {
		if (list)
			hd_wrong_type(d, list, "\"replies\"", "an array", true);
		return;
	}
	d->found = true;
	void *it = NULL;
	kb_node *c;
	while ((c = kb_yaml_seq_next(list, &it)))
		hs_reply(d, c);
	/* The list endpoint gives previews only, which may be cut short:
	 * checking them could report conflicts that are not there. */
	if (d->previews)
		kb_yaml_diag(&d->y, list, KB_DIAG_NOTE,
			     "%zu saved replies have only a preview, not their text: not "
			     "checked (export each with GET /v2/mailboxes/{mailbox}/saved-replies/{id})",
			     d->previews);
}

/* ---- entry points --------------------------------------------------------- */

static void run(kb_parse_ctx *ctx, bool (*fn)(hd_doc *, kb_node *),
		const char *expected)
{
	hd_doc d;
	kb_node *root = hd_open(&d, ctx);
	if (root && !fn(&d, root))
		kb_diag(ctx->diags, KB_DIAG_WARNING, ctx->source->path, 0, 0,
			"no %s found in this file", expected);
	hd_close(&d);
}

static bool run_zendesk(hd_doc *d, kb_node *root)
{
	zendesk(d, root);
	return d->found;
}

static bool run_freshdesk(hd_doc *d, kb_node *root)
{
	freshdesk(d, root);
	return d->found;
}

static bool run_helpscout(hd_doc *d, kb_node *root)
{
	helpscout(d, root);
	return d->found;
}

void kb_parse_zendesk_macros(kb_parse_ctx *ctx)
{
	run(ctx, run_zendesk, "Zendesk macros ({\"macros\": [...]})");
}

void kb_parse_freshdesk(kb_parse_ctx *ctx)
{
	run(ctx, run_freshdesk, "Freshdesk canned responses");
}

void kb_parse_helpscout(kb_parse_ctx *ctx)
{
	run(ctx, run_helpscout, "Help Scout saved replies");
}

void kb_parse_zendesk_hc(kb_parse_ctx *ctx)
{
	run(ctx, hd_hc_articles, "Help Center articles ({\"articles\": [...]})");
}

/* ---- detection -------------------------------------------------------------
 * Key sniffing over the first 64 KiB, without parsing: which of a few
 * known keys occur, at which depth (1: keys of the top object; 2: keys of
 * the objects inside it or inside a top array).  Strings are skipped
 * properly, so a key name inside an answer text does not count. */

enum {
	K_MACROS, K_MACRO, K_ACTIONS, K_FIELD, K_CANNED, K_CONTENT_HTML,
	K_CONTENT, K_FOLDER_ID, K_TITLE, K_EMBEDDED, K_REPLIES, K_NAME, K_TEXT,
	K_CHATTEXT, K_PREVIEW, K_CHATPREVIEW, K_ID, K_ARTICLE, K_ARTICLES,
	K_BODY, K_LOCALE, K_HTML_URL, K_SECTION_ID, K_N
};

static const char *const sniff_keys[K_N] = {
    "macros", "macro", "actions", "field", "canned_responses", "content_html",
    "content", "folder_id", "title", "_embedded", "replies", "name", "text",
    "chatText", "preview", "chatPreview", "id", "article", "articles",
    "body", "locale", "html_url", "section_id"};

#define B(k) (1u << (k))

typedef struct sniff {
	char root;              /* '{', '[' or 0 (not JSON) */
	unsigned d1, d2, any;   /* keys seen at depth 1, 2, anywhere */
	bool other1, other2;    /* some other key at depth 1, 2 */
} sniff;

static void sniff_key(sniff *s, const char *k, size_t n, int depth)
{
	int i = 0;
	/* strncmp stops at the key's end: no strlen per key and string. */
	while (i < K_N && !(sniff_keys[i][0] == k[0] && !strncmp(sniff_keys[i], k, n) &&
			    sniff_keys[i][n] == '\0'))
		i++;
	if (i == K_N) {
		s->other1 |= depth == 1;
		s->other2 |= depth == 2;
		return;
	}
	s->any |= B(i);
	if (depth == 1)
		s->d1 |= B(i);
	else if (depth == 2)
		s->d2 |= B(i);
}

static bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void sniff_scan(const char *d, size_t len, sniff *s)
{
	memset(s, 0, sizeof *s);
	if (len > 65536)
		len = 65536;
	size_t i = len >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while (i < len && is_ws((unsigned char)d[i]))
		i++;
	if (i >= len || (d[i] != '{' && d[i] != '['))
		return;
	s->root = d[i];
	char stack[64];
	int depth = 0;
	bool key = false; /* a string here is a key */
	for (; i < len; i++) {
		char c = d[i];
		if (c == '"') {
			/* The closing quote: the next '"' not escaped (preceded by
			 * an even number of backslashes).  memchr: answers are long. */
			size_t j = i + 1;
			for (;;) {
				const char *q = j < len ? memchr(d + j, '"', len - j) : NULL;
				if (!q) {
					j = len;
					break;
				}
				size_t k = (size_t)(q - d), bs = 0;
				while (k - bs > i + 1 && d[k - bs - 1] == '\\')
					bs++;
				j = k;
				if (bs % 2 == 0)
					break;
				j++;
			}
			if (j >= len)
				return;
			if (key && depth >= 1 && depth <= 64 && stack[depth - 1] == '{')
				sniff_key(s, d + i + 1, j - i - 1, depth);
			key = false;
			i = j;
		} else if (c == '{' || c == '[') {
			if (depth < 64)
				stack[depth] = c;
			depth++;
			key = c == '{';
		} else if (c == '}' || c == ']') {
			if (--depth <= 0)
				return;
			key = false;
		} else if (c == ',') {
			key = depth >= 1 && depth <= 64 && stack[depth - 1] == '{';
		}
	}
}

static bool json_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && !strcasecmp(dot, ".json");
}

int kb_detect_zendesk_macros(const char *path, const char *data, size_t len)
{
	sniff s;
	sniff_scan(data, len, &s);
	if (s.root == '{' && (s.d1 & (B(K_MACROS) | B(K_MACRO))) && (s.any & B(K_ACTIONS)))
		return 90;
	/* An empty API page. */
	if (s.root == '{' && (s.d1 & B(K_MACROS)) && json_path(path) &&
	    !s.d2 && !(s.d1 & ~(B(K_MACROS) | B(K_ID))))
		return 40;
	if (s.root == '[' && (s.d2 & B(K_ACTIONS)) && (s.d2 & B(K_TITLE)) &&
	    (s.any & B(K_FIELD)))
		return 80;
	return 0;
}

int kb_detect_freshdesk(const char *path, const char *data, size_t len)
{
	sniff s;
	sniff_scan(data, len, &s);
	if (s.any & B(K_ACTIONS))
		return 0;
	if (s.root == '{' && (s.d1 & B(K_CANNED)))
		return 90;
	if (s.root == '[' && (s.d2 & B(K_CANNED)) && (s.d2 & B(K_NAME)))
		return 85;
	if (s.root == '[' && (s.d2 & B(K_TITLE)) &&
	    ((s.d2 & B(K_CONTENT_HTML)) || ((s.d2 & B(K_CONTENT)) && (s.d2 & B(K_FOLDER_ID)))))
		return 85;
	if (s.root == '{' && (s.d1 & B(K_TITLE)) && (s.d1 & B(K_CONTENT_HTML)))
		return 70;
	return 0;
}

int kb_detect_helpscout(const char *path, const char *data, size_t len)
{
	sniff s;
	sniff_scan(data, len, &s);
	const unsigned own = B(K_ID) | B(K_NAME) | B(K_TEXT) | B(K_CHATTEXT) |
			     B(K_PREVIEW) | B(K_CHATPREVIEW);
	const unsigned body = B(K_TEXT) | B(K_CHATTEXT) | B(K_PREVIEW);
	if (s.root == '{' && (s.d1 & B(K_EMBEDDED)) && (s.d2 & B(K_REPLIES)))
		return 90;
	/* A list or one reply: nothing but a saved reply's own keys. */
	if (s.root == '[' && (s.d2 & B(K_NAME)) && (s.d2 & body) && !s.other2 &&
	    !(s.d2 & ~own))
		return 80;
	if (s.root == '{' && (s.d1 & B(K_NAME)) && (s.d1 & B(K_TEXT)) && !s.other1 &&
	    !(s.d1 & ~own))
		return 60;
	return 0;
}

int kb_detect_zendesk_hc(const char *path, const char *data, size_t len)
{
	sniff s;
	sniff_scan(data, len, &s);
	if (s.root == '{' && (s.d1 & (B(K_ARTICLE) | B(K_ARTICLES))) && (s.any & B(K_BODY)))
		return 90;
	if (s.root == '[' && (s.d2 & B(K_BODY)) && (s.d2 & B(K_TITLE)) &&
	    (s.d2 & (B(K_HTML_URL) | B(K_SECTION_ID) | B(K_LOCALE))))
		return 70;
	return 0;
}
