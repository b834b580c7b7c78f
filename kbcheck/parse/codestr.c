/* codestr.c - answer units from string data in source code: JavaScript and
 * TypeScript i18n dictionaries and FAQ arrays, PHP language arrays.
 *
 *     export default { returns: { title: "Returns", body: "Within 7 days." } }
 *     export const faqs = [{ question: "Can I cancel?", answer: "Yes, ..." }]
 *     const vi = { shipping: "Giao hàng", shippingText: "Miễn phí từ 500k." }
 *     return ['title' => 'รับประกัน', 'body' => 'รับประกัน 365 วัน'];   (PHP)
 *
 * The tokens of jslex.c are walked with a stack of brackets; objects,
 * arrays and PHP arrays collect their members (key, string values, child
 * containers) and become units when they close:
 *
 * - An object with a question-like member (question, q, title, heading,
 *   name, label...) and an answer-like one (answer, a, content, body, text,
 *   description, value...), and not many strings besides, is one Q/A
 *   unit: the title is its question, the other strings its text.
 * - Any other object is a dictionary: each string that is text is a unit,
 *   id the key path ("returns.window"), question the label before it (a
 *   short string such as "Đổi trả" heads the strings after it whose keys
 *   are related: delivery, titleDelivery1...) or else the key in words
 *   ("return window").  A label that heads nothing is a unit of its own
 *   when it reads as a statement rather than a button.
 * - An array of strings is one unit (a bullet list): part of its owner's
 *   unit when it is a member of an object, else a unit of its own.
 * - Strings outside data ("const notice = '...'", alert("...")) are units
 *   of their own when they are text.
 *
 * The enclosing keys (or their titles) are the unit's headings; a key that
 * names a language ("vi", "en-US") sets its locale.  Strings that are code
 * (codestr_text.c), keys such as className or href, styles, and the
 * arguments of console.*, require or new Error are never text.  A unit's
 * text maps to the bytes of its strings, escapes to their spans.
 */
#include "codestr_walk.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_FRAMES = 512, MAX_QA_STRINGS = 6 };

/* ---- units -------------------------------------------------------------------- */

