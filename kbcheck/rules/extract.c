/* extract.c - classify units into topics and extract typed claims.
 *
 * A unit is read segment by segment (parse/segment.h: paragraphs, list
 * items, table cells, "Label: value" lines, each with its context) and
 * sentence by sentence.  Questions and examples state no policy.  For each
 * topic the unit is about and each attribute of the topic:
 *
 *   statements (bool, enum): a yes/no or labelled pattern in a clause;
 *   or a reply ("Sure!", "Dạ không ạ") to a question that asks one;
 *
 *   values: a value of the attribute's type that the attribute's cue
 *   *governs* (KB_HOW_CLAUSE): the cue comes before the value with no other
 *   governor between them -- another attribute's cue, a process word
 *   ("processed", "reply", "pay"), an act ("request", "report") -- and no
 *   hard boundary (";", "|", "→", a line); or right after it ("7 ngày đổi
 *   trả").  Across a "Label:" colon it is KB_HOW_CONTEXT.  A sentence with
 *   no cue of its own takes the cue from its context, nearest first (label,
 *   column, row, parents, headings, question: KB_HOW_CONTEXT) when the
 *   nearest context that names any attribute names this one and nothing
 *   in the sentence governs the value.  A cue and a value in one sentence
 *   that fail all this make a KB_HOW_WEAK claim (shown with --show-weak).
 *
 * A claim's scope comes from qualifiers named in its clause, its sentence,
 * then its context; a label, row header or parent that names a subject no
 * qualifier knows ("Emergency support: 24/7") is a scope of its own,
 * "label".
 */
#include "extract.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/hash.h"
#include "../base/locale.h"
#include "../base/text.h"
#include "../base/thai.h"
#include "../normalize/normalize.h"
#include "../parse/faq_util.h"
#include "../parse/segment.h"
#include "../config/config.h"
#include "drift.h"
#include "prefilter.h"

typedef struct span {
	size_t start, end;
} span;

/* What governs values in a sentence. */
enum { GOV_CUE, GOV_PROCESS, GOV_STEP, GOV_ACT, GOV_OFFER, GOV_CLOSED };
typedef struct gov {
	size_t start, end;
	const kb_attribute *at; /* GOV_CUE: whose cue */
	const kb_pattern *p;
	int kind;
	bool named;       /* the pattern names where its value is: (?<value>...) */
	size_t vs, ve;    /* that place */
} gov;

typedef struct sent {
	span s;
	size_t seg;   /* its segment */
	bool skip;    /* a question or an example: no claims */
	bool ask;     /* a question (the answer may pose its own) */
	const char *text; /* its text as a string, once needed as context */
	size_t g0, ng; /* its governors in x->govs, by start */
} sent;

/* Which value attributes' cues (and whether a process or act word) a
 * context text names: worked out once per text and unit. */
typedef struct ctxnames {
	const char *text;
	const kb_attribute **at;
	size_t nat;
	bool other; /* a process or an offer */
} ctxnames;

enum { PREDICATE_MAX_WORDS = 6, THAI_RUNS = 32, SCANNED = 8 };
enum { MAX_RESTATED = 2, LIST_ITEM_MAX = 400, LIST_CASES_MAX = 64, PLACEHOLDER_MAX = 80,
       PAREN_MAX = 200, INCREMENT_MAX = 40 };
enum { MAX_CONTEXT = 24, CONTEXT_MAX_WORDS = 24, BACKWARD_GAP = 24, LABEL_SCOPE_MAX_WORDS = 12,
       SUBJECT_MAX_WORDS = 6, LABEL_SUBJECT_MAX_WORDS = 24, HEADING_SUBJECT_MAX_WORDS = 8,
       TITLE_LEVELS = 16 };

struct kb_extractor {
	const kb_rules *r;
	kb_arena *a;
	kb_diags *d;
	kb_arena *scratch; /* one unit's segments and work, reset per unit */
	kb_re_scratch *sc;
	kb_vec reported; /* patterns whose match limit was already reported */
	/* Patterns that may match the current unit's question and text
	 * (prefilter.h): the others are not run on them. */
	const kb_prefilter *pf;
	kb_prefilter_hits *qh, *th, *ch;
	const char *question, *text; /* the unit they were scanned from */
	const char *ctext;           /* the context text ch was scanned from */
	kb_prefilter_hits *rh;       /* a title or label residue() blanks */
	/* Any other text a pattern is run on (a label, a heading, a row), as
	 * scanned last: known by its bytes. */
	struct scanned {
		char *bytes;
		size_t n, cap;
		kb_prefilter_hits *h;
	} scanned[SCANNED];
	size_t nscanned, scanned_next;
	/* The current unit's topics, segments, sentences, governors and
	 * clauses (scratch, reused from unit to unit). */
	const kb_topic **topics;
	size_t ntopics, topcap;
	kb_segment *segs;
	size_t nsegs;
	sent *sents;
	size_t nsent, sentcap;
	gov *govs;
	size_t ngov, govcap;
	/* The cue patterns that may match the unit (prefilter), with their
	 * attributes: what find_governors tries in each sentence. */
	const kb_pattern **cand;
	const kb_attribute **cand_at;
	size_t ncand, candcap;
	span *cl;
	size_t *ncl, clcap;
	ctxnames *names;
	size_t nnames, namecap;
	/* Thai word breaks (base/thai.h): the segmenter, loaded at the first
	 * Thai match (NULL without libthai's dictionary: matches are kept as
	 * they are), and the words of the last runs of Thai letters a match
	 * cut into, found once each (most of a text's runs no match cuts:
	 * they are not segmented). */
	kb_thai *thai;
	bool thai_tried;
	struct thai_run {
		uint64_t hash; /* of its bytes, which are the key */
		char *bytes;
		size_t n;
		kb_thai_word *w;
		size_t nw;
	} thai_run[THAI_RUNS];
	size_t nthai, thai_next;
	/* The last claim's sentence, shared by the next from the same one. */
	const kb_unit *last_unit;
	span last_sent;
	const char *last_sentence;
};

const char *kb_how_name(kb_how h)
{
	static const char *const names[] = {"clause", "context", "weak"};
	return h <= KB_HOW_WEAK ? names[h] : "weak";
}

kb_extractor *kb_extractor_new(const kb_rules *r, kb_arena *a, kb_diags *d)
{
	kb_extractor *x = calloc(1, sizeof *x);
	if (!x)
		abort();
	x->r = r;
	x->a = a;
	x->d = d;
	x->scratch = kb_arena_new();
	x->sc = kb_re_scratch_new();
	x->pf = kb_rules_prefilter(r);
	if (x->pf) {
		x->qh = kb_prefilter_hits_new(x->pf);
		x->th = kb_prefilter_hits_new(x->pf);
		x->ch = kb_prefilter_hits_new(x->pf);
		x->rh = kb_prefilter_hits_new(x->pf);
	}
	return x;
}

static void thai_forget(kb_extractor *x);

void kb_extractor_retarget(kb_extractor *x, kb_arena *a, kb_diags *d)
{
	x->a = a;
	x->d = d;
	x->reported = (kb_vec){0};
	x->last_unit = NULL;
	x->last_sentence = NULL;
	thai_forget(x);
}

/* The words of the runs seen go. */
static void thai_forget(kb_extractor *x)
{
	for (size_t i = 0; i < x->nthai; i++) {
		free(x->thai_run[i].w);
		free(x->thai_run[i].bytes);
	}
	x->nthai = 0;
	x->thai_next = 0;
}

void kb_extractor_free(kb_extractor *x)
{
	if (!x)
		return;
	kb_re_scratch_free(x->sc);
	kb_prefilter_hits_free(x->qh);
	kb_prefilter_hits_free(x->th);
	kb_prefilter_hits_free(x->ch);
	kb_prefilter_hits_free(x->rh);
	for (size_t i = 0; i < x->nscanned; i++) {
		kb_prefilter_hits_free(x->scanned[i].h);
		free(x->scanned[i].bytes);
	}
	kb_arena_free(x->scratch);
	thai_forget(x);
	kb_thai_free(x->thai);
	free(x->topics);
	free(x->sents);
	free(x->govs);
	free(x->cl);
	free(x->ncl);
	free(x->names);
	free(x->cand);
	free(x->cand_at);
	free(x);
}

/* Grows *v (of *cap items of size sz) to hold n. */
static void *grow(void *v, size_t *cap, size_t n, size_t sz)
{
	if (n <= *cap)
		return v;
	size_t c = *cap ? *cap : 16;
	while (c < n)
		c *= 2;
	v = realloc(v, c * sz);
	if (!v)
		abort();
	*cap = c;
	return v;
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

/* The words of the run of Thai letters r[0..n), found once per run: a
 * run's words are its bytes' (base/thai.h), which are the key (not an
 * address: a buffer freed and allocated again may come back at the same
 * address with other words, which, with several workers, made a run's
 * findings depend on the threads' timing). */
static const struct thai_run *thai_run_words(kb_extractor *x, const char *r, size_t n)
{
	uint64_t h = kb_hash(KB_HASH_INIT, r, n);
	for (size_t i = 0; i < x->nthai; i++) {
		const struct thai_run *m = &x->thai_run[i];
		if (m->hash == h && m->n == n && !memcmp(m->bytes, r, n))
			return m;
	}
	struct thai_run *m;
	if (x->nthai < THAI_RUNS) {
		m = &x->thai_run[x->nthai++];
	} else { /* the oldest goes */
		m = &x->thai_run[x->thai_next];
		x->thai_next = (x->thai_next + 1) % THAI_RUNS;
		free(m->w);
		free(m->bytes);
	}
	m->hash = h;
	m->n = n;
	m->bytes = malloc(n + 1);
	if (!m->bytes)
		abort();
	memcpy(m->bytes, r, n);
	m->nw = kb_thai_run_words(x->thai, r, n, &m->w);
	return m;
}

/* The Thai word of s[0..n) that byte off (Thai letters on both sides) is
 * strictly inside: its bytes [*ws, *we); false when there is none, or no
 * segmenter at hand. */
static bool thai_word_at(kb_extractor *x, const char *s, size_t n, size_t off, size_t *ws,
			 size_t *we)
{
	if (!x->thai_tried) {
		x->thai_tried = true;
		x->thai = kb_thai_new(NULL);
	}
	if (!x->thai)
		return false;
	size_t a, e;
	kb_thai_run_at(s, n, off, &a, &e);
	const struct thai_run *m = thai_run_words(x, s + a, e - a);
	size_t lo = 0, hi = m->nw, at = off - a; /* the first word that ends after off */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->w[mid].end <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == m->nw || m->w[lo].start >= at)
		return false;
	*ws = a + m->w[lo].start;
	*we = a + m->w[lo].end;
	return true;
}

/* Does the match [ms, me) of a Thai pattern start or end inside a Thai
 * word of s ("ใน", in, within "ภายใน", within)?  Such a match states
 * nothing.  Only where both sides of the edge are Thai letters. */
static bool cuts_thai_word(kb_extractor *x, const kb_pattern *p, const kb_unit *u,
			   const char *s, size_t ms, size_t me)
{
	if (p->locale[0] != 't' || strcmp(p->locale, "th"))
		return false;
	/* The whole text: a match may end where a clause does. */
	size_t n = u && s == u->text ? u->text_len : strlen(s);
	size_t ws, we;
	return (kb_thai_between_letters(s, n, ms) && thai_word_at(x, s, n, ms, &ws, &we)) ||
	       (kb_thai_between_letters(s, n, me) && thai_word_at(x, s, n, me, &ws, &we));
}

/* The prefilter's hits for s when s is a text it scanned (the unit's
 * text, its question, the context text last asked about), else NULL. */
static const kb_prefilter_hits *hits_for(const kb_extractor *x, const char *s)
{
	if (!x->pf || !s)
		return NULL;
	if (s == x->text)
		return x->th;
	if (s == x->question)
		return x->qh;
	return s == x->ctext ? x->ch : NULL;
}

/* The first pattern of ps from the i-th on that may match in a text of
 * hits h (NULL: not known): most of a list's patterns may not, and they
 * are skipped without a look at each (pack.h, prefilter.h). */
static size_t next_may(const kb_patterns *ps, const kb_prefilter_hits *h, size_t i)
{
	if (!h || !ps->pf)
		return i;
	if (ps->pf0 >= 0)
		return (size_t)(kb_prefilter_next(h, ps->pf0 + (int)i, ps->pf0 + (int)ps->n) -
				ps->pf0);
	while (i < ps->n && !kb_prefilter_may(h, ps->pf[i]))
		i++;
	return i;
}

/* The prefilter's hits for s[0..n), a text none of the unit's scans
 * covers: scanned once while it is among the last few asked about (by its
 * bytes: its address may come back with other words). */
static const kb_prefilter_hits *scan_other(kb_extractor *x, const char *s, size_t n)
{
	for (size_t i = 0; i < x->nscanned; i++) {
		const struct scanned *m = &x->scanned[i];
		if (m->n == n && !memcmp(m->bytes, s, n))
			return m->h;
	}
	struct scanned *m;
	if (x->nscanned < SCANNED) {
		m = &x->scanned[x->nscanned++];
		m->h = kb_prefilter_hits_new(x->pf);
	} else { /* the oldest goes */
		m = &x->scanned[x->scanned_next];
		x->scanned_next = (x->scanned_next + 1) % SCANNED;
	}
	m->bytes = grow(m->bytes, &m->cap, n + 1, 1);
	memcpy(m->bytes, s, n);
	m->n = n;
	kb_prefilter_scan(x->pf, m->h, s, n);
	return m->h;
}

