/* compare.c - group claims and find the values that cannot all be true. */
#include "compare.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/hash.h"
#include "../base/text.h"
#include "policy.h"
#include "suggest.h"

typedef struct {
	const kb_claim *c;
	const char *group; /* topic|attribute|scope[|currency] */
	const char *scope_key;
	const char *vkey;  /* kb_value_key */
	/* Ranks of group, vkey and path among the distinct ones (sorting
	 * compares these, not the strings: a big KB has tens of thousands of
	 * claims in a few dozen groups). */
	uint32_t grank, vrank, prank;
} entry;

/* One distinct value in a group, with its claims. */
typedef struct {
	const char *vkey;
	const kb_value *value;
	const entry *const *items;
	size_t n;
	size_t units; /* distinct units stating it */
} vclass;

const char *kb_severity_name(kb_severity s)
{
	static const char *const names[] = {"note", "warning", "error"};
	return names[s];
}

bool kb_severity_parse(const char *name, kb_severity *out)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(name, kb_severity_name((kb_severity)i))) {
			*out = (kb_severity)i;
			return true;
		}
	return false;
}

static int cmp_claim_pos(const kb_claim *a, const kb_claim *b)
{
	int c = strcmp(a->unit->source->path, b->unit->source->path);
	if (c)
		return c;
	if (a->loc.start != b->loc.start)
		return a->loc.start < b->loc.start ? -1 : 1;
	return 0;
}

/* The order of group, then vkey, then path and position -- by ranks. */
static int cmp_entry(const void *pa, const void *pb)
{
	const entry *a = *(const entry *const *)pa, *b = *(const entry *const *)pb;
	if (a->grank != b->grank)
		return a->grank < b->grank ? -1 : 1;
	if (a->vrank != b->vrank)
		return a->vrank < b->vrank ? -1 : 1;
	if (a->prank != b->prank)
		return a->prank < b->prank ? -1 : 1;
	if (a->c->loc.start != b->c->loc.start)
		return a->c->loc.start < b->c->loc.start ? -1 : 1;
	return 0;
}

/* Distinct strings and their rank in strcmp order. */
typedef struct {
	const char **keys; /* open addressing */
	uint32_t *id;
	size_t mask, n;
	const char **list; /* by id */
	uint32_t *rank;    /* by id */
} interner;

static void intern_init(interner *in, size_t expect)
{
	size_t cap = 64;
	while (cap < expect * 2)
		cap *= 2;
	in->keys = calloc(cap, sizeof *in->keys);
	in->id = malloc(cap * sizeof *in->id);
	in->list = malloc((expect ? expect : 1) * sizeof *in->list);
	if (!in->keys || !in->id || !in->list)
		abort();
	in->mask = cap - 1;
	in->n = 0;
	in->rank = NULL;
}

static uint32_t intern(interner *in, const char *s)
{
	size_t k = (size_t)kb_hash_buf(s, strlen(s), 9) & in->mask;
	while (in->keys[k]) {
		if (!strcmp(in->keys[k], s))
			return in->id[k];
		k = (k + 1) & in->mask;
	}
	in->keys[k] = s;
	in->id[k] = (uint32_t)in->n;
	in->list[in->n] = s;
	return (uint32_t)in->n++;
}

static int cmp_ids(const void *a, const void *b, void *list)
{
	const char *const *l = list;
	return strcmp(l[*(const uint32_t *)a], l[*(const uint32_t *)b]);
}

/* rank[id]: the place of the id's string among all, in strcmp order. */
static void intern_rank(interner *in)
{
	uint32_t *order = malloc((in->n ? in->n : 1) * sizeof *order);
	in->rank = malloc((in->n ? in->n : 1) * sizeof *in->rank);
	if (!order || !in->rank)
		abort();
	for (size_t i = 0; i < in->n; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, in->n, sizeof *order, cmp_ids, (void *)in->list);
	for (size_t i = 0; i < in->n; i++)
		in->rank[order[i]] = (uint32_t)i;
	free(order);
}

