/* html.c - FAQ pages in HTML (libxml2's HTML parser in recovery mode).
 *
 * Questions: headings h1-h6 (the answer runs to the next heading of any
 * level), <details><summary>, <dl><dt><dd>, and schema.org microdata
 * Question items; JSON-LD FAQPage is read by html_jsonld.c.
 *
 * Positions: html_cursor.c keeps a source position in step with this walk,
 * so every word of a unit maps to its exact line and column.
 *
 * Diagnostics.  Debian's libxml2 2.9 parses HTML4 and calls every HTML5
 * element an error ("Tag section invalid"); it also complains about things
 * browsers take in stride (a stray "&", an unexpected end tag).  Only real
 * damage is reported: bad encoding, NUL bytes, markup cut off by the end of
 * the file, nesting too deep to read.
 */
#include "parser.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../base/locale.h"
#include "html_internal.h"

typedef struct hp {
	kb_parse_ctx *ctx;
	kb_html_cursor cur; /* in step with the walk (html_cursor.c) */
	kb_faq_ids ids;
	kb_faq_headings heads;
	kb_faq_unit sec;       /* the section being collected (intro, heading) */
	kb_faq_topics pending; /* kbcheck-disable topics for the next content */
	const xmlNode *qnode;  /* question element of the open Q/A container */
	unsigned long texts;   /* text nodes added to any unit so far */
	kb_html_script *scripts;
	size_t nscripts, capscripts;
	int nreported;
	bool encoding_reported;
	/* Tables of the page: the one being walked, its row, the row's cell
	 * (for the blocks of the text: kb_textb_cell). */
	int tables, table, row, col;
	bool thead;
} hp;

enum { MAX_REPORTS = 20 }; /* diagnostics per file */

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Lists around n (n itself included). */
static int list_depth(const xmlNode *n)
{
	int d = 0;
	for (; n; n = n->parent)
		if (n->type == XML_ELEMENT_NODE && n->name &&
		    (!strcmp((const char *)n->name, "ul") || !strcmp((const char *)n->name, "ol")))
			d++;
	return d;
}

/* The text of block element e starts a block of the unit's text: a list
 * item, a table cell (its table, row and column counted as the walk goes),
 * or a block of text. */
static void start_block(hp *h, const xmlNode *e, kb_textb *tb)
{
	const char *name = (const char *)e->name;
	if (!strcmp(name, "table")) {
		h->table = ++h->tables;
		h->row = h->col = 0;
		h->thead = false;
	} else if (!strcmp(name, "thead")) {
		h->thead = true;
	} else if (!strcmp(name, "tbody") || !strcmp(name, "tfoot")) {
		h->thead = false;
	} else if (!strcmp(name, "tr")) {
		h->row++;
		h->col = 0;
	}
	if (!strcmp(name, "li")) {
		kb_textb_block(tb, KB_BLOCK_ITEM, list_depth(e));
	} else if ((!strcmp(name, "td") || !strcmp(name, "th")) && h->table && h->row) {
		h->col++;
		kb_textb_cell(tb, h->table, h->row, h->col, !strcmp(name, "th") || h->thead);
	} else {
		kb_textb_block(tb, KB_BLOCK_TEXT, list_depth(e->parent));
	}
}

/* ---- libxml2 plumbing ----------------------------------------------------- */

static pthread_once_t libxml_once = PTHREAD_ONCE_INIT;

static void libxml_init(void) { xmlInitParser(); }

static void silent(void *user, xmlErrorPtr e) {}

static void silent_generic(void *ctx, const char *msg, ...) {}

