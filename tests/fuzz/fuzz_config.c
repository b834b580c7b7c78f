/* fuzz_config.c - the project file kbcheck.yml (libfyaml): the input is the
 * file; its globs then run against a few paths, as the walker runs them. */
#include <stdlib.h>

#include "base/arena.h"
#include "base/diag.h"
#include "harness.h"
#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
	    "help/vi/faq.md", "macros/north/a/b/c.json", "drafts/x.md", "README.md",
	    "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/aaaaaaaaaaaaaaaaaaaaaaaa.yml",
	    "", "*", "[",
	};
	const char *path = fz_tmpfile("kbcheck.yml", data, size);
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_config *c = kb_config_load(a, d, path, NULL);
	for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++) {
		for (size_t i = 0; i < c->nsources; i++)
			(void)kb_glob_match(c->sources[i].glob, paths[k]);
		for (size_t i = 0; i < c->nignore; i++)
			(void)kb_glob_match(c->ignore[i], paths[k]);
	}
	(void)kb_config_relpath(a, c, path);
	kb_arena_free(a);
	return 0;
}
