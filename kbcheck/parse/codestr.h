/* codestr.h - texts kept in source code: shared by codestr.c (string data:
 * i18n dictionaries, FAQ arrays, PHP language arrays), codestr_text.c
 * (which strings are text) and jsx.c (JSX markup); private to parse/.
 *
 * Three parsers of the table read these files: "js-strings" and "jsx"
 * (.js .mjs .cjs .ts .mts .cts .jsx .tsx; the same parse, named "jsx"
 * when the file's text is mostly JSX markup) and "php-strings" (PHP
 * files that return an array, as Laravel's resources/lang/<locale>/ files).
 */
#ifndef KB_CODESTR_H
#define KB_CODESTR_H

#include "../base/buf.h"
#include "faq_util.h"
#include "jslex.h"

/* ---- which strings are text (codestr_text.c) ------------------------------- */

/* Keys whose string is a question or title: question, q, title, heading,
 * name, label, summary... (case, '_' and '-' ignored). */
bool kb_cs_key_question(const char *key);
/* Keys whose string is an answer: answer, a, content, body, text,
 * description, desc, value, details... */
bool kb_cs_key_answer(const char *key);
/* Keys whose string is never text: className, href, src, icon, id, type... */
bool kb_cs_key_code(const char *key);
/* Keys under which nothing is text: style, sx, css, theme, classes... */
bool kb_cs_key_hidden(const char *key);
/* Calls whose arguments are not text shown to customers: console.*,
 * require, new Error, test helpers, DOM selectors. */
bool kb_cs_callee_hidden(const char *name);
/* The language of a key such as "vi", "en-US", "th_TH", or NULL. */
const char *kb_cs_key_locale(const char *key);
/* "titleDelivery1" -> "title delivery", "claim_product" -> "claim
 * product"; NULL when nothing is left.  In the arena. */
const char *kb_cs_humanize(kb_arena *a, const char *key);

/* Plain text s[0..n) (decoded, markup removed, whitespace collapsed) reads
 * as language rather than code: two words or more (any Thai), not a CSS
 * class list, a URL or path, SQL, a format string or code. */
bool kb_cs_natural(const char *s, size_t n);
/* ... or is at least a word or two of text (an answer field's "Yes"). */
bool kb_cs_wordy(const char *s, size_t n);
/* A short title rather than a statement: no digits, no closing
 * punctuation, a few words (or capitals, or Title Case); it heads the
 * strings after it in a dictionary. */
bool kb_cs_label(const char *s, size_t n);

/* ---- string tokens into text ------------------------------------------------ */

/* Where decoded string pieces go: a unit's text (with its map) and/or a
 * plain buffer.  HTML tags inside strings ("<p>Returns</p>") are dropped,
 * block tags as breaks. */
typedef struct kb_cs_sink {
	kb_textb *tb;
	kb_buf *buf;
	bool in_tag;
} kb_cs_sink;

void kb_cs_sink_token(kb_cs_sink *k, const kb_jslex *lx, size_t tok);
/* A separator between two values or an operand that is not a string. */
void kb_cs_sink_space(kb_cs_sink *k);

/* ---- the parsers ------------------------------------------------------------ */

/* What a walk over string data found or emits.  With ctx NULL it only
 * measures (detection): natural is the code points of text that would
 * become units, units how many. */
typedef struct kb_cs_stats {
	size_t natural, units, jsx_text;
	bool returns_array; /* PHP: a top-level "return [...]" */
	bool assigns;       /* PHP: "$lang['key'] = '...'" */
	bool code;          /* PHP: classes or functions, or markup outside the tags */
} kb_cs_stats;

/* The string data of lx: units into ctx (ids unique through ids), or only
 * the stats when ctx is NULL.  a holds scratch strings. */
void kb_cs_walk(kb_parse_ctx *ctx, kb_arena *a, const kb_jslex *lx, kb_faq_ids *ids,
		kb_cs_stats *st);

/* The JSX markup of lx read as an HTML page (jsx.c): headings, lists and
 * paragraphs as the HTML parser reads them; units into ctx. */
void kb_jsx_units(kb_parse_ctx *ctx, const kb_jslex *lx);
/* Code points of natural text between JSX tags (detection). */
size_t kb_jsx_text_size(const kb_jslex *lx);

#endif
