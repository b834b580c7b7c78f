/* fuzz_baseline.c - a baseline (a JSON report, `check --baseline`): the
 * input is the file; fingerprints are then looked up in it. */
#include <stdlib.h>

#include "base/arena.h"
#include "base/diag.h"
#include "harness.h"
#include "report/baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const prints[] = {"43a4287ef5632e8d", "0123456789abcdef", "", "x"};
	const char *path = fz_tmpfile("baseline.json", data, size);
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_baseline *b = kb_baseline_load(a, d, path);
	if (b) {
		size_t n = kb_baseline_size(b), found = 0;
		for (size_t i = 0; i < sizeof prints / sizeof prints[0]; i++)
			found += kb_baseline_has(b, prints[i]);
		if (found > n)
			abort();
	}
	kb_arena_free(a);
	return 0;
}
