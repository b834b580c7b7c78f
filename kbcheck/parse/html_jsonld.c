/* html_jsonld.c - schema.org FAQPage in JSON-LD inside HTML pages.
 *
 *     <script type="application/ld+json">
 *     {"@type": "FAQPage", "mainEntity": [{"@type": "Question",
 *       "name": "Can I cancel?", "acceptedAnswer": {"@type": "Answer",
 *       "text": "<p>Yes, within 24 hours.</p>"}}]}
 *
 * The FAQPage may sit at the top, in an array, in "@graph", or under any
 * property (WebPage.mainEntity).  The answer text is itself HTML, reduced
 * to text by libxml2.  JSON comes from the source bytes (html.c found the
 * script), parsed as JSON by base/yaml.h so every string has a position:
 * answer words are searched for inside the string's bytes in the file, and
 * escapes (\n, \u00e9, \/) just make a word fall back to the string's start.
 */
#include "parser.h"

#include <stdlib.h>
#include <string.h>

#include "../base/locale.h"
#include "../base/text.h"
#include "../base/yaml.h"
#include "html_internal.h"

enum { MAX_DEPTH = 64 };

typedef struct jl {
	kb_parse_ctx *ctx;
	kb_faq_ids *ids;
	size_t base;  /* source offset of the script content */
	size_t first; /* this source's first unit */
	size_t nvisible;
	const char **vq, **vt; /* folded question/text of the visible units */
} jl;

/* ---- JSON helpers --------------------------------------------------------- */

/* The value of key in mapping n (the last one, as JSON.parse does). */
static kb_node *get(kb_node *n, const char *key)
{
	if (!kb_yaml_is_map(n))
		return NULL;
	kb_node *r = NULL;
	size_t k = strlen(key);
	void *it = NULL;
	kb_pair *p;
	while ((p = kb_yaml_map_next(n, &it))) {
		size_t len;
		const char *s = kb_json_str(kb_yaml_key(p), &len);
		if (s && len == k && memcmp(s, key, k) == 0)
			r = kb_yaml_value(p);
	}
	return r;
}

/* s is type t: "FAQPage", "https://schema.org/FAQPage", "schema:FAQPage". */
static bool type_is(kb_node *s, const char *t)
{
	size_t len, k = strlen(t);
	const char *v = kb_json_str(s, &len);
	return v && len >= k && memcmp(v + len - k, t, k) == 0 &&
	       (len == k || v[len - k - 1] == '/' || v[len - k - 1] == ':');
}

/* "@type" is t, or a list holding t. */
static bool has_type(kb_node *n, const char *t)
{
	kb_node *ty = get(n, "@type");
	if (!kb_yaml_is_seq(ty))
		return type_is(ty, t);
	void *it = NULL;
	kb_node *c;
	while ((c = kb_yaml_seq_next(ty, &it)))
		if (type_is(c, t))
			return true;
	return false;
}

/* Source span of a string node's content (marks are inside the quotes). */
static void span_of(const jl *j, kb_node *n, size_t *from, size_t *to)
{
	size_t a = 0, b = 0;
	kb_yaml_span(n, &a, &b);
	*from = j->base + a;
	*to = j->base + b;
	if (*to < *from)
		*to = *from;
}

/* ---- answers -------------------------------------------------------------- */

static void fragment_text(kb_textb *tb, const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)n->content;
			if (s)
				kb_faq_add_text(tb, s, strlen(s));
		} else if (n->type == XML_ELEMENT_NODE && !kb_html_hidden(n)) {
			bool block = kb_html_block(n);
			if (block)
				kb_textb_break(tb);
			else if (strcmp((const char *)n->name, "br") == 0)
				kb_textb_space(tb);
			fragment_text(tb, n->children);
			if (block)
				kb_textb_break(tb);
		}
	}
}

/* The answer (HTML in a JSON string) as text, searched for in the string's
 * source bytes [from, to). */
static void answer_text(kb_textb *tb, const char *s, size_t n, size_t from, size_t to)
{
	kb_textb_window(tb, from, to);
	if (!memchr(s, '<', n) && !memchr(s, '&', n)) {
		kb_faq_add_text(tb, s, n);
		return;
	}
	xmlDocPtr doc = kb_html_read(s, n, NULL, NULL);
	if (doc) {
		fragment_text(tb, doc->children);
		xmlFreeDoc(doc);
	}
}

static bool visible(jl *j, const char *q, kb_textb *tb)
{
	if (!j->vq) {
		kb_vec *units = j->ctx->units;
		j->nvisible = units->len - j->first;
		j->vq = calloc(j->nvisible + 1, sizeof *j->vq);
		j->vt = calloc(j->nvisible + 1, sizeof *j->vt);
		if (!j->vq || !j->vt)
			abort();
		for (size_t i = 0; i < j->nvisible; i++) {
			const kb_unit *u = units->items[j->first + i];
			if (!u->question)
				continue;
			j->vq[i] = kb_text_fold(j->ctx->arena, u->question, strlen(u->question));
			j->vt[i] = kb_text_fold(j->ctx->arena, u->text, u->text_len);
		}
	}
	kb_arena *a = j->ctx->arena;
	const char *fq = kb_text_fold(a, q, strlen(q));
	const char *ft = NULL;
	for (size_t i = 0; i < j->nvisible; i++) {
		if (!j->vq[i] || strcmp(j->vq[i], fq) != 0)
			continue;
		if (!ft)
			ft = kb_text_fold(a, kb_buf_cstr(&tb->text), tb->text.len);
		if (strcmp(j->vt[i], ft) == 0)
			return true;
	}
	return false;
}

