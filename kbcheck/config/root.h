/* root.h - the KB root: the one folder that every identity is relative to.
 *
 * A knowledge base is often a folder of a larger repository (kb/ in a docs
 * repository), and kbcheck is run on it in several ways: `kbcheck check
 * kb/` from the repository's root, `cd kb && kbcheck check .`, a
 * pre-commit hook naming the changed files.  Fingerprints (and so
 * baselines and acknowledgements), kbcheck.yml's globs, policy.yml,
 * .kbcheck/ and the paths the cache keys on must not depend on which.  So
 * they are relative to the KB root, found from the folder given (for a
 * file, its folder):
 *
 *   1. the nearest folder holding a file kbcheck reads at a KB root
 *      (kbcheck.yml, else policy.yml or .kbcheck/acks.yml): the folder
 *      given or one of its parents, not above the git top level (nor into
 *      a folder of GIT_CEILING_DIRECTORIES, as git does);
 *   2. else the git top level (the folder holding .git);
 *   3. else the folder given.
 *
 * A KB given as the folder holding its kbcheck.yml (or policy.yml) keeps
 * the root, and so the fingerprints, it had before this rule.
 *
 * Paths shown to the user are another matter (kb_path_shown): relative
 * to the working folder, where CI tools and editors look for them.
 */
#ifndef KB_ROOT_H
#define KB_ROOT_H

#include "../base/arena.h"

typedef struct kb_root {
	const char *dir;    /* as shown (kb_path_shown) */
	const char *config; /* its kbcheck.yml, as shown; NULL for none */
	const char *why;    /* "kbcheck.yml", "policy.yml", ".kbcheck/acks.yml",
			     * "git top level" or "folder given": for --verbose */
} kb_root;

/* The KB root of folder dir, by the rule above. */
kb_root kb_root_find(kb_arena *a, const char *dir);

/* A path as reports show it: an absolute path becomes relative to the
 * working folder ("kb/en", "." for the folder itself, "../kb" beside it),
 * as if the user had typed it so; no report then shows where a checkout
 * happens to be.  A relative path is returned as given. */
const char *kb_path_shown(kb_arena *a, const char *path);

#endif
