/* compare.c - group claims and find the values that cannot all be true. */
#include "compare.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/hash.h"
#include "../base/text.h"
#include "../rules/drift.h"
#include "canon.h"
#include "suggest.h"

typedef struct {
	const kb_claim *c;
	const char *group; /* topic|attribute|scope[|currency] */
	const char *scope_key;
	const char *vkey;  /* kb_value_key */
	/* Ranks of group, vkey and path among the distinct ones (sorting
	 * compares these, not the strings: a big KB has tens of thousands of
	 * claims in a few dozen groups), and the unit's number (counting the
	 * distinct units of a class is then a pass, not a sort). */
	uint32_t grank, vrank, prank, unit;
} entry;

/* One distinct value in a group, with its claims. */
typedef struct {
	const char *vkey;
	const kb_value *value;
	const entry *const *items;
	size_t n;
	size_t units; /* distinct units stating it */
} vclass;

/* Counts distinct units: seen[unit] holds the number of the count that
 * last saw it. */
typedef struct {
	uint32_t *seen;
	uint32_t count;
} unit_counter;

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

/* Equal strings (only sources' paths could be) in the order of their ids:
 * the same ranks in every run. */
static int cmp_ids(const void *a, const void *b, void *list)
{
	const char *const *l = list;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcmp(l[x], l[y]);
	return c ? c : x < y ? -1 : x > y;
}

/* rank[id] (malloc'd): the place of list[id] among list[0..n), in strcmp
 * order. */
static uint32_t *rank_strings(const char *const *list, size_t n)
{
	uint32_t *order = malloc((n ? n : 1) * sizeof *order);
	uint32_t *rank = malloc((n ? n : 1) * sizeof *rank);
	if (!order || !rank)
		abort();
	for (size_t i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, n, sizeof *order, cmp_ids, (void *)list);
	for (size_t i = 0; i < n; i++)
		rank[order[i]] = (uint32_t)i;
	free(order);
	return rank;
}

static void intern_rank(interner *in) { in->rank = rank_strings(in->list, in->n); }

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

static uint64_t hash_head(const char *topic, const char *attribute, const char *sk)
{
	uint64_t h = KB_HASH_INIT;
	h = kb_hash(h, topic, strlen(topic) + 1);
	h = kb_hash(h, attribute, strlen(attribute) + 1);
	return kb_hash(h, sk, strlen(sk) + 1);
}

/* Finishes head h with the claims' sorted "path\x1fquote" strings (order-
 * independent), each path without the first skip bytes. */
static const char *hash_claims(kb_arena *a, uint64_t h, const kb_claim *const *claims,
			       size_t n, size_t skip)
{
	const char **keys = KB_NEWN(a, const char *, n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		const kb_source *src = claims[i]->unit->source;
		const char *path = src->relpath ? src->relpath : src->path;
		keys[i] = kb_sprintf(a, "%s\x1f%s", path + (strlen(path) > skip ? skip : 0),
				     kb_text_fold(a, claims[i]->quote, strlen(claims[i]->quote)));
	}
	qsort(keys, n, sizeof *keys, cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && !strcmp(keys[i], keys[i - 1]))
			continue; /* the same phrase twice in one file counts once */
		h = kb_hash(h, keys[i], strlen(keys[i]) + 1);
	}
	return kb_sprintf(a, "%016llx", (unsigned long long)h);
}

const char *kb_fingerprint(kb_arena *a, const char *topic, const char *attribute,
			   const kb_scope *scope, const kb_claim *const *claims,
			   size_t n)
{
	return hash_claims(a, hash_head(topic, attribute, kb_scope_key(a, scope)), claims, n, 0);
}

/* Scope key sk without its open labels (recipe 1 had none). */
static const char *key_without_labels(kb_arena *a, const kb_scope *scope)
{
	kb_scope_kv *kv = KB_NEWN(a, kb_scope_kv, scope->n ? scope->n : 1);
	kb_scope s = {kv, 0};
	for (size_t i = 0; i < scope->n; i++)
		if (strcmp(scope->kv[i].key, "label") != 0)
			kv[s.n++] = scope->kv[i];
	return kb_scope_key(a, &s);
}

