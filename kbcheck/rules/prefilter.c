/* prefilter.c - one Aho-Corasick automaton over the literals the rule
 * patterns need (prefilter_needs.c), and the scan of a text with it; see
 * prefilter.h. */
#include "prefilter.h"

#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/text.h"
#include "prefilter_needs.h"

/* ---- the automaton ---- */

typedef struct {
	const char *pattern;
	const char **lits; /* folded needed strings; NULL: always run */
	size_t nlits;
} entry;

struct kb_prefilter {
	kb_arena *a;
	entry *e;
	size_t n, cap;
	/* Built: byte classes, the DFA, and the patterns each state reports. */
	unsigned char cls[256];
	int ncls;
	uint32_t *delta; /* state * ncls + class -> state */
	/* Or the same in 16 bits, when the states fit (the shipped packs'
	 * do; delta is then NULL): the table a scan walks is half as large
	 * (megabytes: the caches miss less). */
	uint16_t *delta16;
	uint32_t *out_off, *out_len;
	uint32_t *outs;  /* pattern ids */
	size_t nstates;
	uint64_t *always; /* bit set of patterns without needs */
	size_t nwords, nalways;
};

kb_prefilter *kb_prefilter_new(void)
{
	kb_prefilter *pf = calloc(1, sizeof *pf);
	if (!pf)
		abort();
	pf->a = kb_arena_new();
	return pf;
}

void kb_prefilter_free(kb_prefilter *pf)
{
	if (!pf)
		return;
	free(pf->e);
	free(pf->delta);
	free(pf->delta16);
	free(pf->out_off);
	free(pf->out_len);
	free(pf->outs);
	free(pf->always);
	kb_arena_free(pf->a);
	free(pf);
}

int kb_prefilter_add(kb_prefilter *pf, const char *pattern)
{
	if (pf->n == pf->cap) {
		pf->cap = pf->cap ? pf->cap * 2 : 256;
		pf->e = realloc(pf->e, pf->cap * sizeof *pf->e);
		if (!pf->e)
			abort();
	}
	entry *e = &pf->e[pf->n];
	e->pattern = kb_strdup(pf->a, pattern);
	e->lits = kb_prefilter_needs(pf->a, e->pattern, &e->nlits);
	return (int)pf->n++;
}

size_t kb_prefilter_npatterns(const kb_prefilter *pf) { return pf->n; }
size_t kb_prefilter_nalways(const kb_prefilter *pf) { return pf->nalways; }

const char *const *kb_prefilter_literals(const kb_prefilter *pf, int id, size_t *n)
{
	*n = pf->e[id].nlits;
	return pf->e[id].lits;
}

/* The trie while building: a child per byte class (the DFA is made in
 * place), the failure link and the patterns ending at each state. */
typedef struct {
	uint32_t *child;
	int ncls;
	uint32_t *fail;
	uint32_t **own;
	size_t *nown;
	size_t n, cap;
} trie;

static uint32_t trie_new_state(trie *t)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->child = realloc(t->child, t->cap * (size_t)t->ncls * sizeof *t->child);
		t->fail = realloc(t->fail, t->cap * sizeof *t->fail);
		t->own = realloc(t->own, t->cap * sizeof *t->own);
		t->nown = realloc(t->nown, t->cap * sizeof *t->nown);
		if (!t->child || !t->fail || !t->own || !t->nown)
			abort();
	}
	memset(t->child + t->n * (size_t)t->ncls, 0, (size_t)t->ncls * sizeof *t->child);
	t->fail[t->n] = 0;
	t->own[t->n] = NULL;
	t->nown[t->n] = 0;
	return (uint32_t)t->n++;
}

static void own_add(trie *t, uint32_t s, uint32_t id)
{
	for (size_t i = 0; i < t->nown[s]; i++)
		if (t->own[s][i] == id)
			return;
	t->own[s] = realloc(t->own[s], (t->nown[s] + 1) * sizeof **t->own);
	if (!t->own[s])
		abort();
	t->own[s][t->nown[s]++] = id;
}

