/* audit.h - the audit report: what the history (store/history.h) says
 * about a week, for support leads.  One self-contained HTML page (libxml2
 * tree, inline CSS and SVG, no scripts, no network), or the same content as
 * Markdown, or the conflicts as CSV.
 *
 * Sections: headline figures (open, new and resolved in the window,
 * acknowledged, median age), a 12-week trend, conflicts per topic and per
 * channel pair, the open conflicts (most severe, then oldest, first) with
 * every side quoted, and the policy matrix (topic attribute and scope x
 * channel and locale).  Output depends only on the history and the options:
 * no clock is read here.
 */
#ifndef KB_AUDIT_H
#define KB_AUDIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../store/history.h"

typedef struct kb_audit_opts {
	int64_t now;	      /* the report's "now": ages are counted to it */
	int64_t since, until; /* the window: events with since <= time <= until */
	const char *window;   /* its name: "2026-W47", "7 days to 2026-11-24" */
	/* Link template: {rev}, {path} (relative to the KB root), {line},
	 * {column}; NULL: the reference run's recorded template, if any. */
	const char *source_url;
	const char *db_name; /* shown in the footer; may be NULL */
	size_t limit;	     /* open conflicts listed in full (0: 50) */
	int weeks;	     /* trend weeks (0: 12) */
} kb_audit_opts;

typedef struct kb_audit_format {
	const char *name; /* html, markdown, csv */
	const char *help;
	/* Returns false when the report could not be built (out of memory in
	 * libxml2); write errors are the caller's to check on out. */
	bool (*write)(const kb_history *h, const kb_audit_opts *o, FILE *out);
} kb_audit_format;

extern const kb_audit_format *const kb_audit_formats[]; /* NULL-terminated */
const kb_audit_format *kb_audit_format_find(const char *name);

bool kb_audit_html(const kb_history *h, const kb_audit_opts *o, FILE *out);
bool kb_audit_markdown(const kb_history *h, const kb_audit_opts *o, FILE *out);
bool kb_audit_csv(const kb_history *h, const kb_audit_opts *o, FILE *out);

/* Monday 00:00 UTC of the ISO week "2026-W47" (also "2026W47",
 * "2026-w47"); false when malformed or the week does not exist. */
bool kb_iso_week_start(const char *week, int64_t *start);
/* "2026-W47" for the ISO week holding time t, into out. */
void kb_iso_week_name(int64_t t, char out[16]);

#endif
