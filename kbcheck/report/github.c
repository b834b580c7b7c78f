/* github.c - GitHub Actions workflow commands: one annotation per
 * deviating phrase, shown on the pull request's diff and in the run.
 *
 *   ::warning file=kb/vi/don-hang.md,line=5,endLine=5,col=25,endColumn=42,title=order.cancel.window::MESSAGE
 *
 * The level follows the finding's severity (error, warning, notice) when it
 * fails the run, and is notice for one that does not (existing in the
 * baseline, outside --changed-since, below --fail-on), so the annotations
 * agree with the exit status.  Columns are UTF-16 code units, as on GitHub;
 * they are left out when the phrase spans lines (GitHub takes columns on a
 * single line only).  Input diagnostics are annotated too.  The runner's
 * escaping: '%', CR and LF in the message; also ':' and ',' in properties.
 *
 * Bounded for big KBs: an annotation lists at most KB_MAX_OTHER_SIDES other
 * sides, findings that fail the run are annotated first (GitHub shows the
 * first few of each level), and the job summary (GITHUB_STEP_SUMMARY, a
 * Markdown table) stays within the size GitHub takes.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static void escape(FILE *out, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		case ':':
			fputs(property ? "%3A" : ":", out);
			break;
		case ',':
			fputs(property ? "%2C" : ",", out);
			break;
		default: fputc(*s, out);
		}
	}
}

static void property(FILE *out, const char *name, const char *value, bool first)
{
	fprintf(out, "%s%s=", first ? " " : ",", name);
	escape(out, value, true);
}

static void number(FILE *out, const char *name, int v)
{
	fprintf(out, ",%s=%d", name, v);
}

static const char *level_of(kb_severity s, bool failing)
{
	if (!failing)
		return "notice";
	return s == KB_SEV_ERROR ? "error" : s == KB_SEV_WARNING ? "warning" : "notice";
}

/* One annotation at deviating side d: the message, then the other sides
 * (at most KB_MAX_OTHER_SIDES: "and N more"), the suggestion and the
 * fingerprint, one per line. */
static void annotate(FILE *out, const kb_report *r, size_t i, const kb_side *d)
{
	const kb_finding *f = r->findings->items[i];
	kb_finding_status st = kb_report_status(r, i);
	const kb_claim *c = d->claim;
	kb_span sp = kb_claim_span(c, KB_COL_UTF16);
	kb_buf b = KB_BUF_INIT;

	fprintf(out, "::%s", level_of(f->severity, st.failing));
	property(out, "file", c->unit->source->path, true);
	number(out, "line", sp.line);
	number(out, "endLine", sp.end_line);
	if (sp.end_line == sp.line) {
		number(out, "col", sp.column);
		number(out, "endColumn", sp.end_column);
	}
	kb_buf_printf(&b, "%s.%s%s", f->topic, f->attribute,
		      st.baseline == KB_BASELINE_EXISTING ? " (existing)" : "");
	property(out, "title", kb_buf_cstr(&b), false);

	kb_buf_clear(&b);
	kb_buf_puts(&b, f->message);
	const kb_side *others[KB_MAX_OTHER_SIDES];
	size_t more, n = kb_other_sides(f, d, others, &more);
	for (size_t k = 0; k < n; k++) {
		const kb_side *s = others[k];
		kb_buf_printf(&b, "\n%s:%d:%d: ", s->claim->unit->source->path, s->claim->loc.line,
			      s->claim->loc.column);
		kb_side_describe(&b, s);
	}
	if (more)
		kb_buf_printf(&b, "\nand %zu more (kbcheck check lists them)", more);
	if (d->suggestion)
		kb_buf_printf(&b, "\nsuggestion: %s", d->suggestion);
	kb_buf_printf(&b, "\nfingerprint: %s", f->fingerprint);
	fputs("::", out);
	escape(out, kb_buf_cstr(&b), false);
	fputc('\n', out);
	kb_buf_free(&b);
}

