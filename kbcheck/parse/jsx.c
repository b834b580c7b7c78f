/* jsx.c - the text between JSX tags, read as the HTML parser reads a page.
 *
 *     export const Returns = () => (
 *       <section>
 *         <h2>Đổi trả</h2>
 *         <p>Trong vòng 7 ngày kể từ khi nhận hàng.</p>
 *       </section>
 *     );
 *
 * A copy of the file in which every byte that is not JSX markup or text
 * is a space (line breaks kept) is an HTML document at the very offsets
 * of the file: html.c reads it with libxml2 -- headings start questions,
 * <details>, <dl>, lists and paragraphs as on any page, entities decoded
 * -- and its units are moved back onto the real file.  In the copy:
 *
 * - JavaScript, comments and the text of child expressions are blanks;
 *   a child that is one plain string ({"Đổi trả"}) keeps its text.
 * - An attribute's {expression} becomes "" with blanks inside; fragments
 *   (<>...</>) are blanks.
 * - Components often mark headings with a class rather than <h2>: when
 *   the markup has no h1-h6, an element whose class names a title
 *   ("faq-title", "content-company-topic") and holds only a short text
 *   becomes <h2>, and a <strong> or <big> that opens a block and ends
 *   its line (followed by <br> or nothing) becomes <h3>, as Markdown's
 *   bold-line questions.  Renamed in place: "div" -> "h2 ".
 */
#include "codestr.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_HEADING_TEXT = 300 };

typedef struct el {
	size_t name, name_end;   /* start tag name */
	size_t close, close_end; /* end tag name; close == 0: none */
	size_t content, content_end;
	size_t cls, cls_end;     /* className / class value */
	int parent;
	int first_kid, second_kid; /* element index, KID_TEXT, or KID_NONE */
	bool block_kid, self;
} el;

enum { KID_NONE = -1, KID_TEXT = -2 };

typedef struct elements {
	el *e;
	size_t n, cap;
	bool headings; /* the markup has h1-h6 */
} elements;

static bool ci_eq(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !strncasecmp(s, w, n);
}

static bool block_name(const char *s, size_t n)
{
	static const char *const b[] = {"div", "p", "ul", "ol", "li", "table", "section", "article",
					"h1", "h2", "h3", "h4", "h5", "h6", "dl", "details", "blockquote",
					"header", "footer", "nav", "aside", "main", "form", "br", NULL};
	for (size_t i = 0; b[i]; i++)
		if (ci_eq(s, n, b[i]))
			return true;
	return false;
}

static void kid(elements *es, int parent, int k)
{
	if (parent < 0)
		return;
	el *p = &es->e[parent];
	if (p->first_kid == KID_NONE)
		p->first_kid = k;
	else if (p->second_kid == KID_NONE)
		p->second_kid = k;
}

/* The element tree of the JSX markup (start and end tags paired by a
 * stack, as the lexer nested them). */
