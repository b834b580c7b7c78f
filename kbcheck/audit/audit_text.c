/* audit_text.c - the audit as Markdown (the HTML page's sections as
 * tables) and as CSV (one row per side of every conflict listed).
 *
 * Knowledge-base text is escaped for each: in Markdown every character a
 * renderer could take as markup (emphasis, links, raw HTML, entities, table
 * pipes) is backslash-escaped and line breaks become spaces; in CSV fields
 * are quoted per RFC 4180 and a leading = + - @ gets a ' so that
 * spreadsheets do not run it as a formula.
 */
#include "audit.h"

#include <string.h>

#include "../base/buf.h"
#include "audit_model.h"

/* ---- Markdown ---- */

static void md(FILE *out, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		char c = *p;
		if (c == '\n' || c == '\r' || c == '\t')
			fputc(' ', out);
		else if (strchr("\\`*_{}[]<>()#|&~!", c))
			fprintf(out, "\\%c", c);
		else
			fputc(c, out);
	}
}

/* A code span whose fence is longer than any run of backticks inside
 * (padded with spaces only when the text starts or ends with one). */
static void md_code(FILE *out, const char *s)
{
	size_t run = 0, longest = 0, n = strlen(s);
	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	bool pad = n && (s[0] == '`' || s[n - 1] == '`');
	for (size_t i = 0; i <= longest; i++)
		fputc('`', out);
	if (pad)
		fputc(' ', out);
	for (const char *p = s; *p; p++)
		fputc(*p == '\n' || *p == '|' ? ' ' : *p, out);
	if (pad)
		fputc(' ', out);
	for (size_t i = 0; i <= longest; i++)
		fputc('`', out);
}

static const char *days(int64_t n) { return n == 1 ? "day" : "days"; }

static void md_location(FILE *out, kb_arena *a, const kb_audit_model *m, const kb_hclaim *c,
			const kb_hrun *run)
{
	const char *href = kb_audit_link(a, m, c, run);
	if (href)
		fputc('[', out);
	md(out, c->path);
	fprintf(out, ":%d:%d", c->line, c->column);
	if (href)
		fprintf(out, "](<%s>)", href);
}

static void md_finding(FILE *out, kb_arena *a, const kb_audit_model *m, size_t n,
		       const kb_aitem *it, bool acked)
{
	const kb_hfinding *f = it->f;
	fprintf(out, "### %zu. %s ", n,
		acked	      ? "acknowledged"
		: f->severity ? f->severity
			      : "note");
	md_code(out, kb_sprintf(a, "%s.%s", f->topic, f->attribute));
	if (*f->scope) {
		fputs(" \\[", out);
		md(out, f->scope);
		fputs("\\]", out);
	}
	fputs("\n\n", out);
	md(out, f->message);
	char first[32];
	kb_htime_format(first, it->since, false);
	fprintf(out, "\n\n%s %lld %s (first seen %s%s)", acked ? "Known for" : "Open for",
		(long long)it->age_days, days(it->age_days), first, it->is_new ? ", new" : "");
	if (f->canonical) {
		fputs(" · canonical: ", out);
		md(out, f->canonical);
		if (f->canonical_source) {
			fputs(" \\(", out);
			md(out, f->canonical_source);
			fputs("\\)", out);
		}
	}
	if (f->majority) {
		fprintf(out, " · %lld of %lld sources say ", (long long)f->majority_count,
			(long long)f->sources);
		md(out, f->majority);
	}
	fprintf(out, " · fingerprint `%s`\n\n", f->fingerprint);
	if (acked) {
		fputs("**Acknowledged**", out);
		if (f->ack_by) {
			fputs(" by ", out);
			md(out, f->ack_by);
		}
		fputs(": ", out);
		md(out, f->ack_reason);
		fputs("\n\n", out);
	}
	fputs("| Says | Channel | Where | Quote |\n|---|---|---|---|\n", out);
	for (size_t i = 0; i < f->nsides && i < KB_AUDIT_MAX_SIDES; i++) {
		const kb_hside *s = &f->sides[i];
		const kb_hclaim *c = s->claim;
		fputs(s->deviates ? "| ≠ " : "| ", out);
		md(out, c->value);
		fprintf(out, " | %s ", kb_audit_channel_label(c->channel));
		md(out, c->locale);
		fputs(" | ", out);
		md_location(out, a, m, c, NULL);
		const char *before, *after;
		kb_audit_excerpt(a, c, &before, &after);
		fputs(" | “", out);
		if (before) {
			md(out, before);
			fputs("**", out);
			md(out, c->quote);
			fputs("**", out);
			md(out, after);
		} else {
			md(out, c->quote);
		}
		fputs("”", out);
		if (s->suggestion) {
			fputs(" → suggested: “", out);
			md(out, s->suggestion);
			fputs("”", out);
		}
		fputs(" |\n", out);
	}
	if (f->nsides > KB_AUDIT_MAX_SIDES)
		fprintf(out, "| … | | | and %zu more sides (the CSV format lists them all) |\n",
			f->nsides - KB_AUDIT_MAX_SIDES);
	fputc('\n', out);
}

