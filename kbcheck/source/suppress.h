/* suppress.h - inline suppression comments in sources.
 *
 *   <!-- kbcheck-disable-next-line order.cancel -->   (Markdown, HTML, AIML)
 *   # kbcheck-disable-next-line order.cancel shipping.fee   (YAML)
 *
 * suppress claims of the named topics (all topics when none is named) on
 * the next non-blank line.  A reason may follow the topics after " -- "
 * (`kbcheck-disable-next-line order.cancel -- flash sale, ends in May`).  Unit-wide `kbcheck-disable` comments are read
 * by the parsers (kb_unit.suppressed).
 */
#ifndef KB_SUPPRESS_H
#define KB_SUPPRESS_H

#include "../base/vec.h"
#include "source.h"

typedef struct kb_suppression {
	const kb_source *source;
	int line, column;   /* of the comment */
	int target_line;    /* the line it applies to */
	const char *const *topics; /* NULL-terminated; empty = every topic */
	const char *reason;        /* after " -- ", or NULL */
	bool used;
} kb_suppression;

/* Append the suppressions found in src to out (kb_suppression*). */
void kb_suppressions_scan(kb_arena *a, const kb_source *src, kb_vec *out);

/* Does s cover topic?  */
bool kb_suppression_covers(const kb_suppression *s, const char *topic);

#endif
