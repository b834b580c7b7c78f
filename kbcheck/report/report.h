/* report.h - the reporter table.  Reporters read the results of a run and
 * write one format; they never parse input or run rules.  The JSON format
 * is the stable contract (docs/json-schema.md). */
#ifndef KB_REPORT_H
#define KB_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/vec.h"
#include "../compare/coverage.h"
#include "../compare/finding.h"

enum { KB_JSON_SCHEMA = 1 };

typedef struct kb_stats {
	size_t files, units, claims, findings, acked;
	size_t by_severity[3];
	size_t failing;  /* findings that count for the exit status */
	size_t existing; /* findings in the --baseline report */
	size_t unchanged; /* findings with no deviating phrase in a changed file */
} kb_stats;

/* Where a finding stands against the --baseline report. */
typedef enum kb_baseline_state {
	KB_BASELINE_NONE,     /* the run has no baseline */
	KB_BASELINE_NEW,      /* its fingerprint is not in the baseline */
	KB_BASELINE_EXISTING, /* its fingerprint is in the baseline */
} kb_baseline_state;

/* How one finding counts for the run; the pipeline decides it, once
 * (kb_run_decide, pipeline/check.c), and every reporter shows the same
 * thing. */
typedef struct kb_finding_status {
	kb_baseline_state baseline;
	bool changed; /* a deviating side is in a file changed since
		       * --changed-since (true when the run has none) */
	bool failing; /* at or above --fail-on, not acknowledged, not existing,
		       * changed: it counts for the exit status */
	size_t primary; /* the side formats with one place show it at: the
			 * first deviating side in a changed file (so that a
			 * pull request shows it on its diff), else 0 */
} kb_finding_status;

/* What the rule packs say about one topic attribute, for formats that
 * describe their rules (SARIF); the command fills these from the packs. */
typedef struct kb_rule_doc {
	const char *topic, *attribute;
	const char *topic_title, *attribute_title; /* NULL when the pack has none */
	const char *type;                          /* "duration", "bool"... */
} kb_rule_doc;

typedef struct kb_report {
	const kb_vec *sources;  /* kb_source* */
	const kb_vec *units;    /* kb_unit* */
	const kb_vec *claims;   /* kb_claim* */
	const kb_vec *findings; /* kb_finding*, the ones to report */
	kb_diags *diags;
	kb_stats stats;
	bool color;
	/* Parallel to findings; NULL means every finding is new and failing. */
	const kb_finding_status *status;
	const char *baseline;      /* --baseline FILE, or NULL */
	const char *changed_since; /* --changed-since REV, or NULL */
	const kb_rule_doc *rule_docs; /* sorted by topic, attribute; may be NULL */
	size_t nrule_docs;
	/* What was not read or not claimed (the JSON report's "coverage");
	 * NULL: not known. */
	const kb_coverage *coverage;
} kb_report;

typedef struct kb_reporter {
	const char *name;
	const char *help;
	void (*write)(const kb_report *r, FILE *out);
} kb_reporter;

extern const kb_reporter *const kb_reporters[]; /* NULL-terminated */
const kb_reporter *kb_reporter_find(const char *name);

void kb_report_text(const kb_report *r, FILE *out);
void kb_report_json(const kb_report *r, FILE *out);
void kb_report_sarif(const kb_report *r, FILE *out);
void kb_report_junit(const kb_report *r, FILE *out);
void kb_report_junit_gitlab(const kb_report *r, FILE *out);
void kb_report_github(const kb_report *r, FILE *out);
void kb_report_gitlab(const kb_report *r, FILE *out);
void kb_report_rdjsonl(const kb_report *r, FILE *out);
/* GitHub's job summary: Markdown, a row per finding (those that fail the
 * run first) in at most max bytes; then how many did not fit. */
enum { KB_GITHUB_SUMMARY_MAX = 1024 * 1024 };
void kb_report_github_summary(const kb_report *r, FILE *out, size_t max);

