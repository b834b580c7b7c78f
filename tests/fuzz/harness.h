/* harness.h - in-memory runs of the pipeline for the fuzz targets and the
 * noise/chop robustness test.
 *
 * fz_run() treats its buffers as files of one knowledge base: each is
 * prepared as the walker prepares a file read from disk (kb_source_prepare),
 * parsed (by the named parser, or the one detection picks), scanned for
 * suppression comments, then every unit goes through the shipped rule
 * packs and the comparator, as in `kbcheck check`.  Along the way it checks
 * what later stages rely on (unit text is valid UTF-8, every location lies
 * inside its file, ...) and abort()s when something is wrong, so a fuzzer
 * reports it as a crash.  Nothing is written; everything is freed.
 */
#ifndef KB_FUZZ_HARNESS_H
#define KB_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

typedef struct fz_file {
	const char *path;   /* as the walker would show it ("help/faq.md") */
	const char *format; /* a parser name, or NULL to detect */
	const uint8_t *data;
	size_t len;
} fz_file;

/* Loads the shipped rule packs once (idempotent). */
void fz_init(void);

void fz_run(const fz_file *files, size_t n);
/* The same, each file with map as its kbcheck.yml map (parser "mapped"). */
struct kb_map;
void fz_run_mapped(const fz_file *files, size_t n, const struct kb_map *map);

/* Splits data at the separator line FZ_SEP into at most max parts (the
 * last part keeps any further separators); returns how many. */
#define FZ_SEP "\n#--8<--\n"
size_t fz_split(const uint8_t *data, size_t len, const uint8_t **parts,
		size_t *lens, size_t max);

/* Calls fz_run with up to nnames files: part i of data (split as above) is
 * a file named names[i] read as formats[i] (NULL: detect). */
void fz_run_parts(const uint8_t *data, size_t len, const char *const *names,
		  const char *const *formats, size_t nnames);

/* Writes data to a file named name in a private temporary directory
 * (made once, removed at exit) and returns its path, for the loaders that
 * read from disk (rule packs, kbcheck.yml, zip). */
const char *fz_tmpfile(const char *name, const uint8_t *data, size_t len);
/* That directory (made at the first call); name may be below a folder of
 * it the target made. */
const char *fz_tmpdir(void);

/* The shipped rule packs (fz_init). */
struct kb_rules;
const struct kb_rules *fz_rules(void);

#endif
