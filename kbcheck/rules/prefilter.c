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

/* The compact table: up to 2^15 states (the top bit of a 16-bit state
 * says it reports patterns); a full row for the states up to this deep. */
enum { COMPACT_STATES = 1 << 15, COMPACT_OUT = 1 << 15, DENSE_DEPTH = 4 };

/* Needs of a pattern asked of the text besides its literals. */
enum { MAX_MORE = 3 };

typedef struct {
	const char *pattern;
	const char **lits; /* folded needed strings; NULL: always run */
	size_t nlits;
	/* Further needs (NULL-terminated): a string of each is in every
	 * match too.  Each is found as a conjunct of its own. */
	const char **more[MAX_MORE];
	size_t nmore;
} entry;

struct kb_prefilter {
	kb_arena *a;
	entry *e;
	size_t n, cap;
	/* Built: byte classes, the DFA, and the patterns each state reports. */
	unsigned char cls[256];
	int ncls;
	uint32_t *delta; /* state * ncls + class -> state */
	/* Or, when the states fit in 15 bits (the shipped packs' do; delta
	 * is then NULL), a smaller table that the caches hold (the full one
	 * is megabytes, and a scan missed the caches at most bytes): states
	 * numbered breadth first, a state as its number with the top bit set
	 * when it reports patterns; the shallow states (nearly all a scan is
	 * in) with a full row, dense[state * ncls + class], the deeper ones
	 * with only their own children (the bytes that go on a literal) and
	 * their failure link, where any other byte goes as from there. */
	uint16_t *dense;
	uint32_t ndense;
	uint16_t *sfail;   /* deeper state - ndense -> its failure link */
	uint32_t *edge_off; /* and its children: edge_*[edge_off[k]..edge_off[k + 1]) */
	unsigned char *edge_cls;
	uint16_t *edge_to;
	uint32_t *out_off, *out_len;
	uint32_t *outs;  /* pattern ids */
	size_t nstates;
	uint64_t *always; /* bit set of patterns without needs */
	uint32_t *always_ids; /* and their ids */
	/* Pattern i's conjuncts (its further needs) are conj[conj_off[i]..
	 * conj_off[i + 1]), ids after the patterns'. */
	uint32_t *conj_off, *conj;
	size_t nwords, nalways, npatterns; /* npatterns: with the conjuncts */
};

static void free_compact(kb_prefilter *pf)
{
	free(pf->dense);
	free(pf->sfail);
	free(pf->edge_off);
	free(pf->edge_cls);
	free(pf->edge_to);
	pf->dense = pf->sfail = pf->edge_to = NULL;
	pf->edge_off = NULL;
	pf->edge_cls = NULL;
}

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
	free_compact(pf);
	free(pf->out_off);
	free(pf->out_len);
	free(pf->outs);
	free(pf->always);
	free(pf->always_ids);
	free(pf->conj_off);
	free(pf->conj);
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
	e->lits = kb_prefilter_needs_all(pf->a, e->pattern, &e->nlits, e->more, &e->nmore, MAX_MORE);
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

static void build_compact(kb_prefilter *pf, const trie *t, const uint32_t *queue,
			  const uint32_t *eoff, const unsigned char *ecls, const uint32_t *eto);