static void md_where(FILE *out, kb_arena *a, const kb_audit_model *m)
{
	fputs("## Where the conflicts are\n\n### By topic\n\n", out);
	if (!m->ntopics) {
		fputs("No conflicts in this period.\n\n", out);
	} else {
		fputs(
		    "| Topic | Open | New | Resolved | Acknowledged |\n|---|---:|---:|---:|---:|\n",
		    out);
		for (size_t i = 0; i < m->ntopics; i++) {
			const kb_atopic *t = &m->topics[i];
			fputs("| ", out);
			md_code(out, t->topic);
			fprintf(out, " | %lld | %lld | %lld | %lld |\n", (long long)t->open,
				(long long)t->new_, (long long)t->resolved, (long long)t->acked);
		}
		fputc('\n', out);
	}
	fputs("### By channel pair\n\n", out);
	static const char *const chan[] = {"FAQ", "Chatbot", "Macro", "Other"};
	bool any = false;
	for (int x = 0; x < 4; x++)
		for (int y = x; y < 4; y++) {
			int64_t v = m->channel_pairs[x][y];
			if (!v)
				continue;
			any = true;
			if (x == y)
				fprintf(out, "- within %s: **%lld** open conflict%s\n", chan[x],
					(long long)v, v == 1 ? "" : "s");
			else
				fprintf(out, "- %s × %s: **%lld** open conflict%s\n", chan[x],
					chan[y], (long long)v, v == 1 ? "" : "s");
		}
	if (!any) {
		fputs("No open conflicts.\n\n", out);
		return;
	}
	size_t n = m->ncols;
	bool *used = KB_NEWN(a, bool, n + 1);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (m->pairs[i * n + j])
				used[i] = used[j] = true;
	fputs("\n|  |", out);
	for (size_t j = 0; j < n; j++)
		if (used[j]) {
			fputc(' ', out);
			md(out, m->cols[j].label);
			fputs(" |", out);
		}
	fputs("\n|---|", out);
	for (size_t j = 0; j < n; j++)
		if (used[j])
			fputs("---:|", out);
	fputc('\n', out);
	for (size_t i = 0; i < n; i++) {
		if (!used[i])
			continue;
		fputs("| **", out);
		md(out, m->cols[i].label);
		fputs("** |", out);
		for (size_t j = 0; j < n; j++)
			if (used[j])
				fprintf(out, " %lld |", (long long)m->pairs[i * n + j]);
		fputc('\n', out);
	}
	fputc('\n', out);
}

