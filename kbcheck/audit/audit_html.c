/* audit_html.c - the audit as one self-contained HTML page.
 *
 * The page is a libxml2 document tree serialized at the end, so every
 * string from the knowledge base or the database is a text node or an
 * attribute value, escaped by the serializer; nothing is pasted as markup.
 * A Content-Security-Policy forbids scripts and every network request,
 * and the page needs neither: CSS and the trend chart (SVG nodes) are
 * inline.  Links go only to the configured source URL template.
 */
#include "audit.h"

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "../base/buf.h"
#include "audit_model.h"
#include "audit_page.h"

static const char *date(ap_page *p, int64_t t)
{
	char buf[32];
	kb_htime_format(buf, t, false);
	return kb_strdup(p->a, buf);
}

static void head(ap_page *p, xmlNodePtr html, const char *title)
{
	xmlNodePtr h = ap_el(html, "head", NULL);
	xmlNodePtr meta = ap_el(h, "meta", NULL);
	ap_attr(p, meta, "http-equiv", "Content-Type");
	ap_attr(p, meta, "content", "text/html; charset=utf-8");
	meta = ap_el(h, "meta", NULL);
	ap_attr(p, meta, "name", "viewport");
	ap_attr(p, meta, "content", "width=device-width, initial-scale=1");
	/* No scripts, no requests: the page is complete as it is. */
	meta = ap_el(h, "meta", NULL);
	ap_attr(p, meta, "http-equiv", "Content-Security-Policy");
	ap_attr(p, meta, "content",
	     "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
	     "form-action 'none'; base-uri 'none'");
	meta = ap_el(h, "meta", NULL);
	ap_attr(p, meta, "name", "referrer");
	ap_attr(p, meta, "content", "no-referrer");
	meta = ap_el(h, "meta", NULL);
	ap_attr(p, meta, "name", "generator");
	ap_attr(p, meta, "content", "kbcheck " KB_VERSION);
	ap_text_el(p, h, "title", NULL, title);
	xmlNodePtr style = ap_el(h, "style", NULL);
	xmlAddChild(style, xmlNewText((const xmlChar *)kb_audit_css));
}

static void figure(ap_page *p, xmlNodePtr dl, const char *id, const char *label, const char *value,
		   const char *unit)
{
	xmlNodePtr div = ap_el(dl, "div", "figure");
	ap_text_el(p, div, "dt", NULL, label);
	xmlNodePtr dd = ap_text_el(p, div, "dd", NULL, value);
	ap_attr(p, dd, "id", id);
	ap_attr(p, dd, "data-value", value);
	if (unit) {
		ap_text(p, dd, " ");
		ap_text_el(p, dd, "small", NULL, unit);
	}
}

static void summary(ap_page *p, xmlNodePtr main)
{
	const kb_audit_model *m = p->m;
	xmlNodePtr sec = ap_el(main, "section", NULL);
	ap_attr(p, sec, "id", "summary");
	ap_text_el(p, sec, "h2", NULL, "Summary");
	xmlNodePtr dl = ap_el(sec, "dl", "figures");
	figure(p, dl, "fig-open", "Open conflicts", kb_sprintf(p->a, "%lld", (long long)m->open),
	       NULL);
	figure(p, dl, "fig-new", "New this week", kb_sprintf(p->a, "%lld", (long long)m->new_),
	       NULL);
	figure(p, dl, "fig-resolved", "Resolved this week",
	       kb_sprintf(p->a, "%lld", (long long)m->resolved), NULL);
	figure(p, dl, "fig-acked", "Acknowledged", kb_sprintf(p->a, "%lld", (long long)m->acked),
	       NULL);
	figure(p, dl, "fig-median", "Median age of open conflicts",
	       m->have_median ? kb_sprintf(p->a, "%g", m->median_age_days) : "–",
	       m->have_median ? ap_plural((int64_t)m->median_age_days, "day", "days") : NULL);
	xmlNodePtr para = ap_el(sec, "p", "muted");
	ap_textf(p, para, "Open by severity: %lld %s, %lld %s, %lld %s.", (long long)m->by_severity[2],
	      ap_plural(m->by_severity[2], "error", "errors"), (long long)m->by_severity[1],
	      ap_plural(m->by_severity[1], "warning", "warnings"), (long long)m->by_severity[0],
	      ap_plural(m->by_severity[0], "note", "notes"));
	if (m->ref) {
		ap_text(p, para, " Latest run: ");
		int64_t n = (int64_t)m->h->ncounts;
		ap_textf(p, para, "%lld files, %lld answers, %lld claims in %lld channel/locale %s.",
		      (long long)m->ref->files, (long long)m->ref->units, (long long)m->ref->claims,
		      (long long)n, ap_plural(n, "combination", "combinations"));
	}
}

