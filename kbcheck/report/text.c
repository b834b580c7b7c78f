/* text.c - compiler-style text: location, severity, message, the quoted
 * line with a caret under the phrase, then every other side. */
#include "report.h"

#include <string.h>

#include "../base/buf.h"
#include "../base/text.h"

typedef struct {
	FILE *out;
	bool color;
} tty;

static const char *const sev_color[] = {"\033[1;36m", "\033[1;35m", "\033[1;31m"};

static void on(const tty *t, const char *code)
{
	if (t->color)
		fputs(code, t->out);
}

static void off(const tty *t)
{
	if (t->color)
		fputs("\033[0m", t->out);
}

/* Text from the knowledge base (paths, quotes, reasons) is written with
 * its control characters escaped (kb_fprintf_safe, base/text.h): a KB must
 * not clear or retitle the terminal or start a line a CI runner obeys.
 * Line ends and colours are written apart. */

static void location(const tty *t, const kb_claim *c)
{
	on(t, "\033[1m");
	kb_fprintf_safe(t->out, "%s:%d:%d:", c->unit->source->path, c->loc.line, c->loc.column);
	off(t);
}

/* Terminal cells that s[0..n) takes as written (escapes included). */
static size_t shown_width(const char *s, size_t n)
{
	size_t w = 0, used;
	char esc[8];
	for (size_t i = 0; i < n; i += used) {
		if (kb_text_escape_at(s + i, n - i, &used, esc))
			w += strlen(esc);
		else
			w += kb_display_width(s + i, used);
	}
	return w;
}

/* "   9 | text" and "     |     ^~~~~" under the claim's first line. */
static void snippet(const tty *t, const kb_claim *c, const char *indent)
{
	const kb_source *src = c->unit->source;
	size_t n;
	const char *line = kb_source_line(src, c->loc.line, &n);
	size_t ls = kb_source_line_offset(src, c->loc.line);
	size_t s = c->loc.start - ls;
	size_t e = c->loc.end_line == c->loc.line ? c->loc.end - ls : n;
	if (s > n)
		s = n;
	if (e > n)
		e = n;
	if (e < s)
		e = s;
	/* Very long lines (minified HTML, JSON): show a window of about 50
	 * characters on each side of the span. */
	size_t from, to;
	kb_quote_window(line, n, s, e, 120, 50, &from, &to);
	fprintf(t->out, "%s%5d | %s", indent, c->loc.line, from > 0 ? "…" : "");
	kb_text_put_safe(t->out, line + from, to - from);
	fprintf(t->out, "%s\n", to < n ? "…" : "");
	fprintf(t->out, "%s      | %s", indent, from > 0 ? " " : "");
	for (size_t i = from; i < s;) {
		/* Keep tabs so the caret lines up whatever the tab width. */
		if (line[i] == '\t') {
			fputc('\t', t->out);
			i++;
			continue;
		}
		size_t k = 1;
		while (i + k < s && ((unsigned char)line[i + k] & 0xC0) == 0x80)
			k++;
		size_t w = shown_width(line + i, k);
		for (size_t j = 0; j < w; j++)
			fputc(' ', t->out);
		i += k;
	}
	size_t w = shown_width(line + s, e - s);
	on(t, "\033[1;32m");
	fputc('^', t->out);
	for (size_t j = 1; j < w; j++)
		fputc('~', t->out);
	off(t);
	fputc('\n', t->out);
}

