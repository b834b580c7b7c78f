/* suggest.h - suggested wording for the deviating sides of a finding:
 * the deviating phrase rewritten with the reference value in the same
 * language and style ("trong vòng 48 giờ" -> "trong vòng 24 giờ"), or,
 * failing that, the reference phrase of a source in the same locale. */
#ifndef KB_SUGGEST_H
#define KB_SUGGEST_H

#include "finding.h"

/* Sets sides[i].suggestion for deviating sides (arena memory). */
void kb_suggest(kb_arena *a, kb_finding *f);

#endif
