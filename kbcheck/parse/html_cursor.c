/* html_cursor.c - keeps a source position in step with a walk over
 * libxml2's DOM, so that HTML text maps to exact lines and columns.
 *
 * libxml2 gives element line numbers but no columns, and a text node's
 * line is where the text ends.  But the DOM holds elements, text and
 * comments in source order, so each start tag, text run and comment is at
 * the cursor or just past markup that makes no node of its own (end tags,
 * doctypes).  Text is matched byte for byte; character references are
 * decoded to see what they stand for; where libxml2 changed the text
 * beyond that (NUL bytes, broken input) the cursor resynchronises on the
 * next word.
 */
#include "../base/text.h"
#include "html_internal.h"

#include <stdint.h>
#include <string.h>

enum {
	MAX_RESYNCS = 32,  /* per text node, before searching word by word */
	RESYNC_SPAN = 1024 /* how far to look for a word after damage */
};

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

bool kb_html_ci_prefix(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);
	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c != (unsigned char)p[i] && !(is_alpha(c) && (c | 0x20) == p[i]))
			return false;
	}
	return true;
}

/* '<' that starts markup (a tag, an end tag, a comment, a declaration)
 * rather than a literal "<" in text. */
static bool markup_at(const kb_html_cursor *cu, size_t p)
{
	if (p + 1 >= cu->len || cu->d[p] != '<')
		return false;
	unsigned char c = (unsigned char)cu->d[p + 1];
	return is_alpha(c) || c == '/' || c == '!' || c == '?';
}

/* p is at markup: returns the offset just past it. */
static size_t skip_markup(const kb_html_cursor *cu, size_t p)
{
	const char *d = cu->d;
	size_t len = cu->len;
	if (len - p >= 4 && memcmp(d + p, "<!--", 4) == 0) {
		const char *e = memmem(d + p + 4, len - p - 4, "-->", 3);
		return e ? (size_t)(e - d) + 3 : len;
	}
	if (cu->html && d[p + 1] == '?') {
		/* libxml2's HTML parser ends a processing instruction at its
		 * first '>', in quotes or not (PHP's "$a->b" ends it too), and
		 * drops a "<?" that starts no name (PHP's "<?="), reading on
		 * as text. */
		if (p + 2 < len && (is_alpha((unsigned char)d[p + 2]) || d[p + 2] == '_' ||
				    d[p + 2] == ':' || (unsigned char)d[p + 2] >= 0x80)) {
			const char *gt = memchr(d + p, '>', len - p);
			return gt ? (size_t)(gt - d) + 1 : len;
		}
		return p + 2;
	}
	/* Up to '>' outside quoted attribute values. */
	char quote = 0;
	bool after_eq = false;
	for (size_t i = p + 1; i < len; i++) {
		char c = d[i];
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '>') {
			return i + 1;
		} else if (c == '=') {
			after_eq = true;
		} else if (after_eq && (c == '"' || c == '\'')) {
			quote = c;
			after_eq = false;
		} else if (!is_ws((unsigned char)c)) {
			after_eq = false;
		}
	}
	/* An unclosed quote: libxml2 gave up on the value; so do we. */
	const char *gt = memchr(d + p, '>', len - p);
	return gt ? (size_t)(gt - d) + 1 : len;
}

/* Skips whitespace and markup that makes no node here: end tags,
 * doctypes, processing instructions, and comments unless `comments` is
 * false (comment nodes are consumed by their own visit). */
static size_t skip_closers(const kb_html_cursor *cu, size_t p, bool comments)
{
	for (;;) {
		size_t q = p;
		while (q < cu->len && is_ws((unsigned char)cu->d[q]))
			q++;
		if (!markup_at(cu, q) || is_alpha((unsigned char)cu->d[q + 1]))
			return p;
		bool comment = cu->len - q >= 4 && memcmp(cu->d + q, "<!--", 4) == 0;
		if (comment && !comments)
			return p;
		p = skip_markup(cu, q);
	}
}

static bool tag_name_at(const kb_html_cursor *cu, size_t p, const char *name)
{
	size_t k = strlen(name);
	if (!kb_html_ci_prefix(cu->d + p, cu->len - p, name))
		return false;
	if (p + k == cu->len)
		return true;
	unsigned char ch = (unsigned char)cu->d[p + k];
	return is_ws(ch) || ch == '>' || ch == '/';
}

size_t kb_html_enter(kb_html_cursor *cu, const char *name)
{
	size_t p = skip_closers(cu, cu->pos, true);
	while (p < cu->len && is_ws((unsigned char)cu->d[p]))
		p++;
	if (p < cu->len && cu->d[p] == '<' &&
	    tag_name_at(cu, p + 1, name)) {
		cu->pos = skip_markup(cu, p);
		return p;
	}
	/* Not here (markup the parser repaired): the element starts no later
	 * than the cursor, which has not moved, so [start, end) stays a span. */
	return cu->pos;
}

