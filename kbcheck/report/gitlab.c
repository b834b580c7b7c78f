/* gitlab.c - GitLab Code Quality report (artifacts:reports:codequality):
 * a JSON array of issues in the Code Climate subset GitLab reads.
 *
 *   [{"description": "...", "check_name": "order.cancel.window",
 *     "fingerprint": "101219907648758c", "severity": "major",
 *     "location": {"path": "kb/vi/don-hang.md", "lines": {"begin": 5, "end": 5}}}]
 *
 * One issue per finding at its first deviating phrase; the fingerprint is
 * the finding's, so GitLab's comparison with the target branch follows it
 * across line moves.  Severity: error -> critical, warning -> major,
 * note -> minor; a finding that does not fail the run (existing in the
 * baseline, outside --changed-since, below --fail-on) is info.  Input
 * errors are blocker issues (check_name "kbcheck.input").
 */
#include "report.h"

#include <string.h>

#include "../base/hash.h"
#include "../base/jsonw.h"

static const char *severity_of(kb_severity s, bool failing)
{
	if (!failing)
		return "info";
	return s == KB_SEV_ERROR ? "critical" : s == KB_SEV_WARNING ? "major" : "minor";
}

static void location(kb_jsonw *w, const char *path, int begin, int end)
{
	kb_jsonw_key(w, "location");
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "path", path);
	kb_jsonw_key(w, "lines");
	kb_jsonw_obj(w);
	kb_jsonw_kint(w, "begin", begin > 0 ? begin : 1);
	if (end >= begin && end > 0)
		kb_jsonw_kint(w, "end", end);
	kb_jsonw_end(w);
	kb_jsonw_end(w);
}

static void issue(kb_jsonw *w, const kb_report *r, size_t i)
{
	const kb_finding *f = r->findings->items[i];
	kb_finding_status st = kb_report_status(r, i);
	size_t primary = st.primary < f->nsides ? st.primary : 0;
	const kb_claim *c = f->sides[primary].claim;
	kb_buf b = KB_BUF_INIT;
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "type", "issue");
	kb_buf_puts(&b, f->message);
	if (st.baseline == KB_BASELINE_EXISTING)
		kb_buf_puts(&b, " (existing)");
	kb_jsonw_kstr(w, "description", kb_buf_cstr(&b));
	kb_buf_clear(&b);
	kb_buf_printf(&b, "%s.%s", f->topic, f->attribute);
	kb_jsonw_kstr(w, "check_name", kb_buf_cstr(&b));
	kb_jsonw_kstr(w, "fingerprint", f->fingerprint);
	kb_jsonw_kstr(w, "severity", severity_of(f->severity, st.failing));
	kb_jsonw_key(w, "categories");
	kb_jsonw_arr(w);
	kb_jsonw_str(w, "Bug Risk");
	kb_jsonw_end(w);
	location(w, c->unit->source->path, c->loc.line, c->loc.end_line);
	/* The other sides, for a reader of the raw report. */
	kb_buf_clear(&b);
	for (size_t k = 0; k < f->nsides; k++) {
		if (k == primary)
			continue;
		const kb_claim *o = f->sides[k].claim;
		kb_buf_printf(&b, "%s%s:%d:%d: ", b.len ? "\n" : "", o->unit->source->path,
			      o->loc.line, o->loc.column);
		kb_side_describe(&b, &f->sides[k]);
	}
	if (f->sides[primary].suggestion)
		kb_buf_printf(&b, "%ssuggestion: %s", b.len ? "\n" : "", f->sides[primary].suggestion);
	kb_jsonw_key(w, "content");
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "body", kb_buf_cstr(&b));
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_buf_free(&b);
}

static void input_issue(kb_jsonw *w, const kb_diag_entry *e)
{
	kb_buf key = KB_BUF_INIT;
	kb_buf_printf(&key, "input\x1f%s\x1f%d\x1f%d\x1f%s", e->path, e->line, e->column,
		      e->message);
	char fp[17];
	snprintf(fp, sizeof fp, "%016llx",
		 (unsigned long long)kb_hash(KB_HASH_INIT, key.ptr, key.len));
	kb_buf_free(&key);
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "type", "issue");
	kb_jsonw_kstr(w, "description", e->message);
	kb_jsonw_kstr(w, "check_name", "kbcheck.input");
	kb_jsonw_kstr(w, "fingerprint", fp);
	kb_jsonw_kstr(w, "severity", "blocker");
	location(w, e->path, e->line, e->line);
	kb_jsonw_end(w);
}

void kb_report_gitlab(const kb_report *r, FILE *out)
{
	kb_jsonw *w = kb_jsonw_new(out, true);
	kb_jsonw_arr(w);
	for (size_t i = 0; i < kb_diags_count(r->diags); i++) {
		const kb_diag_entry *e = kb_diags_get(r->diags, i);
		if (e->level == KB_DIAG_ERROR && e->path)
			input_issue(w, e);
	}
	for (size_t i = 0; i < r->findings->len; i++)
		issue(w, r, i);
	kb_jsonw_end(w);
	kb_jsonw_free(w);
}
