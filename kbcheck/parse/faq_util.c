/* faq_util.c - unit assembly shared by the FAQ page parsers. */
#include "faq_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/hash.h"

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		abort(); /* as kb_alloc: no sane way to go on */
	return p;
}

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* ---- ids ---------------------------------------------------------------- */

static size_t id_slot(const kb_faq_ids *ids, const char *s)
{
	size_t mask = ids->cap - 1;
	size_t i = (size_t)kb_hash(KB_HASH_INIT, s, strlen(s)) & mask;
	while (ids->slot[i] && strcmp(ids->slot[i], s) != 0)
		i = (i + 1) & mask;
	return i;
}

static void id_insert(kb_faq_ids *ids, const char *s)
{
	if ((ids->n + 1) * 2 > ids->cap) {
		kb_faq_ids old = *ids;
		ids->cap = old.cap ? old.cap * 2 : 64;
		ids->slot = calloc(ids->cap, sizeof *ids->slot);
		if (!ids->slot)
			abort();
		for (size_t i = 0; i < old.cap; i++)
			if (old.slot[i])
				ids->slot[id_slot(ids, old.slot[i])] = old.slot[i];
		free(old.slot);
	}
	ids->slot[id_slot(ids, s)] = s;
	ids->n++;
}

static bool id_taken(const kb_faq_ids *ids, const char *s)
{
	return ids->cap && ids->slot[id_slot(ids, s)] != NULL;
}

const char *kb_faq_ids_take(kb_arena *a, kb_faq_ids *ids, const char *base)
{
	const char *id = base;
	for (int k = 2; id_taken(ids, id); k++)
		id = kb_sprintf(a, "%s-%d", base, k);
	if (id == base)
		id = kb_strdup(a, base);
	id_insert(ids, id);
	return id;
}

void kb_faq_ids_free(kb_faq_ids *ids)
{
	free(ids->slot);
	memset(ids, 0, sizeof *ids);
}

/* ---- heading path --------------------------------------------------------- */

void kb_faq_headings_open(kb_faq_headings *h, int level, const char *text)
{
	while (h->n && h->item[h->n - 1].level >= level)
		h->n--;
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 8;
		h->item = xrealloc(h->item, h->cap * sizeof *h->item);
	}
	h->item[h->n++] = (kb_faq_heading){level, text ? text : ""};
}

const char *const *kb_faq_headings_path(const kb_faq_headings *h, kb_arena *a,
					bool skip_last, size_t *n)
{
	size_t k = h->n;
	if (skip_last && k)
		k--;
	*n = k;
	if (!k)
		return NULL;
	const char **p = KB_NEWN(a, const char *, k);
	for (size_t i = 0; i < k; i++)
		p[i] = h->item[i].text;
	return p;
}

void kb_faq_headings_free(kb_faq_headings *h)
{
	free(h->item);
	memset(h, 0, sizeof *h);
}

/* ---- suppression comments ------------------------------------------------ */

static void topics_push(kb_faq_topics *t, const char *s)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->item[i], s) == 0)
			return;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 4;
		t->item = xrealloc(t->item, t->cap * sizeof *t->item);
	}
	t->item[t->n++] = s;
}

bool kb_faq_topics_parse(kb_faq_topics *t, kb_arena *a, const char *c, size_t n)
{
	static const char key[] = "kbcheck-disable";
	const size_t klen = sizeof key - 1;
	size_t i = 0;
	if (n >= 4 && memcmp(c, "<!--", 4) == 0)
		i = 4;
	while (i < n && is_ws((unsigned char)c[i]))
		i++;
	if (n - i < klen || memcmp(c + i, key, klen) != 0)
		return false;
	i += klen;
	/* "kbcheck-disable-next-line" and friends are not this directive. */
	if (i < n && !is_ws((unsigned char)c[i]) && c[i] != '-')
		return false;
	if (i < n && c[i] == '-' && !(n - i >= 3 && memcmp(c + i, "-->", 3) == 0))
		return false;
	size_t before = t->n;
	while (i < n) {
		while (i < n && (is_ws((unsigned char)c[i]) || c[i] == ','))
			i++;
		/* "-->" ends the comment, "--" starts a free-text reason. */
		if (i + 1 < n && c[i] == '-' && c[i + 1] == '-')
			break;
		size_t j = i;
		while (j < n && !is_ws((unsigned char)c[j]) && c[j] != ',' &&
		       !(j + 1 < n && c[j] == '-' && c[j + 1] == '-'))
			j++;
		if (j > i)
			topics_push(t, kb_strndup(a, c + i, j - i));
		i = j;
	}
	if (t->n == before)
		topics_push(t, "*");
	return true;
}

void kb_faq_topics_move(kb_faq_topics *to, kb_faq_topics *from)
{
	for (size_t i = 0; i < from->n; i++)
		topics_push(to, from->item[i]);
	from->n = 0;
}

void kb_faq_topics_free(kb_faq_topics *t)
{
	free(t->item);
	memset(t, 0, sizeof *t);
}

/* ---- units ---------------------------------------------------------------- */

void kb_faq_unit_init(kb_faq_unit *fu, const kb_source *src)
{
	memset(fu, 0, sizeof *fu);
	kb_textb_init(&fu->tb, src);
	fu->start = fu->end = KB_FAQ_NONE;
}

void kb_faq_unit_free(kb_faq_unit *fu)
{
	kb_textb_free(&fu->tb);
	kb_faq_topics_free(&fu->suppressed);
}