void kb_html_leave(kb_html_cursor *cu, const char *name)
{
	size_t p = cu->pos;
	while (p < cu->len && is_ws((unsigned char)cu->d[p]))
		p++;
	if (p + 1 < cu->len && cu->d[p] == '<' && cu->d[p + 1] == '/' &&
	    tag_name_at(cu, p + 2, name))
		cu->pos = skip_markup(cu, p);
}

/* ---- line numbers, as libxml2 counts them ('\n' only) -------------------- */

/* The cursor's cache holds the start of one line; these move it line by
 * line, forward with memchr, back with memrchr: a walk that goes forward
 * costs one pass over the file. */
static bool line_forward(kb_html_cursor *cu)
{
	const char *nl = memchr(cu->d + cu->line_pos, '\n', cu->len - cu->line_pos);
	if (!nl)
		return false;
	cu->line_pos = (size_t)(nl - cu->d) + 1;
	cu->line++;
	return true;
}

static void line_back(kb_html_cursor *cu)
{
	/* line_pos > 0 starts a line: the byte before it is its '\n'. */
	const char *nl = cu->line_pos > 1 ? memrchr(cu->d, '\n', cu->line_pos - 1) : NULL;
	cu->line_pos = nl ? (size_t)(nl - cu->d) + 1 : 0;
	cu->line--;
}

static void line_cache(kb_html_cursor *cu)
{
	if (!cu->line) { /* a new cursor: line 1 starts at 0 */
		cu->line = 1;
		cu->line_pos = 0;
	}
}

/* The line of byte pos. */
static unsigned line_of(kb_html_cursor *cu, size_t pos)
{
	line_cache(cu);
	while (cu->line_pos > pos)
		line_back(cu);
	for (;;) {
		const char *nl = memchr(cu->d + cu->line_pos, '\n', cu->len - cu->line_pos);
		if (!nl || (size_t)(nl - cu->d) >= pos)
			return cu->line;
		line_forward(cu);
	}
}

/* The start of line `line`, or len when the data has fewer lines. */
static size_t line_start(kb_html_cursor *cu, unsigned line)
{
	line_cache(cu);
	while (cu->line > line)
		line_back(cu);
	while (cu->line < line)
		if (!line_forward(cu))
			return cu->len;
	return cu->line_pos;
}

enum { LIBXML_LAST_LINE = 65535 }; /* libxml2 2.9 stops counting there */

void kb_html_resync(kb_html_cursor *cu, unsigned line, const char *name)
{
	if (!cu->html || line == 0 || line >= LIBXML_LAST_LINE || line_of(cu, cu->pos) <= line)
		return;
	size_t s = line_start(cu, line);
	const char *nl = memchr(cu->d + s, '\n', cu->len - s);
	size_t e = nl ? (size_t)(nl - cu->d) : cu->len;
	cu->pos = s;
	for (size_t p = s; name && p < e; p++)
		if (cu->d[p] == '<' && tag_name_at(cu, p + 1, name)) {
			cu->pos = p;
			return;
		}
}

size_t kb_html_comment(kb_html_cursor *cu)
{
	size_t p = skip_closers(cu, cu->pos, false);
	while (p < cu->len && is_ws((unsigned char)cu->d[p]))
		p++;
	if (cu->len - p < 4 || memcmp(cu->d + p, "<!--", 4) != 0)
		return SIZE_MAX;
	cu->pos = skip_markup(cu, p);
	return p;
}

bool kb_html_block_comment(kb_parse_ctx *ctx, const kb_html_cursor *cu, size_t at,
			   const char *content)
{
	const kb_source *src = ctx->source;
	/* HTML inside another format (a JSON string): its comments are the
	 * parser's, as before blocks. */
	if (at == SIZE_MAX || !content || cu->d != src->data)
		return false;
	int line, col, last;
	kb_source_pos(src, at, &line, &col);
	last = line;
	for (const char *p = content; *p; p++)
		last += *p == '\n';
	return kb_suppression_opens_block(ctx->arena, &ctx->openers, src, line, last);
}

void kb_html_raw_text(kb_html_cursor *cu, const char *name, size_t *from, size_t *to)
{
	*from = cu->pos;
	*to = cu->len;
	for (size_t p = cu->pos; p + 1 < cu->len; p++) {
		const char *lt = memchr(cu->d + p, '<', cu->len - p);
		if (!lt)
			break;
		p = (size_t)(lt - cu->d);
		if (p + 1 < cu->len && cu->d[p + 1] == '/' && tag_name_at(cu, p + 2, name)) {
			*to = p;
			break;
		}
	}
	cu->pos = *to;
	kb_html_leave(cu, name);
}

/* The character reference at d[0] == '&': its UTF-8 in out, its source
 * length in *used; 0 when it is not one libxml2 would decode. */
