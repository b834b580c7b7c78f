/* template_branch.c - the arms of a template's conditionals, as the
 * pre-pass meets their tags (template.h: kb_tpl_branches).
 *
 *     @if ($member)  <p>Returns within 60 days.</p>
 *     @else          <p>Returns within 30 days.</p>
 *     @endif
 *
 * are two arms of one conditional: a customer is shown one of them, never
 * both, so what they state are alternatives (the extractor scopes each
 * arm's claims by its label, rules/extract.c), not one answer that
 * contradicts itself.  An arm runs from the end of its tag to the start of
 * the next arm's tag or the closing tag; its label is its test
 * ("$member"), "else of $member" for an else, after the labels of the arms
 * around it ("$member / $eu").  Only conditionals that close are kept, and
 * a file whose blocks do not nest (an end that closes the wrong block, an
 * else where no block is open) keeps none: a wrong arm would hide a real
 * contradiction.
 */
#include "template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s[0..n) is one parenthesized whole: "($vip)", not "($a) || ($b)". */
static bool parenthesized(const char *s, size_t n)
{
	if (n < 2 || s[0] != '(' || s[n - 1] != ')')
		return false;
	size_t depth = 0;
	for (size_t i = 0; i < n; i++) {
		depth += s[i] == '(';
		depth -= s[i] == ')';
		if (!depth && i + 1 < n)
			return false;
	}
	return true;
}

/* label = prefix " / " lead s[0..n), whitespace collapsed, cut to fit; the
 * parentheses around a whole test go ("if ($vip):" is "$vip", as Blade's
 * "@if ($vip)" is), so that one test reads alike in every engine. */
static void make_label(char *label, const char *prefix, const char *lead, const char *s,
		       size_t n)
{
	while (parenthesized(s, n)) {
		s++;
		n -= 2;
	}
	size_t k = 0, cap = KB_TPL_LABEL_MAX - 1;
	for (const char *p = prefix; p && *p && k < cap; p++)
		label[k++] = *p;
	for (const char *p = k ? " / " : ""; *p && k < cap; p++)
		label[k++] = *p;
	for (const char *p = lead; *p && k < cap; p++)
		label[k++] = *p;
	bool space = false;
	for (size_t i = 0; i < n && k < cap; i++) {
		char c = s[i];
		bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
		if (ws) {
			space = k > 0 && label[k - 1] != ' ';
			continue;
		}
		if (space && k < cap)
			label[k++] = ' ';
		space = false;
		if (k < cap)
			label[k++] = c;
	}
	label[k] = '\0';
}

/* The label of the arm around the innermost open block, or NULL. */
static const char *outer_label(const kb_tpl_branches *br)
{
	for (size_t i = br->depth; i-- > 0;)
		if (br->open[i].conditional)
			return br->open[i].label;
	return NULL;
}

static void push(kb_tpl_branches *br, bool conditional, const char *kind, size_t body,
		 const char *test, size_t n, bool negated)
{
	if (br->depth == KB_TPL_DEPTH) {
		br->broken = true;
		return;
	}
	kb_tpl_open *o = &br->open[br->depth];
	memset(o, 0, sizeof *o);
	o->conditional = conditional;
	snprintf(o->kind, sizeof o->kind, "%s", kind);
	if (conditional) {
		o->cond = br->nconds++;
		o->start = body;
		make_label(o->label, outer_label(br), negated ? "not " : "", test, n);
		make_label(o->test, NULL, negated ? "not " : "", test, n);
	}
	br->depth++;
}

/* A conditional opens: its first arm's body starts at body; test is its
 * condition (negated: an unless). */
static void tpl_if(kb_tpl_branches *br, const char *kind, const char *test, size_t n,
		   size_t body, bool negated)
{
	push(br, true, kind, body, test, n, negated);
}

/* A block that is no conditional (a loop) opens. */
static void tpl_block(kb_tpl_branches *br, const char *kind)
{
	push(br, false, kind, 0, NULL, 0, false);
}

/* The arm of the innermost conditional ends at tag. */
static void close_arm(kb_tpl_branches *br, kb_tpl_open *o, size_t tag)
{
	if (br->n == br->cap) {
		br->cap = br->cap ? br->cap * 2 : 16;
		br->items = realloc(br->items, br->cap * sizeof *br->items);
		if (!br->items)
			abort();
	}
	kb_tpl_branch *b = &br->items[br->n++];
	b->start = o->start;
	b->end = tag;
	b->cond = o->cond;
	b->arm = o->arm;
	memcpy(b->label, o->label, sizeof b->label);
}

/* The innermost open block, when it is a conditional; else the file is
 * marked broken (an else or elif with no conditional open). */
