/* score.c - findings against labels; see score.h. */
#include "score.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../normalize/value.h"

static bool covers(const kb_claim *c, const kb_label_side *s)
{
	const kb_source *src = c->unit->source;
	const char *p = src->relpath ? src->relpath : src->path;
	return c->loc.line <= s->last && c->loc.end_line >= s->first && !strcmp(p, s->path);
}

static const char *vkey(kb_arena *a, const kb_claim *c)
{
	return c->vkey ? c->vkey : kb_value_key(a, &c->value);
}

/* Does f join two statements of l with different values (for a label of
 * one statement: state it as a deviating value)?  *ci, *cj: the claims. */
static bool hits(kb_arena *a, const kb_finding *f, const kb_label *l, const kb_claim **ci,
		 const kb_claim **cj)
{
	if (l->nsides == 1) {
		for (size_t k = 0; k < f->nsides; k++)
			if (f->sides[k].deviates && covers(f->sides[k].claim, &l->sides[0])) {
				*ci = *cj = f->sides[k].claim;
				return true;
			}
		return false;
	}
	for (size_t i = 0; i < l->nsides; i++)
		for (size_t j = i + 1; j < l->nsides; j++)
			for (size_t x = 0; x < f->nsides; x++) {
				const kb_claim *a1 = f->sides[x].claim;
				if (!covers(a1, &l->sides[i]) && !covers(a1, &l->sides[j]))
					continue;
				for (size_t y = 0; y < f->nsides; y++) {
					const kb_claim *b1 = f->sides[y].claim;
					bool pair = (covers(a1, &l->sides[i]) && covers(b1, &l->sides[j])) ||
						    (covers(a1, &l->sides[j]) && covers(b1, &l->sides[i]));
					if (pair && strcmp(vkey(a, a1), vkey(a, b1)) != 0) {
						*ci = a1;
						*cj = b1;
						return true;
					}
				}
			}
	return false;
}

/* Does f set a claim on statement s against a claim of another value? */
static bool against(kb_arena *a, const kb_finding *f, const kb_label_side *s)
{
	for (size_t i = 0; i < f->nsides; i++) {
		if (!covers(f->sides[i].claim, s))
			continue;
		for (size_t j = 0; j < f->nsides; j++)
			if (strcmp(vkey(a, f->sides[i].claim), vkey(a, f->sides[j].claim)) != 0)
				return true;
	}
	return false;
}

/* The unit holding statement s, or NULL (not read). */
static const kb_unit *unit_at(const kb_vec *units, const kb_label_side *s)
{
	for (size_t i = 0; i < units->len; i++) {
		const kb_unit *u = units->items[i];
		const char *p = u->source->relpath ? u->source->relpath : u->source->path;
		if (u->loc.line <= s->last && u->loc.end_line >= s->first && !strcmp(p, s->path))
			return u;
	}
	return NULL;
}

/* What statement s gave: 0 unread, 1 no claim, 2 weak claims only, 3 a
 * confident claim; *what: for the note. */
static int side_state(kb_arena *a, const kb_eval_run *run, const kb_label_side *s,
		      const char **what)
{
	if (!unit_at(run->units, s)) {
		*what = "unread";
		return 0;
	}
	kb_buf b = KB_BUF_INIT;
	int state = 1;
	size_t n = 0;
	for (size_t i = 0; run->claims && i < run->claims->len; i++) {
		const kb_claim *c = run->claims->items[i];
		if (!covers(c, s) || !strcmp(c->topic, "drift"))
			continue;
		if (c->how != KB_HOW_WEAK)
			state = 3;
		else if (state < 2)
			state = 2;
		if (n++ < 3) {
			kb_buf_printf(&b, "%s%s.%s=", n > 1 ? ", " : "", c->topic, c->attribute);
			kb_value_format(&b, &c->value);
			if (c->how == KB_HOW_WEAK)
				kb_buf_puts(&b, " (weak)");
		}
	}
	if (n > 3)
		kb_buf_printf(&b, ", %zu more", n - 3);
	*what = n ? kb_strndup(a, b.ptr, b.len) : "no claim";
	kb_buf_free(&b);
	return state;
}

/* " [side 1: ...; side 2: ...]" for a missed label, counted in e. */
static const char *why_missed(kb_eval *e, const kb_eval_run *run, const kb_label *l)
{
	const char *w1, *w2 = NULL;
	int s1 = side_state(e->a, run, &l->sides[0], &w1);
	int s2 = l->nsides > 1 ? side_state(e->a, run, &l->sides[1], &w2) : 3;
	int worst = s1 < s2 ? s1 : s2;
	size_t *to[] = {&e->missed_unread, &e->missed_unclaimed, &e->missed_weak,
			&e->missed_unjoined};
	(*to[worst])++;
	return w2 ? kb_sprintf(e->a, " [1: %s; 2: %s]", w1, w2) : kb_sprintf(e->a, " [%s]", w1);
}

