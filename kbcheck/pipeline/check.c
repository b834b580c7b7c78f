/* check.c - a check as every command runs it (kb_run_check): the analysis
 * with the cache, the comparison, and which findings fail the run, decided
 * here once for check, baseline create, explain, ack, corpus and db record
 * (the reporters show the decision, they never make it).  And the answer
 * texts a cached run dropped, brought back for the findings a command
 * quotes in full (explain) or rewrites (fix). */
#include "run.h"

#include <string.h>
#include <time.h>

#include "../parse/parser.h"
#include "../source/walk.h"

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void kb_run_check(kb_run *r, const kb_run_opts *o)
{
	double t0 = seconds();
	kb_run_analyze(r, o);
	double t1 = seconds();
	if (o->comparing)
		o->comparing(o->progress_user, r->claims.len);
	kb_run_compare(r, o);
	kb_run_decide(r, o);
	r->analyze_seconds = t1 - t0;
	r->compare_seconds = seconds() - t1;
}

/* The findings to report: the run's, then (--show-acked) the acknowledged
 * ones; with baseline_only, those the baseline holds. */
static void gather_reported(kb_run *r, const kb_run_opts *o)
{
	const kb_vec *lists[2] = {&r->findings, o->show_acked ? &r->acked : NULL};
	r->reported = (kb_vec){0};
	for (int l = 0; l < 2 && lists[l]; l++)
		for (size_t i = 0; i < lists[l]->len; i++) {
			kb_finding *f = lists[l]->items[i];
			bool by_prev = false;
			bool kept = !o->baseline_only ||
				    kb_baseline_has_finding(o->baseline, f, &by_prev);
			r->baseline_prev += by_prev;
			if (kept)
				kb_vec_push(r->arena, &r->reported, f);
		}
}

/* How finding f stands: against the baseline, the changed files and
 * fail_on. */
static kb_finding_status status_of(const kb_finding *f, const kb_run_opts *o,
				   const kb_baseline *base, size_t *base_prev)
{
	kb_finding_status st = {0};
	bool by_prev = false;
	st.baseline = !base ? KB_BASELINE_NONE
		    : kb_baseline_has_finding(base, f, &by_prev) ? KB_BASELINE_EXISTING
								 : KB_BASELINE_NEW;
	*base_prev += by_prev;
	/* A finding touches a changed file when a phrase it reports as
	 * deviating is in one; the other sides are context: editing a page
	 * that many findings cite as the majority does not make them all
	 * fail. */
	st.changed = !o->changes;
	for (size_t k = 0; k < f->nsides && !st.changed; k++) {
		st.changed = f->sides[k].deviates &&
			     kb_changes_has(o->changes, f->sides[k].claim->unit->source->path);
		st.primary = st.changed ? k : 0;
	}
	st.failing = f->severity >= o->fail_on && !f->ack_reason &&
		     st.baseline != KB_BASELINE_EXISTING && st.changed;
	return st;
}

void kb_run_decide(kb_run *r, const kb_run_opts *o)
{
	r->baseline_prev = 0;
	gather_reported(r, o);
	/* baseline create --baseline OLD keeps OLD's findings, none of them
	 * existing: they are the new baseline. */
	const kb_baseline *base = o->baseline_only ? NULL : o->baseline;
	size_t n = r->reported.len;
	r->status = KB_NEWN(r->arena, kb_finding_status, n ? n : 1);
	kb_stats *s = &r->stats;
	*s = (kb_stats){.files = r->sources.len,
			.units = r->units.len,
			.claims = r->claims.len,
			.findings = n,
			.acked = r->acked.len};
	for (size_t i = 0; i < n; i++) {
		const kb_finding *f = r->reported.items[i];
		r->status[i] = status_of(f, o, base, &r->baseline_prev);
		s->by_severity[f->severity]++;
		s->failing += r->status[i].failing;
		s->existing += r->status[i].baseline == KB_BASELINE_EXISTING;
		s->unchanged += !r->status[i].changed;
	}
}

bool kb_run_fails(const kb_run *r, long max_findings)
{
	return r->stats.failing > (max_findings < 0 ? 0 : (size_t)max_findings);
}

/* Parses source s again, texts kept, and gives its units that lost their
 * text theirs back: the same bytes parse to the same units in the same
 * order (units[0..n) are s's in the run). */
static void restore_texts(kb_run *r, kb_source *s, kb_unit **units, size_t n)
{
	if (!s->data && !kb_source_load(s, r->arena))
		return;
	const kb_parser *p = kb_parser_find(s->format);
	kb_vec fresh = {0};
	/* Its diagnostics were the run's already. */
	kb_parse_ctx ctx = {.arena = r->arena,
			    .diags = kb_diags_new(r->arena),
			    .source = s,
			    .units = &fresh,
			    .sources = &r->sources};
	if (p)
		p->parse(&ctx);
	if (fresh.len != n)
		return;
	for (size_t k = 0; k < n; k++) {
		const kb_unit *v = fresh.items[k];
		kb_unit *u = units[k];
		if (u->text || strcmp(u->id, v->id) || u->text_len != v->text_len)
			continue;
		u->text = v->text;
		u->segs = v->segs;
		u->nsegs = v->nsegs;
		u->blocks = v->blocks;
		u->nblocks = v->nblocks;
	}
}

void kb_run_finding_texts(kb_run *r, const kb_finding *f)
{
	for (size_t i = 0; i < f->nsides; i++) {
		const kb_unit *u = f->sides[i].claim->unit;
		if (u->text)
			continue;
		/* The source's units are together in r->units, in its order. */
		size_t first = 0, n = 0;
		while (first < r->units.len &&
		       ((const kb_unit *)r->units.items[first])->source != u->source)
			first++;
		while (first + n < r->units.len &&
		       ((const kb_unit *)r->units.items[first + n])->source == u->source)
			n++;
		restore_texts(r, (kb_source *)u->source, (kb_unit **)r->units.items + first, n);
	}
}