/* 1, 2, 5 x 10^k at or above v. */
static double nice_ceiling(double v)
{
	if (v <= 1)
		return 1;
	double e = pow(10, floor(log10(v)));
	for (int i = 0; i < 3; i++) {
		static const double steps[] = {1, 2, 5};
		if (steps[i] * e >= v)
			return steps[i] * e;
	}
	return 10 * e;
}

static xmlNodePtr svg_el(ap_page *p, xmlNodePtr parent, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* An SVG element; fmt gives its attributes as name=value pairs separated
 * by spaces (numbers and constants only, never KB text). */
static xmlNodePtr svg_el(ap_page *p, xmlNodePtr parent, const char *name, const char *fmt, ...)
{
	xmlNodePtr n = ap_el(parent, name, NULL);
	kb_buf b = KB_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *s = b.ptr;
	while (s && *s) {
		char *eq = strchr(s, '='), *sp = eq ? strchr(eq, ' ') : NULL;
		if (!eq)
			break;
		*eq = '\0';
		if (sp)
			*sp = '\0';
		ap_attr(p, n, s, eq + 1);
		s = sp ? sp + 1 : NULL;
	}
	kb_buf_free(&b);
	return n;
}

static void trend(ap_page *p, xmlNodePtr main)
{
	const kb_audit_model *m = p->m;
	xmlNodePtr sec = ap_el(main, "section", NULL);
	ap_attr(p, sec, "id", "trend");
	ap_textf(p, ap_el(sec, "h2", NULL), "Trend over %d weeks", m->nweeks);
	double maxv = 0;
	for (int k = 0; k < m->nweeks; k++) {
		const kb_aweek *w = &m->weeks[k];
		maxv = fmax(maxv, (double)w->open);
		maxv = fmax(maxv, (double)fmax(w->new_, w->resolved));
	}
	maxv = nice_ceiling(maxv);
	const double W = 480, H = 220, L = 34, R = 8, T = 12, B = 30;
	const double pw = W - L - R, ph = H - T - B, bw = pw / m->nweeks;
	xmlNodePtr grid = ap_el(sec, "div", "trend");
	xmlNodePtr fig = ap_el(grid, "figure", NULL);
	ap_attr(p, fig, "style", "margin:0");
	xmlNodePtr svg = svg_el(p, fig, "svg", "class=chart role=img");
	ap_attr(p, svg, "viewBox", kb_sprintf(p->a, "0 0 %g %g", W, H));
	ap_attr(p, svg, "aria-label", "Open, new and resolved conflicts per week");
	ap_text_el(p, svg, "title", NULL, "Open, new and resolved conflicts per week");
	for (int i = 0; i <= 4; i++) {
		double v = maxv * i / 4, y = T + ph - ph * i / 4;
		if (i > 0 && v != floor(v))
			continue;
		svg_el(p, svg, "line", "x1=%g x2=%g y1=%.1f y2=%.1f stroke=#d1d9e0 stroke-width=1",
		       L, W - R, y, y);
		xmlNodePtr t = svg_el(p, svg, "text", "x=%g y=%.1f text-anchor=end", L - 6, y + 4);
		ap_textf(p, t, "%g", v);
	}
	kb_buf pts = KB_BUF_INIT;
	for (int k = 0; k < m->nweeks; k++) {
		const kb_aweek *w = &m->weeks[k];
		double x = L + k * bw;
		double hn = ph * (double)w->new_ / maxv, hr = ph * (double)w->resolved / maxv;
		xmlNodePtr r =
		    svg_el(p, svg, "rect", "x=%.1f y=%.1f width=%.1f height=%.1f fill=#c85000",
			   x + bw * 0.16, T + ph - hn, bw * 0.32, hn);
		ap_textf(p, ap_el(r, "title", NULL), "%s: %lld new", w->name, (long long)w->new_);
		r = svg_el(p, svg, "rect", "x=%.1f y=%.1f width=%.1f height=%.1f fill=#2e7d32",
			   x + bw * 0.52, T + ph - hr, bw * 0.32, hr);
		ap_textf(p, ap_el(r, "title", NULL), "%s: %lld resolved", w->name,
		      (long long)w->resolved);
		xmlNodePtr t = svg_el(p, svg, "text", "x=%.1f y=%g text-anchor=middle", x + bw / 2,
				      H - B + 16);
		ap_text(p, t, w->name + 5); /* "W47" */
		if (w->has_run)
			kb_buf_printf(&pts, "%s%.1f,%.1f", pts.len ? " " : "", x + bw / 2,
				      T + ph - ph * (double)w->open / maxv);
	}
	if (pts.len) {
		xmlNodePtr pl =
		    svg_el(p, svg, "polyline",
			   "fill=none stroke=#1a5fb4 stroke-width=2.5 stroke-linejoin=round");
		ap_attr(p, pl, "points", kb_buf_cstr(&pts));
		for (int k = 0; k < m->nweeks; k++) {
			const kb_aweek *w = &m->weeks[k];
			if (!w->has_run)
				continue;
			xmlNodePtr c =
			    svg_el(p, svg, "circle", "cx=%.1f cy=%.1f r=3.5 fill=#1a5fb4",
				   L + k * bw + bw / 2, T + ph - ph * (double)w->open / maxv);
			ap_textf(p, ap_el(c, "title", NULL), "%s: %lld open", w->name,
			      (long long)w->open);
		}
	}
	kb_buf_free(&pts);
	xmlNodePtr cap = ap_el(fig, "figcaption", "legend");
	static const struct {
		const char *color, *label;
	} keys[] = {{"#1a5fb4", "open at the end of the week"},
		    {"#c85000", "new"},
		    {"#2e7d32", "resolved"}};
	for (size_t i = 0; i < 3; i++) {
		xmlNodePtr item = ap_el(cap, "span", NULL);
		xmlNodePtr k = ap_el(item, "span", "key");
		ap_attr(p, k, "style", kb_sprintf(p->a, "background:%s", keys[i].color));
		ap_text(p, item, keys[i].label);
	}
	/* The same figures as a table, for screen readers, copying, and print. */
	xmlNodePtr scroll = ap_el(grid, "div", "scroll");
	xmlNodePtr table = ap_el(scroll, "table", "weeks");
	ap_attr(p, table, "id", "trend-table");
	xmlNodePtr tr = ap_el(ap_el(table, "thead", NULL), "tr", NULL);
	ap_text_el(p, tr, "th", NULL, "Week");
	ap_text_el(p, tr, "th", "starts", "Starts");
	ap_text_el(p, tr, "th", "num", "Open");
	ap_text_el(p, tr, "th", "num", "New");
	ap_text_el(p, tr, "th", "num", "Resolved");
	xmlNodePtr tb = ap_el(table, "tbody", NULL);
	for (int k = m->nweeks; k-- > 0;) {
		const kb_aweek *w = &m->weeks[k];
		tr = ap_el(tb, "tr", NULL);
		ap_text_el(p, tr, "td", NULL, w->name);
		ap_text_el(p, tr, "td", "starts", date(p, w->start));
		if (w->has_run)
			ap_num_cell(p, tr, "td", w->open);
		else
			ap_attr(p, ap_text_el(p, tr, "td", "num muted", "–"), "title",
			     "no run recorded yet");
		ap_num_cell(p, tr, "td", w->new_);
		ap_num_cell(p, tr, "td", w->resolved);
	}
}

static int heat_class(int64_t v, int64_t max)
{
	if (v <= 0 || max <= 0)
		return 0;
	int c = (int)ceil(5.0 * (double)v / (double)max);
	return c < 1 ? 1 : c > 5 ? 5 : c;
}

static void where(ap_page *p, xmlNodePtr main)
{
	const kb_audit_model *m = p->m;
	xmlNodePtr sec = ap_el(main, "section", NULL);
	ap_attr(p, sec, "id", "where");
	ap_text_el(p, sec, "h2", NULL, "Where the conflicts are");
	ap_text_el(p, sec, "h3", NULL, "By topic");
	if (!m->ntopics) {
		ap_text_el(p, sec, "p", "muted", "No conflicts in this period.");
	} else {
		int64_t maxo = 1;
		for (size_t i = 0; i < m->ntopics; i++)
			maxo = m->topics[i].open > maxo ? m->topics[i].open : maxo;
		xmlNodePtr table = ap_el(ap_el(sec, "div", "scroll"), "table", "topics");
		ap_attr(p, table, "id", "topics");
		xmlNodePtr tr = ap_el(ap_el(table, "thead", NULL), "tr", NULL);
		ap_text_el(p, tr, "th", NULL, "Topic");
		ap_text_el(p, tr, "th", "num", "Open");
		ap_text_el(p, tr, "th", "num", "New");
		ap_text_el(p, tr, "th", "num", "Resolved");
		ap_text_el(p, tr, "th", "num", "Acknow\xc2\xadledged"); /* soft hyphen */
		xmlNodePtr tb = ap_el(table, "tbody", NULL);
		for (size_t i = 0; i < m->ntopics; i++) {
			const kb_atopic *t = &m->topics[i];
			tr = ap_el(tb, "tr", NULL);
			xmlNodePtr td = ap_el(tr, "td", NULL);
			xmlNodePtr bar = ap_el(td, "span", "bar");
			ap_attr(p, bar, "style",
			     kb_sprintf(p->a, "width:%.1fem",
					0.2 + 6.0 * (double)t->open / (double)maxo));
			ap_text_el(p, td, "code", NULL, t->topic);
			ap_num_cell(p, tr, "td", t->open);
			ap_num_cell(p, tr, "td", t->new_);
			ap_num_cell(p, tr, "td", t->resolved);
			ap_num_cell(p, tr, "td", t->acked);
		}
	}

	ap_text_el(p, sec, "h3", NULL, "By channel pair");
	/* Channel totals first: FAQ x Chatbot, FAQ x Macro, ... */
	static const char *const chan[] = {"FAQ", "Chatbot", "Macro", "Other"};
	xmlNodePtr ul = NULL;
	for (int x = 0; x < 4; x++)
		for (int y = x; y < 4; y++) {
			if (!m->channel_pairs[x][y])
				continue;
			if (!ul) {
				ul = ap_el(sec, "ul", "pairs");
				ap_attr(p, ul, "id", "channel-pairs");
			}
			xmlNodePtr li = ap_el(ul, "li", NULL);
			if (x == y)
				ap_textf(p, li, "within %s: ", chan[x]);
			else
				ap_textf(p, li, "%s × %s: ", chan[x], chan[y]);
			ap_textf(p, ap_el(li, "strong", NULL), "%lld", (long long)m->channel_pairs[x][y]);
			ap_text(p, li,
			     ap_plural(m->channel_pairs[x][y], " open conflict", " open conflicts"));
		}
	if (!ul) {
		ap_text_el(p, sec, "p", "muted", "No open conflicts.");
		return;
	}
	/* The heat map by channel and locale: only columns that take part. */
	size_t n = m->ncols;
	bool *used = KB_NEWN(p->a, bool, n + 1);
	int64_t max = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (m->pairs[i * n + j]) {
				used[i] = used[j] = true;
				max = m->pairs[i * n + j] > max ? m->pairs[i * n + j] : max;
			}
	ap_text_el(p, sec, "p", "muted",
		"Open conflicts between each pair of channel and locale (a cell on the "
		"diagonal: sources of the same channel and locale disagree).");
	xmlNodePtr table = ap_el(ap_el(sec, "div", "scroll"), "table", "heat");
	ap_attr(p, table, "id", "heatmap");
	xmlNodePtr tr = ap_el(ap_el(table, "thead", NULL), "tr", NULL);
	ap_el(tr, "th", NULL);
	for (size_t j = 0; j < n; j++)
		if (used[j])
			ap_attr(p, ap_text_el(p, tr, "th", NULL, m->cols[j].label), "scope", "col");
	xmlNodePtr tb = ap_el(table, "tbody", NULL);
	for (size_t i = 0; i < n; i++) {
		if (!used[i])
			continue;
		tr = ap_el(tb, "tr", NULL);
		ap_attr(p, ap_text_el(p, tr, "th", NULL, m->cols[i].label), "scope", "row");
		for (size_t j = 0; j < n; j++) {
			if (!used[j])
				continue;
			int64_t v = m->pairs[i * n + j];
			char cls[8];
			snprintf(cls, sizeof cls, "h%d", heat_class(v, max));
			xmlNodePtr td = ap_el(tr, "td", cls);
			if (v)
				ap_textf(p, td, "%lld", (long long)v);
			else
				ap_text(p, td, "·");
			ap_attr(p, td, "title",
			     kb_sprintf(p->a, "%s × %s: %lld", m->cols[i].label, m->cols[j].label,
					(long long)v));
		}
	}
}

static void sides_table(ap_page *p, xmlNodePtr parent, const kb_hfinding *f)
{
	xmlNodePtr table = ap_el(ap_el(parent, "div", "scroll"), "table", "sides");
	xmlNodePtr tr = ap_el(ap_el(table, "thead", NULL), "tr", NULL);
	ap_text_el(p, tr, "th", NULL, "Says");
	ap_text_el(p, tr, "th", NULL, "Channel");
	ap_text_el(p, tr, "th", NULL, "Where");
	ap_text_el(p, tr, "th", NULL, "Quote");
	xmlNodePtr tb = ap_el(table, "tbody", NULL);
	for (size_t i = 0; i < f->nsides && i < KB_AUDIT_MAX_SIDES; i++) {
		const kb_hside *s = &f->sides[i];
		const kb_hclaim *c = s->claim;
		tr = ap_el(tb, "tr", s->deviates ? "deviates" : NULL);
		xmlNodePtr td = ap_el(tr, "td", NULL);
		ap_attr(p, td, "data-label", "Says");
		if (s->deviates) {
			xmlNodePtr mk = ap_text_el(p, td, "span", "mark", "≠ ");
			ap_attr(p, mk, "title", "deviates");
		}
		ap_text(p, td, c->value);
		td = ap_el(tr, "td", NULL);
		ap_attr(p, td, "data-label", "Channel");
		ap_textf(p, td, "%s %s", kb_audit_channel_label(c->channel), c->locale);
		td = ap_el(tr, "td", NULL);
		ap_attr(p, td, "data-label", "Where");
		ap_location(p, td, c, NULL);
		td = ap_el(tr, "td", NULL);
		ap_attr(p, td, "data-label", "Quote");
		const char *before, *after;
		kb_audit_excerpt(p->a, c, &before, &after);
		xmlNodePtr q = ap_el(td, "q", NULL);
		if (before) {
			ap_text(p, q, before);
			ap_text_el(p, q, "mark", NULL, c->quote);
			ap_text(p, q, after);
		} else {
			ap_text(p, q, c->quote);
		}
		if (c->question && *c->question) {
			xmlNodePtr qn = ap_el(td, "div", "muted");
			ap_text(p, qn, "answering: ");
			ap_text(p, qn, c->question);
		}
		if (s->suggestion) {
			xmlNodePtr sg = ap_el(td, "div", "suggest");
			ap_text(p, sg, "suggested: ");
			ap_text_el(p, sg, "q", NULL, s->suggestion);
		}
	}
	if (f->nsides > KB_AUDIT_MAX_SIDES) {
		tr = ap_el(tb, "tr", NULL);
		xmlNodePtr td = ap_el(tr, "td", "muted");
		ap_attr(p, td, "colspan", "4");
		ap_textf(p, td, "… and %zu more sides (the CSV format lists them all)",
		      f->nsides - KB_AUDIT_MAX_SIDES);
	}
}

static void finding(ap_page *p, xmlNodePtr parent, const kb_aitem *it, bool acked)
{
	const kb_hfinding *f = it->f;
	const char *sev = f->severity ? f->severity : "note";
	xmlNodePtr art =
	    ap_el(parent, "article", kb_sprintf(p->a, "finding sev-%s%s", sev, acked ? " acked" : ""));
	ap_attr(p, art, "id", kb_sprintf(p->a, "f-%s", f->fingerprint));
	xmlNodePtr h3 = ap_el(art, "h3", NULL);
	ap_text_el(p, h3, "span", acked ? "badge acked" : "badge", acked ? "acknowledged" : sev);
	ap_text(p, h3, " ");
	ap_text_el(p, h3, "code", NULL, kb_sprintf(p->a, "%s.%s", f->topic, f->attribute));
	if (*f->scope) {
		ap_text(p, h3, " ");
		ap_text_el(p, h3, "span", "scope", kb_sprintf(p->a, "[%s]", f->scope));
	}
	ap_text_el(p, art, "p", NULL, f->message);
	xmlNodePtr facts = ap_el(art, "p", "muted");
	ap_textf(p, facts, "%s %lld %s (first seen %s%s)", acked ? "Known for" : "Open for",
	      (long long)it->age_days, ap_plural(it->age_days, "day", "days"), date(p, it->since),
	      it->is_new ? ", new" : "");
	if (f->canonical)
		ap_textf(p, facts, " · canonical: %s%s%s%s", f->canonical,
		      f->canonical_source ? " (" : "",
		      f->canonical_source ? f->canonical_source : "",
		      f->canonical_source ? ")" : "");
	if (f->majority)
		ap_textf(p, facts, " · %lld of %lld sources say %s", (long long)f->majority_count,
		      (long long)f->sources, f->majority);
	ap_text(p, facts, " · fingerprint ");
	ap_text_el(p, facts, "code", NULL, f->fingerprint);
	if (acked) {
		xmlNodePtr ack = ap_el(art, "p", NULL);
		ap_text_el(p, ack, "strong", NULL, "Acknowledged");
		if (f->ack_by)
			ap_textf(p, ack, " by %s", f->ack_by);
		ap_text(p, ack, ": ");
		ap_text(p, ack, f->ack_reason);
	}
	sides_table(p, art, f);
}

static void conflicts(ap_page *p, xmlNodePtr main)
{
	const kb_audit_model *m = p->m;
	xmlNodePtr sec = ap_el(main, "section", NULL);
	ap_attr(p, sec, "id", "conflicts");
	ap_text_el(p, sec, "h2", NULL, "Open conflicts: most severe and oldest first");
	if (!m->nopen_items)
		ap_text_el(p, sec, "p", "muted", "No open conflicts.");
	size_t limit = m->o->limit ? m->o->limit : 50;
	for (size_t i = 0; i < m->nopen_items && i < limit; i++)
		finding(p, sec, &m->open_items[i], false);
	if (m->nopen_items > limit)
		ap_textf(p, ap_el(sec, "p", "muted"),
		      "%zu more open conflicts are not shown here ('kbcheck db findings --open' "
		      "lists them all).",
		      m->nopen_items - limit);

	if (m->nacked_items) {
		sec = ap_el(main, "section", NULL);
		ap_attr(p, sec, "id", "acknowledged");
		ap_text_el(p, sec, "h2", NULL, "Acknowledged differences");
		for (size_t i = 0; i < m->nacked_items; i++)
			finding(p, sec, &m->acked_items[i], true);
	}

	sec = ap_el(main, "section", NULL);
	ap_attr(p, sec, "id", "resolved");
	ap_text_el(p, sec, "h2", NULL, "Resolved in this period");
	if (!m->nresolved_items) {
		ap_text_el(p, sec, "p", "muted", "None.");
		return;
	}
	xmlNodePtr table = ap_el(ap_el(sec, "div", "scroll"), "table", NULL);
	xmlNodePtr tr = ap_el(ap_el(table, "thead", NULL), "tr", NULL);
	ap_text_el(p, tr, "th", NULL, "Conflict");
	ap_text_el(p, tr, "th", NULL, "Resolved");
	ap_text_el(p, tr, "th", "num", "Was open");
	ap_text_el(p, tr, "th", NULL, "Where it was");
	xmlNodePtr tb = ap_el(table, "tbody", NULL);
	for (size_t i = 0; i < m->nresolved_items; i++) {
		const kb_aitem *it = &m->resolved_items[i];
		tr = ap_el(tb, "tr", NULL);
		xmlNodePtr td = ap_el(tr, "td", NULL);
		ap_text_el(p, td, "code", NULL, kb_audit_finding_name(p->a, it->f));
		ap_text(p, td, " ");
		ap_text_el(p, td, "span", "muted", it->f->message);
		ap_text_el(p, tr, "td", "nowrap", date(p, it->resolved));
		xmlNodePtr age = ap_el(tr, "td", "num");
		ap_textf(p, age, "%lld %s", (long long)it->age_days,
		      ap_plural(it->age_days, "day", "days"));
		td = ap_el(tr, "td", NULL);
		for (size_t k = 0; k < it->f->nsides; k++)
			if (it->f->sides[k].deviates) {
				ap_location(p, td, it->f->sides[k].claim,
					 kb_audit_last_seen(p->m, it->f));
				break;
			}
	}
}

static void matrix(ap_page *p, xmlNodePtr main)
{
	const kb_audit_model *m = p->m;
	xmlNodePtr sec = ap_el(main, "section", NULL);
	ap_attr(p, sec, "id", "matrix");
	ap_text_el(p, sec, "h2", NULL, "Policy matrix: what customers are told");
	ap_text_el(p, sec, "p", "muted",
		"One row per topic attribute and scope, one column per channel and locale: "
		"each cell is the value that channel states, the canonical value (policy file) "
		"or else the majority first. Cells marked ≠ deviate.");
	if (!m->nrows) {
		ap_text_el(p, sec, "p", "muted", "No claims in the latest run.");
		return;
	}
	xmlNodePtr table = ap_el(ap_el(sec, "div", "scroll"), "table", "matrix");
	ap_attr(p, table, "id", "policy-matrix");
	xmlNodePtr tr = ap_el(ap_el(table, "thead", NULL), "tr", NULL);
	ap_text_el(p, tr, "th", NULL, "Topic attribute");
	ap_text_el(p, tr, "th", NULL, "Scope");
	ap_text_el(p, tr, "th", NULL, "Canonical");
	for (size_t c = 0; c < m->ncols; c++)
		ap_attr(p, ap_text_el(p, tr, "th", NULL, m->cols[c].label), "scope", "col");
	xmlNodePtr tb = ap_el(table, "tbody", NULL);
	for (size_t r = 0; r < m->nrows; r++) {
		const kb_arow *row = &m->rows[r];
		tr = ap_el(tb, "tr", row->deviates ? "deviates" : NULL);
		xmlNodePtr th = ap_el(tr, "th", NULL);
		ap_attr(p, th, "scope", "row");
		ap_text_el(p, th, "code", NULL, kb_sprintf(p->a, "%s.%s", row->topic, row->attribute));
		ap_text_el(p, tr, "td", *row->scope ? NULL : "muted",
			*row->scope ? row->scope : "all");
		xmlNodePtr ref = ap_el(tr, "td", row->reference ? "ref" : "muted");
		if (!row->reference)
			ap_text(p, ref, "no majority");
		else if (row->canonical) {
			ap_text(p, ref, row->reference);
			if (row->ref_source)
				ap_attr(p, ref, "title",
				     kb_sprintf(p->a, "policy: %s", row->ref_source));
		} else {
			ap_text(p, ref, row->reference);
			ap_text_el(p, ref, "span", "muted", " (majority)");
		}
		for (size_t c = 0; c < m->ncols; c++) {
			const kb_acell *cell = &row->cells[c];
			xmlNodePtr td = ap_el(tr, "td", cell->deviates ? "dev" : NULL);
			if (!cell->nvalues) {
				ap_attr(p, td, "class", "muted");
				ap_text(p, td, "–");
				continue;
			}
			for (size_t v = 0; v < cell->nvalues; v++) {
				const kb_avalue *val = &cell->values[v];
				const char *href = kb_audit_link(p->a, m, val->first, NULL);
				xmlNodePtr s =
				    ap_el(td, href ? "a" : "span", val->deviates ? "v dev" : "v");
				if (href)
					ap_attr(p, s, "href", href);
				ap_attr(p, s, "title",
				     kb_sprintf(p->a, "%s:%d:%d: %s", val->first->path,
						val->first->line, val->first->column,
						val->first->quote));
				ap_textf(p, s, "%s%s", val->deviates ? "≠ " : "", val->value);
				if (val->count > 1)
					ap_textf(p, s, " ×%zu", val->count);
			}
		}
	}
}

bool kb_audit_html(const kb_history *h, const kb_audit_opts *o, FILE *out)
{
	kb_arena *a = kb_arena_new();
	ap_page p = {.a = a, .m = kb_audit_model_build(a, h, o), .scratch = KB_BUF_INIT};
	const kb_audit_model *m = p.m;

	htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	if (!doc) {
		kb_arena_free(a);
		return false;
	}
	xmlCreateIntSubset(doc, (const xmlChar *)"html", NULL, NULL); /* <!DOCTYPE html> */
	xmlNodePtr html = xmlNewDocNode(doc, NULL, (const xmlChar *)"html", NULL);
	xmlDocSetRootElement(doc, html);
	ap_attr(&p, html, "lang", "en");
	const char *title = kb_sprintf(a, "Knowledge-base audit — %s", o->window);
	head(&p, html, title);
	xmlNodePtr body = ap_el(html, "body", NULL);

	xmlNodePtr hdr = ap_el(body, "header", NULL);
	ap_text_el(&p, hdr, "h1", NULL, title);
	xmlNodePtr meta = ap_el(hdr, "p", "meta");
	char t1[32], t2[32];
	kb_htime_format(t1, o->since, true);
	kb_htime_format(t2, o->until, true);
	ap_textf(&p, meta, "Period %s to %s UTC. ", t1, t2);
	if (m->ref) {
		kb_htime_format(t1, m->ref->time, true);
		ap_textf(&p, meta, "Latest run #%lld on %s UTC", (long long)m->ref->id, t1);
		if (m->ref->revision) {
			ap_text(&p, meta, ", revision ");
			ap_text_el(&p, meta, "code", NULL, kb_sprintf(a, "%.12s", m->ref->revision));
		}
		ap_textf(&p, meta, "; %zu %s in the history.", h->nruns,
		      ap_plural((int64_t)h->nruns, "run", "runs"));
	} else {
		ap_text(&p, meta, "No run was recorded by the end of this period.");
	}

	xmlNodePtr main = ap_el(body, "main", NULL);
	summary(&p, main);
	trend(&p, main);
	where(&p, main);
	conflicts(&p, main);
	matrix(&p, main);
	ap_coverage(&p, main);

	xmlNodePtr foot = ap_el(body, "footer", NULL);
	kb_htime_format(t1, o->now, true);
	ap_textf(&p, foot, "Generated by kbcheck %s from %s; ages are counted to %s UTC.", KB_VERSION,
	      o->db_name ? o->db_name : "the history database", t1);

	xmlChar *mem = NULL;
	int len = 0;
	htmlDocDumpMemoryFormat(doc, &mem, &len, 1);
	bool ok = mem != NULL;
	if (ok)
		fwrite(mem, 1, (size_t)len, out);
	xmlFree(mem);
	xmlFreeDoc(doc);
	kb_buf_free(&p.scratch);
	kb_arena_free(a);
	return ok;
}
