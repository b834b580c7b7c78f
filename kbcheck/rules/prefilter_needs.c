/* prefilter_needs.c - the literals a PCRE2 pattern needs (see
 * prefilter.h and prefilter_needs.h).
 *
 * The analysis reads a pattern as PCRE2 does (outside (?x) mode) and
 * computes for every part of it:
 *   - exact: the finite set of strings it can match, when small ("h",
 *     "(?:ủy|uỷ)", "l?" = {"", "l"}), and
 *   - need: a set of strings one of which every match contains, or none.
 * Concatenation multiplies exact sets ("cancel" "l?" "ed"); a part that is
 * not exact ends the run, and the best need of the sequence is kept (the
 * one whose shortest string is longest, then the one with fewer strings).
 * Alternation unites needs.  Anything unknown makes the need "none" for
 * that part, or for the whole pattern when it could change how the rest is
 * read.  The result is conservative by construction: a pattern is skipped
 * only when none of its needed strings occurs in the (case-folded) text.
 */
#include "prefilter_needs.h"

#include <stdlib.h>
#include <string.h>

#include "../base/text.h"

enum {
	MAX_EXACT = 16,  /* strings in an exact set */
	MAX_NEED = 64,   /* strings in a need (alternations of literals) */
	MAX_LIT = 96,    /* bytes in one string */
	MIN_NEED = 2,    /* a need whose shortest string is shorter is useless */
	MAX_DEPTH = 64,
	MAX_CONJ = 16,   /* needs of a sequence's parts kept */
};

/* ---- string sets (arena memory during the analysis) ---- */

typedef struct {
	const char **s;
	size_t n;
	bool none; /* need: nothing is required (matches may contain anything) */
} set;

typedef struct {
	bool exact;
	set ex;   /* when exact */
	set need; /* none when nothing is known */
} part;

typedef struct {
	const char *p, *end;
	kb_arena *a;
	bool fail;
	int depth;
	/* The needs of the parts of the pattern's top-level sequence (each
	 * one's strings: one of them is in every match); none when the
	 * pattern is an alternation at its top. */
	set cand[MAX_CONJ];
	size_t ncand;
	bool top_alt;
} rx;

static const set NONE = {NULL, 0, true};

static set one(kb_arena *a, const char *s, size_t n)
{
	set r = {KB_NEWN(a, const char *, 1), 1, false};
	r.s[0] = kb_strndup(a, s, n);
	return r;
}

static bool has_empty(const set *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (!s->s[i][0])
			return true;
	return false;
}

static size_t shortest(const set *s)
{
	size_t m = (size_t)-1;
	for (size_t i = 0; i < s->n; i++) {
		size_t k = strlen(s->s[i]);
		if (k < m)
			m = k;
	}
	return s->n ? m : 0;
}

/* Cross product; ok = false when it would be too big. */
static set product(kb_arena *a, const set *x, const set *y, bool *ok)
{
	*ok = x->n * y->n <= MAX_EXACT;
	if (!*ok)
		return NONE;
	size_t cap = x->n * y->n;
	set r = {KB_NEWN(a, const char *, cap ? cap : 1), 0, false};
	for (size_t i = 0; i < x->n; i++)
		for (size_t j = 0; j < y->n; j++) {
			size_t lx = strlen(x->s[i]), ly = strlen(y->s[j]);
			if (lx + ly > MAX_LIT) {
				*ok = false;
				return NONE;
			}
			char *c = kb_alloc(a, lx + ly + 1);
			memcpy(c, x->s[i], lx);
			memcpy(c + lx, y->s[j], ly);
			bool dup = false;
			for (size_t k = 0; k < r.n && !dup; k++)
				dup = !strcmp(r.s[k], c);
			if (!dup)
				r.s[r.n++] = c;
		}
	return r;
}

static set unite(kb_arena *a, const set *x, const set *y, size_t max, bool *ok)
{
	*ok = !x->none && !y->none && x->n + y->n <= max;
	if (!*ok)
		return NONE;
	set r = {KB_NEWN(a, const char *, x->n + y->n ? x->n + y->n : 1), 0, false};
	for (int w = 0; w < 2; w++) {
		const set *from = w ? y : x;
		for (size_t i = 0; i < from->n; i++) {
			bool dup = false;
			for (size_t k = 0; k < r.n && !dup; k++)
				dup = !strcmp(r.s[k], from->s[i]);
			if (!dup)
				r.s[r.n++] = from->s[i];
		}
	}
	return r;
}

/* The need an exact set gives: itself, unless it can be empty. */
static set need_of_exact(const set *ex)
{
	return ex->n && !has_empty(ex) ? *ex : NONE;
}

