/* rdjsonl.c - reviewdog's Diagnostic Format as JSON Lines
 * (`reviewdog -f=rdjsonl`): one diagnostic per line, one per deviating
 * phrase, with the suggested rewording as a suggestion on its range.
 *
 * reviewdog counts columns in UTF-8 bytes (1-based, end exclusive).  The
 * severity follows the finding's (ERROR, WARNING, INFO) when it fails the
 * run, and is INFO for one that does not, as in the other CI formats.
 * The other sides go in related_locations, at most KB_MAX_OTHER_SIDES of
 * them (the message says how many more).  Input diagnostics have the
 * code "kbcheck.input".
 */
#include "report.h"

#include "../base/jsonw.h"

static void position(kb_jsonw *w, const char *key, int line, int column)
{
	kb_jsonw_key(w, key);
	kb_jsonw_obj(w);
	kb_jsonw_kint(w, "line", line);
	if (column > 0)
		kb_jsonw_kint(w, "column", column);
	kb_jsonw_end(w);
}

static void range(kb_jsonw *w, const kb_claim *c)
{
	kb_span s = kb_claim_span(c, KB_COL_BYTES);
	kb_jsonw_key(w, "range");
	kb_jsonw_obj(w);
	position(w, "start", s.line, s.column);
	position(w, "end", s.end_line, s.end_column);
	kb_jsonw_end(w);
}

static void location(kb_jsonw *w, const kb_claim *c)
{
	kb_jsonw_key(w, "location");
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "path", c->unit->source->path);
	range(w, c);
	kb_jsonw_end(w);
}

static void source(kb_jsonw *w)
{
	kb_jsonw_key(w, "source");
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "name", "kbcheck");
	kb_jsonw_end(w);
}

static void diagnostic(FILE *out, const kb_report *r, size_t i, const kb_side *d)
{
	static const char *const sev[] = {"INFO", "WARNING", "ERROR"};
	const kb_finding *f = r->findings->items[i];
	kb_finding_status st = kb_report_status(r, i);
	kb_buf b = KB_BUF_INIT;
	kb_jsonw *w = kb_jsonw_new(out, false);
	kb_jsonw_obj(w);
	kb_buf_puts(&b, f->message);
	if (st.baseline == KB_BASELINE_EXISTING)
		kb_buf_puts(&b, " (existing)");
	const kb_side *others[KB_MAX_OTHER_SIDES];
	size_t more, n = kb_other_sides(f, d, others, &more);
	if (more)
		kb_buf_printf(&b, " (and %zu more related locations)", more);
	kb_buf_printf(&b, " [%s]", f->fingerprint);
	kb_jsonw_kstr(w, "message", kb_buf_cstr(&b));
	location(w, d->claim);
	kb_jsonw_kstr(w, "severity", st.failing ? sev[f->severity] : "INFO");
	source(w);
	kb_jsonw_key(w, "code");
	kb_jsonw_obj(w);
	kb_buf_clear(&b);
	kb_buf_printf(&b, "%s.%s", f->topic, f->attribute);
	kb_jsonw_kstr(w, "value", kb_buf_cstr(&b));
	kb_jsonw_end(w);
	if (d->suggestion) {
		kb_jsonw_key(w, "suggestions");
		kb_jsonw_arr(w);
		kb_jsonw_obj(w);
		range(w, d->claim);
		kb_jsonw_kstr(w, "text", d->suggestion);
		kb_jsonw_end(w);
		kb_jsonw_end(w);
	}
	kb_jsonw_key(w, "related_locations");
	kb_jsonw_arr(w);
	for (size_t k = 0; k < n; k++) {
		const kb_side *s = others[k];
		kb_jsonw_obj(w);
		kb_buf_clear(&b);
		kb_side_describe(&b, s);
		kb_jsonw_kstr(w, "message", kb_buf_cstr(&b));
		location(w, s->claim);
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_jsonw_free(w);
	kb_buf_free(&b);
}

static void input_diagnostic(FILE *out, const kb_report *r, const kb_diag_entry *e)
{
	static const char *const sev[] = {"INFO", "WARNING", "ERROR"};
	kb_jsonw *w = kb_jsonw_new(out, false);
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "message", e->message);
	kb_jsonw_key(w, "location");
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "path", e->path);
	if (e->line > 0) {
		kb_jsonw_key(w, "range");
		kb_jsonw_obj(w);
		position(w, "start", e->line, kb_diag_column(r, e, KB_COL_BYTES));
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
	kb_jsonw_kstr(w, "severity", sev[e->level]);
	source(w);
	kb_jsonw_key(w, "code");
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "value", "kbcheck.input");
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_jsonw_free(w);
}

void kb_report_rdjsonl(const kb_report *r, FILE *out)
{
	for (size_t i = 0; i < kb_diags_count(r->diags); i++) {
		const kb_diag_entry *e = kb_diags_get(r->diags, i);
		if (e->path)
			input_diagnostic(out, r, e);
	}
	for (size_t i = 0; i < r->findings->len; i++) {
		const kb_finding *f = r->findings->items[i];
		for (size_t k = 0; k < f->nsides; k++)
			if (f->sides[k].deviates)
				diagnostic(out, r, i, &f->sides[k]);
	}
}