static bool match(kb_extractor *x, const kb_pattern *p, const kb_unit *u,
		  const char *s, size_t n, size_t start, size_t *ms, size_t *me,
		  size_t *vs, size_t *ve)
{
	/* A pattern none of whose needed literals is in the part of the
	 * unit's text (or question, or context) searched cannot match there. */
	const kb_prefilter_hits *h = hits_for(x, s);
	if (!h && x->pf)
		h = scan_other(x, s, n);
	if (h && !kb_prefilter_may_within(h, p->pf, start, n))
		return false;
	kb_re_result r = kb_re_match(p->re, x->sc, s, n, start, ms, me, vs, ve);
	/* A match that cuts a Thai word is none: the next one is tried. */
	while (r == KB_RE_MATCH && cuts_thai_word(x, p, u, s, *ms, *me)) {
		int32_t cp;
		if (*ms >= n)
			return false;
		start = *ms + kb_utf8_next(s + *ms, n - *ms, &cp);
		r = kb_re_match(p->re, x->sc, s, n, start, ms, me, vs, ve);
	}
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
	const kb_prefilter_hits *h = hits_for(x, s);
	for (size_t i = next_may(ps, h, 0); i < ps->n;
	     i = next_may(ps, h, i + 1))
		if (locale_ok(&ps->items[i], locale) &&
		    match(x, &ps->items[i], u, s, n, start, &ms, &me, NULL, NULL))
			return true;
	return false;
}

/* ---- sentences ------------------------------------------------------------ */

/* t[b, i) a title or an address's abbreviation, before a capitalised
 * name ("TP. Hồ Chí Minh", "St. Louis", "Dr. Nguyen")? */
static bool before_name(const char *t, size_t b, size_t i)
{
	static const char *const names[] = {"TP", "TX", "TT", "St", "Mt", "Dr", "Mr",
					    "Ms", "Mrs", "Jr", "Sr", "Ave", "Rd"};
	if (t[i + 1] != ' ' || !(t[i + 2] >= 'A' && t[i + 2] <= 'Z'))
		return false;
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (strlen(names[k]) == i - b && !memcmp(t + b, names[k], i - b))
			return true;
	return false;
}

/* A '.' at t[i] that ends an abbreviation: the word before it is one
 * letter ("น." for o'clock in Thai, initials), letters with a '.' inside
 * ("a.m.", "p.m.", "e.g.", "i.e.") or a title before a name.  A word with a digit is not one:
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
	return dot || chars == 1 || before_name(t, b, i);
}

static bool word_sep(char c)
{
	return c == ' ' || c == '\n' || c == '.' || c == '/' || c == '@' || c == ':';
}

/* Does t[s, e) hold a letter of a language with its own letters (a
 * Vietnamese diacritic), and no Thai, which writes its abbreviations with
 * dots ("พ.ย.")? */
static bool native_word(const char *t, size_t s, size_t e)
{
	bool native = false;
	for (size_t k = s; k < e; k++) {
		unsigned char c = (unsigned char)t[k];
		if (c == 0xE0 && k + 1 < e && ((unsigned char)t[k + 1] & 0xFE) == 0xB8)
			return false; /* U+0E00..U+0E7F */
		native |= c >= 0xC3;
	}
	return native;
}

/* Two sentences glued by a '.' with no space, as pasted text has them
 * ("đổi hàng mới cho khách.ngoại thành HN giao 1-2 ngày"): both words
 * around the '.' at t[i] are in a language with its own letters; "TP.HCM",
 * "shop.vn", "e.g." and URLs are not. */
static bool glued(const char *t, size_t from, size_t to, size_t i)
{
	if (i <= from || i + 1 >= to || t[i] != '.' || word_sep(t[i + 1]) || abbreviation(t, i))
		return false;
	size_t b = i, e = i + 1;
	while (b > from && !word_sep(t[b - 1]))
		b--;
	while (e < to && !word_sep(t[e]))
		e++;
	return native_word(t, b, i) && native_word(t, i + 1, e);
}

static void add_sentence(kb_extractor *x, size_t b, size_t e, size_t seg)
{
	while (b < e && (x->text[b] == ' ' || x->text[b] == '\n'))
		b++;
	if (e <= b)
		return;
	x->sents = grow(x->sents, &x->sentcap, x->nsent + 1, sizeof *x->sents);
	x->sents[x->nsent++] = (sent){.s = {b, e}, .seg = seg};
}

/* The sentences of t[from, to): split after . ! ? ; and line breaks (a '.'
 * between digits, as in "1.5" or "500.000", or after an abbreviation, is
 * not an end). */
static void split_sentences(kb_extractor *x, const char *t, size_t from, size_t to, size_t seg)
{
	size_t start = from;
	for (size_t i = from; i <= to; i++) {
		bool end = i == to || t[i] == '\n';
		if (!end && (t[i] == '.' || t[i] == '!' || t[i] == '?' || t[i] == ';')) {
			bool next_space = i + 1 >= to || t[i + 1] == ' ' || t[i + 1] == '\n';
			bool digits = i > from && i + 1 < to && t[i - 1] >= '0' && t[i - 1] <= '9' &&
				      t[i + 1] >= '0' && t[i + 1] <= '9';
			end = (next_space && !digits && !(t[i] == '.' && abbreviation(t, i))) ||
			      glued(t, from, to, i);
			if (end)
				i++; /* keep the mark in the sentence */
		}
		if (!end)
			continue;
		add_sentence(x, start, i < to ? i : to, seg);
		start = i + (i < to && t[i] == '\n');
	}
}

/* A question states no policy: "?" at its end, or the Thai question
 * particles (ไหม, มั้ย, หรือไม่, หรือเปล่า, with ครับ/คะ after them). */
static bool question(const char *t, span s)
{
	size_t e = s.end;
	while (e > s.start && (t[e - 1] == ' ' || t[e - 1] == '"' || t[e - 1] == ')' ||
			       t[e - 1] == '\''))
		e--;
	/* "??" is not how questions end, but how damaged bytes read. */
	if (e > s.start && t[e - 1] == '?' && !(e - 1 > s.start && t[e - 2] == '?'))
		return true;
	if (e >= s.start + 3 && !memcmp(t + e - 3, "？", 3))
		return true;
	static const char *const tails[] = {"ครับ", "คะ", "ค่ะ", "คับ", NULL};
	for (int k = 0; tails[k]; k++) {
		size_t n = strlen(tails[k]);
		if (e >= s.start + n && !memcmp(t + e - n, tails[k], n)) {
			e -= n;
			break;
		}
	}
	static const char *const qs[] = {"ไหม", "มั้ย", "หรือไม่", "หรือเปล่า", NULL};
	for (int k = 0; qs[k]; k++) {
		size_t n = strlen(qs[k]);
		if (e >= s.start + n && !memcmp(t + e - n, qs[k], n))
			return true;
	}
	return false;
}

/* Does a pattern of grammar g match s at its start (after a list mark)? */
static bool grammar_at(kb_extractor *x, kb_grammar g, const kb_unit *u, const char *s, size_t n,
		       size_t start)
{
	const kb_patterns *ex = kb_rules_grammar(x->r, g);
	const kb_prefilter_hits *h = hits_for(x, s);
	for (size_t i = next_may(ex, h, 0); i < ex->n;
	     i = next_may(ex, h, i + 1)) {
		size_t ms, me;
		if (locale_ok(&ex->items[i], u->locale) &&
		    match(x, &ex->items[i], u, s, n, start, &ms, &me, NULL, NULL) && ms <= start + 4)
			return true;
	}
	return false;
}

/* Segments, their sentences, and which sentences state nothing. */
static void read_sentences(kb_extractor *x, const kb_unit *u)
{
	x->nsegs = kb_unit_segments(x->scratch, u, &x->segs);
	x->nsent = 0;
	bool *example = KB_NEWN(x->scratch, bool, x->nsegs + 1);
	bool *trigger = KB_NEWN(x->scratch, bool, x->nsegs + 1);
	for (size_t i = 0; i < x->nsegs; i++) {
		const kb_segment *sg = &x->segs[i];
		/* An example, or under one ("Ví dụ thực tế:" then a list), or
		 * under a lead-in that says when to get in touch ("Contact
		 * support if:"): what it says is a case, not a policy. */
		example[i] = grammar_at(x, KB_GRAMMAR_EXAMPLES, u, u->text, sg->end, sg->start) ||
			     (sg->parent >= 0 &&
			      (example[sg->parent] || trigger[sg->parent]));
		trigger[i] = sg->lead_in &&
			     grammar_at(x, KB_GRAMMAR_TRIGGERS, u, u->text, sg->end, sg->start);
		size_t first = x->nsent;
		split_sentences(x, u->text, sg->start, sg->end, i);
		for (size_t k = first; k < x->nsent; k++) {
			sent *st = &x->sents[k];
			st->ask = question(u->text, st->s);
			st->skip = example[i] || st->ask ||
				   grammar_at(x, KB_GRAMMAR_EXAMPLES, u, u->text, st->s.end,
					      st->s.start);
		}
	}
}

/* ---- governors ------------------------------------------------------------ */

static void add_gov(kb_extractor *x, size_t s, size_t e, const kb_attribute *at,
		    const kb_pattern *p, int kind, size_t vs, size_t ve)
{
	x->govs = grow(x->govs, &x->govcap, x->ngov + 1, sizeof *x->govs);
	bool named = vs != s || ve != e;
	/* A named value is no part of the cue: the cue is the rest. */
	if (named && vs == s)
		s = ve;
	else if (named)
		e = vs;
	x->govs[x->ngov++] = (gov){s, e, at, p, kind, named, vs, ve};
}

/* Every match of the patterns in t[from, to) as governors. */
static void govs_of(kb_extractor *x, const kb_patterns *ps, const kb_unit *u, const char *t,
		    span sp, const kb_attribute *at, int kind)
{
	const kb_prefilter_hits *h = hits_for(x, t);
	for (size_t i = next_may(ps, h, 0); i < ps->n;
	     i = next_may(ps, h, i + 1)) {
		const kb_pattern *p = &ps->items[i];
		if (!locale_ok(p, u->locale))
			continue;
		size_t from = sp.start, ms, me, vs, ve;
		while (from < sp.end && match(x, p, u, t, sp.end, from, &ms, &me, &vs, &ve)) {
			if (me > ms)
				add_gov(x, ms, me, at, p, kind, vs, ve);
			from = me > from ? me : from + 1;
		}
	}
}

static bool is_value_type(kb_vkind k) { return k != KB_V_BOOL && k != KB_V_ENUM; }

static int cmp_gov(const void *a, const void *b)
{
	const gov *g = a, *h = b;
	if (g->start != h->start)
		return g->start < h->start ? -1 : 1;
	return g->end < h->end ? -1 : g->end > h->end;
}

/* The governors of each sentence: the cues of the value attributes of
 * every topic (a topic the unit is not about still owns its words: "return
 * it within 30 days" is no refund time), process words and acts. */
static void find_governors(kb_extractor *x, const kb_unit *u)
{
	/* Once per unit: the cue patterns its text may hold. */
	x->ncand = 0;
	for (size_t ti = 0; ti < kb_rules_ntopics(x->r); ti++) {
		const kb_topic *t = kb_rules_topic(x->r, ti);
		for (size_t ai = 0; ai < t->nattrs; ai++) {
			const kb_attribute *at = &t->attrs[ai];
			if (!is_value_type(at->type))
				continue;
			const kb_prefilter_hits *h = hits_for(x, u->text);
			for (size_t i = next_may(&at->cues, h, 0); i < at->cues.n;
			     i = next_may(&at->cues, h, i + 1)) {
				const kb_pattern *p = &at->cues.items[i];
				if (!locale_ok(p, u->locale))
					continue;
				size_t c = x->ncand + 1, cap = x->candcap;
				x->cand = grow(x->cand, &cap, c, sizeof *x->cand);
				x->cand_at = grow(x->cand_at, &x->candcap, c, sizeof *x->cand_at);
				x->cand[x->ncand] = p;
				x->cand_at[x->ncand++] = at;
			}
		}
	}
	x->ngov = 0;
	for (size_t k = 0; k < x->nsent; k++) {
		sent *st = &x->sents[k];
		st->g0 = x->ngov;
		if (st->skip)
			continue;
		/* An attribute whose `unless` the sentence meets governs
		 * nothing in it ("all branches open for service ..." is no
		 * support hours). */
		const kb_attribute *last = NULL;
		bool excluded = false;
		for (size_t i = 0; i < x->ncand; i++) {
			const kb_attribute *at = x->cand_at[i];
			if (at != last) {
				last = at;
				excluded = any_match(x, &at->unless, u, u->locale, u->text, st->s.end,
						     st->s.start);
			}
			if (!excluded)
				govs_of(x, &(kb_patterns){(kb_pattern *)x->cand[i], 1, NULL, -1}, u,
					u->text, st->s, at, GOV_CUE);
		}
		govs_of(x, kb_rules_grammar(x->r, KB_GRAMMAR_PROCESSES), u, u->text, st->s, NULL,
			GOV_PROCESS);
		govs_of(x, kb_rules_grammar(x->r, KB_GRAMMAR_STEPS), u, u->text, st->s, NULL,
			GOV_STEP);
		govs_of(x, kb_rules_grammar(x->r, KB_GRAMMAR_ACTS), u, u->text, st->s, NULL, GOV_ACT);
		govs_of(x, kb_rules_grammar(x->r, KB_GRAMMAR_OFFERS), u, u->text, st->s, NULL,
			GOV_OFFER);
		govs_of(x, kb_rules_grammar(x->r, KB_GRAMMAR_CLOSED), u, u->text, st->s, NULL,
			GOV_CLOSED);
		st->ng = x->ngov - st->g0;
		if (st->ng > 1)
			qsort(x->govs + st->g0, st->ng, sizeof *x->govs, cmp_gov);
	}
}

/* What lies between two places of a sentence. */
enum { CLEAN, COLON, HARD };

