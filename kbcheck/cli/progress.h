/* progress.h - a one-line progress bar on stderr for long runs.
 *
 * Shown only when enabled and stderr is a terminal (never in CI logs or
 * when output is redirected); redrawn at most ten times a second; cleared
 * by kb_progress_end so diagnostics and the report start on a clean line.
 * It fits the terminal (its window size, else $COLUMNS, else 80 columns);
 * on TERM=dumb it prints plain lines, one per stage, and no escape
 * sequence.  A disabled bar accepts every call and prints nothing.
 */
#ifndef KB_PROGRESS_H
#define KB_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct kb_progress {
	bool on;
	bool plain;        /* TERM=dumb: a plain line per stage */
	size_t columns;    /* the terminal's width */
	double start, last; /* seconds, monotonic clock */
	const char *stage;  /* "reading", "extracting", "comparing" */
	size_t done, total, units, claims, findings;
} kb_progress;

/* Seconds on a monotonic clock, for timings. */
double kb_now(void);

void kb_progress_begin(kb_progress *p, bool wanted);
/* The kb_run_opts.progress callback (user = the kb_progress). */
void kb_progress_files(void *user, size_t done, size_t total, size_t units);
/* The kb_run_opts.comparing callback (user = the kb_progress). */
void kb_progress_comparing(void *user, size_t claims);
/* A new stage with the counts known so far. */
void kb_progress_stage(kb_progress *p, const char *stage, size_t claims, size_t findings);
void kb_progress_end(kb_progress *p);

#endif
