/* textb.c - unit text with a map back to the source. */
#include "textb.h"

#include <stdlib.h>
#include <string.h>

#include "../base/text.h"

void kb_textb_init(kb_textb *tb, const kb_source *src)
{
	memset(tb, 0, sizeof *tb);
	tb->src = src;
	tb->limit = src ? src->len : 0;
}

void kb_textb_window(kb_textb *tb, size_t from, size_t to)
{
	tb->cursor = from;
	tb->limit = to;
}

static kb_textseg *push_seg(kb_textb *tb)
{
	if (tb->nsegs == tb->cap) {
		tb->cap = tb->cap ? tb->cap * 2 : 16;
		tb->segs = realloc(tb->segs, tb->cap * sizeof *tb->segs);
		if (!tb->segs)
			abort();
	}
	kb_textseg *s = &tb->segs[tb->nsegs++];
	memset(s, 0, sizeof *s);
	return s;
}

/* The block waiting for text starts here, at the end of the text. */
static void mark_block(kb_textb *tb)
{
	if (!tb->has_next)
		return;
	tb->has_next = false;
	if (tb->nblocks && tb->blocks[tb->nblocks - 1].start == tb->text.len) {
		tb->blocks[tb->nblocks - 1] = tb->next; /* an empty block is replaced */
	} else {
		if (tb->nblocks == tb->capblocks) {
			tb->capblocks = tb->capblocks ? tb->capblocks * 2 : 8;
			tb->blocks = realloc(tb->blocks, tb->capblocks * sizeof *tb->blocks);
			if (!tb->blocks)
				abort();
		}
		tb->blocks[tb->nblocks++] = tb->next;
	}
	tb->blocks[tb->nblocks - 1].start = (uint32_t)tb->text.len;
}

void kb_textb_block(kb_textb *tb, kb_block_kind kind, int depth)
{
	tb->pending = 2;
	tb->next = (kb_block){.kind = (uint8_t)kind, .depth = (uint8_t)(depth < 255 ? depth : 255)};
	tb->has_next = true;
}

void kb_textb_cell(kb_textb *tb, int table, int row, int col, bool header)
{
	tb->pending = 2;
	tb->next = (kb_block){.kind = header ? KB_BLOCK_HEADER : KB_BLOCK_CELL,
			      .table = (uint16_t)(table < 65535 ? table : 65535),
			      .row = (uint16_t)(row < 65535 ? row : 65535),
			      .col = (uint16_t)(col < 65535 ? col : 65535)};
	tb->has_next = true;
}

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Emit the pending separator before a non-space byte. Returns true when the
 * separator was a single source space that keeps text and source in step. */
static void flush_pending(kb_textb *tb, bool in_step)
{
	if (tb->pending == 0 || tb->text.len == 0) {
		tb->pending = 0;
		return;
	}
	if (tb->pending == 2) {
		kb_buf_putc(&tb->text, '\n');
	} else {
		kb_buf_putc(&tb->text, ' ');
		if (in_step && tb->nsegs > 0) {
			kb_textseg *last = &tb->segs[tb->nsegs - 1];
			if (last->exact && last->text_off + last->len == tb->text.len - 1) {
				last->len++;
				last->src_len++;
			}
		}
	}
	tb->pending = 0;
}

void kb_textb_add_at(kb_textb *tb, const char *s, size_t n, size_t src_off)
{
	size_t i = 0;
	while (i < n) {
		if (is_ws((unsigned char)s[i])) {
			size_t j = i;
			while (j < n && is_ws((unsigned char)s[j]))
				j++;
			if (tb->pending < 1)
				tb->pending = 1;
			/* A single ' ' between two words keeps the segment going. */
			bool single = (j - i == 1 && s[i] == ' ' && i > 0);
			if (j < n) {
				flush_pending(tb, single);
			}
			i = j;
			continue;
		}
		size_t j = i;
		while (j < n && !is_ws((unsigned char)s[j]))
			j++;
		/* A word one source space after the last segment, with the
		 * space pending: the space is that source space, and the
		 * segment goes on (parsers that add word by word would
		 * otherwise make a segment per word). */
		kb_textseg *prev = tb->nsegs ? &tb->segs[tb->nsegs - 1] : NULL;
		size_t at = src_off + i;
		bool joins = tb->pending == 1 && tb->src && prev && prev->exact && at > 0 &&
			     at <= tb->src->len && tb->src->data[at - 1] == ' ' &&
			     prev->src_off + prev->src_len + 1 == at &&
			     prev->text_off + prev->len == tb->text.len;
		flush_pending(tb, joins);
		mark_block(tb);
		kb_textseg *last = tb->nsegs ? &tb->segs[tb->nsegs - 1] : NULL;
		if (last && last->exact && last->text_off + last->len == tb->text.len &&
		    last->src_off + last->src_len == src_off + i) {
			last->len += (uint32_t)(j - i);
			last->src_len += (uint32_t)(j - i);
		} else {
			kb_textseg *sg = push_seg(tb);
			sg->text_off = (uint32_t)tb->text.len;
			sg->len = sg->src_len = (uint32_t)(j - i);
			sg->src_off = (uint32_t)(src_off + i);
			sg->exact = true;
		}
		kb_buf_put(&tb->text, s + i, j - i);
		i = j;
	}
}