static int boundary(const char *t, size_t a, size_t b)
{
	int r = CLEAN;
	for (size_t i = a; i < b; i++) {
		char c = t[i];
		if (c == ';' || c == '|' || c == '\n' || c == '=')
			return HARD;
		if (c == '\xE2' && i + 2 < b && t[i + 1] == '\x86' && t[i + 2] == '\x92')
			return HARD; /* → */
		if (c == '\xE2' && i + 2 < b && t[i + 1] == '\x80' && t[i + 2] == '\xA2')
			return HARD; /* • */
		if ((unsigned char)c >= 0xE2) { /* ✅ ❌ ★: bullets too */
			int32_t cp;
			size_t k = kb_utf8_next(t + i, b - i, &cp);
			if (kb_cp_symbol(cp))
				return HARD;
			i += k - 1;
		}
		if (c == ':' && !(i > a && t[i - 1] >= '0' && t[i - 1] <= '9' && i + 1 < b &&
				  t[i + 1] >= '0' && t[i + 1] <= '9'))
			r = COLON;
	}
	return r;
}

static bool timelike(const kb_attribute *at)
{
	return at->type == KB_V_DURATION || at->type == KB_V_TIMERANGE ||
	       at->type == KB_V_WEEKDAYS;
}

/* Can g take a value from at: another attribute's cue for values of
 * at's type, an offer, or -- for durations and times -- a process, an
 * act or a closing ("pay within 24 hours"; "you pay a $5 fee" leaves the
 * fee to the fee; "closed on Sundays"). */
static bool rival(const gov *g, const kb_attribute *at)
{
	if (g->kind == GOV_CUE)
		return g->at != at && g->at->type == at->type;
	if (g->kind == GOV_OFFER)
		return true; /* "Save 15%", "buy within 48 hours and get ..." */
	return timelike(at);
}

static size_t words(const char *t, size_t s, size_t e);

/* A process word that is what the cue's subject undergoes: "refunds *are
 * processed* within", "tiền hoàn ... được *xử lý* trong": a few words after
 * the cue, no governor between.  Not for a window to act (`acts`): how
 * long the shop takes over a return or an exchange ("returns are
 * inspected within 3 days", "exchanges ship within 48 hours") is not how
 * long the customer has. */
static bool predicate(const char *t, const gov *G, size_t n, const gov *g, const gov *p)
{
	if (p->kind != GOV_PROCESS || p->start < g->end)
		return false;
	for (size_t k = 0; k < n; k++)
		if (&G[k] != p && G[k].start >= g->end && G[k].end <= p->start)
			return false;
	/* (Not across a parenthesis: "refund (the vendor responds within
	 * 48 hours)" is the vendor's.) */
	return boundary(t, g->end, p->start) == CLEAN &&
	       !memchr(t + g->end, '(', p->start - g->end) &&
	       words(t, g->end, p->start) <= PREDICATE_MAX_WORDS;
}

/* Where the parenthesis that holds b ends, when it opened in [a, b): it
 * is a clause of its own ("Refund issued after approval (48-hour SLA for
 * vendor response)"), so its words govern its values too.  b when there is
 * none, or it never closes on the line. */
static size_t paren_end(const char *t, size_t a, size_t b)
{
	size_t open = b;
	int depth = 0;
	for (size_t i = b; i > a && open == b; i--) {
		if (t[i - 1] == ')')
			depth++;
		else if (t[i - 1] == '(' && depth-- == 0)
			open = i - 1;
	}
	if (open == b)
		return b;
	depth = 0;
	for (size_t j = b; j < b + PAREN_MAX && t[j] && t[j] != '\n'; j++) {
		if (t[j] == '(')
			depth++;
		else if (t[j] == ')' && depth-- == 0)
			return j;
	}
	return b;
}

/* A rival governor in [a, b) or in the parenthesis that holds b, not the
 * words of g itself (g may be NULL), nor words that run on from g with
 * nothing between: one phrase, whose head is g (Thai "เปิด|ให้บริการ",
 * open-for-service, is the opening hours). */
static bool other_between(const char *t, const gov *G, size_t n, const gov *g,
			  const kb_attribute *at, size_t a, size_t b)
{
	size_t phrase_end = g ? g->end : 0;
	b = paren_end(t, a, b);
	for (size_t k = 0; k < n; k++) {
		if (G[k].start >= b)
			break;
		/* (A closing never runs on: "ร้าน|ปิด|ทุกวันอาทิตย์", the shop
		 * closes on Sundays.) */
		if (g && G[k].kind != GOV_CLOSED && G[k].start >= g->start &&
		    G[k].start <= phrase_end) {
			if (G[k].end > phrase_end)
				phrase_end = G[k].end; /* runs on from g */
			continue;
		}
		if (G[k].start < a || G[k].end > b || !rival(&G[k], at))
			continue;
		if (g && G[k].start < g->end && g->start < G[k].end)
			continue; /* the same words */
		if (g && !at->acts && predicate(t, G, n, g, &G[k]))
			continue;
		return true;
	}
	return false;
}

/* A rival that governs the value at [.., v) from the left, in its clause
 * from cl_start, at no more than twice the distance of the cue on its
 * right: "cancelled any time with 7 days' notice" is the notice's, "Return
 * the item within 30 days for a full refund" is the return's. */
static bool nearer_on_the_left(const gov *G, size_t n, const kb_attribute *at, size_t cl_start,
			       size_t v, size_t right_gap)
{
	size_t best = 0;
	bool any = false;
	for (size_t k = 0; k < n && G[k].start < v; k++)
		if (G[k].start >= cl_start && G[k].end <= v && rival(&G[k], at)) {
			any = true;
			best = G[k].end > best ? G[k].end : best;
		}
	return any && v - best <= 2 * right_gap;
}

/* An act right before cue g ("request a refund", "report damage"): the
 * value is the act's deadline.  A process right before a window's cue
 * ("we process returns within 3 days", "xử lý hoàn tiền hoặc đổi sản
 * phẩm trong 5-7 ngày"): the value is how long the shop takes over it,
 * not how long the customer has. */
static bool kind_before(const gov *G, size_t n, const gov *g, const char *t, int kind)
{
	for (size_t k = 0; k < n; k++) {
		int gk = G[k].kind == GOV_STEP ? GOV_PROCESS : G[k].kind;
		if (gk != kind || G[k].end > g->start)
			continue;
		if (g->start - G[k].end <= BACKWARD_GAP && boundary(t, G[k].end, g->start) == CLEAN)
			return true;
	}
	return false;
}

/* A number at p (after spaces and a colon) before hi: a cue's own amount
 * written without its unit ("ค่าส่ง 30", "fee: 30"), so no value before
 * the cue is its. */
static bool bare_number_after(const char *nl, const char *t, size_t p, size_t hi)
{
	while (p < hi && (t[p] == ' ' || t[p] == ':'))
		p++;
	double d;
	size_t used;
	return p < hi && kb_parse_number(nl, t + p, hi - p, &d, &used);
}

/* The value at's cue governs in clause cl of a sentence whose governors
 * are G: true with *v, the cue's pattern and how it was found. */
static bool governed_by(const kb_attribute *at, const char *nl, const char *t, span cl,
			const gov *G, size_t n, kb_value *v, const kb_pattern **by, kb_how *how,
			const gov **who)
{
	for (size_t k = 0; k < n; k++) {
		const gov *g = &G[k];
		if (g->kind != GOV_CUE || g->at != at || g->start < cl.start || g->end > cl.end)
			continue;
		if (!at->acts && kind_before(G, n, g, t, GOV_ACT))
			continue;
		if (at->acts && kind_before(G, n, g, t, GOV_PROCESS))
			continue;
		kb_value w;
		if (g->named) {
			/* The pattern says where the value is; nothing else may
			 * govern it there. */
			size_t hi = g->ve < cl.end ? g->ve : cl.end;
			if (kb_normalize_find(at->type, nl, t, hi, g->vs, &w) &&
			    !other_between(t, G, n, g, at, g->vs, w.start)) {
				*v = w;
				*by = g->p;
				*how = KB_HOW_CLAUSE;
				*who = g;
				return true;
			}
			continue;
		}
		/* After the cue, or inside it (a cue that spans its value: "giảm
		 * ... thanh toán online"): the first value, none else governing
		 * it. */
		if (kb_normalize_find(at->type, nl, t, cl.end, g->start, &w)) {
			size_t from = w.start < g->end ? w.start : g->end;
			int b = boundary(t, from, w.start);
			if (b != HARD && !other_between(t, G, n, g, at, from, w.start)) {
				*v = w;
				*by = g->p;
				*how = b == COLON ? KB_HOW_CONTEXT : KB_HOW_CLAUSE;
				*who = g;
				return true;
			}
		}
		/* Right before it: "7 ngày đổi trả", "a 30-day return window". */
		if (bare_number_after(nl, t, g->end, cl.end))
			continue;
		bool found = false;
		size_t from = cl.start;
		kb_value last;
		while (from < g->start && kb_normalize_find(at->type, nl, t, g->start, from, &w)) {
			if (w.end <= g->start) {
				last = w;
				found = true;
			}
			from = w.end > from ? w.end : from + 1;
		}
		if (found && g->start - last.end <= BACKWARD_GAP &&
		    boundary(t, last.end, g->start) == CLEAN &&
		    !other_between(t, G, n, g, at, last.end, g->start) &&
		    !nearer_on_the_left(G, n, at, cl.start, last.start, g->start - last.end)) {
			*v = last;
			*by = g->p;
			*how = KB_HOW_CLAUSE;
			*who = g;
			return true;
		}
	}
	return false;
}

static bool governed(const kb_attribute *at, const char *nl, const char *t, span cl,
		     const gov *G, size_t n, kb_value *v, const kb_pattern **by, kb_how *how)
{
	const gov *who;
	return governed_by(at, nl, t, cl, G, n, v, by, how, &who);
}

/* ---- context ------------------------------------------------------------- */

/* The value attributes (and whether a process or act word) that text
 * names: worked out once per text for the unit. */
static const ctxnames *names_of(kb_extractor *x, const kb_unit *u, const char *text)
{
	for (size_t i = 0; i < x->nnames; i++)
		if (x->names[i].text == text)
			return &x->names[i];
	x->names = grow(x->names, &x->namecap, x->nnames + 1, sizeof *x->names);
	ctxnames *c = &x->names[x->nnames++];
	*c = (ctxnames){.text = text};
	size_t n = strlen(text);
	if (x->pf && text != x->question) {
		kb_prefilter_scan(x->pf, x->ch, text, n);
		x->ctext = text;
	}
	const kb_attribute **at = NULL;
	size_t cap = 0;
	for (size_t ti = 0; ti < kb_rules_ntopics(x->r); ti++)
		for (size_t ai = 0; ai < kb_rules_topic(x->r, ti)->nattrs; ai++) {
			const kb_attribute *a = &kb_rules_topic(x->r, ti)->attrs[ai];
			if (!is_value_type(a->type) || !any_match(x, &a->cues, u, u->locale, text, n, 0))
				continue;
			if (c->nat == cap) {
				cap = cap ? cap * 2 : 4;
				const kb_attribute **na = KB_NEWN(x->scratch, const kb_attribute *, cap);
				if (c->nat)
					memcpy(na, at, c->nat * sizeof *na);
				at = na;
			}
			at[c->nat++] = a;
		}
	c->at = at;
	/* Not acts: "Contact us:" above a list of hours introduces them. */
	c->other = any_match(x, kb_rules_grammar(x->r, KB_GRAMMAR_PROCESSES), u, u->locale, text, n, 0) ||
		   any_match(x, kb_rules_grammar(x->r, KB_GRAMMAR_STEPS), u, u->locale, text, n, 0) ||
		   any_match(x, kb_rules_grammar(x->r, KB_GRAMMAR_OFFERS), u, u->locale, text, n, 0) ||
		   any_match(x, kb_rules_grammar(x->r, KB_GRAMMAR_CLOSED), u, u->locale, text, n, 0);
	return c;
}

/* Does context text decide sentence st's attribute at?  1: it names at
 * and no other attribute of its kind (nor, for times, a process): ours;
 * -1: it names another of its kind, or its `unless` meets it: not ours;
 * 0: it names none, look further. */
static int context_decides(kb_extractor *x, const kb_unit *u, const kb_attribute *at,
			   const char *text)
{
	const ctxnames *c = names_of(x, u, text);
	/* A context the attribute's `unless` meets is about something
	 * else ("Automatic cancellation" above a deadline). */
	if (any_match(x, &at->unless, u, u->locale, text, strlen(text), 0))
		return -1;
	/* Nor does a context that refuses ("No refund:" above "- Returns after
	 * 45 days") give a process its time: the items are what is refused. */
	bool times = timelike(at);
	if (times && !at->acts &&
	    any_match(x, kb_rules_grammar(x->r, KB_GRAMMAR_REFUSED), u, u->locale, text,
		      strlen(text), 0))
		return -1;
	bool mine = false, same_type = false;
	for (size_t k = 0; k < c->nat; k++) {
		if (c->at[k] == at)
			mine = true;
		else if (c->at[k]->type == at->type)
			same_type = true;
	}
	/* Another attribute of its kind, or a process (for times: "Cancel
	 * when unpaid" above a deadline is the payment's), shares or owns
	 * this context: not ours.  Names of other kinds of values say
	 * nothing about this one. */
	if (mine && !same_type && !(c->other && times))
		return 1;
	return mine || same_type || (c->other && times) ? -1 : 0;
}

/* The context that names at for sentence st: the sentence before it in
 * its segment (a question the answer poses itself, "Need to cancel? You
 * have 30 minutes.", or a statement, "To start a return, click Return.
 * You have 21 days."), then the segment's context, nearest first.  The
 * nearest that names an attribute of at's kind (or, for times, a process)
 * must name at and no other: true, with that context in *context. */
