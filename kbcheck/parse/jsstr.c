/* jsstr.c - decoding the string tokens of jslex.c, piece by piece.
 *
 * A piece is either a run of source bytes (exact: a unit's text maps to
 * them byte for byte) or what one escape stands for, with the escape's
 * span (a claim on "\u2013" points at those six bytes).  JavaScript:
 * \n \t \xHH \uHHHH \u{H...} (surrogate pairs joined), line
 * continuations, any other character for itself.  PHP "..." and heredoc:
 * \n \t \\ \$ \" octal \xHH \u{H...}, an unknown escape is a backslash;
 * '...': only \\ and \'; nowdoc and JSX attributes: none.
 */
#include "jslex.h"

#include <string.h>

#include "../base/text.h"

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

void kb_jsstr_init(kb_jsstr *it, const kb_jslex *lx, const kb_jstok *t)
{
	memset(it, 0, sizeof *it);
	it->d = lx->d;
	it->p = t->body;
	it->end = t->body_end;
	it->flags = t->flags;
	it->php = lx->lang == KB_JSL_PHP;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Up to max hex digits at d[*p..end) (at least one): their value. */
static long hexnum(const char *d, size_t *p, size_t end, int max)
{
	long v = 0;
	int k = 0;
	while (*p < end && k < max && hexval(d[*p]) >= 0) {
		v = v * 16 + hexval(d[(*p)++]);
		k++;
		if (v > 0x10FFFF)
			v = 0x110000; /* too big: stays invalid */
	}
	return k ? v : -1;
}

/* Code point cp into the piece, standing for source bytes [from, to). */
static bool put_cp(kb_jsstr *it, kb_jspiece *o, long cp, size_t from, size_t to)
{
	it->p = to;
	if (cp == 0)
		return false; /* NUL: nothing */
	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	size_t n = kb_utf8_encode((int32_t)cp, it->buf);
	*o = (kb_jspiece){it->buf, n, from, to - from, false, false};
	return true;
}

static bool put_str(kb_jsstr *it, kb_jspiece *o, const char *s, size_t from, size_t to, bool brk)
{
	size_t n = strlen(s);
	memcpy(it->buf, s, n);
	it->p = to;
	*o = (kb_jspiece){it->buf, n, from, to - from, false, brk};
	return true;
}

/* \u escape at d[p] == 'u' (after the backslash at p - 1). */
static bool js_unicode(kb_jsstr *it, kb_jspiece *o, size_t bs)
{
	const char *d = it->d;
	size_t p = bs + 2;
	long cp;
	if (p < it->end && d[p] == '{') {
		p++;
		cp = hexnum(d, &p, it->end, 8);
		if (p < it->end && d[p] == '}')
			p++;
		else
			cp = -1;
		return put_cp(it, o, cp, bs, p);
	}
	size_t q = p;
	cp = hexnum(d, &q, it->end, 4);
	if (q - p != 4)
		return put_cp(it, o, -1, bs, q);
	/* A surrogate pair written as two escapes. */
	if (cp >= 0xD800 && cp <= 0xDBFF && it->end - q >= 6 && d[q] == '\\' && d[q + 1] == 'u') {
		size_t r = q + 2;
		long lo = hexnum(d, &r, it->end, 4);
		if (r - q == 6 && lo >= 0xDC00 && lo <= 0xDFFF)
			return put_cp(it, o, 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00), bs, r);
	}
	return put_cp(it, o, cp, bs, q);
}

