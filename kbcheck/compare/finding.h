/* finding.h - a set of claims on one topic, attribute and scope whose
 * values cannot all be true. */
#ifndef KB_FINDING_H
#define KB_FINDING_H

#include "../rules/claim.h"

typedef enum kb_severity {
	KB_SEV_NOTE,    /* possible conflict (a value inside a range; unscoped vs scoped) */
	KB_SEV_WARNING, /* sources disagree and there is no policy */
	KB_SEV_ERROR,   /* a source deviates from the policy file */
} kb_severity;

const char *kb_severity_name(kb_severity s);
/* Returns false for an unknown name. */
bool kb_severity_parse(const char *name, kb_severity *out);

enum { KB_MAX_REFERENCE_SIDES = 20 };

typedef struct kb_side {
	const kb_claim *claim;
	bool deviates;          /* this side states the value that disagrees */
	const char *suggestion; /* replacement for the quote, or NULL */
} kb_side;

typedef struct kb_finding {
	const char *fingerprint; /* 16 hex digits; stable across line moves */
	/* The previous recipe's fingerprint (compare.h), which baselines and
	 * acknowledgements made before the upgrade hold; NULL until
	 * kb_fingerprints_previous, then the same pointer when equal. */
	const char *fingerprint_prev;
	uint64_t fp_prev_head; /* its hash of topic, attribute and scope */
	const char *topic, *attribute;
	const char *title;       /* the topic's title, for messages */
	kb_scope scope;
	kb_severity severity;
	const char *message;
	const kb_side *sides;    /* deviating sides first, then the others */
	size_t nsides;
	/* Reference statements not listed in sides: a finding lists at most
	 * KB_MAX_REFERENCE_SIDES of them (the majority count covers all). */
	size_t unlisted;
	/* The value most sources state and how many (distinct units) do. */
	const kb_value *majority;
	size_t majority_count, sources;
	/* The canonical value (policy file), or NULL. */
	const kb_value *canonical;
	const char *canonical_source;
	/* Set when an acknowledgement covers the finding. */
	const char *ack_reason, *ack_by;
	/* Not two confident sides (a weak claim on one side: rules/claim.h),
	 * or an unscoped statement against scoped ones (an exception is no
	 * contradiction): shown only when asked (check --show-weak). */
	bool weak;
} kb_finding;

#endif
