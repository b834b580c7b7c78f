/* extract.h - the topic classifier and attribute extractors: units in,
 * claims out.
 *
 * For each unit: the topics whose `about` patterns match its question or
 * answer; for each such topic and attribute, the sentences its cues match;
 * in each, the value (normalizer) and the scope (qualifiers from the
 * sentence, the question, the headings, the source).
 */
#ifndef KB_EXTRACT_H
#define KB_EXTRACT_H

#include "../base/diag.h"
#include "../base/vec.h"
#include "claim.h"
#include "pack.h"

typedef struct kb_extractor kb_extractor;

/* One extractor per thread; claims and messages go to a and d. */
kb_extractor *kb_extractor_new(const kb_rules *r, kb_arena *a, kb_diags *d);
void kb_extractor_free(kb_extractor *x);
/* From now on claims go to a and messages to d, and a pattern that hits
 * the PCRE2 match limit is reported again (once per d). */
void kb_extractor_retarget(kb_extractor *x, kb_arena *a, kb_diags *d);

/* Append the claims of u to out (kb_claim*), and, unless unclaimed is
 * NULL, to unclaimed (kb_unclaimed*) each topic u is about with a number
 * of one of its attributes' types but no confident claim (the first such
 * number: in a weak claim if there is one, else in the text). */
void kb_extract_unit(kb_extractor *x, const kb_unit *u, kb_vec *out, kb_vec *unclaimed);

/* Once a source's units are read: scope the claims claims[first..) that
 * sibling arms of a template's conditional tell apart (kb_unit.branches:
 * the arms' labels, as "condition"), then those that the same question
 * answered under sibling headings tells apart (the headings where they
 * part, as "label"). */
void kb_extract_sections(kb_extractor *x, kb_vec *claims, size_t first);

/* Claims for a bare sentence (rule tests, `kbcheck claims --text`). */
void kb_extract_text(kb_extractor *x, const char *locale, const char *question,
		     const char *text, kb_vec *out);

#endif
