/* fuzz_zip.c - zip exports (libzip): the input is the zip; every member
 * read is then prepared, detected and parsed as the walker does. */
#include <stdlib.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/vec.h"
#include "harness.h"
#include "source/archive.h"
#include "source/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fz_tmpfile("kb.zip", data, size);
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_vec members = {0};
	/* Small limits, so that a member inflating past them is found fast. */
	kb_archive_read_zip(a, d, path, "kb.zip", 1 << 20, NULL, NULL, &members);
	fz_file f[16];
	size_t n = members.len < 16 ? members.len : 16;
	for (size_t i = 0; i < n; i++) {
		const kb_source *s = members.items[i];
		f[i] = (fz_file){s->path, NULL, (const uint8_t *)s->data, s->len};
	}
	fz_run(f, n);
	kb_arena_free(a);
	return 0;
}
