/* plan.c - from a claim and its suggested wording to exact byte edits in
 * the source (fix.h), and applying them. */
#include <stdlib.h>
#include <string.h>

#include "fix.h"

/* A word of a phrase: bytes [start, end) of it, between spaces. */
typedef struct word {
	size_t start, end;
} word;

/* Bytes of the space at s[i] ("" at the end): ' ', a tab, or a
 * no-break space (U+00A0, U+202F, what &nbsp; gives), so that "2&nbsp;days"
 * is two words like "2 days". */
static size_t space_at(const char *s, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;
	if (u[0] == ' ' || u[0] == '\t')
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
		return 3;
	return 0;
}

static size_t split(kb_arena *a, const char *s, word **out)
{
	size_t n = strlen(s), k = 0, sp;
	word *w = KB_NEWN(a, word, n / 2 + 1);
	for (size_t i = 0; i < n;) {
		while (i < n && (sp = space_at(s, i)))
			i += sp;
		if (i >= n)
			break;
		size_t j = i;
		while (j < n && !space_at(s, j))
			j++;
		w[k++] = (word){i, j};
		i = j;
	}
	*out = w;
	return k;
}

static bool same_word(const char *a, word x, const char *b, word y)
{
	return x.end - x.start == y.end - y.start && !memcmp(a + x.start, b + y.start, x.end - x.start);
}

/* Unit text [ts, te) as source bytes: one exact run of the source, copied
 * byte for byte (runs may follow each other in the map).  False with why
 * otherwise. */
static bool source_span(const kb_unit *u, size_t ts, size_t te, size_t *ss, size_t *se,
			const char **why)
{
	size_t at = ts;
	bool started = false;
	for (size_t i = 0; i < u->nsegs && at < te; i++) {
		const kb_textseg *g = &u->segs[i];
		size_t gs = g->text_off, ge = g->text_off + g->len;
		if (ge <= at || gs > at)
			continue;
		if (!g->exact || g->len != g->src_len) {
			*why = "a word to change is written with an escape, an entity or markup in "
			       "the file";
			return false;
		}
		size_t src = g->src_off + (at - gs);
		if (started && src != *se) {
			*why = "a word to change is split by markup in the file";
			return false;
		}
		if (!started)
			*ss = src;
		started = true;
		size_t upto = te < ge ? te : ge;
		*se = src + (upto - at);
		at = upto;
	}
	if (!started || at < te) {
		*why = "the phrase is not written as-is in the file";
		return false;
	}
	const kb_source *s = u->source;
	if (*se > s->len || memcmp(s->data + *ss, u->text + ts, te - ts) != 0) {
		*why = "the phrase is not written as-is in the file (normalized)";
		return false;
	}
	return true;
}

/* Unit text [ts, te) of c's answer replaced by text[0..n). */
static bool add_edit(kb_arena *a, const kb_claim *c, size_t ts, size_t te, const char *text,
		     size_t n, kb_vec *edits, const char **why)
{
	kb_edit *e = KB_NEW(a, kb_edit);
	if (!source_span(c->unit, ts, te, &e->start, &e->end, why) ||
	    !kb_fix_escape(a, c->unit->source, e->start, text, n, &e->text, &e->len, why))
		return false;
	kb_vec_push(a, edits, e);
	return true;
}

/* quote with its one number (digits and the separators between them)
 * written 0, in a; NULL when it holds no number or more than one. */
static const char *zero_amount(kb_arena *a, const char *quote)
{
	const char *d = strpbrk(quote, "0123456789");
	if (!d)
		return NULL;
	const char *e = d;
	while ((*e >= '0' && *e <= '9') ||
	       ((*e == '.' || *e == ',' || *e == ' ') && e[1] >= '0' && e[1] <= '9'))
		e++;
	if (strpbrk(e, "0123456789"))
		return NULL;
	return kb_sprintf(a, "%.*s0%s", (int)(d - quote), quote, e);
}

