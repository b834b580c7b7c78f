/* draft.h - a policy file drafted from what a knowledge base states today
 * (`kbcheck policy init`).
 *
 * Per topic attribute and scope the draft gives the value a strict
 * majority of answers state (counted as the comparator counts: distinct
 * units, a sentence repeated in one file once), with its sources as
 * comments, and lists the other values and where they are, for a person
 * to decide:
 *
 *     policies:
 *       order.cancel:
 *         # 10 of 14 sources say at most 24 hours: chatbot/aiml/orders.aiml:7, ...
 *         # 2 say at most 12 hours: chatbot/rasa-vi/domain.yml:4, help/en/shipping.html:17
 *         window: at most 24 hours
 *
 * A group with no majority (a tie) is written commented out.  Every value
 * written is a phrase that kb_policy_parse_value reads back as the
 * majority's value (same kb_value_key), so the draft, unedited, loads as
 * a valid policy and makes the majority canonical.  Only confident claims
 * of topics and attributes the rule packs know count.
 */
#ifndef KB_DRAFT_H
#define KB_DRAFT_H

#include "../base/buf.h"
#include "../base/vec.h"
#include "../rules/pack.h"

typedef struct kb_draft_opts {
	const char *const *topics; /* only these topic ids (none: all) */
	size_t ntopics;
} kb_draft_opts;

typedef struct kb_draft_stats {
	size_t values;    /* entries written with their value */
	size_t disputed;  /* of those, entries whose sources disagree */
	size_t undecided; /* entries commented out: no majority, or no phrase */
} kb_draft_stats;

/* The draft for claims (kb_claim*) appended to out; what it holds in *st.
 * Scratch memory in a. */
void kb_policy_draft(kb_arena *a, const kb_vec *claims, const kb_rules *rules,
		     const kb_draft_opts *o, kb_buf *out, kb_draft_stats *st);

#endif
