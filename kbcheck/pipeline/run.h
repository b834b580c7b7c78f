/* run.h - one run of the pipeline, owning everything it makes.
 *
 *   config -> sources -> units (parsers) -> claims (rules) -> findings (comparator)
 *
 * The run's arena owns all sources, units, claims and findings; kb_run_free
 * releases them at once.  Each stage reads only what earlier stages made.
 */
#ifndef KB_RUN_H
#define KB_RUN_H

#include "../base/diag.h"
#include "../base/pool.h"
#include "../base/vec.h"
#include "../compare/compare.h"
#include "../compare/canon.h"
#include "../report/report.h"
#include "../rules/pack.h"
#include "../config/config.h"
#include "../report/baseline.h"
#include "changed.h"

typedef struct kb_run_opts {
	const char *const *paths; /* files and directories; "." when none */
	size_t npaths;
	const char *config_path;  /* --config, or NULL to look for kbcheck.yml */
	bool root_given;          /* the one path given is the KB root (corpus KBs) */
	const char *const *rule_paths; /* --rules (packs or directories) */
	size_t nrule_paths;
	bool no_shipped_rules;    /* --no-default-rules */
	const char *today;        /* "YYYY-MM-DD" for acknowledgement expiry */
	const char *argv0;
	/* --jobs: how many sources to read, parse and extract at once; 0 = one
	 * per online CPU.  The result is the same for every value. */
	int jobs;
	/* --no-cache: parse and extract every source (kb_run_analyze). */
	bool no_cache;
	/* --show-weak: report weak findings too (kb_finding.weak). */
	bool show_weak;
	/* Called after each source is parsed, when set (the progress bar):
	 * done of total sources, units so far. */
	void (*progress)(void *user, size_t done, size_t total, size_t units);
	/* Called when kb_run_check starts comparing, when set: the claims. */
	void (*comparing)(void *user, size_t claims);
	void *progress_user;
	/* What fails the run (kb_run_decide): a finding at or above fail_on
	 * (zero: note), not acknowledged, not in baseline, and, with changes
	 * (--changed-since, --changed-files), deviating in a changed file. */
	kb_severity fail_on;
	const kb_baseline *baseline;
	const kb_changes *changes;
	/* baseline create --baseline OLD: only OLD's findings are reported,
	 * none of them as existing. */
	bool baseline_only;
	/* --show-acked: the acknowledged findings are reported too, after
	 * the others. */
	bool show_acked;
} kb_run_opts;

typedef struct kb_run {
	kb_arena *arena;
	kb_arena *rules_arena; /* the rule packs' when loaded beside the walk */
	kb_diags *diags;
	kb_config *config;
	kb_rules *rules;
	kb_vec sources;  /* kb_source* */
	kb_vec units;    /* kb_unit* */
	kb_vec claims;   /* kb_claim* */
	kb_vec findings; /* kb_finding*: to report */
	kb_vec acked;    /* kb_finding*: covered by an acknowledgement */
	size_t acked_prev; /* acks naming a finding by the previous recipe */
	/* Statements inline comments dropped (kbcheck-disable-next-line,
	 * kbcheck-disable blocks: those of blocks), and the comments that
	 * give no reason. */
	size_t suppressed, suppressed_by_block, suppressed_no_reason;
	kb_vec weak;     /* kb_finding*: weak, not reported (without --show-weak) */
	kb_vec suppressions; /* kb_suppression* (inline comments) */
	/* Coverage (compare/coverage.h): files found that gave no answer
	 * (kb_unread*: the walk's, then sources without units, in source
	 * order) and units about a topic with a value of its types but no
	 * confident claim (kb_unclaimed*, in unit order). */
	kb_vec unread;
	kb_vec unclaimed;
	const char *acks_path; /* .kbcheck/acks.yml at the KB root */
	/* The workers: sources, units and claims live in their arenas, which
	 * the run frees with everything else. */
	kb_pool *pool;
	struct kb_run_work *work; /* per-source results between stages (run.c) */
	struct kb_cache *cache;   /* kb_run_analyze's cache, or NULL */
	/* How many sources kb_run_analyze took from the cache / parsed. */
	size_t cached_sources, parsed_sources;
	/* Seconds kb_run_check spent analysing and comparing. */
	double analyze_seconds, compare_seconds;
	/* The policy kb_run_compare loaded (kbcheck.yml policy:), or NULL:
	 * the history records its canonical values from it. */
	const kb_policy *policy;
	/* kb_run_decide's: the findings to report (r->findings, then the
	 * acknowledged ones with show_acked), a status each, the counts, and
	 * how many the baseline named by the previous fingerprint recipe. */
	kb_vec reported;
	kb_finding_status *status;
	kb_stats stats;
	size_t baseline_prev;
} kb_run;

