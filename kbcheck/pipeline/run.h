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
#include "../rules/pack.h"
#include "../source/config.h"

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
/* Compare, then set weak findings (unless o->show_weak) and acknowledged
 * ones aside (r->weak, r->acked). */
void kb_run_compare(kb_run *r, const kb_run_opts *o);
/* What `kbcheck check` runs, and everything that must show what a check
 * shows (`corpus test` scores it): kb_run_analyze (cache included), then
 * kb_run_compare (policy, acknowledgements).  r->findings are the findings
 * a check reports. */
void kb_run_check(kb_run *r, const kb_run_opts *o);

/* Seconds the workers spent parsing and extracting (summed over workers;
 * sources taken from the cache count for neither), for --verbose. */
void kb_run_stage_times(const kb_run *r, double *parse, double *extract);

/* "YYYY-MM-DD" for now: --now (a date or seconds since the epoch), else
 * SOURCE_DATE_EPOCH, else the clock.  NULL when now_arg is malformed. */
const char *kb_today(kb_arena *a, const char *now_arg);

#endif
