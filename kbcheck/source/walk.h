/* walk.h - finding and reading the sources of a run.
 *
 * Walks files and directories (sorted, hidden folders skipped, symlink loops
 * and repeated files detected), reads each file, checks its encoding
 * (UTF-16 converted; NUL bytes, invalid UTF-8: reported with line and column,
 * invalid bytes replaced by '?' in place so offsets stay true), and
 * detects format, channel and locale (config rules first).
 */
#ifndef KB_WALK_H
#define KB_WALK_H

#include <sys/stat.h>

#include "../base/diag.h"
#include "../base/pool.h"
#include "../base/vec.h"
#include "../config/config.h"
#include "source.h"

/* What the walk asks of the formats it can read, so that source/ knows no
 * parser: the pipeline hands it the parser table's answers
 * (kb_parser_formats, parse/parser.h). */
typedef struct kb_formats {
	/* Does some format claim files named so (by extension)? */
	bool (*claims)(const char *name);
	/* The format named so (kbcheck.yml `format:`), or NULL; its
	 * channel when the path says none in *channel. */
	const char *(*find)(const char *format, kb_channel *channel);
	/* The format the file's name and content make it, or NULL. */
	const char *(*detect)(const char *path, const char *data, size_t len,
			      kb_channel *channel);
} kb_formats;

/* Appends kb_source* to out, in a stable order.  Unreadable or unusable
 * files are reported to d and left out; the walk goes on. */
void kb_sources_collect(kb_arena *a, kb_diags *d, const kb_config *cfg, const kb_formats *fm,
			const char *const *paths, size_t npaths, kb_vec *out);
/* A file the caller knows already (the cache: same path, size, times and
 * inode as when it was read): its source, described without reading it
 * (data NULL until kb_source_load), or NULL to read it as usual.  Called
 * on the pool's workers at once: it must only read shared state; memory
 * from a. */
typedef kb_source *(*kb_walk_known_fn)(void *user, kb_arena *a, const char *path,
				       const char *rel, const struct stat *st);

/* The same in two steps, so the caller can do something else between
 * them: the walk alone (folders listed, files chosen by name; nothing
 * read, nothing asked of known), then the rest, which frees w: files
 * stat'ed, read, checked and detected on the pool's workers when there is
 * a pool (sources in their arenas), in the same order.  known may be
 * NULL.  The files found but not read are appended to unread (kb_unread*,
 * in walk order; in the walk's arena) unless it is NULL. */
typedef struct kb_walk kb_walk;
kb_walk *kb_sources_walk(kb_arena *a, kb_diags *d, const kb_config *cfg, const kb_formats *fm,
			 const char *const *paths, size_t npaths);
void kb_sources_finish(kb_walk *w, kb_pool *pool, kb_walk_known_fn known, void *user,
		       kb_vec *out, kb_vec *unread);

/* Read the bytes of a source described without them (kb_walk_known_fn),
 * as the walk reads a file (its problems are not reported again); true
 * when s->data is set.  Thread-safe; memory from a. */
bool kb_source_load(kb_source *s, kb_arena *a);

/* Makes the bytes of s usable by a parser, as the walk does for every file:
 * s->path, s->data (NUL-terminated, writable) and s->len are set.  UTF-16
 * with a byte order mark is converted to UTF-8 (same lines and columns);
 * invalid UTF-8 and NUL bytes are reported and replaced in place; the
 * line index is built.  Returns false, having said why, when the file
 * cannot be used (empty, binary, UTF-32).  Memory comes from a. */
bool kb_source_prepare(kb_arena *a, kb_diags *d, kb_source *s);

/* Detect locale and channel from a path ("help/vi/faq.md", "x.th.md",
 * "help/pt-BR/", "macros/..."; names read by base/locale.h's
 * kb_locale_of_name); NULL / KB_CHANNEL_UNKNOWN when the path does not
 * say. */
const char *kb_locale_from_path(kb_arena *a, const char *path);
kb_channel kb_channel_from_path(const char *path);

#endif
