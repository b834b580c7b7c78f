/* jpath.h - paths into YAML and JSON documents: a small subset of JSONPath
 * (RFC 9535), for the maps of kbcheck.yml (README.md, "Configuration").
 *
 *   $            the document's root
 *   @            the node a relative path starts from; a relative path may
 *                also start with a key or a bracket ("text" is "@.text")
 *   .key         the value of key in a mapping; key is any run of characters
 *                but . [ ] * ' " @ $ and blanks (so "ชื่อ" and "a-b" need no
 *                quotes)
 *   ['key']      the same for any key ("key" too; \' \" \\ escape a quote or
 *                a backslash)
 *   [N]          item N of a sequence, from 0; [-1] is the last one
 *   .* or [*]    every value of a mapping, every item of a sequence
 *   ..key ..*    the same at any depth below (..['key'] too)
 *   @key         alone: the key the start node has in its mapping, or its
 *                index in its sequence
 *
 * Matches come in document order (a node before what is inside it); no
 * filters, slices or unions.  Compiled paths live in an arena and are
 * read-only, so any number of threads may evaluate one at once.
 */
#ifndef KB_JPATH_H
#define KB_JPATH_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "yaml.h"


typedef struct kb_jpath kb_jpath;

/* Compiles s.  A relative path may start with '@', a key or '[' (and with
 * '$' too); an absolute one must start with '$'.  On error returns NULL,
 * *err a static message and *err_at the byte of s it is about. */
kb_jpath *kb_jpath_compile(kb_arena *a, const char *s, bool relative, size_t *err_at,
			   const char **err);
/* The path as written. */
const char *kb_jpath_text(const kb_jpath *p);
/* It has a ".." step: it reaches nodes at any depth. */
bool kb_jpath_deep(const kb_jpath *p);

/* A node reached by a path, with how it was reached: its key or index in
 * its parent, and the parent's own match (NULL for the root and for the
 * start of a relative path that was given without one). */
typedef struct kb_jpath_node {
	kb_node *node;
	kb_node *key; /* its key, when the parent is a mapping */
	long index;          /* its index, when the parent is a sequence; else -1 */
	const struct kb_jpath_node *parent;
} kb_jpath_node;

/* Return false to stop. */
typedef bool (*kb_jpath_fn)(const kb_jpath_node *m, void *user);

/* Calls fn on every match of p, in document order: from root for a path
 * that starts with '$', else from at (which may be NULL: the root).  For
 * "@key" fn gets one match whose node is at's key (NULL in a sequence: its
 * index is then at's index), and none at the root.  The matches handed to
 * fn live only during the call. */
void kb_jpath_each(const kb_jpath *p, kb_node *root, const kb_jpath_node *at,
		   kb_jpath_fn fn, void *user);

/* The key or index path of m from the root, "/" between steps
 * ("faqs/3", "detailed_faqs/refunds/how_long"); "$" for the root.  In a. */
const char *kb_jpath_node_path(kb_arena *a, const kb_jpath_node *m);

#endif