/* Is name an array index? */
static bool numeric(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The file's name without folder and extension: the id of what the file
 * returns as a whole (Laravel names lang/th/warranty.php "warranty"). */
static const char *stem(kb_cs_walker *w)
{
	const char *path = w->ctx ? w->ctx->source->path : "text";
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	const char *dot = strchr(name, '.');
	size_t n = dot && dot > name ? (size_t)(dot - name) : strlen(name);
	return kb_strndup(w->a, name, n);
}

/* The key path of frames 1..upto and key: "faqs.0", "returns.window". */
static const char *path_of(kb_cs_walker *w, size_t upto, const char *key)
{
	kb_buf b = KB_BUF_INIT;
	for (size_t i = 1; i <= upto && i < w->nf; i++) {
		const kb_cs_frame *g = &w->f[i];
		if (!g->name || !kb_cs_data_frame(g))
			continue;
		if (b.len)
			kb_buf_putc(&b, '.');
		kb_buf_puts(&b, g->name);
	}
	if (key) {
		if (b.len)
			kb_buf_putc(&b, '.');
		kb_buf_puts(&b, key);
	}
	const char *r = b.len ? kb_strndup(w->a, b.ptr, b.len) : stem(w);
	kb_buf_free(&b);
	return r;
}

/* The headings above a unit: the titles (else the keys, in words) of the
 * containers 1..upto, leaving out variables, indexes and languages. */
static void headings_of(kb_cs_walker *w, size_t upto, kb_faq_unit *fu)
{
	const char **h = KB_NEWN(w->a, const char *, upto + 1);
	size_t n = 0;
	for (size_t i = 1; i <= upto && i < w->nf; i++) {
		const kb_cs_frame *g = &w->f[i];
		if (!kb_cs_data_frame(g))
			continue;
		const char *t = g->title;
		if (!t && g->name && !g->var && !numeric(g->name) && !kb_cs_key_locale(g->name))
			t = kb_cs_humanize(w->a, g->name);
		if (t)
			h[n++] = t;
	}
	fu->headings = n ? h : NULL;
	fu->nheadings = n;
}

static void unit_begin(kb_cs_walker *w, size_t frame_ix, const char *id, const char *question,
		       size_t heads_upto, size_t start)
{
	w->unit_open = true;
	w->unit_vals = 0;
	if (!w->ctx)
		return;
	kb_faq_unit *fu = &w->fu;
	fu->id = id;
	fu->question = question;
	fu->locale = w->f[frame_ix].locale;
	fu->start = start;
	headings_of(w, heads_upto, fu);
}

static void unit_val(kb_cs_walker *w, const kb_cs_val *v)
{
	w->st->natural += v->plain ? strlen(v->plain) : 0;
	w->unit_vals++;
	if (!w->ctx)
		return;
	kb_faq_unit *fu = &w->fu;
	kb_textb_break(&fu->tb);
	kb_cs_sink k = {.tb = &fu->tb};
	kb_cs_val_feed(w, v, &k);
	if (fu->end == KB_FAQ_NONE || v->end > fu->end)
		fu->end = v->end;
}

static void unit_end(kb_cs_walker *w)
{
	if (!w->unit_open)
		return;
	w->unit_open = false;
	if (w->unit_vals)
		w->st->units++;
	if (w->ctx)
		kb_faq_emit(w->ctx, w->ids, &w->fu);
}

/* One unit: values v[0..n) of a member that pass `keep`. */
static void member_unit(kb_cs_walker *w, size_t fi, const kb_cs_member *m, const char *question, size_t start,
			bool loose_answers)
{
	bool any = false;
	for (size_t k = 0; k < m->nv && !any; k++)
		any = loose_answers ? m->v[k].wordy : m->v[k].natural;
	if (!any)
		return;
	unit_begin(w, fi, path_of(w, fi, m->key), question, fi, start);
	for (size_t k = 0; k < m->nv; k++)
		if (loose_answers ? m->v[k].wordy : m->v[k].natural)
			unit_val(w, &m->v[k]);
	unit_end(w);
}

/* ---- containers --------------------------------------------------------------- */

static bool skip_member(const kb_cs_frame *f, const kb_cs_member *m)
{
	return !m->nv || (m->key && kb_cs_key_code(m->key)) || f->hidden;
}

/* An object that is one question and its answer. */
static void qa_unit(kb_cs_walker *w, size_t fi, const kb_cs_member *q)
{
	kb_cs_frame *f = &w->f[fi];
	unit_begin(w, fi, path_of(w, fi, NULL), q->v[0].plain, fi - 1, q->at);
	for (size_t i = 0; i < f->nm; i++) {
		const kb_cs_member *m = &f->m[i];
		if (m == q || skip_member(f, m))
			continue;
		bool answer = kb_cs_key_answer(m->key);
		for (size_t k = 0; k < m->nv; k++)
			if (answer ? m->v[k].wordy : m->v[k].natural)
				unit_val(w, &m->v[k]);
	}
	unit_end(w);
}

/* Three words or more, or a Thai phrase; not in capitals (a button). */
static bool long_label(const kb_cs_val *v)
{
	size_t words = 1, thai = 0;
	bool small = false;
	for (const char *p = v->plain; *p; p++) {
		words += *p == ' ';
		thai += (unsigned char)p[0] == 0xE0 && ((unsigned char)p[1] == 0xB8 || (unsigned char)p[1] == 0xB9);
		small |= *p >= 'a' && *p <= 'z';
	}
	return (words >= 3 && (small || thai)) || thai >= 20;
}

/* Do two keys name the same thing ("delivery" and "titleDelivery2",
 * "commitment" and "commit1")?  A key without words says nothing against. */
static bool keys_related(kb_cs_walker *w, const char *a, const char *b)
{
	const char *x = kb_cs_humanize(w->a, a), *y = kb_cs_humanize(w->a, b);
	if (!x || !y)
		return true;
	for (const char *p = x; *p;) {
		size_t n = strcspn(p, " ");
		for (const char *q = y; *q;) {
			size_t k = strcspn(q, " ");
			size_t common = n < k ? n : k;
			if (!strncmp(p, q, common) && (n == k || common >= 4))
				return true;
			q += k + (q[k] == ' ');
		}
		p += n + (p[n] == ' ');
	}
	return false;
}

/* Has the object an answer member, string or not ("answer: (<>...</>)")? */
static bool has_answer_key(const kb_cs_frame *f)
{
	for (size_t i = 0; i < f->nm; i++)
		if (f->m[i].key && kb_cs_key_answer(f->m[i].key))
			return true;
	return false;
}

/* A dictionary: a unit per text; a label before it is its question when
 * their keys are related (delivery: "Giao hàng", deliveryText1: "..."),
 * else its key in words is. */
static void dict_units(kb_cs_walker *w, size_t fi)
{
	kb_cs_frame *f = &w->f[fi];
	const kb_cs_member *label = NULL;
	bool used = false, answered = has_answer_key(f);
	for (size_t i = 0; i <= f->nm; i++) {
		const kb_cs_member *m = i < f->nm ? &f->m[i] : NULL;
		if (m && (m->nv ? skip_member(f, m) : !m->child))
			continue; /* code, or no string: a number, a name */
		/* The question of an answer that is markup ({question: 'Unable
		 * to cancel an order', answer: (<>...</>)}): the markup is read
		 * as the answer, the question is no text of its own. */
		if (m && answered && m->key && kb_cs_key_question(m->key))
			continue;
		bool heads = m && m->nv == 1 && !m->list && m->v[0].label && !kb_cs_key_answer(m->key);
		if (!m || m->nv == 0 || heads) {
			/* A label that headed nothing may still be text
			 * ("Miễn phí vận chuyển"), not a button ("Giỏ hàng"). */
			if (label && !used && long_label(&label->v[0]))
				member_unit(w, fi, label, kb_cs_humanize(w->a, label->key), label->at, false);
			label = heads ? m : NULL;
			used = false;
			continue;
		}
		bool headed = label && keys_related(w, label->key, m->key);
		const char *q = headed ? label->v[0].plain : kb_cs_humanize(w->a, m->key);
		member_unit(w, fi, m, q, m->at, false);
		used = used || headed;
	}
}

/* A JSX element's attributes: question="..." answer="..." props. */
static void tag_unit(kb_cs_walker *w, size_t fi)
{
	kb_cs_frame *f = &w->f[fi];
	const kb_cs_member *q = NULL;
	bool answer = false;
	for (size_t i = 0; i < f->nm; i++) {
		const kb_cs_member *m = &f->m[i];
		if (skip_member(f, m))
			continue;
		if (!q && kb_cs_key_question(m->key) && m->v[0].plain)
			q = m;
		for (size_t k = 0; k < m->nv; k++)
			answer |= kb_cs_key_answer(m->key) && m->v[k].wordy;
	}
	if (!answer)
		return;
	const kb_cs_member *first = q;
	for (size_t i = 0; i < f->nm && !first; i++)
		if (kb_cs_key_answer(f->m[i].key) && f->m[i].nv)
			first = &f->m[i];
	unit_begin(w, fi, path_of(w, fi, NULL), q ? q->v[0].plain : NULL, fi - 1, first->at);
	for (size_t i = 0; i < f->nm; i++) {
		const kb_cs_member *m = &f->m[i];
		if (skip_member(f, m) || !kb_cs_key_answer(m->key))
			continue;
		for (size_t k = 0; k < m->nv; k++)
			if (m->v[k].wordy)
				unit_val(w, &m->v[k]);
	}
	unit_end(w);
}

static void keyed(kb_cs_walker *w, size_t fi)
{
	kb_cs_frame *f = &w->f[fi];
	const kb_cs_member *q = NULL;
	bool answer = false;
	size_t nstr = 0;
	for (size_t i = 0; i < f->nm; i++) {
		kb_cs_member *m = &f->m[i];
		for (size_t k = 0; k < m->nv; k++)
			kb_cs_val_finish(w, &m->v[k]);
		if (skip_member(f, m))
			continue;
		nstr += m->nv;
		if (!q && !m->list && kb_cs_key_question(m->key) && m->v[0].plain)
			q = m;
		for (size_t k = 0; k < m->nv; k++)
			answer |= kb_cs_key_answer(m->key) && (m->list ? m->v[k].natural : m->v[k].wordy);
	}
	if (f->hidden)
		return;
	if (f->kind == KB_CS_JSXTAG)
		tag_unit(w, fi);
	else if (q && answer && nstr <= MAX_QA_STRINGS)
		qa_unit(w, fi, q);
	else
		dict_units(w, fi);
}

/* An array without keys: its strings are a list. */
static void list(kb_cs_walker *w, size_t fi)
{
	kb_cs_frame *f = &w->f[fi], *p = &w->f[fi - 1];
	kb_cs_member all = {0};
	for (size_t i = 0; i < f->nm; i++)
		for (size_t k = 0; k < f->m[i].nv; k++) {
			kb_cs_val_finish(w, &f->m[i].v[k]);
			kb_cs_member_add(&all, &f->m[i].v[k]);
		}
	if (!all.nv || f->hidden) {
		kb_cs_member_free(&all);
		return;
	}
	/* A member's list belongs to its owner's unit. */
	if (p->kind == KB_CS_OBJ || p->kind == KB_CS_JSXTAG || (p->kind == KB_CS_JSXEXPR && p->attr) ||
	    (p->kind == KB_CS_ARR && p->open && p->m[p->nm - 1].key)) {
		kb_cs_member *m = kb_cs_member_at(p, all.at);
		for (size_t k = 0; k < all.nv; k++)
			kb_cs_member_add(m, &all.v[k]);
		m->list = true;
		free(all.v);
		return;
	}
	all.at = all.v[0].start;
	const char *q = f->name && !numeric(f->name) ? kb_cs_humanize(w->a, f->name) : NULL;
	unit_begin(w, fi, path_of(w, fi, NULL), q, fi - 1, all.at);
	for (size_t k = 0; k < all.nv; k++)
		if (all.v[k].natural)
			unit_val(w, &all.v[k]);
	unit_end(w);
	kb_cs_member_free(&all);
}

/* Frame fi (the top) is complete: its units, then it goes. */
static void finish_frame(kb_cs_walker *w)
{
	size_t fi = w->nf - 1;
	kb_cs_frame *f = &w->f[fi];
	kb_cs_member_end(w, f);
	bool keys = false;
	for (size_t i = 0; i < f->nm && !keys; i++)
		keys = f->m[i].key != NULL;
	if (f->kind == KB_CS_OBJ || f->kind == KB_CS_JSXTAG || (f->kind == KB_CS_ARR && keys)) {
		keyed(w, fi);
	} else if (f->kind == KB_CS_ARR) {
		list(w, fi);
	} else if (f->kind == KB_CS_JSXEXPR && f->attr && f->nm && w->f[fi - 1].kind == KB_CS_JSXTAG) {
		/* attr={"text"}: the attribute's value. */
		kb_cs_member *m = kb_cs_member_at(&w->f[fi - 1], f->m[0].at);
		for (size_t i = 0; i < f->nm; i++)
			for (size_t k = 0; k < f->m[i].nv; k++)
				kb_cs_member_add(m, &f->m[i].v[k]);
	}
	kb_cs_frame_free(f);
	w->nf--;
}

/* ---- the walk ------------------------------------------------------------------ */

/* A container opens at token i; its name is its key in the parent, its
 * index, or the variable it is assigned to. */
static void push_child(kb_cs_walker *w, int kind, char closer, size_t i, const char *callee)
{
	kb_cs_frame *p = kb_cs_top(w);
	if (w->nf >= MAX_FRAMES) {
		w->overflow++;
		return;
	}
	kb_cs_frame c = {.kind = kind, .closer = closer, .locale = p->locale, .hidden = p->hidden};
	if (kb_cs_data_frame(p)) {
		kb_cs_member *m = kb_cs_member_at(p, w->lx->tok[i].start);
		m->child = m->busy = true;
		c.name = m->key ? m->key : p->kind == KB_CS_ARR ? kb_sprintf(w->a, "%zu", m->idx) : NULL;
	} else if (p->pending && kind != KB_CS_PAREN) {
		c.name = p->pending;
		c.var = true;
		p->pending = NULL;
	}
	if (kind == KB_CS_PAREN) {
		c.name = callee;
		c.hidden |= callee && kb_cs_callee_hidden(callee);
	}
	if (c.name && !c.var && kb_cs_key_hidden(c.name))
		c.hidden = true;
	/* { vi: {...} }, const th = {...}: that language below. */
	if (c.name && (kind == KB_CS_OBJ || kind == KB_CS_ARR) && kb_cs_key_locale(c.name))
		c.locale = kb_cs_key_locale(c.name);
	if (w->nf == w->capf) {
		w->capf = w->capf ? w->capf * 2 : 16;
		w->f = realloc(w->f, w->capf * sizeof *w->f);
		if (!w->f)
			abort();
	}
	w->f[w->nf++] = c;
}

/* "{" at token i starts an object (not a block). */
static bool object_at(const kb_cs_walker *w, size_t i)
{
	const kb_jslex *lx = w->lx;
	if (i == 0 || lx->lang == KB_JSL_PHP)
		return false;
	const kb_jstok *p = &lx->tok[i - 1];
	if (p->kind == KB_JT_PUNCT) {
		if (kb_jt_is(lx, i - 1, "{"))
			return p->flags & KB_JT_JSXBRACE; /* style={{...}} */
		return !(kb_jt_is(lx, i - 1, ")") || kb_jt_is(lx, i - 1, "]") ||
			 kb_jt_is(lx, i - 1, "}") || kb_jt_is(lx, i - 1, ";") ||
			 kb_jt_is(lx, i - 1, "=>"));
	}
	static const char *const kw[] = {"return", "default", "yield", "await", "case", "in", "of",
					 "typeof", "throw", NULL};
	for (size_t k = 0; kw[k]; k++)
		if (kb_jt_word(lx, i - 1, kw[k]))
			return true;
	return false;
}

/* The function called by the "(" at token i, and whether any name of its
 * chain (console.log, new Error) hides its arguments. */
static const char *callee_of(kb_cs_walker *w, size_t i, bool *hidden)
{
	const kb_jslex *lx = w->lx;
	const char *name = NULL;
	*hidden = false;
	for (size_t k = i; k > 0 && lx->tok[k - 1].kind == KB_JT_IDENT;) {
		const char *s = kb_cs_token_text(w, k - 1);
		if (!name)
			name = s;
		*hidden |= kb_cs_callee_hidden(s);
		k--;
		if (!(k > 0 && (kb_jt_is(lx, k - 1, ".") || kb_jt_is(lx, k - 1, "?.") ||
				kb_jt_is(lx, k - 1, "->") || kb_jt_is(lx, k - 1, "::"))))
			break;
		k--;
	}
	return name;
}

static void close_to(kb_cs_walker *w, size_t k)
{
	while (w->nf > k)
		finish_frame(w);
}

/* A closing bracket: the container it matches (among the last few, so a
 * stray bracket does not unwind the file) is complete. */
static void close_bracket(kb_cs_walker *w, char closer)
{
	if (w->overflow) {
		w->overflow--;
		return;
	}
	for (size_t k = w->nf; k > 1 && k + 4 > w->nf; k--)
		if (w->f[k - 1].closer == closer) {
			close_to(w, k - 1);
			return;
		}
}

/* "name =": the value after it is named (a variable, $lang['key'],
 * module.exports and export default are not names). */
static void assignment(kb_cs_walker *w, kb_cs_frame *f, size_t i)
{
	const kb_jslex *lx = w->lx;
	const char *name = NULL;
	size_t at = i >= 1 ? lx->tok[i - 1].start : 0;
	/* const faqs: Faq[] = ..., const x: T = ...: the declared name. */
	bool typed = i >= 2 && lx->tok[i - 1].kind == KB_JT_IDENT && kb_jt_is(lx, i - 2, ":");
	if (f->decl && (typed || lx->tok[i - 1].kind != KB_JT_IDENT)) {
		name = f->decl;
	} else if (i >= 1 && lx->tok[i - 1].kind == KB_JT_IDENT) {
		name = kb_cs_token_text(w, i - 1);
	} else if (i >= 3 && kb_jt_is(lx, i - 1, "]") && lx->tok[i - 2].kind == KB_JT_STRING &&
		   kb_jt_is(lx, i - 3, "[")) {
		name = kb_cs_token_text(w, i - 2);
		at = lx->tok[i >= 4 && lx->tok[i - 4].kind == KB_JT_IDENT ? i - 4 : i - 3].start;
		size_t v = kb_cs_next(w, i);
		if (lx->lang == KB_JSL_PHP && v < lx->n && lx->tok[v].kind == KB_JT_STRING)
			w->st->assigns = true;
	}
	f->decl = NULL;
	if (name && name[0] == '$')
		name++;
	if (name && (!strcmp(name, "exports") || !strcmp(name, "default")))
		name = NULL;
	f->pending = name;
	f->pending_at = at;
}

/* A string outside data: a unit of its own when it is text. */
static void loose(kb_cs_walker *w, kb_cs_frame *f, size_t i, size_t next, kb_cs_val *v)
{
	const kb_jslex *lx = w->lx;
	static const char *const before[] = {"import", "from", "require", "case", "export", NULL};
	static const char *const cmp[] = {"===", "!==", "==", "!=", NULL};
	bool skip = f->hidden || f->kind == KB_CS_INDEX;
	for (size_t k = 0; before[k] && i > 0; k++)
		skip |= kb_jt_word(lx, i - 1, before[k]);
	for (size_t k = 0; cmp[k]; k++)
		skip |= (i > 0 && kb_jt_is(lx, i - 1, cmp[k])) || kb_jt_is(lx, next, cmp[k]);
	if (!skip) {
		kb_cs_val_finish(w, v);
		skip = !v->natural;
	}
	if (skip) {
		free(v->tok);
		return;
	}
	const char *name = f->kind == KB_CS_PAREN ? NULL : f->pending;
	size_t start = name ? f->pending_at : v->start;
	f->pending = NULL;
	const char *id = name ? name : f->kind == KB_CS_PAREN && f->name ? f->name : "text";
	unit_begin(w, w->nf - 1, id, name ? kb_cs_humanize(w->a, name) : NULL, 0, start);
	unit_val(w, v);
	unit_end(w);
	free(v->tok);
}

/* At member start in a keyed container, token i followed by ":" (an
 * object), "=>" (a PHP array) or "=" (a JSX attribute) is the member's
 * key; returns the token after that, or 0. */
static size_t member_key(kb_cs_walker *w, kb_cs_frame *f, size_t i)
{
	const kb_jslex *lx = w->lx;
	size_t j = kb_cs_next(w, i);
	const char *sep = f->kind == KB_CS_OBJ			   ? ":"
			  : f->kind == KB_CS_ARR && lx->lang == KB_JSL_PHP ? "=>"
			  : f->kind == KB_CS_JSXTAG			   ? "="
								   : NULL;
	if (!sep || !kb_jt_is(lx, j, sep))
		return 0;
	if (f->kind == KB_CS_JSXTAG)
		kb_cs_member_end(w, f); /* attributes have no commas between them */
	else if (f->open && (f->m[f->nm - 1].busy || f->m[f->nm - 1].key))
		return 0;
	kb_cs_member *m = kb_cs_member_at(f, lx->tok[i].start);
	m->key = kb_cs_token_text(w, i);
	return kb_cs_next(w, j);
}

static size_t on_string(kb_cs_walker *w, size_t i)
{
	kb_cs_frame *f = kb_cs_top(w);
	size_t k = kb_cs_data_frame(f) ? member_key(w, f, i) : 0;
	if (k)
		return k;
	kb_cs_val v = {0};
	size_t next = kb_cs_collect(w, i, &v);
	if (w->lx->tok[i].flags & KB_JT_TAGGED) { /* css`...`, gql`...` */
		free(v.tok);
		if (kb_cs_data_frame(f))
			kb_cs_member_at(f, w->lx->tok[i].start)->busy = true;
		return next;
	}
	if (kb_cs_data_frame(f))
		kb_cs_member_add(kb_cs_member_at(f, v.start), &v);
	else
		loose(w, f, i, next, &v);
	return next;
}

static size_t on_word(kb_cs_walker *w, size_t i)
{
	const kb_jslex *lx = w->lx;
	kb_cs_frame *f = kb_cs_top(w);
	size_t k = kb_cs_data_frame(f) ? member_key(w, f, i) : 0;
	if (k)
		return k;
	if (lx->tok[i].kind == KB_JT_IDENT) {
		if (kb_jt_word(lx, i, "const") || kb_jt_word(lx, i, "let") || kb_jt_word(lx, i, "var")) {
			f->want_decl = true;
		} else if (f->want_decl) {
			f->decl = kb_cs_token_text(w, i);
			f->want_decl = false;
		}
		if (lx->lang == KB_JSL_PHP && kb_jt_word(lx, i, "return") &&
		    (kb_jt_is(lx, kb_cs_next(w, i), "[") || kb_jt_word(lx, kb_cs_next(w, i), "array")))
			w->st->returns_array = true;
		if (lx->lang == KB_JSL_PHP &&
		    (kb_jt_word(lx, i, "class") || kb_jt_word(lx, i, "function") || kb_jt_word(lx, i, "echo")))
			w->st->code = true;
	}
	if (kb_cs_data_frame(f))
		kb_cs_member_at(f, lx->tok[i].start)->busy = true;
	return i + 1;
}

static size_t on_punct(kb_cs_walker *w, size_t i)
{
	const kb_jslex *lx = w->lx;
	const kb_jstok *t = &lx->tok[i];
	kb_cs_frame *f = kb_cs_top(w);
	char c = lx->d[t->start];
	bool one = t->end - t->start == 1;
	if (one && c == '{') {
		bool jsx = t->flags & KB_JT_JSXBRACE;
		if (jsx && kb_jt_jsx_lone_string(lx, i))
			return i + 3; /* {"text"}: read with the markup (jsx.c) */
		push_child(w, jsx ? KB_CS_JSXEXPR : object_at(w, i) ? KB_CS_OBJ : KB_CS_BLOCK, '}', i, NULL);
		if (jsx && w->nf && !w->overflow)
			kb_cs_top(w)->attr = t->flags & KB_JT_JSXATTR;
	} else if (one && c == '[') {
		push_child(w, kb_jt_expr_at(lx, i) ? KB_CS_ARR : KB_CS_INDEX, ']', i, NULL);
	} else if (one && c == '(') {
		bool hidden;
		const char *callee = callee_of(w, i, &hidden);
		if (lx->lang == KB_JSL_PHP && callee && !strcasecmp(callee, "array")) {
			push_child(w, KB_CS_ARR, ')', i, NULL);
		} else {
			push_child(w, KB_CS_PAREN, ')', i, callee);
			if (hidden && !w->overflow)
				kb_cs_top(w)->hidden = true;
		}
	} else if (one && (c == '}' || c == ']' || c == ')')) {
		close_bracket(w, c);
	} else if (one && c == ',') {
		if (kb_cs_data_frame(f))
			kb_cs_member_end(w, f);
		else
			f->pending = NULL;
	} else if (one && c == '=' && !kb_cs_data_frame(f)) {
		assignment(w, f, i);
	} else if ((one && c == ';') || kb_jt_is(lx, i, "?>")) {
		f->pending = f->decl = NULL;
		f->want_decl = false;
	} else if (kb_cs_data_frame(f)) {
		kb_cs_member_at(f, t->start)->busy = true;
	}
	return i + 1;
}

/* The nearest JSX start tag among the last few containers is complete. */
static void tag_end(kb_cs_walker *w)
{
	for (size_t k = w->nf; k > 1 && k + 4 > w->nf; k--)
		if (w->f[k - 1].kind == KB_CS_JSXTAG) {
			close_to(w, k - 1);
			return;
		}
}

void kb_cs_walk(kb_parse_ctx *ctx, kb_arena *a, const kb_jslex *lx, kb_faq_ids *ids,
		kb_cs_stats *st)
{
	kb_cs_walker w = {.ctx = ctx, .a = a, .lx = lx, .ids = ids, .st = st};
	if (ctx)
		kb_faq_unit_init(&w.fu, ctx->source);
	w.capf = 16;
	w.f = calloc(w.capf, sizeof *w.f);
	if (!w.f)
		abort();
	w.f[w.nf++] = (kb_cs_frame){.kind = KB_CS_TOP};
	for (size_t i = 0; i < lx->n;) {
		const kb_jstok *t = &lx->tok[i];
		if (t->flags & KB_JT_INNER) {
			i++;
			continue;
		}
		switch (t->kind) {
		case KB_JT_STRING:
			i = on_string(&w, i);
			break;
		case KB_JT_IDENT:
		case KB_JT_NUMBER:
			i = on_word(&w, i);
			break;
		case KB_JT_PUNCT:
			i = on_punct(&w, i);
			break;
		case KB_JT_JSX_OPEN:
			push_child(&w, KB_CS_JSXTAG, '>', i, NULL);
			if (!w.overflow && kb_cs_top(&w)->kind == KB_CS_JSXTAG) {
				kb_cs_top(&w)->name = kb_strndup(a, lx->d + t->body, t->body_end - t->body);
				kb_cs_top(&w)->var = true; /* an id, not a heading */
			}
			i++;
			break;
		case KB_JT_JSX_END:
			tag_end(&w);
			i++;
			break;
		case KB_JT_HTML:
			for (size_t k = t->start; k < t->end && !st->code; k++)
				st->code = !strchr(" \t\r\n", lx->d[k]);
			i++;
			break;
		default:
			if (kb_cs_data_frame(kb_cs_top(&w)))
				kb_cs_member_at(kb_cs_top(&w), t->start)->busy = true;
			i++;
			break;
		}
	}
	close_to(&w, 1);
	kb_cs_frame_free(&w.f[0]);
	free(w.f);
	if (ctx)
		kb_faq_unit_free(&w.fu);
}
