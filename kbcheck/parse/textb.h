/* textb.h - builds a unit's text from pieces while remembering where each
 * piece came from in the source.  Parsers use it instead of concatenating.
 *
 *     kb_textb tb; kb_textb_init(&tb, src);
 *     kb_textb_find(&tb, literal, n);   // literal found in the source
 *     kb_textb_break(&tb);              // paragraph break ("\n")
 *     kb_textb_finish(&tb, arena, unit); // sets text, text_len, segs
 *
 * Whitespace runs collapse to one space; breaks to one "\n"; leading and
 * trailing whitespace is dropped.  The builder owns malloc'd scratch memory
 * until kb_textb_finish() or kb_textb_reset().
 */
#ifndef KB_TEXTB_H
#define KB_TEXTB_H

#include "../base/buf.h"
#include "unit.h"

typedef struct kb_textb {
	const kb_source *src;
	kb_buf text;
	kb_textseg *segs;
	size_t nsegs, cap;
	size_t cursor;   /* where the next literal is searched from */
	size_t limit;    /* do not search past this source offset */
	int pending;     /* 0 none, 1 space, 2 break */
	kb_block *blocks;
	size_t nblocks, capblocks;
	kb_block next;   /* the block the next text starts (when has_next) */
	bool has_next;
} kb_textb;

void kb_textb_init(kb_textb *tb, const kb_source *src);
/* Search window for kb_textb_find: [from, to) in the source. */
void kb_textb_window(kb_textb *tb, size_t from, size_t to);
/* Add s[0..n) which comes from the source at src_off (exact copy). */
void kb_textb_add_at(kb_textb *tb, const char *s, size_t n, size_t src_off);
/* Add s[0..n) that was derived (decoded, unescaped) from source bytes
 * [src_off, src_off+src_len). */
void kb_textb_add_derived(kb_textb *tb, const char *s, size_t n, size_t src_off,
			  size_t src_len);
/* Add literal s[0..n): located in the source by searching forward from the
 * cursor inside the window; exact when found, else derived at the cursor. */
void kb_textb_find(kb_textb *tb, const char *s, size_t n);
void kb_textb_space(kb_textb *tb);
void kb_textb_break(kb_textb *tb);
/* A break, and the next text starts a block of this kind (depth: the
 * lists around it; 0 outside lists). */
void kb_textb_block(kb_textb *tb, kb_block_kind kind, int depth);
/* A break, and the next text starts cell (row, col) of table `table`
 * (1-based; header: a header cell). */
void kb_textb_cell(kb_textb *tb, int table, int row, int col, bool header);
bool kb_textb_empty(const kb_textb *tb);
/* NFC-normalise and store the text and map into u (arena memory). */
void kb_textb_finish(kb_textb *tb, kb_arena *a, kb_unit *u);
/* Drop all text; keeps src, cursor and window. */
void kb_textb_reset(kb_textb *tb);
void kb_textb_free(kb_textb *tb);

#endif