static void md_matrix(FILE *out, kb_arena *a, const kb_audit_model *m)
{
	fputs("## Policy matrix: what customers are told\n\n", out);
	if (!m->nrows) {
		fputs("No claims in the latest run.\n", out);
		return;
	}
	fputs("Cells marked ≠ deviate from the canonical value (policy file) or else the "
	      "majority.\n\n| Topic attribute | Scope | Canonical |",
	      out);
	for (size_t c = 0; c < m->ncols; c++) {
		fputc(' ', out);
		md(out, m->cols[c].label);
		fputs(" |", out);
	}
	fputs("\n|---|---|---|", out);
	for (size_t c = 0; c < m->ncols; c++)
		fputs("---|", out);
	fputc('\n', out);
	for (size_t r = 0; r < m->nrows; r++) {
		const kb_arow *row = &m->rows[r];
		fputs("| ", out);
		md_code(out, kb_sprintf(a, "%s.%s", row->topic, row->attribute));
		fputs(" | ", out);
		md(out, *row->scope ? row->scope : "all");
		fputs(" | ", out);
		if (!row->reference)
			fputs("no majority", out);
		else {
			fputs(row->canonical ? "**" : "", out);
			md(out, row->reference);
			fputs(row->canonical ? "**" : " \\(majority\\)", out);
		}
		fputs(" |", out);
		for (size_t c = 0; c < m->ncols; c++) {
			const kb_acell *cell = &row->cells[c];
			fputc(' ', out);
			if (!cell->nvalues)
				fputs("–", out);
			for (size_t v = 0; v < cell->nvalues; v++) {
				const kb_avalue *val = &cell->values[v];
				const char *href = kb_audit_link(a, m, val->first, NULL);
				fputs(v ? "<br>" : "", out);
				fputs(val->deviates ? "≠ " : "", out);
				if (href)
					fputc('[', out);
				md(out, val->value);
				if (href)
					fprintf(out, "](<%s>)", href);
				if (val->count > 1)
					fprintf(out, " ×%zu", val->count);
			}
			fputs(" |", out);
		}
		fputc('\n', out);
	}
}

/* Claims per topic and channel present; topics without any only named. */
static void md_topics(FILE *out, const kb_acoverage *c)
{
	if (c->none < c->ntopics) {
		fputs("\n| Claims per topic |", out);
		for (size_t k = 0; k < c->nchannels; k++)
			fprintf(out, " %s |", kb_audit_channel_label(c->channels[k]));
		fputs("\n|---|", out);
		for (size_t k = 0; k < c->nchannels; k++)
			fputs("---:|", out);
		fputc('\n', out);
	}
	for (size_t r = 0; r < c->ntopics; r++) {
		if (!c->any[r])
			continue;
		fputs("| ", out);
		md_code(out, c->topics[r]);
		fputs(" |", out);
		for (size_t k = 0; k < c->nchannels; k++) {
			int64_t n = c->claims[r * c->nchannels + k];
			if (n)
				fprintf(out, " %lld |", (long long)n);
			else
				fputs(" **0** |", out); /* a gap */
		}
		fputc('\n', out);
	}
	if (!c->none)
		return;
	fprintf(out, "\nNo claim at all on %zu of %zu topics: ", c->none, c->ntopics);
	for (size_t r = 0, k = 0; r < c->ntopics; r++)
		if (!c->any[r]) {
			fputs(k++ ? ", " : "", out);
			md_code(out, c->topics[r]);
		}
	fputs(".\n", out);
}

static void md_coverage(FILE *out, kb_arena *a, const kb_audit_model *m)
{
	const kb_history *h = m->h;
	const kb_acoverage *c = &m->cov;
	fputs("\n## Coverage: what the latest run did not read or claim\n\n", out);
	if (!c->known) {
		fputs(m->ref ? "Not recorded: the latest run was recorded by a kbcheck that did not "
			       "keep its coverage.\n"
			     : "No run in this period.\n",
		      out);
		return;
	}
	md(out, kb_audit_coverage_summary(a, m));
	fputs("\n", out);
	if (h->nunread)
		fputs("\n| Why no answer | Files | First files |\n|---|---:|---|\n", out);
	for (size_t i = 0; i < h->nunread; i++) {
		const kb_hunread *u = &h->unread[i];
		fputs("| ", out);
		md(out, kb_audit_reason_label(u->reason));
		fprintf(out, " | %lld | ", (long long)u->files);
		for (size_t k = 0; k < u->npaths && k < 5; k++) {
			fputs(k ? ", " : "", out);
			md_code(out, u->paths[k]);
		}
		if (u->files > 5)
			fputs(", …", out);
		fputs(" |\n", out);
	}
	size_t limit = m->o->limit ? m->o->limit : 50;
	if (h->nunclaimed)
		fputs("\n| Value without a claim | Topic attribute | Value |\n|---|---|---|\n", out);
	for (size_t i = 0; i < h->nunclaimed && i < limit; i++) {
		const kb_hunclaimed *u = &h->unclaimed[i];
		fputs("| ", out);
		md_location(out, a, m, &u->at, NULL);
		fputs(" | ", out);
		md_code(out, kb_sprintf(a, "%s.%s", u->at.topic, u->at.attribute));
		fputs(" | ", out);
		md(out, u->at.quote);
		fputs(u->weak ? " \\(weak claim\\) |\n" : " |\n", out);
	}
	md_topics(out, c);
}

