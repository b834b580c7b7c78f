/* fuzz_acks.c - the acknowledgements file .kbcheck/acks.yml (libfyaml):
 * the input is the file of a KB; its acks then apply to two findings, one
 * of which the seeds acknowledge, as `kbcheck check` applies them. */
#include <stdlib.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/text.h"
#include "compare/acked.h"
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *root = fz_tmpdir();
	char dir[300];
	snprintf(dir, sizeof dir, "%s/.kbcheck", root);
	(void)mkdir(dir, 0700);
	fz_tmpfile(".kbcheck/acks.yml", data, size);
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_vec acks = {0}, findings = {0}, acked = {0};
	kb_acks_load(a, d, root, &acks);
	static const char *const prints[] = {"43a4287ef5632e8d", "0123456789abcdef"};
	for (size_t i = 0; i < 2; i++) {
		kb_finding *f = KB_NEW(a, kb_finding);
		f->fingerprint = prints[i];
		f->topic = "order.cancel";
		f->attribute = "window";
		f->title = "Order cancellation";
		f->message = "differs";
		kb_vec_push(a, &findings, f);
	}
	for (size_t i = 0; i < acks.len; i++) {
		const kb_ack *k = acks.items[i];
		if (k->expires)
			(void)kb_ack_date_ok(k->expires);
	}
	kb_acks_apply(a, d, &acks, "2026-12-07", &findings, &acked);
	if (findings.len + acked.len != 2)
		abort();
	kb_arena_free(a);
	return 0;
}
