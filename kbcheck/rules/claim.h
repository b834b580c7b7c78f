/* claim.h - one normalized statement a unit makes about a policy topic. */
#ifndef KB_CLAIM_H
#define KB_CLAIM_H

#include "../normalize/value.h"
#include "../parse/unit.h"

/* How a claim was found: precision before recall, so only confident
 * claims make findings that are shown (a weak disagreement is shown with
 * --show-weak). */
typedef enum kb_how {
	KB_HOW_CLAUSE,  /* the attribute's cue governs the value in its clause */
	KB_HOW_CONTEXT, /* the cue is in the statement's context (a label, a
			 * header, a lead-in, the heading, the question) */
	KB_HOW_WEAK,    /* a cue and a value in one sentence, not in one clause */
} kb_how;

const char *kb_how_name(kb_how h);

typedef struct kb_claim {
	const char *topic;     /* "order.cancel" */
	const char *attribute; /* "window" */
	kb_value value;
	kb_scope scope;        /* qualifiers: from the sentence, question, headings, source */
	const kb_unit *unit;
	const char *quote;     /* the stating phrase, from the unit text */
	size_t text_start, text_end; /* the phrase in unit->text */
	kb_loc loc;            /* the phrase in the source file */
	const char *sentence;  /* the sentence it was found in */
	/* What extracted it, for `kbcheck explain`. */
	const char *rule_file;
	int rule_line;
	const char *pattern;
	/* kb_value_key(value) and kb_scope_key(scope), made where the claim
	 * is (on the workers, or read from the cache) so the comparator does
	 * not format them again; NULL in a claim made by hand. */
	const char *vkey, *skey;
	kb_how how;
	/* KB_HOW_CONTEXT: the context that gave the cue ("label: Return
	 * window"), for `explain`; else NULL. */
	const char *context;
} kb_claim;

/* A unit that is about a topic and holds a number (a value with a digit)
 * of the type of one of the topic's attributes, yet made no confident
 * claim on the topic: a statement the rules may have missed.  Coverage lists these, so that a
 * quiet report can be questioned. */
typedef struct kb_unclaimed {
	const char *topic, *attribute; /* the attribute whose type the value has */
	const kb_unit *unit;
	const char *quote;             /* the value as written */
	size_t text_start, text_end;   /* the value in unit->text */
	kb_loc loc;                    /* the value in the source file */
	bool weak;                     /* a weak claim states it (--show-weak) */
} kb_unclaimed;

#endif
