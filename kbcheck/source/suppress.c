/* suppress.c - finding kbcheck-disable-next-line comments and
 * kbcheck-disable ... kbcheck-enable blocks (the rule: suppress.h). */
#include "suppress.h"

#include <string.h>

static const char next_marker[] = "kbcheck-disable-next-line";
static const char disable_marker[] = "kbcheck-disable";
static const char enable_marker[] = "kbcheck-enable";

/* Bounds a hostile file cannot push past (docs/robustness.md): names read
 * per comment, blocks open at once, block comments per file.  What is
 * beyond is not a block's (a disable then keeps its older meaning). */
enum { MAX_TOPICS = 32, MAX_OPEN = 16, MAX_BLOCK_COMMENTS = 512 };

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* Topics after a marker, p..end (up to "-->" or the line end), into
 * s->topics; the words after " -- " into s->reason. */
static void read_topics(kb_arena *a, const char *p, const char *end, kb_suppression *s)
{
	const char *close = memmem(p, (size_t)(end - p), "-->", 3);
	if (close)
		end = close;
	kb_vec topics = {0};
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == ',' || *p == '\r'))
			p++;
		const char *q = p;
		while (q < end && *q != ' ' && *q != '\t' && *q != ',' && *q != '\r')
			q++;
		if (q - p == 2 && p[0] == '-' && p[1] == '-') {
			/* The rest is the reason. */
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			size_t rn = (size_t)(end - q);
			while (rn && (q[rn - 1] == ' ' || q[rn - 1] == '\t' || q[rn - 1] == '\r'))
				rn--;
			s->reason = rn ? kb_strndup(a, q, rn) : NULL;
			break;
		}
		if (q > p && topics.len < MAX_TOPICS)
			kb_vec_push(a, &topics, kb_strndup(a, p, (size_t)(q - p)));
		p = q;
	}
	kb_vec_push(a, &topics, NULL);
	s->topics = (const char *const *)topics.items;
}

/* ---- kbcheck-disable-next-line -------------------------------------------- */

/* Line li holds l[0..n): a next-line comment, or NULL.  Only inside a
 * comment: "<!--" or "#" before the marker. */
static kb_suppression *next_line(kb_arena *a, const kb_source *src, size_t li, const char *l,
				 size_t n)
{
	const char *m = memmem(l, n, next_marker, sizeof next_marker - 1);
	if (!m)
		return NULL;
	const char *open = memmem(l, (size_t)(m - l), "<!--", 4);
	const char *hash = memchr(l, '#', (size_t)(m - l));
	if (!open && !hash)
		return NULL;
	kb_suppression *s = KB_NEW(a, kb_suppression);
	s->kind = KB_SUPPRESS_NEXT_LINE;
	s->source = src;
	s->line = (int)li;
	s->column = (int)(open ? open - l : hash - l) + 1;
	read_topics(a, m + sizeof next_marker - 1, l + n, s);
	/* The next non-blank line. */
	size_t t = li + 1;
	while (t <= src->nlines) {
		size_t tn;
		const char *tl = kb_source_line(src, (int)t, &tn);
		if (!blank(tl, tn))
			break;
		t++;
	}
	s->target_line = (int)t;
	return s;
}

/* ---- kbcheck-disable / kbcheck-enable ------------------------------------- */

/* In Markdown, HTML and AIML a '#' is text ("# Cancelling" is a heading). */
static bool hash_comments(const kb_source *src)
{
	static const char *const text[] = {"markdown", "html", "aiml"};
	for (size_t i = 0; src->format && i < sizeof text / sizeof *text; i++)
		if (!strncmp(src->format, text[i], strlen(text[i])))
			return false;
	return true;
}

/* Where the comment holding a marker at m opens ("<!--" or "#", blanks
 * between), or NULL when the marker is not a comment's first word. */
static const char *comment_open(const kb_source *src, const char *l, const char *m)
{
	while (m > l && (m[-1] == ' ' || m[-1] == '\t'))
		m--;
	if (m - l >= 4 && !memcmp(m - 4, "<!--", 4))
		return m - 4;
	/* YAML: a '#' at a line's start or after a blank. */
	if (m > l && m[-1] == '#' && hash_comments(src) &&
	    (m - 1 == l || m[-2] == ' ' || m[-2] == '\t'))
		return m - 1;
	return NULL;
}