xmlDocPtr kb_html_read(const char *data, size_t len,
		       xmlStructuredErrorFunc on_error, void *user)
{
	pthread_once(&libxml_once, libxml_init);
	if (len > INT_MAX)
		return NULL;
	htmlParserCtxtPtr pc = htmlNewParserCtxt();
	if (!pc)
		return NULL;
	pc->sax->serror = on_error ? on_error : silent;
	pc->sax->initialized = XML_SAX2_MAGIC; /* makes libxml2 use serror */
	pc->_private = user;
	/* Errors without a parser context go to the thread's handlers: keep
	 * them off stderr for the duration. */
	xmlStructuredErrorFunc old_s = xmlStructuredError;
	void *old_sc = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_g = xmlGenericError;
	void *old_gc = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(NULL, silent);
	xmlSetGenericErrorFunc(NULL, silent_generic);
	xmlDocPtr doc = htmlCtxtReadMemory(
	    pc, data, (int)len, NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC |
		HTML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(old_sc, old_s);
	xmlSetGenericErrorFunc(old_gc, old_g);
	htmlFreeParserCtxt(pc);
	return doc;
}

static const char bad_encoding[] = "invalid UTF-8; the text after it may be garbled";

/* The libxml2 error codes that mean content was lost or garbled, and how
 * to say so; everything else is HTML that browsers read fine. */
static const char *damage(int code)
{
	switch (code) {
	case XML_ERR_INVALID_ENCODING:
	case XML_ERR_UNKNOWN_ENCODING:
	case XML_ERR_UNSUPPORTED_ENCODING:
	case XML_I18N_CONV_FAILED:
		return bad_encoding;
	case XML_ERR_INVALID_CHAR:
		return "invalid character";
	case XML_ERR_DOCUMENT_END:
	case XML_ERR_ATTRIBUTE_NOT_FINISHED:
	case XML_ERR_LITERAL_NOT_FINISHED:
	case XML_ERR_COMMENT_NOT_FINISHED:
	case XML_ERR_PI_NOT_FINISHED:
	case XML_ERR_DOCTYPE_NOT_FINISHED:
	case XML_ERR_CDATA_NOT_FINISHED:
	case XML_ERR_GT_REQUIRED:
	case XML_ERR_TAG_NOT_FINISHED:
		return "broken or truncated markup";
	case XML_ERR_INTERNAL_ERROR:
	case XML_ERR_NO_MEMORY:
		return "the rest of the file could not be read";
	default:
		return NULL;
	}
}

static void on_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr pc = user;
	hp *h = pc ? pc->_private : NULL;
	if (!h || !e || e->level < XML_ERR_ERROR)
		return;
	const char *what = damage(e->code);
	if (!what)
		return;
	if (what == bad_encoding) {
		/* libxml2 reads the rest as Latin-1: one report says it all. */
		if (h->encoding_reported)
			return;
		h->encoding_reported = true;
	}
	const kb_source *src = h->ctx->source;
	if (h->nreported++ >= MAX_REPORTS) {
		if (h->nreported == MAX_REPORTS + 1)
			kb_diag(h->ctx->diags, KB_DIAG_NOTE, src->path, e->line, 0,
				"more damage in this file is not reported");
		return;
	}
	const char *msg = e->message ? e->message : "";
	size_t n = strlen(msg);
	while (n && is_ws((unsigned char)msg[n - 1]))
		n--;
	kb_diag(h->ctx->diags, KB_DIAG_ERROR, src->path, e->line > 0 ? e->line : 0,
		e->line > 0 && e->int2 > 0 ? e->int2 : 0, "%s (libxml2: %.*s)", what,
		(int)n, msg);
}

const char *kb_html_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (!a->name || strcasecmp((const char *)a->name, name) != 0)
			continue;
		const xmlNode *t = a->children;
		return t && t->content ? (const char *)t->content : "";
	}
	return NULL;
}

static bool name_in(const xmlNode *n, const char *const *list)
{
	if (n->type != XML_ELEMENT_NODE || !n->name)
		return false;
	for (size_t i = 0; list[i]; i++)
		if (strcmp((const char *)n->name, list[i]) == 0)
			return true;
	return false;
}

bool kb_html_hidden(const xmlNode *n)
{
	static const char *const hidden[] = {
	    "head", "script", "style", "noscript", "template", "svg", "math",
	    "iframe", "object", "embed", "canvas", "select", "datalist",
	    "textarea", "button", NULL};
	return name_in(n, hidden);
}

