/* audit_model.h - the audit's figures, computed once from the history and
 * read by the three writers (audit_html.c, audit_text.c), so that the HTML,
 * Markdown and CSV always agree.  Private to kbcheck/report/audit*.c. */
#ifndef KB_AUDIT_MODEL_H
#define KB_AUDIT_MODEL_H

#include "../base/arena.h"
#include "audit.h"

enum {
	KB_AUDIT_MAX_WEEKS = 104,
	/* Sides shown per conflict in HTML and Markdown (deviating ones come
	 * first); the CSV lists all of them. */
	KB_AUDIT_MAX_SIDES = 60,
};

typedef struct kb_aweek {
	int64_t start; /* Monday 00:00 UTC */
	char name[16]; /* "2026-W47" */
	bool has_run;  /* some run at or before its end */
	int64_t open, new_, resolved;
} kb_aweek;

typedef struct kb_atopic {
	const char *topic;
	int64_t open, new_, resolved, acked;
} kb_atopic;

/* A channel and locale: a column of the matrix and the heat map. */
typedef struct kb_acol {
	const char *channel, *locale;
	const char *label; /* "FAQ en", "Chatbot vi" */
} kb_acol;

typedef struct kb_aitem {
	const kb_hfinding *f;
	int64_t since;	  /* first seen */
	int64_t age_days; /* to now (open) or to its resolution */
	int64_t resolved; /* resolution time, or -1 */
	bool is_new;	  /* first seen in the window */
} kb_aitem;

/* One distinct value stated in a matrix cell. */
typedef struct kb_avalue {
	const char *value;
	const kb_hclaim *first; /* where it is stated first (link) */
	size_t count;		/* claims stating it in this cell */
	bool deviates;
} kb_avalue;

typedef struct kb_acell {
	const kb_avalue *values;
	size_t nvalues;
	bool deviates;
} kb_acell;

typedef struct kb_arow {
	const char *topic, *attribute, *scope;
	const char *reference;	/* canonical value, or the majority value, or NULL */
	const char *ref_source; /* "policy.yml:3" for a canonical value */
	bool canonical;		/* reference is the policy's */
	const kb_acell *cells;	/* one per column */
	bool deviates;
} kb_arow;

/* The latest run's coverage (audit_coverage.c): the claims of every topic
 * in every channel that has answers. */
typedef struct kb_acoverage {
	bool known;             /* the run was recorded with its coverage */
	int64_t unread;         /* files that gave no answer */
	int64_t unclaimed;      /* values in answers about a topic without a claim */
	const char *const *channels; /* present, in kb_channel order */
	size_t nchannels;
	const char *const *topics;   /* every topic of the packs, by id */
	size_t ntopics;
	const int64_t *claims;  /* ntopics x nchannels */
	const bool *any;        /* per topic: a claim in some channel */
	size_t partial;         /* topics with claims, but none in some channel */
	size_t none;            /* topics without any claim */
} kb_acoverage;

typedef struct kb_audit_model {
	const kb_history *h;
	const kb_audit_opts *o;
	const kb_hrun *ref;	/* the latest run in the window, or NULL */
	const char *source_url; /* the link template in force, or NULL */
	/* Headline figures. */
	int64_t open, new_, resolved, acked;
	int64_t by_severity[3]; /* open: note, warning, error */
	bool have_median;
	double median_age_days;
	kb_aweek weeks[KB_AUDIT_MAX_WEEKS];
	int nweeks;
	const kb_atopic *topics; /* most open first */
	size_t ntopics;
	const kb_acol *cols; /* FAQ, chatbot, macro; then locale */
	size_t ncols;
	const int64_t *pairs;	     /* ncols x ncols: open conflicts between them */
	int64_t channel_pairs[4][4]; /* by channel only (kb_channel order) */
	const kb_aitem *open_items;  /* most severe, then oldest, first */
	size_t nopen_items;
	const kb_aitem *acked_items;
	size_t nacked_items;
	const kb_aitem *resolved_items; /* resolved in the window */
	size_t nresolved_items;
	const kb_arow *rows; /* by topic, attribute, scope */
	size_t nrows;
	kb_acoverage cov;
} kb_audit_model;

/* The page's style sheet (audit_css.c). */
extern const char kb_audit_css[];

kb_audit_model *kb_audit_model_build(kb_arena *a, const kb_history *h, const kb_audit_opts *o);

/* The link for a claim as of run `run` (its revision; NULL: the reference
 * run), or NULL without a template (or when the result would not be an
 * http(s) URL).  {rev} and {path} are percent-encoded. */
const char *kb_audit_link(kb_arena *a, const kb_audit_model *m, const kb_hclaim *c,
			  const kb_hrun *run);
/* The last run that saw f (for links to where a resolved conflict was). */
const kb_hrun *kb_audit_last_seen(const kb_audit_model *m, const kb_hfinding *f);
/* "FAQ", "Chatbot", "Macro" (or the name as stored). */
const char *kb_audit_channel_label(const char *channel);
/* "order.cancel.window", with " [scope]" when scoped. */
const char *kb_audit_finding_name(kb_arena *a, const kb_hfinding *f);
/* The claim's sentence around its quote: *before and *after are the text
 * either side (at most about 120 characters each, "…" where cut), or both
 * NULL when the sentence is unknown or does not hold the quote. */
void kb_audit_excerpt(kb_arena *a, const kb_hclaim *c, const char **before, const char **after);
/* The latest run's coverage, into m->cov (audit_coverage.c). */
void kb_audit_coverage_build(kb_arena *a, kb_audit_model *m);
/* "3 files gave no answer; ...": the coverage in one sentence. */
const char *kb_audit_coverage_summary(kb_arena *a, const kb_audit_model *m);
/* "a, b, c": the topics without any claim (m->cov). */
const char *kb_audit_claimless_topics(kb_arena *a, const kb_acoverage *c);
/* What a reason of coverage means, for people: "a format kbcheck does not
 * read" for "unknown-format"; the name itself when unknown. */
const char *kb_audit_reason_label(const char *reason);
/* Severity rank: error 2, warning 1, note 0. */
int kb_audit_severity_rank(const char *severity);

#endif