bool kb_audit_markdown(const kb_history *h, const kb_audit_opts *o, FILE *out)
{
	kb_arena *a = kb_arena_new();
	const kb_audit_model *m = kb_audit_model_build(a, h, o);
	char t1[32], t2[32];
	fputs("# Knowledge-base audit — ", out);
	md(out, o->window);
	kb_htime_format(t1, o->since, true);
	kb_htime_format(t2, o->until, true);
	fprintf(out, "\n\nPeriod %s to %s UTC. ", t1, t2);
	if (m->ref) {
		kb_htime_format(t1, m->ref->time, true);
		fprintf(out, "Latest run #%lld on %s UTC", (long long)m->ref->id, t1);
		if (m->ref->revision)
			fprintf(out, ", revision `%.12s`", m->ref->revision);
		fprintf(out, "; %zu run%s in the history.\n\n", h->nruns, h->nruns == 1 ? "" : "s");
	} else {
		fputs("No run was recorded by the end of this period.\n\n", out);
	}

	fputs("## Summary\n\n| Open conflicts | New this week | Resolved this week | "
	      "Acknowledged | Median age |\n|---:|---:|---:|---:|---:|\n",
	      out);
	fprintf(out, "| %lld | %lld | %lld | %lld | ", (long long)m->open, (long long)m->new_,
		(long long)m->resolved, (long long)m->acked);
	if (m->have_median)
		fprintf(out, "%g %s |\n\n", m->median_age_days, days((int64_t)m->median_age_days));
	else
		fputs("– |\n\n", out);
	fprintf(out, "Open by severity: %lld error%s, %lld warning%s, %lld note%s.\n\n",
		(long long)m->by_severity[2], m->by_severity[2] == 1 ? "" : "s",
		(long long)m->by_severity[1], m->by_severity[1] == 1 ? "" : "s",
		(long long)m->by_severity[0], m->by_severity[0] == 1 ? "" : "s");

	fprintf(out,
		"## Trend over %d weeks\n\n| Week | Starts | Open | New | Resolved |\n"
		"|---|---|---:|---:|---:|\n",
		m->nweeks);
	for (int k = m->nweeks; k-- > 0;) {
		const kb_aweek *w = &m->weeks[k];
		kb_htime_format(t1, w->start, false);
		if (w->has_run)
			fprintf(out, "| %s | %s | %lld | %lld | %lld |\n", w->name, t1,
				(long long)w->open, (long long)w->new_, (long long)w->resolved);
		else
			fprintf(out, "| %s | %s | – | %lld | %lld |\n", w->name, t1,
				(long long)w->new_, (long long)w->resolved);
	}
	fputc('\n', out);

	md_where(out, a, m);

	fputs("## Open conflicts: most severe and oldest first\n\n", out);
	if (!m->nopen_items)
		fputs("No open conflicts.\n\n", out);
	size_t limit = o->limit ? o->limit : 50;
	for (size_t i = 0; i < m->nopen_items && i < limit; i++)
		md_finding(out, a, m, i + 1, &m->open_items[i], false);
	if (m->nopen_items > limit)
		fprintf(out, "%zu more open conflicts are not shown here.\n\n",
			m->nopen_items - limit);
	if (m->nacked_items) {
		fputs("## Acknowledged differences\n\n", out);
		for (size_t i = 0; i < m->nacked_items; i++)
			md_finding(out, a, m, i + 1, &m->acked_items[i], true);
	}
	fputs("## Resolved in this period\n\n", out);
	if (!m->nresolved_items)
		fputs("None.\n\n", out);
	else
		fputs("| Conflict | Resolved | Was open | Where it was |\n|---|---|---:|---|\n",
		      out);
	for (size_t i = 0; i < m->nresolved_items; i++) {
		const kb_aitem *it = &m->resolved_items[i];
		fputs("| ", out);
		md_code(out, kb_audit_finding_name(a, it->f));
		kb_htime_format(t1, it->resolved, false);
		fprintf(out, " | %s | %lld %s | ", t1, (long long)it->age_days, days(it->age_days));
		for (size_t k = 0; k < it->f->nsides; k++)
			if (it->f->sides[k].deviates) {
				md_location(out, a, m, it->f->sides[k].claim,
					    kb_audit_last_seen(m, it->f));
				break;
			}
		fputs(" |\n", out);
	}
	if (m->nresolved_items)
		fputc('\n', out);
	md_matrix(out, a, m);
	md_coverage(out, a, m);
	kb_arena_free(a);
	return true;
}