void kb_prefilter_build(kb_prefilter *pf)
{
	free(pf->delta);
	free_compact(pf);
	free(pf->out_off);
	free(pf->out_len);
	free(pf->outs);
	free(pf->always);
	free(pf->always_ids);
	free(pf->conj_off);
	free(pf->conj);
	/* Conjuncts are numbered after the patterns. */
	size_t nconj = 0;
	for (size_t i = 0; i < pf->n; i++)
		nconj += pf->e[i].nmore;
	pf->conj_off = malloc((pf->n + 1) * sizeof *pf->conj_off);
	pf->conj = malloc((nconj + 1) * sizeof *pf->conj);
	if (!pf->conj_off || !pf->conj)
		abort();
	for (size_t i = 0, k = 0; i < pf->n; i++) {
		pf->conj_off[i] = (uint32_t)k;
		for (size_t j = 0; j < pf->e[i].nmore; j++, k++)
			pf->conj[k] = (uint32_t)(pf->n + k);
	}
	pf->conj_off[pf->n] = (uint32_t)nconj;
	pf->npatterns = pf->n + nconj;
	pf->nwords = (pf->npatterns + 63) / 64 + 1;
	pf->always = calloc(pf->nwords, sizeof *pf->always);
	pf->always_ids = malloc((pf->n + 1) * sizeof *pf->always_ids);
	if (!pf->always || !pf->always_ids)
		abort();
	pf->nalways = 0;
	/* Byte classes first: the bytes no literal has all behave alike
	 * (class 0: back to the root), so the DFA is ncls wide, not 256. */
	memset(pf->cls, 0, sizeof pf->cls);
	int ncls = 1;
	for (size_t i = 0; i < pf->n; i++)
		for (size_t j = 0; j <= pf->e[i].nmore; j++) {
			const char **l = j ? pf->e[i].more[j - 1] : pf->e[i].lits;
			for (size_t k = 0; l && l[k]; k++)
				for (const unsigned char *b = (const unsigned char *)l[k]; *b; b++)
					if (!pf->cls[*b])
						pf->cls[*b] = (unsigned char)ncls++;
		}
	pf->ncls = ncls;
	trie t = {.ncls = ncls};
	trie_new_state(&t);
	for (size_t i = 0; i < pf->n; i++) {
		const entry *e = &pf->e[i];
		if (!e->lits) {
			pf->always[i >> 6] |= UINT64_C(1) << (i & 63);
			pf->always_ids[pf->nalways++] = (uint32_t)i;
			continue;
		}
		for (size_t j = 0; j <= e->nmore; j++) {
			const char **l = j ? e->more[j - 1] : e->lits;
			uint32_t id = j ? pf->conj[pf->conj_off[i] + j - 1] : (uint32_t)i;
			for (size_t k = 0; l[k]; k++) {
				uint32_t st = 0;
				for (const unsigned char *b = (const unsigned char *)l[k]; *b; b++) {
					uint32_t *slot = &t.child[st * (size_t)ncls + pf->cls[*b]];
					if (!*slot) {
						uint32_t nx = trie_new_state(&t);
						slot = &t.child[st * (size_t)ncls + pf->cls[*b]];
						*slot = nx;
					}
					st = *slot;
				}
				own_add(&t, st, id);
			}
		}
	}
	/* The trie's own edges (the compact table keeps them). */
	uint32_t *eoff = calloc(t.n + 1, sizeof *eoff);
	if (!eoff)
		abort();
	for (size_t st = 0; st < t.n; st++)
		for (int c = 1; c < ncls; c++)
			eoff[st + 1] += t.child[st * (size_t)ncls + c] != 0;
	for (size_t st = 0; st < t.n; st++)
		eoff[st + 1] += eoff[st];
	unsigned char *ecls = malloc(eoff[t.n] + 1);
	uint32_t *eto = malloc((eoff[t.n] + 1) * sizeof *eto);
	if (!ecls || !eto)
		abort();
	for (size_t st = 0, k = 0; st < t.n; st++)
		for (int c = 1; c < ncls; c++)
			if (t.child[st * (size_t)ncls + c]) {
				ecls[k] = (unsigned char)c;
				eto[k++] = t.child[st * (size_t)ncls + c];
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
	if (t.n <= COMPACT_STATES)
		build_compact(pf, &t, queue, eoff, ecls, eto);
	free(eoff);
	free(ecls);
	free(eto);
	free(queue);
	for (size_t i = 0; i < t.n; i++)
		free(t.own[i]);
	free(t.own);
	free(t.nown);
	free(t.fail);
}

/* The compact table (struct kb_prefilter) from the DFA in pf->delta, the
 * trie t (failure links), its states in breadth-first order (queue: all
 * but the root) and its own edges (eoff, ecls, eto); pf->delta goes. */
static void build_compact(kb_prefilter *pf, const trie *t, const uint32_t *queue,
			  const uint32_t *eoff, const unsigned char *ecls, const uint32_t *eto)
{
	size_t n = t->n, ncls = (size_t)pf->ncls;
	uint32_t *order = malloc(n * sizeof *order), *num = malloc(n * sizeof *num);
	unsigned char *depth = calloc(n, 1);
	uint16_t *ref = malloc(n * sizeof *ref);
	if (!order || !num || !depth || !ref)
		abort();
	order[0] = 0;
	memcpy(order + 1, queue, (n - 1) * sizeof *order);
	for (size_t i = 0; i < n; i++) {
		uint32_t st = order[i];
		num[st] = (uint32_t)i;
		for (uint32_t k = eoff[st]; k < eoff[st + 1]; k++)
			depth[eto[k]] = depth[st] < DENSE_DEPTH ? depth[st] + 1 : DENSE_DEPTH + 1;
	}
	for (size_t st = 0; st < n; st++)
		ref[st] = (uint16_t)(num[st] | (pf->out_len[st] ? COMPACT_OUT : 0));
	uint32_t nd = 0;
	while (nd < n && depth[order[nd]] <= DENSE_DEPTH)
		nd++;
	pf->ndense = nd;
	pf->dense = malloc(nd * ncls * sizeof *pf->dense);
	pf->sfail = malloc((n - nd + 1) * sizeof *pf->sfail);
	pf->edge_off = malloc((n - nd + 1) * sizeof *pf->edge_off);
	pf->edge_cls = malloc(eoff[n] + 1);
	pf->edge_to = malloc((eoff[n] + 1) * sizeof *pf->edge_to);
	if (!pf->dense || !pf->sfail || !pf->edge_off || !pf->edge_cls || !pf->edge_to)
		abort();
	for (uint32_t i = 0; i < nd; i++)
		for (size_t c = 0; c < ncls; c++)
			pf->dense[i * ncls + c] = ref[pf->delta[order[i] * ncls + c]];
	uint32_t e = 0;
	for (size_t i = nd; i < n; i++) {
		uint32_t st = order[i];
		pf->sfail[i - nd] = ref[t->fail[st]];
		pf->edge_off[i - nd] = e;
		for (uint32_t k = eoff[st]; k < eoff[st + 1]; k++, e++) {
			pf->edge_cls[e] = ecls[k];
			pf->edge_to[e] = ref[eto[k]];
		}
	}
	pf->edge_off[n - nd] = e;
	/* The outputs by the new numbers. */
	uint32_t *off = malloc(n * sizeof *off), *len = malloc(n * sizeof *len);
	if (!off || !len)
		abort();
	for (size_t st = 0; st < n; st++) {
		off[num[st]] = pf->out_off[st];
		len[num[st]] = pf->out_len[st];
	}
	free(pf->out_off);
	free(pf->out_len);
	pf->out_off = off;
	pf->out_len = len;
	free(pf->delta);
	pf->delta = NULL;
	free(order);
	free(num);
	free(depth);
	free(ref);
}

kb_prefilter_hits *kb_prefilter_hits_new(const kb_prefilter *pf)
{
	kb_prefilter_hits *h = calloc(1, sizeof *h);
	if (!h)
		abort();
	h->nwords = pf->nwords ? pf->nwords : 1;
	h->bits = calloc(h->nwords, sizeof *h->bits);
	h->conj_off = pf->conj_off;
	h->conj = pf->conj;
	h->first = malloc((pf->npatterns + 1) * sizeof *h->first);
	h->last = malloc((pf->npatterns + 1) * sizeof *h->last);
	if (!h->bits || !h->first || !h->last)
		abort();
	return h;
}

void kb_prefilter_hits_free(kb_prefilter_hits *h)
{
	if (!h)
		return;
	free(h->bits);
	free(h->first);
	free(h->last);
	free(h);
}

/* The patterns of outputs o[0..n) were found, their literals ending at
 * byte end of the text. */
static void found(kb_prefilter_hits *h, const uint32_t *o, uint32_t n, uint32_t end)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t id = o[i];
		uint64_t bit = UINT64_C(1) << (id & 63);
		if (!(h->bits[id >> 6] & bit)) {
			h->bits[id >> 6] |= bit;
			h->first[id] = end;
		}
		h->last[id] = end;
	}
}

