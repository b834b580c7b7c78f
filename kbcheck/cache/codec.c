/* codec.c - a source's units, claims and diagnostics as cache bytes (see
 * codec.h).  Strings read back point into the cache file's mapping. */
#include "codec.h"

/* A unit or claim field added without being encoded here would be lost on
 * a cache hit: these sizes are a reminder to encode it (and to change the
 * cache's FORMAT).  The determinism test compares cached and fresh runs. */
#if UINTPTR_MAX == UINT64_MAX
/* kb_unit.blocks go with the text: a cached unit has neither. */
/* kb_unit.branches too: they serve extraction, whose claims are cached. */
_Static_assert(sizeof(kb_unit) == 176, "kb_unit changed: update cache/codec.c");
_Static_assert(sizeof(kb_claim) == 232, "kb_claim changed: update cache/codec.c");
_Static_assert(sizeof(kb_value) == 72, "kb_value changed: update cache/codec.c");
_Static_assert(sizeof(kb_unclaimed) == 88, "kb_unclaimed changed: update cache/codec.c");
#endif

static void w_i32(kb_buf *b, int v) { kbc_w(b, (uint32_t)(int32_t)v, 4); }

static void w_f64(kb_buf *b, double d)
{
	uint64_t v;
	memcpy(&v, &d, sizeof v);
	kbc_w64(b, v);
}

static double rd_f64(kbc_rd *r)
{
	uint64_t v = kbc_u64(r);
	double d;
	memcpy(&d, &v, sizeof d);
	return d;
}

void kbc_write_scope(kb_buf *b, const kb_scope *s)
{
	kbc_w32(b, (uint32_t)s->n);
	for (size_t i = 0; i < s->n; i++) {
		kbc_wstr(b, s->kv[i].key);
		kbc_wstr(b, s->kv[i].value);
	}
}

kb_scope kbc_read_scope(kbc_rd *r, kb_arena *a)
{
	kb_scope s = {NULL, kbc_count(r, 10)};
	if (s.n) {
		kb_scope_kv *kv = KB_NEWN(a, kb_scope_kv, s.n);
		for (size_t i = 0; i < s.n; i++) {
			kv[i].key = kbc_str(r);
			kv[i].value = kbc_str(r);
			if (!kv[i].key || !kv[i].value)
				r->bad = true;
		}
		s.kv = kv;
	}
	return s;
}

static void w_loc(kb_buf *b, const kb_loc *l)
{
	kbc_w64(b, l->start);
	kbc_w64(b, l->end);
	w_i32(b, l->line);
	w_i32(b, l->column);
	w_i32(b, l->end_line);
	w_i32(b, l->end_column);
}

static kb_loc rd_loc(kbc_rd *r)
{
	kb_loc l;
	l.start = kbc_u64(r);
	l.end = kbc_u64(r);
	l.line = kbc_i32(r);
	l.column = kbc_i32(r);
	l.end_line = kbc_i32(r);
	l.end_column = kbc_i32(r);
	return l;
}

static void w_diags(kb_buf *b, kb_diags *d)
{
	size_t n = d ? kb_diags_count(d) : 0;
	kbc_w32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		const kb_diag_entry *e = kb_diags_get(d, i);
		kb_buf_putc(b, (char)e->level);
		kbc_wstr(b, e->path);
		w_i32(b, e->line);
		w_i32(b, e->column);
		kbc_wstr(b, e->message);
	}
}

/* Reads (d NULL) or replays (into d) a list of diagnostics. */
static void rd_diags(kbc_rd *r, kb_diags *d)
{
	size_t n = kbc_count(r, 17);
	for (size_t i = 0; i < n && !r->bad; i++) {
		unsigned level = (unsigned)kbc_u(r, 1);
		const char *path = kbc_str(r);
		int line = kbc_i32(r), col = kbc_i32(r);
		const char *msg = kbc_str(r);
		if (r->bad || level > KB_DIAG_ERROR || !msg) {
			r->bad = true;
			return;
		}
		if (d)
			kb_diag(d, (kb_diag_level)level, path, line, col, "%s", msg);
	}
}

/* A unit without its text and segments: the cache serves checks, which
 * drop them once the claims are made (kb_unit.text); only the length is
 * kept, which the claims' offsets are checked against. */
static void w_unit(kb_buf *b, const kb_unit *u)
{
	kbc_wstr(b, u->id);
	kbc_wstr(b, u->question);
	kbc_w64(b, u->text_len);
	kbc_wstr(b, u->locale);
	kb_buf_putc(b, (char)u->active);
	kbc_write_scope(b, &u->scope);
	kbc_w32(b, (uint32_t)u->nheadings);
	for (size_t i = 0; i < u->nheadings; i++)
		kbc_wstr(b, u->headings[i]);
	w_loc(b, &u->loc);
	size_t ns = 0;
	while (u->suppressed && u->suppressed[ns])
		ns++;
	kbc_w32(b, u->suppressed ? (uint32_t)ns + 1 : 0);
	for (size_t i = 0; i < ns; i++)
		kbc_wstr(b, u->suppressed[i]);
}

