/* scan.c - code points, case folding and word matching for the
 * normalizers.  The only file of normalize/ that includes utf8proc.h:
 * matching folds one code point at a time (utf8proc_tolower) so that byte
 * offsets stay those of the caller's text, which kb_text_fold() (whole
 * strings, spaces collapsed) cannot give.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../base/text.h"
#include "nz.h"

/* locale is "xx" or "xx-..." / "xx_..." for language xx? */
static bool language(const char *locale, const char *xx)
{
	return !strncmp(locale, xx, 2) && (!locale[2] || locale[2] == '-' || locale[2] == '_');
}

void nz_text_init(nz_text *t, const char *locale, const char *s, size_t n)
{
	t->s = s;
	t->n = n;
	t->vi_sep = false;
	t->from = 0;
	t->loc = NZ_ALL;
	if (!locale)
		return;
	if (language(locale, "en")) {
		t->loc = NZ_EN;
	} else if (language(locale, "vi")) {
		t->loc = NZ_VI | NZ_EN;
		t->vi_sep = true;
	} else if (language(locale, "th")) {
		t->loc = NZ_TH | NZ_EN;
	}
}

static int32_t lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	return utf8proc_tolower(cp);
}

int32_t nz_cp(const nz_text *t, size_t i, size_t *len)
{
	if (i >= t->n) {
		*len = 0;
		return -1;
	}
	unsigned char c = (unsigned char)t->s[i];
	if (c < 0x80) {
		*len = 1;
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	}
	int32_t cp;
	*len = kb_utf8_next(t->s + i, t->n - i, &cp);
	return cp < 0 ? -1 : lower(cp);
}

int32_t nz_cp_before(const nz_text *t, size_t i, size_t *start)
{
	if (i == 0 || i > t->n) {
		if (start)
			*start = 0;
		return -1;
	}
	size_t k = i - 1;
	while (k > 0 && i - k < 4 && ((unsigned char)t->s[k] & 0xC0) == 0x80)
		k--;
	if (start)
		*start = k;
	size_t len;
	return nz_cp(t, k, &len);
}

bool nz_is_space(int32_t cp)
{
	/* U+200B marks word breaks in Thai text; treat it as a space. */
	return cp == 0x200B || kb_cp_is_space(cp);
}

bool nz_is_thai(int32_t cp) { return cp >= 0x0E00 && cp <= 0x0E7F; }

bool nz_is_word(int32_t cp)
{
	if (cp < 0)
		return false;
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	return !nz_is_thai(cp) && kb_cp_is_letter(cp);
}

bool nz_is_thai_tail(int32_t cp)
{
	return (cp >= 0x0E30 && cp <= 0x0E3A) || cp == 0x0E45 ||
	       (cp >= 0x0E47 && cp <= 0x0E4E);
}

int nz_digit(const nz_text *t, size_t i, size_t *len)
{
	if (i >= t->n)
		return -1;
	unsigned char c = (unsigned char)t->s[i];
	if (c >= '0' && c <= '9') {
		*len = 1;
		return c - '0';
	}
	/* Thai digits U+0E50..U+0E59 are E0 B9 90..99. */
	if (c == 0xE0 && i + 2 < t->n && (unsigned char)t->s[i + 1] == 0xB9 &&
	    (unsigned char)t->s[i + 2] >= 0x90 && (unsigned char)t->s[i + 2] <= 0x99) {
		*len = 3;
		return (unsigned char)t->s[i + 2] - 0x90;
	}
	return -1;
}

size_t nz_ws(const nz_text *t, size_t i)
{
	while (i < t->n) {
		size_t len;
		if (!nz_is_space(nz_cp(t, i, &len)))
			break;
		i += len;
	}
	return i;
}

/* digit_ok: a Latin lit may end right before a digit ("USD5", "Rs20"). */
static size_t lit_match(const nz_text *t, size_t i, const char *lit, bool digit_ok)
{
	const char *l = lit;
	int32_t last = -1;
	/* Fast reject on the first byte: most table entries fail here. */
	unsigned char c0 = i < t->n ? (unsigned char)t->s[i] : 0;
	unsigned char l0 = (unsigned char)lit[0];
	if (c0 >= 'A' && c0 <= 'Z')
		c0 += 32;
	if (l0 != ' ' && (l0 < 0x80 || c0 < 0x80) && c0 != l0)
		return 0;
	while (*l) {
		if (*l == ' ') {
			size_t k = i;
			while (k < t->n) {
				size_t len;
				int32_t cp = nz_cp(t, k, &len);
				if (!nz_is_space(cp) && cp != '-')
					break;
				k += len;
			}
			if (k == i)
				return 0;
			i = k;
			l++;
			last = ' ';
			continue;
		}
		/* lit is valid UTF-8: a code point of it ends before its NUL
		 * (no strlen of the rest per code point: this is a hot loop). */
		int32_t lc = (unsigned char)*l;
		if (lc < 0x80 && i < t->n && (unsigned char)t->s[i] < 0x80) {
			/* ASCII on both sides: what nz_cp would fold */
			unsigned char c = (unsigned char)t->s[i];
			if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lc)
				return 0;
			i++;
			l++;
			last = lc;
			continue;
		}
		if (lc < 0x80)
			l++;
		else
			l += kb_utf8_next(l, strnlen(l, 4), &lc);
		size_t len;
		int32_t tc = nz_cp(t, i, &len);
		if (tc < 0 || tc != lc)
			return 0;
		i += len;
		last = lc;
	}
	if (i < t->n) {
		size_t len;
		int32_t next = nz_cp(t, i, &len);
		if (nz_is_word(last) && nz_is_word(next) &&
		    !(digit_ok && next >= '0' && next <= '9'))
			return 0;
		if (nz_is_thai(last) && nz_is_thai_tail(next))
			return 0;
	}
	return i;
}

