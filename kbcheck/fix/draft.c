/* draft.c - drafting policy.yml from the majority of the claims (draft.h). */
#include "draft.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../base/yaml.h"
#include "../compare/canon.h"
#include "../rules/claim.h"

/* Locations listed per value in a comment; the rest are counted. */
enum { MAX_PLACES = 5 };

typedef struct item {
	const kb_claim *c;
	const char *group; /* topic \x1f attribute \x1f scope key */
	const char *vkey;
	const kb_unit *unit; /* the first unit of its source saying its sentence */
	size_t order;
} item;

/* One value of a group: its items and the distinct units stating it. */
typedef struct vclass {
	item **items;
	size_t n, units;
} vclass;

typedef struct group {
	const kb_claim *first;
	const kb_attribute *at;
	vclass *cls; /* most units first */
	size_t ncls, total;
	bool majority;      /* cls[0] is stated by a strict majority */
	const char *phrase; /* cls[0]'s value as the policy reads it, or NULL */
	const char *locale; /* the phrase's locale */
} group;

static int cmp_ptr(uintptr_t a, uintptr_t b) { return a < b ? -1 : a > b; }

static int cmp_sentence(const void *pa, const void *pb)
{
	const item *a = *(item *const *)pa, *b = *(item *const *)pb;
	int d = cmp_ptr((uintptr_t)a->c->unit->source, (uintptr_t)b->c->unit->source);
	if (!d && a->c->sentence && b->c->sentence)
		d = strcmp(a->c->sentence, b->c->sentence);
	else if (!d)
		d = (a->c->sentence != NULL) - (b->c->sentence != NULL);
	return d ? d : cmp_ptr(a->order, b->order);
}

static int cmp_item(const void *pa, const void *pb)
{
	const item *a = *(item *const *)pa, *b = *(item *const *)pb;
	int d = strcmp(a->group, b->group);
	if (!d)
		d = strcmp(a->vkey, b->vkey);
	if (!d)
		d = cmp_ptr((uintptr_t)a->unit, (uintptr_t)b->unit);
	return d ? d : cmp_ptr(a->order, b->order);
}

static int cmp_class(const void *pa, const void *pb)
{
	const vclass *a = pa, *b = pb;
	if (a->units != b->units)
		return a->units > b->units ? -1 : 1;
	return cmp_ptr(a->items[0]->order, b->items[0]->order);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_uptr(const void *a, const void *b)
{
	return cmp_ptr(*(const uintptr_t *)a, *(const uintptr_t *)b);
}

/* A sentence said twice in one source (a repeated paragraph) is one
 * statement, as the comparator counts it: its items take the unit of the
 * first that says it. */
static void merge_repeats(item **it, size_t n)
{
	qsort(it, n, sizeof *it, cmp_sentence);
	for (size_t i = 1; i < n; i++)
		if (it[i]->c->sentence && it[i - 1]->c->sentence &&
		    it[i]->c->unit->source == it[i - 1]->c->unit->source &&
		    !strcmp(it[i]->c->sentence, it[i - 1]->c->sentence))
			it[i]->unit = it[i - 1]->unit;
}

static size_t distinct_units(item **it, size_t n)
{
	uintptr_t *u = malloc((n ? n : 1) * sizeof *u);
	if (!u)
		abort();
	for (size_t i = 0; i < n; i++)
		u[i] = (uintptr_t)it[i]->unit;
	qsort(u, n, sizeof *u, cmp_uptr);
	size_t d = 0;
	for (size_t i = 0; i < n; i++)
		d += i == 0 || u[i] != u[i - 1];
	free(u);
	return d;
}

static bool wanted(const kb_claim *c, const kb_rules *rules, const kb_draft_opts *o,
		   const kb_attribute **at)
{
	if (c->how == KB_HOW_WEAK || !c->unit->active)
		return false;
	const kb_topic *t = kb_rules_find(rules, c->topic);
	*at = t ? kb_topic_attr(t, c->attribute) : NULL;
	if (!*at)
		return false; /* drift, or a topic the policy cannot name */
	if (!o->ntopics)
		return true;
	for (size_t i = 0; i < o->ntopics; i++)
		if (!strcmp(o->topics[i], c->topic))
			return true;
	return false;
}

/* A phrase the policy reads back as cls's value: the value in English
 * words, else what an English source wrote, else a source's words in its
 * own locale. */
static void find_phrase(kb_arena *a, group *g)
{
	const vclass *cls = &g->cls[0];
	const char *want = cls->items[0]->vkey;
	kb_buf b = KB_BUF_INIT;
	kb_value_format(&b, &cls->items[0]->c->value);
	const char *cand = kb_strndup(a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	kb_value v;
	if (kb_policy_parse_value(a, g->at, cand, "en", &v) && !strcmp(kb_value_key(a, &v), want)) {
		g->phrase = cand;
		g->locale = "en";
		return;
	}
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < cls->n; i++) {
			const kb_claim *c = cls->items[i]->c;
			bool en = !strcmp(c->unit->locale, "en");
			if (en != (pass == 0) || strchr(c->quote, '\n'))
				continue;
			if (kb_policy_parse_value(a, g->at, c->quote, c->unit->locale, &v) &&
			    !strcmp(kb_value_key(a, &v), want)) {
				g->phrase = c->quote;
				g->locale = c->unit->locale;
				return;
			}
		}
}

static void make_group(kb_arena *a, const kb_attribute *at, item **it, size_t n, group *g)
{
	memset(g, 0, sizeof *g);
	g->first = it[0]->c;
	g->at = at;
	g->cls = KB_NEWN(a, vclass, n);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && !strcmp(it[j]->vkey, it[i]->vkey))
			j++;
		g->cls[g->ncls++] = (vclass){it + i, j - i, distinct_units(it + i, j - i)};
		i = j;
	}
	qsort(g->cls, g->ncls, sizeof *g->cls, cmp_class);
	g->total = distinct_units(it, n);
	g->majority = g->ncls == 1 || g->cls[0].units > g->cls[1].units;
	if (g->majority)
		find_phrase(a, g);
}