/* Is a better need than b: its shortest string is longer (then fewer). */
static bool better(const set *a, const set *b)
{
	if (a->none || !a->n)
		return false;
	if (b->none || !b->n)
		return true;
	size_t sa = shortest(a), sb = shortest(b);
	return sa > sb || (sa == sb && a->n < b->n);
}

/* A need of a part of a sequence: the sequence's best so far, and at the
 * pattern's top one of its parts' needs (usable ones). */
static void consider(rx *r, const set *n, set *best)
{
	if (better(n, best))
		*best = *n;
	if (r->depth == 0 && r->ncand < MAX_CONJ && !n->none && n->n && shortest(n) >= MIN_NEED)
		r->cand[r->ncand++] = *n;
}

/* ---- the pattern reader ---- */

static part zero_width(kb_arena *a)
{
	part r = {true, one(a, "", 0), NONE};
	return r;
}

static part any_char(void)
{
	part r = {false, NONE, NONE};
	return r;
}

static part literal_cp(kb_arena *a, int32_t cp)
{
	char buf[8];
	size_t k = kb_utf8_encode(kb_cp_fold(cp), buf);
	if (k == 0)
		return any_char();
	part r = {true, one(a, buf, k), NONE};
	r.need = need_of_exact(&r.ex);
	return r;
}

static part parse_alt(rx *r);

/* Skip a [...] class; the reader is after '['. */
static void skip_class(rx *r)
{
	if (r->p < r->end && *r->p == '^')
		r->p++;
	if (r->p < r->end && *r->p == ']')
		r->p++; /* a literal ']' first */
	while (r->p < r->end && *r->p != ']') {
		if (*r->p == '\\') {
			r->p += 2;
			if (r->p > r->end)
				r->p = r->end;
			continue;
		}
		if (*r->p == '[' && r->p + 1 < r->end && r->p[1] == ':') {
			const char *close = strstr(r->p + 2, ":]");
			if (close && close < r->end) {
				r->p = close + 2;
				continue;
			}
		}
		r->p++;
	}
	if (r->p >= r->end)
		r->fail = true;
	else
		r->p++;
}

static long read_number(rx *r)
{
	long v = 0;
	bool any = false;
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9' && v < 100000) {
		v = v * 10 + (*r->p++ - '0');
		any = true;
	}
	return any ? v : -1;
}

/* An escape after '\'. */
static part escape(rx *r)
{
	if (r->p >= r->end) {
		r->fail = true;
		return any_char();
	}
	char c = *r->p++;
	switch (c) {
	case 'b': case 'B': case 'A': case 'Z': case 'z': case 'G': case 'K':
		return zero_width(r->a);
	case 'd': case 'D': case 'w': case 'W': case 's': case 'S': case 'h': case 'H':
	case 'v': case 'V': case 'R': case 'N': case 'X': case 'C':
		return any_char();
	case 'p': case 'P':
		if (r->p < r->end && *r->p == '{') {
			const char *close = memchr(r->p, '}', (size_t)(r->end - r->p));
			if (!close) {
				r->fail = true;
				return any_char();
			}
			r->p = close + 1;
		} else if (r->p < r->end) {
			r->p++;
		}
		return any_char();
	case 'n': return literal_cp(r->a, '\n');
	case 't': return literal_cp(r->a, '\t');
	case 'r': return literal_cp(r->a, '\r');
	case 'f': return literal_cp(r->a, '\f');
	case 'e': return literal_cp(r->a, 0x1B);
	case 'a': return literal_cp(r->a, 0x07);
	case 'x': {
		long v = 0;
		if (r->p < r->end && *r->p == '{') {
			char *endp;
			v = strtol(r->p + 1, &endp, 16);
			if (endp >= r->end || *endp != '}') {
				r->fail = true;
				return any_char();
			}
			r->p = endp + 1;
		} else {
			for (int k = 0; k < 2 && r->p < r->end; k++) {
				char h = *r->p;
				int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
					: h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
				if (d < 0)
					break;
				v = v * 16 + d;
				r->p++;
			}
		}
		return literal_cp(r->a, (int32_t)v);
	}
	case 'Q': {
		/* Literal up to \E (or the end). */
		const char *e = r->p;
		while (e < r->end && !(e[0] == '\\' && e + 1 < r->end && e[1] == 'E'))
			e++;
		set acc = one(r->a, "", 0);
		for (const char *q = r->p; q < e;) {
			int32_t cp;
			q += kb_utf8_next(q, (size_t)(e - q), &cp);
			part l = literal_cp(r->a, cp);
			bool ok;
			set nx = l.exact ? product(r->a, &acc, &l.ex, &ok) : NONE;
			if (!l.exact || !ok) {
				r->p = e < r->end ? e + 2 : r->end;
				return any_char();
			}
			acc = nx;
		}
		r->p = e < r->end ? e + 2 : r->end;
		part res = {true, acc, need_of_exact(&acc)};
		return res;
	}
	case 'E':
		return zero_width(r->a);
	case 'g': case 'k': case 'c': case 'o': case 'l': case 'L': case 'u': case 'U':
		/* back references, \c control, \o{...}: not followed */
		r->fail = true;
		return any_char();
	default:
		if (c >= '0' && c <= '9') {
			r->fail = true; /* back reference or octal */
			return any_char();
		}
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			r->fail = true; /* an escape PCRE2 may give a meaning */
			return any_char();
		}
		/* Escaped punctuation or a non-ASCII character: itself. */
		r->p--;
		int32_t cp;
		r->p += kb_utf8_next(r->p, (size_t)(r->end - r->p), &cp);
		return literal_cp(r->a, cp);
	}
}

