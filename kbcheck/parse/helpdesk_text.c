/* helpdesk_text.c - JSON access and JSON strings (plain or HTML) as unit
 * text mapped to the file, for the helpdesk parsers. */
#include "helpdesk.h"

#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "html_internal.h"
#include "scalar.h"

/* ---- the document --------------------------------------------------------- */

kb_node *hd_open(hd_doc *d, kb_parse_ctx *ctx)
{
	memset(d, 0, sizeof *d);
	d->ctx = ctx;
	const kb_source *src = ctx->source;
	return kb_json_open(&d->y, ctx->diags, src->path, src->data, src->len);
}

void hd_close(hd_doc *d)
{
	kb_yaml_close(&d->y);
	kb_faq_ids_free(&d->ids);
}

static void pos(hd_doc *d, size_t off, int *line, int *col)
{
	const kb_source *src = d->ctx->source;
	if (off > src->len)
		off = src->len;
	if (!src->line_starts || !src->nlines) {
		kb_source_pos(src, off, line, col);
		return;
	}
	size_t lo = 0, hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (src->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	size_t start = src->line_starts[lo];
	if (lo == 0 && src->len >= 3 && !memcmp(src->data, "\xEF\xBB\xBF", 3) && off >= 3)
		start = 3; /* a byte order mark is not a column (as kb_source_pos) */
	*line = (int)lo + 1;
	if (d->memo_line == *line && d->memo_off >= start && d->memo_off <= off)
		*col = d->memo_col + (int)kb_utf8_count(src->data + d->memo_off, off - d->memo_off);
	else
		*col = (int)kb_utf8_count(src->data + start, off - start) + 1;
	d->memo_off = off;
	d->memo_line = *line;
	d->memo_col = *col;
}

kb_loc hd_loc(hd_doc *d, size_t start, size_t end)
{
	kb_loc l = {.start = start, .end = end};
	pos(d, start, &l.line, &l.column);
	pos(d, end, &l.end_line, &l.end_column);
	return l;
}


const char *hd_scalar(kb_arena *a, kb_node *n)
{
	size_t len;
	const char *s = kb_json_str(n, &len);
	if (!s && kb_yaml_is_scalar(n)) {
		/* A number: plain JSON scalars are numbers, true, false, null. */
		s = kb_yaml_scalar(n, &len);
		if (!s || !len || !((s[0] >= '0' && s[0] <= '9') || s[0] == '-'))
			return NULL;
	}
	return s ? kb_faq_clean(a, s, len) : NULL;
}

void hd_wrong_type(hd_doc *d, kb_node *n, const char *what, const char *expected,
		   bool skipped)
{
	kb_yaml_diag(&d->y, n, KB_DIAG_WARNING, "%s is not %s%s", what, expected,
		     skipped ? ": skipped" : ": ignored");
}

const char *hd_title_path(kb_arena *a, const char *title, const char *const **headings,
			  size_t *nheadings)
{
	*headings = NULL;
	*nheadings = 0;
	if (!title)
		return NULL;
	size_t nparts = 1;
	for (const char *p = strstr(title, "::"); p; p = strstr(p + 2, "::"))
		nparts++;
	const char **parts = KB_NEWN(a, const char *, nparts);
	size_t k = 0;
	for (const char *p = title;;) {
		const char *e = strstr(p, "::");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *part = kb_faq_clean(a, p, n);
		if (part)
			parts[k++] = part;
		if (!e)
			break;
		p = e + 2;
	}
	if (k == 0)
		return NULL;
	*headings = k > 1 ? parts : NULL;
	*nheadings = k - 1;
	return parts[k - 1];
}

/* ---- string maps ---------------------------------------------------------- */

/* Decoded byte i is copied verbatim from the file (not from an escape). */
static bool literal(const kb_json_strmap *m, size_t i)
{
	return !m->lost && kb_json_strmap_at(m, i + 1) == kb_json_strmap_at(m, i) + 1;
}

/* Adds text[0..len), equal to decoded bytes [at, at + len). */
static void add_range(kb_textb *tb, const kb_json_strmap *m, const char *text, size_t len,
		      size_t at)
{
	if (m->lost) {
		kb_textb_window(tb, m->from, m->to);
		kb_faq_add_text(tb, text, len);
		return;
	}
	for (size_t i = 0; i < len;) {
		size_t j = i;
		bool lit = literal(m, at + i);
		while (j < len && literal(m, at + j) == lit)
			j++;
		size_t s = kb_json_strmap_at(m, at + i);
		if (lit)
			kb_textb_add_at(tb, text + i, j - i, s);
		else
			kb_textb_add_derived(tb, text + i, j - i, s,
					     kb_json_strmap_at(m, at + j) - s);
		i = j;
	}
}

void hd_add_plain(kb_textb *tb, const kb_json_strmap *m)
{
	for (size_t a = 0; a < m->n;) {
		const char *nl = memchr(m->s + a, '\n', m->n - a);
		size_t b = nl ? (size_t)(nl - m->s) : m->n;
		add_range(tb, m, m->s + a, b - a, a);
		if (!nl)
			break;
		kb_textb_break(tb);
		a = b + 1;
	}
}

void hd_add_mapped(kb_textb *tb, const kb_json_strmap *m, const char *text, size_t len,
		   const kb_textseg *segs, size_t nsegs)
{
	size_t pos = 0;
	for (size_t i = 0; i < nsegs; i++) {
		const kb_textseg *g = &segs[i];
		if (g->text_off > pos) {
			if (memchr(text + pos, '\n', g->text_off - pos))
				kb_textb_break(tb);
			else
				kb_textb_space(tb);
		}
		if (g->text_off + g->len > len)
			break;
		if (g->exact && g->len == g->src_len && g->src_off + g->len <= m->n) {
			add_range(tb, m, text + g->text_off, g->len, g->src_off);
		} else {
			size_t s = kb_json_strmap_at(m, g->src_off);
			size_t e = kb_json_strmap_at(m, (size_t)g->src_off + g->src_len);
			kb_textb_add_derived(tb, text + g->text_off, g->len, s, e > s ? e - s : 0);
		}
		pos = g->text_off + g->len;
	}
}

/* ---- HTML fragments ------------------------------------------------------- */

/* The fragment's text into tb (NULL: only keep the cursor in step). */
static void fragment(kb_html_cursor *c, kb_textb *tb, const xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE: {
			const char *name = (const char *)n->name;
			kb_html_enter(c, name);
			if (!strcmp(name, "script") || !strcmp(name, "style")) {
				size_t a, b;
				kb_html_raw_text(c, name, &a, &b);
				break;
			}
			bool hidden = kb_html_hidden(n) || depth > 256;
			bool block = tb && !hidden && kb_html_block(n);
			if (block)
				kb_textb_break(tb);
			else if (tb && !strcmp(name, "br"))
				kb_textb_break(tb);
			fragment(c, hidden ? NULL : tb, n->children, depth + 1);
			kb_html_leave(c, name);
			if (block)
				kb_textb_break(tb);
			break;
		}
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content)
				kb_html_text(c, tb, (const char *)n->content,
					     strlen((const char *)n->content));
			break;
		case XML_COMMENT_NODE:
			kb_html_comment(c);
			break;
		default:
			break;
		}
	}
}

void hd_add_html(kb_textb *tb, const kb_json_strmap *m)
{
	if (!memchr(m->s, '<', m->n) && !memchr(m->s, '&', m->n)) {
		hd_add_plain(tb, m);
		return;
	}
	/* The decoded string is a document of its own: walk it with the HTML
	 * parser's cursor, then carry the positions through the map. */
	char *copy = malloc(m->n + 1);
	if (!copy)
		abort();
	memcpy(copy, m->s, m->n);
	copy[m->n] = '\0';
	kb_source sub = {.path = tb->src->path, .data = copy, .len = m->n};
	kb_textb stb;
	kb_textb_init(&stb, &sub);
	xmlDocPtr doc = kb_html_read(copy, m->n, NULL, NULL);
	if (doc) {
		kb_html_cursor cur = {.d = copy, .len = m->n, .html = true};
		fragment(&cur, &stb, doc->children, 0);
		xmlFreeDoc(doc);
		hd_add_mapped(tb, m, kb_buf_cstr(&stb.text), stb.text.len, stb.segs,
			      stb.nsegs);
	} else {
		hd_add_plain(tb, m);
	}
	kb_textb_free(&stb);
	free(copy);
}