static bool context_cue(kb_extractor *x, const kb_unit *u, const sent *st,
			const kb_attribute *at, const char **context)
{
	size_t si = (size_t)(st - x->sents);
	sent *pv = si > 0 && x->sents[si - 1].seg == st->seg ? &x->sents[si - 1] : NULL;
	if (pv && (pv->ask || !pv->skip)) {
		if (!pv->text)
			pv->text = kb_strndup(x->scratch, u->text + pv->s.start, pv->s.end - pv->s.start);
		int d = context_decides(x, u, at, pv->text);
		if (d) {
			*context = d > 0 ? kb_sprintf(x->a, "sentence: %s", pv->text) : NULL;
			return d > 0;
		}
	}
	kb_context ctx[MAX_CONTEXT];
	size_t n = kb_segment_context(u, x->segs, st->seg, ctx, MAX_CONTEXT);
	for (size_t i = 0; i < n; i++) {
		int d = context_decides(x, u, at, ctx[i].text);
		if (d) {
			*context = d > 0 ? kb_sprintf(x->a, "%s: %s", kb_context_kind_name(ctx[i].kind),
						      ctx[i].text)
					 : NULL;
			return d > 0;
		}
	}
	return false;
}

/* Words in t[s, e). */
static size_t words(const char *t, size_t s, size_t e)
{
	size_t n = 0;
	bool in = false;
	for (size_t i = s; i < e; i++) {
		bool sp = t[i] == ' ' || t[i] == '\n';
		n += !sp && !in;
		in = !sp;
	}
	return n;
}

/* ---- scopes -------------------------------------------------------------- */

/* The first (leftmost) qualifier value named in s[from..n); *at: where
 * (n when none). */
static const char *find_qualifier_at(kb_extractor *x, const kb_qualifier *q, const kb_unit *u,
				     const char *locale, const char *s, size_t n, size_t from,
				     size_t *at)
{
	const char *best = NULL;
	size_t best_at = (size_t)-1;
	const kb_prefilter_hits *h = hits_for(x, s);
	for (size_t i = next_may(&q->values, h, 0); i < q->values.n;
	     i = next_may(&q->values, h, i + 1)) {
		const kb_pattern *p = &q->values.items[i];
		size_t ms, me, vs, ve;
		if (!locale_ok(p, locale) || !match(x, p, u, s, n, from, &ms, &me, &vs, &ve) ||
		    ms >= best_at)
			continue;
		best_at = ms;
		best = p->label;
		if (p->names) {
			while (ve > vs && strchr(" \t.,;:!?)", s[ve - 1]))
				ve--;
			best = ve > vs ? kb_text_fold(x->a, s + vs, ve - vs) : p->label;
		}
	}
	*at = best ? best_at : n;
	return best;
}

static const char *find_qualifier(kb_extractor *x, const kb_qualifier *q,
				  const kb_unit *u, const char *locale, const char *s,
				  size_t n, size_t from)
{
	size_t at;
	return find_qualifier_at(x, q, u, locale, s, n, from, &at);
}

/* Every match of ps in text[0, n) blanked in m (a copy of it); h: the
 * prefilter's hits for text (NULL: unknown). */
static void blank_matches(kb_extractor *x, const char *locale, const kb_patterns *ps,
			  const kb_prefilter_hits *h, const char *text, size_t n, char *m)
{
	for (size_t i = next_may(ps, h, 0); i < ps->n;
	     i = next_may(ps, h, i + 1)) {
		const kb_pattern *p = &ps->items[i];
		size_t from = 0, ms, me;
		while (locale_ok(p, locale) && from < n &&
		       kb_re_match(p->re, x->sc, text, n, from, &ms, &me, NULL, NULL) == KB_RE_MATCH) {
			memset(m + ms, ' ', me - ms);
			from = me > from ? me : from + 1;
		}
	}
}

/* Is text a subject -- not the topic's own words or generic ones
 * ("Returns policy", "Thời gian", "Note")?  Whatever is left once the
 * topic's patterns and the generic words are taken out must hold letters. */
static void blank_topic(kb_extractor *x, const kb_topic *t, const kb_unit *u,
			const kb_prefilter_hits *h, const char *text, size_t n, char *m)
{
	blank_matches(x, u->locale, &t->about_question, h, text, n, m);
	blank_matches(x, u->locale, &t->about_answer, h, text, n, m);
	for (size_t ai = 0; ai < t->nattrs; ai++) {
		blank_matches(x, u->locale, &t->attrs[ai].cues, h, text, n, m);
		blank_matches(x, u->locale, &t->attrs[ai].yes_no, h, text, n, m);
	}
	/* A qualifier's value is known, not a subject of its own. */
	for (size_t qi = 0; qi < t->nqualifiers; qi++)
		blank_matches(x, u->locale, &t->qualifiers[qi]->values, h, text, n, m);
}

/* With t NULL, no topic's words count (a heading, or a statement drift
 * reads whatever its topic). */
static const char *residue(kb_extractor *x, const kb_topic *t, const kb_unit *u,
			   const char *text)
{
	size_t n = strlen(text);
	if (n == 0 || n > 120)
		return NULL;
	char *m = KB_NEWN(x->scratch, char, n + 1);
	memcpy(m, text, n);
	m[n] = '\0';
	/* Most of the patterns tried need words the text does not hold. */
	const kb_prefilter_hits *h = NULL;
	if (x->pf) {
		kb_prefilter_scan(x->pf, x->rh, text, n);
		h = x->rh;
	}
	/* Generic words in the unit's language and in English, which pages
	 * in other languages mix in ("Yes: ..." on a Thai page). */
	const kb_patterns *generic = kb_rules_grammar(x->r, KB_GRAMMAR_GENERIC);
	blank_matches(x, u->locale, generic, h, text, n, m);
	if (u->locale && strcmp(u->locale, "en") != 0)
		blank_matches(x, "en", generic, h, text, n, m);
	if (t)
		blank_topic(x, t, u, h, text, n, m);
	for (size_t ti = 0; !t && ti < kb_rules_ntopics(x->r); ti++)
		blank_topic(x, kb_rules_topic(x->r, ti), u, h, text, n, m);
	size_t letters = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)m[i];
		letters += ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0xC3;
	}
	return letters >= 3 ? kb_text_fold(x->scratch, m, n) : NULL;
}

static bool subject(kb_extractor *x, const kb_topic *t, const kb_unit *u, const char *text)
{
	return residue(x, t, u, text) != NULL;
}

/* The words of a labelled segment's value, to its first sentence's end
 * or aside: "Delivery takes 1 to 3 days. (for items in stock)" is short. */
static size_t value_words(const char *t, const kb_segment *sg)
{
	size_t e = sg->value_start;
	while (e < sg->end && t[e] != '(' && t[e] != ';' &&
	       !(t[e] == '.' && (e + 1 == sg->end || !(t[e + 1] >= '0' && t[e + 1] <= '9'))))
		e++;
	return words(t, sg->value_start, e);
}

/* The subject scope of a statement (t NULL: a drift statement): the
 * nearest of its label (scoping a short value), column, row and parents
 * that names a subject -- mapped by kbcheck.yml `labels:` when it says so.
 * Added to s as "label", *at (when asked) the context's index; s unchanged
 * and *at SIZE_MAX when none.  Headings are not read
 * here: a page's title names the page, not a case ("Orders", "Your
 * account"); kb_extract_sections reads the headings that tell sections
 * apart. */
static kb_scope subject_scope(kb_extractor *x, const kb_topic *t, const kb_unit *u,
			      const sent *st, const kb_context *ctx, size_t nc, kb_scope s,
			      size_t *at)
{
	const kb_segment *sg = x->nsegs ? &x->segs[st->seg] : NULL;
	size_t none;
	if (!at)
		at = &none;
	*at = SIZE_MAX;
	for (size_t k = 0; k < nc; k++) {
		kb_context_kind kind = ctx[k].kind;
		if (kind >= KB_CTX_HEADING)
			break;
		/* A label scopes a short value ("Emergency support: 24/7"), not
		 * a sentence of its own ("No problem: orders can be ..."). */
		if (kind == KB_CTX_LABEL && value_words(u->text, sg) > LABEL_SCOPE_MAX_WORDS)
			continue;
		size_t n = strlen(ctx[k].text);
		const char *folded = kb_text_fold(x->scratch, ctx[k].text, n);
		/* The KB maps this label (kbcheck.yml `labels:`). */
		const kb_label_map *m = kb_rules_label(x->r, folded);
		if (m && m->ignore)
			continue;
		if (m) {
			*at = k;
			return kb_scope_merge(x->a, &s, &m->scope);
		}
		size_t max = kind == KB_CTX_LABEL ? LABEL_SUBJECT_MAX_WORDS : SUBJECT_MAX_WORDS;
		if (words(ctx[k].text, 0, n) > max || !subject(x, t, u, ctx[k].text))
			continue;
		*at = k;
		/* A cell whose column and row both name subjects is the case
		 * of both: "| Tags removed | 15% |" and "| Box damaged | 10% |"
		 * under "Deduction" are two cases, not one. */
		const char *row = kind == KB_CTX_COLUMN && k + 1 < nc && ctx[k + 1].kind == KB_CTX_ROW
					  ? ctx[k + 1].text
					  : NULL;
		const char *frow = row ? kb_text_fold(x->scratch, row, strlen(row)) : NULL;
		if (row && words(row, 0, strlen(row)) <= SUBJECT_MAX_WORDS &&
		    !kb_rules_label(x->r, frow) && subject(x, t, u, row))
			return kb_scope_with(x->a, &s, "label", kb_sprintf(x->a, "%s / %s", folded, frow));
		return kb_scope_with(x->a, &s, "label", kb_strdup(x->a, folded));
	}
	return s;
}

/* How much of sentence sn speaks for clause cl: all of it, unless the
 * rest names another value of a qualifier that cl names.  Then the
 * sentence sets cases apart ("Inner city: same-day delivery, other
 * provinces 1-2 days"), and only its head, before the first case, is
 * shared ("Standard delivery takes 1-2 days in the inner city and 3-5 days
 * to other provinces"): the end of what speaks for cl. */
static size_t shared_until(kb_extractor *x, const kb_topic *t, const kb_unit *u,
			   const char *locale, span cl, span sn, const char *const *own)
{
	size_t head = sn.end;
	for (size_t i = 0; i < t->nqualifiers; i++) {
		const kb_qualifier *q = t->qualifiers[i];
		const char *v = own[i]; /* what cl itself names */
		if (!v)
			continue;
		size_t at;
		const char *l = find_qualifier_at(x, q, u, locale, u->text, cl.start, sn.start, &at);
		const char *r = find_qualifier(x, q, u, locale, u->text, sn.end, cl.end);
		if ((l && strcmp(l, v) != 0) || (r && strcmp(r, v) != 0)) {
			size_t first = l ? at : cl.start;
			if (first < head)
				head = first;
		}
	}
	return head;
}

/* A claim's scope: each qualifier's value from its clause, else the rest
 * of its sentence (its shared head, when its clauses set cases apart),
 * else its context nearest first (label, row, parents, headings, question;
 * not a column, which names the attribute), over the source's configured
 * scope; then, with no qualifier from the local context, a label, row
 * header or parent that names a subject. */
