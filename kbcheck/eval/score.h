/* score.h - the findings of a check on a labelled KB, scored against what a
 * reader found (labels.h).
 *
 * A statement (a label's side, path:FIRST-LAST) is covered by a claim of a
 * finding when the claim's phrase lies on those lines of that file.  A
 * finding *hits* a label when two of the label's statements are covered by
 * claims of the finding that state different values (one statement, for a
 * negative of one side).  A shown finding is true when it hits a
 * contradiction (or, in a run with an injection, is new and sets the
 * changed statement against another value); otherwise it is false, and
 * it is counted against each negative it hits.  A contradiction is found
 * when some shown finding hits it.
 *
 * A missed label's note says what each of its first two statements gave:
 * "unread", "no claim", or the claims on it (topic.attribute=value, and
 * how, when weak).
 *
 * Every count is also kept per channel pair ("faq×chatbot") and per locale
 * pair ("en×vi"): for a contradiction, of the units holding its first two
 * statements ("unread" when no unit holds one); for a false finding, of
 * its first deviating claim and the first claim with another value.
 */
#ifndef KB_SCORE_H
#define KB_SCORE_H

#include "../base/vec.h"
#include "../compare/finding.h"
#include "labels.h"

/* Counts for one group (a whole half, a KB, a channel or locale pair). */
typedef struct kb_eval_counts {
	size_t shown, true_shown;   /* shown findings; those that hit a contradiction */
	size_t natural, natural_found;
	size_t injected, injected_found;
	size_t negatives, negatives_hit;
} kb_eval_counts;

typedef struct kb_eval_pair {
	const char *key; /* "channel faq×chatbot", "locale en×vi" */
	kb_eval_counts c;
} kb_eval_pair;

typedef struct kb_eval {
	kb_arena *a;
	kb_eval_counts total;
	kb_vec pairs; /* kb_eval_pair*, in order of first use */
	kb_vec notes; /* const char*: each false finding and missed label, for people */
	/* Why labels were missed, by the weakest side: a statement no unit
	 * holds, one with no claim, one with weak claims only, or both sides
	 * claimed yet not joined with different values (another topic,
	 * scope or the same value). */
	size_t missed_unread, missed_unclaimed, missed_weak, missed_unjoined;
} kb_eval;

/* What one run gives to score: its findings, units (to place statements)
 * and, for a run with an injection, the keys (kb_eval_key) of the run
 * without it: findings already there are not this run's to score. */
typedef struct kb_eval_run {
	const kb_vec *findings; /* kb_finding* as a check shows them */
	const kb_vec *units;    /* kb_unit* */
	const kb_vec *claims;   /* kb_claim*, weak ones too: why a label was missed */
	const kb_labels *labels;
	const kb_label *injection; /* NULL: the KB as it is */
	const kb_vec *before;      /* const char* keys, with injection */
	const char *kb;            /* its name, for notes */
} kb_eval_run;

/* A finding as the same finding in a run where one line changed: its
 * topic, attribute and the lines of its deviating claims (a fingerprint
 * would change with the changed words). */
const char *kb_eval_key(kb_arena *a, const kb_finding *f);

/* Score one run into e (counts add up over calls). */
void kb_eval_score(kb_eval *e, const kb_eval_run *run);

/* Precision of shown findings and recall of contradictions (1 when there
 * is nothing to divide). */
double kb_eval_precision(const kb_eval_counts *c);
double kb_eval_recall(const kb_eval_counts *c);
void kb_eval_add(kb_eval_counts *to, const kb_eval_counts *c);

#endif