void kb_prefilter_build(kb_prefilter *pf)
{
	free(pf->delta);
	free(pf->delta16);
	pf->delta16 = NULL;
	free(pf->out_off);
	free(pf->out_len);
	free(pf->outs);
	free(pf->always);
	pf->nwords = (pf->n + 63) / 64 + 1;
	pf->always = calloc(pf->nwords, sizeof *pf->always);
	if (!pf->always)
		abort();
	pf->nalways = 0;
	/* Byte classes first: the bytes no literal has all behave alike
	 * (class 0: back to the root), so the DFA is ncls wide, not 256. */
	memset(pf->cls, 0, sizeof pf->cls);
	int ncls = 1;
	for (size_t i = 0; i < pf->n; i++)
		for (size_t k = 0; k < pf->e[i].nlits; k++)
			for (const unsigned char *b = (const unsigned char *)pf->e[i].lits[k]; *b; b++)
				if (!pf->cls[*b])
					pf->cls[*b] = (unsigned char)ncls++;
	pf->ncls = ncls;
	trie t = {.ncls = ncls};
	trie_new_state(&t);
	for (size_t i = 0; i < pf->n; i++) {
		const entry *e = &pf->e[i];
		if (!e->lits) {
			pf->always[i >> 6] |= UINT64_C(1) << (i & 63);
			pf->nalways++;
			continue;
		}
		for (size_t k = 0; k < e->nlits; k++) {
			uint32_t st = 0;
			for (const unsigned char *b = (const unsigned char *)e->lits[k]; *b; b++) {
				uint32_t *slot = &t.child[st * (size_t)ncls + pf->cls[*b]];
				if (!*slot) {
					uint32_t nx = trie_new_state(&t);
					slot = &t.child[st * (size_t)ncls + pf->cls[*b]];
					*slot = nx;
				}
				st = *slot;
			}
			own_add(&t, st, (uint32_t)i);
		}
	}
	/* Breadth first: failure links, and the missing transitions filled
	 * in from them (the trie becomes the DFA). */
	uint32_t *queue = malloc((t.n ? t.n : 1) * sizeof *queue);
	if (!queue)
		abort();
	size_t qh = 0, qt = 0;
	for (int c = 1; c < ncls; c++)
		if (t.child[c])
			queue[qt++] = t.child[c];
	while (qh < qt) {
		uint32_t st = queue[qh++];
		uint32_t *row = t.child + st * (size_t)ncls;
		const uint32_t *frow = t.child + t.fail[st] * (size_t)ncls;
		for (int c = 1; c < ncls; c++) {
			if (row[c]) {
				t.fail[row[c]] = frow[c];
				queue[qt++] = row[c];
			} else {
				row[c] = frow[c];
			}
		}
	}
	pf->delta = t.child;
	/* Outputs: a state reports its own patterns and its failure chain's
	 * (computed in BFS order, so the chain's are ready). */
	pf->out_off = calloc(t.n, sizeof *pf->out_off);
	pf->out_len = calloc(t.n, sizeof *pf->out_len);
	size_t cap = 1024, used = 0;
	pf->outs = malloc(cap * sizeof *pf->outs);
	if (!pf->out_off || !pf->out_len || !pf->outs)
		abort();
	for (size_t k = 0; k <= qt; k++) {
		uint32_t st = k == 0 ? 0 : queue[k - 1];
		uint32_t f = t.fail[st];
		size_t need = t.nown[st] + (st ? pf->out_len[f] : 0);
		if (used + need > cap) {
			while (used + need > cap)
				cap *= 2;
			pf->outs = realloc(pf->outs, cap * sizeof *pf->outs);
			if (!pf->outs)
				abort();
		}
		pf->out_off[st] = (uint32_t)used;
		for (size_t i = 0; i < t.nown[st]; i++)
			pf->outs[used++] = t.own[st][i];
		if (st)
			for (size_t i = 0; i < pf->out_len[f]; i++) {
				uint32_t id = pf->outs[pf->out_off[f] + i];
				bool dup = false;
				for (size_t j = pf->out_off[st]; j < used && !dup; j++)
					dup = pf->outs[j] == id;
				if (!dup)
					pf->outs[used++] = id;
			}
		pf->out_len[st] = (uint32_t)(used - pf->out_off[st]);
	}
	pf->nstates = t.n;
	if (t.n <= UINT16_MAX + 1) {
		size_t cells = t.n * (size_t)ncls;
		pf->delta16 = malloc(cells * sizeof *pf->delta16);
		if (!pf->delta16)
			abort();
		for (size_t i = 0; i < cells; i++)
			pf->delta16[i] = (uint16_t)pf->delta[i];
		free(pf->delta);
		pf->delta = NULL;
	}
	free(queue);
	for (size_t i = 0; i < t.n; i++)
		free(t.own[i]);
	free(t.own);
	free(t.nown);
	free(t.fail);
}