size_t nz_lit(const nz_text *t, size_t i, const char *lit)
{
	return lit_match(t, i, lit, false);
}

/* ---- tables by first code point ----
 * A table is asked at nearly every word of every sentence a value is
 * looked for in, and most of its entries fail on the first code point.
 * So each table gets, once, its entries by first code point (lower case,
 * as entries are written), in the table's order, which decides ties: an
 * entry is tried only where the text's folded code point is its first. */

enum { ASCII_LISTS = 128, INDEX_SLOTS = 64 };

typedef struct tab_index {
	const nz_word *tab;
	bool linear;                   /* an entry starts with a space: no index */
	uint16_t off[ASCII_LISTS + 1]; /* first code point c < 0x80: at[off[c] .. off[c + 1]) */
	uint16_t *at;
	int32_t *cp;                   /* the others: cp[k] is the first code point of */
	uint16_t *cat;                 /* entry cat[k], by code point, then order */
	size_t ncp;
} tab_index;

static pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;
static tab_index *indexes[INDEX_SLOTS]; /* under index_lock */

static int32_t first_cp(const char *lit)
{
	int32_t cp = (unsigned char)lit[0];
	if (cp >= 0x80)
		kb_utf8_next(lit, strnlen(lit, 4), &cp);
	return cp;
}

static tab_index *index_new(const nz_word *tab)
{
	size_t n = 0;
	while (tab[n].lit)
		n++;
	tab_index *ix = calloc(1, sizeof *ix);
	if (!ix || n > UINT16_MAX)
		abort();
	ix->tab = tab;
	ix->at = malloc((n ? n : 1) * sizeof *ix->at);
	ix->cp = malloc((n ? n : 1) * sizeof *ix->cp);
	ix->cat = malloc((n ? n : 1) * sizeof *ix->cat);
	if (!ix->at || !ix->cp || !ix->cat)
		abort();
	size_t k = 0;
	for (int32_t c = 0; c < ASCII_LISTS; c++) {
		ix->off[c] = (uint16_t)k;
		for (size_t j = 0; j < n; j++)
			if (first_cp(tab[j].lit) == c)
				ix->at[k++] = (uint16_t)j;
	}
	ix->off[ASCII_LISTS] = (uint16_t)k;
	for (size_t j = 0; j < n; j++) {
		int32_t c = first_cp(tab[j].lit);
		ix->linear |= c == ' ';
		if (c < ASCII_LISTS)
			continue;
		/* insertion by code point; equal ones keep the table's order */
		size_t m = ix->ncp++;
		while (m > 0 && ix->cp[m - 1] > c) {
			ix->cp[m] = ix->cp[m - 1];
			ix->cat[m] = ix->cat[m - 1];
			m--;
		}
		ix->cp[m] = c;
		ix->cat[m] = (uint16_t)j;
	}
	return ix;
}

/* tab's index: a thread's own slots first, then the shared ones (made
 * under the lock, and never freed: the tables are static); NULL when the
 * slots are full. */
static const tab_index *index_of(const nz_word *tab)
{
	static _Thread_local const tab_index *mine[INDEX_SLOTS];
	size_t h = ((uintptr_t)tab >> 4) % INDEX_SLOTS;
	for (size_t k = 0; k < INDEX_SLOTS; k++) {
		const tab_index *ix = mine[(h + k) % INDEX_SLOTS];
		if (ix && ix->tab == tab)
			return ix;
		if (!ix)
			break;
	}
	pthread_mutex_lock(&index_lock);
	size_t s = h, probes = 0;
	while (indexes[s] && indexes[s]->tab != tab && ++probes < INDEX_SLOTS)
		s = (s + 1) % INDEX_SLOTS;
	if (probes == INDEX_SLOTS) {
		/* More tables than slots (there are about 35): tried in full. */
		pthread_mutex_unlock(&index_lock);
		return NULL;
	}
	if (!indexes[s])
		indexes[s] = index_new(tab);
	const tab_index *ix = indexes[s];
	pthread_mutex_unlock(&index_lock);
	for (size_t k = 0; k < INDEX_SLOTS; k++)
		if (!mine[(h + k) % INDEX_SLOTS]) {
			mine[(h + k) % INDEX_SLOTS] = ix;
			break;
		}
	return ix;
}