bool kb_html_block(const xmlNode *n)
{
	static const char *const block[] = {
	    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
	    "h4", "h5", "h6", "table", "tr", "td", "th", "thead", "tbody",
	    "tfoot", "caption", "blockquote", "pre", "section", "article",
	    "main", "aside", "header", "footer", "nav", "details", "summary",
	    "figure", "figcaption", "hr", "address", "fieldset", "form",
	    "legend", "body", "html", NULL};
	return name_in(n, block);
}

static void plain(const xmlNode *n, kb_buf *b)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				kb_buf_puts(b, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE &&
			   (!kb_html_hidden(c) || strcmp((const char *)c->name, "button") == 0)) {
			/* A title's button is its text (an accordion's
			 * "<h2><button>Can I return…</button></h2>"). */
			bool sep = kb_html_block(c) || strcmp((const char *)c->name, "br") == 0;
			if (sep)
				kb_buf_putc(b, ' ');
			plain(c, b);
			if (sep)
				kb_buf_putc(b, ' ');
		}
	}
}

const char *kb_html_plain(kb_arena *a, const xmlNode *n)
{
	kb_buf b = KB_BUF_INIT;
	plain(n, &b);
	const char *r = kb_faq_clean(a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	return r;
}

/* ---- the walk ------------------------------------------------------------- */

static void walk(hp *h, const xmlNode *parent, kb_faq_unit *u, const char *lang);
static void element(hp *h, const xmlNode *e, kb_faq_unit *u, const char *lang);

/* Text is about to go into u: suppressions waiting for content are its. */
static void claim_pending(hp *h, kb_faq_unit *u, const char *lang)
{
	if (kb_textb_empty(&u->tb) && u->start == KB_FAQ_NONE && !u->question &&
	    !u->locale)
		u->locale = lang; /* the intro: its language is where it starts */
	kb_faq_topics_move(&u->suppressed, &h->pending);
}

static void text(hp *h, const xmlNode *t, kb_faq_unit *u, const char *lang)
{
	const char *s = t->content ? (const char *)t->content : "";
	size_t n = strlen(s);
	if (u) {
		size_t k = 0;
		while (k < n && is_ws((unsigned char)s[k]))
			k++;
		if (k < n) {
			claim_pending(h, u, lang);
			h->texts++;
		}
	}
	kb_html_resync(&h->cur, t->line, NULL);
	kb_html_text(&h->cur, u ? &u->tb : NULL, s, n);
	/* The intro has no question to start at: it starts with its text. */
	if (u && u->start == KB_FAQ_NONE && u->tb.nsegs)
		u->start = u->tb.segs[0].src_off;
}

static void comment(hp *h, const xmlNode *c, kb_faq_unit *u)
{
	size_t at = kb_html_comment(&h->cur);
	if (u && c->content &&
	    !kb_html_block_comment(h->ctx, &h->cur, at, (const char *)c->content))
		kb_faq_topics_parse(&h->pending, h->ctx->arena, (const char *)c->content,
				    strlen((const char *)c->content));
}

/* The cursor to element e's start tag (checked against libxml2's line
 * number for it first); returns where e starts. */
static size_t enter(hp *h, const xmlNode *e)
{
	kb_html_resync(&h->cur, e->line, (const char *)e->name);
	return kb_html_enter(&h->cur, (const char *)e->name);
}

static void record_script(hp *h, size_t from, size_t to, const char *lang)
{
	if (h->nscripts == h->capscripts) {
		h->capscripts = h->capscripts ? h->capscripts * 2 : 4;
		h->scripts = realloc(h->scripts, h->capscripts * sizeof *h->scripts);
		if (!h->scripts)
			abort();
	}
	h->scripts[h->nscripts++] = (kb_html_script){from, to, lang};
}

/* <script> and <style> hold raw text: skip to their end tag.  JSON-LD is
 * taken from the source bytes, never from the DOM (libxml2 2.9 may cut a
 * script at an embedded "</p>"). */
static void raw_text(hp *h, const xmlNode *e, const char *lang)
{
	const char *name = (const char *)e->name;
	size_t from, to;
	kb_html_raw_text(&h->cur, name, &from, &to);
	const char *type = kb_html_attr(e, "type");
	if (strcmp(name, "script") == 0 && type) {
		while (is_ws((unsigned char)*type))
			type++;
		if (kb_html_ci_prefix(type, strlen(type), "application/ld+json"))
			record_script(h, from, to, lang);
	}
}

static int heading_level(const xmlNode *e)
{
	const char *n = (const char *)e->name;
	if ((n[0] == 'h' || n[0] == 'H') && n[1] >= '1' && n[1] <= '6' && !n[2])
		return n[1] - '0';
	return 0;
}

static const char *id_of(hp *h, const xmlNode *e)
{
	const char *id = kb_html_attr(e, "id");
	return id ? kb_faq_clean(h->ctx->arena, id, strlen(id)) : NULL;
}

static void heading(hp *h, const xmlNode *e, int level, size_t start, const char *lang)
{
	const char *q = kb_html_plain(h->ctx->arena, e);
	walk(h, e, NULL, lang);
	kb_html_leave(&h->cur, (const char *)e->name);
	kb_faq_unit *s = &h->sec;
	kb_faq_emit(h->ctx, &h->ids, s);
	s->question = q;
	s->id = id_of(h, e);
	if (!s->id && !q)
		s->id = "section";
	s->start = start;
	s->locale = lang;
	kb_faq_headings_open(&h->heads, level, q);
	s->headings = kb_faq_headings_path(&h->heads, h->ctx->arena, true, &s->nheadings);
	kb_faq_topics_move(&s->suppressed, &h->pending);
}

static bool has_token(const char *list, const char *tok)
{
	size_t k = strlen(tok);
	for (const char *p = list; *p;) {
		while (is_ws((unsigned char)*p))
			p++;
		const char *e = p;
		while (*e && !is_ws((unsigned char)*e))
			e++;
		if ((size_t)(e - p) == k && strncasecmp(p, tok, k) == 0)
			return true;
		p = e;
	}
	return false;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	while (n && is_ws((unsigned char)s[n - 1]))
		n--;
	return n >= k && strncasecmp(s + n - k, suffix, k) == 0;
}

/* The itemprop="name" element of a microdata item, not looking into
 * nested items. */
static const xmlNode *item_name(const xmlNode *e)
{
	for (const xmlNode *c = e->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *prop = kb_html_attr(c, "itemprop");
		if (prop && has_token(prop, "name"))
			return c;
		if (kb_html_attr(c, "itemscope"))
			continue;
		const xmlNode *r = item_name(c);
		if (r)
			return r;
	}
	return NULL;
}

/* Does a token of n's class hold one of the words parts (as a part:
 * "faq__title", "accordion-header", "cardHeader")? */
static bool class_has(const xmlNode *n, const char *const *parts)
{
	const char *cls = n && n->type == XML_ELEMENT_NODE ? kb_html_attr(n, "class") : NULL;
	if (!cls)
		return false;
	for (size_t i = 0; parts[i]; i++)
		if (strcasestr(cls, parts[i]))
			return true;
	return false;
}

/* Accordion markup.  Most FAQ pages built by hand or with a CSS framework
 * mark a Q/A pair by class names only:
 *
 *     <div class="faq__item">
 *       <a class="faq__title">Is shipping free?</a>
 *       <div class="faq__content">Yes, on every order.</div>
 *     </div>
 *
 * (Bootstrap's "card" in an "accordion": "card-header", "collapse".)  An
 * element whose class, or its parent's, names an FAQ or an accordion is a
 * Q/A container when exactly one of its children is marked as a title and
 * a later one as the content, and that content holds no Q/A of its own
 * (no heading, no such item inside: then it is a list of them). */
static const char *const item_words[] = {"faq", "accordion", "question", "qna", NULL};
static const char *const title_words[] = {"question", "title", "header", "heading", "toggle",
					  "trigger", "summary", "head", NULL};
static const char *const content_words[] = {"answer", "content", "body", "collapse", "panel",
					    "reply", NULL};

static bool holds_qa(const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)c->name;
		if (heading_level(c) || !strcmp(name, "details") || !strcmp(name, "dt") ||
		    class_has(c, item_words) || (depth < 16 && holds_qa(c, depth + 1)))
			return true;
	}
	return false;
}

