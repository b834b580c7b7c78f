/* history.h - what the store knows, as plain structs (no SQLite here):
 * the runs in time order, every finding with the runs that saw it, and the
 * claims and canonical values of the reference run.  `kbcheck db` and the
 * audit report read this; kb_store_load_history (store.h) fills it.
 *
 * A finding's life follows from its sightings, never from stored state:
 *   - it is open at run R when R saw it (and not acknowledged there);
 *   - it is new at the first run that saw it (when that run is where it was
 *     first seen, before any pruning: findings.first_seen);
 *   - it is resolved at the first run after a sighting that did not see it;
 *     seen again later, it is reopened.
 * Runs are ordered by time, then id.  All memory is in the loader's arena.
 */
#ifndef KB_HISTORY_H
#define KB_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"

typedef struct kb_hrun {
	int64_t id, time;
	const char *revision; /* NULL when unknown */
	const char *tool_version;
	const char *source_url; /* link template recorded with the run, or NULL */
	int64_t files, units, claims, findings, acked, input_errors;
	/* Values in answers about a topic without a claim (coverage); -1 for
	 * a run recorded before coverage was (its coverage is unknown). */
	int64_t unclaimed;
} kb_hrun;

/* Units and claims of one channel and locale in one run. */
typedef struct kb_hcount {
	const char *channel, *locale;
	int64_t units, claims;
} kb_hcount;

/* A claim as recorded: where, what it says, and whether a finding of its
 * run names it as the deviating side. */
typedef struct kb_hclaim {
	const char *topic, *attribute, *scope; /* scope: "key=value,..." or "" */
	const char *path, *relpath;
	int line, column, end_line, end_column;
	const char *channel, *locale, *format, *unit_id;
	const char *question; /* the question its unit answers, or NULL */
	const char *sentence; /* the sentence holding the quote, or NULL */
	const char *quote;
	const char *value;     /* human form: "at most 1 day" */
	const char *value_key; /* equal keys: the same promise */
	bool deviates;
} kb_hclaim;

/* One side of a finding: a claim and its role. */
typedef struct kb_hside {
	const kb_hclaim *claim;
	bool deviates;
	const char *suggestion; /* NULL when none */
} kb_hside;

/* One run's sighting of a finding. */
typedef struct kb_hsight {
	uint32_t run; /* index into kb_history.runs */
	bool acked;
} kb_hsight;

typedef struct kb_hfinding {
	int64_t id;
	const char *fingerprint, *topic, *attribute, *scope;
	int64_t first_seen;    /* time of the first run that ever saw it */
	const kb_hsight *seen; /* ascending run index */
	size_t nseen;
	/* As of its last sighting at or before the reference run: */
	const char *severity; /* "error", "warning", "note" */
	const char *message;
	const char *majority; /* value text or NULL */
	int64_t majority_count, sources;
	const char *canonical, *canonical_source; /* NULL without policy */
	const char *ack_reason, *ack_by;	  /* NULL unless acknowledged */
	const kb_hside *sides;			  /* deviating sides first */
	size_t nsides;
} kb_hfinding;

/* The reference run's coverage (compare/coverage.h), as recorded. */
typedef struct kb_hunread {
	const char *reason;            /* "unknown-format", "template-code-only"... */
	int64_t files;                 /* how many in all */
	const char *const *paths;      /* the first npaths, by path */
	const char *const *details;    /* each path's detail, or NULL */
	size_t npaths;
} kb_hunread;

/* A value without a claim: where (as a claim would be), and whether a
 * weak claim states it. */
typedef struct kb_hunclaimed {
	kb_hclaim at; /* topic, attribute, path, position, channel, locale, unit_id, quote */
	bool weak;
} kb_hunclaimed;

/* Confident claims of a topic in a channel present in the KB. */
typedef struct kb_htopic {
	const char *topic, *channel;
	int64_t claims;
} kb_htopic;

/* The policy's canonical value for one topic attribute and scope. */
typedef struct kb_hcanon {
	const char *topic, *attribute, *scope;
	const char *value, *value_key, *source;
} kb_hcanon;

typedef struct kb_history {
	const kb_hrun *runs; /* by time, then id */
	size_t nruns;
	const kb_hfinding *findings; /* by id */
	size_t nfindings;
	/* The reference run (the latest loaded), or NO_RUN when there is none;
	 * counts, claims and canon belong to it. */
	size_t ref;
	const kb_hcount *counts;
	size_t ncounts;
	const kb_hclaim *claims; /* by topic, attribute, scope, channel, locale, path, line */
	size_t nclaims;
	const kb_hcanon *canon;
	size_t ncanon;
	/* Its coverage: files that gave no answer by reason (in the order of
	 * source.h's kb_unread_reason), the first values without a claim (the
	 * reference run's `unclaimed` counts them all), and the claims of
	 * every topic in every channel present (by topic, then channel).
	 * Empty when the reference run's unclaimed is -1. */
	const kb_hunread *unread;
	size_t nunread;
	const kb_hunclaimed *unclaimed;
	size_t nunclaimed;
	const kb_htopic *topics;
	size_t ntopics;
} kb_history;

#define KB_NO_RUN ((size_t)-1)

/* Did run index `run` see f?  *acked receives whether it was acknowledged
 * there (acked may be NULL). */
bool kb_hfinding_seen_at(const kb_hfinding *f, size_t run, bool *acked);
/* Open (seen and not acknowledged) at run index `run`. */
bool kb_hfinding_open_at(const kb_hfinding *f, size_t run);

typedef enum kb_hevent_kind {
	KB_HEV_NEW,	 /* first sighting ever */
	KB_HEV_REOPENED, /* seen again after being resolved */
	KB_HEV_RESOLVED, /* the first run after a sighting that did not see it */
} kb_hevent_kind;

typedef struct kb_hevent {
	kb_hevent_kind kind;
	size_t run; /* run index where it happened */
} kb_hevent;

/* The events in f's life in run order, into out (at most 2 * nseen + 1
 * entries); returns how many.  Only runs [0, nruns) are considered. */
size_t kb_hfinding_events(const kb_history *h, const kb_hfinding *f, kb_hevent *out);

/* Time f was resolved as of run index `run`: the time of the run after its
 * last sighting at or before `run`; -1 when it is open at `run` (or was
 * never seen by then). */
int64_t kb_hfinding_resolved_at(const kb_history *h, const kb_hfinding *f, size_t run);

/* Per-run figures for `kbcheck db runs`. */
typedef struct kb_hrun_stats {
	int64_t open, acked, new_, reopened, resolved;
} kb_hrun_stats;
/* Fills out[0..nruns) (an array of h->nruns entries). */
void kb_history_run_stats(const kb_history *h, kb_hrun_stats *out);

/* The index of the last run with time <= t, or KB_NO_RUN. */
size_t kb_history_run_at(const kb_history *h, int64_t t);

/* "2026-11-24" (with_time: "2026-11-24 09:30") in UTC, into out. */
void kb_htime_format(char out[32], int64_t t, bool with_time);

#endif
