/* fuzz_policy.c - the policy file policy.yml (libfyaml, validated against
 * the shipped rule packs): the input is the file; its canonical values are
 * then looked up as the comparator looks them up. */
#include <stdlib.h>

#include "base/arena.h"
#include "base/diag.h"
#include "compare/canon.h"
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[][2] = {
	    {"order.cancel", "window"}, {"order.cancel", "fee"},  {"warranty.period", "months"},
	    {"returns.window", "days"}, {"nothing", "nothing"},  {"", ""},
	};
	const char *path = fz_tmpfile("policy.yml", data, size);
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_policy *p = kb_policy_load(a, d, path, NULL, 1 << 20, fz_rules());
	if (p) {
		kb_scope_kv kv = {"product", "phones"};
		kb_scope scopes[] = {{NULL, 0}, {&kv, 1}};
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			for (size_t s = 0; s < 2; s++) {
				const char *where = NULL;
				(void)kb_policy_value(p, keys[i][0], keys[i][1], &scopes[s], &where);
			}
		(void)kb_policy_truth(p);
	}
	kb_arena_free(a);
	return 0;
}
