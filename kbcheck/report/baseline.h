/* baseline.h - a previous JSON report whose findings count as existing.
 *
 * `kbcheck check --baseline FILE` reads the report that `kbcheck check
 * --format json` or `kbcheck baseline create` wrote (docs/json-schema.md);
 * a finding whose fingerprint is in it is existing, every other one new.
 * Only "schema", "fingerprint_recipe" and "findings[].fingerprint" are
 * read, so a baseline made by an older kbcheck of the same schema works:
 * one with no recipe (recipe 1, compare.h) also matches a finding by its
 * previous recipe's fingerprint.  Everything lives in the
 * arena given to kb_baseline_load.
 */
#ifndef KB_BASELINE_H
#define KB_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../compare/finding.h"

typedef struct kb_baseline kb_baseline;

/* Returns NULL when the file is missing, unreadable or not a kbcheck JSON
 * report of a schema this kbcheck reads; every problem goes to d with the
 * file's path (and line and column when there is one). */
kb_baseline *kb_baseline_load(kb_arena *a, kb_diags *d, const char *path);

bool kb_baseline_has(const kb_baseline *b, const char *fingerprint);
/* Whether finding f is in the baseline, by its fingerprint or, in a
 * baseline of the previous recipe, by that recipe's (then *by_prev). */
bool kb_baseline_has_finding(const kb_baseline *b, const kb_finding *f, bool *by_prev);
/* Number of distinct fingerprints in the baseline. */
size_t kb_baseline_size(const kb_baseline *b);

#endif
