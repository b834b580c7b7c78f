/* common.c - pieces every reporter needs: a finding's status, positions in
 * the column units other tools count in, and how one side is worded. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "../base/text.h"

kb_finding_status kb_report_status(const kb_report *r, size_t i)
{
	if (r->status)
		return r->status[i];
	return (kb_finding_status){.baseline = KB_BASELINE_NONE, .changed = true, .failing = true};
}

static int cmp_doc(const void *pa, const void *pb)
{
	const kb_rule_doc *a = pa, *b = pb;
	int c = strcmp(a->topic, b->topic);
	return c ? c : strcmp(a->attribute, b->attribute);
}

void kb_rule_docs_sort(kb_rule_doc *docs, size_t n)
{
	if (n)
		qsort(docs, n, sizeof *docs, cmp_doc);
}

const kb_rule_doc *kb_report_rule_doc(const kb_report *r, const char *topic,
				      const char *attribute)
{
	if (!r->rule_docs)
		return NULL;
	kb_rule_doc key = {.topic = topic, .attribute = attribute};
	return bsearch(&key, r->rule_docs, r->nrule_docs, sizeof key, cmp_doc);
}

/* Columns of byte offset off on 1-based line, in the wanted unit. */
static int column_of(const kb_source *src, int line, size_t off, kb_colunit unit)
{
	size_t ls = kb_source_line_offset(src, line);
	if (line == 1 && src->len >= 3 && memcmp(src->data, "\xEF\xBB\xBF", 3) == 0)
		ls = 3; /* a byte order mark is not a column */
	if (off < ls)
		off = ls;
	if (off > src->len)
		off = src->len;
	if (unit == KB_COL_UTF16) /* from the line's column marks, not its start */
		return kb_source_column_utf16(src, line, off);
	return (int)(off - ls) + 1;
}

kb_span kb_claim_span(const kb_claim *c, kb_colunit unit)
{
	const kb_source *src = c->unit->source;
	kb_span s = {c->loc.line, c->loc.column, c->loc.end_line, c->loc.end_column};
	if (s.line <= 0 || !src->data)
		return s; /* unknown position: nothing to convert */
	s.column = column_of(src, s.line, c->loc.start, unit);
	if (s.end_line > 0)
		s.end_column = column_of(src, s.end_line, c->loc.end, unit);
	return s;
}

static bool continues(const char *t, size_t i)
{
	return ((unsigned char)t[i] & 0xC0) == 0x80;
}

void kb_quote_window(const char *text, size_t n, size_t s, size_t e, size_t whole,
		     size_t around, size_t *from, size_t *to)
{
	*from = 0;
	*to = n;
	/* At most `whole` characters: no more bytes than four times that,
	 * and those are counted only when there are few. */
	if (n <= whole || (n <= 4 * whole && kb_utf8_count(text, n) <= whole))
		return;
	size_t f = s < n ? s : n, t = e < n ? e : n;
	for (size_t k = 0; k < around && f > 0; k++)
		while (--f > 0 && continues(text, f))
			;
	for (size_t k = 0; k < around && t < n; k++)
		while (++t < n && continues(text, t))
			;
	*from = f;
	*to = t;
}

void kb_side_describe(kb_buf *b, const kb_side *s)
{
	const kb_claim *c = s->claim;
	kb_buf_puts(b, s->deviates ? "also says " : "says ");
	kb_value_format(b, &c->value);
	kb_buf_printf(b, " (%s, %s)", kb_channel_name(c->unit->source->channel), c->unit->locale);
}

size_t kb_other_sides(const kb_finding *f, const kb_side *d,
		      const kb_side *out[KB_MAX_OTHER_SIDES], size_t *more)
{
	size_t n = 0;
	/* The reference sides first (what the phrase disagrees with), then
	 * the other deviating ones; no further than the last one listed, as
	 * this is done for each of thousands of deviating sides. */
	for (int pass = 0; pass < 2 && n < KB_MAX_OTHER_SIDES; pass++)
		for (size_t k = 0; k < f->nsides && n < KB_MAX_OTHER_SIDES; k++) {
			const kb_side *s = &f->sides[k];
			if (s != d && s->deviates == (pass == 1))
				out[n++] = s;
		}
	*more = f->nsides - 1 - n + f->unlisted; /* d is one of the sides */
	return n;
}

int kb_diag_column(const kb_report *r, const kb_diag_entry *e, kb_colunit unit)
{
	if (e->line <= 0 || e->column <= 0 || !e->path)
		return e->column;
	for (size_t i = 0; i < r->sources->len; i++) {
		const kb_source *s = r->sources->items[i];
		if (strcmp(s->path, e->path) != 0 || (size_t)e->line > s->nlines)
			continue;
		size_t n;
		const char *line = kb_source_line(s, e->line, &n);
		if (e->line == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
			line += 3;
			n -= 3;
		}
		size_t off = 0;
		for (int col = 1; col < e->column && off < n; col++) {
			off++;
			while (off < n && ((unsigned char)line[off] & 0xC0) == 0x80)
				off++;
		}
		return (int)(unit == KB_COL_UTF16 ? kb_utf16_count(line, off) : off) + 1;
	}
	return e->column;
}