void kb_fingerprints_previous(kb_arena *a, kb_vec *findings, const char *given)
{
	/* "kb" given below the root: recipe 1's paths lack "kb/". */
	size_t skip = given && *given && strcmp(given, ".") ? strlen(given) + 1 : 0;
	for (size_t i = 0; i < findings->len; i++) {
		kb_finding *f = findings->items[i];
		size_t n = 0;
		while (n < f->nsides && f->sides[n].deviates)
			n++;
		const kb_claim **devc = KB_NEWN(a, const kb_claim *, n ? n : 1);
		for (size_t k = 0; k < n; k++)
			devc[k] = f->sides[k].claim;
		const char *fp = hash_claims(a, f->fp_prev_head, devc, n, skip);
		f->fingerprint_prev = strcmp(fp, f->fingerprint) ? fp : f->fingerprint;
	}
}

/* The units of the claims not yet seen by count now (one pass, not a
 * sort: a group of a big KB has thousands of claims). */
static size_t mark_units(unit_counter *uc, uint32_t now, const entry *const *items, size_t n)
{
	size_t fresh = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t *s = &uc->seen[items[i]->unit];
		fresh += *s != now;
		*s = now;
	}
	return fresh;
}

/* Distinct units among the claims. */
static size_t count_units(unit_counter *uc, const entry *const *items, size_t n)
{
	return n < 2 ? n : mark_units(uc, ++uc->count, items, n);
}

