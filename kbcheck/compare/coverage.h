/* coverage.h - what a run did not read, and what it read without making a
 * claim of it: so that a quiet report can be trusted or questioned.
 *
 *   not read   the files found that gave no answer unit, by reason
 *              (source.h: kb_unread_reason): a format kbcheck does not
 *              read, ignored, too large, binary, template code only...;
 *   unclaimed  the units that are about a topic and hold a value of one of
 *              its attributes' types, yet made no confident claim on it
 *              (rules/claim.h: kb_unclaimed): statements the rules may
 *              have missed;
 *   topics     for every topic of the rule packs, its confident claims in
 *              each channel the KB has (a channel is present when some
 *              unit comes from it): a present channel without a claim is
 *              a gap.
 *
 * Built once from a run's results; --verbose, the JSON report and the
 * store show the same figures.  Lists are sorted (by path, then line), so
 * the coverage does not depend on the number of workers or the cache.
 * Memory is the caller's arena; the coverage points into the run's
 * results and lives as long as they do.
 */
#ifndef KB_COVERAGE_H
#define KB_COVERAGE_H

#include "../base/vec.h"
#include "../rules/claim.h"
#include "../rules/pack.h"

/* Files listed per reason, and unclaimed values listed; the counts are
 * always whole. */
enum { KB_COVERAGE_LIST_MAX = 100 };

enum { KB_NCHANNELS = KB_CHANNEL_MACRO + 1 };

typedef struct kb_cov_reason {
	kb_unread_reason reason;
	size_t count;                  /* files and folders */
	const kb_unread *const *files; /* all count of them, by path */
	size_t nfiles;                 /* how many a list shows: at most KB_COVERAGE_LIST_MAX */
} kb_cov_reason;

typedef struct kb_cov_topic {
	const char *topic;
	size_t claims[KB_NCHANNELS]; /* confident claims, by kb_channel */
} kb_cov_topic;

typedef struct kb_coverage {
	const kb_cov_reason *reasons; /* the reasons that have files, in enum order */
	size_t nreasons;
	size_t unread; /* files and folders in all */
	/* All nunclaimed, by path, line, column, topic; a list shows the
	 * first nlisted (at most KB_COVERAGE_LIST_MAX). */
	const kb_unclaimed *const *unclaimed;
	size_t nlisted, nunclaimed;
	bool present[KB_NCHANNELS]; /* channels some unit comes from */
	size_t npresent;
	const kb_cov_topic *topics; /* every topic of the packs, by id */
	size_t ntopics;
} kb_coverage;

/* The coverage of a run: its units, claims (kb_claim*), files not read
 * (kb_unread*) and unclaimed values (kb_unclaimed*); rules may be NULL
 * (no topics then). */
kb_coverage *kb_coverage_make(kb_arena *a, const kb_vec *units, const kb_vec *claims,
			      const kb_vec *unread, const kb_vec *unclaimed,
			      const kb_rules *rules);

/* Channels present in cov that topic t has no confident claim in. */
size_t kb_coverage_gaps(const kb_coverage *cov, const kb_cov_topic *t);

#endif
