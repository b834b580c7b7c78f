/* coverage.c - files not read, values without a claim, topics without a
 * claim in a channel (coverage.h). */
#include "coverage.h"

#include <stdlib.h>
#include <string.h>

#include "../rules/drift.h"

static int cmp_unread(const void *a, const void *b)
{
	const kb_unread *x = *(const kb_unread *const *)a, *y = *(const kb_unread *const *)b;
	if (x->reason != y->reason)
		return x->reason < y->reason ? -1 : 1;
	return strcmp(x->path, y->path);
}

static int cmp_unclaimed(const void *a, const void *b)
{
	const kb_unclaimed *x = *(const kb_unclaimed *const *)a;
	const kb_unclaimed *y = *(const kb_unclaimed *const *)b;
	int c = strcmp(x->unit->source->path, y->unit->source->path);
	if (c)
		return c;
	if (x->loc.line != y->loc.line)
		return x->loc.line < y->loc.line ? -1 : 1;
	if (x->loc.column != y->loc.column)
		return x->loc.column < y->loc.column ? -1 : 1;
	return strcmp(x->topic, y->topic);
}

/* A sorted copy of v's pointers, in a. */
static const void **sorted(kb_arena *a, const kb_vec *v, int (*cmp)(const void *, const void *))
{
	const void **p = KB_NEWN(a, const void *, v->len ? v->len : 1);
	if (v->len)
		memcpy(p, v->items, v->len * sizeof *p);
	if (v->len > 1)
		qsort(p, v->len, sizeof *p, cmp);
	return p;
}

static void group_unread(kb_arena *a, kb_coverage *cov, const kb_vec *unread)
{
	const kb_unread **u = (const kb_unread **)sorted(a, unread, cmp_unread);
	kb_cov_reason *rs = KB_NEWN(a, kb_cov_reason, KB_UNREAD_NREASONS);
	size_t n = 0;
	for (size_t i = 0; i < unread->len;) {
		size_t j = i;
		while (j < unread->len && u[j]->reason == u[i]->reason)
			j++;
		rs[n++] = (kb_cov_reason){u[i]->reason, j - i, u + i,
					  j - i < KB_COVERAGE_LIST_MAX ? j - i : KB_COVERAGE_LIST_MAX};
		i = j;
	}
	cov->reasons = rs;
	cov->nreasons = n;
	cov->unread = unread->len;
}

static int cmp_topic_id(const void *a, const void *b)
{
	return strcmp(((const kb_cov_topic *)a)->topic, ((const kb_cov_topic *)b)->topic);
}

/* Confident claims per topic and channel.  Topics are few (tens): a
 * search by id per claim costs nothing next to extraction. */
static void count_topics(kb_arena *a, kb_coverage *cov, const kb_vec *claims,
			 const kb_rules *rules)
{
	size_t nt = rules ? kb_rules_ntopics(rules) : 0;
	kb_cov_topic *ts = KB_NEWN(a, kb_cov_topic, nt ? nt : 1);
	for (size_t i = 0; i < nt; i++)
		ts[i].topic = kb_rules_topic(rules, i)->id;
	qsort(ts, nt, sizeof *ts, cmp_topic_id);
	for (size_t i = 0; i < claims->len; i++) {
		const kb_claim *c = claims->items[i];
		if (c->how == KB_HOW_WEAK || !strcmp(c->topic, KB_DRIFT_TOPIC))
			continue;
		kb_cov_topic key = {.topic = c->topic};
		kb_cov_topic *t = bsearch(&key, ts, nt, sizeof *ts, cmp_topic_id);
		kb_channel ch = c->unit->source->channel;
		if (t && (int)ch < KB_NCHANNELS)
			t->claims[ch]++;
	}
	cov->topics = ts;
	cov->ntopics = nt;
}

kb_coverage *kb_coverage_make(kb_arena *a, const kb_vec *units, const kb_vec *claims,
			      const kb_vec *unread, const kb_vec *unclaimed,
			      const kb_rules *rules)
{
	kb_coverage *cov = KB_NEW(a, kb_coverage);
	group_unread(a, cov, unread);
	cov->unclaimed = (const kb_unclaimed *const *)sorted(a, unclaimed, cmp_unclaimed);
	cov->nunclaimed = unclaimed->len;
	cov->nlisted = unclaimed->len < KB_COVERAGE_LIST_MAX ? unclaimed->len : KB_COVERAGE_LIST_MAX;
	for (size_t i = 0; i < units->len; i++) {
		kb_channel ch = ((const kb_unit *)units->items[i])->source->channel;
		if ((int)ch < KB_NCHANNELS && !cov->present[ch]) {
			cov->present[ch] = true;
			cov->npresent++;
		}
	}
	count_topics(a, cov, claims, rules);
	return cov;
}

size_t kb_coverage_gaps(const kb_coverage *cov, const kb_cov_topic *t)
{
	size_t n = 0;
	for (int ch = 0; ch < KB_NCHANNELS; ch++)
		n += cov->present[ch] && !t->claims[ch];
	return n;
}