static const char *value_str(kb_arena *a, const kb_value *v)
{
	kb_buf b = KB_BUF_INIT;
	kb_value_format(&b, v);
	const char *s = kb_strndup(a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	return s;
}

static bool is_drift(const char *topic) { return !strcmp(topic, KB_DRIFT_TOPIC); }

static const char *attr_phrase(kb_arena *a, const kb_claim *c)
{
	if (is_drift(c->topic))
		return "the same statement (its values masked)";
	return kb_sprintf(a, "%s.%s", c->topic, c->attribute);
}

typedef struct {
	kb_arena *a;
	unit_counter *uc;
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

/* Two confident sides that state different values: a deviating claim not
 * found weakly, and another claim with another value not found weakly
 * (the canonical value counts as one). */
static bool confident(const kb_finding *f)
{
	const kb_claim *dev = NULL;
	for (size_t i = 0; i < f->nsides && !dev; i++)
		if (f->sides[i].deviates && f->sides[i].claim->how != KB_HOW_WEAK)
			dev = f->sides[i].claim;
	if (!dev)
		return false;
	if (f->canonical)
		return true;
	const char *dk = dev->vkey;
	for (size_t i = 0; i < f->nsides; i++) {
		const kb_claim *c = f->sides[i].claim;
		if (c->how != KB_HOW_WEAK && c != dev &&
		    (!dk || !c->vkey ? !kb_value_same(&c->value, &dev->value) : strcmp(c->vkey, dk) != 0))
			return true;
	}
	return false;
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
	/* Recipe 1's topic, attribute and scope; its paths need the folder
	 * the run was given (kb_fingerprints_previous). */
	const char *tag1 = tag && nref && !strncmp(tag, "unscoped:", 9)
				   ? kb_sprintf(a, "unscoped:%s",
						key_without_labels(a, &ref[0].items[0]->c->scope))
				   : tag;
	f->fp_prev_head = hash_head(tag1 ? kb_sprintf(a, "%s#%s", f->topic, tag1) : f->topic,
				    f->attribute, key_without_labels(a, &f->scope));
	f->weak = !confident(f);
	if (majority || f->canonical)
		kb_suggest(a, f);
	kb_vec_push(a, x->out, f);
}

static kb_severity pair_severity(const kb_value *a, const kb_value *b)
{
	if (kb_value_inside(a, b) || kb_value_inside(b, a) || kb_value_meets(a, b) ||
	    kb_value_meets(b, a))
		return KB_SEV_NOTE;
	return KB_SEV_WARNING;
}

/* Do the claims of a and b all lie in one file?  A page that states a
 * range and, elsewhere, a value inside it ("Warranty: 15-20 years" in its
 * table, "up to 20 years" for one model) describes its cases; across files
 * the same pair is a possible conflict. */
static bool one_file(const vclass *a, const vclass *b)
{
	const kb_source *s = a->items[0]->c->unit->source;
	for (size_t i = 0; i < a->n; i++)
		if (a->items[i]->c->unit->source != s)
			return false;
	for (size_t i = 0; i < b->n; i++)
		if (b->items[i]->c->unit->source != s)
			return false;
	return true;
}

/* Every pair of the classes could be true together (a value inside a range,
 * a lower bound the others keep): a possible conflict at most. */
static bool all_compatible(const vclass *cls, size_t ncls)
{
	for (size_t i = 0; i < ncls; i++)
		for (size_t k = i + 1; k < ncls; k++)
			if (pair_severity(cls[i].value, cls[k].value) != KB_SEV_NOTE)
				return false;
	return true;
}

/* Do all the classes' claims lie in one file? */
static bool all_one_file(const vclass *cls, size_t ncls)
{
	for (size_t i = 1; i < ncls; i++)
		if (!one_file(&cls[0], &cls[i]))
			return false;
	return true;
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

/* Distinct units stating any of the classes' values. */
static size_t total_units(unit_counter *uc, const vclass *cls, size_t ncls)
{
	uint32_t now = ++uc->count;
	size_t distinct = 0;
	for (size_t i = 0; i < ncls; i++)
		distinct += mark_units(uc, now, cls[i].items, cls[i].n);
	return distinct;
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
	size_t total = total_units(x->uc, cls, ncls);
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
	size_t total = total_units(x->uc, cls, ncls);
	/* One answer that says the same thing with other values is a list of
	 * cases (refund tiers, table rows), not drift. */
	if (total < 2 && is_drift(x->first->topic))
		return;

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
		if (ncls == 2 && kb_value_agree(cls[0].value, cls[1].value))
			return;
		bool compatible = all_compatible(cls, ncls);
		if (compatible && all_one_file(cls, ncls))
			return;
		kb_buf b = KB_BUF_INIT;
		if (total == 1)
			kb_buf_printf(&b, "this answer contradicts itself on %s:",
				      attr_phrase(a, x->first));
		else
			kb_buf_printf(&b, "sources disagree on %s:", attr_phrase(a, x->first));
		kb_severity sev = compatible ? KB_SEV_NOTE : KB_SEV_WARNING;
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
		if ((sev == KB_SEV_NOTE && one_file(&cls[i], ref)) ||
		    kb_value_agree(cls[i].value, ref->value))
			continue;
		const char *msg = kb_sprintf(
		    a, "%s is %s here, but %zu of %zu sources say %s%s",
		    attr_phrase(a, x->first), value_str(a, cls[i].value), ref->units, total,
		    value_str(a, ref->value), sev == KB_SEV_NOTE ? " (possible conflict)" : "");
		add_finding(x, sev, &cls[i], 1, ref, 1, ref, total, NULL, msg);
	}
}

/* One group (topic, attribute and scope): its value classes. */
typedef struct {
	vclass *cls;
	size_t ncls;
} group;

/* Split sorted entries [lo,hi) of one group into value classes. */
static group make_classes(kb_arena *a, unit_counter *uc, const entry **e, size_t lo, size_t hi)
{
	vclass *cls = KB_NEWN(a, vclass, hi - lo);
	size_t n = 0;
	for (size_t i = lo; i < hi;) {
		size_t j = i;
		while (j < hi && e[j]->vrank == e[i]->vrank)
			j++;
		cls[n].vkey = e[i]->vkey;
		cls[n].value = &e[i]->c->value;
		cls[n].items = &e[i];
		cls[n].n = j - i;
		cls[n].units = count_units(uc, &e[i], j - i);
		n++;
		i = j;
	}
	return (group){cls, n};
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

void kb_findings_sort(kb_vec *findings)
{
	if (findings->len > 1)
		qsort(findings->items, findings->len, sizeof(void *), cmp_finding);
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

/* Unscoped claims against scoped groups of the same topic and attribute
 * (gs: one per scope): a weaker, possible conflict. */
static void compare_unscoped(ctx *x, const group *gs, size_t ng)
{
	kb_arena *a = x->a;
	size_t g0 = (size_t)-1;
	for (size_t g = 0; g < ng; g++)
		if (gs[g].cls[0].items[0]->c->scope.n == 0)
			g0 = g;
	if (g0 == (size_t)-1)
		return;
	vclass *ucls = gs[g0].cls;
	size_t nu = gs[g0].ncls;
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
	for (size_t g = 0; g < ng; g++) {
		if (g == g0)
			continue;
		const vclass *scls = gs[g].cls;
		size_t ns = gs[g].ncls;
		for (size_t i = 0; i < nu; i++) {
			bool agrees = false;
			for (size_t j = 0; j < ns; j++)
				agrees |= !strcmp(ucls[i].vkey, scls[j].vkey);
			if (agrees)
				continue;
			x->first = ucls[i].items[0]->c;
			const char *sk = scls[0].items[0]->scope_key;
			const char *msg = kb_sprintf(
			    a, "%s is %s with no scope here, but %s for %s (possible conflict)",
			    attr_phrase(a, x->first), value_str(a, ucls[i].value),
			    value_str(a, scls[0].value), sk);
			add_finding(x, KB_SEV_NOTE, &ucls[i], 1, scls, ns, NULL,
				    ucls[i].units + scls[0].units, kb_sprintf(a, "unscoped:%s", sk),
				    msg);
			/* A statement of the general case against a scoped one
			 * is an exception, not a contradiction: weak. */
			((kb_finding *)x->out->items[x->out->len - 1])->weak = true;
		}
	}
}

/* An open-addressing table for n keys: its capacity (a power of two, at
 * least twice n), zeroed key slots and value slots (malloc'd). */
static size_t table_new(size_t n, void **keys, size_t ksize, void **vals, size_t vsize)
{
	size_t cap = 64;
	while (cap < n * 2)
		cap *= 2;
	*keys = calloc(cap, ksize);
	*vals = malloc(cap * vsize);
	if (!*keys || !*vals)
		abort();
	return cap;
}

/* Numbers the distinct pointers among ptrs[0..n) 0, 1, ... in order of first
 * appearance, into num[]; returns how many there are.  Runs of one pointer
 * (the claims of one unit, of one source) cost no lookup. */
static uint32_t number_ptrs(const void *const *ptrs, size_t n, uint32_t *num)
{
	const void **keys;
	uint32_t *ids;
	size_t cap = table_new(n, (void **)&keys, sizeof *keys, (void **)&ids, sizeof *ids);
	uint32_t next = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && ptrs[i] == ptrs[i - 1]) {
			num[i] = num[i - 1];
			continue;
		}
		uintptr_t p = (uintptr_t)ptrs[i];
		size_t k = (size_t)kb_hash_buf(&p, sizeof p, 3) & (cap - 1);
		while (keys[k] && keys[k] != ptrs[i])
			k = (k + 1) & (cap - 1);
		if (!keys[k]) {
			keys[k] = ptrs[i];
			ids[k] = next++;
		}
		num[i] = ids[k];
	}
	free(keys);
	free(ids);
	return next;
}

/* The same sentence twice in one source (a page that repeats a
 * paragraph, one phrase under two headings) is one statement: its claims
 * take the number of the first unit that says it, so that a majority
 * counts it once. */
static void merge_repeats(const entry **e, size_t n)
{
	const kb_claim **keys;
	uint32_t *unit;
	size_t cap = table_new(n, (void **)&keys, sizeof *keys, (void **)&unit, sizeof *unit);
	for (size_t i = 0; i < n; i++) {
		const kb_claim *c = e[i]->c;
		if (!c->sentence)
			continue;
		uintptr_t src = (uintptr_t)c->unit->source;
		uint64_t h = kb_hash(kb_hash(KB_HASH_INIT, &src, sizeof src), c->sentence,
				     strlen(c->sentence));
		size_t k = (size_t)h & (cap - 1);
		while (keys[k] && !(keys[k]->unit->source == c->unit->source &&
				    !strcmp(keys[k]->sentence, c->sentence)))
			k = (k + 1) & (cap - 1);
		if (!keys[k]) {
			keys[k] = c;
			unit[k] = e[i]->unit;
		} else {
			((entry *)e[i])->unit = unit[k];
		}
	}
	free(keys);
	free(unit);
}

/* e[i]->unit: the number of the claim's unit (merge_repeats: of the first
 * unit of its source that says its sentence); e[i]->prank: the place of
 * its source's path among all.  Returns the number of unit numbers. */
static uint32_t number_units(const entry **e, size_t n)
{
	const void **p = malloc(n * sizeof *p);
	uint32_t *num = malloc(n * sizeof *num);
	if (!p || !num)
		abort();
	for (size_t i = 0; i < n; i++)
		p[i] = e[i]->c->unit;
	uint32_t nunits = number_ptrs(p, n, num);
	for (size_t i = 0; i < n; i++) {
		((entry *)e[i])->unit = num[i];
		p[i] = e[i]->c->unit->source;
	}
	merge_repeats(e, n);
	uint32_t nsrc = number_ptrs(p, n, num);
	const char **paths = malloc(nsrc * sizeof *paths);
	if (!paths)
		abort();
	for (size_t i = 0; i < n; i++)
		paths[num[i]] = e[i]->c->unit->source->path;
	uint32_t *rank = rank_strings(paths, nsrc);
	for (size_t i = 0; i < n; i++)
		((entry *)e[i])->prank = rank[num[i]];
	free(rank);
	free(paths);
	free(p);
	free(num);
	return nunits;
}

void kb_compare(kb_arena *a, const kb_vec *claims, const kb_policy *policy,
		kb_vec *out)
{
	size_t n = claims->len;
	if (n == 0)
		return;
	const entry **e = KB_NEWN(a, const entry *, n);
	entry *es = KB_NEWN(a, entry, n);
	for (size_t i = 0; i < n; i++) {
		const kb_claim *c = claims->items[i];
		entry *en = &es[i];
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
	interner groups, vkeys;
	intern_init(&groups, n);
	intern_init(&vkeys, n);
	uint32_t *ids = malloc(n * 2 * sizeof *ids);
	if (!ids)
		abort();
	for (size_t i = 0; i < n; i++) {
		ids[2 * i] = intern(&groups, e[i]->group);
		ids[2 * i + 1] = intern(&vkeys, e[i]->vkey);
	}
	intern_rank(&groups);
	intern_rank(&vkeys);
	for (size_t i = 0; i < n; i++) {
		entry *en = (entry *)e[i];
		en->grank = groups.rank[ids[2 * i]];
		en->vrank = vkeys.rank[ids[2 * i + 1]];
	}
	free(ids);
	size_t ngroups = groups.n;
	intern_free(&groups);
	intern_free(&vkeys);
	unit_counter uc = {.seen = calloc(number_units(e, n) + 1, sizeof(uint32_t))};
	if (!uc.seen)
		abort();
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
	/* The groups, in order, with their value classes; then the
	 * topic.attribute ranges of groups (a range changes only where a
	 * group does). */
	group *gs = KB_NEWN(a, group, ngroups ? ngroups : 1);
	size_t ng = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && e[j]->grank == e[i]->grank)
			j++;
		gs[ng++] = make_classes(a, &uc, e, i, j);
		i = j;
	}
	for (size_t lo = 0; lo < ng;) {
		const kb_claim *c0 = gs[lo].cls[0].items[0]->c;
		size_t hi = lo;
		for (; hi < ng; hi++) {
			const kb_claim *c = gs[hi].cls[0].items[0]->c;
			if (strcmp(c->topic, c0->topic) || strcmp(c->attribute, c0->attribute))
				break;
			ctx x = {.a = a, .uc = &uc, .out = out, .first = c, .policy = policy};
			compare_group(&x, gs[hi].cls, gs[hi].ncls);
		}
		ctx x = {.a = a, .uc = &uc, .out = out, .first = c0, .policy = policy};
		compare_unscoped(&x, gs + lo, hi - lo);
		lo = hi;
	}
	free(uc.seen);
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