kb_prefilter_hits *kb_prefilter_hits_new(const kb_prefilter *pf)
{
	kb_prefilter_hits *h = calloc(1, sizeof *h);
	if (!h)
		abort();
	h->nwords = pf->nwords ? pf->nwords : 1;
	h->bits = calloc(h->nwords, sizeof *h->bits);
	if (!h->bits)
		abort();
	return h;
}

void kb_prefilter_hits_free(kb_prefilter_hits *h)
{
	if (!h)
		return;
	free(h->bits);
	free(h);
}

static inline uint32_t step(const kb_prefilter *pf, kb_prefilter_hits *h, uint32_t s,
			    unsigned char b, bool narrow)
{
	size_t cell = (size_t)s * (size_t)pf->ncls + pf->cls[b];
	s = narrow ? pf->delta16[cell] : pf->delta[cell];
	uint32_t n = pf->out_len[s];
	if (n) {
		const uint32_t *o = pf->outs + pf->out_off[s];
		for (uint32_t i = 0; i < n; i++)
			h->bits[o[i] >> 6] |= UINT64_C(1) << (o[i] & 63);
	}
	return s;
}

/* The scan, with the 16-bit table or the 32-bit one (narrow is a
 * constant in each call: the compiler makes two loops). */
static inline void scan(const kb_prefilter *pf, kb_prefilter_hits *h, const char *s, size_t n,
			bool narrow)
{
	uint32_t st = 0;
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		unsigned char c = *p;
		if (c < 0x80) {
			st = step(pf, h, st, (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c),
				  narrow);
			p++;
			continue;
		}
		/* Thai (E0 B8..B9 xx) has no case: its bytes go as they are. */
		if (c == 0xE0 && end - p >= 3 && (p[1] == 0xB8 || p[1] == 0xB9)) {
			st = step(pf, h, st, p[0], narrow);
			st = step(pf, h, st, p[1], narrow);
			st = step(pf, h, st, p[2], narrow);
			p += 3;
			continue;
		}
		int32_t cp;
		size_t k = kb_utf8_next((const char *)p, (size_t)(end - p), &cp);
		char buf[8];
		size_t m = cp < 0 ? 0 : kb_utf8_encode(kb_cp_fold(cp), buf);
		if (m == 0) {
			for (size_t i = 0; i < k; i++)
				st = step(pf, h, st, p[i], narrow);
		} else {
			for (size_t i = 0; i < m; i++)
				st = step(pf, h, st, (unsigned char)buf[i], narrow);
		}
		p += k;
	}
}

void kb_prefilter_scan(const kb_prefilter *pf, kb_prefilter_hits *h, const char *s, size_t n)
{
	memcpy(h->bits, pf->always, h->nwords * sizeof *h->bits);
	if (pf->delta16)
		scan(pf, h, s, n, true);
	else if (pf->delta)
		scan(pf, h, s, n, false);
}