static const xmlNode *accordion_title(const xmlNode *e)
{
	if (!class_has(e, item_words) && !class_has(e->parent, item_words))
		return NULL;
	const xmlNode *title = NULL, *content = NULL;
	for (const xmlNode *c = e->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || kb_html_hidden(c))
			continue;
		if (class_has(c, content_words) && !class_has(c, title_words)) {
			if (title && !content)
				content = c;
		} else if (class_has(c, title_words)) {
			if (title)
				return NULL; /* two titles: a list, or a card's own parts */
			title = c;
		}
	}
	return title && content && !holds_qa(content, 0) ? title : NULL;
}

/* The element holding the question when e is a Q/A container: the
 * <summary> of a <details>, the name of a microdata Question, an
 * accordion item's title. */
static const xmlNode *question_of(const xmlNode *e)
{
	const char *name = (const char *)e->name;
	if (strcmp(name, "details") == 0) {
		for (const xmlNode *c = e->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)c->name, "summary") == 0)
				return c;
		return NULL;
	}
	const char *type = kb_html_attr(e, "itemtype");
	const char *prop = kb_html_attr(e, "itemprop");
	if ((type && ends_with(type, "schema.org/Question")) ||
	    (prop && has_token(prop, "mainEntity") && kb_html_attr(e, "itemscope")))
		return item_name(e);
	return accordion_title(e);
}

