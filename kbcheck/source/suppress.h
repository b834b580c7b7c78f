/* suppress.h - inline suppression comments in sources.
 *
 *   <!-- kbcheck-disable-next-line order.cancel -->   (Markdown, HTML, AIML)
 *   # kbcheck-disable-next-line order.cancel shipping.fee   (YAML)
 *
 * suppress claims of the named topics (all topics when none is named) on
 * the next non-blank line.  A reason may follow the topics after " -- "
 * (`kbcheck-disable-next-line order.cancel -- flash sale, ends in May`).
 *
 * Blocks, as ESLint's and Vale's:
 *
 *   <!-- kbcheck-disable order.cancel -- flash sale, ends in May -->
 *   ...
 *   <!-- kbcheck-enable order.cancel -->
 *
 * The rule, per file, the comments taken in order (one per line, the
 * first marker of a line counts):
 *  - A `kbcheck-disable [topic...]` comment opens a block of its topics
 *    (every topic when none is named).  A `kbcheck-enable [topic...]`
 *    closes, in every open block, the topics it names (no name: every
 *    topic; naming a topic closes it in an every-topic block too, which
 *    goes on for the others).  A claim is suppressed when its value
 *    starts after the disable comment's first byte and before the enable
 *    comment's.
 *  - A disable that no later enable closes (not one of its topics) is no
 *    block: it keeps its older meaning, read by the parsers (the answer it
 *    sits in, or the next one: kb_unit.suppressed).
 *  - A block closed for some topics and not others runs to the end of the
 *    file for those, with a warning; an enable that closes nothing (or a
 *    topic it names that no open block covers) gets a warning.
 * Comments are `<!-- ... -->` in every format, and `# ...` (YAML: at a
 * line's start or after a blank) in the formats where '#' is no text (not
 * Markdown, HTML, AIML); the marker follows the comment's opening, blanks
 * between; topics and reason are read on the marker's line.  Bounds
 * (suppress.c): 512 block comments a file, 16 open blocks, 32 topics a
 * comment.  The parsers ask kb_suppression_opens_block() which disables
 * are blocks', and leave those out of kb_unit.suppressed.
 */
#ifndef KB_SUPPRESS_H
#define KB_SUPPRESS_H

#include "../base/vec.h"
#include "source.h"

typedef enum kb_suppression_kind {
	KB_SUPPRESS_NEXT_LINE, /* kbcheck-disable-next-line */
	KB_SUPPRESS_BLOCK,     /* kbcheck-disable ... kbcheck-enable */
	KB_SUPPRESS_STRAY,     /* a kbcheck-enable that closed nothing: suppresses nothing */
} kb_suppression_kind;

typedef struct kb_suppression kb_suppression;
struct kb_suppression {
	kb_suppression_kind kind;
	const kb_source *source;
	int line, column;   /* of the comment (a block's: of its disable) */
	int target_line;    /* next-line: the line it applies to */
	size_t from, to;    /* block: the source bytes [from, to) it covers */
	const char *const *topics; /* NULL-terminated; empty = every topic */
	const char *const *except; /* NULL-terminated, or NULL: topics an enable closed */
	const char *reason;        /* after " -- ", or NULL */
	/* A block an enable split (some of its topics closed) goes on in a
	 * record of its own; origin is the first, that of the comment. */
	kb_suppression *origin;
	bool open_at_eof; /* block: some topics not closed, to the file's end */
	bool used;        /* (of the origin) something was suppressed by it */
};

/* Append the suppressions found in src to out (kb_suppression*). */
void kb_suppressions_scan(kb_arena *a, const kb_source *src, kb_vec *out);

/* Does s cover topic?  */
bool kb_suppression_covers(const kb_suppression *s, const char *topic);

/* Does s drop a claim of topic at loc of its source?  Marks s's origin
 * used when it does. */
bool kb_suppression_drops(kb_suppression *s, int line, size_t start, const char *topic);

/* The lines of a source's block-opening kbcheck-disable comments, found
 * once per parse (kb_parse_ctx.openers); zeroed: not yet. */
typedef struct kb_block_openers {
	const kb_source *src;
	const int *lines; /* ascending */
	size_t n;
} kb_block_openers;

/* For the parsers: is a kbcheck-disable comment with its marker on lines
 * [first, last] of src a block's (so not the unit-wide suppression)? */
bool kb_suppression_opens_block(kb_arena *a, kb_block_openers *memo, const kb_source *src,
				int first, int last);

#endif
