/* value.h - a normalized value: what a phrase states, in canonical units.
 *
 * Durations are in seconds (a month = 30 days, a year = 365 days), money in
 * the currency's main unit, percentages as numbers (15 for 15%), times of
 * day as minutes since midnight, weekdays as a bit set (Monday = bit 0).
 * An open bound is NAN.  Values are plain structs, copied freely; label
 * points to arena or static memory.
 */
#ifndef KB_VALUE_H
#define KB_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/jsonw.h"

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

typedef struct kb_value {
	kb_vkind kind;
	kb_bound bound;
	double min, max;   /* canonical units; NAN = open */
	bool business;     /* duration counted in business/working days */
	bool flag;         /* KB_V_BOOL */
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
 * "3-5 business days", "500,000 VND", "yes"/"no", "Mon-Fri". */
void kb_value_format(kb_buf *b, const kb_value *v);

/* Same stated promise: same kind, currency, business flag and the same
 * [min,max], where "at most X" and "exactly X" count as the same promise. */
bool kb_value_same(const kb_value *a, const kb_value *b);
/* a is a single value that lies inside b's range (a possible conflict). */
bool kb_value_inside(const kb_value *a, const kb_value *b);
/* A stable text key for the value (for grouping and fingerprints). */
const char *kb_value_key(kb_arena *arena, const kb_value *v);

#endif