/* "(?..." after "(?": groups, lookarounds, options, comments. */
static part group(rx *r)
{
	bool lookaround = false;
	if (r->p < r->end && *r->p == '?') {
		r->p++;
		if (r->p >= r->end) {
			r->fail = true;
			return any_char();
		}
		char c = *r->p;
		if (c == '#') {
			const char *close = memchr(r->p, ')', (size_t)(r->end - r->p));
			if (!close) {
				r->fail = true;
				return any_char();
			}
			r->p = close + 1;
			return zero_width(r->a);
		}
		if (c == ':' || c == '|' || c == '>') {
			r->p++;
		} else if (c == '=' || c == '!') {
			r->p++;
			lookaround = true;
		} else if (c == '<' && r->p + 1 < r->end && (r->p[1] == '=' || r->p[1] == '!')) {
			r->p += 2;
			lookaround = true;
		} else if (c == '<' || c == '\'' || (c == 'P' && r->p + 1 < r->end && r->p[1] == '<')) {
			char close = c == '\'' ? '\'' : '>';
			const char *e = memchr(r->p + 1, close, (size_t)(r->end - r->p - 1));
			if (!e) {
				r->fail = true;
				return any_char();
			}
			r->p = e + 1;
		} else {
			/* Options: (?i) (?-i) (?i:...).  (?x) changes how spaces and
			 * '#' read: give up on the pattern. */
			const char *q = r->p;
			while (q < r->end && *q && strchr("imnsJU-^", *q))
				q++;
			if (q == r->p || q >= r->end) {
				r->fail = true; /* (?x), recursion (?R) (?1), conditionals... */
				return any_char();
			}
			r->p = q;
			if (*q == ')') {
				r->p++;
				return zero_width(r->a);
			}
			if (*q != ':') {
				r->fail = true;
				return any_char();
			}
			r->p++;
		}
	} else if (r->p < r->end && *r->p == '*') {
		r->fail = true; /* (*VERB) */
		return any_char();
	}
	part inner = parse_alt(r);
	if (r->p >= r->end || *r->p != ')') {
		r->fail = true;
		return any_char();
	}
	r->p++;
	return lookaround ? zero_width(r->a) : inner;
}

static part atom(rx *r)
{
	char c = *r->p++;
	switch (c) {
	case '(':
		if (++r->depth > MAX_DEPTH) {
			r->fail = true;
			return any_char();
		}
		{
			part g = group(r);
			r->depth--;
			return g;
		}
	case '[':
		skip_class(r);
		return any_char();
	case '.':
		return any_char();
	case '^':
	case '$':
		return zero_width(r->a);
	case '\\':
		return escape(r);
	case '*':
	case '+':
	case '?':
		r->fail = true; /* nothing to repeat */
		return any_char();
	default: {
		r->p--;
		int32_t cp;
		r->p += kb_utf8_next(r->p, (size_t)(r->end - r->p), &cp);
		return literal_cp(r->a, cp);
	}
	}
}

/* A quantifier after an atom, if any: {min, max}; max < 0 = unbounded. */
static bool quantifier(rx *r, long *min, long *max)
{
	if (r->p >= r->end)
		return false;
	char c = *r->p;
	if (c == '?' || c == '*' || c == '+') {
		r->p++;
		*min = c == '+';
		*max = c == '?' ? 1 : -1;
	} else if (c == '{') {
		const char *save = r->p;
		r->p++;
		long lo = read_number(r), hi = lo;
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			hi = read_number(r);
			if (lo < 0)
				lo = 0; /* {,n} */
		}
		if (r->p >= r->end || *r->p != '}' || (lo < 0 && hi < 0) || (lo < 0)) {
			r->p = save; /* not a quantifier: a literal '{' */
			return false;
		}
		r->p++;
		*min = lo;
		*max = hi;
	} else {
		return false;
	}
	if (r->p < r->end && (*r->p == '?' || *r->p == '+'))
		r->p++; /* lazy or possessive */
	return true;
}

