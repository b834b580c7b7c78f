/* extract.c - classify units into topics and extract typed claims. */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../normalize/normalize.h"
#include "prefilter.h"

typedef struct span {
	size_t start, end;
} span;

struct kb_extractor {
	const kb_rules *r;
	kb_arena *a;
	kb_diags *d;
	kb_re_scratch *sc;
	kb_vec reported; /* patterns whose match limit was already reported */
	/* The current unit's sentences (split_sentences) and their clauses
	 * (clauses_of): scratch, reused from unit to unit. */
	span *sents;
	size_t sentcap;
	span *cl;
	size_t *ncl, clcap;
	/* Patterns that may match the current unit's question and text
	 * (prefilter.h): the others are not run on them. */
	const kb_prefilter *pf;
	kb_prefilter_hits *qh, *th;
	const char *question, *text; /* the unit they were scanned from */
	/* The last claim's sentence, shared by the next from the same one. */
	const kb_unit *last_unit;
	span last_sent;
	const char *last_sentence;
};

kb_extractor *kb_extractor_new(const kb_rules *r, kb_arena *a, kb_diags *d)
{
	kb_extractor *x = calloc(1, sizeof *x);
	if (!x)
		abort();
	x->r = r;
	x->a = a;
	x->d = d;
	x->sc = kb_re_scratch_new();
	x->pf = kb_rules_prefilter(r);
	if (x->pf) {
		x->qh = kb_prefilter_hits_new(x->pf);
		x->th = kb_prefilter_hits_new(x->pf);
	}
	return x;
}

void kb_extractor_retarget(kb_extractor *x, kb_arena *a, kb_diags *d)
{
	x->a = a;
	x->d = d;
	x->reported = (kb_vec){0};
	x->last_unit = NULL;
	x->last_sentence = NULL;
}

void kb_extractor_free(kb_extractor *x)
{
	if (!x)
		return;
	kb_re_scratch_free(x->sc);
	kb_prefilter_hits_free(x->qh);
	kb_prefilter_hits_free(x->th);
	free(x->sents);
	free(x->cl);
	free(x->ncl);
	free(x);
}

static bool locale_ok(const kb_pattern *p, const char *locale)
{
	/* Called for every pattern tried: compare first letters before strings. */
	if (!locale || p->locale == locale)
		return true;
	if (p->locale[0] == 'a' && !strcmp(p->locale, "any"))
		return true;
	if (locale[0] == 'u' && !strcmp(locale, "und"))
		return true;
	return p->locale[0] == locale[0] && !strcmp(p->locale, locale);
}

static bool match(kb_extractor *x, const kb_pattern *p, const kb_unit *u,
		  const char *s, size_t n, size_t start, size_t *ms, size_t *me,
		  size_t *vs, size_t *ve)
{
	/* A pattern none of whose needed literals is in the unit's text (or
	 * question) cannot match any part of it. */
	if (s == x->text && x->text && !kb_prefilter_may(x->th, p->pf))
		return false;
	if (s == x->question && x->question && !kb_prefilter_may(x->qh, p->pf))
		return false;
	kb_re_result r = kb_re_match(p->re, x->sc, s, n, start, ms, me, vs, ve);
	if (r == KB_RE_MATCH)
		return true;
	if (r == KB_RE_LIMIT || r == KB_RE_ERROR) {
		for (size_t i = 0; i < x->reported.len; i++)
			if (x->reported.items[i] == p)
				return false;
		kb_vec_push(x->a, &x->reported, (void *)p);
		int line = 0, col = 0;
		if (u)
			kb_source_pos(u->source, u->loc.start, &line, &col);
		kb_diag(x->d, KB_DIAG_ERROR, p->file, p->line, p->column,
			"pattern %s the PCRE2 match limit on %s:%d (catastrophic "
			"backtracking?); it is skipped there: %s",
			r == KB_RE_LIMIT ? "hit" : "failed with an error on",
			u ? u->source->path : "(text)", line, p->text);
	}
	return false;
}

