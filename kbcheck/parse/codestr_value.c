/* codestr_value.c - string values and the members of containers, for the
 * walk of codestr.c: a value is one or more string tokens joined by
 * concatenation (every piece of a template), decoded once for the tests
 * of codestr_text.c and fed again, mapped, into a unit's text. */
#include "codestr_walk.h"

#include <stdlib.h>
#include <string.h>

size_t kb_cs_next(const kb_cs_walker *w, size_t i)
{
	const kb_jslex *lx = w->lx;
	for (i++; i < lx->n && (lx->tok[i].flags & KB_JT_INNER); i++)
		;
	return i;
}

static void val_push(kb_cs_val *v, size_t tok)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 4;
		v->tok = realloc(v->tok, v->cap * sizeof *v->tok);
		if (!v->tok)
			abort();
	}
	v->tok[v->n++] = tok;
}

/* Adds the string at token i (every piece of a template) to v; returns the
 * token after it. */
static size_t take_string(kb_cs_walker *w, size_t i, kb_cs_val *v)
{
	const kb_jstok *t = w->lx->tok;
	if (!v->n)
		v->start = t[i].start;
	val_push(v, i);
	v->end = t[i].end;
	size_t j = kb_cs_next(w, i);
	if (!(t[i].flags & KB_JT_TPL) || (t[i].flags & KB_JT_TPL_TAIL))
		return j;
	while (j < w->lx->n && t[j].kind == KB_JT_STRING && (t[j].flags & KB_JT_TPL) &&
	       !(t[j].flags & KB_JT_TPL_HEAD)) {
		val_push(v, KB_CS_GAP);
		val_push(v, j);
		v->end = t[j].end;
		bool tail = t[j].flags & KB_JT_TPL_TAIL;
		j = kb_cs_next(w, j);
		if (tail)
			break;
	}
	return j;
}

/* A value starting with the string at i: strings joined by '+' (PHP: '.'),
 * a name or number between them a gap.  Returns the token after it. */
size_t kb_cs_collect(kb_cs_walker *w, size_t i, kb_cs_val *v)
{
	const kb_jslex *lx = w->lx;
	const char *op = lx->lang == KB_JSL_PHP ? "." : "+";
	size_t j = take_string(w, i, v);
	while (kb_jt_is(lx, j, op)) {
		size_t s = kb_cs_next(w, j);
		if (s < lx->n && lx->tok[s].kind == KB_JT_STRING && !(lx->tok[s].flags & KB_JT_TAGGED)) {
			j = take_string(w, s, v);
			continue;
		}
		size_t o = kb_cs_next(w, s), s2 = kb_cs_next(w, o);
		if (s < lx->n && (lx->tok[s].kind == KB_JT_IDENT || lx->tok[s].kind == KB_JT_NUMBER) &&
		    kb_jt_is(lx, o, op) && s2 < lx->n && lx->tok[s2].kind == KB_JT_STRING) {
			val_push(v, KB_CS_GAP);
			j = take_string(w, s2, v);
			continue;
		}
		break;
	}
	return j;
}

void kb_cs_val_feed(kb_cs_walker *w, const kb_cs_val *v, kb_cs_sink *k)
{
	for (size_t i = 0; i < v->n; i++) {
		if (v->tok[i] == KB_CS_GAP)
			kb_cs_sink_space(k);
		else
			kb_cs_sink_token(k, w->lx, v->tok[i]);
	}
}

/* Decodes v once: its plain text and what it reads as. */
void kb_cs_val_finish(kb_cs_walker *w, kb_cs_val *v)
{
	if (v->done)
		return;
	v->done = true;
	kb_buf b = KB_BUF_INIT;
	kb_cs_sink k = {.buf = &b};
	kb_cs_val_feed(w, v, &k);
	v->plain = kb_faq_clean(w->a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	if (!v->plain)
		return;
	size_t n = strlen(v->plain);
	v->natural = kb_cs_natural(v->plain, n);
	v->wordy = v->natural || kb_cs_wordy(v->plain, n);
	v->label = kb_cs_label(v->plain, n);
}

/* The text of a key token (an identifier, a number or a string). */
const char *kb_cs_token_text(kb_cs_walker *w, size_t i)
{
	const kb_jstok *t = &w->lx->tok[i];
	if (t->kind != KB_JT_STRING)
		return kb_strndup(w->a, w->lx->d + t->start, t->end - t->start);
	kb_buf b = KB_BUF_INIT;
	kb_cs_sink k = {.buf = &b};
	kb_cs_sink_token(&k, w->lx, i);
	const char *r = kb_strndup(w->a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	return r;
}

/* ---- members ------------------------------------------------------------------ */

kb_cs_member *kb_cs_member_at(kb_cs_frame *f, size_t at)
{
	if (f->open)
		return &f->m[f->nm - 1];
	if (f->nm == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->m = realloc(f->m, f->cap * sizeof *f->m);
		if (!f->m)
			abort();
	}
	kb_cs_member *m = &f->m[f->nm++];
	memset(m, 0, sizeof *m);
	m->at = at;
	m->idx = f->index++;
	f->open = true;
	return m;
}

void kb_cs_member_add(kb_cs_member *m, kb_cs_val *v)
{
	if (m->nv == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 2;
		m->v = realloc(m->v, m->cap * sizeof *m->v);
		if (!m->v)
			abort();
	}
	m->v[m->nv++] = *v;
	m->busy = true;
	memset(v, 0, sizeof *v);
}

/* The member at hand is complete: a title is known from now on. */
void kb_cs_member_end(kb_cs_walker *w, kb_cs_frame *f)
{
	if (!f->open)
		return;
	f->open = false;
	kb_cs_member *m = &f->m[f->nm - 1];
	if (!f->title && m->nv == 1 && !m->list && kb_cs_key_question(m->key)) {
		kb_cs_val_finish(w, &m->v[0]);
		if (m->v[0].natural || m->v[0].label)
			f->title = m->v[0].plain;
	}
}

void kb_cs_member_free(kb_cs_member *m)
{
	for (size_t k = 0; k < m->nv; k++)
		free(m->v[k].tok);
	free(m->v);
}

void kb_cs_frame_free(kb_cs_frame *f)
{
	for (size_t i = 0; i < f->nm; i++)
		kb_cs_member_free(&f->m[i]);
	free(f->m);
}