static kb_eval_counts *pair(kb_eval *e, const char *kind, const char *x, const char *y)
{
	if (strcmp(x, y) > 0) {
		const char *t = x;
		x = y;
		y = t;
	}
	const char *key = kb_sprintf(e->a, "%s %s×%s", kind, x, y);
	for (size_t i = 0; i < e->pairs.len; i++) {
		kb_eval_pair *p = e->pairs.items[i];
		if (!strcmp(p->key, key))
			return &p->c;
	}
	kb_eval_pair *p = KB_NEW(e->a, kb_eval_pair);
	p->key = key;
	kb_vec_push(e->a, &e->pairs, p);
	return &p->c;
}

/* The counts a result goes to: the total, its channel pair, its locale
 * pair (units NULL: unread). */
typedef struct {
	kb_eval_counts *to[3];
} targets;

static targets targets_of(kb_eval *e, const kb_unit *u, const kb_unit *v)
{
	targets t = {{&e->total, NULL, NULL}};
	t.to[1] = pair(e, "channel", u ? kb_channel_name(u->source->channel) : "unread",
		       v ? kb_channel_name(v->source->channel) : "unread");
	t.to[2] = pair(e, "locale", u ? u->locale : "unread", v ? v->locale : "unread");
	return t;
}

#define COUNT(t, field) \
	do { \
		for (int k_ = 0; k_ < 3; k_++) \
			(t).to[k_]->field++; \
	} while (0)

static const char *side_text(kb_arena *a, const kb_label_side *s)
{
	return s->first == s->last ? kb_sprintf(a, "%s:%d", s->path, s->first)
				   : kb_sprintf(a, "%s:%d-%d", s->path, s->first, s->last);
}