/* `kbcheck units` and `kbcheck claims` listings. */
void kb_list_units_text(const kb_vec *units, FILE *out);
void kb_list_units_json(const kb_vec *units, kb_diags *d, FILE *out);
void kb_list_claims_text(const kb_vec *claims, FILE *out);
void kb_list_claims_json(const kb_vec *claims, kb_diags *d, FILE *out);

/* Shared pieces. */
void kb_json_scope(kb_jsonw *w, const kb_scope *s);
void kb_json_claim(kb_jsonw *w, const kb_claim *c);
/* "line", "column", "end_line", "end_column" of l. */
void kb_json_loc(kb_jsonw *w, const kb_loc *l);
void kb_json_errors(kb_jsonw *w, kb_diags *d);
/* The "coverage" object (docs/json-schema.md). */
void kb_json_coverage(kb_jsonw *w, const kb_coverage *cov);
/* The coverage as --verbose prints it: "kbcheck: ..." lines. */
void kb_coverage_text(const kb_coverage *cov, FILE *out);

/* Sorts rule docs as kb_report.rule_docs wants them. */
void kb_rule_docs_sort(kb_rule_doc *docs, size_t n);
/* The rule doc of a topic attribute, or NULL. */
const kb_rule_doc *kb_report_rule_doc(const kb_report *r, const char *topic,
				      const char *attribute);

/* The status of finding i (new and failing when r->status is NULL). */
kb_finding_status kb_report_status(const kb_report *r, size_t i);

/* A claim's span with columns in the unit a format asks for: UTF-16 code
 * units (SARIF, GitHub) or UTF-8 bytes (reviewdog).  1-based; end_column
 * is one past the last character; a UTF-8 byte order mark is not counted. */
typedef enum kb_colunit { KB_COL_UTF16, KB_COL_BYTES } kb_colunit;
typedef struct kb_span {
	int line, column, end_line, end_column;
} kb_span;
kb_span kb_claim_span(const kb_claim *c, kb_colunit unit);
/* What to quote of text[0..n) around the phrase at its bytes [s, e): all
 * of it when it holds at most `whole` characters, else `around` characters
 * on each side of the phrase, so that a phrase on a 3 MB one-line export
 * is quoted in a few hundred bytes, not 3 MB.  Sets [*from, *to), on
 * character boundaries; costs O(whole + around), not O(n). */
void kb_quote_window(const char *text, size_t n, size_t s, size_t e, size_t whole,
		     size_t around, size_t *from, size_t *to);
/* A diagnostic's column (counted in code points) in the wanted unit, when
 * its file is one of the run's sources; else as it is. */
int kb_diag_column(const kb_report *r, const kb_diag_entry *e, kb_colunit unit);

/* "says at most 1 day (faq, en)": one side as the text report words it
 * ("also says" for a further deviating side).  Appends to b. */
void kb_side_describe(kb_buf *b, const kb_side *s);

/* Formats with one item per deviating phrase (GitHub annotations,
 * reviewdog diagnostics) list at most this many of the finding's other
 * sides in each, so that a statement repeated on many pages makes output
 * that grows linearly, not with the square of the copies. */
enum { KB_MAX_OTHER_SIDES = 10 };
/* The sides of f other than d (one of f's sides) to list with d: the
 * reference sides first, then the other deviating ones, at most
 * KB_MAX_OTHER_SIDES, into out;
 * returns how many, and in *more how many others there are besides
 * (with f->unlisted). */
size_t kb_other_sides(const kb_finding *f, const kb_side *d,
		      const kb_side *out[KB_MAX_OTHER_SIDES], size_t *more);

/* The text report's block for finding i, for formats that carry the
 * whole story of a finding (JUnit's failure text). */
void kb_text_finding(const kb_report *r, size_t i, FILE *out, bool color);
/* The text report's closing lines: counts of findings, files, answers... */
void kb_text_summary(const kb_report *r, FILE *out);

#endif
