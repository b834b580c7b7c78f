/* scalar.c - a YAML or JSON scalar's value as unit text, mapped to the file.
 *
 * libfyaml gives a scalar's value and the byte range of its token (quotes
 * excluded; for block scalars from the first content line on, header and
 * its comment excluded).  Rather than searching the value's words in that
 * range, the range is read again here the way YAML reads it, so each word
 * maps to its own bytes even when a word repeats or an escape sits in the
 * middle of one:
 *
 *   plain, | and >   words are verbatim; only whitespace and indentation
 *                    differ from the value
 *   'single'         '' is one quote
 *   "double"         \-escapes (mapped to the escape's bytes, not exact),
 *                    \ at a line end joins the lines; JSON strings are
 *                    read here too, surrogate pairs included
 *
 * Line breaks follow the value: one break in a plain, quoted or folded
 * scalar folds to a space, a blank line is a break; in a literal (|)
 * scalar every line break is one.  The result is checked against the
 * value libfyaml decoded; on any difference (more-indented lines in a
 * folded scalar, anything unforeseen) the value's words are searched for in
 * the token's range instead, as html_jsonld.c does for JSON strings.
 */
#include "scalar.h"

#include <string.h>

#include "../base/text.h"
#include "../base/yaml.h"
#include "faq_util.h"

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* A whitespace run d[i..) (not past e): returns its end; *breaks counts
 * its line breaks (CRLF, LF or a lone CR each count once). */
static size_t ws_run(const char *d, size_t i, size_t e, int *breaks)
{
	*breaks = 0;
	for (; i < e && is_ws((unsigned char)d[i]); i++)
		if (d[i] == '\n' || (d[i] == '\r' && (i + 1 >= e || d[i + 1] != '\n')))
			(*breaks)++;
	return i;
}

/* The separator for a whitespace run of the source. */
static void separate(kb_textb *tb, int breaks, bool literal)
{
	if (breaks >= 2 || (literal && breaks == 1))
		kb_textb_break(tb);
	else
		kb_textb_space(tb);
}

/* Plain, literal and folded scalars: [s, e) holds the words verbatim. */
static void read_verbatim(kb_textb *tb, size_t s, size_t e, bool literal)
{
	const char *d = tb->src->data;
	for (size_t i = s; i < e;) {
		int breaks;
		size_t j = ws_run(d, i, e, &breaks);
		if (j > i) {
			separate(tb, breaks, literal);
			i = j;
			continue;
		}
		while (j < e && !is_ws((unsigned char)d[j]))
			j++;
		kb_textb_add_at(tb, d + i, j - i, i);
		i = j;
	}
}

static void read_single_quoted(kb_textb *tb, size_t s, size_t e)
{
	const char *d = tb->src->data;
	for (size_t i = s; i < e;) {
		int breaks;
		size_t j = ws_run(d, i, e, &breaks);
		if (j > i) {
			separate(tb, breaks, false);
			i = j;
			continue;
		}
		if (d[i] == '\'') { /* '' -> ', mapped to the first quote */
			kb_textb_add_at(tb, d + i, 1, i);
			i += i + 1 < e && d[i + 1] == '\'' ? 2 : 1;
			continue;
		}
		while (j < e && !is_ws((unsigned char)d[j]) && d[j] != '\'')
			j++;
		kb_textb_add_at(tb, d + i, j - i, i);
		i = j;
	}
}

static void read_double_quoted(kb_textb *tb, size_t s, size_t e)
{
	const char *d = tb->src->data;
	for (size_t i = s; i < e;) {
		int breaks;
		size_t j = ws_run(d, i, e, &breaks);
		if (j > i) {
			separate(tb, breaks, false);
			i = j;
			continue;
		}
		if (d[i] == '\\' && i + 1 < e && (d[i + 1] == '\n' || d[i + 1] == '\r')) {
			/* Escaped line break: the lines join with nothing between. */
			i += d[i + 1] == '\r' && i + 2 < e && d[i + 2] == '\n' ? 3 : 2;
			while (i < e && (d[i] == ' ' || d[i] == '\t'))
				i++;
			continue;
		}
		int32_t cp;
		size_t n;
		if (d[i] == '\\' && kb_yaml_escape(d + i, e - i, &cp, &n)) {
			if (cp == '\n')
				kb_textb_break(tb);
			else if (cp > 0 && cp < 0x20)
				kb_textb_space(tb); /* a tab, or a control character */
			else if (cp != 0) { /* a NUL is no text */
				char u[4];
				kb_textb_add_derived(tb, u, kb_utf8_encode(cp, u), i, n);
			}
			i += n;
			continue;
		}
		j = i + 1; /* a backslash YAML would not take stays as it is */
		while (j < e && !is_ws((unsigned char)d[j]) && d[j] != '\\')
			j++;
		kb_textb_add_at(tb, d + i, j - i, i);
		i = j;
	}
}

