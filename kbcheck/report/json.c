/* json.c - the JSON report: the stable contract for scripts. */
#include "report.h"

#include <string.h>

#include "../base/jsonw.h"
#include "../compare/compare.h" /* KB_FINGERPRINT_RECIPE */

void kb_json_scope(kb_jsonw *w, const kb_scope *s)
{
	kb_jsonw_obj(w);
	for (size_t i = 0; i < s->n; i++)
		kb_jsonw_kstr(w, s->kv[i].key, s->kv[i].value);
	kb_jsonw_end(w);
}

void kb_json_loc(kb_jsonw *w, const kb_loc *l)
{
	kb_jsonw_kint(w, "line", l->line);
	kb_jsonw_kint(w, "column", l->column);
	kb_jsonw_kint(w, "end_line", l->end_line);
	kb_jsonw_kint(w, "end_column", l->end_column);
}

void kb_json_claim(kb_jsonw *w, const kb_claim *c)
{
	const kb_unit *u = c->unit;
	kb_jsonw_kstr(w, "path", u->source->path);
	kb_json_loc(w, &c->loc);
	kb_jsonw_kstr(w, "channel", kb_channel_name(u->source->channel));
	kb_jsonw_kstr(w, "format", u->source->format);
	kb_jsonw_kstr(w, "locale", u->locale);
	kb_jsonw_kstr(w, "unit_id", u->id);
	kb_jsonw_kstr(w, "topic", c->topic);
	kb_jsonw_kstr(w, "attribute", c->attribute);
	kb_jsonw_key(w, "scope");
	kb_json_scope(w, &c->scope);
	kb_jsonw_kstr(w, "quote", c->quote);
	kb_jsonw_key(w, "value");
	kb_value_json(w, &c->value, c->quote);
	/* How it was found (rules/claim.h) and, from its context, what. */
	kb_jsonw_kstr(w, "found", kb_how_name(c->how));
	if (c->context)
		kb_jsonw_kstr(w, "context", c->context);
}

