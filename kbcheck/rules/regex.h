/* regex.h - PCRE2 patterns for rules: UTF + UCP + caseless, JIT-compiled
 * once, matched with match and depth limits so a catastrophic pattern
 * fails fast instead of hanging the run.  Only this module includes pcre2.h.
 */
#ifndef KB_REGEX_H
#define KB_REGEX_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"

typedef struct kb_re kb_re;
/* Per-thread match state (match data, JIT stack, limits). */
typedef struct kb_re_scratch kb_re_scratch;

/* Compile; on error returns NULL and writes the message and the offset in
 * the pattern to err/erroff.  The compiled code is freed by kb_re_free
 * (arena memory holds only the handle). */
kb_re *kb_re_compile(kb_arena *a, const char *pattern, char *err, size_t errlen,
		     size_t *erroff);
void kb_re_free(kb_re *re);

kb_re_scratch *kb_re_scratch_new(void);
void kb_re_scratch_free(kb_re_scratch *s);

typedef enum kb_re_result {
	KB_RE_NOMATCH = 0,
	KB_RE_MATCH = 1,
	KB_RE_LIMIT = -1, /* match or depth limit hit: the pattern backtracks too much */
	KB_RE_ERROR = -2,
} kb_re_result;

/* Match re against s[0..n) starting at byte start.  On a match, *ms and *me
 * are the whole match; *vs and *ve the named group "value" when the pattern has
 * one and it took part (else set to the whole match). */
kb_re_result kb_re_match(const kb_re *re, kb_re_scratch *sc, const char *s,
			 size_t n, size_t start, size_t *ms, size_t *me,
			 size_t *vs, size_t *ve);

/* The longest literal run of letters the pattern requires, folded to lower
 * case ASCII when possible (for prefiltering); may be "" */
const char *kb_re_pattern(const kb_re *re);

#endif
