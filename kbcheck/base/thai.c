/* thai.c - Thai word boundaries from libthai (see thai.h).
 *
 * libthai segments TIS-620 or wide-character text with its dictionary
 * (libthai-data's thbrk.tri, a libdatrie trie of code points).  Each run
 * of Thai letters of the UTF-8 text goes to th_brk_wc_find_breaks as code
 * points; the segments between the breaks it gives (code point indexes in
 * the run) are mapped back to byte offsets of the text.  Where a word is
 * missing from the dictionary (a loanword: "แชท", chat) libthai still
 * cuts somewhere ("ตอบ|แช|ททุกวัน"); only segments that the dictionary
 * holds are kept as words.
 */
#include "thai.h"

#include <datrie/trie.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <thai/thbrk.h>
#include <thai/thwbrk.h>

#include "text.h"

/* Where libthai looks for its dictionary when given no path. */
#define THAI_DICT_DIR "/usr/share/libthai"

struct kb_thai {
	ThBrk *brk;
	Trie *dict;
	/* One run at a time: its code points (NUL-terminated), the byte
	 * offset of each and of its end, the breaks found, a key. */
	thwchar_t *w;
	size_t *off;
	int *pos;
	AlphaChar *key;
	size_t cap;
};

kb_thai *kb_thai_new(const char *dict)
{
	char path[4096];
	if (!dict) {
		const char *dir = getenv("LIBTHAI_DICTDIR");
		snprintf(path, sizeof path, "%s/thbrk.tri", dir && *dir ? dir : THAI_DICT_DIR);
		dict = path;
	}
	Trie *trie = trie_new_from_file(dict);
	ThBrk *brk = trie ? th_brk_new(dict) : NULL;
	if (!brk) {
		if (trie)
			trie_free(trie);
		return NULL;
	}
	kb_thai *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	t->brk = brk;
	t->dict = trie;
	return t;
}

void kb_thai_free(kb_thai *t)
{
	if (!t)
		return;
	th_brk_delete(t->brk);
	trie_free(t->dict);
	free(t->w);
	free(t->off);
	free(t->pos);
	free(t->key);
	free(t);
}

bool kb_thai_available(void)
{
	static int known; /* 0: not asked; 1: yes; 2: no */
	if (!known) {
		kb_thai *t = kb_thai_new(NULL);
		known = t ? 1 : 2;
		kb_thai_free(t);
	}
	return known == 1;
}

/* Letters, vowels and tone marks of the Thai block: not its digits, the
 * baht sign, ฯ (an abbreviation's mark) or ๆ (a repetition's), which end
 * a word as punctuation does. */
static bool thai_letter(int32_t cp)
{
	return (cp >= 0x0E01 && cp <= 0x0E3A && cp != 0x0E2F) ||
	       (cp >= 0x0E40 && cp <= 0x0E4E && cp != 0x0E46);
}

static void reserve(kb_thai *t, size_t n)
{
	if (n <= t->cap)
		return;
	size_t c = t->cap ? t->cap : 64;
	while (c < n)
		c *= 2;
	t->w = realloc(t->w, c * sizeof *t->w);
	t->off = realloc(t->off, c * sizeof *t->off);
	t->pos = realloc(t->pos, c * sizeof *t->pos);
	t->key = realloc(t->key, c * sizeof *t->key);
	if (!t->w || !t->off || !t->pos || !t->key)
		abort();
	t->cap = c;
}

/* Is the run's w[a..b) a word of the dictionary? */
static bool in_dict(kb_thai *t, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		t->key[i - a] = (AlphaChar)t->w[i];
	t->key[b - a] = 0;
	return trie_retrieve(t->dict, t->key, NULL);
}

/* The words found so far (room for all: a word is two letters or more,
 * three bytes each). */
typedef struct {
	kb_thai_word *items;
	size_t n;
} words;

/* The words of the run s[from..to) of Thai letters, k code points. */
static void run_words(kb_thai *t, const char *s, size_t from, size_t to, size_t k, words *ws)
{
	reserve(t, k + 1);
	size_t i = 0;
	for (size_t p = from; p < to && i < k; i++) {
		int32_t cp;
		t->off[i] = p;
		p += kb_utf8_next(s + p, to - p, &cp);
		t->w[i] = (thwchar_t)cp;
	}
	t->off[i] = to;
	t->w[i] = 0;
	int nb = th_brk_wc_find_breaks(t->brk, t->w, t->pos, k);
	size_t a = 0;
	for (int b = 0; b <= nb; b++) {
		size_t e = b < nb ? (size_t)t->pos[b] : i;
		if (e <= a || e > i)
			continue;
		if (e - a > 1 && in_dict(t, a, e))
			ws->items[ws->n++] = (kb_thai_word){t->off[a], t->off[e]};
		a = e;
	}
}

/* The code point that ends at byte off of s (off > 0); *len its bytes. */
static int32_t cp_before_len(const char *s, size_t off, size_t *len)
{
	size_t b = off - 1;
	while (b > 0 && off - b < 4 && ((unsigned char)s[b] & 0xC0) == 0x80)
		b--;
	int32_t cp;
	*len = off - b;
	return kb_utf8_next(s + b, off - b, &cp) == off - b ? cp : -1;
}

static int32_t cp_before(const char *s, size_t off)
{
	size_t len;
	return cp_before_len(s, off, &len);
}

void kb_thai_run_at(const char *s, size_t n, size_t off, size_t *start, size_t *end)
{
	size_t a = off, len;
	while (a > 0 && thai_letter(cp_before_len(s, a, &len)))
		a -= len;
	size_t e = off;
	while (e < n) {
		int32_t cp;
		size_t k = kb_utf8_next(s + e, n - e, &cp);
		if (!thai_letter(cp))
			break;
		e += k;
	}
	*start = a;
	*end = e;
}

size_t kb_thai_run_words(kb_thai *t, const char *r, size_t n, kb_thai_word **out)
{
	return kb_thai_words(t, r, n, out);
}

size_t kb_thai_words(kb_thai *t, const char *s, size_t n, kb_thai_word **out)
{
	words ws = {malloc((n / 6 + 1) * sizeof *ws.items), 0};
	if (!ws.items)
		abort();
	size_t run = 0, k = 0; /* the current run's start and length */
	for (size_t p = 0; t && p <= n;) {
		int32_t cp = -1;
		size_t len = p < n ? kb_utf8_next(s + p, n - p, &cp) : 1;
		if (p < n && thai_letter(cp)) {
			if (!k)
				run = p;
			k++;
		} else {
			if (k > 1)
				run_words(t, s, run, p, k, &ws);
			k = 0;
		}
		p += len;
	}
	if (!ws.n) {
		free(ws.items);
		ws.items = NULL;
	}
	*out = ws.items;
	return ws.n;
}


bool kb_thai_between_letters(const char *s, size_t n, size_t off)
{
	if (off == 0 || off >= n)
		return false;
	int32_t after;
	kb_utf8_next(s + off, n - off, &after);
	return thai_letter(after) && thai_letter(cp_before(s, off));
}

bool kb_thai_inside_word(const kb_thai_word *w, size_t nw, size_t off)
{
	size_t lo = 0, hi = nw; /* the first word that ends after off */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nw && w[lo].start < off;
}