/* v[0..n) with whitespace collapsed as kb_textb does it: what the text
 * added for v must read. */
static void collapse(kb_buf *out, const char *v, size_t n)
{
	int pending = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		if (is_ws(c) || (c > 0 && c < 0x20)) { /* control characters are spaces */
			int p = c == '\n' ? 2 : 1;
			if (p > pending)
				pending = p;
			continue;
		}
		if (c == 0)
			continue;
		if (pending && out->len)
			kb_buf_putc(out, pending == 2 ? '\n' : ' ');
		pending = 0;
		kb_buf_putc(out, (char)c);
	}
}

/* The fallback: the value's words searched for from the cursor. */
static void read_by_search(kb_textb *tb, const char *v, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (is_ws((unsigned char)v[i])) {
			bool brk = false;
			for (; i < n && is_ws((unsigned char)v[i]); i++)
				brk |= v[i] == '\n';
			if (brk)
				kb_textb_break(tb);
			else
				kb_textb_space(tb);
			continue;
		}
		size_t j = i;
		while (j < n && !is_ws((unsigned char)v[j]))
			j++;
		if (memchr(v + i, '\0', j - i) == NULL)
			kb_faq_add_text(tb, v + i, j - i);
		i = j;
	}
}

bool kb_scalar_span(const kb_source *src, kb_node *n, size_t *start, size_t *end)
{
	size_t s, e;
	if (!kb_yaml_span(n, &s, &e) || s > e || e > src->len)
		return false;
	char q = kb_yaml_style(n);
	if (q != '\'' && q != '"')
		q = 0;
	if (q && s > 0 && e < src->len && src->data[s - 1] == q && src->data[e] == q) {
		s--;
		e++;
	}
	*start = s;
	*end = e;
	return true;
}

bool kb_scalar_text(kb_textb *tb, kb_node *n)
{
	if (!kb_yaml_is_scalar(n))
		return false;
	size_t vlen;
	const char *v = kb_yaml_scalar(n, &vlen);
	if (!v)
		return false;
	size_t s = 0, e = 0;
	bool located = kb_yaml_span(n, &s, &e) && s <= e && e <= tb->src->len;
	if (!located)
		s = e = 0;

	/* Enough of tb's state to undo what a failed reading adds (it may
	 * have grown the last segment). */
	size_t len0 = tb->text.len, nsegs0 = tb->nsegs;
	int pending0 = tb->pending;
	kb_textseg last0 = nsegs0 ? tb->segs[nsegs0 - 1] : (kb_textseg){0};
	kb_textb_window(tb, s, e);
	if (located) {
		switch (kb_yaml_style(n)) {
		case '\'':
			read_single_quoted(tb, s, e);
			break;
		case '"':
			read_double_quoted(tb, s, e);
			break;
		case '|':
			read_verbatim(tb, s, e, true);
			break;
		default: /* plain, folded */
			read_verbatim(tb, s, e, false);
			break;
		}
		kb_buf want = KB_BUF_INIT;
		collapse(&want, v, vlen);
		/* What was added: after len0, less the separator put before it. */
		size_t from = len0;
		if (len0 && from < tb->text.len &&
		    (tb->text.ptr[from] == ' ' || tb->text.ptr[from] == '\n'))
			from++;
		/* (Nothing added: tb->text.ptr may still be NULL.) */
		bool same = tb->text.len - from == want.len &&
			    (want.len == 0 ||
			     memcmp(tb->text.ptr + from, kb_buf_cstr(&want), want.len) == 0);
		kb_buf_free(&want);
		if (same)
			return true;
		/* Undo and search for the words instead. */
		tb->text.len = len0;
		if (tb->text.ptr)
			tb->text.ptr[len0] = '\0';
		tb->nsegs = nsegs0;
		if (nsegs0)
			tb->segs[nsegs0 - 1] = last0;
		tb->pending = pending0;
		kb_textb_window(tb, s, e);
	}
	read_by_search(tb, v, vlen);
	return true;
}