/* The entries of ix that start with code point c, the text's at i (whose
 * first byte is b): [*k, *end) of *list. */
static const uint16_t *candidates(const tab_index *ix, int32_t c, unsigned char b, size_t *k,
				  size_t *end)
{
	*k = *end = 0;
	if (c < 0 || (b >= 0x80 && c < ASCII_LISTS))
		return ix->at; /* no entry starts with a code point that folds to ASCII */
	if (c < ASCII_LISTS) {
		*k = ix->off[c];
		*end = ix->off[c + 1];
		return ix->at;
	}
	size_t lo = 0, hi = ix->ncp;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ix->cp[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	*k = *end = lo;
	while (*end < ix->ncp && ix->cp[*end] == c)
		(*end)++;
	return ix->cat;
}

static const nz_word *table(const nz_text *t, size_t i, const nz_word *tab,
			    size_t *end, bool digit_ok)
{
	const nz_word *best = NULL;
	size_t best_end = 0;
	if (i >= t->n)
		return NULL;
	const tab_index *ix = index_of(tab);
	size_t k = 0, last = 0, len;
	const uint16_t *list = NULL;
	if (ix && !ix->linear)
		list = candidates(ix, nz_cp(t, i, &len), (unsigned char)t->s[i], &k, &last);
	else
		while (tab[last].lit)
			last++;
	for (; k < last; k++) {
		const nz_word *w = &tab[list ? list[k] : k];
		if (!(w->loc & t->loc))
			continue;
		size_t e = lit_match(t, i, w->lit, digit_ok);
		if (e > best_end) {
			best = w;
			best_end = e;
		}
	}
	if (best)
		*end = best_end;
	return best;
}

const nz_word *nz_table(const nz_text *t, size_t i, const nz_word *tab,
			size_t *end)
{
	return table(t, i, tab, end, false);
}

const nz_word *nz_table_glued(const nz_text *t, size_t i, const nz_word *tab,
			      size_t *end)
{
	return table(t, i, tab, end, true);
}

const nz_word *nz_table_ws(const nz_text *t, size_t i, const nz_word *tab,
			   size_t *end)
{
	return nz_table(t, nz_ws(t, i), tab, end);
}

bool nz_word_start(const nz_text *t, size_t i)
{
	size_t len, pstart;
	int32_t cp = nz_cp(t, i, &len);
	if (cp < 0 || nz_is_space(cp))
		return false;
	int32_t prev = nz_cp_before(t, i, &pstart);
	if (nz_is_thai(cp)) {
		/* Not on a vowel or mark that continues a syllable, nor right
		 * after a leading vowel (เ แ โ ใ ไ) that begins one. */
		return !nz_is_thai_tail(cp) && !(prev >= 0x0E40 && prev <= 0x0E44);
	}
	if (prev < 0)
		return true;
	/* "of$1499": a currency symbol starts a value even glued to a word */
	if (cp >= 0x80 ? utf8proc_category(cp) == UTF8PROC_CATEGORY_SC : cp == '$')
		return true;
	if (nz_is_word(prev))
		return false;
	bool digit = nz_digit(t, i, &len) >= 0;
	if (digit || cp == '.' || cp == ',') {
		/* "#12345", "+84 ...", the "5" of "1.5", "3-5", "24/7", "8:30",
		 * "COVID-19". */
		if (prev == '#' || prev == '+' || prev == '@')
			return false;
		if (prev == '.' || prev == ',' || prev == ':' || prev == '/' || prev == '-') {
			int32_t pp = nz_cp_before(t, pstart, NULL);
			if (nz_is_word(pp) || (pp >= 0x0E50 && pp <= 0x0E59))
				return false;
		}
	}
	return true;
}

bool nz_prev_word_in(const nz_text *t, size_t i, const char *const *words)
{
	return nz_prev_word(t, i, words) != (size_t)-1;
}

size_t nz_prev_word(const nz_text *t, size_t i, const char *const *words)
{
	size_t e = i, s;
	for (;;) {
		int32_t cp = nz_cp_before(t, e, &s);
		if (cp == '\n')
			return (size_t)-1; /* a line (cell, item, <br>) of its own */
		if (!nz_is_space(cp))
			break;
		e = s;
	}
	size_t b = e;
	for (;;) {
		int32_t cp = nz_cp_before(t, b, &s);
		if (!nz_is_word(cp))
			break;
		b = s;
	}
	if (b == e)
		return (size_t)-1;
	for (const char *const *w = words; *w; w++)
		if (nz_lit(t, b, *w) == e)
			return b;
	return (size_t)-1;
}

bool nz_near(const nz_text *t, size_t i, size_t window, const char *lit)
{
	if (i >= t->n)
		return false;
	size_t n = t->n - i < window ? t->n - i : window;
	return memmem(t->s + i, n, lit, strlen(lit)) != NULL;
}
