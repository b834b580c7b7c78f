/* diag.h - diagnostics about bad input, collected per run.
 *
 * Every problem with an input (a file, a rule pack, the config) becomes one
 * diagnostic with path, line and column (0 when unknown).  Diagnostics are
 * printed together, sorted, after the run (so parallel parsing prints the same
 * thing every time) and also go into the JSON report's "errors" array.
 * The worst level seen decides part of the exit status (cli/exit.h).
 * Thread-safe: parsers on several threads may report at once.
 */
#ifndef KB_DIAG_H
#define KB_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"

typedef enum kb_diag_level {
	KB_DIAG_NOTE,    /* worth knowing, not a problem ("no static answer") */
	KB_DIAG_WARNING, /* suspicious input that was still read fully */
	KB_DIAG_ERROR,   /* input that could not be read, or was read in part */
} kb_diag_level;

typedef struct kb_diag_entry {
	kb_diag_level level;
	const char *path; /* may be NULL for run-wide problems */
	int line, column; /* 1-based; 0 = unknown */
	const char *message;
} kb_diag_entry;

typedef struct kb_diags kb_diags;

/* The list and its strings live in arena a. */
kb_diags *kb_diags_new(kb_arena *a);
void kb_diag(kb_diags *d, kb_diag_level level, const char *path, int line,
	     int column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

size_t kb_diags_count(const kb_diags *d);
/* Forget every diagnostic (their memory stays in the arena until it is
 * freed): a worker's list, reused from one source to the next. */
void kb_diags_clear(kb_diags *d);
/* Sorted by path, line, column, then order of report (call after the run). */
const kb_diag_entry *kb_diags_get(kb_diags *d, size_t i);
bool kb_diags_have(const kb_diags *d, kb_diag_level at_least);
/* Print "path:line:col: level: message" lines at or above min_level. */
void kb_diags_print(kb_diags *d, FILE *out, kb_diag_level min_level, bool color);
const char *kb_diag_level_name(kb_diag_level level);

#endif
