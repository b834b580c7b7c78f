/* normalize.h - finding and normalizing typed values in text, per locale.
 *
 * The extractors (rules/) call these on a sentence; `kbcheck normalize`
 * calls them on a phrase.  Locales: "en", "vi", "th"; any other locale is
 * treated as "en" with all locales' unit words accepted.  Text is UTF-8 and
 * NFC; matching is case-insensitive.  These functions are pure and
 * thread-safe.
 */
#ifndef KB_NORMALIZE_H
#define KB_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "value.h"

/* Find the first value of kind in text[0..n) at or after byte `from`.
 * On success fills *v (v->start/v->end = span in text, including bound
 * words such as "within", "up to", "trong vòng") and returns true.
 * kind is one of DURATION, MONEY, NUMBER, PERCENT, COUNT, TIMERANGE,
 * WEEKDAYS. */
bool kb_normalize_find(kb_vkind kind, const char *locale, const char *text,
		       size_t n, size_t from, kb_value *v);

/* Parse a number at text[0..n) written in digits (with the locale's
 * separators: vi "5.000" = 5000, "1,5" = 1.5; en "5,000" = 5000) or in
 * words ("twenty-four", "hai mươi tư", "ยี่สิบสี่").  Returns true with the
 * value and *used = bytes consumed. */
bool kb_parse_number(const char *locale, const char *text, size_t n,
		     double *out, size_t *used);

#endif
