/* corpus.h - a corpus folder's own files, read by `kbcheck corpus test`
 * (cli/cmd_corpus.c) beside the labels of its KBs (labels.h):
 *
 *     # split.yml: the halves of the corpus, by KB folder name
 *     kbcheck: split/1
 *     dev: [shop-a, shop-b]        # the KBs rules are written against
 *     holdout: [shop-c]            # the unseen ones
 *
 *     # ratchet.yml: the least precision and recall each half may have
 *     kbcheck: ratchet/1
 *     dev: {precision: 0.80, recall: 0.40}
 *
 * and a planted KB's expected-findings.yml, which must match exactly:
 *
 *     kbcheck: expected/1
 *     findings:
 *       - topic: order.cancel
 *         attribute: window
 *         severity: warning
 *         deviating: [help/en/shipping.html:18]   # path:line of each deviating claim
 *
 * A missing split.yml or ratchet.yml is none.  Everything lives in the
 * arena given.
 */
#ifndef KB_CORPUS_H
#define KB_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/diag.h"

/* Files of a corpus: at most this many bytes. */
enum { KB_CORPUS_FILE_MAX = 16 << 20 };

/* One half of the corpus. */
typedef struct kb_corpus_half {
	const char *name;
	const char *const *kbs; /* the KB folder names listed */
	size_t nkbs;
	double min_precision, min_recall; /* the ratchet; -1: none */
} kb_corpus_half;

/* The halves split.yml at path names, at most max, into hs. */
size_t kb_corpus_split_load(kb_arena *a, kb_diags *d, const char *path, kb_corpus_half *hs,
			    size_t max);
/* ratchet.yml at path: the least precision and recall of each of hs. */
void kb_corpus_ratchet_load(kb_arena *a, kb_diags *d, const char *path, kb_corpus_half *hs,
			    size_t nh);

/* An expected finding; lines: the deviating claims' path:line, sorted,
 * joined by ' ' (kb_corpus_lines). */
typedef struct kb_expected {
	const char *topic, *attribute, *severity, *lines;
	int line; /* where it is written */
	bool matched;
} kb_expected;

/* The expected findings of path into *out; how many.  Entries with
 * problems are reported on d and left out. */
size_t kb_expected_load(kb_arena *a, kb_diags *d, const char *path, kb_expected **out);

/* items sorted and joined by ' ' (items is sorted in place). */
const char *kb_corpus_lines(kb_arena *a, const char **items, size_t n);

#endif