static kb_unit *rd_unit(kbc_rd *r, kb_arena *a, const kb_source *src)
{
	kb_unit *u = KB_NEW(a, kb_unit);
	u->source = src;
	u->id = kbc_str(r);
	u->question = kbc_str(r);
	u->text_len = kbc_u64(r);
	u->locale = kbc_str(r);
	u->active = kbc_u(r, 1) != 0;
	u->scope = kbc_read_scope(r, a);
	u->nheadings = kbc_count(r, 5);
	if (u->nheadings) {
		const char **h = KB_NEWN(a, const char *, u->nheadings);
		for (size_t i = 0; i < u->nheadings; i++)
			h[i] = kbc_str(r);
		u->headings = h;
	}
	u->loc = rd_loc(r);
	size_t ns = kbc_count(r, 0);
	if (ns) {
		const char **sup = KB_NEWN(a, const char *, ns);
		for (size_t i = 0; i + 1 < ns; i++)
			sup[i] = kbc_str(r);
		u->suppressed = sup;
	}
	if (!u->id || !u->locale || u->loc.end > src->len)
		r->bad = true;
	return u;
}

static void w_value(kb_buf *b, const kb_value *v)
{
	kbc_w32(b, (uint32_t)v->kind);
	kbc_w32(b, (uint32_t)v->bound);
	w_f64(b, v->min);
	w_f64(b, v->max);
	kb_buf_putc(b, (char)v->business);
	kb_buf_putc(b, (char)v->flag);
	kb_buf_putc(b, (char)v->unit);
	kb_buf_put(b, v->currency, sizeof v->currency);
	kbc_wstr(b, v->label);
	kbc_w32(b, v->days);
	kbc_w64(b, v->start);
	kbc_w64(b, v->end);
}

static kb_value rd_value(kbc_rd *r)
{
	kb_value v;
	memset(&v, 0, sizeof v);
	v.kind = (kb_vkind)kbc_u32(r);
	v.bound = (kb_bound)kbc_u32(r);
	v.min = rd_f64(r);
	v.max = rd_f64(r);
	v.business = kbc_u(r, 1) != 0;
	v.flag = kbc_u(r, 1) != 0;
	v.unit = (unsigned char)kbc_u(r, 1);
	const unsigned char *cur = kbc_take(r, sizeof v.currency);
	if (cur)
		memcpy(v.currency, cur, sizeof v.currency);
	v.currency[sizeof v.currency - 1] = '\0';
	v.label = kbc_str(r);
	v.days = kbc_u32(r);
	v.start = kbc_u64(r);
	v.end = kbc_u64(r);
	if (v.kind > KB_V_WEEKDAYS || v.bound > KB_BOUND_RANGE || v.unit > KB_TU_YEAR)
		r->bad = true;
	return v;
}

static void w_claim(kb_buf *b, const kb_claim *c, uint32_t unit)
{
	kbc_w32(b, unit);
	kbc_wstr(b, c->topic);
	kbc_wstr(b, c->attribute);
	w_value(b, &c->value);
	kbc_write_scope(b, &c->scope);
	kbc_wstr(b, c->quote);
	kbc_w64(b, c->text_start);
	kbc_w64(b, c->text_end);
	w_loc(b, &c->loc);
	kbc_wstr(b, c->sentence);
	kbc_wstr(b, c->rule_file);
	w_i32(b, c->rule_line);
	kbc_wstr(b, c->pattern);
	kbc_wstr(b, c->vkey);
	kbc_wstr(b, c->skey);
	kbc_w32(b, (uint32_t)c->how);
	kbc_wstr(b, c->context);
}

static kb_claim *rd_claim(kbc_rd *r, kb_arena *a, kb_unit *const *units, size_t nunits)
{
	kb_claim *c = KB_NEW(a, kb_claim);
	uint32_t ui = kbc_u32(r);
	c->unit = ui < nunits ? units[ui] : NULL;
	c->topic = kbc_str(r);
	c->attribute = kbc_str(r);
	c->value = rd_value(r);
	c->scope = kbc_read_scope(r, a);
	c->quote = kbc_str(r);
	c->text_start = kbc_u64(r);
	c->text_end = kbc_u64(r);
	c->loc = rd_loc(r);
	c->sentence = kbc_str(r);
	c->rule_file = kbc_str(r);
	c->rule_line = kbc_i32(r);
	c->pattern = kbc_str(r);
	c->vkey = kbc_str(r);
	c->skey = kbc_str(r);
	uint32_t how = kbc_u32(r);
	c->how = how <= KB_HOW_WEAK ? (kb_how)how : KB_HOW_WEAK;
	if (how > KB_HOW_WEAK)
		r->bad = true;
	c->context = kbc_str(r);
	if (!c->unit || !c->topic || !c->attribute || !c->quote || !c->sentence ||
	    c->text_end > c->unit->text_len || c->text_start > c->text_end)
		r->bad = true;
	return c;
}

