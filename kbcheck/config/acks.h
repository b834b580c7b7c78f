/* acks.h - acknowledged findings, kept in the knowledge-base repository
 * (.kbcheck/acks.yml) so that intended differences are reviewed like code:
 *
 *     kbcheck: acks/1
 *     acks:
 *       - {"fingerprint": "43a4287ef5632e8d", "reason": "Thai campaign: 48 h until March",
 *          "by": "lan", "date": "2026-11-26", "expires": "2027-03-01",
 *          "finding": "order.cancel.window"}
 *
 * An acknowledged finding is not reported (kbcheck check --show-acked lists
 * it); once `expires` has passed it is reported again; an ack whose finding
 * no longer exists is reported as stale.  An `expires` that is not a date
 * (kb_ack_date_ok) is an error at its place and its ack does not apply: a
 * date kbcheck cannot read must not keep a finding hidden forever.
 */
#ifndef KB_ACKS_H
#define KB_ACKS_H

#include "../base/diag.h"
#include "../base/vec.h"

typedef struct kb_ack {
	const char *fingerprint, *reason, *by, *date, *expires, *finding;
	const char *file;
	int line;
} kb_ack;

/* The file is root/.kbcheck/acks.yml, reached without following symbolic
 * links (base/files.h): a KB may not send kbcheck's reads or writes out of
 * it.  Files larger than KB_ACKS_MAX are refused. */
enum { KB_ACKS_MAX = 16 << 20 };
/* root/.kbcheck/acks.yml, as messages show it. */
const char *kb_acks_path(kb_arena *a, const char *root);

/* All acks of the KB at root (a missing file is no ack); problems go to d. */
void kb_acks_load(kb_arena *a, kb_diags *d, const char *root, kb_vec *out);

/* Adds ack to the KB's file (creating it and its folder).  The entry is one
 * JSON object on one line, so any reason text is escaped right; it is added
 * through the YAML tree (every document kept), in the file's own text where
 * the list ends when that reads as the tree (comments kept).  Only an
 * acks/1 mapping is changed, only when the file as it will be reads with
 * this entry last, and the new file replaces the old atomically.  Returns
 * false (with a message on d) otherwise. */
bool kb_acks_append(kb_arena *a, kb_diags *d, const char *root, const kb_ack *ack);

/* Whether s is a date as acks.yml and `kbcheck ack --expires` take it:
 * YYYY-MM-DD exactly, a day of the calendar (no 2027-02-30), year 1970 to
 * 9999.  Such dates compare as strings. */
bool kb_ack_date_ok(const char *s);

#endif