/* path:line "quote" (value), for notes. */
static const char *claim_text(kb_arena *a, const kb_claim *c)
{
	const kb_source *s = c->unit->source;
	kb_buf b = KB_BUF_INIT;
	kb_buf_printf(&b, "%s:%d \"%s\" (", s->relpath ? s->relpath : s->path, c->loc.line,
		      c->quote);
	kb_value_format(&b, &c->value);
	kb_buf_putc(&b, ')');
	const char *t = kb_strndup(a, b.ptr, b.len);
	kb_buf_free(&b);
	return t;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

const char *kb_eval_key(kb_arena *a, const kb_finding *f)
{
	const char **at = KB_NEWN(a, const char *, f->nsides + 1);
	size_t n = 0;
	for (size_t k = 0; k < f->nsides; k++)
		if (f->sides[k].deviates) {
			const kb_claim *c = f->sides[k].claim;
			const kb_source *s = c->unit->source;
			at[n++] = kb_sprintf(a, "%s:%d", s->relpath ? s->relpath : s->path, c->loc.line);
		}
	qsort(at, n, sizeof *at, cmp_str);
	kb_buf b = KB_BUF_INIT;
	kb_buf_printf(&b, "%s.%s", f->topic, f->attribute);
	for (size_t k = 0; k < n; k++)
		kb_buf_printf(&b, " %s", at[k]);
	const char *key = kb_strndup(a, b.ptr, b.len);
	kb_buf_free(&b);
	return key;
}

static bool in(const kb_vec *keys, const char *key)
{
	for (size_t i = 0; keys && i < keys->len; i++)
		if (!strcmp(keys->items[i], key))
			return true;
	return false;
}

void kb_eval_score(kb_eval *e, const kb_eval_run *run)
{
	const kb_labels *ls = run->labels;
	bool *found = KB_NEWN(e->a, bool, ls->n + 1);
	bool *neg_hit = KB_NEWN(e->a, bool, ls->n + 1);
	for (size_t i = 0; i < run->findings->len; i++) {
		const kb_finding *f = run->findings->items[i];
		if (run->injection && in(run->before, kb_eval_key(e->a, f)))
			continue;
		const kb_claim *ci = NULL, *cj = NULL;
		const kb_label *hit = NULL;
		/* A finding the injection brought (it was not there before) that
		 * sets the changed statement against another value is the
		 * injected contradiction, whichever agreeing statement it
		 * names. */
		if (run->injection && (hits(e->a, f, run->injection, &ci, &cj) ||
				       against(e->a, f, &run->injection->sides[0])))
			hit = run->injection;
		for (size_t k = 0; k < ls->n && !hit; k++)
			if (ls->items[k].type == KB_LABEL_CONTRADICTION && hits(e->a, f, &ls->items[k], &ci, &cj)) {
				hit = &ls->items[k];
				found[k] = true;
			}
		if (hit) {
			targets t = targets_of(e, unit_at(run->units, &hit->sides[0]),
					       unit_at(run->units, &hit->sides[1]));
			COUNT(t, shown);
			COUNT(t, true_shown);
			if (hit == run->injection)
				found[ls->n] = true;
			continue;
		}
		/* A false finding: its first deviating claim and the first
		 * with another value. */
		const kb_claim *dev = NULL, *other = NULL;
		for (size_t k = 0; k < f->nsides && !dev; k++)
			if (f->sides[k].deviates)
				dev = f->sides[k].claim;
		if (!dev)
			dev = f->sides[0].claim;
		for (size_t k = 0; k < f->nsides && !other; k++)
			if (strcmp(vkey(e->a, f->sides[k].claim), vkey(e->a, dev)) != 0)
				other = f->sides[k].claim;
		targets t = targets_of(e, dev->unit, other ? other->unit : dev->unit);
		COUNT(t, shown);
		kb_buf b = KB_BUF_INIT;
		kb_buf_printf(&b, "%s: false %s %s.%s: %s", run->kb, kb_severity_name(f->severity),
			      f->topic, f->attribute, claim_text(e->a, dev));
		if (other)
			kb_buf_printf(&b, " vs %s", claim_text(e->a, other));
		if (run->injection)
			kb_buf_printf(&b, " [with injection %s]", run->injection->id);
		for (size_t k = 0; k < ls->n; k++)
			if (ls->items[k].type == KB_LABEL_NEGATIVE && hits(e->a, f, &ls->items[k], &ci, &cj)) {
				kb_buf_printf(&b, " [negative %s: %s]", ls->items[k].id,
					      ls->items[k].kind ? ls->items[k].kind : "?");
				neg_hit[k] = true;
			}
		kb_vec_push(e->a, &e->notes, kb_strndup(e->a, b.ptr, b.len));
		kb_buf_free(&b);
	}
	/* What was to be found in this run. */
	if (run->injection) {
		const kb_label *l = run->injection;
		targets t = targets_of(e, unit_at(run->units, &l->sides[0]),
				       unit_at(run->units, &l->sides[1]));
		COUNT(t, injected);
		if (found[ls->n])
			COUNT(t, injected_found);
		else
			kb_vec_push(e->a, &e->notes,
				    kb_sprintf(e->a, "%s: missed injection %s (%s, %s): %s \"%s\" -> \"%s\" vs %s%s",
					       run->kb, l->id, l->kind ? l->kind : "?",
					       l->topic ? l->topic : "?", side_text(e->a, &l->sides[0]),
					       l->from, l->to, side_text(e->a, &l->sides[1]),
					       why_missed(e, run, l)));
		return;
	}
	for (size_t k = 0; k < ls->n; k++) {
		const kb_label *l = &ls->items[k];
		if (l->type == KB_LABEL_NEGATIVE) {
			const kb_label_side *s1 = &l->sides[l->nsides > 1];
			targets t = targets_of(e, unit_at(run->units, &l->sides[0]),
					       unit_at(run->units, s1));
			COUNT(t, negatives);
			if (neg_hit[k])
				COUNT(t, negatives_hit);
			continue;
		}
		if (l->type != KB_LABEL_CONTRADICTION)
			continue;
		targets t = targets_of(e, unit_at(run->units, &l->sides[0]),
				       unit_at(run->units, &l->sides[1]));
		COUNT(t, natural);
		if (found[k])
			COUNT(t, natural_found);
		else
			kb_vec_push(e->a, &e->notes,
				    kb_sprintf(e->a, "%s: missed contradiction %s (%s): %s vs %s%s", run->kb,
					       l->id, l->topic ? l->topic : "?",
					       side_text(e->a, &l->sides[0]),
					       side_text(e->a, &l->sides[1]), why_missed(e, run, l)));
	}
}

double kb_eval_precision(const kb_eval_counts *c)
{
	return c->shown ? (double)c->true_shown / (double)c->shown : 1.0;
}

double kb_eval_recall(const kb_eval_counts *c)
{
	size_t n = c->natural + c->injected;
	return n ? (double)(c->natural_found + c->injected_found) / (double)n : 1.0;
}

void kb_eval_add(kb_eval_counts *to, const kb_eval_counts *c)
{
	to->shown += c->shown;
	to->true_shown += c->true_shown;
	to->natural += c->natural;
	to->natural_found += c->natural_found;
	to->injected += c->injected;
	to->injected_found += c->injected_found;
	to->negatives += c->negatives;
	to->negatives_hit += c->negatives_hit;
}