static size_t decode_entity(const char *d, size_t n, char out[4], size_t *used)
{
	size_t i = 1;
	uint32_t cp = 0;
	if (i < n && d[i] == '#') {
		i++;
		bool hex = i < n && (d[i] | 0x20) == 'x';
		if (hex)
			i++;
		size_t start = i;
		for (; i < n && i - start < 8; i++) {
			char c = d[i];
			int v = c >= '0' && c <= '9'		     ? c - '0'
				: hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
									     : -1;
			if (v < 0)
				break;
			cp = cp * (hex ? 16 : 10) + (uint32_t)v;
		}
		if (i == start || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		if (i < n && d[i] == ';')
			i++;
	} else {
		char name[33];
		size_t start = i;
		while (i < n && i - start < 32 && (is_alpha((unsigned char)d[i]) ||
						   (d[i] >= '0' && d[i] <= '9')))
			i++;
		if (i == start || i >= n || d[i] != ';')
			return 0;
		memcpy(name, d + start, i - start);
		name[i - start] = '\0';
		const htmlEntityDesc *ent = htmlEntityLookup((const xmlChar *)name);
		if (!ent)
			return 0;
		cp = ent->value;
		i++;
	}
	*used = i;
	return kb_utf8_encode((int32_t)cp, out);
}

/* Bytes of the UTF-8 character at s (1 for an invalid byte). */
static size_t char_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t k = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (k > n)
		return 1;
	for (size_t i = 1; i < k; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 1;
	return k;
}

void kb_html_text(kb_html_cursor *cu, kb_textb *tb, const char *s, size_t n)
{
	const char *d = cu->d;
	size_t len = cu->len;
	/* No skipping ahead: the end tags after a blank text node may be
	 * those of its ancestors, still to be consumed by leave(). */
	size_t p = cu->pos;
	size_t i = 0, run_i = 0, run_p = 0;
	bool run = false;
	int resyncs = 0;
#define FLUSH()                                                              \
	do {                                                                 \
		if (run && tb)                                               \
			kb_textb_add_at(tb, s + run_i, i - run_i, run_p);   \
		run = false;                                                 \
	} while (0)
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (p < len && d[p] == '&') {
			char ent[4];
			size_t used, k = decode_entity(d + p, len - p, ent, &used);
			if (k && k <= n - i && memcmp(ent, s + i, k) == 0) {
				FLUSH();
				if (tb)
					kb_textb_add_derived(tb, s + i, k, p, used);
				i += k;
				p += used;
				continue;
			}
		}
		if (p < len && (unsigned char)d[p] == c) {
			if (!run) {
				run = true;
				run_i = i;
				run_p = p;
			}
			i++;
			p++;
			continue;
		}
		if (is_ws(c) || (p < len && is_ws((unsigned char)d[p]))) {
			/* Whitespace differs (libxml2 dropped or kept a
			 * newline): it collapses to one space anyway. */
			FLUSH();
			bool space = false;
			while (i < n && is_ws((unsigned char)s[i])) {
				i++;
				space = true;
			}
			while (p < len && is_ws((unsigned char)d[p]))
				p++;
			if (space && tb)
				kb_textb_space(tb);
			continue;
		}
		if (p < len && d[p] == '\0') { /* libxml2 drops NUL bytes */
			FLUSH();
			p++;
			continue;
		}
		if (p >= len || resyncs++ >= MAX_RESYNCS)
			break;
		FLUSH();
		if (markup_at(cu, p)) {
			/* Markup with no node of its own: the end tag of an
			 * element libxml2 closed early, a dropped <body>... */
			p = skip_markup(cu, p);
			continue;
		}
		/* libxml2 replaced or dropped bytes (invalid UTF-8, control
		 * characters): find the next word a little further on, or
		 * else take this character as a replacement of the source's. */
		size_t w = i;
		while (w < n && !is_ws((unsigned char)s[w]))
			w++;
		size_t span = len - p < RESYNC_SPAN ? len - p : RESYNC_SPAN;
		const char *hit = memmem(d + p, span, s + i, w - i);
		if (hit) {
			p = (size_t)(hit - d);
			continue;
		}
		size_t k = char_len(s + i, n - i), m = char_len(d + p, len - p);
		if (tb)
			kb_textb_add_derived(tb, s + i, k, p, m);
		i += k;
		p += m;
	}
	FLUSH();
#undef FLUSH
	if (i < n) {
		/* Out of step (text libxml2 rewrote, e.g. invalid bytes): look
		 * for the rest before the next tag. */
		size_t lim = p;
		while (lim < len && !markup_at(cu, lim))
			lim++;
		if (tb) {
			kb_textb_window(tb, p, lim);
			kb_faq_add_text(tb, s + i, n - i);
		}
		p = lim;
	}
	cu->pos = p;
}