kb_run *kb_run_new(void);
void kb_run_free(kb_run *r);

/* The knowledge base's directory: the first path if it is a directory,
 * else the folder of the first file ("." without paths).  kbcheck.yml is
 * looked for from here up; --changed-since asks this directory's git. */
const char *kb_run_dir(kb_arena *a, const kb_run_opts *o);

/* Config, then sources and units (sources read and parsed on o->jobs
 * workers; units in source order whatever the number of workers). */
void kb_run_load(kb_run *r, const kb_run_opts *o);
/* Rule packs: --rules, kbcheck.yml `rules:`, and the shipped packs. */
void kb_run_load_rules(kb_run *r, const kb_run_opts *o);
/* Claims of the units loaded (in parallel, in unit order). */
void kb_run_extract(kb_run *r);
/* Config, rule packs, sources, units and claims in one pass: each source
 * is parsed and extracted by one worker, or taken from the cache
 * (.kbcheck/cache/ at the KB root, cache/cache.h) when neither it nor what
 * it depends on changed.  Same units, claims and diagnostics as
 * kb_run_load + kb_run_load_rules + kb_run_extract. */
void kb_run_analyze(kb_run *r, const kb_run_opts *o);
/* Compare (with the policy kbcheck.yml names, kept in r->policy), then
 * set weak findings (unless o->show_weak) and acknowledged ones aside
 * (r->weak, r->acked). */
void kb_run_compare(kb_run *r, const kb_run_opts *o);
/* What `kbcheck check` runs, and every command that must show what a
 * check shows (explain, ack, fix, db record; `corpus test` scores it):
 * kb_run_analyze (cache included), kb_run_compare (policy,
 * acknowledgements), then kb_run_decide.  r->findings are the findings a
 * check finds; r->reported, r->status and r->stats what it reports. */
void kb_run_check(kb_run *r, const kb_run_opts *o);
/* Which findings fail the run, decided once here for every command and
 * reporter (report.h shows it): r->reported, r->status, r->stats and
 * r->baseline_prev from r->findings (and r->acked) and o's fail_on,
 * baseline, changes, baseline_only and show_acked. */
void kb_run_decide(kb_run *r, const kb_run_opts *o);
/* Whether the run fails: more than max_findings (-1: 0) findings fail. */
bool kb_run_fails(const kb_run *r, long max_findings);
/* kb_run_analyze drops the units' texts once their claims are made (and
 * the cache keeps none): the units of f's sides get theirs back, their
 * sources parsed again, for a command that quotes whole answers. */
void kb_run_finding_texts(kb_run *r, const kb_finding *f);

/* Seconds the workers spent parsing and extracting (summed over workers;
 * sources taken from the cache count for neither), for --verbose. */
void kb_run_stage_times(const kb_run *r, double *parse, double *extract);

/* "YYYY-MM-DD" for now: --now (a date or seconds since the epoch), else
 * SOURCE_DATE_EPOCH, else the clock.  NULL when now_arg is malformed. */
const char *kb_today(kb_arena *a, const char *now_arg);

#endif
