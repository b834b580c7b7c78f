/* nz.h - internals shared by the normalizer files (not part of the
 * contract; only the .c files of kbcheck/normalize include it).
 *
 * Everything here works on byte offsets into one NFC UTF-8 text and never
 * allocates.  A function that matches something returns the offset just
 * past it, or 0 for "no match" (a match always ends after its start, so 0
 * is never a real end).
 */
#ifndef KB_NZ_H
#define KB_NZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "value.h"

/* Word sets.  A locale accepts its own words plus English ones (KBs in
 * Vietnamese and Thai write "24h", "Mon-Fri", "USD" freely); an unknown
 * locale accepts all. */
enum { NZ_EN = 1, NZ_VI = 2, NZ_TH = 4, NZ_ALL = 7 };

typedef struct nz_text {
	const char *s;
	size_t n;
	unsigned loc;  /* NZ_* mask of accepted words */
	bool vi_sep;   /* vi: '.' groups thousands, ',' is the decimal mark */
	size_t from;   /* no value found may start before it */
} nz_text;

void nz_text_init(nz_text *t, const char *locale, const char *s, size_t n);

/* A word or symbol in a table.  lit is lower case NFC; a ' ' in it matches
 * a run of spaces and hyphens ("free of charge" = "free-of-charge").  A
 * table ends with an entry whose lit is NULL. */
typedef struct nz_word {
	const char *lit;
	unsigned loc;
	int tag;
	double val;
} nz_word;

/* --- scan.c: code points, case folding, literal matching --- */

/* Code point at i, lower-cased; *len = its byte length.  -1 past the end. */
int32_t nz_cp(const nz_text *t, size_t i, size_t *len);
/* The code point that ends right before i (-1 at the start). */
int32_t nz_cp_before(const nz_text *t, size_t i, size_t *start);
bool nz_is_space(int32_t cp);
/* Letters and digits of spaced scripts (Latin, Vietnamese): what a word
 * boundary is made of.  Thai is unspaced and handled apart. */
bool nz_is_word(int32_t cp);
bool nz_is_thai(int32_t cp);
/* Thai vowels and marks that cannot begin a syllable: a Thai word cannot
 * end right before one (the "สาม" of "สามารถ" is not "three"). */
bool nz_is_thai_tail(int32_t cp);
/* ASCII or Thai digit at i: its value, or -1. */
int nz_digit(const nz_text *t, size_t i, size_t *len);

size_t nz_ws(const nz_text *t, size_t i); /* skips spaces; returns i if none */
/* lit at i, case-insensitively, ending on a word boundary: end or 0. */
size_t nz_lit(const nz_text *t, size_t i, const char *lit);
/* The longest entry of tab (for t's locales) matching at i, or NULL. */
const nz_word *nz_table(const nz_text *t, size_t i, const nz_word *tab,
			size_t *end);
/* Like nz_table, but a Latin entry may be followed by a digit ("USD5"). */
const nz_word *nz_table_glued(const nz_text *t, size_t i, const nz_word *tab,
			      size_t *end);
/* Like nz_table after skipping spaces. */
const nz_word *nz_table_ws(const nz_text *t, size_t i, const nz_word *tab,
			   size_t *end);
/* Is a match allowed to begin at i?  Not inside a word or a number. */
bool nz_word_start(const nz_text *t, size_t i);
/* The word (spaced script) that ends before i, skipping spaces but not a
 * line break (a cell, a list item or a <br> line of its own), matches
 * one of the NULL-terminated list? */
bool nz_prev_word_in(const nz_text *t, size_t i, const char *const *words);
/* The same, giving the start of that word, or (size_t)-1. */
size_t nz_prev_word(const nz_text *t, size_t i, const char *const *words);
/* Do the bytes of lit occur in the window bytes from i?  A cheap test
 * before a costly parse that needs lit ("โมง" after a Thai hour). */
bool nz_near(const nz_text *t, size_t i, size_t window, const char *lit);

/* --- digits.c --- */

typedef struct nz_digits {
	double val;
	double scale; /* suffix multiplier ("500k"), 1 if none */
	size_t digits;
	bool integer;
	bool plain;   /* no separator, decimal or suffix */
} nz_digits;

/* Digits at i with the locale's separators and an optional multiplier
 * suffix: the end, or 0. */
size_t nz_digits_at(const nz_text *t, size_t i, nz_digits *out);
/* A run of digits at p: appended to *v (or, with frac, as decimals added
 * to *frac); *nd counts them.  Returns the end. */
