/* phrases.h - phrase suites: real-style answers, each with the claims a
 * careful reader finds in it, to measure the extractor answer by answer.
 *
 *     kbcheck: phrases/1
 *     locale: vi
 *     phrases:
 *       - text: "Dạ shop hỗ trợ đổi trả trong vòng 7 ngày kể từ khi nhận hàng ạ"
 *         question: "Cho em hỏi đổi trả trong bao lâu?"     # optional
 *         expect: {returns.window.window: 7 days, returns.window.from: delivery}
 *       - text: "Shop giao hàng toàn quốc, phí ship 30k"
 *         expect: {shipping.fee.fee: 30000 VND}
 *       - text: "Mã đơn của bạn là 123456, cảm ơn bạn đã mua hàng"
 *         expect: none
 *
 * An expectation is keyed by topic.attribute; its value is written as in
 * the rule tests (rules/expect.h): a phrase, yes/no, an enum label, a list
 * for several claims, an optional scope in brackets.  `none`: no claim.
 *
 * Each answer is extracted as `kbcheck check` extracts one answer
 * (kb_extract_text with its question).  What counts is what a check can
 * show: claims of the rule topics that are not weak (value drift is not a
 * rule claim).  An expected claim is found when a claim of its topic and
 * attribute states it (each claim counts once); a claim that states no
 * expected claim is false.  Recall is found / expected, precision is
 * claims that were expected / claims.
 *
 * Everything lives in the arena given.
 */
#ifndef KB_PHRASES_H
#define KB_PHRASES_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/diag.h"
#include "../rules/extract.h"

typedef struct kb_phrase_expect {
	const kb_topic *topic;
	const kb_attribute *at;
	const char *value; /* as written: "7 days", "30000 VND [region=urban]" */
} kb_phrase_expect;

typedef struct kb_phrase {
	const char *text, *question; /* question may be NULL */
	int line;                    /* where it is written */
	const kb_phrase_expect *expects;
	size_t nexpect;
} kb_phrase;

typedef struct kb_phrase_suite {
	const char *path, *locale;
	kb_phrase *items;
	size_t n;
} kb_phrase_suite;

/* Load path into out against the rules r (expectations must name their
 * topics and attributes, and values those can state); false, with
 * messages on d at their line and column, when it is not a phrases/1
 * file.  Entries with problems are reported and left out. */
bool kb_phrases_load(kb_arena *a, kb_diags *d, const kb_rules *r, const char *path,
		     kb_phrase_suite *out);

/* What one answer gave. */
typedef struct kb_phrase_result {
	size_t expected, found; /* expected claims; those stated */
	size_t claims;          /* claims a check can show */
	const kb_phrase_expect **missed; /* expected - found of them */
	size_t nmissed;
	const kb_claim **false_claims;   /* claims stating nothing expected */
	size_t nfalse;
} kb_phrase_result;

/* Extract phrase p in locale and compare; the result lives in a. */
void kb_phrase_run(kb_extractor *x, kb_arena *a, const char *locale, const kb_phrase *p,
		   kb_phrase_result *res);

#endif
