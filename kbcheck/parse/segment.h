/* segment.h - an answer as segments, each with its context chain.
 *
 * Real answers carry meaning in their structure: "Emergency support: 24/7"
 * is about emergency support, a table cell "3 days" is about the row
 * "North" and the column "Delivery", the item "12 months" under "Phones:"
 * is about phones.  A segment is a block of the unit's text (a paragraph,
 * list item or table cell that the parser marked: kb_unit.blocks; without
 * blocks, each line, "- " and "1. " lines being list items) and its
 * context is, nearest first:
 *
 *   label     "Label" of a segment that reads "Label: value"
 *   column    a table cell's column header
 *   row       a table cell's row header (the row's first cell)
 *   parent    the segment it hangs under: the list item one level up, or
 *             the lead-in that introduces a list ("Opening hours:")
 *   heading   the headings above the unit, innermost first
 *   question  the unit's question
 *
 * Pure functions of a unit: the rules read a statement's context here
 * (a cue or a scope may come from it), `kbcheck units --format json` shows
 * it.  Everything goes in the arena given.
 */
#ifndef KB_SEGMENT_H
#define KB_SEGMENT_H

#include "unit.h"

typedef struct kb_segment {
	size_t start, end;  /* the segment in u->text, blanks trimmed */
	size_t value_start; /* after "Label:" when it has a label, else start */
	kb_block_kind kind;
	int depth;          /* lists around it */
	const char *label;  /* "Label" of "Label: value", or NULL */
	const char *row, *column; /* table cells: row and column headers, or NULL */
	int parent;         /* index of the segment it hangs under, or -1 */
	bool lead_in;       /* ends with ':' and introduces what follows */
	/* What it says as the context of the segments under it: its label,
	 * its lead-in without the colon, or its text when short; NULL when
	 * nothing hangs under it. */
	const char *gist;
} kb_segment;

typedef enum kb_context_kind {
	KB_CTX_LABEL,
	KB_CTX_COLUMN,
	KB_CTX_ROW,
	KB_CTX_PARENT,
	KB_CTX_HEADING,
	KB_CTX_QUESTION,
} kb_context_kind;

typedef struct kb_context {
	kb_context_kind kind;
	const char *text;
} kb_context;

/* u's segments, in text order (u must still have its text). */
size_t kb_unit_segments(kb_arena *a, const kb_unit *u, kb_segment **out);

/* The context chain of segment i, nearest first, at most max entries into
 * out; returns how many. */
size_t kb_segment_context(const kb_unit *u, const kb_segment *segs, size_t i,
			  kb_context *out, size_t max);

/* "label", "column", "row", "parent", "heading", "question". */
const char *kb_context_kind_name(kb_context_kind k);

#endif