static bool any_match(kb_extractor *x, const kb_patterns *ps, const kb_unit *u,
		      const char *locale, const char *s, size_t n, size_t start)
{
	size_t ms, me;
	for (size_t i = 0; i < ps->n; i++)
		if (locale_ok(&ps->items[i], locale) &&
		    match(x, &ps->items[i], u, s, n, start, &ms, &me, NULL, NULL))
			return true;
	return false;
}

/* A '.' at t[i] that ends an abbreviation: the word before it is one
 * letter ("น." for o'clock in Thai, initials) or letters with a '.' inside
 * ("a.m.", "p.m.", "e.g.", "i.e.").  A word with a digit is not one:
 * "20.000đ." and "at 5." end sentences. */
static bool abbreviation(const char *t, size_t i)
{
	size_t b = i, chars = 0;
	bool dot = false;
	while (b > 0 && t[b - 1] != ' ' && t[b - 1] != '\n' && t[b - 1] != '(') {
		b--;
		if (t[b] >= '0' && t[b] <= '9')
			return false;
		if (t[b] == '.')
			dot = true;
		else if (((unsigned char)t[b] & 0xC0) != 0x80)
			chars++; /* count code points, not bytes */
	}
	return dot || chars == 1;
}

/* Sentences: split after . ! ? ; and line breaks (a '.' between digits, as
 * in "1.5" or "500.000", or after an abbreviation, is not an end). */
static size_t split_sentences(kb_extractor *x, const char *t, size_t n, span **out)
{
	/* The extractor's buffer, reused unit after unit: sentences are
	 * scratch, never kept (an arena would keep every unit's). */
	size_t k = 0;
	span *s = x->sents;
	size_t cap = x->sentcap;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		bool end = i == n || t[i] == '\n';
		if (!end && (t[i] == '.' || t[i] == '!' || t[i] == '?' || t[i] == ';')) {
			bool next_space = i + 1 >= n || t[i + 1] == ' ' || t[i + 1] == '\n';
			bool digits = i > 0 && i + 1 < n && t[i - 1] >= '0' && t[i - 1] <= '9' &&
				      t[i + 1] >= '0' && t[i + 1] <= '9';
			end = next_space && !digits && !(t[i] == '.' && abbreviation(t, i));
			if (end)
				i++; /* keep the mark in the sentence */
		}
		if (!end)
			continue;
		size_t e = i < n ? i : n;
		size_t b = start;
		while (b < e && (t[b] == ' ' || t[b] == '\n'))
			b++;
		if (e > b) {
			if (k == cap) {
				cap = cap ? cap * 2 : 16;
				s = realloc(s, cap * sizeof *s);
				if (!s)
					abort();
				x->sents = s;
				x->sentcap = cap;
			}
			s[k++] = (span){b, e};
		}
		start = i + (i < n && t[i] == '\n');
	}
	*out = s;
	return k;
}

/* The first (leftmost) qualifier value named in s[from..n). */
static const char *find_qualifier(kb_extractor *x, const kb_qualifier *q,
				  const kb_unit *u, const char *locale, const char *s,
				  size_t n, size_t from)
{
	const char *best = NULL;
	size_t best_at = (size_t)-1;
	for (size_t i = 0; i < q->values.n; i++) {
		const kb_pattern *p = &q->values.items[i];
		size_t ms, me;
		if (locale_ok(p, locale) && match(x, p, u, s, n, from, &ms, &me, NULL, NULL) &&
		    ms < best_at) {
			best = p->label;
			best_at = ms;
		}
	}
	return best;
}

/* A claim's scope: each qualifier's value from its clause, else from the
 * rest of its sentence, else from the question, else from the headings
 * (innermost first), over the source's configured scope. */
