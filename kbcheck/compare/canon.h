/* canon.h - the canonical values of the policy file (README.md, "The
 * policy file"; config/policy.h reads it): per topic, attribute and scope.
 *
 * Claims that deviate from a canonical value are errors.  Values are
 * normalized with the attribute's type from the rule packs (English
 * phrases, or the value in the locale given by `locale:`).
 */
#ifndef KB_CANON_H
#define KB_CANON_H

#include "../base/diag.h"
#include "../rules/pack.h"
#include "compare.h"

/* Load path; problems go to d with positions.  Returns NULL when the file
 * cannot be used at all.  Lives in arena a.  The file is read as
 * kb_read_settings reads (base/files.h): a regular file of at most max
 * bytes, inside folder `within` (the KB root) unless that is NULL. */
kb_policy *kb_policy_load(kb_arena *a, kb_diags *d, const char *path, const char *within,
			  size_t max, const kb_rules *rules);

/* The canonical value for topic.attribute in scope s: an entry with exactly
 * that scope, else one whose scope keys all match s, else the unscoped one.
 * *where receives "policy.yml:LINE".  NULL when there is none. */
const kb_value *kb_policy_value(const kb_policy *p, const char *topic,
				const char *attribute, const kb_scope *s,
				const char **where);

/* What the policy reads text (a value phrase, in locale) as, for attribute
 * at: yes/no for a bool, an enum's label, else the phrase normalized.  False
 * when it is no value of that type.  The policy draft (fix/draft.h) writes
 * only phrases this reads back as the value meant. */
bool kb_policy_parse_value(kb_arena *a, const kb_attribute *at, const char *text,
			   const char *locale, kb_value *v);

/* The channel named by source_of_truth, or KB_CHANNEL_UNKNOWN. */
kb_channel kb_policy_truth(const kb_policy *p);

#endif
