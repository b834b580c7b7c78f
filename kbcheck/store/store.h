/* store.h - the history database: every recorded run of kbcheck, its
 * counts, claims and findings, in one SQLite file.
 *
 *     kb_store *s = kb_store_open("kb-history.sqlite", run->diags);
 *     if (s) {
 *             kb_store_run_info info = {.time = t, .revision = rev};
 *             kb_store_record_run(s, run, &info);
 *             kb_store_close(s);
 *     }
 *
 * Only this module includes sqlite3.h.  The file is in WAL mode (readers
 * never wait for a writer), every connection waits up to a busy timeout for
 * a lock (10 s by default), and each run is written in one transaction
 * (BEGIN IMMEDIATE ... COMMIT), so two kbcheck processes recording at once
 * both land, one after the other, and a process killed mid-write leaves the
 * database as it was before that run.  The schema carries its version
 * (table kb_schema) and is migrated forward on open; a database written by a
 * newer kbcheck is refused.  A file that is not a kbcheck database (not
 * SQLite at all, or another program's SQLite file) is reported and never
 * written to.
 *
 * Every problem is reported on the kb_diags given to kb_store_open, as an
 * error naming the database file, with SQLite's own message.
 */
#ifndef KB_STORE_H
#define KB_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/diag.h"
#include "../pipeline/run.h"
#include "history.h"

/* The schema version this kbcheck writes (see schema.c for migrations). */
enum { KB_STORE_SCHEMA = 2 };

typedef struct kb_store kb_store;

typedef struct kb_store_opts {
	int busy_timeout_ms; /* how long to wait for a lock; 0 = 10000 */
	bool must_exist;     /* readers: a missing file is an error, not created */
	/* readers (audit, db runs, db findings): the file is opened read-only
	 * and nothing is created beside it (no -wal, no -shm), so a user who
	 * cannot write it can read it, and leaves no file of theirs that the
	 * owner's next write would trip on.  Only a database that needs a
	 * migration (an older kbcheck's, or an empty file) is opened for
	 * writing, as before. */
	bool read_only;
} kb_store_opts;

/* --busy-timeout S: seconds, 0 < S <= 3600 (not "nan", "inf" or "1e9"),
 * into *ms.  False when s is no such number. */
bool kb_store_parse_busy(const char *s, int *ms);

/* Opens (creating and migrating when needed) the database at path.  Returns
 * NULL after reporting the problem on d: the file cannot be opened, is not
 * a kbcheck database, is damaged, comes from a newer kbcheck, or stays
 * locked longer than the busy timeout.  d must outlive the store. */
kb_store *kb_store_open(const char *path, kb_diags *d);
kb_store *kb_store_open_opts(const char *path, const kb_store_opts *o, kb_diags *d);
/* Closes the connection (NULL is fine). */
void kb_store_close(kb_store *s);

typedef struct kb_store_run_info {
	int64_t time;		  /* seconds since the epoch (kb_store_time) */
	const char *revision;	  /* the KB's revision (kb_store_git_revision), or NULL */
	const char *tool_version; /* NULL: this kbcheck's version */
	/* Link template for the audit ("https://git/kb/blob/{rev}/{path}#L{line}");
	 * NULL: the run's kbcheck.yml `report: {source_url: ...}`, if any. */
	const char *source_url;
} kb_store_run_info;

/* Records a finished run (after kb_run_compare): its counts, units and
 * claims per channel and locale, every claim, every finding (r->findings
 * and r->acked; a finding in both is recorded once) with all its sides and
 * its acknowledgement, the canonical values of the policy the run
 * compared with (r->policy: not read again), and its coverage
 * (compare/coverage.h: files that gave no answer, values without a claim,
 * claims per topic and channel).  One transaction:
 * on failure nothing of the run is kept, the problem is reported and false
 * is returned.  Changes nothing in r (beyond sorting r->diags, as printing
 * them does).  Call it after kb_run_compare and before printing r->diags,
 * so that a database problem is printed (and exits 2) like any other. */
bool kb_store_record_run(kb_store *s, const kb_run *r, const kb_store_run_info *info);
/* The id of the run recorded last through s (0 before any). */
int64_t kb_store_last_run_id(const kb_store *s);

/* The history up to and including time `until` (INT64_MAX: all of it),
 * loaded into arena a (see history.h).  NULL on failure (reported). */
kb_history *kb_store_load_history(kb_store *s, kb_arena *a, int64_t until);

/* Deletes the runs older than time `before`, never the latest run, in one
 * transaction.  Findings keep their first-seen time; findings, claims and
 * sides that no remaining run refers to are deleted.  *runs and *findings
 * receive how many runs and findings were removed.  false on failure. */
bool kb_store_prune(kb_store *s, int64_t before, int64_t *runs, int64_t *findings);

/* Times kbcheck takes (--now, SOURCE_DATE_EPOCH): 0000-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z, the years a date has four digits for; spans
 * (--since, --keep): at most 10000 years.  Time minus span plus a week
 * then never overflows. */
#define KB_STORE_TIME_MIN INT64_C(-62167219200)
#define KB_STORE_TIME_MAX INT64_C(253402300799)
#define KB_STORE_SPAN_MAX (INT64_C(10000) * 365 * 86400)
#define KB_STORE_TIME_HELP                                                                     \
	"YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or seconds since the epoch, from 0000-01-01 to "     \
	"9999-12-31"

/* The time of a run or report: now_arg (--now: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z]
 * or seconds since the epoch), else SOURCE_DATE_EPOCH, else the clock.
 * false when now_arg or SOURCE_DATE_EPOCH is malformed or out of range. */
bool kb_store_time(const char *now_arg, int64_t *out);
/* Parses a date or time as --now does (no fallbacks).  false if malformed
 * or out of range. */
bool kb_store_parse_time(const char *s, int64_t *out);

/* A span such as 7d, 52w, 12h or 1y (a year is 365 days) in seconds.
 * false if malformed or over KB_STORE_SPAN_MAX. */
bool kb_store_parse_span(const char *s, int64_t *seconds);

/* The commit checked out in dir (`git rev-parse HEAD`, run directly with
 * posix_spawn, no shell; stderr discarded), in arena a; NULL when dir is
 * not in a git work tree or git is missing. */
const char *kb_store_git_revision(kb_arena *a, const char *dir);

#endif