static kb_scope claim_scope(kb_extractor *x, const kb_topic *t, const kb_unit *u,
			    const char *locale, span clause, span sent)
{
	kb_scope s = u->scope;
	for (size_t i = 0; i < t->nqualifiers; i++) {
		const kb_qualifier *q = t->qualifiers[i];
		const char *v = find_qualifier(x, q, u, locale, u->text, clause.end, clause.start);
		if (!v && (clause.start != sent.start || clause.end != sent.end))
			v = find_qualifier(x, q, u, locale, u->text, sent.end, sent.start);
		if (!v && u->question)
			v = find_qualifier(x, q, u, locale, u->question, strlen(u->question), 0);
		for (size_t h = u->nheadings; !v && h-- > 0;)
			v = find_qualifier(x, q, u, locale, u->headings[h], strlen(u->headings[h]), 0);
		if (v)
			s = kb_scope_with(x->a, &s, q->name, v);
	}
	return s;
}

/* ---- clauses ----
 *
 * "Phones have a 12-month warranty, accessories 6 months" states two values
 * with two scopes in one sentence.  The sentence is cut at clause marks
 * (", ", English " and ", " but ", " while ", " whereas ", Vietnamese
 * " và ", " còn ", " nhưng ", and in Thai any space before a Thai word, as
 * in " ส่วนอุปกรณ์เสริม", "as for accessories").  Only when two parts name
 * different values of one of the topic's qualifiers is each part a clause
 * of its own: parts that name no qualifier join the part before them (or,
 * at the start, the one after), so "between 3 and 5 days" or "including
 * the battery" stay whole.  Otherwise the sentence is one clause.
 */

#define MAX_PARTS 16