/* ---- CSV ---- */

static void csv(FILE *out, const char *s, bool last)
{
	s = s ? s : "";
	bool guard = strchr("=+-@\t\r", s[0]) && s[0];
	fputc('"', out);
	if (guard)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
	fputc(last ? '\n' : ',', out);
}

static void csv_num(FILE *out, long long v, bool last)
{
	fprintf(out, "%lld%c", v, last ? '\n' : ',');
}

static void csv_item(FILE *out, kb_arena *a, const kb_audit_model *m, const char *status,
		     const kb_aitem *it)
{
	const kb_hfinding *f = it->f;
	char first[32], res[32] = "";
	kb_htime_format(first, it->since, false);
	if (it->resolved >= 0)
		kb_htime_format(res, it->resolved, false);
	for (size_t i = 0; i < f->nsides; i++) {
		const kb_hside *s = &f->sides[i];
		const kb_hclaim *c = s->claim;
		csv(out, status, false);
		csv(out, f->severity, false);
		csv(out, f->fingerprint, false);
		csv(out, f->topic, false);
		csv(out, f->attribute, false);
		csv(out, f->scope, false);
		csv(out, first, false);
		csv_num(out, it->age_days, false);
		csv(out, res, false);
		csv(out, f->ack_by, false);
		csv(out, f->ack_reason, false);
		csv(out, f->canonical, false);
		csv(out, f->majority, false);
		csv(out, f->message, false);
		csv_num(out, (long long)i + 1, false);
		csv(out, s->deviates ? "yes" : "no", false);
		csv(out, c->channel, false);
		csv(out, c->locale, false);
		csv(out, c->path, false);
		csv_num(out, c->line, false);
		csv_num(out, c->column, false);
		csv(out, c->value, false);
		csv(out, c->quote, false);
		csv(out, s->suggestion, false);
		csv(out, c->sentence, false);
		csv(out, c->question, false);
		csv(out,
		    kb_audit_link(a, m, c, it->resolved >= 0 ? kb_audit_last_seen(m, f) : NULL),
		    true);
	}
}

bool kb_audit_csv(const kb_history *h, const kb_audit_opts *o, FILE *out)
{
	kb_arena *a = kb_arena_new();
	const kb_audit_model *m = kb_audit_model_build(a, h, o);
	fputs("status,severity,fingerprint,topic,attribute,scope,first_seen,age_days,resolved,"
	      "ack_by,ack_reason,canonical,majority,message,side,deviates,channel,locale,path,"
	      "line,column,value,quote,suggestion,sentence,question,link\n",
	      out);
	for (size_t i = 0; i < m->nopen_items; i++)
		csv_item(out, a, m, m->open_items[i].is_new ? "new" : "open", &m->open_items[i]);
	for (size_t i = 0; i < m->nacked_items; i++)
		csv_item(out, a, m, "acknowledged", &m->acked_items[i]);
	for (size_t i = 0; i < m->nresolved_items; i++)
		csv_item(out, a, m, "resolved", &m->resolved_items[i]);
	kb_arena_free(a);
	return true;
}
