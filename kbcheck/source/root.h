/* root.h - the paths shown: never where a checkout happens to be. */
#ifndef KB_ROOT_H
#define KB_ROOT_H

#include "../base/arena.h"

/* A path as reports show it: an absolute path becomes relative to the
 * working folder ("kb/en", "." for the folder itself, "../kb" beside it),
 * as if the user had typed it so; no report then shows where a checkout
 * happens to be.  A relative path is returned as given. */
const char *kb_path_shown(kb_arena *a, const char *path);

#endif