static bool word_at(const char *t, size_t i, size_t end, const char *w, bool ascii)
{
	size_t n = strlen(w);
	if (i + n > end)
		return false;
	for (size_t k = 0; k < n; k++) {
		char a = t[i + k], b = w[k];
		if (ascii && a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

/* Where the next part starts if a clause mark is at t[i] (a space or a
 * comma), else 0. */
static size_t clause_mark(const char *t, size_t i, size_t end)
{
	/* Words after a space; the word itself opens the next part. */
	static const char *const words[] = {"and ", "but ", "while ", "whereas ",
					    "và ", "còn ", "nhưng ", NULL};
	if (t[i] == ',')
		return i + 1 < end && t[i + 1] == ' ' ? i + 1 : 0;
	if (t[i] != ' ')
		return 0;
	for (int k = 0; words[k]; k++)
		if (word_at(t, i + 1, end, words[k], true))
			return i + 1;
	/* Thai writes no spaces between words: a space before a Thai word
	 * ends a phrase ("... 6 เดือน ส่วนอุปกรณ์เสริม ...", "... โน้ตบุ๊ก ...").
	 * Thai letters are U+0E01..U+0E5B: E0 B8 81..E0 B9 9B in UTF-8. */
	const unsigned char *u = (const unsigned char *)t + i + 1;
	if (i + 3 < end && u[0] == 0xE0 && (u[1] == 0xB8 || u[1] == 0xB9))
		return i + 1;
	return 0;
}

/* The clauses of sentence s for topic t, in cl[] (at most MAX_PARTS);
 * returns how many (1: the whole sentence). */
static size_t split_clauses(kb_extractor *x, const kb_topic *t, const kb_unit *u,
			    span s, span *cl)
{
	cl[0] = s;
	if (t->nqualifiers == 0)
		return 1;
	span part[MAX_PARTS];
	size_t np = 0, b = s.start;
	for (size_t i = s.start; i < s.end && np + 1 < MAX_PARTS; i++) {
		size_t next = clause_mark(u->text, i, s.end);
		if (next > b && next < s.end) {
			part[np++] = (span){b, i};
			b = next;
		}
	}
	if (np == 0)
		return 1;
	part[np++] = (span){b, s.end};
	/* Does each part name a qualifier, and do two parts name different
	 * values of one? */
	bool named[MAX_PARTS] = {false};
	bool differ = false;
	for (size_t q = 0; q < t->nqualifiers; q++) {
		const char *first = NULL;
		for (size_t p = 0; p < np; p++) {
			const char *v = find_qualifier(x, t->qualifiers[q], u, u->locale, u->text,
						       part[p].end, part[p].start);
			named[p] |= v != NULL;
			if (v && first && strcmp(v, first) != 0)
				differ = true;
			if (v && !first)
				first = v;
		}
	}
	if (!differ)
		return 1;
	size_t n = 0;
	for (size_t p = 0; p < np; p++) {
		if (n == 0 || named[p])
			cl[n++] = part[p];
		else
			cl[n - 1].end = part[p].end;
	}
	/* A first part that names nothing joins the one after it. */
	if (n > 1 && !named[0]) {
		cl[1].start = cl[0].start;
		memmove(cl, cl + 1, (n - 1) * sizeof *cl);
		n--;
	}
	return n;
}

static void emit(kb_extractor *x, const kb_topic *t, const kb_attribute *at,
		 const kb_unit *u, const char *locale, span sent, span clause,
		 const kb_value *v, size_t qs, size_t qe, const kb_pattern *p, kb_vec *out)
{
	kb_claim *c = KB_NEW(x->a, kb_claim);
	c->topic = t->id;
	c->attribute = at->name;
	c->value = *v;
	c->unit = u;
	c->text_start = qs;
	c->text_end = qe;
	c->quote = kb_strndup(x->a, u->text + qs, qe - qs);
	/* A copy (the unit's text may not outlive extraction: see
	 * kb_unit.text), shared with the claim before when that came from the
	 * same sentence. */
	if (x->last_sentence && x->last_unit == u && x->last_sent.start == sent.start &&
	    x->last_sent.end == sent.end)
		c->sentence = x->last_sentence;
	else
		c->sentence = kb_strndup(x->a, u->text + sent.start, sent.end - sent.start);
	x->last_unit = u;
	x->last_sent = sent;
	x->last_sentence = c->sentence;
	c->loc = kb_unit_text_loc(u, qs, qe);
	c->scope = claim_scope(x, t, u, locale, clause, sent);
	c->rule_file = p->file;
	c->rule_line = p->line;
	c->pattern = p->text;
	c->vkey = kb_value_key(x->a, &c->value);
	c->skey = kb_scope_key(x->a, &c->scope);
	kb_vec_push(x->a, out, c);
}

/* bool and enum: the first statement pattern that matches the clause;
 * when statements overlap, the longer one wins ("cannot be cancelled" over
 * "be cancelled"), and on a tie the negative one. */
static void extract_statement(kb_extractor *x, const kb_topic *t,
			      const kb_attribute *at, const kb_unit *u,
			      const char *locale, span sent, span clause, kb_vec *out)
{
	const kb_pattern *best = NULL;
	size_t bs = 0, be = 0;
	for (size_t i = 0; i < at->yes_no.n; i++) {
		const kb_pattern *p = &at->yes_no.items[i];
		size_t ms, me, vs, ve;
		if (!locale_ok(p, locale) ||
		    !match(x, p, u, u->text, clause.end, clause.start, &ms, &me, &vs, &ve))
			continue;
		bool better = !best;
		if (best) {
			bool overlap = vs < be && bs < ve;
			if (overlap)
				better = (ve - vs) > (be - bs) ||
					 ((ve - vs) == (be - bs) && !p->yes && best->yes);
			else
				better = vs < bs;
		}
		if (better) {
			best = p;
			bs = vs;
			be = ve;
		}
	}
	if (!best)
		return;
	kb_value v = {.kind = at->type, .bound = KB_BOUND_EXACT, .min = 0, .max = 0};
	if (at->type == KB_V_BOOL)
		v.flag = best->yes;
	else
		v.label = best->label;
	v.start = bs;
	v.end = be;
	emit(x, t, at, u, locale, sent, clause, &v, bs, be, best, out);
}

/* The value a cue match [ms,me) with value group [vs,ve) points to, within
 * text[lo,hi): the named value, else the first one from the cue on, else
 * the last one before the cue. */
static bool value_near(const kb_attribute *at, const char *nl, const char *text,
		       size_t lo, size_t hi, size_t ms, size_t me, size_t vs, size_t ve,
		       kb_value *v)
{
	if (vs != ms || ve != me) /* the pattern names the value: (?<value>...) */
		return kb_normalize_find(at->type, nl, text, ve < hi ? ve : hi, vs, v);
	if (kb_normalize_find(at->type, nl, text, hi, ms, v))
		return true;
	bool found = false;
	size_t from = lo;
	kb_value w;
	while (from < ms && kb_normalize_find(at->type, nl, text, ms, from, &w)) {
		*v = w;
		found = true;
		from = w.end > from ? w.end : from + 1;
	}
	return found;
}

/* Value types.  In one clause: the first cue (in the pack's order) that
 * matches the sentence and leads to a value.  With several clauses: from
 * the first clause a cue is in, each clause gives its own value -- after
 * a cue of its own if it has one, else its first value ("Phones: 12
 * months, accessories: 6 months"). */
static void extract_value(kb_extractor *x, const kb_topic *t, const kb_attribute *at,
			  const kb_unit *u, const char *locale, span sent,
			  const span *cl, size_t ncl, kb_vec *out)
{
	const char *nl = (!locale || !strcmp(locale, "und")) ? "en" : locale;
	size_t ms, me, vs, ve;
	kb_value v;
	if (ncl == 1) {
		for (size_t i = 0; i < at->cues.n; i++) {
			const kb_pattern *p = &at->cues.items[i];
			if (!locale_ok(p, locale) ||
			    !match(x, p, u, u->text, sent.end, sent.start, &ms, &me, &vs, &ve) ||
			    !value_near(at, nl, u->text, sent.start, sent.end, ms, me, vs, ve, &v))
				continue;
			kb_attribute_value(at, &v);
			emit(x, t, at, u, locale, sent, sent, &v, v.start, v.end, p, out);
			return; /* one value per attribute and sentence */
		}
		return;
	}
	const kb_pattern *first = NULL;
	size_t first_at = (size_t)-1;
	for (size_t i = 0; i < at->cues.n; i++) {
		const kb_pattern *p = &at->cues.items[i];
		if (locale_ok(p, locale) &&
		    match(x, p, u, u->text, sent.end, sent.start, &ms, &me, &vs, &ve) && ms < first_at) {
			first = p;
			first_at = ms;
		}
	}
	for (size_t k = 0; first && k < ncl; k++) {
		if (cl[k].end <= first_at)
			continue;
		const kb_pattern *by = NULL;
		for (size_t i = 0; i < at->cues.n && !by; i++) {
			const kb_pattern *p = &at->cues.items[i];
			if (locale_ok(p, locale) &&
			    match(x, p, u, u->text, cl[k].end, cl[k].start, &ms, &me, &vs, &ve) &&
			    value_near(at, nl, u->text, cl[k].start, cl[k].end, ms, me, vs, ve, &v))
				by = p;
		}
		if (!by && kb_normalize_find(at->type, nl, u->text, cl[k].end, cl[k].start, &v))
			by = first;
		if (!by)
			continue;
		kb_attribute_value(at, &v);
		emit(x, t, at, u, locale, sent, cl[k], &v, v.start, v.end, by, out);
	}
}

static bool about(kb_extractor *x, const kb_topic *t, const kb_unit *u)
{
	if (u->question &&
	    any_match(x, &t->about_question, u, u->locale, u->question, strlen(u->question), 0))
		return true;
	return any_match(x, &t->about_answer, u, u->locale, u->text, u->text_len, 0);
}

/* The clauses of every sentence for topic t, in the extractor's buffer:
 * sentence i has x->ncl[i] clauses from x->cl + i * MAX_PARTS. */
static void clauses_of(kb_extractor *x, const kb_topic *t, const kb_unit *u,
		       const span *sents, size_t nsent)
{
	if (nsent > x->clcap) {
		free(x->cl);
		free(x->ncl);
		x->cl = malloc(nsent * MAX_PARTS * sizeof *x->cl);
		x->ncl = malloc(nsent * sizeof *x->ncl);
		if (!x->cl || !x->ncl)
			abort();
		x->clcap = nsent;
	}
	for (size_t i = 0; i < nsent; i++)
		x->ncl[i] = split_clauses(x, t, u, sents[i], x->cl + i * MAX_PARTS);
}

void kb_extract_unit(kb_extractor *x, const kb_unit *u, kb_vec *out)
{
	span *sents = NULL;
	size_t nsent = 0;
	x->question = x->text = NULL;
	if (x->pf) {
		kb_prefilter_scan(x->pf, x->th, u->text, u->text_len);
		x->text = u->text;
		if (u->question) {
			kb_prefilter_scan(x->pf, x->qh, u->question, strlen(u->question));
			x->question = u->question;
		}
	}
	for (size_t ti = 0; ti < kb_rules_ntopics(x->r); ti++) {
		const kb_topic *t = kb_rules_topic(x->r, ti);
		if (!about(x, t, u))
			continue;
		if (!sents)
			nsent = split_sentences(x, u->text, u->text_len, &sents);
		bool all_suppressed = false;
		for (size_t k = 0; u->suppressed && u->suppressed[k]; k++)
			if (!strcmp(u->suppressed[k], "*") || !strcmp(u->suppressed[k], t->id))
				all_suppressed = true;
		if (all_suppressed)
			continue;
		clauses_of(x, t, u, sents, nsent);
		for (size_t ai = 0; ai < t->nattrs; ai++) {
			const kb_attribute *at = &t->attrs[ai];
			for (size_t si = 0; si < nsent; si++) {
				span s = sents[si];
				const span *cl = x->cl + si * MAX_PARTS;
				size_t ncl = x->ncl[si];
				/* `unless` skips the whole sentence, all its clauses. */
				if (any_match(x, &at->unless, u, u->locale, u->text, s.end, s.start))
					continue;
				if (at->type != KB_V_BOOL && at->type != KB_V_ENUM) {
					extract_value(x, t, at, u, u->locale, s, cl, ncl, out);
					continue;
				}
				/* A statement's cue, when given, must be in its
				 * sentence ("refund" for "original payment method"). */
				if (at->cues.n &&
				    !any_match(x, &at->cues, u, u->locale, u->text, s.end, s.start))
					continue;
				for (size_t k = 0; k < ncl; k++)
					extract_statement(x, t, at, u, u->locale, s, cl[k], out);
			}
		}
	}
}

void kb_extract_text(kb_extractor *x, const char *locale, const char *question,
		     const char *text, kb_vec *out)
{
	kb_source *src = KB_NEW(x->a, kb_source);
	src->path = "(text)";
	src->format = "text";
	src->channel = KB_CHANNEL_UNKNOWN;
	src->locale = locale;
	size_t n = strlen(text);
	src->data = kb_strndup(x->a, text, n);
	src->len = n;
	kb_source_index_lines(x->a, src);
	kb_unit *u = KB_NEW(x->a, kb_unit);
	u->source = src;
	u->id = "text";
	u->question = question;
	size_t len;
	uint32_t *map;
	u->text = kb_text_nfc(x->a, text, n, &len, &map);
	u->text_len = len;
	kb_textseg *seg = KB_NEW(x->a, kb_textseg);
	*seg = (kb_textseg){0, (uint32_t)len, 0, (uint32_t)n, map == NULL};
	u->segs = seg;
	u->nsegs = 1;
	u->locale = locale ? locale : kb_text_guess_locale(text, n);
	if (!u->locale)
		u->locale = "und";
	u->active = true;
	u->loc = kb_loc_of(src, 0, n);
	kb_extract_unit(x, u, out);
}
