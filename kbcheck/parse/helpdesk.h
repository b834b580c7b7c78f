/* helpdesk.h - shared by the helpdesk export parsers; private to parse/.
 *
 *   helpdesk.c       detection; Zendesk macros, Freshdesk canned responses,
 *                    Help Scout saved replies (one unit per reply)
 *   helpdesk_hc.c    Zendesk Help Center articles (FAQ: the body is cut
 *                    into questions by the HTML parser)
 *   helpdesk_text.c  a JSON string (plain text or HTML) as unit text
 *
 * Exports are JSON read through base/yaml.h, so every string has a byte range
 * in the file.  A string's decoded bytes keep a map back to that range:
 * plain runs map exactly, a JSON escape (\n, \", \u00e9) maps to the
 * escape itself.  HTML in a string is parsed as a document of its own
 * (the decoded string), walked with the HTML parser's source cursor, and
 * its positions are carried through the map into the file.
 *
 * Everything handed out lives in the run's arena unless said otherwise.
 */
#ifndef KB_HELPDESK_H
#define KB_HELPDESK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/yaml.h"
#include "faq_util.h"


/* One helpdesk file, parsed. */
typedef struct hd_doc {
	kb_parse_ctx *ctx;
	kb_yaml y;
	kb_faq_ids ids;   /* unit ids of the file */
	bool found;       /* something of the expected shape was seen */
	size_t previews;  /* Help Scout replies with only a preview */
	size_t memo_off;  /* the last position computed by hd_loc */
	int memo_line, memo_col;
} hd_doc;

/* Parses ctx->source as JSON (kb_json_open: errors reported with line and
 * column).  Returns the root, or NULL when the file is not valid JSON or
 * empty (nothing to close then). */
kb_node *hd_open(hd_doc *d, kb_parse_ctx *ctx);
void hd_close(hd_doc *d);

/* kb_loc_of(source, start, end), in time linear in the distance from the
 * previous call on the same line: exports are often one minified line, on
 * which kb_source_pos counts columns from the line's start each time. */
kb_loc hd_loc(hd_doc *d, size_t start, size_t end);

/* A JSON string or number as an arena string with whitespace collapsed;
 * NULL for anything else or a blank string. */
const char *hd_scalar(kb_arena *a, kb_node *n);
/* Warning at node n: "what" is not of the expected type; skipped says
 * whether what it belongs to was left out. */
void hd_wrong_type(hd_doc *d, kb_node *n, const char *what,
		   const char *expected, bool skipped);

/* Adds the string as plain text: every line break of the value is a
 * paragraph break of the unit text. */
void hd_add_plain(kb_textb *tb, const kb_json_strmap *m);
/* Adds the string as an HTML fragment: markup removed, block elements
 * (p, div, li...) break paragraphs, <br> is a space; character
 * references point at themselves.  Strings without '<' or '&' are plain. */
void hd_add_html(kb_textb *tb, const kb_json_strmap *m);
/* Adds text[0..len), unit text built over the decoded string (segments'
 * src_off are offsets into m->s), with its positions carried into the
 * file.  Characters between segments are separators (space or break). */
void hd_add_mapped(kb_textb *tb, const kb_json_strmap *m, const char *text, size_t len,
		   const kb_textseg *segs, size_t nsegs);

/* "Orders::Cancel::Within window" -> question "Within window", headings
 * {"Orders", "Cancel"}; parts are trimmed, empty ones dropped. */
const char *hd_title_path(kb_arena *a, const char *title, const char *const **headings,
			  size_t *nheadings);

/* Help Center articles under root ({"article": {}}, {"articles": []}, or
 * an array of articles).  Returns false when there are none. */
bool hd_hc_articles(hd_doc *d, kb_node *root);

#endif