kb_unit *kb_faq_emit(kb_parse_ctx *ctx, kb_faq_ids *ids, kb_faq_unit *fu)
{
	const kb_source *src = ctx->source;
	kb_unit *u = NULL;
	if (!kb_textb_empty(&fu->tb)) {
		/* The span: from the question (or first text) to the last text.
		 * Text runs in source order, except where a parser's cursor
		 * went back to get in step again (html_cursor.c): the span
		 * holds every run. */
		size_t s = fu->tb.segs[0].src_off, e = s;
		for (size_t i = 0; i < fu->tb.nsegs; i++) {
			const kb_textseg *g = &fu->tb.segs[i];
			if (g->src_off < s)
				s = g->src_off;
			if (g->src_off + g->src_len > e)
				e = g->src_off + g->src_len;
		}
		if (fu->start != KB_FAQ_NONE && fu->start < s)
			s = fu->start;
		if (fu->end != KB_FAQ_NONE && fu->end > e)
			e = fu->end;
		if (e > src->len)
			e = src->len;
		while (e > s && is_ws((unsigned char)src->data[e - 1]))
			e--;

		u = kb_unit_new(ctx);
		kb_textb_finish(&fu->tb, kb_parse_texts(ctx), u);
		u->question = fu->question;
		const char *base = fu->id ? fu->id
				   : fu->question ? kb_slug(ctx->arena, fu->question)
						  : "intro";
		u->id = kb_faq_ids_take(ctx->arena, ids, base);
		if (fu->locale)
			u->locale = fu->locale;
		u->headings = fu->headings;
		u->nheadings = fu->nheadings;
		u->loc = kb_loc_of(src, s, e);
		if (fu->suppressed.n) {
			const char **sup = KB_NEWN(ctx->arena, const char *,
						   fu->suppressed.n + 1);
			memcpy(sup, fu->suppressed.item,
			       fu->suppressed.n * sizeof *sup);
			u->suppressed = sup;
			fu->suppressed.n = 0;
		}
		kb_emit_unit(ctx, u);
	}
	/* A unit without text passes its suppressions on to the next one. */
	kb_textb_reset(&fu->tb);
	fu->question = fu->id = NULL;
	fu->headings = NULL;
	fu->nheadings = 0;
	fu->start = fu->end = KB_FAQ_NONE;
	return u;
}

/* ---- text ----------------------------------------------------------------- */

/* Adds s[0..n) at its first occurrence in the window; false if absent. */
static bool add_found(kb_textb *tb, const char *s, size_t n)
{
	const kb_source *src = tb->src;
	size_t lim = tb->limit < src->len ? tb->limit : src->len;
	if (tb->cursor >= lim || n > lim - tb->cursor)
		return false;
	const char *p = memmem(src->data + tb->cursor, lim - tb->cursor, s, n);
	if (!p)
		return false;
	size_t off = (size_t)(p - src->data);
	kb_textb_add_at(tb, s, n, off);
	tb->cursor = off + n;
	return true;
}

void kb_faq_add_text(kb_textb *tb, const char *s, size_t n)
{
	size_t a = 0, b = n;
	while (a < b && is_ws((unsigned char)s[a]))
		a++;
	while (b > a && is_ws((unsigned char)s[b - 1]))
		b--;
	if (a > 0 || a == b)
		kb_textb_space(tb);
	if (a == b)
		return;
	if (!add_found(tb, s + a, b - a)) {
		for (size_t i = a; i < b;) {
			size_t j = i;
			while (j < b && !is_ws((unsigned char)s[j]))
				j++;
			if (!add_found(tb, s + i, j - i)) {
				size_t at = tb->cursor < tb->src->len ? tb->cursor
								      : tb->src->len;
				kb_textb_add_derived(tb, s + i, j - i, at, 0);
			}
			i = j;
			if (i < b)
				kb_textb_space(tb);
			while (i < b && is_ws((unsigned char)s[i]))
				i++;
		}
	}
	if (b < n)
		kb_textb_space(tb);
}

const char *kb_faq_clean(kb_arena *a, const char *s, size_t n)
{
	char *out = kb_alloc(a, n + 1);
	size_t k = 0;
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		if (is_ws((unsigned char)s[i])) {
			space = k > 0;
			continue;
		}
		if (space)
			out[k++] = ' ';
		space = false;
		out[k++] = s[i];
	}
	out[k] = '\0';
	return k ? out : NULL;
}

static bool ends_with(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && !memcmp(s + n - k, w, k);
}

bool kb_faq_is_question(const char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == ':' || s[n - 1] == '.'))
		n--;
	if (n == 0)
		return false;
	if (s[n - 1] == '?' || ends_with(s, n, "？"))
		return true;
	static const char *const first[] = {"how ", "what ", "when ", "where ", "why ", "which ",
					    "who ", "can ", "could ", "do ", "does ", "is ", "are ",
					    "will ", "should ", "may ", NULL};
	for (int k = 0; first[k]; k++)
		if (!strncasecmp(s, first[k], strlen(first[k])))
			return true;
	static const char *const anywhere[] = {
	    "bao lâu", "bao nhiêu", "như thế nào", "thế nào", "ở đâu", "khi nào", "làm sao",
	    "làm thế nào", "có được không", "ไหม", "มั้ย", "อย่างไร", "ยังไง", "เท่าไร",
	    "เท่าไหร่", "อะไร", "ทำไม", "เมื่อไร", "เมื่อไหร่", "หรือไม่", "หรือเปล่า", "ที่ไหน", NULL};
	for (int k = 0; anywhere[k]; k++)
		if (memmem(s, n, anywhere[k], strlen(anywhere[k])))
			return true;
	static const char *const last[] = {" không", " chưa", " gì", " nào", NULL};
	for (int k = 0; last[k]; k++)
		if (ends_with(s, n, last[k]))
			return true;
	return false;
}