/* An accordion's toggle sign before its title ("+ Is shipping free?"),
 * as an icon's text, is no part of the question. */
static const char *without_toggle(const char *q)
{
	static const char *const signs[] = {"+", "-", "\u2212", "\u2013", "\u203a", "\u00bb", "\u25b8",
					    "\u25be", "\u25b6", "\u25bc", "\u2022", NULL};
	for (size_t i = 0; q && signs[i]; i++) {
		size_t n = strlen(signs[i]);
		if (!strncmp(q, signs[i], n) && q[n] == ' ' && q[n + 1])
			return q + n + 1;
	}
	return q;
}

static const char *question_text(hp *h, const xmlNode *q)
{
	const char *content = kb_html_attr(q, "content"); /* <meta itemprop=name> */
	if (content && *content)
		return kb_faq_clean(h->ctx->arena, content, strlen(content));
	return without_toggle(kb_html_plain(h->ctx->arena, q));
}

/* A question with its own answer inside the section: emitted on its own,
 * the section's text continues after it. */
static void qa_unit(hp *h, const xmlNode *e, const xmlNode *qnode, size_t start,
		    const char *lang)
{
	kb_faq_unit q;
	kb_faq_unit_init(&q, h->ctx->source);
	q.question = question_text(h, qnode);
	q.id = id_of(h, e);
	q.start = start;
	q.locale = lang;
	q.headings = kb_faq_headings_path(&h->heads, h->ctx->arena, false, &q.nheadings);
	kb_faq_topics_move(&q.suppressed, &h->pending);
	const xmlNode *outer = h->qnode;
	h->qnode = qnode;
	walk(h, e, &q, lang);
	h->qnode = outer;
	kb_html_leave(&h->cur, (const char *)e->name);
	q.end = h->cur.pos;
	kb_faq_emit(h->ctx, &h->ids, &q);
	kb_faq_topics_move(&h->pending, &q.suppressed); /* if it had no text */
	kb_faq_unit_free(&q);
}

/* <dl>: each <dt> (or run of them) is a question, the <dd>s after it its
 * answer.  HTML5 allows a <div> around each group. */