bool kb_fix_plan(kb_arena *a, const kb_claim *c, const char *suggestion, kb_vec *edits,
		 const char **why)
{
	const kb_unit *u = c->unit;
	if (!u->text || !u->segs) {
		*why = "the answer's text was not kept (kbcheck's bug)";
		return false;
	}
	if (c->text_end > u->text_len || c->text_start >= c->text_end) {
		*why = "the claim has no phrase in its answer";
		return false;
	}
	/* An amount made free: "a cancellation fee of $5 applies" becomes "a
	 * cancellation fee of $0 applies", not "... of free of charge
	 * applies".  The quote's one number turns to 0, its currency kept;
	 * a quote with more numbers needs a person. */
	if (c->value.kind == KB_V_MONEY && c->value.max > 0 && !strpbrk(suggestion, "0123456789")) {
		suggestion = zero_amount(a, c->quote);
		if (!suggestion) {
			*why = "the statement gives amounts and the wording to state is no amount "
			       "(free): the sentence needs a person";
			return false;
		}
	}
	const char *q = u->text + c->text_start;
	word *qw, *sw;
	size_t m = split(a, c->quote, &qw), k = split(a, suggestion, &sw);
	if (!m || !k || strlen(c->quote) != c->text_end - c->text_start) {
		*why = "the suggested wording is empty";
		return false;
	}
	size_t p = 0, s = 0;
	while (p < m && p < k && same_word(q, qw[p], suggestion, sw[p]))
		p++;
	while (s < m - p && s < k - p && same_word(q, qw[m - 1 - s], suggestion, sw[k - 1 - s]))
		s++;
	if (p == m && p == k)
		return true; /* nothing to change */
	size_t first = edits->len;
	bool ok = true;
	if (m == k) {
		/* Word for word: each changed word where it is written. */
		for (size_t i = p; i < m - s && ok; i++)
			if (!same_word(q, qw[i], suggestion, sw[i]))
				ok = add_edit(a, c, c->text_start + qw[i].start,
					      c->text_start + qw[i].end, suggestion + sw[i].start,
					      sw[i].end - sw[i].start, edits, why);
	} else {
		/* Another number of words: the changed run at once, a word
		 * more kept in it when one side would be empty (nothing to put
		 * the new words in, or nothing left between the spaces). */
		if (p + s == m || p + s == k) {
			if (p > 0)
				p--;
			else
				s--;
		}
		size_t from = sw[p].start, to = sw[k - s - 1].end;
		ok = add_edit(a, c, c->text_start + qw[p].start, c->text_start + qw[m - s - 1].end,
			      suggestion + from, to - from, edits, why);
	}
	if (!ok)
		edits->len = first;
	return ok;
}

static int cmp_edit(const void *pa, const void *pb)
{
	const kb_edit *a = *(kb_edit *const *)pa, *b = *(kb_edit *const *)pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

bool kb_fix_sort(kb_vec *edits, size_t *at)
{
	if (edits->len > 1)
		qsort(edits->items, edits->len, sizeof(void *), cmp_edit);
	size_t n = 0;
	for (size_t i = 0; i < edits->len; i++) {
		kb_edit *e = edits->items[i];
		const kb_edit *prev = n ? edits->items[n - 1] : NULL;
		if (prev && prev->start == e->start && prev->end == e->end && prev->len == e->len &&
		    !memcmp(prev->text, e->text, e->len))
			continue; /* the same change asked twice */
		if (prev && e->start < prev->end) {
			*at = e->start;
			return false;
		}
		edits->items[n++] = e;
	}
	edits->len = n;
	return true;
}

void kb_fix_apply(const char *data, size_t len, const kb_vec *edits, kb_buf *out)
{
	size_t at = 0;
	for (size_t i = 0; i < edits->len; i++) {
		const kb_edit *e = edits->items[i];
		kb_buf_put(out, data + at, e->start - at);
		kb_buf_put(out, e->text, e->len);
		at = e->end;
	}
	kb_buf_put(out, data + at, len - at);
}

size_t kb_fix_shift(const kb_vec *edits, size_t off)
{
	long long d = 0;
	for (size_t i = 0; i < edits->len; i++) {
		const kb_edit *e = edits->items[i];
		if (e->end <= off)
			d += (long long)e->len - (long long)(e->end - e->start);
		else if (e->start < off)
			return e->start + e->len + (size_t)d;
	}
	return (size_t)((long long)off + d);
}

const char *kb_fix_holds(kb_arena *a, const kb_vec *claims, const kb_vec *edits,
			 const kb_claim *c, const kb_value *target)
{
	const char *path = c->unit->source->relpath;
	size_t from = kb_fix_shift(edits, c->loc.start), to = kb_fix_shift(edits, c->loc.end);
	const char *want = kb_value_key(a, target);
	bool found = false;
	for (size_t i = 0; i < claims->len; i++) {
		const kb_claim *d = claims->items[i];
		const char *dp = d->unit->source->relpath;
		if (!dp || !path || strcmp(dp, path) || strcmp(d->topic, c->topic) ||
		    strcmp(d->attribute, c->attribute) || d->loc.end <= from || d->loc.start >= to)
			continue;
		if (strcmp(kb_value_key(a, &d->value), want))
			return kb_sprintf(a, "the phrase now reads \"%s\", not the value wanted",
					  d->quote);
		found = true;
	}
	return found ? NULL : "kbcheck no longer finds the statement there";
}
