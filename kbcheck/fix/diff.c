/* diff.c - the unified diff of a file and its fixed copy (fix.h).
 *
 * No line-matching algorithm is needed: the edits say which bytes change,
 * so the changed lines are known.  Lines end at "\n" (a "\r" before it
 * stays in the line, as `diff` shows CRLF files); context is 3 lines, and
 * hunks closer than twice that are joined, as `diff -u` does.
 */
#include <stdlib.h>
#include <string.h>

#include "fix.h"

enum { CONTEXT = 3 };

typedef struct lines {
	const char *data;
	size_t len, n;
	size_t *start; /* n + 1 entries: start[n] = len */
} lines;

static void index_lines(lines *l, const char *data, size_t len)
{
	l->data = data;
	l->len = len;
	l->n = 0;
	l->start = malloc((len + 2) * sizeof *l->start);
	if (!l->start)
		abort();
	l->start[l->n++] = 0;
	for (size_t i = 0; i < len; i++)
		if (data[i] == '\n' && i + 1 < len)
			l->start[l->n++] = i + 1;
	if (!len)
		l->n = 0;
	l->start[l->n] = len;
}

/* The line holding byte off (the last line for off == len). */
static size_t line_of(const lines *l, size_t off)
{
	size_t lo = 0, hi = l->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (l->start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void put_line(FILE *out, char mark, const lines *l, size_t i)
{
	size_t s = l->start[i], e = l->start[i + 1];
	fputc(mark, out);
	fwrite(l->data + s, 1, e - s, out);
	if (e == s || l->data[e - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", out);
}

/* A run of changed lines: old [a, b], new [c, d] (inclusive). */
typedef struct change {
	size_t a, b, c, d;
} change;

static size_t changes_of(const lines *o, const lines *n, const kb_vec *edits, change *ch)
{
	size_t k = 0;
	for (size_t i = 0; i < edits->len; i++) {
		const kb_edit *e = edits->items[i];
		size_t ns = kb_fix_shift(edits, e->start);
		/* kb_fix_shift of e->start is where e's text begins. */
		change c = {line_of(o, e->start), line_of(o, e->end > e->start ? e->end - 1 : e->start),
			    line_of(n, ns), line_of(n, e->len ? ns + e->len - 1 : ns)};
		if (k && c.a <= ch[k - 1].b) {
			ch[k - 1].b = c.b > ch[k - 1].b ? c.b : ch[k - 1].b;
			ch[k - 1].d = c.d > ch[k - 1].d ? c.d : ch[k - 1].d;
		} else {
			ch[k++] = c;
		}
	}
	return k;
}

static void put_hunk(FILE *out, const lines *o, const lines *n, const change *ch, size_t k)
{
	size_t from = ch[0].a > CONTEXT ? ch[0].a - CONTEXT : 0;
	size_t to = ch[k - 1].b + CONTEXT < o->n ? ch[k - 1].b + CONTEXT : o->n - 1;
	size_t nfrom = ch[0].c - (ch[0].a - from);
	size_t nto = ch[k - 1].d + (to - ch[k - 1].b);
	fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", from + 1, to - from + 1, nfrom + 1,
		nto - nfrom + 1);
	size_t l = from;
	for (size_t i = 0; i < k; i++) {
		for (; l < ch[i].a; l++)
			put_line(out, ' ', o, l);
		for (size_t j = ch[i].a; j <= ch[i].b; j++)
			put_line(out, '-', o, j);
		for (size_t j = ch[i].c; j <= ch[i].d; j++)
			put_line(out, '+', n, j);
		l = ch[i].b + 1;
	}
	for (; l <= to; l++)
		put_line(out, ' ', o, l);
}

void kb_fix_diff(FILE *out, const char *path, const char *data, size_t len,
		 const kb_vec *edits)
{
	if (!edits->len || !len)
		return;
	kb_buf nb = KB_BUF_INIT;
	kb_fix_apply(data, len, edits, &nb);
	lines o, n;
	index_lines(&o, data, len);
	index_lines(&n, nb.ptr, nb.len);
	change *ch = malloc(edits->len * sizeof *ch);
	if (!ch)
		abort();
	size_t k = changes_of(&o, &n, edits, ch);
	fprintf(out, "--- a/%s\n+++ b/%s\n", path, path);
	for (size_t i = 0; i < k;) {
		size_t j = i + 1;
		while (j < k && ch[j].a <= ch[j - 1].b + 2 * CONTEXT + 1)
			j++;
		put_hunk(out, &o, &n, ch + i, j - i);
		i = j;
	}
	free(ch);
	free(o.start);
	free(n.start);
	kb_buf_free(&nb);
}
