/* compare.h - the comparator: claims in, findings out.
 *
 * Claims are grouped by topic, attribute and scope (exact scope, plus
 * unscoped claims against each scoped group as possible conflicts).  In a
 * group the reference value is the canonical one (policy) or else the value
 * a strict majority of units state; every other value gives one finding
 * listing its claims (deviating) and the reference claims.  With no
 * reference (a tie), one finding lists all sides.
 */
#ifndef KB_COMPARE_H
#define KB_COMPARE_H

#include "../base/vec.h"
#include "finding.h"

typedef struct kb_policy kb_policy; /* canonical values; may be NULL */

/* Appends kb_finding* to out, sorted by severity (worst first), then path,
 * line.  Everything is allocated in a. */
void kb_compare(kb_arena *a, const kb_vec *claims, const kb_policy *policy,
		kb_vec *out);

/* Sorts findings as kb_compare does (after their severities changed). */
void kb_findings_sort(kb_vec *findings);

/* The fingerprint of a group of claims (topic, attribute, scope, and each
 * claim's path + folded quote, order-independent). */
const char *kb_fingerprint(kb_arena *a, const char *topic, const char *attribute,
			   const kb_scope *scope, const kb_claim *const *claims,
			   size_t n);

/* Fingerprint recipes.  What a fingerprint hashes has changed once, and
 * every baseline and acknowledgement made before would have silently
 * stopped matching; so the recipe has a number (in JSON reports and SARIF
 * partialFingerprints) and the previous one is still matched:
 *   1  paths relative to the folder given (the first PATH) and scopes
 *      without open labels (a 'label=<text>' qualifier);
 *   2  paths relative to the KB root (config/root.h), open labels part of
 *      the scope.
 * A KB given as the folder holding its kbcheck.yml and without labelled
 * answers has the same fingerprints under both. */
enum { KB_FINGERPRINT_RECIPE = 2 };

/* Sets each finding's fingerprint_prev (recipe 1), given the folder the
 * run was given relative to the KB root ("" or "." for the root itself). */
void kb_fingerprints_previous(kb_arena *a, kb_vec *findings, const char *given);

#endif
