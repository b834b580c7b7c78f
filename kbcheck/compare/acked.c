/* acked.c - applying the KB's acknowledgements to a run's findings. */
#include "acked.h"

#include <stdbool.h>
#include <string.h>

size_t kb_acks_apply(kb_arena *a, kb_diags *d, const kb_vec *acks, const char *today,
		     kb_vec *findings, kb_vec *acked)
{
	bool *used = KB_NEWN(a, bool, acks->len + 1);
	size_t k = 0, prev = 0;
	for (size_t i = 0; i < findings->len; i++) {
		kb_finding *f = findings->items[i];
		const kb_ack *hit = NULL;
		size_t hi = 0;
		for (size_t j = 0; j < acks->len && !hit; j++) {
			const kb_ack *ak = acks->items[j];
			if (!strcmp(ak->fingerprint, f->fingerprint) ||
			    (f->fingerprint_prev && !strcmp(ak->fingerprint, f->fingerprint_prev))) {
				hit = ak;
				hi = j;
			}
		}
		if (hit && strcmp(hit->fingerprint, f->fingerprint) != 0) {
			prev++;
			kb_diag(d, KB_DIAG_NOTE, hit->file, hit->line, 0,
				"acknowledgement of %s names the finding by the previous fingerprint "
				"recipe; write its fingerprint %s instead",
				hit->fingerprint, f->fingerprint);
		}
		if (hit) {
			used[hi] = true;
			if (!hit->expires || strcmp(today, hit->expires) <= 0) {
				f->ack_reason = hit->reason;
				f->ack_by = hit->by;
				kb_vec_push(a, acked, f);
				continue;
			}
			kb_diag(d, KB_DIAG_NOTE, hit->file, hit->line, 0,
				"acknowledgement of %s expired on %s: the finding is reported again",
				f->fingerprint, hit->expires);
		}
		findings->items[k++] = f;
	}
	findings->len = k;
	for (size_t j = 0; j < acks->len; j++) {
		const kb_ack *ak = acks->items[j];
		if (!used[j])
			kb_diag(d, KB_DIAG_WARNING, ak->file, ak->line, 0,
				"stale acknowledgement: no finding has fingerprint %s any more%s%s%s",
				ak->fingerprint, ak->finding ? " (" : "", ak->finding ? ak->finding : "",
				ak->finding ? ")" : "");
	}
	return prev;
}
