/* drift.h - value drift: one statement, copied from page to page or pasted
 * into a macro, whose values then drifted apart ("Tải trọng: 0.5 tấn đến
 * 10 tấn" here, "... đến 50 tấn" there).  No rule pack has to know the
 * topic, and it works in any language: two sentences that are the same
 * once their values are masked, with different values, contradict each
 * other.
 *
 * A sentence is a drift statement when it holds a value a policy states --
 * a number with a unit (a time, an amount, a weight, a share, "24h",
 * "500k"), a currency, a date, a time of day or a phone number -- and,
 * with its numbers masked, at least DRIFT_MIN_WORDS words (Thai: letters):
 * a bare number ("article 4881", "#10024", "Step 2") is masked but never
 * compared, so ids and counts of things never drift.  Its key is the
 * masked, case-folded sentence; its value, the values in order.
 */
#ifndef KB_DRIFT_H
#define KB_DRIFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"

enum { DRIFT_MIN_WORDS = 4, DRIFT_MIN_THAI_LETTERS = 12 };

typedef struct kb_drift {
	uint64_t key;         /* the masked sentence's hash */
	const char *shape;    /* the masked sentence, clipped, for people */
	const char *values;   /* the values compared, in order ("0.5 tấn, 10 tấn") */
	const char *canon;    /* the same as compared: "500.000" and "500,000" alike */
	size_t start, end;    /* from the first value compared to the last, in t */
} kb_drift;

/* The drift statement t[s, e) makes, or false (strings in a). */
bool kb_drift_statement(kb_arena *a, const char *t, size_t s, size_t e, kb_drift *out);

/* The topic and attribute drift claims and findings carry. */
#define KB_DRIFT_TOPIC "drift"
#define KB_DRIFT_ATTRIBUTE "values"

#endif