static kb_scope claim_scope(kb_extractor *x, const kb_topic *t, const kb_unit *u,
			    const char *locale, span clause, const sent *st)
{
	kb_scope s = u->scope;
	kb_context ctx[MAX_CONTEXT];
	size_t nc = x->nsegs ? kb_segment_context(u, x->segs, st->seg, ctx, MAX_CONTEXT) : 0;
	span sn = st->s;
	bool whole = clause.start == sn.start && clause.end == sn.end;
	const char **own = KB_NEWN(x->scratch, const char *, t->nqualifiers + 1);
	for (size_t i = 0; i < t->nqualifiers; i++)
		own[i] = find_qualifier(x, t->qualifiers[i], u, locale, u->text, clause.end,
					clause.start);
	size_t shared = whole ? sn.end : shared_until(x, t, u, locale, clause, sn, own);
	const char **val = KB_NEWN(x->scratch, const char *, t->nqualifiers + 1);
	bool *heading = KB_NEWN(x->scratch, bool, t->nqualifiers + 1); /* from a heading */
	for (size_t i = 0; i < t->nqualifiers; i++) {
		const kb_qualifier *q = t->qualifiers[i];
		const char *v = own[i];
		if (!v && !whole)
			v = find_qualifier(x, q, u, locale, u->text, shared, sn.start);
		/* Then its context, nearest first: a label, a table's column
		 * ("| | Electronics | Food |") and row, parents, headings. */
		for (size_t k = 0; !v && k < nc; k++)
			if ((v = find_qualifier(x, q, u, locale, ctx[k].text, strlen(ctx[k].text), 0)))
				heading[i] = ctx[k].kind >= KB_CTX_HEADING;
		val[i] = v;
	}
	/* A context that gave a qualifier names a subject only with words
	 * besides it ("Customers in the inner city of Hanoi and HCMC": a
	 * label too; "Inner city": the region alone), as its copies do
	 * wherever the sentence gave the qualifier. */
	size_t at;
	s = subject_scope(x, t, u, st, ctx, nc, s, &at);
	/* A table's column or row that names a subject is the case, not a
	 * heading's qualifier: the column "Home" of a table comparing
	 * categories is not the page title's "Apparel".  (A lead-in such as
	 * "Process:" is no table: the heading's "Change of mind" stays.) */
	bool cell = at != SIZE_MAX && (ctx[at].kind == KB_CTX_COLUMN || ctx[at].kind == KB_CTX_ROW);
	for (size_t i = 0; i < t->nqualifiers; i++)
		if (val[i] && !(cell && heading[i]) &&
		    !kb_scope_get(&s, t->qualifiers[i]->name)) /* kbcheck.yml maps the label */
			s = kb_scope_with(x->a, &s, t->qualifiers[i]->name, val[i]);
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
	static const char *const marks[] = {"and ", "but ", "while ", "whereas ",
					    "và ", "còn ", "nhưng ", NULL};
	if (t[i] == ',')
		return i + 1 < end && t[i + 1] == ' ' ? i + 1 : 0;
	if (t[i] != ' ')
		return 0;
	for (int k = 0; marks[k]; k++)
		if (word_at(t, i + 1, end, marks[k], true))
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

/* ---- claims -------------------------------------------------------------- */

/* Is t[qs, qe) inside a placeholder an author left to fill in, "[Mức
 * giá, ví dụ: 500.000 VNĐ]", "[exchange/store credit]", "[X days]": square
 * brackets around it on its line, close by.  What a macro says there is
 * no policy yet. */
static bool in_placeholder(const char *t, size_t len, size_t qs, size_t qe)
{
	size_t b = qs;
	while (b > 0 && qs - b < PLACEHOLDER_MAX && t[b - 1] != '\n' && t[b - 1] != ']' &&
	       t[b - 1] != '[')
		b--;
	if (b == 0 || t[b - 1] != '[')
		return false;
	size_t e = qe;
	while (e < len && e - qe < PLACEHOLDER_MAX && t[e] != '\n' && t[e] != '[' && t[e] != ']')
		e++;
	return e < len && t[e] == ']';
}

static void emit(kb_extractor *x, const kb_topic *t, const kb_attribute *at,
		 const kb_unit *u, const char *locale, const sent *st, span clause,
		 const kb_value *v, size_t qs, size_t qe, const kb_pattern *p, kb_how how,
		 const char *context, kb_vec *out)
{
	if (in_placeholder(u->text, u->text_len, qs, qe))
		return;
	span sn = st->s;
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
	if (x->last_sentence && x->last_unit == u && x->last_sent.start == sn.start &&
	    x->last_sent.end == sn.end)
		c->sentence = x->last_sentence;
	else
		c->sentence = kb_strndup(x->a, u->text + sn.start, sn.end - sn.start);
	x->last_unit = u;
	x->last_sent = sn;
	x->last_sentence = c->sentence;
	c->loc = kb_unit_text_loc(u, qs, qe);
	c->scope = claim_scope(x, t, u, locale, clause, st);
	c->rule_file = p->file;
	c->rule_line = p->line;
	c->pattern = p->text;
	c->how = how;
	c->context = context;
	c->vkey = kb_value_key(x->a, &c->value);
	c->skey = kb_scope_key(x->a, &c->scope);
	kb_vec_push(x->a, out, c);
}

/* The statement pattern of at that s[start, n) makes: the first; when
 * statements overlap, the longer one wins ("cannot be cancelled" over "be
 * cancelled"), and on a tie the negative one.  NULL: none, else its span
 * in *bs, *be. */
static const kb_pattern *best_statement(kb_extractor *x, const kb_attribute *at,
					const kb_unit *u, const char *locale, const char *s,
					size_t n, size_t start, size_t *bs_, size_t *be_)
{
	const kb_pattern *best = NULL;
	size_t bs = 0, be = 0;
	const kb_prefilter_hits *h = hits_for(x, s);
	for (size_t i = next_may(&at->yes_no, h, 0); i < at->yes_no.n;
	     i = next_may(&at->yes_no, h, i + 1)) {
		const kb_pattern *p = &at->yes_no.items[i];
		size_t ms, me, vs, ve;
		if (!locale_ok(p, locale) || !match(x, p, u, s, n, start, &ms, &me, &vs, &ve))
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
	*bs_ = bs;
	*be_ = be;
	return best;
}

/* bool and enum: the statement the clause makes. */
static void extract_statement(kb_extractor *x, const kb_topic *t, const kb_attribute *at,
			      const kb_unit *u, const char *locale, const sent *st, span clause,
			      kb_how how, const char *context, kb_vec *out)
{
	size_t bs, be;
	const kb_pattern *best =
	    best_statement(x, at, u, locale, u->text, clause.end, clause.start, &bs, &be);
	/* "Orders can be changed within 1 hour. After that, they cannot be
	 * changed": past the window's end, not a yes or no of its own. */
	if (!best || any_match(x, kb_rules_grammar(x->r, KB_GRAMMAR_AFTERWARDS), u, locale,
			       u->text, bs, st->s.start))
		return;
	kb_value v = {.kind = at->type, .bound = KB_BOUND_EXACT, .min = 0, .max = 0};
	if (at->type == KB_V_BOOL)
		v.flag = best->yes;
	else
		v.label = best->label;
	v.start = bs;
	v.end = be;
	emit(x, t, at, u, locale, st, clause, &v, bs, be, best, how, context, out);
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
	if (bare_number_after(nl, text, me, hi))
		return false;
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

/* The first value of at's type in clause cl that nothing in the sentence
 * governs (for a cue from the context). */
static bool ungoverned_value(const kb_attribute *at, const char *nl, const char *t, span cl,
			     const gov *G, size_t n, kb_value *v)
{
	if (!kb_normalize_find(at->type, nl, t, cl.end, cl.start, v))
		return false;
	for (size_t k = 0; k < n; k++)
		if (G[k].start < v->start && (G[k].kind != GOV_CUE || G[k].at == at || rival(&G[k], at)))
			return false;
	return true;
}

/* How long a process takes stated as a threshold ("refunds beyond 48
 * hours need a supervisor", "คืนเงินเกิน 10 วันทำการ จะส่งต่อให้หัวหน้างาน"):
 * a lateness band or an exception, not the time it takes.  (Windows to act read such
 * bounds as what is refused beyond them: refused_beyond.) */
static bool threshold(const kb_attribute *at, const kb_value *v)
{
	return !at->acts && v->kind == KB_V_DURATION && v->beyond;
}

/* A value the clause sets aside: a process time past a threshold
 * (threshold()), an amount that "does not apply here" (grammar `waived`,
 * after it), a duration that is a window's length ("the 30-day window",
 * `windows`) or an addition to another ("an additional 2-7 business days",
 * `increments`, right before it): none is the attribute's value. */
static bool set_aside(kb_extractor *x, const kb_attribute *at, const kb_unit *u,
		      const char *locale, span cl, const kb_value *v)
{
	if (threshold(at, v))
		return true;
	if (v->kind == KB_V_MONEY) {
		/* The amount nearest before the words: "a free return - the
		 * $5.99 fee does not apply" sets aside $5.99, not "free". */
		const kb_patterns *ps = kb_rules_grammar(x->r, KB_GRAMMAR_WAIVED);
		const kb_prefilter_hits *h = hits_for(x, u->text);
		const char *nl = (!locale || !strcmp(locale, "und")) ? "en" : locale;
		kb_value w;
		for (size_t i = next_may(ps, h, 0); i < ps->n; i = next_may(ps, h, i + 1)) {
			size_t ms, me;
			if (locale_ok(&ps->items[i], locale) &&
			    match(x, &ps->items[i], u, u->text, cl.end, v->end, &ms, &me, NULL, NULL) &&
			    !kb_normalize_find(KB_V_MONEY, nl, u->text, ms, v->end, &w))
				return true;
		}
		return false;
	}
	if (v->kind != KB_V_DURATION || at->acts)
		return false;
	/* "... regardless of the standard 30-day window": a window's length
	 * (grammar `windows`, right after it; its patterns start with \G). */
	if (any_match(x, kb_rules_grammar(x->r, KB_GRAMMAR_WINDOWS), u, locale, u->text, cl.end,
		      v->end))
		return true;
	size_t from = v->start > cl.start + INCREMENT_MAX ? v->start - INCREMENT_MAX : cl.start;
	return any_match(x, kb_rules_grammar(x->r, KB_GRAMMAR_INCREMENTS), u, locale, u->text,
			 v->start, from);
}

/* After the value v a clause stated, the clause may state the attribute
 * again with a cue of its own ("returns within 30 days of delivery; after
 * 14 days no return is accepted", as one Thai sentence runs): each other
 * value is a claim too, so that the answer is seen to contradict itself.
 * The same value again adds nothing. */
static void restated(kb_extractor *x, const kb_topic *t, const kb_attribute *at,
		     const kb_unit *u, const char *locale, const sent *st, span cl,
		     const kb_value *v, kb_vec *out)
{
	const char *nl = (!locale || !strcmp(locale, "und")) ? "en" : locale;
	const gov *G = x->govs + st->g0;
	const char *first = kb_value_key(x->scratch, v);
	span rest = {v->end, cl.end};
	kb_value w;
	const kb_pattern *by;
	kb_how how;
	const gov *g;
	for (int i = 0; i < MAX_RESTATED && rest.start < rest.end &&
			governed_by(at, nl, u->text, rest, G, st->ng, &w, &by, &how, &g);
	     i++) {
		/* What comes before its cue may make it another statement
		 * ("12 months, warranty *processing* 7-10 days"), unless the
		 * cue's pattern holds the value itself ("after 14 days no
		 * return is accepted"). */
		bool other = false;
		for (size_t k = 0; k < st->ng && !other && !g->named; k++)
			other = G[k].start >= rest.start && G[k].start < g->start && rival(&G[k], at);
		if (other)
			return;
		kb_attribute_value(at, &w);
		if (set_aside(x, at, u, locale, cl, &w))
			how = KB_HOW_WEAK;
		if (strcmp(kb_value_key(x->scratch, &w), first) != 0)
			emit(x, t, at, u, locale, st, cl, &w, w.start, w.end, by, how, NULL, out);
		rest.start = w.end > rest.start ? w.end : rest.start + 1;
	}
}

/* "Items returned more than 7 days after delivery are not eligible": a
 * window stated by what is refused beyond its bound (grammar `refused`
 * after the value, in its clause) is at most that bound. */
static void refused_beyond(kb_extractor *x, const kb_attribute *at, const kb_unit *u,
			   const char *locale, span cl, kb_value *v)
{
	if (!at->acts || v->kind != KB_V_DURATION || v->bound != KB_BOUND_AT_LEAST ||
	    !any_match(x, kb_rules_grammar(x->r, KB_GRAMMAR_REFUSED), u, locale, u->text, cl.end,
		       v->end))
		return;
	v->max = v->min;
	v->min = NAN;
	v->bound = KB_BOUND_AT_MOST;
}

/* How a value attribute fared in a clause. */
enum { NONE, STATED, WEAK_ONLY };

/* One value attribute in one clause: governed by its cue (clause), weak, or -- with no cue in the clause -- a value the
 * clause before stated in parallel ("phones 12 months, accessories 6
 * months": parallel) or its context names. */
static int extract_value_in(kb_extractor *x, const kb_topic *t, const kb_attribute *at,
			    const kb_unit *u, const char *locale, const sent *st, span cl,
			    const kb_pattern *parallel, const kb_pattern **used, kb_vec *out)
{
	const char *nl = (!locale || !strcmp(locale, "und")) ? "en" : locale;
	const gov *G = x->govs ? x->govs + st->g0 : NULL; /* none yet: no governor */
	size_t n = st->ng;
	kb_value v;
	const kb_pattern *by;
	kb_how how = KB_HOW_CLAUSE;
	if (governed(at, nl, u->text, cl, G, n, &v, &by, &how)) {
		refused_beyond(x, at, u, locale, cl, &v);
		if (set_aside(x, at, u, locale, cl, &v))
			how = KB_HOW_WEAK;
		kb_attribute_value(at, &v);
		emit(x, t, at, u, locale, st, cl, &v, v.start, v.end, by, how, NULL, out);
		*used = by;
		restated(x, t, at, u, locale, st, cl, &v, out);
		return STATED;
	}
	bool cue_here = false, gov_here = false;
	for (size_t k = 0; k < n; k++) {
		if (G[k].start < cl.start || G[k].end > cl.end)
			continue;
		gov_here |= rival(&G[k], at);
		cue_here |= G[k].kind == GOV_CUE && G[k].at == at;
	}
	if (cue_here) {
		/* A cue and a value that are not one statement: weak. */
		const kb_prefilter_hits *h = hits_for(x, u->text);
		for (size_t i = next_may(&at->cues, h, 0); i < at->cues.n;
		     i = next_may(&at->cues, h, i + 1)) {
			const kb_pattern *p = &at->cues.items[i];
			size_t ms, me, vs, ve;
			if (!locale_ok(p, locale) ||
			    !match(x, p, u, u->text, cl.end, cl.start, &ms, &me, &vs, &ve) ||
			    !value_near(at, nl, u->text, cl.start, cl.end, ms, me, vs, ve, &v))
				continue;
			kb_attribute_value(at, &v);
			emit(x, t, at, u, locale, st, cl, &v, v.start, v.end, p, KB_HOW_WEAK, NULL, out);
			return WEAK_ONLY;
		}
		return NONE;
	}
	if (parallel && !gov_here && kb_normalize_find(at->type, nl, u->text, cl.end, cl.start, &v)) {
		kb_attribute_value(at, &v);
		emit(x, t, at, u, locale, st, cl, &v, v.start, v.end, parallel, KB_HOW_CLAUSE, NULL,
		     out);
		*used = parallel;
		return STATED;
	}
	/* No cue of its own: a short statement under a context that names it. */
	const kb_segment *sg = &x->segs[st->seg];
	size_t limit = sg->kind == KB_BLOCK_TEXT && !sg->label ? CONTEXT_MAX_WORDS / 2
							       : CONTEXT_MAX_WORDS;
	const char *context;
	if (!at->cues.n || words(u->text, st->s.start, st->s.end) > limit ||
	    !context_cue(x, u, st, at, &context) || !ungoverned_value(at, nl, u->text, cl, G, n, &v))
		return NONE;
	kb_attribute_value(at, &v);
	emit(x, t, at, u, locale, st, cl, &v, v.start, v.end, &at->cues.items[0],
	     set_aside(x, at, u, locale, cl, &v) ? KB_HOW_WEAK : KB_HOW_CONTEXT, context, out);
	*used = &at->cues.items[0];
	return STATED;
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
static void clauses_of(kb_extractor *x, const kb_topic *t, const kb_unit *u)
{
	if (x->nsent > x->clcap) {
		free(x->cl);
		free(x->ncl);
		x->cl = malloc(x->nsent * MAX_PARTS * sizeof *x->cl);
		x->ncl = malloc(x->nsent * sizeof *x->ncl);
		if (!x->cl || !x->ncl)
			abort();
		x->clcap = x->nsent;
	}
	for (size_t i = 0; i < x->nsent; i++)
		x->ncl[i] = split_clauses(x, t, u, x->sents[i].s, x->cl + i * MAX_PARTS);
}

static bool suppressed(const kb_unit *u, const kb_topic *t)
{
	for (size_t k = 0; u->suppressed && u->suppressed[k]; k++)
		if (!strcmp(u->suppressed[k], "*") || !strcmp(u->suppressed[k], t->id))
			return true;
	return false;
}

/* A statement's cue, when the attribute has one: in its sentence
 * (clause), else in its local context: label, column, row, parents (not
 * a heading or the question: "Gift cards are non-refundable" under
 * "Refunds" names no refund method; nor the sentence before: "Returns are
 * easy. Most parcels arrive within 3 days." counts nothing from delivery). */
static bool statement_cue(kb_extractor *x, const kb_attribute *at, const kb_unit *u,
			  const sent *st, kb_how *how, const char **context)
{
	*how = KB_HOW_CLAUSE;
	*context = NULL;
	if (!at->cues.n || any_match(x, &at->cues, u, u->locale, u->text, st->s.end, st->s.start))
		return true;
	kb_context ctx[MAX_CONTEXT];
	size_t n = kb_segment_context(u, x->segs, st->seg, ctx, MAX_CONTEXT);
	for (size_t i = 0; i < n && ctx[i].kind <= KB_CTX_PARENT; i++)
		if (any_match(x, &at->cues, u, u->locale, ctx[i].text, strlen(ctx[i].text), 0)) {
			*how = KB_HOW_CONTEXT;
			*context = kb_sprintf(x->a, "%s: %s", kb_context_kind_name(ctx[i].kind),
					      ctx[i].text);
			return true;
		}
	return false;
}

/* Does s[0..n) hold a digit (ASCII, or Thai ๐-๙)?  What coverage calls a
 * number: "FREE" or "Monday" is a value, but no number a reader missed. */
static bool has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((s[i] >= '0' && s[i] <= '9') ||
		    (i + 2 < n && s[i] == '\xE0' && s[i + 1] == '\xB9' &&
		     (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99))
			return true;
	return false;
}

/* The first number (a value with a digit) of a type of t's attributes in
 * a sentence of u that states something (not a question or an example,
 * not one the attribute's `unless` skips), in text order; NULL when there
 * is none.  Sentences without a digit are not scanned: most are, and
 * scanning costs more than the claims. */
static const kb_attribute *first_value(kb_extractor *x, const kb_topic *t, const kb_unit *u,
				       kb_value *v)
{
	const char *nl = !strcmp(u->locale, "und") ? "en" : u->locale;
	for (size_t si = 0; si < x->nsent; si++) {
		const sent *st = &x->sents[si];
		if (st->skip || !has_digit(u->text + st->s.start, st->s.end - st->s.start))
			continue;
		for (size_t ai = 0; ai < t->nattrs; ai++) {
			const kb_attribute *at = &t->attrs[ai];
			if (!is_value_type(at->type) || at->type == KB_V_WEEKDAYS)
				continue;
			for (size_t from = st->s.start;
			     kb_normalize_find(at->type, nl, u->text, st->s.end, from, v); from = v->end) {
				if (!has_digit(u->text + v->start, v->end - v->start)) {
					if (v->end <= from)
						break;
					continue;
				}
				if (any_match(x, &at->unless, u, u->locale, u->text, st->s.end,
					      st->s.start))
					break;
				return at;
			}
		}
	}
	return NULL;
}

/* Topic t, which u is about, made the claims out[from..]: when none is
 * confident and u holds a number t's attributes could have, that value
 * (a weak claim's first) goes to unclaimed. */
static void note_unclaimed(kb_extractor *x, const kb_topic *t, const kb_unit *u,
			   const kb_vec *out, size_t from, kb_vec *unclaimed)
{
	const kb_claim *weak = NULL;
	for (size_t k = from; k < out->len; k++) {
		const kb_claim *c = out->items[k];
		if (c->how != KB_HOW_WEAK)
			return;
		if (!weak && has_digit(c->quote, strlen(c->quote)))
			weak = c;
	}
	kb_value v;
	const kb_attribute *at = weak ? NULL : first_value(x, t, u, &v);
	if (!weak && !at)
		return;
	kb_unclaimed *n = KB_NEW(x->a, kb_unclaimed);
	if (weak)
		*n = (kb_unclaimed){t->id, weak->attribute, u, weak->quote, weak->text_start,
				    weak->text_end, weak->loc, true};
	else
		*n = (kb_unclaimed){t->id, at->name, u,
				    kb_strndup(x->a, u->text + v.start, v.end - v.start), v.start,
				    v.end, kb_unit_text_loc(u, v.start, v.end), false};
	kb_vec_push(x->a, unclaimed, n);
}

/* The claims of the topics the unit is about (x->topics); see
 * note_unclaimed for unclaimed (NULL: not wanted). */
static void topic_claims(kb_extractor *x, const kb_unit *u, kb_vec *out, kb_vec *unclaimed)
{
	for (size_t ti = 0; ti < x->ntopics; ti++) {
		const kb_topic *t = x->topics[ti];
		size_t from = out->len;
		clauses_of(x, t, u);
		for (size_t ai = 0; ai < t->nattrs; ai++) {
			const kb_attribute *at = &t->attrs[ai];
			for (size_t si = 0; si < x->nsent; si++) {
				const sent *st = &x->sents[si];
				if (st->skip)
					continue;
				const span *cl = x->cl + si * MAX_PARTS;
				size_t ncl = x->ncl[si];
				/* `unless` skips the whole sentence, all its clauses. */
				if (any_match(x, &at->unless, u, u->locale, u->text, st->s.end,
					      st->s.start))
					continue;
				if (is_value_type(at->type)) {
					/* One value per clause; a later clause may
					 * state one in parallel to an earlier one. */
					const kb_pattern *parallel = NULL, *used;
					for (size_t k = 0; k < ncl; k++)
						if (extract_value_in(x, t, at, u, u->locale, st, cl[k],
								     parallel, &used, out) == STATED &&
						    !parallel)
							parallel = used;
					continue;
				}
				kb_how how;
				const char *context;
				if (!statement_cue(x, at, u, st, &how, &context))
					continue;
				for (size_t k = 0; k < ncl; k++)
					extract_statement(x, t, at, u, u->locale, st, cl[k], how,
							  context, out);
			}
		}
		if (unclaimed)
			note_unclaimed(x, t, u, out, from, unclaimed);
	}
}

/* ---- replies -------------------------------------------------------------- */

/* A yes or no at the start of sentence st ("Sure!", "Dạ không ạ",
 * "ได้ค่ะ"): 1 yes, 0 no, -1 none; its span in *rs, *re. */
static int reply_at(kb_extractor *x, const kb_unit *u, const sent *st, size_t *rs, size_t *re)
{
	for (int yes = 1; yes >= 0; yes--) {
		const kb_patterns *ps = kb_rules_grammar(x->r, yes ? KB_GRAMMAR_AFFIRM : KB_GRAMMAR_DENY);
		const kb_prefilter_hits *h = hits_for(x, u->text);
		for (size_t i = next_may(ps, h, 0); i < ps->n;
		     i = next_may(ps, h, i + 1))
			if (locale_ok(&ps->items[i], u->locale) &&
			    match(x, &ps->items[i], u, u->text, st->s.end, st->s.start, rs, re, NULL,
				  NULL) &&
			    *rs == st->s.start)
				return yes;
	}
	return -1;
}

static bool stated(const kb_vec *out, size_t first, const kb_unit *u, const kb_topic *t,
		   const kb_attribute *at)
{
	for (size_t k = first; k < out->len; k++) {
		const kb_claim *c = out->items[k];
		if (c->unit == u && c->topic == t->id && c->attribute == at->name)
			return true;
	}
	return false;
}

/* Replies: a sentence that starts with yes or no answers the question
 * before it (the sentence before, in its segment, when that asks; for
 * the first sentence, the unit's question).  When the question asks a
 * yes/no statement of a topic the unit is about ("Can I pay by bank
 * transfer?" - "Sure!"), the reply states it, yes or no; unless the
 * answer states the attribute itself, or the attribute's `unless` meets
 * the question or the reply. */
static void reply_claims(kb_extractor *x, const kb_unit *u, kb_vec *out, size_t first)
{
	for (size_t si = 0; si < x->nsent; si++) {
		const sent *st = &x->sents[si];
		size_t rs, re;
		int yes;
		if (st->skip || (yes = reply_at(x, u, st, &rs, &re)) < 0)
			continue;
		const char *q = u->question, *kind = "question";
		size_t qs = 0, qe = q ? strlen(q) : 0;
		if (si > 0 && x->sents[si - 1].seg == st->seg && x->sents[si - 1].ask) {
			q = u->text;
			qs = x->sents[si - 1].s.start;
			qe = x->sents[si - 1].s.end;
			kind = "sentence";
		} else if (si > 0) {
			continue;
		}
		if (!q)
			continue;
		for (size_t ti = 0; ti < x->ntopics; ti++) {
			const kb_topic *t = x->topics[ti];
			for (size_t ai = 0; ai < t->nattrs; ai++) {
				const kb_attribute *at = &t->attrs[ai];
				size_t bs, be;
				const kb_pattern *p;
				if (at->type != KB_V_BOOL || stated(out, first, u, t, at) ||
				    (at->cues.n && !any_match(x, &at->cues, u, u->locale, q, qe, qs)) ||
				    any_match(x, &at->unless, u, u->locale, q, qe, qs) ||
				    any_match(x, &at->unless, u, u->locale, u->text, st->s.end,
					      st->s.start) ||
				    !(p = best_statement(x, at, u, u->locale, q, qe, qs, &bs, &be)) ||
				    !p->yes)
					continue;
				kb_value v = {.kind = KB_V_BOOL, .bound = KB_BOUND_EXACT, .flag = yes,
					      .start = rs, .end = re};
				const char *context =
				    kb_sprintf(x->a, "%s: %.*s", kind, (int)(qe - qs), q + qs);
				emit(x, t, at, u, u->locale, st, st->s, &v, rs, re, p, KB_HOW_CONTEXT,
				     context, out);
			}
		}
	}
}

/* Value drift (drift.h): each sentence that states values, whatever its
 * topic, as a claim of its masked shape; the comparator finds the same
 * shape with other values.  Values the rules made claims of (out[first..])
 * are theirs to compare: a sentence with one is no drift statement. */
static void drift_claims(kb_extractor *x, const kb_unit *u, kb_vec *out, size_t first)
{
	for (size_t k = 0; u->suppressed && u->suppressed[k]; k++)
		if (!strcmp(u->suppressed[k], "*") || !strcmp(u->suppressed[k], KB_DRIFT_TOPIC))
			return;
	static const kb_pattern drift_rule = {
	    .locale = "any",
	    .text = "the same statement once its values are masked",
	    .file = "(value drift)",
	};
	/* The sentences the rules' claims are in (sentences are in text
	 * order: each claim finds its own by halving). */
	bool *ruled = KB_NEWN(x->scratch, bool, x->nsent + 1);
	for (size_t k = first; k < out->len; k++) {
		const kb_claim *rc = out->items[k];
		if (rc->how == KB_HOW_WEAK)
			continue;
		size_t lo = 0, hi = x->nsent;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (x->sents[mid].s.end <= rc->text_start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < x->nsent && x->sents[i].s.start < rc->text_end; i++)
			ruled[i] = true;
	}
	for (size_t i = 0; i < x->nsent; i++) {
		const sent *st = &x->sents[i];
		kb_drift d;
		if (st->skip || ruled[i] ||
		    !kb_drift_statement(x->scratch, u->text, st->s.start, st->s.end, &d))
			continue;
		kb_claim *c = KB_NEW(x->a, kb_claim);
		c->topic = KB_DRIFT_TOPIC;
		c->attribute = KB_DRIFT_ATTRIBUTE;
		c->value = (kb_value){.kind = KB_V_ENUM, .label = kb_strdup(x->a, d.values),
				      .start = d.start, .end = d.end};
		c->unit = u;
		c->text_start = d.start;
		c->text_end = d.end;
		c->quote = kb_strndup(x->a, u->text + d.start, d.end - d.start);
		c->sentence = kb_strndup(x->a, u->text + st->s.start, st->s.end - st->s.start);
		c->loc = kb_unit_text_loc(u, d.start, d.end);
		kb_context ctx[MAX_CONTEXT];
		size_t nc = kb_segment_context(u, x->segs, st->seg, ctx, MAX_CONTEXT);
		kb_scope sc = subject_scope(x, NULL, u, st, ctx, nc, u->scope, NULL);
		c->scope = kb_scope_with(x->a, &sc, "statement", kb_strdup(x->a, d.shape));
		c->rule_file = drift_rule.file;
		c->pattern = drift_rule.text;
		c->how = KB_HOW_CLAUSE;
		c->vkey = kb_sprintf(x->a, "drift:%s", d.canon);
		c->skey = kb_scope_key(x->a, &c->scope);
		kb_vec_push(x->a, out, c);
	}
}

/* ---- lists of cases ----
 * An answer that lists items a line each, each with its own value of one
 * attribute ("- Madam Film: 365 days warranty" / "- Dora Shield ... 60
 * days", bullets as text or <br> lines), lists cases: each item's first
 * word names its case.  Items that start with the same word and differ
 * still contradict each other. */

/* The segment holding t[at] (segments are in text order). */
static const kb_segment *segment_at(const kb_extractor *x, size_t at)
{
	size_t lo = 0, hi = x->nsegs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->segs[mid].end <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->nsegs && x->segs[lo].start <= at ? &x->segs[lo] : NULL;
}

/* The word at t[m] (up to a space, ':' or ',', the line's or end's end),
 * folded, or NULL. */
static const char *item_word_from(kb_extractor *x, const char *t, size_t m, size_t end)
{
	size_t e = m;
	while (e < end && t[e] && t[e] != ' ' && t[e] != '\n' && t[e] != ':' && t[e] != ',' &&
	       e - m < 60)
		e++;
	return e > m ? kb_text_fold(x->scratch, t + m, e - m) : NULL;
}

/* The first word of the line holding t[at] when it starts with a list
 * marker, folded, or NULL. */
static const char *marked_item_word(kb_extractor *x, const char *t, size_t at)
{
	/* An item's value is near its start: a longer way back is no item
	 * (and a 10 MB line costs no more than a short one). */
	size_t b = at;
	while (b > 0 && t[b - 1] != '\n' && at - b < LIST_ITEM_MAX)
		b--;
	if (b > 0 && t[b - 1] != '\n')
		return NULL;
	while (t[b] == ' ' || t[b] == '\t')
		b++;
	size_t m = b;
	if (t[m] == '-' || t[m] == '*' || t[m] == '+')
		m++;
	else if (!strncmp(t + m, "\xE2\x80\xA2", 3) || !strncmp(t + m, "\xE2\x80\x93", 3))
		m += 3; /* • – */
	else if (!strncmp(t + m, "\xC2\xB7", 2))
		m += 2; /* · */
	else {
		while (t[m] >= '0' && t[m] <= '9' && m - b < 3)
			m++;
		if (m == b || (t[m] != '.' && t[m] != ')'))
			return NULL;
		m++;
	}
	if (t[m] != ' ' && t[m] != '\t')
		return NULL;
	while (t[m] == ' ' || t[m] == '\t')
		m++;
	return item_word_from(x, t, m, SIZE_MAX);
}

/* The first word of the list item holding t[at], folded, or NULL when it
 * is no list item (a marker: - * + • – · or "1." "1)"). */
static const char *list_item_word(kb_extractor *x, const char *t, size_t at)
{
	/* A list item the parser read (Markdown, HTML: no marker left in
	 * the text): its label names its case ("- Earbuds: 1 year"), else its
	 * first word. */
	const kb_segment *sg = x->nsegs ? segment_at(x, at) : NULL;
	if (sg && sg->kind == KB_BLOCK_ITEM && sg->label)
		return kb_text_fold(x->scratch, sg->label, strlen(sg->label));
	const char *w = marked_item_word(x, t, at);
	if (w || !sg || sg->kind != KB_BLOCK_ITEM)
		return w;
	return item_word_from(x, t, sg->start, sg->end);
}

static void list_cases(kb_extractor *x, const kb_unit *u, kb_vec *out, size_t first)
{
	size_t n = out->len - first, items = 0;
	if (n < 2)
		return;
	const char **word = KB_NEWN(x->scratch, const char *, n);
	for (size_t i = 0; i < n; i++) {
		const kb_claim *c = out->items[first + i];
		word[i] = list_item_word(x, u->text, c->text_start);
		/* A list of cases is short; thousands of items are a dump. */
		if (word[i] && ++items > LIST_CASES_MAX)
			return;
	}
	if (items < 2)
		return;
	for (size_t i = 0; i < n; i++) {
		kb_claim *c = out->items[first + i];
		if (!word[i])
			continue;
		/* A sibling item in the same group with another word and
		 * another value: both are cases. */
		bool cases = false;
		for (size_t j = 0; j < n && !cases; j++) {
			const kb_claim *d = out->items[first + j];
			cases = j != i && word[j] && strcmp(word[i], word[j]) != 0 &&
				!strcmp(c->topic, d->topic) && !strcmp(c->attribute, d->attribute) &&
				!strcmp(c->skey ? c->skey : "", d->skey ? d->skey : "") &&
				strcmp(c->vkey ? c->vkey : "", d->vkey ? d->vkey : "") != 0;
		}
		if (!cases)
			continue;
		const char *own = kb_scope_get(&c->scope, "label");
		const char *label = own ? kb_sprintf(x->a, "%s > %s", own, word[i])
					: kb_strdup(x->a, word[i]);
		c->scope = kb_scope_with(x->a, &c->scope, "label", label);
	}
	for (size_t i = 0; i < n; i++) {
		kb_claim *c = out->items[first + i];
		if (word[i])
			c->skey = kb_scope_key(x->a, &c->scope);
	}
}

/* ---- options ----
 * Sibling list items of one answer that give one choice attribute (an
 * enum) different values list its options -- "we refund in one of these
 * ways: - to your bank account  - as a shop voucher" -- not a
 * contradiction: none of them alone is the answer's value, so each is
 * weak (shown with --show-weak).  Items under other parents or at other
 * depths are not siblings; list_cases has already told apart the items
 * that name their cases. */

static bool option_of(const kb_claim *c, const kb_segment *s, const kb_claim *d,
		      const kb_segment *t)
{
	return s != t && t && t->kind == KB_BLOCK_ITEM && t->parent == s->parent &&
	       t->depth == s->depth && d->value.kind == KB_V_ENUM && d->how != KB_HOW_WEAK &&
	       !strcmp(c->topic, d->topic) && !strcmp(c->attribute, d->attribute) &&
	       !strcmp(c->skey ? c->skey : "", d->skey ? d->skey : "") &&
	       strcmp(c->vkey ? c->vkey : "", d->vkey ? d->vkey : "") != 0;
}

static void list_options(kb_extractor *x, kb_vec *out, size_t first)
{
	size_t n = out->len - first;
	if (n < 2 || !x->nsegs)
		return;
	const kb_segment **seg = KB_NEWN(x->scratch, const kb_segment *, n);
	for (size_t i = 0; i < n; i++) {
		const kb_claim *c = out->items[first + i];
		const kb_segment *s = segment_at(x, c->text_start);
		seg[i] = s && s->kind == KB_BLOCK_ITEM && c->value.kind == KB_V_ENUM &&
				 c->how != KB_HOW_WEAK
			     ? s
			     : NULL;
	}
	bool *opt = KB_NEWN(x->scratch, bool, n);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n && seg[i] && !opt[i]; j++)
			opt[i] = option_of(out->items[first + i], seg[i], out->items[first + j],
					   seg[j]);
	for (size_t i = 0; i < n; i++)
		if (opt[i])
			((kb_claim *)out->items[first + i])->how = KB_HOW_WEAK;
}

void kb_extract_unit(kb_extractor *x, const kb_unit *u, kb_vec *out, kb_vec *unclaimed)
{
	thai_forget(x); /* another unit's texts, maybe at the same addresses */
	/* (The context scanned last was the unit before's: its address may
	 * come back in this unit's arena with other words.) */
	x->question = x->text = x->ctext = NULL;
	if (x->pf) {
		kb_prefilter_scan(x->pf, x->th, u->text, u->text_len);
		x->text = u->text;
		if (u->question) {
			kb_prefilter_scan(x->pf, x->qh, u->question, strlen(u->question));
			x->question = u->question;
		}
	}
	x->ntopics = 0;
	for (size_t ti = 0; ti < kb_rules_ntopics(x->r); ti++) {
		const kb_topic *t = kb_rules_topic(x->r, ti);
		if (!about(x, t, u) || suppressed(u, t))
			continue;
		x->topics = grow(x->topics, &x->topcap, x->ntopics + 1, sizeof *x->topics);
		x->topics[x->ntopics++] = t;
	}
	/* The Thai words found while asking what the unit is about stay:
	 * they are the same unit's (other texts are known by their bytes). */
	kb_arena_reset(x->scratch);
	x->nnames = 0;
	read_sentences(x, u);
	size_t first = out->len;
	if (x->ntopics) {
		find_governors(x, u);
		topic_claims(x, u, out, unclaimed);
		reply_claims(x, u, out, first);
		list_cases(x, u, out, first);
		list_options(x, out, first);
	}
	drift_claims(x, u, out, first);
}

/* ---- sections ----
 * A heading is the name of a case when it tells sections apart: the same
 * question, answered under sibling headings of one document ("Domestic"
 * and "International", "Hardwood" and "Vinyl"), is answered per case.
 * A page's own title is not a case ("Orders", "Your account"): it has no
 * sibling answering the same question, and reading it as one would keep
 * the page from being compared with any other channel. */

static int cmp_attr(const kb_claim *x, const kb_claim *y)
{
	int r = strcmp(x->topic, y->topic);
	return r ? r : strcmp(x->attribute, y->attribute);
}

static int cmp_group(const void *a, const void *b)
{
	const kb_claim *x = *(const kb_claim *const *)a, *y = *(const kb_claim *const *)b;
	int r = cmp_attr(x, y);
	return r ? r : strcmp(x->skey ? x->skey : "", y->skey ? y->skey : "");
}

/* A unit's path of section titles: its headings, then, in a document
 * (Markdown, HTML), its own title when that is a heading and not a
 * question ("## Critical application support").  A chatbot's or a macro
 * set's answers are not sections: their names are not read. */
static bool is_document(const kb_unit *u)
{
	/* Markdown, HTML, and HTML in a server template. */
	static const char *const documents[] = {
	    "markdown", "markdown-erb", "html", "php", "blade", "twig", "jinja", "liquid",
	    "nunjucks", "handlebars", "erb", "jsp", "ejs", "vue", NULL};
	const char *f = u->source ? u->source->format : NULL;
	for (size_t i = 0; f && documents[i]; i++)
		if (!strcmp(f, documents[i]))
			return true;
	return false;
}

static size_t path_len(const kb_unit *u)
{
	return u->nheadings + (is_document(u) && u->question && !kb_faq_is_question(u->question));
}

static const char *path_at(const kb_unit *u, size_t p)
{
	return p < u->nheadings ? u->headings[p] : u->question;
}

/* The first level where the paths of u and v part (u's length when v's
 * path goes on below it, or they are the same). */
static size_t parting(const kb_unit *u, const kb_unit *v)
{
	size_t nu = path_len(u), nv = path_len(v), p = 0;
	while (p < nu && p < nv && strcmp(path_at(u, p), path_at(v, p)) == 0)
		p++;
	return p;
}

/* A title's subject: what is left of it once no topic's words and no
 * generic ones are, if it names one in at most HEADING_SUBJECT_MAX_WORDS
 * words; else NULL. */
static const char *title_subject(kb_extractor *x, const kb_unit *u, const char *h)
{
	return words(h, 0, strlen(h)) <= HEADING_SUBJECT_MAX_WORDS ? residue(x, NULL, u, h) : NULL;
}

/* The next word of s at or after *at (separators: space and ASCII
 * punctuation), its length in *n; NULL at the end. */
static const char *next_word(const char *s, size_t *at, size_t *n)
{
	size_t i = *at;
	while (s[i] && (s[i] == ' ' || (ispunct((unsigned char)s[i]) && s[i] != '\'')))
		i++;
	size_t j = i;
	while (s[j] && !(s[j] == ' ' || (ispunct((unsigned char)s[j]) && s[j] != '\'')))
		j++;
	*at = j;
	*n = j - i;
	return j > i ? s + i : NULL;
}

/* Does a hold a word (two bytes or more) that b does not? */
static bool has_own_word(const char *a, const char *b)
{
	size_t ia = 0, na;
	for (const char *w; (w = next_word(a, &ia, &na)) != NULL;) {
		if (na < 2)
			continue;
		bool found = false;
		size_t ib = 0, nb;
		for (const char *v; !found && (v = next_word(b, &ib, &nb)) != NULL;)
			found = na == nb && memcmp(w, v, na) == 0;
		if (!found)
			return true;
	}
	return false;
}

/* Do the subjects a and b name different things: each a word of its own
 * ("Teams organizations", "Enterprise organizations")?  Not one thing and
 * a part of it ("Dongwha flooring", "Dongwha herringbone flooring"). */
static bool different_subjects(const char *a, const char *b)
{
	return has_own_word(a, b) && has_own_word(b, a);
}

/* The subject of each title on the paths of the claims c[0..n), asked
 * once: NOT_ASKED until then. */
static const char NOT_ASKED[] = "";

static const char *subject_at(kb_extractor *x, kb_claim **c, const char **memo, size_t i,
			      size_t p)
{
	const char **m = &memo[i * TITLE_LEVELS + p];
	if (*m == NOT_ASKED)
		*m = title_subject(x, c[i]->unit, path_at(c[i]->unit, p));
	return *m;
}

/* Label the claims c[0..n) of one group (topic, attribute, scope) by the
 * titles where one's path parts from another's and both name subjects,
 * different ones (no word in common). */
static void label_group(kb_extractor *x, kb_claim **c, size_t n)
{
	const char **memo = KB_NEWN(x->scratch, const char *, n * TITLE_LEVELS);
	for (size_t k = 0; k < n * TITLE_LEVELS; k++)
		memo[k] = NOT_ASKED;
	for (size_t i = 0; i < n; i++) {
		const kb_unit *u = c[i]->unit;
		size_t len = path_len(u);
		bool level[TITLE_LEVELS] = {false};
		bool any = false;
		for (size_t j = 0; j < n; j++) {
			const kb_unit *v = c[j]->unit;
			size_t p = parting(u, v);
			if (v == u || p >= len || p >= path_len(v) || p >= TITLE_LEVELS || level[p])
				continue;
			const char *mine = subject_at(x, c, memo, i, p);
			const char *other = mine ? subject_at(x, c, memo, j, p) : NULL;
			if (other && different_subjects(mine, other))
				any = level[p] = true;
		}
		if (!any)
			continue;
		kb_buf b = {0};
		for (size_t p = 0; p < len && p < TITLE_LEVELS; p++) {
			if (!level[p])
				continue;
			const char *h = path_at(u, p);
			if (b.len)
				kb_buf_puts(&b, " > ");
			kb_buf_puts(&b, kb_text_fold(x->scratch, h, strlen(h)));
		}
		/* A label of its own (a table's column) is the case within the
		 * section: "teams > classic 2019". */
		const char *own = kb_scope_get(&c[i]->scope, "label");
		if (own) {
			kb_buf_puts(&b, " > ");
			kb_buf_puts(&b, own);
		}
		if (b.len) {
			c[i]->scope = kb_scope_with(x->a, &c[i]->scope, "label",
						    kb_strndup(x->a, b.ptr, b.len));
			c[i]->skey = kb_scope_key(x->a, &c[i]->scope);
		}
		kb_buf_free(&b);
	}
}

/* Claim c is case name's: label=name, or "name > its own label" (a table's
 * column within the case). */
static void name_case(kb_extractor *x, kb_claim *c, const char *name)
{
	const char *own = kb_scope_get(&c->scope, "label");
	const char *label = own ? kb_sprintf(x->a, "%s > %s", name, own) : kb_strdup(x->a, name);
	c->scope = kb_scope_with(x->a, &c->scope, "label", label);
	c->skey = kb_scope_key(x->a, &c->scope);
}

/* The claims of `cases: pages` topics on a page whose title names a
 * subject are that subject's ("sàn gỗ dongwha > ..."): a product page's
 * warranty is the product's, not the shop's.  The title is the outermost
 * heading every answer of the page is under (a front matter title, the
 * one H1); a title that asks a question names no subject. */
static void label_pages(kb_extractor *x, kb_vec *claims, size_t first)
{
	const char *title = NULL;
	const kb_unit *tu = NULL;
	bool any = false;
	for (size_t i = first; i < claims->len; i++) {
		const kb_claim *c = claims->items[i];
		const kb_unit *u = c->unit;
		if (!path_len(u))
			return;
		if (title && strcmp(title, path_at(u, 0)) != 0)
			return;
		title = path_at(u, 0);
		tu = u;
		const kb_topic *t = kb_rules_find(x->r, c->topic);
		any = any || (t && t->page_cases);
	}
	if (!any || kb_faq_is_question(title) || !title_subject(x, tu, title))
		return;
	const char *folded = kb_text_fold(x->scratch, title, strlen(title));
	for (size_t i = first; i < claims->len; i++) {
		kb_claim *c = claims->items[i];
		const kb_topic *t = kb_rules_find(x->r, c->topic);
		if (!t || !t->page_cases)
			continue;
		name_case(x, c, folded);
	}
}

/* ---- arms ----
 * A template's conditional shows a customer one of its arms, never two:
 *
 *     @if ($promo) Returns within 60 days. @else Returns within 30 days. @endif
 *
 * states no contradiction but two cases, each scoped by its arm's label
 * ("condition=$promo", "condition=else of $promo") when sibling arms state
 * different values (a claim then compares with the same case in other
 * pages).  An arm that agrees with its siblings, or has none that say
 * anything on the question (a page wrapped in "@if ($cart)"), states what
 * the page says whatever the test: its claims keep their scope and meet the
 * rest of the knowledge base. */

/* The arm of conditional cond (of u's source) that holds byte off, or
 * NULL. */
static const kb_branch *arm_of(const kb_unit *u, size_t off, unsigned cond)
{
	for (size_t i = 0; i < u->nbranches && u->branches[i].start <= off; i++)
		if (u->branches[i].cond == cond && off < u->branches[i].end)
			return &u->branches[i];
	return NULL;
}

/* Where a and b (one source's claims) part: the arms of one conditional,
 * different ones, that hold them (outermost such), into *aa and *bb. */
static bool arms_part(const kb_claim *a, const kb_claim *b, const kb_branch **aa,
		      const kb_branch **bb)
{
	const kb_unit *u = a->unit;
	size_t off = a->loc.start;
	for (size_t i = 0; i < u->nbranches && u->branches[i].start <= off; i++) {
		const kb_branch *mine = &u->branches[i];
		if (off >= mine->end)
			continue;
		const kb_branch *theirs = arm_of(b->unit, b->loc.start, mine->cond);
		if (!theirs)
			return false; /* arms nest: no deeper one holds both */
		if (theirs->arm != mine->arm) {
			*aa = mine;
			*bb = theirs;
			return true;
		}
	}
	return false;
}

/* Keeps in *cur the inner of *cur and arm (an inner arm's label names the
 * arms around it too). */
static void keep_inner(const kb_branch **cur, const kb_branch *arm)
{
	if (!*cur || arm->start > (*cur)->start ||
	    (arm->start == (*cur)->start && arm->end < (*cur)->end))
		*cur = arm;
}

static bool same_value(const kb_claim *a, const kb_claim *b)
{
	return a->vkey && b->vkey ? !strcmp(a->vkey, b->vkey) : kb_value_same(&a->value, &b->value);
}

/* Scope the claims c[0..n) of one group (topic, attribute, scope) of one
 * source that sibling arms tell apart by their arms' labels. */
static void arm_group(kb_extractor *x, kb_claim **c, size_t n)
{
	const kb_branch **arm = KB_NEWN(x->scratch, const kb_branch *, n);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			const kb_branch *ai, *aj;
			if (!same_value(c[i], c[j]) && arms_part(c[i], c[j], &ai, &aj)) {
				keep_inner(&arm[i], ai);
				keep_inner(&arm[j], aj);
			}
		}
	for (size_t i = 0; i < n; i++) {
		if (!arm[i])
			continue;
		c[i]->scope = kb_scope_with(x->a, &c[i]->scope, "condition", arm[i]->label);
		c[i]->skey = kb_scope_key(x->a, &c[i]->scope);
	}
}

/* ---- questions as cases ----
 * A page that asks one question per subject ("What is the warranty on
 * Madam Film?", "What is the warranty on Dora film?") answers per case, as
 * sibling headings do: when two of its answers give one attribute
 * different values and their questions are one template with a different
 * subject in it, each claim is scoped by its subject (label=madam film).
 * A template: what the two questions share at the start and the end is at
 * least half of each; the subjects each hold a word of their own.  Only a
 * document's sibling questions: a chatbot's examples of one intent are
 * paraphrases, and two questions of different wording are never read as
 * cases. */

/* i moved to the edge of the Thai word of s[0..n) it cuts, if any (back:
 * to its start, else to its end). */
static size_t thai_edge(kb_extractor *x, const char *s, size_t n, size_t i, bool back)
{
	size_t ws, we;
	if (!kb_thai_between_letters(s, n, i) || !thai_word_at(x, s, n, i, &ws, &we))
		return i;
	return back ? ws : we;
}

static bool alnum_at(const char *s, size_t n, size_t i)
{
	return i < n && isalnum((unsigned char)s[i]);
}

/* i (where two questions part, or meet again when back is false) moved
 * to the edge of the word it cuts: of a code point, then of a word (after
 * a space in spaced text; of a Latin word or a Thai one in Thai text). */
static size_t word_edge(kb_extractor *x, const char *s, size_t n, size_t i, bool words, bool back)
{
	while (i > 0 && i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
		i += back ? (size_t)-1 : 1;
	if (words) {
		while (back ? i > 0 && s[i - 1] != ' ' : i < n && s[i] != ' ')
			i += back ? (size_t)-1 : 1;
		return i;
	}
	while (i > 0 && alnum_at(s, n, i - 1) && alnum_at(s, n, i))
		i += back ? (size_t)-1 : 1;
	return thai_edge(x, s, n, i, back);
}

/* Thai writes no spaces between words: a question mostly in Thai is cut
 * at Thai and Latin word edges, any other at spaces. */
static bool spaced(const char *s)
{
	const char *script = kb_locale_script(s, strlen(s));
	return !script || strcmp(script, "th") != 0;
}

static const char *trimmed(kb_arena *a, const char *s, size_t from, size_t to)
{
	while (from < to && (s[from] == ' ' || ispunct((unsigned char)s[from])))
		from++;
	while (to > from && (s[to - 1] == ' ' || ispunct((unsigned char)s[to - 1])))
		to--;
	return to > from ? kb_strndup(a, s + from, to - from) : NULL;
}

/* The subjects of two questions of one template, or false. */
static bool template_subjects(kb_extractor *x, const char *qa, const char *qb, const char **sa,
			      const char **sb)
{
	size_t na = strlen(qa), nb = strlen(qb), p = 0, q = 0;
	bool words = spaced(qa) && spaced(qb);
	while (p < na && p < nb && qa[p] == qb[p])
		p++;
	while (q < na - p && q < nb - p && qa[na - 1 - q] == qb[nb - 1 - q])
		q++;
	size_t pa = word_edge(x, qa, na, p, words, true), pb = word_edge(x, qb, nb, p, words, true);
	size_t ea = word_edge(x, qa, na, na - q, words, false);
	size_t eb = word_edge(x, qb, nb, nb - q, words, false);
	if (2 * (pa + (na - ea)) < na || 2 * (pb + (nb - eb)) < nb)
		return false;
	*sa = trimmed(x->scratch, qa, pa, ea);
	*sb = trimmed(x->scratch, qb, pb, eb);
	return *sa && *sb && different_subjects(*sa, *sb);
}

/* The answers of one group (one page's claims of one attribute and scope)
 * compared two by two: a page asks at most this many questions per
 * attribute to be read as cases. */
enum { QUESTION_CASES_MAX = 64 };

static void question_group(kb_extractor *x, kb_claim **c, size_t n)
{
	const kb_unit *unit[QUESTION_CASES_MAX];
	const kb_claim *first[QUESTION_CASES_MAX];
	const char *folded[QUESTION_CASES_MAX], *subject[QUESTION_CASES_MAX];
	bool mixed[QUESTION_CASES_MAX];
	size_t nu = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < nu && unit[k] != c[i]->unit)
			k++;
		if (k == nu) {
			if (nu == QUESTION_CASES_MAX)
				return;
			const char *q = c[i]->unit->question;
			unit[nu] = c[i]->unit;
			first[nu] = c[i];
			folded[nu] = kb_text_fold(x->scratch, q, strlen(q));
			subject[nu] = NULL;
			mixed[nu++] = false;
		} else if (!same_value(first[k], c[i])) {
			mixed[k] = true;
		}
	}
	for (size_t i = 0; i < nu; i++)
		for (size_t j = i + 1; j < nu; j++) {
			const char *si, *sj;
			if ((!mixed[i] && !mixed[j] && same_value(first[i], first[j])) ||
			    !template_subjects(x, folded[i], folded[j], &si, &sj))
				continue;
			if (!subject[i])
				subject[i] = si;
			if (!subject[j])
				subject[j] = sj;
		}
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (unit[k] != c[i]->unit)
			k++;
		if (!subject[k])
			continue;
		name_case(x, c[i], subject[k]);
	}
}