/* Does the marker end at p (a blank, the line's end or "-->" next)? */
static bool word_ends(const char *p, const char *end)
{
	if (p == end || *p == ' ' || *p == '\t' || *p == '\r')
		return true;
	return end - p >= 3 && !memcmp(p, "-->", 3);
}

/* A disable or enable comment on line li (l[0..n)), or NULL; *enable
 * says which. */
static kb_suppression *block_comment(kb_arena *a, const kb_source *src, size_t li, const char *l,
				     size_t n, bool *enable)
{
	const char *end = l + n;
	for (const char *m = memmem(l, n, "kbcheck-", 8); m;
	     m = memmem(m + 8, (size_t)(end - m - 8), "kbcheck-", 8)) {
		size_t left = (size_t)(end - m), len;
		if (left >= sizeof disable_marker - 1 &&
		    !memcmp(m, disable_marker, sizeof disable_marker - 1))
			len = sizeof disable_marker - 1, *enable = false;
		else if (left >= sizeof enable_marker - 1 &&
			 !memcmp(m, enable_marker, sizeof enable_marker - 1))
			len = sizeof enable_marker - 1, *enable = true;
		else
			continue;
		const char *open = comment_open(src, l, m);
		if (!open || !word_ends(m + len, end))
			continue;
		kb_suppression *s = KB_NEW(a, kb_suppression);
		s->kind = KB_SUPPRESS_BLOCK;
		s->source = src;
		s->line = (int)li;
		s->column = (int)(open - l) + 1;
		s->from = kb_source_line_offset(src, (int)li) + (size_t)(open - l);
		read_topics(a, m + len, end, s);
		return s;
	}
	return NULL;
}

static bool named(const char *const *list, const char *topic)
{
	for (size_t i = 0; list && list[i]; i++)
		if (!strcmp(list[i], topic))
			return true;
	return false;
}

/* list plus (or minus) the topics of add: a new NULL-terminated array. */
static const char *const *topics_with(kb_arena *a, const char *const *list,
				      const char *const *add, bool minus)
{
	kb_vec v = {0};
	for (size_t i = 0; list && list[i]; i++)
		if (!minus || !named(add, list[i]))
			kb_vec_push(a, &v, (void *)list[i]);
	for (size_t i = 0; !minus && add[i]; i++)
		if (!named(list, add[i]))
			kb_vec_push(a, &v, (void *)add[i]);
	kb_vec_push(a, &v, NULL);
	return (const char *const *)v.items;
}

/* Enable e closes what it names in the open block open[i]: b is replaced
 * by what goes on (a record of its own, also pushed to all), or removed.
 * Marks the topics of e it closed in closed[].  Returns whether it closed
 * something. */
static bool close_block(kb_arena *a, kb_vec *open, size_t i, const kb_suppression *e,
			bool *closed, kb_vec *all)
{
	kb_suppression *b = open->items[i];
	bool any = !e->topics[0];
	for (size_t k = 0; e->topics[k]; k++)
		if (kb_suppression_covers(b, e->topics[k]))
			any = closed[k] = true;
	if (!any)
		return false;
	b->to = e->from;
	const char *const *rest = b->topics, *const *except = b->except;
	if (e->topics[0] && b->topics[0])
		rest = topics_with(a, b->topics, e->topics, true);
	else if (e->topics[0])
		except = topics_with(a, b->except, e->topics, false);
	if (!e->topics[0] || (b->topics[0] && !rest[0])) {
		open->items[i] = open->items[--open->len];
		return true;
	}
	kb_suppression *c = KB_NEW(a, kb_suppression);
	*c = *b;
	c->from = e->from;
	c->to = 0;
	c->topics = rest;
	c->except = except;
	c->origin = b->origin ? b->origin : b;
	open->items[i] = c;
	kb_vec_push(a, all, c);
	return true;
}

/* An enable: closes its topics in the open blocks; what closes nothing is
 * a stray record (its topics: those that closed nothing). */