static void intern_free(interner *in)
{
	free(in->keys);
	free(in->id);
	free(in->list);
	free(in->rank);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *kb_fingerprint(kb_arena *a, const char *topic, const char *attribute,
			   const kb_scope *scope, const kb_claim *const *claims,
			   size_t n)
{
	/* Order-independent: hash the sorted "path\x1fquote" strings. */
	const char **keys = KB_NEWN(a, const char *, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		keys[i] = kb_sprintf(a, "%s\x1f%s",
				     claims[i]->unit->source->relpath ? claims[i]->unit->source->relpath
								      : claims[i]->unit->source->path,
				     kb_text_fold(a, claims[i]->quote, strlen(claims[i]->quote)));
	qsort(keys, n, sizeof *keys, cmp_str);
	uint64_t h = KB_HASH_INIT;
	const char *sk = kb_scope_key(a, scope);
	h = kb_hash(h, topic, strlen(topic) + 1);
	h = kb_hash(h, attribute, strlen(attribute) + 1);
	h = kb_hash(h, sk, strlen(sk) + 1);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && !strcmp(keys[i], keys[i - 1]))
			continue; /* the same phrase twice in one file counts once */
		h = kb_hash(h, keys[i], strlen(keys[i]) + 1);
	}
	return kb_sprintf(a, "%016llx", (unsigned long long)h);
}

static int cmp_ptr(const void *a, const void *b)
{
	const void *x = *(const void *const *)a, *y = *(const void *const *)b;
	return x < y ? -1 : x > y;
}

/* Distinct units among the claims (sorted, not pairwise: a group of a big
 * KB has thousands of claims). */
static size_t count_units(const entry *const *items, size_t n)
{
	if (n < 2)
		return n;
	const void **units = malloc(n * sizeof *units);
	if (!units)
		abort();
	for (size_t i = 0; i < n; i++)
		units[i] = items[i]->c->unit;
	qsort(units, n, sizeof *units, cmp_ptr);
	size_t distinct = 1;
	for (size_t i = 1; i < n; i++)
		distinct += units[i] != units[i - 1];
	free(units);
	return distinct;
}

