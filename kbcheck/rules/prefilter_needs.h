/* prefilter_needs.h - the literals a PCRE2 pattern needs (internal to
 * rules/, see prefilter.h). */
#ifndef KB_PREFILTER_NEEDS_H
#define KB_PREFILTER_NEEDS_H

#include <stddef.h>

#include "../base/arena.h"

/* Case-folded strings (kb_cp_fold) of which at least one occurs in every
 * match of pattern (PCRE2 source, compiled caseless and UTF), in a; *n
 * their number, 0 (NULL returned) when nothing useful can be said. */
const char **kb_prefilter_needs(kb_arena *a, const char *pattern, size_t *n);

/* The same, and up to max further needs in more[0..*nmore) (each a
 * NULL-terminated array of strings): the needs of the other parts of a
 * pattern that is a sequence at its top ("(?:ยกเลิก|ปิด|ลบ)\s*บัญชี" needs
 * "บัญชี" and one of "ยกเลิก", "ปิด", "ลบ"): every match holds a string of
 * each. */
const char **kb_prefilter_needs_all(kb_arena *a, const char *pattern, size_t *n,
				    const char ***more, size_t *nmore, size_t max);

#endif
