/* helpdesk_hc.c - Zendesk Help Center articles (FAQ channel).
 *
 *     {"article": {"id": 1, "title": "Cancelling orders", "locale": "en-us",
 *                  "draft": false, "body": "<h2>Can I cancel?</h2><p>...</p>"}}
 *     {"articles": [...], "next_page": ..., "count": ...}
 *
 * The body is an HTML page of its own: it is handed, as a sub-source (the
 * decoded JSON string), to the HTML FAQ parser, which cuts it into
 * questions at its headings, <details>, <dl>...; each unit it makes is
 * then moved into the JSON file, its positions carried through the
 * string's map.  Text before the first heading (all of it when there is
 * none) answers the article's title.  Headings get the title above them.
 * A draft article's units are inactive (customers cannot see them).
 */
#include "helpdesk.h"

#include <stdlib.h>
#include <string.h>

#include "../base/locale.h"
#include "../base/text.h"

/* Sub-source byte offset of 1-based line/column (code points). */
static size_t sub_offset(const kb_source *sub, int line, int column)
{
	size_t off = kb_source_line_offset(sub, line);
	for (int c = 1; c < column && off < sub->len && sub->data[off] != '\n'; c++) {
		int32_t cp;
		off += kb_utf8_next(sub->data + off, sub->len - off, &cp);
	}
	return off;
}

/* The HTML parser's diagnostics about the body, moved to the JSON file. */
static void move_diags(hd_doc *d, kb_diags *from, const kb_source *sub,
		       const kb_json_strmap *m)
{
	const kb_source *src = d->ctx->source;
	for (size_t i = 0; i < kb_diags_count(from); i++) {
		const kb_diag_entry *e = kb_diags_get(from, i);
		size_t off = e->line > 0 ? sub_offset(sub, e->line, e->column) : 0;
		int line, col;
		kb_source_pos(src, kb_json_strmap_at(m, off), &line, &col);
		kb_diag(d->ctx->diags, e->level, src->path, line, e->line > 0 && e->column > 0 ? col : 0,
			"in the article body: %s", e->message);
	}
}

/* Moves unit u of the sub-source into the file as an article unit. */
static void move_unit(hd_doc *d, const kb_unit *u, const kb_json_strmap *m, const char *aid,
		      const char *title, bool draft)
{
	kb_parse_ctx *ctx = d->ctx;
	kb_arena *a = ctx->arena;
	kb_unit *v = kb_unit_new(ctx);
	kb_textb tb;
	kb_textb_init(&tb, ctx->source);
	hd_add_mapped(&tb, m, u->text, u->text_len, u->segs, u->nsegs);
	kb_textb_finish(&tb, kb_parse_texts(ctx), v);
	kb_textb_free(&tb);

	bool intro = u->question == NULL;
	v->question = intro ? title : u->question;
	v->id = kb_faq_ids_take(a, &d->ids, intro ? aid : kb_sprintf(a, "%s#%s", aid, u->id));
	v->locale = u->locale;
	v->scope = u->scope;
	v->suppressed = u->suppressed;
	v->active = !draft;
	if (!intro && title) {
		const char **h = KB_NEWN(a, const char *, u->nheadings + 1);
		h[0] = title;
		for (size_t i = 0; i < u->nheadings; i++)
			h[i + 1] = u->headings[i];
		v->headings = h;
		v->nheadings = u->nheadings + 1;
	} else if (!intro) {
		v->headings = u->headings;
		v->nheadings = u->nheadings;
	}
	v->loc = hd_loc(d, kb_json_strmap_at(m, u->loc.start), kb_json_strmap_at(m, u->loc.end));
	kb_emit_unit(ctx, v);
}

static void article(hd_doc *d, kb_node *n)
{
	kb_parse_ctx *ctx = d->ctx;
	kb_arena *a = ctx->arena;
	if (!kb_yaml_is_map(n)) {
		hd_wrong_type(d, n, "article", "an object", true);
		return;
	}
	d->found = true;
	kb_node *body = kb_yaml_get(n, "body");
	kb_json_strmap m;
	if (!body || kb_json_is(body, "null"))
		return; /* no body: nothing to check */
	if (!kb_json_strmap_init(&m, ctx->source->data, ctx->source->len, body)) {
		hd_wrong_type(d, body, "article body", "a string", true);
		return;
	}

	kb_node *tn = kb_yaml_get(n, "title");
	if (!tn)
		tn = kb_yaml_get(n, "name");
	size_t tlen;
	const char *title = kb_json_str(tn, &tlen);
	if (tn && !title && !kb_json_is(tn, "null"))
		hd_wrong_type(d, tn, "article title", "a string", false);
	title = title ? kb_faq_clean(a, title, tlen) : NULL;
	size_t llen;
	const char *loc = kb_json_str(kb_yaml_get(n, "locale"), &llen);
	const char *locale = loc ? kb_locale_tag(loc, llen) : NULL;
	kb_node *dn = kb_yaml_get(n, "draft");
	bool ok, draft = dn && kb_yaml_bool(dn, &ok) && ok;
	const char *aid = hd_scalar(a, kb_yaml_get(n, "id"));
	if (!aid)
		aid = title ? kb_slug(a, title) : "article";

	/* The body as a page of its own, parsed by the HTML FAQ parser. */
	char *copy = malloc(m.n + 1);
	if (!copy)
		abort();
	memcpy(copy, m.s, m.n);
	copy[m.n] = '\0';
	kb_source sub = {.path = ctx->source->path,
			 .format = ctx->source->format,
			 .channel = ctx->source->channel,
			 .locale = locale ? locale : ctx->source->locale,
			 .data = copy,
			 .len = m.n};
	kb_source_index_lines(a, &sub);
	kb_vec units = {0};
	kb_diags *diags = kb_diags_new(a);
	kb_parse_ctx sc = {.arena = a, .diags = diags, .source = &sub, .units = &units};
	kb_parse_html(&sc);
	move_diags(d, diags, &sub, &m);
	for (size_t i = 0; i < units.len; i++)
		move_unit(d, units.items[i], &m, aid, title, draft);
	free(copy);
	kb_json_strmap_free(&m);
}

bool hd_hc_articles(hd_doc *d, kb_node *root)
{
	kb_node *one = kb_yaml_get(root, "article");
	kb_node *list = kb_yaml_get(root, "articles");
	if (one)
		article(d, one);
	if (kb_yaml_is_seq(root))
		list = root;
	if (list && !kb_yaml_is_seq(list)) {
		hd_wrong_type(d, list, "\"articles\"", "an array", true);
	} else if (list) {
		void *it = NULL;
		kb_node *c;
		while ((c = kb_yaml_seq_next(list, &it)))
			article(d, c);
	}
	return d->found;
}
