/* html_internal.h - shared by html.c (visible markup), html_cursor.c
 * (source positions) and html_jsonld.c (schema.org FAQPage in JSON-LD);
 * private to parse/.  Only these files include libxml2 headers.
 */
#ifndef KB_HTML_INTERNAL_H
#define KB_HTML_INTERNAL_H

#include <libxml/HTMLparser.h>

#include "faq_util.h"

/* Parses data[0..len) as HTML: recovery mode, UTF-8, no network, no
 * external entities.  libxml2 reports each problem to on_error(ctxt, err)
 * (the parser context; its _private is `user`), or nowhere when on_error is
 * NULL; nothing is ever printed.  The caller frees the result with
 * xmlFreeDoc().  NULL when libxml2 could not start (len > INT_MAX, no
 * memory). */
xmlDocPtr kb_html_read(const char *data, size_t len,
		       xmlStructuredErrorFunc on_error, void *user);

/* Reads ctx->source as an HTML page whose bytes are data[0..len) instead
 * of its own: a copy of the same length in which template code is blanked
 * (template.c), so every offset into data is the same offset into the
 * file, which units and positions refer to.  kb_parse_html passes the
 * source's own bytes. */
void kb_html_parse(kb_parse_ctx *ctx, const char *data);

/* Value of attribute `name` (lower case) of element n without copying:
 * "" for an attribute without value, NULL when absent. */
const char *kb_html_attr(const xmlNode *n, const char *name);

/* Elements whose content is never answer text (script, head, svg...). */
bool kb_html_hidden(const xmlNode *n);
/* Elements that break the text flow (paragraphs, list items, cells...). */
bool kb_html_block(const xmlNode *n);

/* Plain text of n's descendants, whitespace collapsed, in the arena (for
 * questions and headings, which need no map); NULL when empty. */
const char *kb_html_plain(kb_arena *a, const xmlNode *n);

/* A source position kept in step with a walk over the DOM (html_cursor.c):
 * visit nodes in document order and call, for each element,
 * kb_html_enter() before its children and kb_html_leave() after; for each
 * text node kb_html_text(); for each comment kb_html_comment(). */
typedef struct kb_html_cursor {
	const char *d;
	size_t len;
	size_t pos; /* everything before it is accounted for */
	/* Read by libxml2's HTML parser (not its XML parser, as AIML is): a
	 * processing instruction ends at its first '>', and kb_html_resync()
	 * uses the parser's line numbers. */
	bool html;
	/* Where the last line lookup stood: line `line` (1-based, lines
	 * counted at '\n' as libxml2 counts them) starts at or before
	 * line_pos, which it holds.  Zero: nothing looked up yet. */
	size_t line_pos;
	unsigned line;
} kb_html_cursor;

/* Consumes the start tag of element `name` (lower case) when it is next;
 * elements libxml2 implied have none.  Returns where the element starts. */
size_t kb_html_enter(kb_html_cursor *c, const char *name);
/* Consumes the end tag of element `name` when it is next. */
void kb_html_leave(kb_html_cursor *c, const char *name);
/* libxml2 made the node at hand (an element, or a text) with its input on
 * line `line` (xmlNode.line): its source starts no later than that line.
 * A cursor past that line has lost step with the DOM (markup the two
 * read differently), and everything after would be placed too far, up to
 * the end of the file; it goes back to the line -- to the start tag of
 * element `name` on it, if one is there (name NULL: a text node).  Going
 * back too far costs nothing, as a text is then found by searching
 * forward.  line 0 (unknown) or 65535 and more (where libxml2 2.9 stops
 * counting) does nothing; so does an XML cursor. */
void kb_html_resync(kb_html_cursor *c, unsigned line, const char *name);
/* Consumes the next comment; returns where it starts (SIZE_MAX: the
 * cursor did not find it). */
size_t kb_html_comment(kb_html_cursor *c);
/* Is the comment at byte at of c (kb_html_comment's), of text content, a
 * kbcheck-disable that opens a block (source/suppress.h: not a unit's
 * suppression)?  Only when c reads the source's own bytes. */
bool kb_html_block_comment(kb_parse_ctx *ctx, const kb_html_cursor *c, size_t at,
			   const char *content);
/* For a raw-text element (script, style) just entered: its content is
 * source bytes [*from, *to); consumes content and end tag. */
void kb_html_raw_text(kb_html_cursor *c, const char *name, size_t *from,
		      size_t *to);
/* Consumes the source of a text node whose decoded content is s[0..n),
 * adding it to tb mapped byte for byte (tb NULL: only keep in step). */
void kb_html_text(kb_html_cursor *c, kb_textb *tb, const char *s, size_t n);
/* s[0..n) starts with p, ASCII letters compared case-insensitively. */
bool kb_html_ci_prefix(const char *s, size_t n, const char *p);

/* One <script type="application/ld+json">: its content's source bytes and
 * the language in effect where it stands. */
typedef struct kb_html_script {
	size_t from, to;
	const char *locale;
} kb_html_script;

/* Emits the questions of every FAQPage found in the scripts, skipping those
 * whose question and answer equal a visible unit already emitted for this
 * source (ctx->units from index first_unit on).  Invalid JSON becomes one
 * diagnostic with its line and column in the HTML file. */
void kb_html_jsonld(kb_parse_ctx *ctx, kb_faq_ids *ids,
		    const kb_html_script *scripts, size_t nscripts,
		    size_t first_unit);

#endif