static kb_tpl_open *innermost_if(kb_tpl_branches *br)
{
	if (!br->depth || !br->open[br->depth - 1].conditional) {
		br->broken = true;
		return NULL;
	}
	return &br->open[br->depth - 1];
}

static void next_arm(kb_tpl_branches *br, kb_tpl_open *o, size_t tag, size_t body,
		     const char *lead, const char *test, size_t n)
{
	close_arm(br, o, tag);
	o->arm++;
	o->start = body;
	br->depth--; /* the label is made below the arms around this one */
	make_label(o->label, outer_label(br), lead, test, n);
	br->depth++;
}

/* Another arm, with its test, starts: its tag at tag, its body at body. */
static void tpl_elif(kb_tpl_branches *br, size_t tag, const char *test, size_t n, size_t body)
{
	kb_tpl_open *o = innermost_if(br);
	if (o)
		next_arm(br, o, tag, body, "", test, n);
}

/* An else (loops_too: the engine's loops take an else of their own). */
static void tpl_else(kb_tpl_branches *br, size_t tag, size_t body, bool loops_too)
{
	/* "{% for %}...{% else %}" (nothing to loop over) is no arm. */
	if (loops_too && br->depth && !br->open[br->depth - 1].conditional)
		return;
	kb_tpl_open *o = innermost_if(br);
	if (o) {
		char test[KB_TPL_LABEL_MAX];
		memcpy(test, o->test, sizeof test);
		next_arm(br, o, tag, body, "else of ", test, strlen(test));
	}
}

/* A block ends at tag (kind: the block it must close, or NULL: any). */
static void tpl_end(kb_tpl_branches *br, size_t tag, const char *kind)
{
	if (!br->depth || (kind && strcmp(br->open[br->depth - 1].kind, kind))) {
		br->broken = true;
		return;
	}
	kb_tpl_open *o = &br->open[br->depth - 1];
	if (o->conditional)
		close_arm(br, o, tag);
	br->depth--;
}

/* ---- the tags of each engine ------------------------------------------------- */