static const char *value_str(kb_arena *a, const kb_value *v)
{
	kb_buf b = KB_BUF_INIT;
	kb_value_format(&b, v);
	const char *s = kb_strndup(a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	return s;
}

static const char *attr_phrase(kb_arena *a, const kb_claim *c)
{
	return kb_sprintf(a, "%s.%s", c->topic, c->attribute);
}

typedef struct {
	kb_arena *a;
	kb_vec *out;
	const kb_claim *first; /* for topic/attribute/scope */
	const char *title;
	const kb_policy *policy;
	const kb_value *canonical; /* for the group being compared, or NULL */
	const char *canonical_source;
	/* The reference claims picked for the last reference class: every
	 * finding of a group lists the same (picking them again for each
	 * would cost findings x statements). */
	const vclass *picked_for;
	const kb_claim **picked;
	size_t npicked, unlisted;
} ctx;

/* The reference claims a finding lists: all of them up to
 * KB_MAX_REFERENCE_SIDES, else that many, chosen so that every channel and
 * locale that states the reference value is shown (the first statement of
 * each, then the first others), in their sorted order.  The finding says
 * how many it leaves out; its message counts them all.  Without the limit
 * a KB with thousands of agreeing statements lists them all in every
 * finding: the report would grow as findings x statements. */
static size_t pick_reference(kb_arena *a, const vclass *ref, size_t nref,
			     const kb_claim ***out, size_t *unlisted)
{
	size_t n = 0;
	for (size_t i = 0; i < nref; i++)
		n += ref[i].n;
	const kb_claim **all = KB_NEWN(a, const kb_claim *, n ? n : 1);
	size_t k = 0;
	for (size_t i = 0; i < nref; i++)
		for (size_t j = 0; j < ref[i].n; j++)
			all[k++] = ref[i].items[j]->c;
	*unlisted = 0;
	*out = all;
	if (n <= KB_MAX_REFERENCE_SIDES)
		return n;
	bool *take = KB_NEWN(a, bool, n);
	const kb_claim *firsts[KB_MAX_REFERENCE_SIDES];
	size_t taken = 0;
	/* The last pair looked at is remembered: a class is sorted by path, so
	 * long runs of claims share channel and locale. */
	const kb_claim *last_seen = NULL;
	for (size_t i = 0; i < n && taken < KB_MAX_REFERENCE_SIDES; i++) {
		const kb_claim *c = all[i];
		if (last_seen && last_seen->unit->source->channel == c->unit->source->channel &&
		    (last_seen->unit->locale == c->unit->locale ||
		     !strcmp(last_seen->unit->locale, c->unit->locale)))
			continue;
		bool seen = false;
		for (size_t j = 0; j < taken && !seen; j++)
			seen = firsts[j]->unit->source->channel == c->unit->source->channel &&
			       !strcmp(firsts[j]->unit->locale, c->unit->locale);
		last_seen = c;
		if (!seen) {
			take[i] = true;
			firsts[taken++] = c;
		}
	}
	for (size_t i = 0; i < n && taken < KB_MAX_REFERENCE_SIDES; i++)
		if (!take[i]) {
			take[i] = true;
			taken++;
		}
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (take[i])
			all[m++] = all[i];
	*unlisted = n - m;
	return m;
}

/* One finding: dev (deviating classes) against ref (reference classes). */
static void add_finding(ctx *x, kb_severity sev, const vclass *dev, size_t ndev,
			const vclass *ref, size_t nref, const vclass *majority,
			size_t total_units, const char *tag, const char *message)
{
	kb_arena *a = x->a;
	size_t n = 0;
	for (size_t i = 0; i < ndev; i++)
		n += dev[i].n;
	size_t ndevclaims = n;
	const kb_claim **refc;
	size_t unlisted;
	if (nref == 1 && ref == x->picked_for) {
		refc = x->picked;
		unlisted = x->unlisted;
		n += x->npicked;
	} else {
		size_t np = pick_reference(a, ref, nref, &refc, &unlisted);
		n += np;
		if (nref == 1) {
			x->picked_for = ref;
			x->picked = refc;
			x->npicked = np;
			x->unlisted = unlisted;
		}
	}
	kb_side *sides = KB_NEWN(a, kb_side, n);
	const kb_claim **devc = KB_NEWN(a, const kb_claim *, ndevclaims ? ndevclaims : 1);
	size_t k = 0;
	for (size_t i = 0; i < ndev; i++)
		for (size_t j = 0; j < dev[i].n; j++) {
			devc[k] = dev[i].items[j]->c;
			sides[k].claim = dev[i].items[j]->c;
			sides[k].deviates = true;
			k++;
		}
	for (size_t i = 0; k < n; i++) {
		sides[k].claim = refc[i];
		sides[k].deviates = false;
		k++;
	}
	kb_finding *f = KB_NEW(a, kb_finding);
	f->unlisted = unlisted;
	f->topic = x->first->topic;
	f->attribute = x->first->attribute;
	f->title = x->title;
	f->scope = dev[0].items[0]->c->scope;
	f->severity = sev;
	f->sides = sides;
	f->nsides = n;
	f->message = message;
	f->canonical = x->canonical;
	f->canonical_source = x->canonical_source;
	f->majority = majority ? majority->value : NULL;
	f->majority_count = majority ? majority->units : 0;
	f->sources = total_units;
	const char *topic = tag ? kb_sprintf(a, "%s#%s", f->topic, tag) : f->topic;
	f->fingerprint = kb_fingerprint(a, topic, f->attribute, &f->scope, devc, ndevclaims);
	if (majority || f->canonical)
		kb_suggest(a, f);
	kb_vec_push(a, x->out, f);
}

static kb_severity pair_severity(const kb_value *a, const kb_value *b)
{
	if (kb_value_inside(a, b) || kb_value_inside(b, a))
		return KB_SEV_NOTE;
	return KB_SEV_WARNING;
}

static void compare_values(ctx *x, vclass *cls, size_t ncls);

/* Different currencies are different scopes (no exchange rates): compare
 * each currency's amounts with each other and with "free" (no currency). */
static void compare_group(ctx *x, vclass *cls, size_t ncls)
{
	const char *cur[16];
	size_t ncur = 0;
	for (size_t i = 0; i < ncls; i++) {
		if (cls[i].value->kind != KB_V_MONEY || !cls[i].value->currency[0])
			continue;
		bool seen = false;
		for (size_t k = 0; k < ncur; k++)
			seen |= !strcmp(cur[k], cls[i].value->currency);
		if (!seen && ncur < 16)
			cur[ncur++] = cls[i].value->currency;
	}
	if (ncur <= 1) {
		compare_values(x, cls, ncls);
		return;
	}
	vclass *sub = KB_NEWN(x->a, vclass, ncls);
	for (size_t k = 0; k < ncur; k++) {
		size_t n = 0;
		for (size_t i = 0; i < ncls; i++)
			if (!cls[i].value->currency[0] || !strcmp(cls[i].value->currency, cur[k]))
				sub[n++] = cls[i];
		compare_values(x, sub, n);
	}
}

/* The class a strict majority of units state, or NULL on a tie. */
static const vclass *majority_of(const vclass *cls, size_t ncls)
{
	size_t best = 0;
	bool tie = false;
	for (size_t i = 1; i < ncls; i++) {
		if (cls[i].units > cls[best].units) {
			best = i;
			tie = false;
		} else if (cls[i].units == cls[best].units) {
			tie = true;
		}
	}
	return tie ? NULL : &cls[best];
}

static size_t total_units(kb_arena *a, const vclass *cls, size_t ncls)
{
	size_t nall = 0, k = 0;
	for (size_t i = 0; i < ncls; i++)
		nall += cls[i].n;
	const entry **all = KB_NEWN(a, const entry *, nall ? nall : 1);
	for (size_t i = 0; i < ncls; i++)
		for (size_t j = 0; j < cls[i].n; j++)
			all[k++] = cls[i].items[j];
	return count_units(all, nall);
}

/* With a canonical value: every other value is an error (a note when it
 * lies inside the canonical range, or the canonical value inside it). */
static void compare_canonical(ctx *x, vclass *cls, size_t ncls)
{
	kb_arena *a = x->a;
	const char *ck = kb_value_key(a, x->canonical);
	const vclass *ref = NULL;
	for (size_t i = 0; i < ncls; i++)
		if (!strcmp(cls[i].vkey, ck))
			ref = &cls[i];
	const vclass *maj = majority_of(cls, ncls);
	size_t total = total_units(a, cls, ncls);
	for (size_t i = 0; i < ncls; i++) {
		if (&cls[i] == ref)
			continue;
		kb_severity sev = pair_severity(cls[i].value, x->canonical) == KB_SEV_NOTE
				      ? KB_SEV_NOTE
				      : KB_SEV_ERROR;
		kb_buf b = KB_BUF_INIT;
		kb_buf_printf(&b, "%s is %s here, but the policy says %s (%s)",
			      attr_phrase(a, x->first), value_str(a, cls[i].value),
			      value_str(a, x->canonical), x->canonical_source);
		if (maj && total > 1)
			kb_buf_printf(&b, "; %zu of %zu sources say %s", maj->units, total,
				      value_str(a, maj->value));
		const char *msg = kb_strndup(a, kb_buf_cstr(&b), b.len);
		kb_buf_free(&b);
		add_finding(x, sev, &cls[i], 1, ref, ref ? 1 : 0, maj, total, NULL, msg);
	}
}

/* The canonical value of the group x->first belongs to: the policy file,
 * else the one value the source-of-truth channel states. */
static void find_canonical(ctx *x, vclass *cls, size_t ncls)
{
	x->canonical = NULL;
	x->canonical_source = NULL;
	const kb_claim *c = x->first;
	x->canonical = kb_policy_value(x->policy, c->topic, c->attribute, &c->scope,
				       &x->canonical_source);
	kb_channel truth = kb_policy_truth(x->policy);
	if (x->canonical || !truth)
		return;
	const vclass *only = NULL;
	for (size_t i = 0; i < ncls; i++)
		for (size_t j = 0; j < cls[i].n; j++)
			if (cls[i].items[j]->c->unit->source->channel == truth) {
				if (only && only != &cls[i])
					return; /* the source of truth disagrees with itself */
				only = &cls[i];
			}
	if (only) {
		x->canonical = only->value;
		x->canonical_source = kb_sprintf(x->a, "source of truth: %s",
						 kb_channel_name(truth));
	}
}

static void compare_values(ctx *x, vclass *cls, size_t ncls)
{
	kb_arena *a = x->a;
	x->picked_for = NULL; /* cls may reuse the memory of another group's */
	find_canonical(x, cls, ncls);
	if (x->canonical) {
		compare_canonical(x, cls, ncls);
		return;
	}
	if (ncls < 2)
		return;
	size_t total = 0;
	const entry **all = NULL;
	size_t nall = 0;
	for (size_t i = 0; i < ncls; i++)
		nall += cls[i].n;
	all = KB_NEWN(a, const entry *, nall);
	size_t k = 0;
	for (size_t i = 0; i < ncls; i++)
		for (size_t j = 0; j < cls[i].n; j++)
			all[k++] = cls[i].items[j];
	total = count_units(all, nall);

	/* Reference: a strict majority of units. */
	size_t best = 0;
	bool tie = false;
	for (size_t i = 1; i < ncls; i++) {
		if (cls[i].units > cls[best].units) {
			best = i;
			tie = false;
		} else if (cls[i].units == cls[best].units) {
			tie = true;
		}
	}
	if (tie) {
		kb_buf b = KB_BUF_INIT;
		if (total == 1)
			kb_buf_printf(&b, "this answer contradicts itself on %s:",
				      attr_phrase(a, x->first));
		else
			kb_buf_printf(&b, "sources disagree on %s:", attr_phrase(a, x->first));
		kb_severity sev = ncls == 2 ? pair_severity(cls[0].value, cls[1].value)
					    : KB_SEV_WARNING;
		for (size_t i = 0; i < ncls; i++) {
			kb_buf_printf(&b, "%s %s", i ? "," : "", value_str(a, cls[i].value));
			if (total > 1)
				kb_buf_printf(&b, " (%zu)", cls[i].units);
		}
		const char *msg = kb_strndup(a, kb_buf_cstr(&b), b.len);
		kb_buf_free(&b);
		add_finding(x, sev, cls, ncls, NULL, 0, NULL, total, NULL, msg);
		return;
	}
	const vclass *ref = &cls[best];
	for (size_t i = 0; i < ncls; i++) {
		if (i == best)
			continue;
		kb_severity sev = pair_severity(cls[i].value, ref->value);
		const char *msg = kb_sprintf(
		    a, "%s is %s here, but %zu of %zu sources say %s%s",
		    attr_phrase(a, x->first), value_str(a, cls[i].value), ref->units, total,
		    value_str(a, ref->value), sev == KB_SEV_NOTE ? " (possible conflict)" : "");
		add_finding(x, sev, &cls[i], 1, ref, 1, ref, total, NULL, msg);
	}
}

/* Split sorted entries [lo,hi) of one group into value classes. */
static size_t make_classes(kb_arena *a, const entry **e, size_t lo, size_t hi,
			   vclass **out)
{
	vclass *cls = KB_NEWN(a, vclass, hi - lo);
	size_t n = 0;
	for (size_t i = lo; i < hi;) {
		size_t j = i;
		while (j < hi && !strcmp(e[j]->vkey, e[i]->vkey))
			j++;
		cls[n].vkey = e[i]->vkey;
		cls[n].value = &e[i]->c->value;
		cls[n].items = &e[i];
		cls[n].n = j - i;
		cls[n].units = count_units(&e[i], j - i);
		n++;
		i = j;
	}
	*out = cls;
	return n;
}

static int cmp_finding(const void *pa, const void *pb)
{
	const kb_finding *a = *(kb_finding *const *)pa, *b = *(kb_finding *const *)pb;
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	int c = cmp_claim_pos(a->sides[0].claim, b->sides[0].claim);
	if (c)
		return c;
	return strcmp(a->fingerprint, b->fingerprint);
}

typedef struct {
	const char *fp;
	size_t at;
} fp_at;

static int cmp_fp_at(const void *pa, const void *pb)
{
	const fp_at *a = pa, *b = pb;
	int c = strcmp(a->fp, b->fp);
	if (c)
		return c;
	return a->at < b->at ? -1 : a->at > b->at;
}

/* Unscoped claims against scoped groups of the same topic and attribute:
 * a weaker, possible conflict. */
static void compare_unscoped(ctx *x, const entry **e, const size_t *bounds, size_t nb)
{
	kb_arena *a = x->a;
	/* bounds: the groups (one per scope) of this topic.attribute. */
	size_t g0 = (size_t)-1;
	for (size_t g = 0; g + 1 < nb; g++)
		if (e[bounds[g]]->c->scope.n == 0)
			g0 = g;
	if (g0 == (size_t)-1)
		return;
	vclass *ucls;
	size_t nu = make_classes(a, e, bounds[g0], bounds[g0 + 1], &ucls);
	/* Only the unscoped group's own reference value (canonical, else the
	 * majority) is set against the scoped statements: the other unscoped
	 * values are already reported within their group. */
	x->first = ucls[0].items[0]->c;
	x->picked_for = NULL;
	const vclass *uref = NULL;
	x->canonical = kb_policy_value(x->policy, x->first->topic, x->first->attribute,
				       &x->first->scope, &x->canonical_source);
	if (x->canonical) {
		const char *ck = kb_value_key(a, x->canonical);
		for (size_t i = 0; i < nu; i++)
			if (!strcmp(ucls[i].vkey, ck))
				uref = &ucls[i];
	} else {
		uref = majority_of(ucls, nu);
	}
	x->canonical = NULL;
	x->canonical_source = NULL;
	if (!uref)
		return;
	ucls = (vclass *)uref;
	nu = 1;
	for (size_t g = 0; g + 1 < nb; g++) {
		if (g == g0)
			continue;
		vclass *scls;
		size_t ns = make_classes(a, e, bounds[g], bounds[g + 1], &scls);
		for (size_t i = 0; i < nu; i++) {
			bool agrees = false;
			for (size_t j = 0; j < ns; j++)
				agrees |= !strcmp(ucls[i].vkey, scls[j].vkey);
			if (agrees)
				continue;
			x->first = ucls[i].items[0]->c;
			const char *sk = e[bounds[g]]->scope_key;
			const char *msg = kb_sprintf(
			    a, "%s is %s with no scope here, but %s for %s (possible conflict)",
			    attr_phrase(a, x->first), value_str(a, ucls[i].value),
			    value_str(a, scls[0].value), sk);
			add_finding(x, KB_SEV_NOTE, &ucls[i], 1, scls, ns, NULL,
				    ucls[i].units + scls[0].units, kb_sprintf(a, "unscoped:%s", sk),
				    msg);
		}
	}
}

void kb_compare(kb_arena *a, const kb_vec *claims, const kb_policy *policy,
		kb_vec *out)
{
	size_t n = claims->len;
	if (n == 0)
		return;
	const entry **e = KB_NEWN(a, const entry *, n);
	for (size_t i = 0; i < n; i++) {
		const kb_claim *c = claims->items[i];
		entry *en = KB_NEW(a, entry);
		en->c = c;
		en->scope_key = c->skey ? c->skey : kb_scope_key(a, &c->scope);
		/* topic \x1f attribute \x1f scope, put together by hand: a
		 * printf per claim is a visible part of comparing a big KB. */
		size_t lt = strlen(c->topic), la = strlen(c->attribute), ls = strlen(en->scope_key);
		char *g = kb_alloc_raw(a, lt + la + ls + 3);
		memcpy(g, c->topic, lt);
		g[lt] = '\x1f';
		memcpy(g + lt + 1, c->attribute, la);
		g[lt + 1 + la] = '\x1f';
		memcpy(g + lt + la + 2, en->scope_key, ls + 1);
		en->group = g;
		en->vkey = c->vkey ? c->vkey : kb_value_key(a, &c->value);
		e[i] = en;
	}
	interner groups, vkeys, paths;
	intern_init(&groups, n);
	intern_init(&vkeys, n);
	intern_init(&paths, n);
	uint32_t *ids = malloc(n * 3 * sizeof *ids);
	if (!ids)
		abort();
	for (size_t i = 0; i < n; i++) {
		ids[3 * i] = intern(&groups, e[i]->group);
		ids[3 * i + 1] = intern(&vkeys, e[i]->vkey);
		ids[3 * i + 2] = intern(&paths, e[i]->c->unit->source->path);
	}
	intern_rank(&groups);
	intern_rank(&vkeys);
	intern_rank(&paths);
	for (size_t i = 0; i < n; i++) {
		entry *en = (entry *)e[i];
		en->grank = groups.rank[ids[3 * i]];
		en->vrank = vkeys.rank[ids[3 * i + 1]];
		en->prank = paths.rank[ids[3 * i + 2]];
	}
	free(ids);
	intern_free(&groups);
	intern_free(&vkeys);
	intern_free(&paths);
	qsort(e, n, sizeof *e, cmp_entry);
	/* The same statement reached twice (an AIML <srai> target quoted by the
	 * category that redirects to it) counts once. */
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m > 0 && e[i]->grank == e[m - 1]->grank && e[i]->vrank == e[m - 1]->vrank &&
		    e[i]->c->unit->source == e[m - 1]->c->unit->source &&
		    e[i]->c->loc.start == e[m - 1]->c->loc.start &&
		    e[i]->c->loc.end == e[m - 1]->c->loc.end)
			continue;
		e[m++] = e[i];
	}
	n = m;
	size_t first_out = out->len;
	/* Walk topic.attribute ranges, and groups inside them. */
	for (size_t lo = 0; lo < n;) {
		const kb_claim *c0 = e[lo]->c;
		size_t hi = lo;
		while (hi < n && !strcmp(e[hi]->c->topic, c0->topic) &&
		       !strcmp(e[hi]->c->attribute, c0->attribute))
			hi++;
		size_t *bounds = KB_NEWN(a, size_t, hi - lo + 1);
		size_t nb = 0;
		for (size_t i = lo; i < hi;) {
			bounds[nb++] = i;
			size_t j = i;
			while (j < hi && e[j]->grank == e[i]->grank)
				j++;
			ctx x = {.a = a, .out = out, .first = e[i]->c, .policy = policy};
			vclass *cls;
			size_t ncls = make_classes(a, e, i, j, &cls);
			compare_group(&x, cls, ncls);
			i = j;
		}
		bounds[nb++] = hi;
		ctx x = {.a = a, .out = out, .first = c0, .policy = policy};
		compare_unscoped(&x, e, bounds, nb);
		lo = hi;
	}
	size_t nf = out->len - first_out;
	if (nf > 1)
		qsort(out->items + first_out, nf, sizeof(void *), cmp_finding);
	/* "Free" is compared within every currency: drop repeats (the first
	 * of each fingerprint stays, in order). */
	if (nf > 1) {
		fp_at *byfp = malloc(nf * sizeof *byfp);
		bool *repeat = calloc(nf, sizeof *repeat);
		if (!byfp || !repeat)
			abort();
		for (size_t i = 0; i < nf; i++)
			byfp[i] = (fp_at){((kb_finding *)out->items[first_out + i])->fingerprint, i};
		qsort(byfp, nf, sizeof *byfp, cmp_fp_at);
		for (size_t i = 1; i < nf; i++)
			if (!strcmp(byfp[i].fp, byfp[i - 1].fp))
				repeat[byfp[i].at] = true;
		size_t k = first_out;
		for (size_t i = 0; i < nf; i++)
			if (!repeat[i])
				out->items[k++] = out->items[first_out + i];
		out->len = k;
		free(byfp);
		free(repeat);
	}
}
