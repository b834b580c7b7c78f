/* audit_model.c - the audit's figures from the history (audit_model.h). */
#include "audit_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/vec.h"

enum { DAY = 86400 };

/* Days since the epoch, rounding down (also before 1970). */
static int64_t day_of(int64_t t) { return t >= 0 ? t / DAY : -((-t + DAY - 1) / DAY); }

/* Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday). */
static int weekday(int64_t day) { return (int)(((day + 3) % 7 + 7) % 7); }

static int64_t week_start(int64_t t)
{
	int64_t d = day_of(t);
	return (d - weekday(d)) * DAY;
}

/* Civil date of a day number (Howard Hinnant's days_from_civil inverse). */
static void civil(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void kb_iso_week_name(int64_t t, char out[16])
{
	int64_t d = day_of(t);
	int64_t thursday = d - weekday(d) + 3; /* the week belongs to its Thursday's year */
	int y, m, dd;
	civil(thursday, &y, &m, &dd);
	int64_t week = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
	snprintf(out, 16, "%04d-W%02d", y % 10000, (int)week);
}

bool kb_iso_week_start(const char *s, int64_t *start)
{
	int y, w, n = 0;
	if (sscanf(s, "%4d-%*1[Ww]%2d%n", &y, &w, &n) != 2 &&
	    sscanf(s, "%4d%*1[Ww]%2d%n", &y, &w, &n) != 2)
		return false;
	if (s[n] || w < 1 || w > 53 || y < 1970)
		return false;
	int64_t jan4 = days_from_civil(y, 1, 4);
	int64_t monday = jan4 - weekday(jan4) + (int64_t)(w - 1) * 7;
	char check[16], want[16];
	kb_iso_week_name(monday * DAY, check);
	snprintf(want, sizeof want, "%04d-W%02d", y, w);
	if (strcmp(check, want)) /* week 53 of a 52-week year */
		return false;
	*start = monday * DAY;
	return true;
}

int kb_audit_severity_rank(const char *s)
{
	if (!s)
		return 0;
	return !strcmp(s, "error") ? 2 : !strcmp(s, "warning") ? 1 : 0;
}

static int channel_rank(const char *c)
{
	return !strcmp(c, "faq") ? 0 : !strcmp(c, "chatbot") ? 1 : !strcmp(c, "macro") ? 2 : 3;
}

const char *kb_audit_channel_label(const char *c)
{
	static const char *const labels[] = {"FAQ", "Chatbot", "Macro"};
	int r = channel_rank(c);
	return r < 3 ? labels[r] : c;
}

const char *kb_audit_finding_name(kb_arena *a, const kb_hfinding *f)
{
	if (f->scope && *f->scope)
		return kb_sprintf(a, "%s.%s [%s]", f->topic, f->attribute, f->scope);
	return kb_sprintf(a, "%s.%s", f->topic, f->attribute);
}

static void put_encoded(kb_buf *b, const char *s, bool keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			     (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
			     c == '~' || (keep_slash && c == '/');
		if (plain) {
			kb_buf_putc(b, (char)c);
		} else {
			kb_buf_putc(b, '%');
			kb_buf_putc(b, hex[c >> 4]);
			kb_buf_putc(b, hex[c & 15]);
		}
	}
}

const kb_hrun *kb_audit_last_seen(const kb_audit_model *m, const kb_hfinding *f)
{
	return f->nseen ? &m->h->runs[f->seen[f->nseen - 1].run] : m->ref;
}

const char *kb_audit_link(kb_arena *a, const kb_audit_model *m, const kb_hclaim *c,
			  const kb_hrun *run)
{
	const char *t = m->source_url;
	if (!t || (strncmp(t, "https://", 8) && strncmp(t, "http://", 7)))
		return NULL;
	if (!run)
		run = m->ref;
	const char *rev = run && run->revision ? run->revision : "HEAD";
	kb_buf b = KB_BUF_INIT;
	while (*t) {
		if (!strncmp(t, "{rev}", 5)) {
			put_encoded(&b, rev, false);
			t += 5;
		} else if (!strncmp(t, "{path}", 6)) {
			put_encoded(&b, c->relpath ? c->relpath : c->path, true);
			t += 6;
		} else if (!strncmp(t, "{line}", 6)) {
			kb_buf_printf(&b, "%d", c->line);
			t += 6;
		} else if (!strncmp(t, "{column}", 8)) {
			kb_buf_printf(&b, "%d", c->column);
			t += 8;
		} else {
			kb_buf_putc(&b, *t++);
		}
	}
	const char *link = kb_strdup(a, kb_buf_cstr(&b));
	kb_buf_free(&b);
	return link;
}

/* n bytes of s back from its end (or forward from its start), cut at a
 * character boundary, roughly max characters. */
static const char *cut(kb_arena *a, const char *s, size_t n, size_t max, bool keep_end)
{
	size_t chars = 0, i;
	if (keep_end) {
		for (i = n; i > 0 && chars < max; i--)
			chars += ((unsigned char)s[i - 1] & 0xC0) != 0x80;
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		return i == 0 ? kb_strndup(a, s, n) : kb_sprintf(a, "…%.*s", (int)(n - i), s + i);
	}
	for (i = 0; i < n && chars < max; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i == n ? kb_strndup(a, s, n) : kb_sprintf(a, "%.*s…", (int)i, s);
}

void kb_audit_excerpt(kb_arena *a, const kb_hclaim *c, const char **before, const char **after)
{
	*before = *after = NULL;
	const char *at =
	    c->sentence && c->quote && *c->quote ? strstr(c->sentence, c->quote) : NULL;
	if (!at)
		return;
	const char *end = at + strlen(c->quote);
	*before = cut(a, c->sentence, (size_t)(at - c->sentence), 120, true);
	*after = cut(a, end, strlen(end), 120, false);
}

static bool in_window(const kb_audit_opts *o, int64_t t) { return t >= o->since && t <= o->until; }

static int cmp_open(const void *pa, const void *pb)
{
	const kb_aitem *a = pa, *b = pb;
	int ra = kb_audit_severity_rank(a->f->severity),
	    rb = kb_audit_severity_rank(b->f->severity);
	if (ra != rb)
		return rb - ra;
	if (a->since != b->since)
		return a->since < b->since ? -1 : 1;
	return strcmp(a->f->fingerprint, b->f->fingerprint);
}

static int cmp_resolved(const void *pa, const void *pb)
{
	const kb_aitem *a = pa, *b = pb;
	if (a->resolved != b->resolved)
		return a->resolved > b->resolved ? -1 : 1;
	return strcmp(a->f->fingerprint, b->f->fingerprint);
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

static int cmp_col(const void *pa, const void *pb)
{
	const kb_acol *a = pa, *b = pb;
	int ra = channel_rank(a->channel), rb = channel_rank(b->channel);
	if (ra != rb)
		return ra - rb;
	int c = strcmp(a->channel, b->channel);
	return c ? c : strcmp(a->locale, b->locale);
}

static int cmp_topic(const void *pa, const void *pb)
{
	const kb_atopic *a = pa, *b = pb;
	if (a->open != b->open)
		return a->open > b->open ? -1 : 1;
	if (a->new_ + a->resolved != b->new_ + b->resolved)
		return a->new_ + a->resolved > b->new_ + b->resolved ? -1 : 1;
	return strcmp(a->topic, b->topic);
}

typedef struct {
	kb_arena *a;
	kb_audit_model *m;
	kb_hevent **events; /* per finding */
	size_t *nevents;
	kb_vec cols; /* kb_acol* while collecting */
} builder;

static size_t col_index(const kb_audit_model *m, const char *channel, const char *locale)
{
	for (size_t i = 0; i < m->ncols; i++)
		if (!strcmp(m->cols[i].channel, channel) && !strcmp(m->cols[i].locale, locale))
			return i;
	return (size_t)-1;
}

static void add_col(builder *b, const char *channel, const char *locale)
{
	for (size_t i = 0; i < b->cols.len; i++) {
		const kb_acol *c = b->cols.items[i];
		if (!strcmp(c->channel, channel) && !strcmp(c->locale, locale))
			return;
	}
	kb_acol *c = KB_NEW(b->a, kb_acol);
	c->channel = channel;
	c->locale = locale;
	c->label = kb_sprintf(b->a, "%s %s", kb_audit_channel_label(channel), locale);
	kb_vec_push(b->a, &b->cols, c);
}

static void build_events(builder *b)
{
	const kb_history *h = b->m->h;
	b->events = KB_NEWN(b->a, kb_hevent *, h->nfindings + 1);
	b->nevents = KB_NEWN(b->a, size_t, h->nfindings + 1);
	for (size_t i = 0; i < h->nfindings; i++) {
		b->events[i] = KB_NEWN(b->a, kb_hevent, 2 * h->findings[i].nseen + 1);
		b->nevents[i] = kb_hfinding_events(h, &h->findings[i], b->events[i]);
	}
}

static bool has_event(const builder *b, size_t i, kb_hevent_kind kind, int64_t from, int64_t to)
{
	for (size_t k = 0; k < b->nevents[i]; k++) {
		int64_t t = b->m->h->runs[b->events[i][k].run].time;
		if (b->events[i][k].kind == kind && t >= from && t <= to)
			return true;
	}
	return false;
}

static void build_items(builder *b)
{
	kb_audit_model *m = b->m;
	const kb_history *h = m->h;
	const kb_audit_opts *o = m->o;
	size_t ref = h->ref;
	kb_aitem *open = KB_NEWN(b->a, kb_aitem, h->nfindings + 1);
	kb_aitem *acked = KB_NEWN(b->a, kb_aitem, h->nfindings + 1);
	kb_aitem *resolved = KB_NEWN(b->a, kb_aitem, h->nfindings + 1);
	size_t no = 0, na = 0, nr = 0;
	for (size_t i = 0; i < h->nfindings; i++) {
		const kb_hfinding *f = &h->findings[i];
		bool is_new = has_event(b, i, KB_HEV_NEW, o->since, o->until);
		m->new_ += is_new;
		kb_aitem it = {.f = f, .since = f->first_seen, .resolved = -1, .is_new = is_new};
		bool ack;
		if (ref != KB_NO_RUN && kb_hfinding_seen_at(f, ref, &ack)) {
			it.age_days = o->now > f->first_seen ? (o->now - f->first_seen) / DAY : 0;
			if (ack)
				acked[na++] = it;
			else
				open[no++] = it;
			continue;
		}
		it.resolved = kb_hfinding_resolved_at(h, f, ref);
		if (it.resolved >= 0 && in_window(o, it.resolved)) {
			it.age_days =
			    it.resolved > f->first_seen ? (it.resolved - f->first_seen) / DAY : 0;
			resolved[nr++] = it;
		}
	}
	qsort(open, no, sizeof *open, cmp_open);
	qsort(acked, na, sizeof *acked, cmp_open);
	qsort(resolved, nr, sizeof *resolved, cmp_resolved);
	m->open_items = open;
	m->nopen_items = no;
	m->acked_items = acked;
	m->nacked_items = na;
	m->resolved_items = resolved;
	m->nresolved_items = nr;
	m->open = (int64_t)no;
	m->acked = (int64_t)na;
	m->resolved = (int64_t)nr;
	if (no) {
		double *ages = KB_NEWN(b->a, double, no);
		for (size_t i = 0; i < no; i++) {
			ages[i] = (double)open[i].age_days;
			m->by_severity[kb_audit_severity_rank(open[i].f->severity)]++;
		}
		qsort(ages, no, sizeof *ages, cmp_double);
		m->median_age_days = no % 2 ? ages[no / 2] : (ages[no / 2 - 1] + ages[no / 2]) / 2;
		m->have_median = true;
	}
}

static void build_weeks(builder *b)
{
	kb_audit_model *m = b->m;
	const kb_history *h = m->h;
	int n = m->o->weeks > 0 ? m->o->weeks : 12;
	if (n > KB_AUDIT_MAX_WEEKS)
		n = KB_AUDIT_MAX_WEEKS;
	m->nweeks = n;
	int64_t last = week_start(m->o->until);
	for (int k = 0; k < n; k++) {
		kb_aweek *w = &m->weeks[k];
		w->start = last - (int64_t)(n - 1 - k) * 7 * DAY;
		int64_t end = w->start + 7 * DAY - 1;
		kb_iso_week_name(w->start, w->name);
		size_t run = kb_history_run_at(h, end);
		w->has_run = run != KB_NO_RUN;
		for (size_t i = 0; i < h->nfindings; i++) {
			if (w->has_run && kb_hfinding_open_at(&h->findings[i], run))
				w->open++;
			w->new_ += has_event(b, i, KB_HEV_NEW, w->start, end);
			for (size_t e = 0; e < b->nevents[i]; e++) {
				int64_t t = h->runs[b->events[i][e].run].time;
				w->resolved += b->events[i][e].kind == KB_HEV_RESOLVED &&
					       t >= w->start && t <= end;
			}
		}
	}
}

static kb_atopic *topic_get(kb_arena *a, kb_vec *v, const char *topic)
{
	for (size_t i = 0; i < v->len; i++)
		if (!strcmp(((kb_atopic *)v->items[i])->topic, topic))
			return v->items[i];
	kb_atopic *t = KB_NEW(a, kb_atopic);
	t->topic = topic;
	kb_vec_push(a, v, t);
	return t;
}

static void build_topics(builder *b)
{
	kb_audit_model *m = b->m;
	kb_vec v = {0};
	for (size_t i = 0; i < m->nopen_items; i++)
		topic_get(b->a, &v, m->open_items[i].f->topic)->open++;
	for (size_t i = 0; i < m->nacked_items; i++)
		topic_get(b->a, &v, m->acked_items[i].f->topic)->acked++;
	for (size_t i = 0; i < m->nresolved_items; i++)
		topic_get(b->a, &v, m->resolved_items[i].f->topic)->resolved++;
	for (size_t i = 0; i < m->h->nfindings; i++)
		if (has_event(b, i, KB_HEV_NEW, m->o->since, m->o->until))
			topic_get(b->a, &v, m->h->findings[i].topic)->new_++;
	kb_atopic *t = KB_NEWN(b->a, kb_atopic, v.len + 1);
	for (size_t i = 0; i < v.len; i++)
		t[i] = *(kb_atopic *)v.items[i];
	qsort(t, v.len, sizeof *t, cmp_topic);
	m->topics = t;
	m->ntopics = v.len;
}

static void build_cols(builder *b)
{
	kb_audit_model *m = b->m;
	for (size_t i = 0; i < m->h->nclaims; i++)
		add_col(b, m->h->claims[i].channel, m->h->claims[i].locale);
	for (size_t i = 0; i < m->nopen_items; i++)
		for (size_t k = 0; k < m->open_items[i].f->nsides; k++)
			add_col(b, m->open_items[i].f->sides[k].claim->channel,
				m->open_items[i].f->sides[k].claim->locale);
	kb_acol *cols = KB_NEWN(b->a, kb_acol, b->cols.len + 1);
	for (size_t i = 0; i < b->cols.len; i++)
		cols[i] = *(kb_acol *)b->cols.items[i];
	qsort(cols, b->cols.len, sizeof *cols, cmp_col);
	m->cols = cols;
	m->ncols = b->cols.len;
}

/* Which columns (or channels) a finding sets against each other: every
 * deviating side against every other side; with no reference side (a tie)
 * all sides against each other.  Each pair counts once per finding.  Works
 * on how many sides each column has, not on pairs of sides, so a finding
 * with thousands of sides costs no more than a column count squared. */
static void build_pairs(builder *b)
{
	kb_audit_model *m = b->m;
	size_t n = m->ncols;
	int64_t *pairs = KB_NEWN(b->a, int64_t, n * n + 1);
	size_t *dev = KB_NEWN(b->a, size_t, n + 1), *ref = KB_NEWN(b->a, size_t, n + 1);
	for (size_t i = 0; i < m->nopen_items; i++) {
		const kb_hfinding *f = m->open_items[i].f;
		memset(dev, 0, n * sizeof *dev);
		memset(ref, 0, n * sizeof *ref);
		bool any_reference = false;
		for (size_t k = 0; k < f->nsides; k++) {
			const kb_hclaim *c = f->sides[k].claim;
			size_t col = col_index(m, c->channel, c->locale);
			if (col == (size_t)-1)
				continue;
			if (f->sides[k].deviates)
				dev[col]++;
			else
				ref[col]++;
			any_reference |= !f->sides[k].deviates;
		}
		bool chan[4][4] = {{false}};
		for (size_t x = 0; x < n; x++)
			for (size_t y = x; y < n; y++) {
				bool hit;
				if (any_reference)
					hit = (dev[x] && ref[y]) || (ref[x] && dev[y]);
				else
					hit = x == y ? dev[x] >= 2 : dev[x] && dev[y];
				if (!hit)
					continue;
				pairs[x * n + y]++;
				if (x != y)
					pairs[y * n + x]++;
				int cx = channel_rank(m->cols[x].channel),
				    cy = channel_rank(m->cols[y].channel);
				chan[cx < cy ? cx : cy][cx < cy ? cy : cx] = true;
			}
		for (int x = 0; x < 4; x++)
			for (int y = x; y < 4; y++)
				m->channel_pairs[x][y] += chan[x][y];
	}
	m->pairs = pairs;
}

static int cmp_canon_key(const char *topic, const char *attr, const char *scope, const kb_hcanon *c)
{
	int r = strcmp(topic, c->topic);
	if (!r)
		r = strcmp(attr, c->attribute);
	return r ? r : strcmp(scope, c->scope);
}

static const kb_hcanon *find_canon(const kb_history *h, const kb_hclaim *c)
{
	size_t lo = 0, hi = h->ncanon;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = cmp_canon_key(c->topic, c->attribute, c->scope, &h->canon[mid]);
		if (!r)
			return &h->canon[mid];
		if (r > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static bool same_row(const kb_hclaim *a, const kb_hclaim *b)
{
	return !strcmp(a->topic, b->topic) && !strcmp(a->attribute, b->attribute) &&
	       !strcmp(a->scope, b->scope);
}

static int cmp_value(const void *pa, const void *pb)
{
	const kb_avalue *a = pa, *b = pb;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->value, b->value);
}

/* One matrix row from claims [from, to) (same topic, attribute, scope). */
static void build_row(builder *b, kb_arow *row, size_t from, size_t to)
{
	kb_audit_model *m = b->m;
	const kb_hclaim *cl = m->h->claims;
	row->topic = cl[from].topic;
	row->attribute = cl[from].attribute;
	row->scope = cl[from].scope;
	const kb_hcanon *canon = find_canon(m->h, &cl[from]);
	if (canon) {
		row->reference = canon->value;
		row->ref_source = canon->source;
		row->canonical = true;
	} else {
		/* A strict majority of the claims, by value. */
		for (size_t i = from; i < to && !row->reference; i++) {
			size_t n = 0;
			for (size_t k = from; k < to; k++)
				n += !strcmp(cl[k].value_key, cl[i].value_key);
			if (2 * n > to - from)
				row->reference = cl[i].value;
		}
	}
	kb_acell *cells = KB_NEWN(b->a, kb_acell, m->ncols + 1);
	for (size_t c = 0; c < m->ncols; c++) {
		kb_avalue *vals = KB_NEWN(b->a, kb_avalue, to - from);
		size_t nv = 0;
		for (size_t i = from; i < to; i++) {
			if (strcmp(cl[i].channel, m->cols[c].channel) ||
			    strcmp(cl[i].locale, m->cols[c].locale))
				continue;
			size_t k = 0;
			while (k < nv && strcmp(vals[k].first->value_key, cl[i].value_key))
				k++;
			if (k == nv)
				vals[nv++] = (kb_avalue){cl[i].value, &cl[i], 0, false};
			vals[k].count++;
			vals[k].deviates |= cl[i].deviates;
			cells[c].deviates |= cl[i].deviates;
		}
		qsort(vals, nv, sizeof *vals, cmp_value);
		cells[c].values = vals;
		cells[c].nvalues = nv;
		row->deviates |= cells[c].deviates;
	}
	row->cells = cells;
}

static void build_rows(builder *b)
{
	kb_audit_model *m = b->m;
	const kb_history *h = m->h;
	kb_arow *rows = KB_NEWN(b->a, kb_arow, h->nclaims + 1);
	size_t n = 0;
	for (size_t i = 0; i < h->nclaims;) {
		size_t j = i + 1;
		while (j < h->nclaims && same_row(&h->claims[i], &h->claims[j]))
			j++;
		build_row(b, &rows[n++], i, j);
		i = j;
	}
	m->rows = rows;
	m->nrows = n;
}

kb_audit_model *kb_audit_model_build(kb_arena *a, const kb_history *h, const kb_audit_opts *o)
{
	kb_audit_model *m = KB_NEW(a, kb_audit_model);
	m->h = h;
	m->o = o;
	m->ref = h->ref != KB_NO_RUN ? &h->runs[h->ref] : NULL;
	m->source_url = o->source_url ? o->source_url : m->ref ? m->ref->source_url : NULL;
	builder b = {.a = a, .m = m};
	build_events(&b);
	build_items(&b);
	build_weeks(&b);
	build_topics(&b);
	build_cols(&b);
	build_pairs(&b);
	build_rows(&b);
	kb_audit_coverage_build(a, m);
	return m;
}
