/* value.h - a normalized value: what a phrase states, in canonical units.
 *
 * Durations are in seconds (a month = 30 days, a year = 365 days; a phrase
 * that adds months to years counts in months: "1 year 6 months" is 18 x 30
 * days), money in the currency's main unit, percentages as numbers (15
 * for 15%), times of day as minutes since midnight, weekdays as a bit set
 * (Monday = bit 0).  An open bound is NAN.  A duration also keeps the unit
 * it was written in, to be shown in the author's terms ("12 months", "7
 * days") while compared in canonical units.  Values are plain structs,
 * copied freely; label points to arena or static memory.
 */
#ifndef KB_VALUE_H
#define KB_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/jsonw.h"

/* Values are at most this large (in canonical units): past it a number
 * in a KB is no value.  Doubles stop counting whole units at 2^53, and no
 * price, delay or count a KB promises comes near. */
#define KB_VALUE_LIMIT 1e15

typedef enum kb_vkind {
	KB_V_NONE,
	KB_V_BOOL,
	KB_V_DURATION,
	KB_V_MONEY,
	KB_V_NUMBER,
	KB_V_PERCENT,
	KB_V_COUNT,
	KB_V_ENUM,
	KB_V_TIMERANGE,
	KB_V_WEEKDAYS,
} kb_vkind;

typedef enum kb_bound {
	KB_BOUND_EXACT,    /* "30 days" */
	KB_BOUND_AT_MOST,  /* "within 30 days", "up to", "no later than" */
	KB_BOUND_AT_LEAST, /* "at least", "from 30 days", "over" */
	KB_BOUND_RANGE,    /* "3-5 days", "between 3 and 5" */
} kb_bound;

/* The unit a duration was written in (the smallest, for "1 hour 30
 * minutes"; a fortnight is two weeks). */
typedef enum kb_tunit {
	KB_TU_NONE, /* not known: shown in the largest whole unit */
	KB_TU_SECOND,
	KB_TU_MINUTE,
	KB_TU_HOUR,
	KB_TU_DAY,
	KB_TU_WEEK,
	KB_TU_MONTH,
	KB_TU_YEAR,
} kb_tunit;

typedef struct kb_value {
	kb_vkind kind;
	kb_bound bound;
	double min, max;   /* canonical units; NAN = open */
	bool business;     /* duration counted in business/working days */
	bool flag;         /* KB_V_BOOL */
	bool beyond;       /* a lower bound by comparison ("more than", "beyond",
			    * "quá", "เกิน"): a threshold, not "at least" */
	unsigned char unit; /* KB_V_DURATION: kb_tunit as written */
	char currency[8];  /* KB_V_MONEY: ISO 4217 code, or the symbol as written */
	const char *label; /* KB_V_ENUM: the canonical enum value */
	unsigned days;     /* KB_V_WEEKDAYS: bit 0 = Monday ... bit 6 = Sunday */
	size_t start, end; /* byte span of the phrase in the text it was found in */
} kb_value;

/* Names used in JSON and rule files: "duration", "money", ... */
const char *kb_vkind_name(kb_vkind k);
kb_vkind kb_vkind_parse(const char *name); /* KB_V_NONE if unknown */
const char *kb_bound_name(kb_bound b);

/* The value as JSON, the public `kbcheck normalize` shape:
 * {"kind","min","max","unit","business","currency","bound","text"}; text may
 * be NULL (then omitted). */
void kb_value_json(kb_jsonw *w, const kb_value *v, const char *text);

/* Human form in English for messages: "24 hours", "at most 2 days",
 * "3-5 business days", "500,000 VND", "yes"/"no", "Mon-Fri".  A duration
 * is shown in the unit it was written in ("12 months", not "1 year"). */
void kb_value_format(kb_buf *b, const kb_value *v);

/* Same stated promise: same kind, currency, business flag and the same
 * [min,max], where "at most X" and "exactly X" count as the same promise.
 * Durations compare calendar units with each other exactly: a year is
 * twelve months ("12 months" = "1 year", "18 months" = "1.5 years"), and so
 * is a whole number of 365-day years written in smaller units ("365
 * days"); a month is 30 days. */
bool kb_value_same(const kb_value *a, const kb_value *b);
/* a is a single value that lies inside b's range (a possible conflict). */
bool kb_value_inside(const kb_value *a, const kb_value *b);
/* "at most X" and a range that ends at X: one promise. */
bool kb_value_agree(const kb_value *a, const kb_value *b);
/* a is a duration's lower bound ("at least 1 year") that every value of b
 * (no lower bound itself) keeps. */
bool kb_value_meets(const kb_value *a, const kb_value *b);
/* A stable text key for the value (for grouping and fingerprints). */
const char *kb_value_key(kb_arena *arena, const kb_value *v);

#endif
