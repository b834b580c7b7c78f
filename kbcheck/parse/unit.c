/* unit.c - mapping unit text back to the source. */
#include "unit.h"

/* The last segment starting at or before text offset t (the first when
 * none does); u has segments. */
static size_t seg_at(const kb_unit *u, size_t t)
{
	size_t lo = 0, hi = u->nsegs;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (u->segs[mid].text_off <= t)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t kb_unit_src_offset(const kb_unit *u, size_t t)
{
	if (u->nsegs == 0)
		return u->loc.start;
	size_t lo = seg_at(u, t);
	const kb_textseg *s = &u->segs[lo];
	if (t < s->text_off)
		return s->src_off;
	size_t d = t - s->text_off;
	if (d >= s->len) {
		/* A synthesized separator after this segment: it sits between this
		 * segment's end and the next one's start. */
		if (lo + 1 < u->nsegs && t >= u->segs[lo + 1].text_off)
			return u->segs[lo + 1].src_off;
		return s->src_off + s->src_len;
	}
	return s->exact ? s->src_off + d : s->src_off;
}

kb_loc kb_loc_of(const kb_source *src, size_t start, size_t end)
{
	kb_loc l = {.start = start, .end = end};
	kb_source_pos(src, start, &l.line, &l.column);
	kb_source_pos(src, end, &l.end_line, &l.end_column);
	return l;
}

static size_t src_end_offset(const kb_unit *u, size_t t_end)
{
	/* The end of the last character: map the last byte and step past it. */
	if (t_end == 0)
		return kb_unit_src_offset(u, 0);
	size_t last = kb_unit_src_offset(u, t_end - 1);
	/* The segment of t_end-1, to know whether it is exact (segments do
	 * not overlap: the last one starting at or before it is the one). */
	if (u->nsegs) {
		const kb_textseg *s = &u->segs[seg_at(u, t_end - 1)];
		if (t_end - 1 >= s->text_off && t_end - 1 < s->text_off + s->len)
			return s->exact ? last + 1 : s->src_off + s->src_len;
	}
	return last + 1;
}

kb_loc kb_unit_text_loc(const kb_unit *u, size_t start, size_t end)
{
	size_t s = kb_unit_src_offset(u, start);
	size_t e = src_end_offset(u, end);
	if (e < s)
		e = s;
	if (e > u->source->len)
		e = u->source->len;
	return kb_loc_of(u->source, s, e);
}

int kb_unit_cmp_start(const void *a, const void *b)
{
	const kb_unit *x = *(kb_unit *const *)a, *y = *(kb_unit *const *)b;
	if (x->loc.start != y->loc.start)
		return x->loc.start < y->loc.start ? -1 : 1;
	return x->loc.end < y->loc.end ? -1 : x->loc.end > y->loc.end;
}
