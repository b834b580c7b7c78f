/* cache.h - the incremental cache: a source's units, claims and
 * diagnostics, kept between runs and reused while nothing they depend on
 * has changed.
 *
 * One file per knowledge base, <root>/.kbcheck/cache/kbcheck.cache (the
 * folder holds a .gitignore of its own: the cache is never committed).  It
 * is valid for one key: the kbcheck version and build (so a rebuilt binary
 * never trusts results of older code), the content of every rule pack
 * loaded and of kbcheck.yml.  Inside, one entry per source, keyed by its
 * path, format, channel, locale and scope and a hash of its bytes, plus
 * what its parser read besides (kb_parse_deps: Rasa training data,
 * Dialogflow training phrases and agent.json), with their hashes then.
 *
 * A cache that is missing, of another key, truncated or altered (the whole
 * payload is hashed), or written by another user or machine (entries are
 * signed with the user's key, trust.h) is not used; the run parses everything and writes a
 * new one.  Writing goes to a temporary file renamed over the old one, so
 * concurrent runs and killed runs never leave a half-written cache.  The
 * cache never changes a result: units, claims and diagnostics are the same
 * with it, without it (--no-cache) and with any number of workers.
 *
 * Threads: kb_cache_get and kb_cache_put may be called from the pool's
 * workers at once, each for its own sources.
 */
#ifndef KB_CACHE_H
#define KB_CACHE_H

#include <sys/stat.h>

#include "../parse/parser.h"
#include "../rules/pack.h"
#include "../config/config.h"

typedef struct kb_cache kb_cache;

/* What one source gave, which the cache keeps and gives back whole. */
typedef struct kb_cached {
	kb_vec units;     /* kb_unit* */
	kb_vec claims;    /* kb_claim* */
	kb_vec unclaimed; /* kb_unclaimed* (rules/claim.h) */
	/* A source that gave no unit: why (kb_parse_why_empty: a
	 * kb_unread_reason, or -1 for a file of context), and the parser's
	 * words or NULL.  -1 and NULL when it gave units. */
	int empty;
	const char *empty_why;
} kb_cached;

/* Open the cache of the run (config root) for these rules.  Never fails:
 * without a usable cache file every lookup misses.  The cache lives until
 * kb_cache_close (units taken from it point into its file mapping).  Its
 * folder is reached from the root without following symbolic links
 * (base/files.h); one in the way is a warning on d, and no cache. */
kb_cache *kb_cache_open(kb_arena *a, kb_diags *d, const kb_config *cfg,
			 const kb_rules *rules);

/* The walk's known hook (source/walk.h, user = the cache): a file as it
 * was when its entry was written is described from the entry, unread. */
kb_source *kb_cache_known(void *user, kb_arena *a, const char *path, const char *rel,
			  const struct stat *st);

/* The run's sources, once collected; walk_clean[i]: source i was read
 * without any diagnostic (only such entries are trusted unread later). */
void kb_cache_bind(kb_cache *c, const kb_vec *sources, const kb_source_index *index,
		   const bool *walk_clean);

/* Source i of the run: when the cache holds it and nothing it depends on
 * changed, fill out (units, claims and unclaimed appended, made in a),
 * replay its parse diagnostics into diags and extraction diagnostics into
 * xdiags, set *nsupp to its number of suppression comments; true. */
bool kb_cache_get(kb_cache *c, size_t i, kb_arena *a, kb_cached *out, kb_diags *diags,
		  kb_diags *xdiags, size_t *nsupp);
/* Record what source i gave (parsed and extracted afresh). */
void kb_cache_put(kb_cache *c, size_t i, const kb_parse_deps *deps, const kb_cached *in,
		  kb_diags *diags, kb_diags *xdiags, size_t nsupp);

/* Write the cache for this run (only when something changed).  Problems
 * (a read-only KB) are not errors: the run does not need the cache. */
void kb_cache_save(kb_cache *c);
void kb_cache_close(kb_cache *c);

/* For --verbose: where the cache is and what happened to it
 * ("reused 1234 of 1235 sources", "rebuilt: written by another kbcheck"). */
const char *kb_cache_path(const kb_cache *c);
const char *kb_cache_status(const kb_cache *c);

#endif