static void question(jl *j, kb_node *qn, const char *lang)
{
	kb_node *name = get(qn, "name");
	kb_node *ans = get(qn, "acceptedAnswer");
	if (kb_yaml_is_seq(ans)) {
		void *it = NULL;
		ans = kb_yaml_seq_next(ans, &it);
	}
	kb_node *text = get(ans, "text");
	size_t qlen, tlen;
	const char *qs = kb_json_str(name, &qlen), *ts = kb_json_str(text, &tlen);
	if (!qs || !ts)
		return;
	size_t nl;
	const char *l = kb_json_str(get(qn, "inLanguage"), &nl);
	if (l)
		lang = kb_locale_tag(l, nl);

	kb_faq_unit fu;
	kb_faq_unit_init(&fu, j->ctx->source);
	fu.question = kb_faq_clean(j->ctx->arena, qs, qlen);
	fu.locale = lang;
	size_t qf, qt, tf, tt;
	span_of(j, name, &qf, &qt);
	span_of(j, text, &tf, &tt);
	/* From the question's opening quote to the answer's closing one. */
	fu.start = (qf < tf ? qf : tf) - 1;
	fu.end = (qt > tt ? qt : tt) + 1;
	answer_text(&fu.tb, ts, tlen, tf, tt);
	if (fu.question && !visible(j, fu.question, &fu.tb))
		kb_faq_emit(j->ctx, j->ids, &fu);
	kb_faq_unit_free(&fu);
}

static void faq_page(jl *j, kb_node *page, const char *lang)
{
	kb_node *me = get(page, "mainEntity");
	if (!me)
		return;
	if (kb_yaml_is_map(me)) {
		question(j, me, lang);
		return;
	}
	void *it = NULL;
	kb_node *q;
	while ((q = kb_yaml_seq_next(me, &it)))
		if (kb_yaml_is_map(q))
			question(j, q, lang);
}

static void find_pages(jl *j, kb_node *n, int depth, const char *lang)
{
	if (!n || depth > MAX_DEPTH)
		return;
	void *it = NULL;
	if (kb_yaml_is_seq(n)) {
		kb_node *c;
		while ((c = kb_yaml_seq_next(n, &it)))
			find_pages(j, c, depth + 1, lang);
		return;
	}
	if (!kb_yaml_is_map(n))
		return;
	size_t nl;
	const char *l = kb_json_str(get(n, "inLanguage"), &nl);
	if (l)
		lang = kb_locale_tag(l, nl);
	if (has_type(n, "FAQPage")) {
		faq_page(j, n, lang);
		return;
	}
	kb_pair *p;
	while ((p = kb_yaml_map_next(n, &it)))
		find_pages(j, kb_yaml_value(p), depth + 1, lang);
}

/* ---- scripts -------------------------------------------------------------- */

/* Offset in s of libfyaml's 1-based line and column (code points). */
static size_t offset_of(const char *s, size_t n, int line, int column)
{
	size_t i = 0;
	for (int l = 1; l < line && i < n; i++)
		if (s[i] == '\n')
			l++;
	for (int c = 1; c < column && i < n; c++) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

/* The error at line el, column ec of buf (el < 0: unknown), message msg. */
static void report(jl *j, int el, int ec, const kb_buf *msg, const char *buf, size_t n)
{
	const kb_source *src = j->ctx->source;
	int line = 0, col = 0;
	if (el >= 0) {
		kb_source_pos(src, j->base + offset_of(buf, n, el, ec), &line, &col);
	} else {
		kb_source_pos(src, j->base, &line, &col);
	}
	kb_diag(j->ctx->diags, KB_DIAG_ERROR, src->path, line, col,
		"invalid JSON-LD: %s; its FAQ entries were skipped",
		msg->len ? kb_buf_cstr(msg) : "not valid JSON");
}

static void script(jl *j, const kb_html_script *s)
{
	const kb_source *src = j->ctx->source;
	size_t n = s->to - s->from;
	/* A copy, so that an old-style "<!-- ... -->" wrapper can be blanked
	 * without moving any byte. */
	char *buf = malloc(n + 1);
	if (!buf)
		abort();
	memcpy(buf, src->data + s->from, n);
	buf[n] = '\0';
	size_t a = 0, b = n;
	while (a < n && strchr(" \t\r\n\f", buf[a]))
		a++;
	while (b > a && strchr(" \t\r\n\f", buf[b - 1]))
		b--;
	if (b - a >= 4 && memcmp(buf + a, "<!--", 4) == 0) {
		memset(buf + a, ' ', 4);
		if (b - a >= 7 && memcmp(buf + b - 3, "-->", 3) == 0)
			memset(buf + b - 3, ' ', 3);
		a += 4;
	}
	while (a < b && strchr(" \t\r\n\f", buf[a]))
		a++;
	if (a == b) {
		free(buf);
		return;
	}

	kb_yaml y;
	kb_buf msg = KB_BUF_INIT;
	int el, ec;
	j->base = s->from;
	if (kb_json_parse_lenient(&y, buf, n, &el, &ec, &msg)) {
		find_pages(j, kb_yaml_root(&y), 0, s->locale);
		kb_yaml_close(&y);
	} else {
		report(j, el, ec, &msg, buf, n);
	}
	kb_buf_free(&msg);
	free(buf);
}

void kb_html_jsonld(kb_parse_ctx *ctx, kb_faq_ids *ids,
		    const kb_html_script *scripts, size_t nscripts,
		    size_t first_unit)
{
	jl j = {.ctx = ctx, .ids = ids, .first = first_unit};
	for (size_t i = 0; i < nscripts; i++)
		script(&j, &scripts[i]);
	free(j.vq);
	free(j.vt);
}