/* The compact table's state after state r (as the table holds it) on a
 * byte of class c. */
static inline uint32_t compact_next(const kb_prefilter *pf, uint32_t r, unsigned c)
{
	if (!c)
		return 0; /* a byte in no literal: back to the root */
	uint32_t s = r & ~(uint32_t)COMPACT_OUT;
	while (s >= pf->ndense) {
		uint32_t k = s - pf->ndense;
		for (uint32_t e = pf->edge_off[k]; e < pf->edge_off[k + 1]; e++)
			if (pf->edge_cls[e] == c)
				return pf->edge_to[e];
		s = pf->sfail[k] & ~(uint32_t)COMPACT_OUT;
	}
	return pf->dense[(size_t)s * (size_t)pf->ncls + c];
}

/* One byte b of the text, of the character that ends at byte end. */
static inline uint32_t step(const kb_prefilter *pf, kb_prefilter_hits *h, uint32_t s,
			    unsigned char b, bool narrow, size_t end)
{
	if (narrow) {
		s = compact_next(pf, s, pf->cls[b]);
		if (s & COMPACT_OUT) {
			uint32_t st = s & ~(uint32_t)COMPACT_OUT;
			found(h, pf->outs + pf->out_off[st], pf->out_len[st], (uint32_t)end);
		}
		return s;
	}
	s = pf->delta[(size_t)s * (size_t)pf->ncls + pf->cls[b]];
	uint32_t n = pf->out_len[s];
	if (n)
		found(h, pf->outs + pf->out_off[s], n, (uint32_t)end);
	return s;
}

