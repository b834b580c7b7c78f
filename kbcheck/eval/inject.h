/* inject.h - a labelled KB with one injected contradiction: a copy of its
 * folder in which one line says something else (labels.h, injections).
 * The KB itself is never changed. */
#ifndef KB_INJECT_H
#define KB_INJECT_H

#include "../base/diag.h"
#include "labels.h"

/* A temporary copy of the folder kb (without .kbcheck/cache) with
 * injection l applied: `from` replaced by `to` on its line, where it must
 * occur exactly once.  The copy's path, or NULL with a message on d. */
const char *kb_inject(kb_arena *a, kb_diags *d, const char *kb, const kb_label *l);

/* Remove a copy made by kb_inject. */
void kb_inject_remove(const char *copy);

#endif
