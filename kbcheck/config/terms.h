/* terms.h - the words the settings are written in, which every later
 * stage speaks too: a channel (faq, chatbot, macro), a scope (qualifiers
 * such as product=phones) and a map (where a tree-shaped file keeps its
 * answers).  kbcheck.yml gives them to sources, policy.yml to canonical
 * values; parsers, rules and the comparison use them after.  All memory
 * belongs to the arena given.
 */
#ifndef KB_TERMS_H
#define KB_TERMS_H

#include <stddef.h>

#include "../base/arena.h"

typedef enum kb_channel {
	KB_CHANNEL_UNKNOWN,
	KB_CHANNEL_FAQ,
	KB_CHANNEL_CHATBOT,
	KB_CHANNEL_MACRO,
} kb_channel;

const char *kb_channel_name(kb_channel c);
/* Returns KB_CHANNEL_UNKNOWN for an unknown name. */
kb_channel kb_channel_parse(const char *name);

/* A scope: qualifiers such as region=north, product=phones.  Keys are
 * sorted and unique; an empty scope applies everywhere. */
typedef struct kb_scope_kv {
	const char *key, *value;
} kb_scope_kv;

typedef struct kb_scope {
	const kb_scope_kv *kv;
	size_t n;
} kb_scope;

/* Returns the value for key, or NULL. */
const char *kb_scope_get(const kb_scope *s, const char *key);
/* A new scope with key=value set (replacing an existing value for key). */
kb_scope kb_scope_with(kb_arena *a, const kb_scope *s, const char *key,
		       const char *value);
/* Keys of b override those of a. */
kb_scope kb_scope_merge(kb_arena *a, const kb_scope *base, const kb_scope *over);
/* "key=value,key=value" (sorted), "" for the empty scope. */
const char *kb_scope_key(kb_arena *a, const kb_scope *s);

/* Where a tree-shaped file (JSON, YAML) keeps its answers: the `map:` of
 * a kbcheck.yml sources entry, read by the "mapped" parser.  Paths are
 * base/jpath.h's; the relative ones start at each unit. */
typedef struct kb_map {
	const struct kb_jpath *units;             /* each match one unit; NULL: every node */
	const struct kb_jpath *const *answer;     /* text, every match (none: "@") */
	size_t nanswer;
	const struct kb_jpath *const *question;   /* the first match with text */
	size_t nquestion;
	const struct kb_jpath *id;                /* NULL: the unit's path */
	const struct kb_jpath *locale;            /* NULL: the source's */
} kb_map;

#endif