size_t nz_digit_run(const nz_text *t, size_t p, double *v, size_t *nd, double *frac);

/* --- number.c --- */

enum {
	NZ_NUM_SIGN = 1,  /* "-5", "minus five", "âm 5" */
	NZ_NUM_FRAC = 2,  /* "1/2", "3/15" */
	NZ_NUM_WORDS = 4, /* number words ("twenty-four", "hai mươi") */
	NZ_NUM_PART = 8,  /* a part of a unit only: "1/2", "1/3", "1/4", "3/4"
			     ("1/2 day"; "10/20 days" is 10 or 20 days) */
};

typedef struct nz_num {
	double val;
	size_t start, end;
	double scale;  /* the multiplier word/suffix that ended it ("triệu"), or 1 */
	bool words;    /* written (partly) in words */
	bool half;     /* a fraction word: "half", "a quarter", "nửa" */
	bool plain;    /* digits only, no separator, sign, suffix or word */
	size_t digits; /* number of digits written */
} nz_num;

bool nz_number(const nz_text *t, size_t i, unsigned flags, nz_num *out);
/* The article "a"/"an" (en) meaning one before a unit word ("a day"); a
 * number never ends on it ("a dozen" is twelve). */
size_t nz_article(const nz_text *t, size_t i);

/* --- find.c: bounds and ranges, shared by the numeric kinds --- */

typedef struct nz_qty {
	double num;      /* the number as written */
	double val;      /* in canonical units, once `unit` */
	double factor;   /* canonical units per written unit (first component) */
	double shown;    /* duration: seconds per unit it is shown in (the
			    smallest written: "1 hour 30 minutes"), 0 none */
	double scale;    /* the number's scale word, for "1-2 triệu" */
	size_t start, end;
	bool unit;       /* a unit, currency or % was found */
	bool business;
	char currency[8];
} nz_qty;

typedef struct nz_kind {
	kb_vkind kind;
	bool bare_ok; /* a number alone is a value (number, count) */
	/* A quantity at i: a number with its unit, a unit-first form ("$5",
	 * "half an hour"), or a bare number (then q->unit is false). */
	bool (*qty)(const nz_text *t, size_t i, nz_qty *q);
	/* A unit after a number that ends at i: "days" in "3 or more days";
	 * updates q (num already set). */
	bool (*unit)(const nz_text *t, size_t i, nz_qty *q);
} nz_kind;

bool nz_generic_at(const nz_kind *k, const nz_text *t, size_t i, kb_value *v);
/* Does a phrase end at i (after spaces): no word follows, or a chat
 * particle ("7 ngày nha", "24h ạ", "7 วันค่ะ"), or, with function_words,
 * a Vietnamese word that follows a price rather than names what is
 * counted ("40k cho đơn", "50k một cái"; not "2 triệu người")? */
bool nz_value_end(const nz_text *t, size_t i, bool function_words);
/* A percent sign or word at i ("%", "percent", "phần trăm"): end or 0. */
size_t nz_percent_sign(const nz_text *t, size_t i);
/* A bare number for a numeric kind: the number with no unit. */
bool nz_bare_qty(const nz_text *t, size_t i, unsigned flags, nz_qty *q);

/* Per-kind entry points (duration.c, money.c, plain.c, timerange.c,
 * weekdays.c). */
extern const nz_kind nz_duration_kind, nz_money_kind, nz_percent_kind,
    nz_number_kind, nz_count_kind;
/* The kb_tunit of a duration unit of `secs` seconds (0: none). */
unsigned char nz_tunit(double secs);
bool nz_timerange_at(const nz_text *t, size_t i, kb_value *v);
bool nz_weekdays_at(const nz_text *t, size_t i, kb_value *v);
/* A duration found at v is not one in context: "3 months ago" (a point in
 * time), "24 hours a day" (a rate).  Other kinds skip its span all the
 * same: it is no count either. */
bool nz_duration_context_ok(const nz_text *t, const kb_value *v);
/* A time range or clock time at i: its end; *strong when the notation can
 * only be a time of day ("8:00", "9am", "8h00", "từ 8h đến 22h"), not a
 * duration ("2h-4h"). */
bool nz_timerange_span(const nz_text *t, size_t i, size_t *end, bool *strong);
/* "24/7", "24/24", "round the clock": end or 0; *allweek when the phrase
 * names all seven days. */
size_t nz_always(const nz_text *t, size_t i, bool *allweek);

#define NZ_NEAR(a, b) (fabs((a) - (b)) <= 1e-9 * (fabs(a) + fabs(b) + 1))

#endif