/* The file, and where its arms go. */
typedef struct {
	kb_tpl_branches *br;
	const char *d;
} tg;

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_word(unsigned char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static size_t skip_ws(const tg *t, size_t p, size_t to)
{
	while (p < to && is_ws((unsigned char)t->d[p]))
		p++;
	return p;
}

/* d[*s..*e) without the blanks at either end. */
static void trim(const tg *t, size_t *s, size_t *e)
{
	*s = skip_ws(t, *s, *e);
	while (*e > *s && is_ws((unsigned char)t->d[*e - 1]))
		(*e)--;
}

/* Is d[s..e) the word w followed by a blank, '(' or the end? */
static bool word_at(const tg *t, size_t s, size_t e, const char *w)
{
	size_t k = strlen(w);
	return e - s >= k && !memcmp(t->d + s, w, k) &&
	       (e - s == k || is_ws((unsigned char)t->d[s + k]) || t->d[s + k] == '(' ||
		t->d[s + k] == ':' || t->d[s + k] == ';');
}


/* PHP's alternative syntax, a statement alone in its block:
 * "if ($x):", "elseif ($y):", "else:", "endif;", and the loops'
 * "foreach (...):" ... "endforeach;" around them. */
static void php_arms(const tg *t, size_t tag, size_t s, size_t e, size_t end)
{
	static const char *const loops[] = {"foreach", "for", "while", "switch", NULL};
	const char *d = t->d;
	trim(t, &s, &e);
	if (e > s && d[e - 1] == ';')
		e--;
	trim(t, &s, &e);
	bool colon = e > s && d[e - 1] == ':';
	size_t w = s;
	while (w < e && is_word((unsigned char)d[w]))
		w++;
	size_t k = w - s, ts = skip_ws(t, w, e), te = colon ? e - 1 : e;
	if (colon && k == 2 && word_at(t, s, e, "if"))
		tpl_if(t->br, "if", d + ts, te - ts, end, false);
	else if (colon && k == 6 && word_at(t, s, e, "elseif"))
		tpl_elif(t->br, tag, d + ts, te - ts, end);
	else if (colon && k == 4 && word_at(t, s, e, "else") && ts == te)
		tpl_else(t->br, tag, end, false);
	else if (!colon && k == 5 && w == e && word_at(t, s, e, "endif"))
		tpl_end(t->br, tag, "if");
	for (int i = 0; loops[i]; i++) {
		size_t n = strlen(loops[i]);
		if (colon && k == n && !memcmp(d + s, loops[i], n))
			tpl_block(t->br, loops[i]);
		else if (!colon && w == e && k == n + 3 && !memcmp(d + s, "end", 3) &&
			 !memcmp(d + s + 3, loops[i], n))
			tpl_end(t->br, tag, loops[i]);
	}
}


/* Blade's conditionals: each opening directive and the end that closes
 * it ("@hasSection" ends at "@endif"). */
static const struct {
	const char *open, *end, *kind;
} blade_ifs[] = {
    {"if", "endif", "if"},           {"hasSection", NULL, "if"},
    {"sectionMissing", NULL, "if"},  {"unless", "endunless", "unless"},
    {"isset", "endisset", "isset"},  {"empty", "endempty", "empty"},
    {"auth", "endauth", "auth"},     {"guest", "endguest", "guest"},
    {"env", "endenv", "env"},        {"production", "endproduction", "production"},
    {"can", "endcan", "can"},        {"cannot", "endcannot", "cannot"},
    {"canany", "endcanany", "canany"}, {"error", "enderror", "error"},
};

static bool named(const char *name, size_t k, const char *w)
{
	return w && strlen(w) == k && !memcmp(name, w, k);
}

/* The directive name[0..k) at p, its arguments in [as, ae) (none: as ==
 * ae), the directive ending at end: an arm of a conditional? */
static void blade_arms(const tg *t, size_t p, const char *name, size_t k, size_t as, size_t ae,
			 size_t end)
{
	bool args = ae > as;
	if (named(name, k, "empty") && !args) { /* @forelse ... @empty */
		tpl_else(t->br, p, end, true);
		return;
	}
	if (named(name, k, "forelse"))
		tpl_block(t->br, "forelse");
	else if (named(name, k, "endforelse"))
		tpl_end(t->br, p, "forelse");
	else if (named(name, k, "elseif") || named(name, k, "elsecan"))
		tpl_elif(t->br, p, t->d + as, ae - as, end);
	else if (named(name, k, "else"))
		tpl_else(t->br, p, end, false);
	for (size_t i = 0; i < sizeof blade_ifs / sizeof *blade_ifs; i++) {
		if (named(name, k, blade_ifs[i].open)) {
			/* "@auth" says its test by its name; "@if (...)" by its arguments. */
			bool unless = named(name, k, "unless");
			if (args && !named(name, k, "if") && !unless)
				tpl_if(t->br, blade_ifs[i].kind, name, (size_t)(t->d + ae + 1 - name),
					  end, false);
			else if (args)
				tpl_if(t->br, blade_ifs[i].kind, t->d + as, ae - as, end, unless);
			else
				tpl_if(t->br, blade_ifs[i].kind, name, k, end, false);
		} else if (named(name, k, blade_ifs[i].end)) {
			tpl_end(t->br, p, blade_ifs[i].kind);
		}
	}
}


/* The tag {% name ... %} at p, its body d[s..e) with name[0..k) first:
 * an arm of a conditional, or a loop whose else is none. */
static void braces_arms(const tg *t, size_t p, size_t s, size_t k, size_t e)
{
	static const char *const blocks[] = {"for", "tablerow", "case", "paginate", NULL};
	const char *name = t->d + s;
	size_t ts = s + k, te = e;
	while (te > ts && (t->d[te - 1] == '-' || t->d[te - 1] == '~'))
		te--;
	trim(t, &ts, &te);
	const char *test = t->d + ts;
	if (named(name, k, "if") || named(name, k, "unless"))
		tpl_if(t->br, name[0] == 'i' ? "if" : "unless", test, te - ts, e + 2,
			  name[0] == 'u');
	else if (named(name, k, "elif") || named(name, k, "elsif") || named(name, k, "elseif"))
		tpl_elif(t->br, p, test, te - ts, e + 2);
	else if (named(name, k, "else"))
		tpl_else(t->br, p, e + 2, true);
	else if (named(name, k, "endif"))
		tpl_end(t->br, p, "if");
	else if (named(name, k, "endunless"))
		tpl_end(t->br, p, "unless");
	for (int i = 0; blocks[i]; i++) {
		size_t n = strlen(blocks[i]);
		if (named(name, k, blocks[i]))
			tpl_block(t->br, blocks[i]);
		else if (k == n + 3 && !memcmp(name, "end", 3) && !memcmp(name + 3, blocks[i], n))
			tpl_end(t->br, p, blocks[i]);
	}
}



/* The Handlebars tag [p, end): {{#if x}}, {{#unless x}}, {{else if y}},
 * {{else}}, {{^}}, {{/if}}; {{#each}} and other blocks, whose else is
 * none of a conditional's. */
static void hb_arms(const tg *t, size_t p, size_t end)
{
	if (end < p + 4)
		return;
	const char *d = t->d;
	size_t s = p + 2, e = end - 2;
	while (s < e && d[s] == '~')
		s++;
	while (e > s && d[e - 1] == '~')
		e--;
	trim(t, &s, &e);
	if (s >= e)
		return;
	char c = d[s];
	size_t n = s + 1;
	while (n < e && is_word((unsigned char)d[n]))
		n++;
	size_t ts = skip_ws(t, n, e);
	char kind[16] = "";
	if (n > s + 1 && n - s - 1 < sizeof kind)
		memcpy(kind, d + s + 1, n - s - 1);
	if (c == '#' && word_at(t, s + 1, e, "if"))
		tpl_if(t->br, "if", d + ts, e - ts, end, false);
	else if (c == '#' && word_at(t, s + 1, e, "unless"))
		tpl_if(t->br, "unless", d + ts, e - ts, end, true);
	else if (c == '#' && n > s + 1)
		tpl_block(t->br, kind);
	else if (c == '/' && n > s + 1)
		tpl_end(t->br, p, kind);
	else if (word_at(t, s, e, "else") && word_at(t, ts, e, "if"))
		tpl_elif(t->br, p, d + skip_ws(t, ts + 2, e), e - skip_ws(t, ts + 2, e), end);
	else if ((word_at(t, s, e, "else") && ts == e) || (c == '^' && e == s + 1))
		tpl_else(t->br, p, end, true);
}

/* The ERB tag whose Ruby is d[s..e), ending at end: if/unless/elsif/else/
 * end, and the blocks an end also closes (do, case, while...). */
static void erb_arms(const tg *t, size_t p, size_t s, size_t end)
{
	static const char *const opens[] = {"case", "while", "until", "for", "begin", NULL};
	if (end < s + 2)
		return;
	const char *d = t->d;
	size_t e = end - 2;
	while (s < e && d[s] == '-')
		s++;
	while (e > s && d[e - 1] == '-')
		e--;
	trim(t, &s, &e);
	size_t ts = s;
	while (ts < e && is_word((unsigned char)d[ts]))
		ts++;
	ts = skip_ws(t, ts, e);
	bool block = false;
	for (int i = 0; opens[i]; i++)
		block |= word_at(t, s, e, opens[i]);
	/* "... do" or "... do |x|" opens a block. */
	size_t q = e;
	if (q > s && d[q - 1] == '|') {
		const char *bar = memchr(d + s, '|', q - 1 - s); /* the first of "|x|" */
		q = bar ? (size_t)(bar - d) : s;
	}
	while (q > s && is_ws((unsigned char)d[q - 1]))
		q--;
	block |= q >= s + 2 && !memcmp(d + q - 2, "do", 2) &&
		 (q == s + 2 || !is_word((unsigned char)d[q - 3]));
	if (word_at(t, s, e, "if"))
		tpl_if(t->br, "if", d + ts, e - ts, end, false);
	else if (word_at(t, s, e, "unless"))
		tpl_if(t->br, "if", d + ts, e - ts, end, true);
	else if (word_at(t, s, e, "elsif"))
		tpl_elif(t->br, p, d + ts, e - ts, end);
	else if (word_at(t, s, e, "else") && ts == e)
		tpl_else(t->br, p, end, true);
	else if (word_at(t, s, e, "end") && ts == e)
		tpl_end(t->br, p, NULL);
	else if (block)
		tpl_block(t->br, "do");
}


void kb_tpl_php_tag(kb_tpl_branches *br, const char *d, size_t tag, size_t s, size_t e,
		    size_t end)
{
	tg t = {br, d};
	if (br)
		php_arms(&t, tag, s, e, end);
}

void kb_tpl_blade_tag(kb_tpl_branches *br, const char *d, size_t tag, const char *name,
		      size_t k, size_t as, size_t ae, size_t end)
{
	tg t = {br, d};
	if (br)
		blade_arms(&t, tag, name, k, as, ae, end);
}

void kb_tpl_braces_tag(kb_tpl_branches *br, const char *d, size_t tag, size_t s, size_t k,
		       size_t e)
{
	tg t = {br, d};
	if (br)
		braces_arms(&t, tag, s, k, e);
}

void kb_tpl_hb_tag(kb_tpl_branches *br, const char *d, size_t tag, size_t end)
{
	tg t = {br, d};
	if (br)
		hb_arms(&t, tag, end);
}

void kb_tpl_erb_tag(kb_tpl_branches *br, const char *d, size_t tag, size_t s, size_t end)
{
	tg t = {br, d};
	if (br)
		erb_arms(&t, tag, s, end);
}

static int cmp_start(const void *a, const void *b)
{
	const kb_tpl_branch *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end; /* the outer arm first */
}

void kb_tpl_branches_done(kb_tpl_branches *br)
{
	if (!br)
		return;
	if (br->broken || br->depth)
		br->n = 0; /* blocks that do not nest: no arm is trusted */
	if (br->n > 1)
		qsort(br->items, br->n, sizeof *br->items, cmp_start);
}

void kb_tpl_branches_free(kb_tpl_branches *br)
{
	if (br)
		free(br->items);
}
