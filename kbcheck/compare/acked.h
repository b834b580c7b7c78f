/* acked.h - the findings the KB acknowledges (config/acks.h: its
 * .kbcheck/acks.yml) taken out of those reported.
 */
#ifndef KB_ACKED_H
#define KB_ACKED_H

#include "../base/diag.h"
#include "../base/vec.h"
#include "../config/acks.h"
#include "finding.h"

/* Split findings into reported and acknowledged given today's date
 * ("YYYY-MM-DD"); expired and stale acks are reported on d.  An ack names
 * a finding by its fingerprint or by the previous recipe's (compare.h):
 * returns how many did by the previous one, each said on d with the
 * fingerprint to write instead. */
size_t kb_acks_apply(kb_arena *a, kb_diags *d, const kb_vec *acks, const char *today,
		   kb_vec *findings, kb_vec *acked);

#endif