static bool in_question(const kb_claim *c)
{
	return is_document(c->unit) && c->unit->question && *c->unit->question;
}

static bool in_arm(const kb_claim *c)
{
	return c->unit->nbranches > 0;
}

static bool in_section(const kb_claim *c)
{
	return path_len(c->unit) > 0;
}

/* Calls f on each group (topic, attribute, scope) of two claims or more
 * among claims[first..) that keep. */
/* Topic, attribute and label: sibling questions name their subjects
 * whether or not a qualifier already tells some of them apart ("... on
 * garden furniture?", "... on kitchen cabinets?"); claims that sections
 * or tables have already named as cases are not asked again. */
static int cmp_labelled(const void *a, const void *b)
{
	const kb_claim *x = *(const kb_claim *const *)a, *y = *(const kb_claim *const *)b;
	int r = cmp_attr(x, y);
	if (r)
		return r;
	const char *lx = kb_scope_get(&x->scope, "label"), *ly = kb_scope_get(&y->scope, "label");
	return strcmp(lx ? lx : "", ly ? ly : "");
}

static void each_group_by(kb_extractor *x, kb_vec *claims, size_t first,
			  bool (*keep)(const kb_claim *), int (*cmp)(const void *, const void *),
			  void (*f)(kb_extractor *, kb_claim **, size_t))
{
	size_t n = 0;
	kb_claim **c = KB_NEWN(x->scratch, kb_claim *, claims->len - first + 1);
	for (size_t i = first; i < claims->len; i++)
		if (keep(claims->items[i]))
			c[n++] = claims->items[i];
	if (n < 2)
		return;
	qsort(c, n, sizeof *c, cmp);
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && cmp(&c[lo], &c[hi]) == 0; hi++)
			;
		if (hi - lo > 1)
			f(x, c + lo, hi - lo);
	}
}

static void each_group(kb_extractor *x, kb_vec *claims, size_t first,
		       bool (*keep)(const kb_claim *),
		       void (*f)(kb_extractor *, kb_claim **, size_t))
{
	each_group_by(x, claims, first, keep, cmp_group, f);
}

void kb_extract_sections(kb_extractor *x, kb_vec *claims, size_t first)
{
	kb_arena_reset(x->scratch);
	each_group(x, claims, first, in_arm, arm_group);
	each_group(x, claims, first, in_section, label_group);
	each_group_by(x, claims, first, in_question, cmp_labelled, question_group);
	label_pages(x, claims, first);
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
	kb_locale_says says = {.config = kb_locale_of(locale)};
	u->locale = kb_locale_decide(&says, u->text, u->text_len, question);
	u->active = true;
	u->loc = kb_loc_of(src, 0, n);
	kb_extract_unit(x, u, out, NULL);
}
