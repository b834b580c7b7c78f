/* unit.h - an answer unit: one answer a customer can receive.
 *
 * An FAQ question with its answer, a chatbot response variation, a macro's
 * reply.  Its text has markup removed (placeholders such as {{name}} kept
 * as-is), is NFC-normalised, and keeps a map back to byte offsets in the
 * original file, so a claim found anywhere in the text can be located
 * exactly.  Units are made by parsers and read-only afterwards.
 */
#ifndef KB_UNIT_H
#define KB_UNIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../source/source.h"

/* A span in a source: byte offsets [start, end) and 1-based positions;
 * columns count code points, end_column is one past the last character. */
typedef struct kb_loc {
	size_t start, end;
	int line, column, end_line, end_column;
} kb_loc;

/* One run of unit text copied from (exact) or derived from (not exact) the
 * source at src_off. */
typedef struct kb_textseg {
	uint32_t text_off, len;
	uint32_t src_off, src_len;
	bool exact;
} kb_textseg;

/* Where a block of the answer starts in the unit's text: a paragraph, a
 * list item, a table cell.  Parsers that know their document's structure
 * mark them (kb_textb_block, kb_textb_cell); a block runs to the next one.
 * parse/segment.h turns them into segments with their context. */
typedef enum kb_block_kind {
	KB_BLOCK_TEXT,   /* a paragraph or other block of text */
	KB_BLOCK_ITEM,   /* a list item (depth: 1 = a top-level list) */
	KB_BLOCK_CELL,   /* a table cell */
	KB_BLOCK_HEADER, /* a table header cell */
} kb_block_kind;

typedef struct kb_block {
	uint32_t start;        /* offset in the unit text */
	uint8_t kind;          /* kb_block_kind */
	uint8_t depth;         /* lists around it */
	uint16_t table;        /* cells: which table of the unit, 1-based */
	uint16_t row, col;     /* cells: 1-based */
} kb_block;

/* An arm of a conditional in a template page (parse/template.h): source
 * bytes [start, end); the conditional (numbered in the source) and the
 * arm's place in it; the label that names it ("$member", "else of
 * $member").  A customer sees one arm of a conditional, never two. */
typedef struct kb_branch {
	size_t start, end;
	unsigned cond, arm;
	const char *label;
} kb_branch;

typedef struct kb_unit {
	const kb_source *source;
	const char *id;       /* stable within the source: anchor, intent, macro id */
	const char *question; /* the question/intent/title it answers; may be NULL */
	/* Answer text: NFC, markup removed; and where its runs come from in
	 * the source (segs).  Both are NULL (nsegs 0) once a check has
	 * extracted the unit's claims: kb_run_analyze keeps units for what
	 * they are, not what they say (the claims have their own copies). */
	const char *text;
	size_t text_len;
	const char *locale;   /* never NULL after parsing ("und" if unknown) */
	kb_scope scope;       /* from the format (Rasa channel...) and config */
	const char *const *headings; /* heading path above the question, outermost first */
	size_t nheadings;
	bool active;          /* false for disabled macros etc. */
	kb_loc loc;           /* the whole unit (question included) in the source */
	const kb_textseg *segs; /* see text */
	size_t nsegs;
	/* The text's blocks in order (none: a parser that gives plain text;
	 * its lines are then its blocks).  Dropped with the text. */
	const kb_block *blocks;
	size_t nblocks;
	/* Topics suppressed by inline comments ("*" = all); NULL-terminated. */
	const char *const *suppressed;
	/* The arms of template conditionals within the unit's span, by start
	 * (outer first): what an arm states is an alternative to what its
	 * sibling arms state (rules/extract.h: kb_extract_sections).  Needed
	 * only to extract (a cached unit has none: its claims are cached). */
	const kb_branch *branches;
	size_t nbranches;
} kb_unit;

/* Byte offset in the source of byte text_off of the unit's text. */
size_t kb_unit_src_offset(const kb_unit *u, size_t text_off);
/* Location in the source of unit text [start, end). */
kb_loc kb_unit_text_loc(const kb_unit *u, size_t start, size_t end);
/* Location of source bytes [start, end). */
kb_loc kb_loc_of(const kb_source *src, size_t start, size_t end);
/* qsort order of kb_unit pointers: by start in the source, then by end
 * (a file's units in document order when a parser emits nested ones
 * first). */
int kb_unit_cmp_start(const void *a, const void *b);

#endif