/* The scan, with the compact table or the 32-bit one (narrow is a
 * constant in each call: the compiler makes two loops). */
static inline void scan(const kb_prefilter *pf, kb_prefilter_hits *h, const char *s, size_t n,
			bool narrow)
{
	uint32_t st = 0;
	const unsigned char *b = (const unsigned char *)s, *p = b, *end = p + n;
	while (p < end) {
		unsigned char c = *p;
		size_t at = (size_t)(p - b);
		if (c < 0x80) {
			st = step(pf, h, st, (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c),
				  narrow, at + 1);
			p++;
			continue;
		}
		/* Thai (E0 B8..B9 xx) has no case: its bytes go as they are. */
		if (c == 0xE0 && end - p >= 3 && (p[1] == 0xB8 || p[1] == 0xB9)) {
			st = step(pf, h, st, p[0], narrow, at + 3);
			st = step(pf, h, st, p[1], narrow, at + 3);
			st = step(pf, h, st, p[2], narrow, at + 3);
			p += 3;
			continue;
		}
		int32_t cp;
		size_t k = kb_utf8_next((const char *)p, (size_t)(end - p), &cp);
		char buf[8];
		size_t m = cp < 0 ? 0 : kb_utf8_encode(kb_cp_fold(cp), buf);
		/* A literal ends where the character it ends in does. */
		if (m == 0) {
			for (size_t i = 0; i < k; i++)
				st = step(pf, h, st, p[i], narrow, at + i + 1);
		} else {
			for (size_t i = 0; i < m; i++)
				st = step(pf, h, st, (unsigned char)buf[i], narrow, at + k);
		}
		p += k;
	}
}

void kb_prefilter_scan(const kb_prefilter *pf, kb_prefilter_hits *h, const char *s, size_t n)
{
	memcpy(h->bits, pf->always, h->nwords * sizeof *h->bits);
	for (size_t i = 0; i < pf->nalways; i++) {
		h->first[pf->always_ids[i]] = 0;
		h->last[pf->always_ids[i]] = KB_PREFILTER_ANYWHERE;
	}
	if (pf->dense)
		scan(pf, h, s, n, true);
	else if (pf->delta)
		scan(pf, h, s, n, false);
	/* Offsets past 32 bits (never a unit's text): no place is known. */
	if (n >= KB_PREFILTER_ANYWHERE)
		for (size_t i = 0; i < pf->npatterns; i++) {
			h->first[i] = 0;
			h->last[i] = KB_PREFILTER_ANYWHERE;
		}
}