static part quantified(rx *r, part x)
{
	long min, max;
	if (!quantifier(r, &min, &max))
		return x;
	part q = {false, NONE, NONE};
	if (min == 0) {
		if (max == 1 && x.exact) {
			set empty = one(r->a, "", 0);
			bool ok;
			q.ex = unite(r->a, &x.ex, &empty, MAX_EXACT, &ok);
			q.exact = ok;
		}
		return q; /* nothing required */
	}
	if (min == 1 && max == 1)
		return x;
	q.need = x.exact ? need_of_exact(&x.ex) : x.need;
	return q;
}

/* A sequence up to '|', ')' or the end. */
static part parse_seq(rx *r)
{
	set run = one(r->a, "", 0); /* exact strings of the current run */
	set all = run;              /* exact strings of the whole sequence */
	bool all_exact = true;
	set best = NONE;
	while (r->p < r->end && *r->p != '|' && *r->p != ')' && !r->fail) {
		part x = quantified(r, atom(r));
		if (r->fail)
			break;
		if (x.exact) {
			bool ok;
			set nx = product(r->a, &run, &x.ex, &ok);
			if (!ok) {
				set n = need_of_exact(&run);
				consider(r, &n, &best);
				run = x.ex;
			} else {
				run = nx;
			}
			if (all_exact) {
				set na = product(r->a, &all, &x.ex, &ok);
				if (ok)
					all = na;
				else
					all_exact = false;
			}
			continue;
		}
		set n = need_of_exact(&run);
		consider(r, &n, &best);
		run = one(r->a, "", 0);
		consider(r, &x.need, &best);
		all_exact = false;
	}
	set n = need_of_exact(&run);
	consider(r, &n, &best);
	part res = {all_exact, all_exact ? all : NONE, best};
	if (all_exact) {
		set ne = need_of_exact(&all);
		if (better(&ne, &res.need))
			res.need = ne;
	}
	return res;
}

static part parse_alt(rx *r)
{
	part res = parse_seq(r);
	while (!r->fail && r->p < r->end && *r->p == '|') {
		r->p++;
		if (r->depth == 0)
			r->top_alt = true; /* a branch's needs are not the pattern's */
		part b = parse_seq(r);
		bool ok;
		if (res.exact && b.exact) {
			res.ex = unite(r->a, &res.ex, &b.ex, MAX_EXACT, &ok);
			res.exact = ok;
		} else {
			res.exact = false;
		}
		res.need = unite(r->a, &res.need, &b.need, MAX_NEED, &ok);
	}
	return res;
}

static bool usable(const set *s)
{
	return !s->none && s->n && shortest(s) >= MIN_NEED;
}

static const char **copy_out(kb_arena *a, const set *s)
{
	const char **lits = KB_NEWN(a, const char *, s->n + 1);
	for (size_t i = 0; i < s->n; i++)
		lits[i] = kb_strdup(a, s->s[i]);
	lits[s->n] = NULL;
	return lits;
}

static bool same_set(const set *x, const set *y)
{
	if (x->n != y->n)
		return false;
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->s[i], y->s[i]))
			return false;
	return true;
}

const char **kb_prefilter_needs(kb_arena *a, const char *pattern, size_t *n)
{
	return kb_prefilter_needs_all(a, pattern, n, NULL, NULL, 0);
}

const char **kb_prefilter_needs_all(kb_arena *a, const char *pattern, size_t *n,
				    const char ***more, size_t *nmore, size_t max)
{
	/* The analysis makes many small sets: in an arena of its own, freed
	 * once the literals are copied out. */
	kb_arena *tmp = kb_arena_new();
	rx r = {.p = pattern, .end = pattern + strlen(pattern), .a = tmp};
	part p = r.end > r.p ? parse_alt(&r) : any_char();
	bool ok = !r.fail && r.p == r.end && usable(&p.need);
	const char **lits = NULL;
	*n = 0;
	if (nmore)
		*nmore = 0;
	if (ok) {
		lits = copy_out(a, &p.need);
		*n = p.need.n;
		/* The other parts' needs, best first, each once. */
		for (size_t k = 0; nmore && !r.top_alt && *nmore < max && k < r.ncand; k++) {
			size_t b = k;
			for (size_t j = k + 1; j < r.ncand; j++)
				if (better(&r.cand[j], &r.cand[b]))
					b = j;
			set c = r.cand[b];
			r.cand[b] = r.cand[k];
			r.cand[k] = c;
			bool dup = same_set(&c, &p.need);
			for (size_t j = 0; j < k && !dup; j++)
				dup = same_set(&c, &r.cand[j]);
			if (!dup)
				more[(*nmore)++] = copy_out(a, &c);
		}
	}
	kb_arena_free(tmp);
	return lits;
}
