/* policy.h - the policy file: canonical values per topic, attribute and
 * scope (README.md, "The policy file").
 *
 *     kbcheck: policy/1
 *     source_of_truth: faq          # optional: this channel is canonical
 *     policies:
 *       order.cancel:
 *         window: within 24 hours   # a phrase, normalized like a claim
 *         allowed: yes
 *       warranty.period:
 *         months:
 *           - scope: {product: phones}
 *             value: 12 months
 *           - value: 6 months       # no scope: every other scope
 *
 * This reads the file and checks its shape; what its topics, attributes
 * and values mean is asked of the terms given (kb_policy_terms), which the
 * comparison fills from the rule packs (compare/canon.h), so config/ knows
 * no rule.
 */
#ifndef KB_POLICY_H
#define KB_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/diag.h"
#include "terms.h"

/* One canonical value as written: text (a phrase in locale) for
 * topic.attribute in scope, at where ("policy.yml:LINE"). */
typedef struct kb_policy_entry {
	const char *topic, *attribute;
	const char *text, *locale;
	kb_scope scope;
	const char *where;
} kb_policy_entry;

typedef struct kb_policy_terms {
	void *ctx;
	/* Whether the rule packs know topic. */
	bool (*topic)(void *ctx, const char *topic);
	/* The name of the type of topic's attribute (for messages), or NULL
	 * when topic has no such attribute. */
	const char *(*attribute)(void *ctx, const char *topic, const char *attribute);
	/* Takes e's text as the canonical value; false when it is no value of
	 * the attribute's type (then the reader says so at its place). */
	bool (*value)(void *ctx, const kb_policy_entry *e);
} kb_policy_terms;

/* Read path, handing each value to t; problems go to d with positions,
 * *truth receives source_of_truth's channel (KB_CHANNEL_UNKNOWN: none).
 * False when the file cannot be used at all.  The file is read as
 * kb_read_settings reads (base/files.h): a regular file of at most max
 * bytes, inside folder `within` (the KB root) unless that is NULL. */
bool kb_policy_read(kb_arena *a, kb_diags *d, const char *path, const char *within,
		    size_t max, const kb_policy_terms *t, kb_channel *truth);

#endif