static void build(const kb_jslex *lx, elements *es)
{
	int *stack = NULL;
	size_t ns = 0, caps = 0;
	int open = -1; /* the start tag being read */
	for (size_t i = 0; i < lx->n; i++) {
		const kb_jstok *t = &lx->tok[i];
		int parent = ns ? stack[ns - 1] : -1;
		if (t->kind == KB_JT_JSX_OPEN) {
			if (es->n == es->cap) {
				es->cap = es->cap ? es->cap * 2 : 32;
				es->e = realloc(es->e, es->cap * sizeof *es->e);
				if (!es->e)
					abort();
			}
			open = (int)es->n;
			es->e[es->n++] = (el){.name = t->body, .name_end = t->body_end, .parent = parent,
					      .first_kid = KID_NONE, .second_kid = KID_NONE};
			const char *nm = lx->d + t->body;
			size_t k = t->body_end - t->body;
			if (k == 2 && (nm[0] | 0x20) == 'h' && nm[1] >= '1' && nm[1] <= '6')
				es->headings = true;
			if (parent >= 0) {
				kid(es, parent, open);
				if (block_name(nm, k))
					es->e[parent].block_kid = true;
			}
		} else if (t->kind == KB_JT_STRING && (t->flags & KB_JT_JSXATTR) && open >= 0 && i >= 2 &&
			   (kb_jt_word(lx, i - 2, "className") || kb_jt_word(lx, i - 2, "class"))) {
			es->e[open].cls = t->body;
			es->e[open].cls_end = t->body_end;
		} else if (t->kind == KB_JT_JSX_END && open >= 0) {
			el *e = &es->e[open];
			e->self = t->flags & KB_JT_SELFCLOSE;
			e->content = t->end;
			if (!e->self) {
				if (ns == caps) {
					caps = caps ? caps * 2 : 16;
					stack = realloc(stack, caps * sizeof *stack);
					if (!stack)
						abort();
				}
				stack[ns++] = open;
			}
			open = -1;
		} else if (t->kind == KB_JT_JSX_CLOSE && ns) {
			el *e = &es->e[stack[--ns]];
			e->close = t->body;
			e->close_end = t->body_end;
			e->content_end = t->start;
		} else if (t->kind == KB_JT_JSX_TEXT || (kb_jt_is(lx, i, "{") && (t->flags & KB_JT_JSXBRACE) &&
							   !(t->flags & KB_JT_JSXATTR))) {
			bool blank = t->kind == KB_JT_JSX_TEXT;
			for (size_t k = t->start; blank && k < t->end; k++)
				blank = strchr(" \t\r\n", lx->d[k]) != NULL;
			if (!blank)
				kid(es, parent, KID_TEXT);
		}
	}
	free(stack);
}

/* A class list that names a heading: a word of "faq-title",
 * "content-company-topic", "question_title". */
static bool heading_class(const char *s, size_t n)
{
	static const char *const words[] = {"title", "heading", "topic", "question", "headline",
					    "subtitle", NULL};
	for (size_t i = 0; i < n;) {
		while (i < n && strchr(" -_", s[i]))
			i++;
		size_t j = i;
		while (j < n && !strchr(" -_", s[j]))
			j++;
		for (size_t w = 0; words[w]; w++)
			if (ci_eq(s + i, j - i, words[w]))
				return true;
		i = j;
	}
	return false;
}

/* The level element e becomes (2 or 3), or 0 when it stays itself. */
static int heading_level(const kb_jslex *lx, const elements *es, size_t i)
{
	const el *e = &es->e[i];
	const char *d = lx->d;
	size_t nl = e->name_end - e->name;
	if (e->self || !e->close || nl < 2 || e->first_kid == KID_NONE ||
	    e->content_end - e->content > MAX_HEADING_TEXT ||
	    e->close_end - e->close != nl || strncasecmp(d + e->close, d + e->name, nl))
		return 0;
	if (e->cls_end > e->cls && heading_class(d + e->cls, e->cls_end - e->cls) && !e->block_kid)
		return 2;
	if (!(ci_eq(d + e->name, nl, "strong") || ci_eq(d + e->name, nl, "big")) || e->parent < 0)
		return 0;
	const el *p = &es->e[e->parent];
	if (p->first_kid != (int)i || !block_name(d + p->name, p->name_end - p->name))
		return 0;
	if (p->second_kid == KID_NONE)
		return 3;
	if (p->second_kid < 0)
		return 0;
	const el *next = &es->e[p->second_kid];
	return ci_eq(d + next->name, next->name_end - next->name, "br") ? 3 : 0;
}

static void rename_tag(char *copy, size_t from, size_t to, int level)
{
	copy[from] = 'h';
	copy[from + 1] = (char)('0' + level);
	for (size_t k = from + 2; k < to; k++)
		copy[k] = ' ';
}

static void keep(char *copy, const char *d, size_t from, size_t to)
{
	memcpy(copy + from, d + from, to - from);
}