static void enable(kb_arena *a, kb_vec *open, kb_suppression *e, kb_vec *all, kb_vec *out)
{
	size_t nt = 0;
	while (e->topics[nt])
		nt++;
	bool *closed = KB_NEWN(a, bool, nt + 1), any = false;
	/* Downwards: a block removed takes the last one's place, seen already. */
	for (size_t i = open->len; i-- > 0;)
		any |= close_block(a, open, i, e, closed, all);
	kb_vec stray = {0};
	for (size_t k = 0; k < nt; k++)
		if (!closed[k])
			kb_vec_push(a, &stray, (void *)e->topics[k]);
	if (nt ? stray.len == 0 : any)
		return;
	kb_vec_push(a, &stray, NULL);
	e->kind = KB_SUPPRESS_STRAY;
	e->topics = (const char *const *)stray.items;
	kb_vec_push(a, out, e);
}

/* The blocks of src (kb_suppression*) and its stray enables into out. */
static void scan_blocks(kb_arena *a, const kb_source *src, kb_vec *out)
{
	kb_vec open = {0}, all = {0};
	size_t seen = 0;
	for (size_t li = 1; li <= src->nlines && seen < MAX_BLOCK_COMMENTS; li++) {
		size_t n;
		const char *l = kb_source_line(src, (int)li, &n);
		bool is_enable;
		kb_suppression *s = block_comment(a, src, li, l, n, &is_enable);
		if (!s)
			continue;
		seen++;
		if (is_enable) {
			enable(a, &open, s, &all, out);
			continue;
		}
		if (open.len == MAX_OPEN)
			continue;
		kb_vec_push(a, &open, s);
		kb_vec_push(a, &all, s);
	}
	/* Still open: a disable no enable touched is no block (to stays 0: the
	 * parsers read it); what goes on after an enable runs to the end. */
	for (size_t i = 0; i < open.len; i++) {
		kb_suppression *b = open.items[i];
		if (!b->origin)
			continue;
		b->to = src->len;
		b->open_at_eof = b->origin->open_at_eof = true;
	}
	for (size_t i = 0; i < all.len; i++)
		if (((kb_suppression *)all.items[i])->to)
			kb_vec_push(a, out, all.items[i]);
}

void kb_suppressions_scan(kb_arena *a, const kb_source *src, kb_vec *out)
{
	/* Cheap test first: most files have no marker at all. */
	if (!memmem(src->data, src->len, "kbcheck-", 8))
		return;
	for (size_t li = 1; li <= src->nlines; li++) {
		size_t n;
		const char *l = kb_source_line(src, (int)li, &n);
		kb_suppression *s = next_line(a, src, li, l, n);
		if (s)
			kb_vec_push(a, out, s);
	}
	if (memmem(src->data, src->len, enable_marker, sizeof enable_marker - 1))
		scan_blocks(a, src, out);
}

bool kb_suppression_covers(const kb_suppression *s, const char *topic)
{
	if (named(s->except, topic))
		return false;
	return !s->topics[0] || named(s->topics, topic);
}

bool kb_suppression_drops(kb_suppression *s, int line, size_t start, const char *topic)
{
	bool in;
	if (s->kind == KB_SUPPRESS_NEXT_LINE)
		in = s->target_line == line;
	else
		in = s->kind == KB_SUPPRESS_BLOCK && start >= s->from && start < s->to;
	if (!in || !kb_suppression_covers(s, topic))
		return false;
	(s->origin ? s->origin : s)->used = true;
	return true;
}

bool kb_suppression_opens_block(kb_arena *a, kb_block_openers *memo, const kb_source *src,
				int first, int last)
{
	if (memo->src != src) {
		*memo = (kb_block_openers){.src = src};
		if (!src->data ||
		    !memmem(src->data, src->len, enable_marker, sizeof enable_marker - 1))
			return false;
		kb_vec v = {0};
		scan_blocks(a, src, &v);
		int *lines = KB_NEWN(a, int, v.len + 1);
		for (size_t i = 0; i < v.len; i++) {
			const kb_suppression *s = v.items[i];
			if (s->kind == KB_SUPPRESS_BLOCK && !s->origin)
				lines[memo->n++] = s->line;
		}
		memo->lines = lines;
	}
	/* The first opener at or after first (they are in line order). */
	size_t lo = 0, hi = memo->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (memo->lines[mid] < first)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < memo->n && memo->lines[lo] <= last;
}
