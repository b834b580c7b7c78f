/* didyoumean.h - the name a user probably meant, for "unknown command"
 * and "unknown option" messages ("did you mean 'check'?"). */
#ifndef KB_DIDYOUMEAN_H
#define KB_DIDYOUMEAN_H

#include <stddef.h>

#include "../base/arena.h"

struct option;

/* The name among names[0..n) closest to word, or NULL when none is close:
 * at most 2 edits (a letter added, dropped, changed, or two swapped), and
 * fewer than half of word's letters; or the only name word begins.  A NULL
 * entry in names is skipped. */
const char *kb_did_you_mean(const char *word, const char *const *names, size_t n);

/* "unknown option 'ARG'", with "; did you mean '--NAME'?" when a long
 * option of longopts (ended by a zeroed entry) is close to ARG. */
const char *kb_unknown_option(kb_arena *a, const char *arg, const struct option *longopts);

/* What is wrong with ARG, which getopt refused: "option '--NAME' needs a
 * value" when it names a long option of longopts that takes one, else
 * kb_unknown_option's message. */
const char *kb_option_problem(kb_arena *a, const char *arg, const struct option *longopts);

#endif