static void dl_items(hp *h, const xmlNode *parent, kb_faq_unit *u, kb_faq_unit *pair,
		     bool *open, const char *lang)
{
	for (const xmlNode *c = parent->children; c; c = c->next) {
		const char *name = c->type == XML_ELEMENT_NODE ? (const char *)c->name : "";
		if (strcmp(name, "dt") == 0) {
			size_t start = enter(h, c);
			const char *q = kb_html_plain(h->ctx->arena, c);
			walk(h, c, NULL, lang);
			kb_html_leave(&h->cur, (const char *)c->name);
			if (*open && kb_textb_empty(&pair->tb) && pair->question && q) {
				pair->question = kb_sprintf(h->ctx->arena, "%s; %s",
							    pair->question, q);
				continue;
			}
			if (*open) {
				kb_faq_emit(h->ctx, &h->ids, pair);
				kb_faq_topics_move(&h->pending, &pair->suppressed);
			}
			*open = true;
			pair->question = q;
			pair->id = id_of(h, c);
			pair->start = start;
			pair->locale = lang;
			pair->headings = kb_faq_headings_path(&h->heads, h->ctx->arena,
							      false, &pair->nheadings);
			kb_faq_topics_move(&pair->suppressed, &h->pending);
		} else if (strcmp(name, "div") == 0) {
			enter(h, c);
			dl_items(h, c, u, pair, open, lang);
			kb_html_leave(&h->cur, (const char *)c->name);
		} else if (strcmp(name, "dd") == 0 && *open) {
			element(h, c, pair, lang);
			pair->end = h->cur.pos;
		} else if (c->type == XML_ELEMENT_NODE) {
			element(h, c, u, lang);
		} else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			text(h, c, u, lang);
		} else if (c->type == XML_COMMENT_NODE) {
			comment(h, c, u);
		}
	}
}

static void dl(hp *h, const xmlNode *e, kb_faq_unit *u, const char *lang)
{
	kb_faq_unit pair;
	kb_faq_unit_init(&pair, h->ctx->source);
	bool open = false;
	kb_textb_break(&u->tb);
	dl_items(h, e, u, &pair, &open, lang);
	kb_html_leave(&h->cur, (const char *)e->name);
	if (open) {
		kb_faq_emit(h->ctx, &h->ids, &pair);
		kb_faq_topics_move(&h->pending, &pair.suppressed);
	}
	kb_faq_unit_free(&pair);
	kb_textb_break(&u->tb);
}

/* Page chrome around the content: navigation, and the page's own header
 * and footer (an <article>'s header holds its title and stays). */
static bool chrome(const xmlNode *e)
{
	const char *name = (const char *)e->name;
	if (strcmp(name, "nav") == 0)
		return true;
	if (strcmp(name, "header") != 0 && strcmp(name, "footer") != 0)
		return false;
	return e->parent && e->parent->name &&
	       strcmp((const char *)e->parent->name, "body") == 0;
}

/* ---- questions written as paragraphs ----
 * Many FAQ pages have no heading markup: a paragraph that is a question,
 * then its answer ("<p><b>1. How long is delivery?</b></p><p>2-3
 * days.</p>").  Such a paragraph opens a section as a heading does, one
 * level below every real heading (QUESTION_LEVEL): the next heading or
 * question paragraph closes it.  A question paragraph is short, reads as a
 * question (kb_faq_is_question) and is followed by a block that does not:
 * two questions in a row are a list of questions, not Q/As. */
enum { QUESTION_LEVEL = 7, QUESTION_MAX = 240 };

static const xmlNode *sibling_element(const xmlNode *e, bool forward)
{
	for (const xmlNode *n = forward ? e->next : e->prev; n; n = forward ? n->next : n->prev) {
		if (n->type == XML_ELEMENT_NODE)
			return kb_html_hidden(n) ? NULL : n;
		if (n->type == XML_TEXT_NODE && n->content) {
			for (const xmlChar *c = n->content; *c; c++)
				if (!is_ws(*c))
					return NULL; /* text between: not a sibling block */
		}
	}
	return NULL;
}

/* Does the text under n run past max bytes?  (Asked before a paragraph's
 * text is copied: most paragraphs are answers, not short questions.) */
static bool text_over(const xmlNode *n, size_t *left)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content) {
			size_t k = strlen((const char *)c->content);
			if (k > *left)
				return true;
			*left -= k;
		} else if (c->type == XML_ELEMENT_NODE && text_over(c, left)) {
			return true;
		}
	}
	return false;
}

