/* prefilter.h - which rule patterns can match a text, found in one scan.
 *
 * Running every pattern of every topic on every unit costs patterns x units
 * regex scans, and nearly all of them fail: most answers are about nothing
 * the packs know.  So from each pattern's source the literal strings are
 * derived of which at least one occurs in any match ("\bcancel\w*" needs
 * "cancel", "h(?:ủy|uỷ)" needs "hủy" or "huỷ", "cancell?ed" needs
 * "canceled" or "cancelled"), case-folded (kb_cp_fold), and all of them go
 * into one Aho-Corasick automaton.  One pass over a text marks the literals
 * it contains, hence the patterns that may match it; the others cannot and
 * are not run.  A pattern whose needs cannot be derived (too general, or
 * syntax the analysis does not follow: verbs, conditionals, (?x)) is always
 * run, so the prefilter never changes what matches, only how fast.
 */
#ifndef KB_PREFILTER_H
#define KB_PREFILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct kb_prefilter kb_prefilter;
typedef struct kb_prefilter_hits kb_prefilter_hits;

kb_prefilter *kb_prefilter_new(void);
void kb_prefilter_free(kb_prefilter *pf);

/* Registers a pattern (PCRE2 source, as compiled: caseless, UTF); returns
 * its id.  Call kb_prefilter_build after the last one. */
int kb_prefilter_add(kb_prefilter *pf, const char *pattern);
void kb_prefilter_build(kb_prefilter *pf);

size_t kb_prefilter_npatterns(const kb_prefilter *pf);
/* Patterns that are always run (no literal could be derived). */
size_t kb_prefilter_nalways(const kb_prefilter *pf);
/* The literals derived for pattern id (folded), for tests and `rules
 * list --patterns`; n receives their number (0: always run). */
const char *const *kb_prefilter_literals(const kb_prefilter *pf, int id, size_t *n);

/* Per-thread scan results. */
kb_prefilter_hits *kb_prefilter_hits_new(const kb_prefilter *pf);
void kb_prefilter_hits_free(kb_prefilter_hits *h);
/* Scan s[0..n); afterwards kb_prefilter_may tells the patterns that may
 * match somewhere in it, and kb_prefilter_may_within those that may match
 * in a part of it. */
void kb_prefilter_scan(const kb_prefilter *pf, kb_prefilter_hits *h, const char *s, size_t n);
static inline bool kb_prefilter_may(const kb_prefilter_hits *h, int id);

/* The bit set behind kb_prefilter_may (inline: it is asked per pattern),
 * and where the literals were found: for each pattern found, the ends of
 * its first and its last literal occurrence (byte offsets after them);
 * for a pattern without needs, 0 and KB_PREFILTER_ANYWHERE. */
enum { KB_PREFILTER_ANYWHERE = UINT32_MAX };
struct kb_prefilter_hits {
	uint64_t *bits;
	size_t nwords;
	uint32_t *first, *last;
	/* A pattern's further needs, each found as an id of its own: pattern
	 * id's are conj[conj_off[id]..conj_off[id + 1]) (the prefilter's). */
	const uint32_t *conj_off, *conj;
};

static inline bool kb_prefilter_may(const kb_prefilter_hits *h, int id)
{
	return id < 0 || (h->bits[(size_t)id >> 6] >> ((unsigned)id & 63)) & 1;
}

/* May pattern id match in the scanned text cut at to, searched from
 * from (a match in [from, to))?  Not if none of its literals ends in
 * (from, to]: a match holds one (lookarounds need none); nor if none of
 * the strings of one of its further needs does.  Only the first and the
 * last occurrence are known: one between them may be anywhere. */
static inline bool kb_prefilter_may_within(const kb_prefilter_hits *h, int id, size_t from,
					   size_t to)
{
	if (!kb_prefilter_may(h, id) || id < 0)
		return kb_prefilter_may(h, id);
	if (h->last[id] <= from || h->first[id] > to)
		return false;
	/* And a string of each of its further needs is there. */
	for (uint32_t k = h->conj_off[id]; k < h->conj_off[id + 1]; k++) {
		uint32_t c = h->conj[k];
		if (!kb_prefilter_may(h, (int)c) || h->last[c] <= from || h->first[c] > to)
			return false;
	}
	return true;
}

/* The first id in [from, end) that may match, or end. */
static inline int kb_prefilter_next(const kb_prefilter_hits *h, int from, int end)
{
	while (from < end) {
		uint64_t w = h->bits[(size_t)from >> 6] >> ((unsigned)from & 63);
		if (w) {
			int id = from + __builtin_ctzll(w);
			return id < end ? id : end;
		}
		from = (from | 63) + 1;
	}
	return end;
}

#endif
