/* fuzz_mapped.c - any JSON or YAML export through a map (mapped.c): the
 * input is a kbcheck.yml, the separator line, then the export; the first
 * sources entry's map reads the export as JSON and again as YAML.  Paths,
 * their evaluation and the parser's positions are what is tried. */
#include "harness.h"

#include "base/arena.h"
#include "base/diag.h"
#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *parts[2];
	size_t lens[2];
	if (fz_split(data, size, parts, lens, 2) < 2)
		return 0;
	kb_arena *a = kb_arena_new();
	kb_config *c = kb_config_load(a, kb_diags_new(a), fz_tmpfile("kbcheck.yml", parts[0], lens[0]),
				      NULL);
	const kb_map *map = c->nsources ? c->sources[0].map : NULL;
	fz_file f[] = {
	    {"export.json", "mapped", parts[1], lens[1]},
	    {"export.yml", "mapped", parts[1], lens[1]},
	};
	fz_run_mapped(f, sizeof f / sizeof f[0], map);
	kb_arena_free(a);
	return 0;
}
