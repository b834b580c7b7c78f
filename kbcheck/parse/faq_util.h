/* faq_util.h - pieces shared by the FAQ page parsers (markdown.c, html.c,
 * html_jsonld.c); private to parse/.
 *
 * An FAQ page is cut into units the same way whatever its markup: a
 * question (heading, bold line, <summary>, <dt>...) starts a unit, the
 * content after it is the answer, the headings above it form its path.
 * kb_faq_unit collects one unit while its markup is walked; kb_faq_emit()
 * turns it into a kb_unit.  All helpers here that keep state (ids, heading
 * stack, suppression lists) own malloc'd memory released by their _free();
 * everything they hand out lives in the run's arena.
 */
#ifndef KB_FAQ_UTIL_H
#define KB_FAQ_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "parser.h"
#include "textb.h"

/* Unit ids, unique within one source: "refunds", "refunds-2", ... */
typedef struct kb_faq_ids {
	const char **slot; /* open addressing, NULL = free */
	size_t cap, n;
} kb_faq_ids;

/* Returns base, or base-2, base-3... whichever is still free, and takes it.
 * base is copied into the arena when needed. */
const char *kb_faq_ids_take(kb_arena *a, kb_faq_ids *ids, const char *base);
void kb_faq_ids_free(kb_faq_ids *ids);

/* The headings open at the current point of the document. */
typedef struct kb_faq_heading {
	int level;
	const char *text;
} kb_faq_heading;

typedef struct kb_faq_headings {
	kb_faq_heading *item;
	size_t n, cap;
} kb_faq_headings;

/* A heading of level (1..6) with text starts here: closes the open headings
 * of the same or a deeper level, then opens it. */
void kb_faq_headings_open(kb_faq_headings *h, int level, const char *text);
/* Arena copy of the open heading texts, outermost first; skip_last leaves
 * out the innermost one (a heading's own path excludes itself). */
const char *const *kb_faq_headings_path(const kb_faq_headings *h, kb_arena *a,
					bool skip_last, size_t *n);
void kb_faq_headings_free(kb_faq_headings *h);

/* Topics named by "kbcheck-disable" comments, waiting for their unit.
 * A comment on its own (an HTML comment node, a Markdown HTML block)
 * applies to the unit of the content that follows it, so it can sit just
 * above a question; one inside a Markdown paragraph, to that paragraph's
 * unit.  The topics end up in kb_unit.suppressed. */
typedef struct kb_faq_topics {
	const char **item; /* arena strings */
	size_t n, cap;
} kb_faq_topics;

/* If comment text c[0..n) (markers included or not) is a suppression
 * ("kbcheck-disable" alone = all topics, "*"; or followed by topic names
 * separated by spaces or commas), adds its topics to t and returns true. */
bool kb_faq_topics_parse(kb_faq_topics *t, kb_arena *a, const char *c, size_t n);
/* Moves all of from's topics into to. */
void kb_faq_topics_move(kb_faq_topics *to, kb_faq_topics *from);
void kb_faq_topics_free(kb_faq_topics *t);

/* A unit being collected. */
typedef struct kb_faq_unit {
	kb_textb tb;              /* answer text */
	const char *question;     /* NULL: text before the first question */
	const char *id;           /* from the markup (HTML id); NULL: slug */
	const char *locale;       /* from the document; NULL: leave default */
	const char *const *headings;
	size_t nheadings;
	size_t start, end;        /* source span; start == KB_FAQ_NONE: unset */
	kb_faq_topics suppressed;
} kb_faq_unit;

#define KB_FAQ_NONE ((size_t)-1)

void kb_faq_unit_init(kb_faq_unit *fu, const kb_source *src);
/* Emits fu as a unit if it has answer text (id made unique with ids), then
 * empties it for reuse (question, id, headings, span and topics cleared;
 * locale kept).  Returns the unit, or NULL when nothing was emitted. */
kb_unit *kb_faq_emit(kb_parse_ctx *ctx, kb_faq_ids *ids, kb_faq_unit *fu);
void kb_faq_unit_free(kb_faq_unit *fu);

/* Adds s[0..n), a piece of decoded text, searching for it in tb's window
 * from the cursor: exact when the piece is in the source verbatim; when it
 * is not (escapes, entities), word by word so that most words still map
 * exactly.  Never moves the cursor past the window. */
void kb_faq_add_text(kb_textb *tb, const char *s, size_t n);

/* s[0..n) with whitespace runs collapsed and trimmed, in the arena; NULL
 * when nothing is left. */
const char *kb_faq_clean(kb_arena *a, const char *s, size_t n);


/* Does s read as a question: a question mark at its end, an English
 * question word first ("How long ..."), or a Vietnamese or Thai question
 * word or particle ("... bao lâu", "... không", "... ไหม")?  A bold line that
 * does not ("**Example**", "**Note**") is a lead-in, not a question. */
bool kb_faq_is_question(const char *s);

#endif