static void finding(const tty *t, const kb_finding *f, kb_finding_status st)
{
	const kb_claim *c = f->sides[0].claim;
	kb_buf b = KB_BUF_INIT;
	location(t, c);
	fputc(' ', t->out);
	on(t, sev_color[f->severity]);
	kb_fprintf_safe(t->out, "%s[%s.%s]", kb_severity_name(f->severity), f->topic, f->attribute);
	off(t);
	kb_fprintf_safe(t->out, "%s%s: %s", st.baseline == KB_BASELINE_EXISTING ? " (existing)" : "",
	    f->weak ? " (weak)" : "", f->message);
	fputc('\n', t->out);
	snippet(t, c, "");
	if (f->canonical) {
		kb_value_format(&b, f->canonical);
		kb_fprintf_safe(t->out, "      = canonical: %s (%s)", kb_buf_cstr(&b),
		    f->canonical_source ? f->canonical_source : "policy");
		fputc('\n', t->out);
	}
	for (size_t i = 0; i < f->nsides; i++) {
		const kb_side *s = &f->sides[i];
		if (i > 0) {
			fputs("  ", t->out);
			location(t, s->claim);
			kb_buf_clear(&b);
			kb_side_describe(&b, s);
			kb_fprintf_safe(t->out, " %s", kb_buf_cstr(&b));
			fputc('\n', t->out);
			snippet(t, s->claim, "  ");
		}
		if (s->suggestion) {
			fprintf(t->out, "%s      = suggestion: ", i > 0 ? "  " : "");
			on(t, "\033[32m");
			kb_fprintf_safe(t->out, "%s", s->suggestion);
			off(t);
			fputc('\n', t->out);
		}
	}
	if (f->unlisted)
		fprintf(t->out, "  ... and %zu more statement%s of the same value\n", f->unlisted,
			f->unlisted == 1 ? "" : "s");
	if (f->ack_reason) {
		kb_fprintf_safe(t->out, "      = acknowledged%s%s: %s", f->ack_by ? " by " : "",
		    f->ack_by ? f->ack_by : "", f->ack_reason);
		fputc('\n', t->out);
	}
	if (f->scope.n) {
		fputs("      = scope:", t->out);
		for (size_t i = 0; i < f->scope.n; i++)
			kb_fprintf_safe(t->out, " %s=%s", f->scope.kv[i].key, f->scope.kv[i].value);
		fputc('\n', t->out);
	}
	fprintf(t->out, "      = fingerprint: %s\n", f->fingerprint);
	kb_buf_free(&b);
}

void kb_text_finding(const kb_report *r, size_t i, FILE *out, bool color)
{
	tty t = {out, color};
	finding(&t, r->findings->items[i], kb_report_status(r, i));
}

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

void kb_report_text(const kb_report *r, FILE *out)
{
	for (size_t i = 0; i < r->findings->len; i++) {
		kb_text_finding(r, i, out, r->color);
		fputc('\n', out);
	}
	kb_text_summary(r, out);
}

void kb_text_summary(const kb_report *r, FILE *out)
{
	const kb_stats *s = &r->stats;
	fprintf(out, "%zu finding%s (%zu error%s, %zu warning%s, %zu note%s) in %zu file%s, "
		     "%zu answer%s, %zu claim%s\n",
		s->findings, s->findings == 1 ? "" : "s", s->by_severity[KB_SEV_ERROR],
		s->by_severity[KB_SEV_ERROR] == 1 ? "" : "s", s->by_severity[KB_SEV_WARNING],
		s->by_severity[KB_SEV_WARNING] == 1 ? "" : "s", s->by_severity[KB_SEV_NOTE],
		s->by_severity[KB_SEV_NOTE] == 1 ? "" : "s", s->files, s->files == 1 ? "" : "s",
		s->units, s->units == 1 ? "" : "s", s->claims, s->claims == 1 ? "" : "s");
	if (s->acked)
		fprintf(out, "%zu acknowledged finding%s not shown (--show-acked lists them)\n",
			s->acked, s->acked == 1 ? "" : "s");
	if (r->baseline || r->changed_since) {
		fprintf(out, "%zu finding%s fail%s the run", s->failing, plural(s->failing),
			s->failing == 1 ? "s" : "");
		if (r->baseline)
			fprintf(out, "; %zu existing (in the baseline)", s->existing);
		if (r->changed_since)
			fprintf(out, "; %zu outside the files changed since %s", s->unchanged,
				r->changed_since);
		fputc('\n', out);
	}
}