static bool question_paragraph(hp *h, const xmlNode *e)
{
	size_t left = 4 * QUESTION_MAX; /* room for markup's spaces and entities */
	if (strcmp((const char *)e->name, "p") != 0 || text_over(e, &left))
		return false;
	const char *t = kb_html_plain(h->ctx->arena, e);
	if (!t || !*t || strlen(t) > QUESTION_MAX || !kb_faq_is_question(t))
		return false;
	const xmlNode *next = sibling_element(e, true), *prev = sibling_element(e, false);
	if (!next || heading_level(next) || !kb_html_block(next))
		return false;
	const char *a = kb_html_plain(h->ctx->arena, next);
	if (!a || !*a || (!strcmp((const char *)next->name, "p") && kb_faq_is_question(a)))
		return false;
	if (prev && !strcmp((const char *)prev->name, "p")) {
		const char *b = kb_html_plain(h->ctx->arena, prev);
		if (b && strlen(b) <= QUESTION_MAX && kb_faq_is_question(b))
			return false; /* after a question: a list of them */
	}
	return true;
}

static void element(hp *h, const xmlNode *e, kb_faq_unit *u, const char *lang)
{
	const char *l = kb_html_attr(e, "lang");
	if (!l)
		l = kb_html_attr(e, "xml:lang");
	if (l)
		lang = kb_locale_tag(l, strlen(l));

	size_t start = enter(h, e);
	const char *name = (const char *)e->name;
	if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0) {
		raw_text(h, e, lang);
		return;
	}
	if (!u || e == h->qnode || kb_html_hidden(e) || chrome(e)) {
		walk(h, e, NULL, lang);
		kb_html_leave(&h->cur, (const char *)e->name);
		return;
	}
	int level = heading_level(e);
	if (level && u == &h->sec) {
		heading(h, e, level, start, lang);
		return;
	}
	if (u == &h->sec && question_paragraph(h, e)) {
		heading(h, e, QUESTION_LEVEL, start, lang);
		return;
	}
	const xmlNode *qnode = question_of(e);
	if (qnode) {
		qa_unit(h, e, qnode, start, lang);
		return;
	}
	if (strcmp(name, "dl") == 0) {
		dl(h, e, u, lang);
		return;
	}
	bool block = kb_html_block(e);
	int saved_table = h->table, saved_row = h->row, saved_col = h->col;
	bool saved_thead = h->thead;
	if (block)
		start_block(h, e, &u->tb);
	else if (strcmp(name, "br") == 0)
		kb_textb_break(&u->tb); /* a line of its own: "- 365 days<br>- 60 days" */
	unsigned long before = h->texts;
	walk(h, e, u, lang);
	kb_html_leave(&h->cur, (const char *)e->name);
	if (!strcmp(name, "table") || !strcmp(name, "thead") || !strcmp(name, "tr")) {
		/* Back to the table (and row) around this one. */
		h->table = saved_table;
		h->thead = saved_thead;
		if (!strcmp(name, "table")) {
			h->row = saved_row;
			h->col = saved_col;
		}
	}
	/* A unit ends with the end tag of its last element, not with those
	 * of the elements around it (<section>, <body>). */
	if (h->texts != before && u->start != KB_FAQ_NONE && start >= u->start)
		u->end = h->cur.pos;
	if (block)
		kb_textb_block(&u->tb, KB_BLOCK_TEXT, list_depth(e->parent));
}

static void walk(hp *h, const xmlNode *parent, kb_faq_unit *u, const char *lang)
{
	for (const xmlNode *c = parent->children; c; c = c->next) {
		switch (c->type) {
		case XML_ELEMENT_NODE:
			element(h, c, u, lang);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			text(h, c, u, lang);
			break;
		case XML_COMMENT_NODE:
			comment(h, c, u);
			break;
		default: /* doctype, PIs: skipped with the markup around them */
			break;
		}
	}
}

/* JSON-LD that template code wrote (a loop over the FAQ, say) is not what
 * the page serves, and without its code it is rarely valid JSON: only
 * scripts as written in the file are read. */
static size_t static_scripts(const kb_source *src, const char *data, kb_html_script *s,
			     size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (data == src->data ||
		    memcmp(data + s[i].from, src->data + s[i].from, s[i].to - s[i].from) == 0)
			s[k++] = s[i];
	return k;
}

