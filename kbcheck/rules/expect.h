/* expect.h - what a test expects of a claim, written as a reader would:
 * "within 24 hours", "500k", "yes", an enum label, optionally followed by
 * the claim's scope in brackets ("6 months [product=accessories]", "[]"
 * for no scope).  Used by the rule tests under each topic (pack.h) and by
 * the phrase suites (eval/phrases.h), so both compare the same way.
 */
#ifndef KB_EXPECT_H
#define KB_EXPECT_H

#include <stdbool.h>

#include "../base/buf.h"
#include "claim.h"
#include "pack.h"

/* Does claim c (of attribute at) state what expect says?  A phrase is
 * normalized as English text and compared as the comparator does
 * (kb_value_same); a scope, when given, must be exactly the claim's. */
bool kb_expect_matches(kb_arena *a, const kb_attribute *at, const char *expect,
		       const kb_claim *c);

/* Can expect be compared at all (a phrase that normalizes to at's type,
 * yes/no for a bool, one of an enum's labels)?  NULL when it can, else
 * why not (a static string). */
const char *kb_expect_invalid(const kb_attribute *at, const char *expect);

/* `attribute = value ("quote") [k=v,...]`, for diffs. */
void kb_claim_describe(kb_buf *b, const kb_claim *c);

#endif