static void w_unclaimed(kb_buf *b, const kb_unclaimed *n, uint32_t unit)
{
	kbc_w32(b, unit);
	kbc_wstr(b, n->topic);
	kbc_wstr(b, n->attribute);
	kbc_wstr(b, n->quote);
	kbc_w64(b, n->text_start);
	kbc_w64(b, n->text_end);
	w_loc(b, &n->loc);
	kb_buf_putc(b, (char)n->weak);
}

static kb_unclaimed *rd_unclaimed(kbc_rd *r, kb_arena *a, kb_unit *const *units, size_t nunits)
{
	kb_unclaimed *n = KB_NEW(a, kb_unclaimed);
	uint32_t ui = kbc_u32(r);
	n->unit = ui < nunits ? units[ui] : NULL;
	n->topic = kbc_str(r);
	n->attribute = kbc_str(r);
	n->quote = kbc_str(r);
	n->text_start = kbc_u64(r);
	n->text_end = kbc_u64(r);
	n->loc = rd_loc(r);
	n->weak = kbc_u(r, 1) != 0;
	if (!n->unit || !n->topic || !n->attribute || !n->quote ||
	    n->text_end > n->unit->text_len || n->text_start > n->text_end)
		r->bad = true;
	return n;
}

/* The index of unit u among units, searching on from *at (claims and
 * unclaimed values come unit by unit, in order). */
static uint32_t unit_index(const kb_vec *units, const kb_unit *u, size_t *at)
{
	size_t from = *at, k = from;
	while (k < units->len && units->items[k] != u)
		k++;
	if (k == units->len)
		for (k = 0; k < from && units->items[k] != u; k++)
			;
	*at = k;
	return (uint32_t)k;
}

void kbc_write_results(kb_buf *b, kb_diags *diags, kb_diags *xdiags, const kb_cached *in)
{
	w_diags(b, diags);
	w_diags(b, xdiags);
	const kb_vec *units = &in->units;
	kbc_w32(b, (uint32_t)units->len);
	for (size_t k = 0; k < units->len; k++)
		w_unit(b, units->items[k]);
	kbc_w32(b, (uint32_t)in->claims.len);
	size_t u = 0;
	for (size_t k = 0; k < in->claims.len; k++) {
		const kb_claim *cl = in->claims.items[k];
		w_claim(b, cl, unit_index(units, cl->unit, &u));
	}
	kbc_w32(b, (uint32_t)in->unclaimed.len);
	u = 0;
	for (size_t k = 0; k < in->unclaimed.len; k++) {
		const kb_unclaimed *n = in->unclaimed.items[k];
		w_unclaimed(b, n, unit_index(units, n->unit, &u));
	}
	w_i32(b, in->empty);
	kbc_wstr(b, in->empty_why);
}

bool kbc_read_results(kbc_rd *r, kb_arena *a, const kb_source *src, kb_cached *out,
		      kb_diags *diags, kb_diags *xdiags)
{
	size_t units0 = out->units.len, claims0 = out->claims.len, un0 = out->unclaimed.len;
	/* Diagnostics are replayed only when the whole entry read well. */
	kbc_rd at_diags = *r;
	rd_diags(r, NULL);
	rd_diags(r, NULL);
	size_t nu = kbc_count(r, 30);
	kb_unit **us = KB_NEWN(a, kb_unit *, nu ? nu : 1);
	for (size_t k = 0; k < nu && !r->bad; k++) {
		us[k] = rd_unit(r, a, src);
		kb_vec_push(a, &out->units, us[k]);
	}
	size_t nc = kbc_count(r, 60);
	for (size_t k = 0; k < nc && !r->bad; k++)
		kb_vec_push(a, &out->claims, rd_claim(r, a, us, nu));
	size_t nn = kbc_count(r, 40);
	for (size_t k = 0; k < nn && !r->bad; k++)
		kb_vec_push(a, &out->unclaimed, rd_unclaimed(r, a, us, nu));
	int empty = kbc_i32(r);
	const char *why = kbc_str(r);
	if (empty < -1 || empty >= KB_UNREAD_NREASONS)
		r->bad = true;
	if (r->bad || r->p != r->end) {
		out->units.len = units0;
		out->claims.len = claims0;
		out->unclaimed.len = un0;
		return false;
	}
	out->empty = empty;
	out->empty_why = why;
	rd_diags(&at_diags, diags);
	rd_diags(&at_diags, xdiags);
	return true;
}