/* "  # text" with the KB's text escaped (a path holding a line break must
 * not end the comment). */
static void comment(kb_buf *out, int indent, const char *text)
{
	kb_buf_printf(out, "%*s# ", indent, "");
	kb_text_escape_buf(out, text, strlen(text));
	kb_buf_putc(out, '\n');
}

static void put_places(kb_arena *a, kb_buf *b, const vclass *cls)
{
	const char **pl = KB_NEWN(a, const char *, cls->n);
	for (size_t i = 0; i < cls->n; i++) {
		const kb_claim *c = cls->items[i]->c;
		const kb_source *s = c->unit->source;
		pl[i] = kb_sprintf(a, "%s:%d", s->relpath ? s->relpath : s->path, c->loc.line);
	}
	qsort(pl, cls->n, sizeof *pl, cmp_str);
	size_t shown = 0, n = 0;
	for (size_t i = 0; i < cls->n; i++) {
		if (i > 0 && !strcmp(pl[i], pl[i - 1]))
			continue;
		n++;
		if (shown < MAX_PLACES)
			kb_buf_printf(b, "%s%s", shown++ ? ", " : ": ", pl[i]);
	}
	if (n > shown)
		kb_buf_printf(b, ", ... (%zu more)", n - shown);
}

static void put_sources(kb_arena *a, kb_buf *out, int indent, const group *g)
{
	for (size_t i = 0; i < g->ncls; i++) {
		const vclass *cls = &g->cls[i];
		kb_buf b = KB_BUF_INIT;
		if (g->ncls == 1)
			kb_buf_printf(&b, "%zu source%s", cls->units, cls->units == 1 ? " says " : "s say ");
		else if (i == 0)
			kb_buf_printf(&b, "%zu of %zu sources say ", cls->units, g->total);
		else
			kb_buf_printf(&b, "%zu say%s", cls->units, cls->units == 1 ? "s " : " ");
		kb_value_format(&b, &cls->items[0]->c->value);
		put_places(a, &b, cls);
		comment(out, indent, kb_buf_cstr(&b));
		kb_buf_free(&b);
	}
}

static void put_scope(kb_buf *out, const kb_scope *s)
{
	kb_buf_puts(out, "scope: {");
	for (size_t i = 0; i < s->n; i++) {
		kb_buf_puts(out, i ? ", " : "");
		kb_yaml_put_scalar(out, s->kv[i].key);
		kb_buf_puts(out, ": ");
		kb_yaml_put_scalar(out, s->kv[i].value);
	}
	kb_buf_puts(out, "}");
}

static bool decided(const group *g) { return g->majority && g->phrase; }

static void put_undecided_why(kb_buf *out, int indent, const group *g)
{
	if (!g->majority)
		comment(out, indent, "no majority: decide the value, write it and remove the '#'");
	else
		comment(out, indent, "no phrase kbcheck reads back as this value: write it and "
				     "remove the '#'");
}

/* One attribute's groups [g, g+n): a plain value when there is only an
 * unscoped English one, else a list of {scope, value, locale}. */
