/* changed.h - the files changed since a git revision (--changed-since).
 *
 * The whole knowledge base is still compared; this only tells which
 * findings involve a changed file.  git runs as a child process with an
 * argument vector (posix_spawn, no shell), in the repository holding the
 * knowledge base: `git rev-parse --show-toplevel`, then `git rev-parse
 * --verify REV^{commit}`, then `git diff --name-only -z COMMIT` (the
 * working tree against REV, so uncommitted edits count) plus untracked
 * files that are not ignored.  In a repository with no commit yet, HEAD
 * is the empty tree: every file is changed (a pre-commit hook's first
 * commit).  Everything lives in the arena given.
 */
#ifndef KB_CHANGED_H
#define KB_CHANGED_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"

typedef struct kb_changes kb_changes;

/* The files changed since rev in the git repository holding dir.  Returns
 * NULL and sets *error to a message (arena) when git is missing, dir is
 * not in a repository, or rev is not a commit there (in a shallow clone
 * the message says how to fetch more history). */
kb_changes *kb_changes_since(kb_arena *a, const char *dir, const char *rev,
			     const char **error);

/* The files named by paths (a pre-commit hook's list), as changed files;
 * names that do not exist are left out. */
kb_changes *kb_changes_of(kb_arena *a, const char *const *paths, size_t n);

/* The untracked files and folders git ignores (.gitignore, .git/info/
 * exclude, core.excludesFile) below folder dir, relative to it, sorted;
 * a wholly ignored folder is one entry.  NULL (and *n 0) when dir is not
 * in a git work tree or git cannot be run: nothing is ignored then. */
const char **kb_git_ignored(kb_arena *a, const char *dir, size_t *n);

/* Whether the file at path (as kbcheck names it: relative to the current
 * directory, or absolute) is one of the changed files. */
bool kb_changes_has(const kb_changes *c, const char *path);
size_t kb_changes_count(const kb_changes *c);

#endif
