/* suppress.c - finding kbcheck-disable-next-line comments. */
#include "suppress.h"

#include <string.h>

static const char marker[] = "kbcheck-disable-next-line";

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

void kb_suppressions_scan(kb_arena *a, const kb_source *src, kb_vec *out)
{
	/* Cheap test first: most files have no marker at all. */
	if (!memmem(src->data, src->len, marker, sizeof marker - 1))
		return;
	for (size_t li = 1; li <= src->nlines; li++) {
		size_t n;
		const char *l = kb_source_line(src, (int)li, &n);
		const char *m = memmem(l, n, marker, sizeof marker - 1);
		if (!m)
			continue;
		/* Only inside a comment: "<!--" or "#" before the marker. */
		const char *open = memmem(l, (size_t)(m - l), "<!--", 4);
		const char *hash = memchr(l, '#', (size_t)(m - l));
		if (!open && !hash)
			continue;
		kb_suppression *s = KB_NEW(a, kb_suppression);
		s->source = src;
		s->line = (int)li;
		s->column = (int)(open ? open - l : hash - l) + 1;
		/* Topics: words after the marker up to "-->" or the line end. */
		const char *p = m + sizeof marker - 1, *end = l + n;
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
			if (q > p)
				kb_vec_push(a, &topics, kb_strndup(a, p, (size_t)(q - p)));
			p = q;
		}
		kb_vec_push(a, &topics, NULL);
		s->topics = (const char *const *)topics.items;
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
		kb_vec_push(a, out, s);
	}
}

bool kb_suppression_covers(const kb_suppression *s, const char *topic)
{
	if (!s->topics[0])
		return true;
	for (size_t i = 0; s->topics[i]; i++)
		if (!strcmp(s->topics[i], topic))
			return true;
	return false;
}
