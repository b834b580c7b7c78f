/* gen.h - the benchmark corpus generator (kbcheck-gen), shared between the
 * driver and file writers (gen.c) and the phrase banks (gen_text.c).
 *
 * A generated answer unit is a question and a few sentences in one locale.
 * Most units are filler the rule pack must ignore; some state a policy fact
 * with the canonical value; a known number state it with another value
 * (a planted contradiction), each value unique in its group so that each is
 * exactly one finding.
 */
#ifndef KB_GEN_H
#define KB_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { LOC_EN, LOC_VI, LOC_TH, NLOC };
extern const char *const gen_locale_name[NLOC];

/* Deterministic PRNG (splitmix64). */
typedef struct {
	uint64_t s;
} gen_rng;
uint64_t gen_next(gen_rng *r);
/* Uniform in [0, n). */
size_t gen_below(gen_rng *r, size_t n);

/* A policy fact: one topic attribute stated by a sentence template with a
 * value slot.  planted: how contradictions of it are made (distinct values). */
typedef struct gen_fact {
	const char *topic, *attribute;
	/* Per locale: questions and sentence templates ("%s" = the value). */
	const char *const *questions[NLOC];
	const char *const *templates[NLOC];
	/* The canonical value and the planted value range [lo, hi], per locale
	 * group (money facts have a currency per locale: separate groups). */
	int canonical[NLOC];
	int lo[NLOC], hi[NLOC];
	bool per_locale_groups; /* money: each locale is its own currency group */
	bool plantable;
	/* How a value is written in a locale (digits, "1,000", ...). */
	void (*format)(char *out, size_t n, int loc, int value);
} gen_fact;

extern const gen_fact gen_facts[];
extern const size_t gen_nfacts;

/* One answer unit. */
typedef struct gen_unit {
	int loc;
	char question[256];
	char text[1536]; /* sentences joined by spaces */
	/* When the unit states a fact: which, and whether the value deviates. */
	int fact;        /* -1: filler */
	bool planted;
	int value;
	const char *id;  /* slug-ish id, set by the writer */
} gen_unit;

/* Fill u with a filler answer in locale loc. */
void gen_filler(gen_rng *r, int loc, gen_unit *u);
/* Fill u with fact f stated with value v in locale loc, plus filler. */
void gen_fact_unit(gen_rng *r, int loc, size_t f, int v, gen_unit *u);
/* A page or bot title in locale loc (never a scope word). */
const char *gen_title(gen_rng *r, int loc);

#endif