void kb_html_parse(kb_parse_ctx *ctx, const char *data)
{
	const kb_source *src = ctx->source;
	hp h = {.ctx = ctx, .cur = {.d = data, .len = src->len, .html = true}};
	size_t first = ctx->units->len;
	kb_faq_unit_init(&h.sec, src);
	if (src->len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		h.cur.pos = 3;

	xmlDocPtr doc = kb_html_read(data, src->len, on_error, &h);
	if (doc) {
		walk(&h, (const xmlNode *)doc, &h.sec, NULL);
		kb_faq_emit(ctx, &h.ids, &h.sec);
		xmlFreeDoc(doc);
	} else if (src->len > 0) {
		kb_diag(ctx->diags, KB_DIAG_ERROR, src->path, 0, 0,
			"could not read the file as HTML");
	}
	h.nscripts = static_scripts(src, data, h.scripts, h.nscripts);
	kb_html_jsonld(ctx, &h.ids, h.scripts, h.nscripts, first);

	/* Nested questions (details, dl) were emitted before the section
	 * around them: list the file's units in document order. */
	if (ctx->units->len - first > 1)
		qsort(ctx->units->items + first, ctx->units->len - first,
		      sizeof(void *), kb_unit_cmp_start);

	free(h.scripts);
	kb_faq_unit_free(&h.sec);
	kb_faq_topics_free(&h.pending);
	kb_faq_headings_free(&h.heads);
	kb_faq_ids_free(&h.ids);
}

void kb_parse_html(kb_parse_ctx *ctx)
{
	kb_html_parse(ctx, ctx->source->data);
}

/* ---- detection ------------------------------------------------------------ */

int kb_detect_html(const char *path, const char *d, size_t len)
{
	if (len > 16384)
		len = 16384;
	size_t p = len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	/* Leading whitespace and comments say nothing. */
	for (;;) {
		while (p < len && is_ws((unsigned char)d[p]))
			p++;
		if (len - p < 4 || memcmp(d + p, "<!--", 4) != 0)
			break;
		const char *e = memmem(d + p + 4, len - p - 4, "-->", 3);
		if (!e)
			return 0;
		p = (size_t)(e - d) + 3;
	}
	if (p < len && (d[p] == '{' || d[p] == '['))
		return 0; /* JSON, even with HTML in its strings (Zendesk) */
	if (kb_html_ci_prefix(d + p, len - p, "<!doctype html"))
		return 100;
	if (kb_html_ci_prefix(d + p, len - p, "<html") &&
	    (p + 5 >= len || is_ws((unsigned char)d[p + 5]) || d[p + 5] == '>'))
		return 95;
	if (kb_html_ci_prefix(d + p, len - p, "<?xml"))
		return memmem(d + p, len - p, "<html", 5) ? 90 : 0;

	static const char *const tags[] = {
	    "p", "div", "span", "a", "ul", "ol", "li", "h1", "h2", "h3", "h4",
	    "h5", "h6", "table", "tr", "td", "body", "head", "br", "b", "strong",
	    "em", "section", "article", "details", "summary", "dl", "dt", "dd",
	    "script", "meta", "img", NULL};
	int distinct = 0;
	for (size_t i = 0; tags[i]; i++) {
		size_t k = strlen(tags[i]);
		for (const char *s = d; s < d + len;) {
			const char *lt = memchr(s, '<', (size_t)(d + len - s));
			if (!lt)
				break;
			size_t at = (size_t)(lt - d);
			if (kb_html_ci_prefix(lt + 1, len - at - 1, tags[i]) && at + 1 + k < len &&
			    (is_ws((unsigned char)lt[1 + k]) || lt[1 + k] == '>' ||
			     lt[1 + k] == '/')) {
				distinct++;
				break;
			}
			s = lt + 1;
		}
	}
	bool starts_with_tag = p < len && d[p] == '<' && p + 1 < len &&
			       (((unsigned char)d[p + 1] | 0x20) >= 'a' &&
				((unsigned char)d[p + 1] | 0x20) <= 'z');
	if (starts_with_tag)
		return distinct >= 2 ? 80 : distinct == 1 ? 40 : 0;
	return distinct >= 3 ? 30 : 0;
}