/* The HTML copy of the file (see the head of this file); malloc'd. */
static char *html_copy(const kb_jslex *lx)
{
	const char *d = lx->d;
	char *c = malloc(lx->len + 1);
	if (!c)
		abort();
	for (size_t i = 0; i < lx->len; i++)
		c[i] = d[i] == '\n' || d[i] == '\r' ? d[i] : ' ';
	c[lx->len] = '\0';
	if (lx->len >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3))
		keep(c, d, 0, 3);
	bool fragment = false, quoted = false;
	size_t attr_depth = 0; /* inside attr={...}: nothing is kept */
	for (size_t i = 0; i < lx->n; i++) {
		const kb_jstok *t = &lx->tok[i];
		bool attr = t->flags & KB_JT_JSXATTR;
		if (attr && (t->flags & KB_JT_JSXBRACE)) {
			/* attr={...} -> attr="   "; a spread {...p} -> blanks */
			if (kb_jt_is(lx, i, "{") && attr_depth++ == 0) {
				quoted = i > 0 && kb_jt_is(lx, i - 1, "=");
				if (quoted)
					c[t->start] = '"';
			} else if (kb_jt_is(lx, i, "}") && attr_depth && --attr_depth == 0 && quoted) {
				c[t->start] = '"';
			}
			continue;
		}
		if (attr_depth)
			continue;
		switch (t->kind) {
		case KB_JT_JSX_OPEN:
			fragment = t->body == t->body_end;
			if (!fragment)
				keep(c, d, t->start, t->end);
			break;
		case KB_JT_JSX_END:
			if (!fragment)
				keep(c, d, t->start, t->end);
			fragment = false;
			break;
		case KB_JT_JSX_CLOSE:
			if (t->body != t->body_end)
				keep(c, d, t->start, t->end);
			break;
		case KB_JT_JSX_TEXT:
			keep(c, d, t->start, t->end);
			break;
		case KB_JT_STRING:
		case KB_JT_IDENT:
			if (attr)
				keep(c, d, t->start, t->end);
			break;
		case KB_JT_PUNCT:
			if (attr && kb_jt_is(lx, i, "="))
				keep(c, d, t->start, t->end);
			else if (kb_jt_jsx_lone_string(lx, i))
				keep(c, d, lx->tok[i + 1].body, lx->tok[i + 1].body_end);
			break;
		default:
			break;
		}
	}
	return c;
}

/* Renames the elements that act as headings (see the head of the file). */
static void synthesize_headings(const kb_jslex *lx, char *copy)
{
	elements es = {0};
	build(lx, &es);
	for (size_t i = 0; i < es.n && !es.headings; i++) {
		int level = heading_level(lx, &es, i);
		if (!level)
			continue;
		rename_tag(copy, es.e[i].name, es.e[i].name_end, level);
		rename_tag(copy, es.e[i].close, es.e[i].close_end, level);
	}
	free(es.e);
}

void kb_jsx_units(kb_parse_ctx *ctx, const kb_jslex *lx)
{
	if (!lx->jsx)
		return;
	const kb_source *src = ctx->source;
	char *copy = html_copy(lx);
	synthesize_headings(lx, copy);
	/* The copy has the file's offsets and lines; its columns are set
	 * right on the real file afterwards. */
	kb_source html = *src;
	html.data = copy;
	html.len = lx->len;
	html.map = NULL;
	kb_parse_ctx c = *ctx;
	c.source = &html;
	size_t first = ctx->units->len;
	kb_parse_html(&c);
	for (size_t i = first; i < ctx->units->len; i++) {
		kb_unit *u = ctx->units->items[i];
		u->source = src;
		u->loc = kb_loc_of(src, u->loc.start, u->loc.end);
	}
	free(copy);
}

size_t kb_jsx_text_size(const kb_jslex *lx)
{
	size_t n = 0;
	kb_arena *a = kb_arena_new();
	for (size_t i = 0; i < lx->n; i++) {
		const kb_jstok *t = &lx->tok[i];
		if (t->kind != KB_JT_JSX_TEXT)
			continue;
		const char *s = kb_faq_clean(a, lx->d + t->start, t->end - t->start);
		if (s && kb_cs_natural(s, strlen(s)))
			n += strlen(s);
	}
	kb_arena_free(a);
	return n;
}