void kb_json_errors(kb_jsonw *w, kb_diags *d)
{
	kb_jsonw_arr(w);
	for (size_t i = 0; i < kb_diags_count(d); i++) {
		const kb_diag_entry *e = kb_diags_get(d, i);
		kb_jsonw_obj(w);
		kb_jsonw_kstr(w, "path", e->path);
		kb_jsonw_kint(w, "line", e->line);
		kb_jsonw_kint(w, "column", e->column);
		kb_jsonw_kstr(w, "severity", kb_diag_level_name(e->level));
		kb_jsonw_kstr(w, "message", e->message);
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
}

static void json_finding(kb_jsonw *w, const kb_report *r, size_t i)
{
	const kb_finding *f = r->findings->items[i];
	kb_finding_status st = kb_report_status(r, i);
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "fingerprint", f->fingerprint);
	/* Only when the previous recipe (compare.h) gave another one. */
	if (f->fingerprint_prev && strcmp(f->fingerprint_prev, f->fingerprint))
		kb_jsonw_kstr(w, "fingerprint_previous", f->fingerprint_prev);
	kb_jsonw_kstr(w, "topic", f->topic);
	kb_jsonw_kstr(w, "attribute", f->attribute);
	kb_jsonw_key(w, "scope");
	kb_json_scope(w, &f->scope);
	kb_jsonw_kstr(w, "severity", kb_severity_name(f->severity));
	kb_jsonw_kstr(w, "message", f->message);
	if (f->weak)
		kb_jsonw_kbool(w, "weak", true); /* only with --show-weak */
	kb_jsonw_key(w, "majority");
	if (f->majority) {
		kb_jsonw_obj(w);
		kb_jsonw_key(w, "value");
		kb_value_json(w, f->majority, NULL);
		kb_jsonw_kint(w, "count", (long long)f->majority_count);
		kb_jsonw_kint(w, "of", (long long)f->sources);
		kb_jsonw_end(w);
	} else {
		kb_jsonw_null(w);
	}
	kb_jsonw_key(w, "canonical");
	if (f->canonical) {
		kb_jsonw_obj(w);
		kb_jsonw_key(w, "value");
		kb_value_json(w, f->canonical, NULL);
		kb_jsonw_kstr(w, "source", f->canonical_source);
		kb_jsonw_end(w);
	} else {
		kb_jsonw_null(w);
	}
	kb_jsonw_key(w, "acknowledged");
	if (f->ack_reason) {
		kb_jsonw_obj(w);
		kb_jsonw_kstr(w, "reason", f->ack_reason);
		kb_jsonw_kstr(w, "by", f->ack_by);
		kb_jsonw_end(w);
	} else {
		kb_jsonw_null(w);
	}
	/* Only with --baseline / --changed-since: what a script needs to
	 * tell new findings from existing ones. */
	if (r->baseline)
		kb_jsonw_kstr(w, "baseline", st.baseline == KB_BASELINE_EXISTING ? "existing" : "new");
	if (r->changed_since)
		kb_jsonw_kbool(w, "changed", st.changed);
	if (r->baseline || r->changed_since)
		kb_jsonw_kbool(w, "failing", st.failing);
	kb_jsonw_key(w, "claims");
	kb_jsonw_arr(w);
	for (size_t k = 0; k < f->nsides; k++) {
		kb_jsonw_obj(w);
		kb_json_claim(w, f->sides[k].claim);
		kb_jsonw_kbool(w, "deviates", f->sides[k].deviates);
		kb_jsonw_kstr(w, "suggestion", f->sides[k].suggestion);
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
	/* Only when some reference statements are left out of "claims". */
	if (f->unlisted)
		kb_jsonw_kint(w, "unlisted", (long long)f->unlisted);
	kb_jsonw_end(w);
}

static void json_stats(kb_jsonw *w, const kb_report *r)
{
	const kb_stats *s = &r->stats;
	kb_jsonw_obj(w);
	kb_jsonw_kint(w, "files", (long long)s->files);
	kb_jsonw_kint(w, "units", (long long)s->units);
	kb_jsonw_kint(w, "claims", (long long)s->claims);
	kb_jsonw_kint(w, "findings", (long long)s->findings);
	kb_jsonw_kint(w, "acknowledged", (long long)s->acked);
	kb_jsonw_kint(w, "errors", (long long)s->by_severity[KB_SEV_ERROR]);
	kb_jsonw_kint(w, "warnings", (long long)s->by_severity[KB_SEV_WARNING]);
	kb_jsonw_kint(w, "notes", (long long)s->by_severity[KB_SEV_NOTE]);
	if (r->baseline || r->changed_since)
		kb_jsonw_kint(w, "failing", (long long)s->failing);
	if (r->baseline)
		kb_jsonw_kint(w, "existing", (long long)s->existing);
	if (r->changed_since)
		kb_jsonw_kint(w, "unchanged", (long long)s->unchanged);
	kb_jsonw_end(w);
}

void kb_report_json(const kb_report *r, FILE *out)
{
	kb_jsonw *w = kb_jsonw_new(out, true);
	kb_jsonw_obj(w);
	kb_jsonw_kint(w, "schema", KB_JSON_SCHEMA);
	kb_jsonw_kint(w, "fingerprint_recipe", KB_FINGERPRINT_RECIPE);
	kb_jsonw_key(w, "tool");
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "name", "kbcheck");
	kb_jsonw_kstr(w, "version", KB_VERSION);
	kb_jsonw_end(w);
	kb_jsonw_key(w, "findings");
	kb_jsonw_arr(w);
	for (size_t i = 0; i < r->findings->len; i++)
		json_finding(w, r, i);
	kb_jsonw_end(w);
	kb_jsonw_key(w, "errors");
	kb_json_errors(w, r->diags);
	kb_jsonw_key(w, "stats");
	json_stats(w, r);
	if (r->coverage) {
		kb_jsonw_key(w, "coverage");
		kb_json_coverage(w, r->coverage);
	}
	kb_jsonw_end(w);
	kb_jsonw_free(w);
}
