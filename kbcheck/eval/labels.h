/* labels.h - what a careful reader found in a real knowledge base
 * (labels.yml beside its files), to score kbcheck against.
 *
 *     kbcheck: labels/1
 *     read: every answer
 *     contradictions:              # statements that cannot both be true
 *       - id: c1
 *         topic: returns.window    # what it is about (free text allowed)
 *         sides:
 *           - {at: refund.html:12, quote: "30 days since your purchase"}
 *           - {at: refund.html:30-31, quote: "30 days after delivery"}
 *     negatives:                   # agree, or are not comparable
 *       - id: n1
 *         kind: paraphrase         # paraphrase, translation, scope, ...
 *         sides: [{at: domain.yml:40}, {at: faq.md:12}]
 *     injections:                  # one side of an agreeing pair changed
 *       - id: i1
 *         kind: value
 *         at: domain.yml:40        # the line changed
 *         from: "14 days"          # exact text, once on that line
 *         to: "30 days"
 *         partner: {at: faq.md:12} # the statement it now contradicts
 *
 * The format is described for labellers in corpora/real-dev/README.md.
 * Everything lives in the arena given.
 */
#ifndef KB_LABELS_H
#define KB_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/diag.h"

/* A statement: a line range of a file, relative to the KB folder. */
typedef struct kb_label_side {
	const char *path;
	int first, last;
	const char *quote; /* may be NULL */
} kb_label_side;

typedef enum { KB_LABEL_CONTRADICTION, KB_LABEL_NEGATIVE, KB_LABEL_INJECTION } kb_label_type;

typedef struct kb_label {
	kb_label_type type;
	const char *id, *topic, *kind, *why;
	kb_label_side *sides; /* an injection: the changed line, then its partner */
	size_t nsides;
	const char *from, *to; /* injections */
	int line;              /* where it is written in labels.yml */
} kb_label;

typedef struct kb_labels {
	const char *path;
	const char *read; /* what the labeller says was read */
	kb_label *items;
	size_t n;
} kb_labels;

/* Load path into out; false (with messages on d, at their line and
 * column) when it is not a labels/1 file.  Entries with problems are
 * reported and left out. */
bool kb_labels_load(kb_arena *a, kb_diags *d, const char *path, kb_labels *out);

/* Counts of one type. */
size_t kb_labels_count(const kb_labels *l, kb_label_type type);

#endif