static void put_attribute(kb_arena *a, kb_buf *out, const group *g, size_t n,
			  kb_draft_stats *st)
{
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		any |= decided(&g[i]);
		if (decided(&g[i])) {
			st->values++;
			st->disputed += g[i].ncls > 1;
		} else {
			st->undecided++;
		}
	}
	const char *name = g->first->attribute;
	if (n == 1 && !g->first->scope.n && (!decided(g) || !strcmp(g->locale, "en"))) {
		put_sources(a, out, 4, g);
		if (!decided(g))
			put_undecided_why(out, 4, g);
		kb_buf_printf(out, "    %s%s: ", decided(g) ? "" : "# ", name);
		kb_yaml_put_scalar(out, decided(g) ? g->phrase : "?");
		kb_buf_putc(out, '\n');
		return;
	}
	kb_buf_printf(out, "    %s%s:\n", any ? "" : "# ", name);
	for (size_t i = 0; i < n; i++) {
		const char *hash = decided(&g[i]) ? "" : "# ";
		put_sources(a, out, 6, &g[i]);
		if (!decided(&g[i]))
			put_undecided_why(out, 6, &g[i]);
		kb_buf_printf(out, "      %s- ", hash);
		if (g[i].first->scope.n) {
			put_scope(out, &g[i].first->scope);
			kb_buf_printf(out, "\n      %s  ", hash);
		}
		kb_buf_puts(out, "value: ");
		kb_yaml_put_scalar(out, decided(&g[i]) ? g[i].phrase : "?");
		kb_buf_putc(out, '\n');
		if (decided(&g[i]) && strcmp(g[i].locale, "en")) {
			kb_buf_printf(out, "      %s  locale: ", hash);
			kb_yaml_put_scalar(out, g[i].locale);
			kb_buf_putc(out, '\n');
		}
	}
}

static const char head[] =
    "# policy.yml: the canonical value of each topic attribute, per scope.\n"
    "# Drafted by `kbcheck policy init` from what the knowledge base states\n"
    "# today: each value is the one most sources state, the comments say\n"
    "# which sources state what.  Review it (in a pull request), decide the\n"
    "# disagreements, then commit it: from then on a statement that deviates\n"
    "# is an error.  README.md, \"The policy file\".\n"
    "kbcheck: policy/1\n";

static bool same_prefix(const kb_claim *a, const kb_claim *b, bool attr)
{
	return !strcmp(a->topic, b->topic) && (!attr || !strcmp(a->attribute, b->attribute));
}

static void put_groups(kb_arena *a, kb_buf *out, const group *gs, size_t ng,
		       kb_draft_stats *st)
{
	size_t live = 0;
	for (size_t i = 0; i < ng; i++)
		live += decided(&gs[i]);
	kb_buf_puts(out, live ? "policies:\n" : "policies: {}\n");
	if (!ng)
		comment(out, 0, "no statement of a topic's value was found");
	for (size_t lo = 0; lo < ng;) {
		size_t hi = lo, any = 0;
		while (hi < ng && same_prefix(gs[hi].first, gs[lo].first, false))
			any += decided(&gs[hi++]);
		kb_buf_printf(out, "  %s", any ? "" : "# ");
		kb_yaml_put_scalar(out, gs[lo].first->topic);
		kb_buf_puts(out, ":\n");
		for (size_t i = lo; i < hi;) {
			size_t j = i;
			while (j < hi && same_prefix(gs[j].first, gs[i].first, true))
				j++;
			put_attribute(a, out, gs + i, j - i, st);
			i = j;
		}
		lo = hi;
	}
}

void kb_policy_draft(kb_arena *a, const kb_vec *claims, const kb_rules *rules,
		     const kb_draft_opts *o, kb_buf *out, kb_draft_stats *st)
{
	memset(st, 0, sizeof *st);
	size_t n = 0;
	item **it = KB_NEWN(a, item *, claims->len ? claims->len : 1);
	const kb_attribute **ats = KB_NEWN(a, const kb_attribute *, claims->len ? claims->len : 1);
	for (size_t i = 0; i < claims->len; i++) {
		const kb_claim *c = claims->items[i];
		const kb_attribute *at;
		if (!wanted(c, rules, o, &at))
			continue;
		item *e = KB_NEW(a, item);
		e->c = c;
		e->group = kb_sprintf(a, "%s\x1f%s\x1f%s", c->topic, c->attribute,
				      c->skey ? c->skey : kb_scope_key(a, &c->scope));
		e->vkey = kb_value_key(a, &c->value);
		e->unit = c->unit;
		e->order = n;
		ats[n] = at;
		it[n++] = e;
	}
	merge_repeats(it, n);
	qsort(it, n, sizeof *it, cmp_item);
	group *gs = KB_NEWN(a, group, n ? n : 1);
	size_t ng = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && !strcmp(it[j]->group, it[i]->group))
			j++;
		make_group(a, ats[it[i]->order], it + i, j - i, &gs[ng++]);
		i = j;
	}
	kb_buf_puts(out, head);
	put_groups(a, out, gs, ng, st);
}