/* The escape at it->p (a backslash) in a JavaScript string. */
static bool js_escape(kb_jsstr *it, kb_jspiece *o)
{
	const char *d = it->d;
	size_t bs = it->p;
	if (bs + 1 >= it->end) {
		it->p = it->end;
		return false;
	}
	char e = d[bs + 1];
	switch (e) {
	case 'n':
		return put_str(it, o, "\n", bs, bs + 2, true);
	case 'r':
	case 't':
	case 'v':
	case 'f':
		return put_str(it, o, " ", bs, bs + 2, false);
	case 'b':
		it->p = bs + 2;
		return false;
	case 'x': {
		size_t p = bs + 2;
		long v = hexnum(d, &p, it->end, 2);
		return put_cp(it, o, p - bs == 4 ? v : -1, bs, p);
	}
	case 'u':
		return js_unicode(it, o, bs);
	case '\r':
		it->p = bs + 2 + (bs + 2 < it->end && d[bs + 2] == '\n');
		return false; /* a line continuation */
	case '\n':
		it->p = bs + 2;
		return false;
	default:
		break;
	}
	if (e == '0' && !(bs + 2 < it->end && is_digit((unsigned char)d[bs + 2]))) {
		it->p = bs + 2;
		return false;
	}
	/* Any other character stands for itself (U+2028/9 continue a line). */
	int32_t cp;
	size_t k = kb_utf8_next(d + bs + 1, it->end - bs - 1, &cp);
	if (cp == 0x2028 || cp == 0x2029) {
		it->p = bs + 1 + k;
		return false;
	}
	it->p = bs + 1 + k;
	*o = (kb_jspiece){d + bs + 1, k, bs, k + 1, false, false};
	return true;
}

/* The escape at it->p in a PHP string: "..." and heredocs know many,
 * '...' only \\ and \'. */
static bool php_escape(kb_jsstr *it, kb_jspiece *o)
{
	const char *d = it->d;
	size_t bs = it->p;
	char e = bs + 1 < it->end ? d[bs + 1] : 0;
	if (it->flags & KB_JT_SQ) {
		if (e == '\\' || e == '\'')
			return put_str(it, o, e == '\\' ? "\\" : "'", bs, bs + 2, false);
	} else {
		switch (e) {
		case 'n':
			return put_str(it, o, "\n", bs, bs + 2, true);
		case 't':
		case 'r':
		case 'v':
		case 'f':
		case 'e':
			return put_str(it, o, " ", bs, bs + 2, false);
		case '\\':
			return put_str(it, o, "\\", bs, bs + 2, false);
		case '$':
			return put_str(it, o, "$", bs, bs + 2, false);
		case '"':
			return put_str(it, o, "\"", bs, bs + 2, false);
		case 'u':
			if (bs + 2 < it->end && d[bs + 2] == '{') {
				size_t p = bs + 3;
				long cp = hexnum(d, &p, it->end, 8);
				if (p < it->end && d[p] == '}')
					return put_cp(it, o, cp, bs, p + 1);
			}
			break;
		case 'x': {
			size_t p = bs + 2;
			long v = hexnum(d, &p, it->end, 2);
			if (v >= 0) /* a byte: only ASCII is a character on its own */
				return put_cp(it, o, v < 0x80 ? v : -1, bs, p);
			break;
		}
		default:
			if (e >= '0' && e <= '7') {
				size_t p = bs + 1;
				long v = 0;
				while (p < it->end && p < bs + 4 && d[p] >= '0' && d[p] <= '7')
					v = v * 8 + (d[p++] - '0');
				return put_cp(it, o, v < 0x80 ? v : -1, bs, p);
			}
			break;
		}
	}
	/* Not an escape: the backslash is text. */
	it->p = bs + 1;
	*o = (kb_jspiece){d + bs, 1, bs, 1, true, false};
	return true;
}

bool kb_jsstr_next(kb_jsstr *it, kb_jspiece *o)
{
	while (it->p < it->end) {
		const char *d = it->d;
		if (it->flags & (KB_JT_NOWDOC | KB_JT_JSXATTR)) {
			*o = (kb_jspiece){d + it->p, it->end - it->p, it->p, it->end - it->p, true, false};
			it->p = it->end;
			return true;
		}
		const char *bsl = memchr(d + it->p, '\\', it->end - it->p);
		size_t q = bsl ? (size_t)(bsl - d) : it->end;
		if (q > it->p) {
			*o = (kb_jspiece){d + it->p, q - it->p, it->p, q - it->p, true, false};
			it->p = q;
			return true;
		}
		if (it->php ? php_escape(it, o) : js_escape(it, o))
			return true;
	}
	return false;
}