void kb_report_github(const kb_report *r, FILE *out)
{
	static const char *const diag_level[] = {"notice", "warning", "error"};
	for (size_t i = 0; i < kb_diags_count(r->diags); i++) {
		const kb_diag_entry *e = kb_diags_get(r->diags, i);
		fprintf(out, "::%s", diag_level[e->level]);
		if (e->path) {
			property(out, "file", e->path, true);
			if (e->line > 0)
				number(out, "line", e->line);
			if (e->line > 0 && e->column > 0)
				number(out, "col", kb_diag_column(r, e, KB_COL_UTF16));
			property(out, "title", "kbcheck input", false);
		} else {
			property(out, "title", "kbcheck", true);
		}
		fputs("::", out);
		escape(out, e->message, false);
		fputc('\n', out);
	}
	/* GitHub shows the first 10 annotations of each level per step, in
	 * printed order: the findings that fail the run come first. */
	for (int failing = 1; failing >= 0; failing--)
		for (size_t i = 0; i < r->findings->len; i++) {
			const kb_finding *f = r->findings->items[i];
			if (kb_report_status(r, i).failing != (failing == 1))
				continue;
			for (size_t k = 0; k < f->nsides; k++)
				if (f->sides[k].deviates)
					annotate(out, r, i, &f->sides[k]);
		}
	/* A plain line for the log. */
	fputs("kbcheck: ", out);
	kb_text_summary(r, out);
}

/* A table cell: one line, no '|' to split it. */
static void cell(kb_buf *b, const char *s)
{
	for (; *s; s++)
		if (*s == '|')
			kb_buf_puts(b, "\\|");
		else
			kb_buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void summary_row(kb_buf *b, const kb_report *r, size_t i)
{
	const kb_finding *f = r->findings->items[i];
	kb_finding_status st = kb_report_status(r, i);
	const kb_claim *c = f->sides[0].claim;
	kb_buf_printf(b, "| %s | `%s.%s` | ", st.failing ? kb_severity_name(f->severity)
				       : st.baseline == KB_BASELINE_EXISTING ? "existing"
									      : "not failing",
		      f->topic, f->attribute);
	cell(b, c->unit->source->path);
	kb_buf_printf(b, ":%d | ", c->loc.line);
	cell(b, f->message);
	kb_buf_puts(b, " |\n");
}

void kb_report_github_summary(const kb_report *r, FILE *out, size_t max)
{
	kb_buf b = KB_BUF_INIT, row = KB_BUF_INIT;
	char *line = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&line, &len);
	if (!mem)
		abort();
	kb_text_summary(r, mem);
	fclose(mem);
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == ' '))
		line[--len] = '\0';
	kb_buf_puts(&b, "### kbcheck\n\n");
	cell(&b, line);
	kb_buf_puts(&b, "\n");
	free(line);
	size_t shown = 0;
	/* Room kept for the closing line. */
	const size_t tail = 200;
	if (r->findings->len)
		kb_buf_puts(&b, "\n| | rule | where | message |\n|---|---|---|---|\n");
	for (int failing = 1; failing >= 0; failing--)
		for (size_t i = 0; i < r->findings->len; i++) {
			if (kb_report_status(r, i).failing != (failing == 1))
				continue;
			kb_buf_clear(&row);
			summary_row(&row, r, i);
			if (b.len + row.len + tail > max)
				goto full;
			kb_buf_puts(&b, kb_buf_cstr(&row));
			shown++;
		}
full:
	if (shown < r->findings->len)
		kb_buf_printf(&b, "\nand %zu more findings (a job summary holds 1 MiB; the "
				  "annotations and `--format json` have them all)\n",
			      r->findings->len - shown);
	fwrite(b.ptr, 1, b.len, out);
	kb_buf_free(&b);
	kb_buf_free(&row);
}