void kb_textb_add_derived(kb_textb *tb, const char *s, size_t n, size_t src_off,
			  size_t src_len)
{
	size_t i = 0;
	while (i < n) {
		if (is_ws((unsigned char)s[i])) {
			if (tb->pending < 1)
				tb->pending = 1;
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && !is_ws((unsigned char)s[j]))
			j++;
		flush_pending(tb, false);
		mark_block(tb);
		kb_textseg *sg = push_seg(tb);
		sg->text_off = (uint32_t)tb->text.len;
		sg->len = (uint32_t)(j - i);
		sg->src_off = (uint32_t)src_off;
		sg->src_len = (uint32_t)src_len;
		sg->exact = false;
		kb_buf_put(&tb->text, s + i, j - i);
		i = j;
	}
	/* Whitespace at the end of a piece separates it from the next one. */
}

void kb_textb_find(kb_textb *tb, const char *s, size_t n)
{
	const kb_source *src = tb->src;
	if (n == 0)
		return;
	size_t lim = tb->limit <= src->len ? tb->limit : src->len;
	if (tb->cursor < lim && n <= lim - tb->cursor) {
		const char *p = memmem(src->data + tb->cursor, lim - tb->cursor, s, n);
		if (p) {
			size_t off = (size_t)(p - src->data);
			kb_textb_add_at(tb, s, n, off);
			tb->cursor = off + n;
			return;
		}
	}
	kb_textb_add_derived(tb, s, n, tb->cursor < src->len ? tb->cursor : src->len, 0);
}

void kb_textb_space(kb_textb *tb)
{
	if (tb->pending < 1)
		tb->pending = 1;
}

void kb_textb_break(kb_textb *tb) { tb->pending = 2; }

bool kb_textb_empty(const kb_textb *tb) { return tb->text.len == 0; }

void kb_textb_reset(kb_textb *tb)
{
	kb_buf_clear(&tb->text);
	tb->nsegs = 0;
	tb->nblocks = 0;
	tb->has_next = false;
	tb->pending = 0;
}

void kb_textb_free(kb_textb *tb)
{
	kb_buf_free(&tb->text);
	free(tb->segs);
	tb->segs = NULL;
	tb->nsegs = tb->cap = 0;
	free(tb->blocks);
	tb->blocks = NULL;
	tb->nblocks = tb->capblocks = 0;
}

/* First output index whose input offset is >= in (map is non-decreasing). */
static size_t remap(const uint32_t *map, size_t out_len, size_t in)
{
	size_t lo = 0, hi = out_len;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (map[mid] < in)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void kb_textb_finish(kb_textb *tb, kb_arena *a, kb_unit *u)
{
	size_t len;
	uint32_t *map;
	/* Unit text is valid UTF-8 without NUL whatever a parser copied from
	 * damaged input (PCRE2 runs on it without its UTF check): bad bytes
	 * become '?', in place, so the source map stays exact. */
	kb_utf8_repair(tb->text.ptr, tb->text.len);
	u->text = kb_text_nfc(a, kb_buf_cstr(&tb->text), tb->text.len, &len, &map);
	u->text_len = len;
	/* Blocks: only when a parser marked more than one (one block is the
	 * text), their starts moved as normalisation moved the text. */
	u->blocks = NULL;
	u->nblocks = 0;
	if (tb->nblocks > 1 || (tb->nblocks == 1 && tb->blocks[0].kind != KB_BLOCK_TEXT)) {
		kb_block *bl = KB_NEWN(a, kb_block, tb->nblocks);
		memcpy(bl, tb->blocks, tb->nblocks * sizeof *bl);
		for (size_t i = 0; map && i < tb->nblocks; i++)
			bl[i].start = (uint32_t)remap(map, len, bl[i].start);
		u->blocks = bl;
		u->nblocks = tb->nblocks;
	}
	if (!map) {
		kb_textseg *segs = KB_NEWN(a, kb_textseg, tb->nsegs ? tb->nsegs : 1);
		memcpy(segs, tb->segs, tb->nsegs * sizeof *segs);
		u->segs = segs;
		u->nsegs = tb->nsegs;
		kb_textb_reset(tb);
		return;
	}
	/* Normalisation changed some bytes: split each segment into runs where
	 * output and input still advance together, so positions stay exact
	 * everywhere but inside a recomposed character. */
	size_t cap = tb->nsegs * 2 + 8, n = 0;
	kb_textseg *segs = KB_NEWN(a, kb_textseg, cap);
	for (size_t i = 0; i < tb->nsegs; i++) {
		const kb_textseg *o = &tb->segs[i];
		size_t s = remap(map, len, o->text_off);
		size_t e = remap(map, len, o->text_off + o->len);
		for (size_t k = s; k < e;) {
			size_t r = k;
			while (r + 1 < e && map[r + 1] == map[r] + 1)
				r++;
			if (n == cap) {
				kb_textseg *ns = KB_NEWN(a, kb_textseg, cap * 2);
				memcpy(ns, segs, n * sizeof *segs);
				segs = ns;
				cap *= 2;
			}
			kb_textseg *sg = &segs[n++];
			sg->text_off = (uint32_t)k;
			sg->len = (uint32_t)(r + 1 - k);
			sg->exact = o->exact;
			sg->src_off = o->exact ? o->src_off + (map[k] - o->text_off) : o->src_off;
			sg->src_len = o->exact ? (uint32_t)(map[r + 1 < len ? r + 1 : r] - map[k]) : o->src_len;
			if (o->exact && r + 1 >= len)
				sg->src_len = o->src_off + o->src_len - sg->src_off;
			k = r + 1;
		}
	}
	u->segs = segs;
	u->nsegs = n;
	kb_textb_reset(tb);
}
