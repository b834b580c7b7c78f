/* text.c - Unicode helpers over utf8proc. */
#include "text.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"

size_t kb_utf8_next(const char *s, size_t n, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
					      (utf8proc_ssize_t)n, &c);
	if (k <= 0) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return (size_t)k;
}

size_t kb_utf8_encode(int32_t cp, char *out)
{
	if (!utf8proc_codepoint_valid(cp))
		return 0;
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

/* Eight bytes that are all ASCII and none NUL. */
static bool ascii8(const char *s)
{
	uint64_t v;
	memcpy(&v, s, 8);
	const uint64_t lo = UINT64_C(0x0101010101010101), hi = UINT64_C(0x8080808080808080);
	return !(v & hi) && !((v - lo) & ~v & hi);
}

/* The length of the well-formed UTF-8 sequence at s (RFC 3629: no
 * overlongs, surrogates or code points past U+10FFFF), 0 when ill-formed. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
			return 0;
		return 4;
	}
	return 0;
}

bool kb_utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	while (i < n) {
		if (i + 8 <= n && ascii8(s + i)) {
			i += 8;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			/* Checked here rather than through utf8proc: Thai and
			 * Vietnamese files are mostly multibyte. */
			size_t k = utf8_seq((const unsigned char *)s + i, n - i);
			if (k) {
				i += k;
				continue;
			}
		}
		if (c == 0) {
			if (bad)
				*bad = i;
			return false;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		size_t k = kb_utf8_next(s + i, n - i, &cp);
		if (cp < 0) {
			if (bad)
				*bad = i;
			return false;
		}
		i += k;
	}
	return true;
}

size_t kb_utf8_repair(char *s, size_t n)
{
	size_t off = 0, bad, fixed = 0;
	while (off < n && !kb_utf8_valid(s + off, n - off, &bad)) {
		s[off + bad] = '?';
		off += bad + 1;
		fixed++;
	}
	return fixed;
}

/* s[0..n), valid UTF-8, with each '%' as "%25". */
static void put_percent(kb_buf *out, const char *s, size_t n)
{
	for (const char *p; n && (p = memchr(s, '%', n)); n -= (size_t)(p - s) + 1, s = p + 1) {
		kb_buf_put(out, s, (size_t)(p - s));
		kb_buf_puts(out, "%25");
	}
	kb_buf_put(out, s, n);
}

bool kb_utf8_name_buf(kb_buf *out, const char *s, size_t n)
{
	size_t off = 0, bad;
	while (off < n && !kb_utf8_valid(s + off, n - off, &bad) && !s[off + bad])
		off += bad + 1; /* a NUL is no encoding problem */
	if (off >= n || kb_utf8_valid(s + off, n - off, NULL)) {
		kb_buf_put(out, s, n);
		return false;
	}
	static const char hex[] = "0123456789ABCDEF";
	for (off = 0; off < n;) {
		if (kb_utf8_valid(s + off, n - off, &bad)) {
			put_percent(out, s + off, n - off);
			break;
		}
		put_percent(out, s + off, bad);
		unsigned char c = (unsigned char)s[off + bad];
		if (c) {
			char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
			kb_buf_put(out, esc, 3);
		} else {
			kb_buf_putc(out, '\0');
		}
		off += bad + 1;
	}
	return true;
}

const char *kb_utf8_sanitized(kb_arena *a, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	if (kb_utf8_valid(s, n, NULL))
		return s;
	char *c = kb_strndup(a, s, n);
	kb_utf8_repair(c, n);
	return c;
}

size_t kb_utf8_count(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

size_t kb_utf16_count(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) != 0x80)
			count += c >= 0xF0 ? 2 : 1;
	}
	return count;
}

size_t kb_display_width(const char *s, size_t n)
{
	size_t w = 0, i = 0;
	while (i < n) {
		int32_t cp;
		i += kb_utf8_next(s + i, n - i, &cp);
		if (cp < 0) {
			w++;
			continue;
		}
		if (cp == '\t') {
			w += 1;
			continue;
		}
		int cw = utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
	}
	return w;
}

bool kb_cp_symbol(int32_t cp)
{
	return utf8proc_codepoint_valid(cp) && utf8proc_category(cp) == UTF8PROC_CATEGORY_SO;
}

int32_t kb_cp_fold(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	if (cp >= 0x0E00 && cp <= 0x0E7F)
		return cp; /* Thai has no case */
	if (!utf8proc_codepoint_valid(cp))
		return cp;
	return utf8proc_tolower(utf8proc_toupper(cp));
}

bool kb_cp_is_letter(int32_t cp)
{
	if (cp < 0)
		return false;
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

bool kb_cp_is_space(int32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
	    cp == '\v')
		return true;
	if (cp < 0x80)
		return false;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	       c == UTF8PROC_CATEGORY_ZP;
}

/* ---- NFC quick check ----
 *
 * Most text is already NFC (Vietnamese is written precomposed, Thai marks
 * never compose), and normalizing it code point by code point is the
 * costliest step of reading a file.  A text is left as it is when every
 * code point passes:
 *   - it is stable on its own (NFC(c) = c: no singleton or excluded
 *     decomposition) and its decomposition does not start with a character
 *     that could compose with what comes before;
 *   - it cannot be the second character of a canonical composition (so it
 *     never joins the character before it);
 *   - combining marks come in canonical order (classes never decrease).
 * Otherwise the text goes through utf8proc.  The verdict for each BMP code
 * point is computed once from utf8proc's own data (and checked against
 * known answers; if those fail, every non-ASCII text is normalized). */

enum { QC_NO = 255 };
static unsigned char qc_table[0x10000]; /* combining class, or QC_NO */
static bool qc_ok;
static pthread_once_t qc_once = PTHREAD_ONCE_INIT;

static bool composes_as_second(const utf8proc_property_t *p)
{
	/* utf8proc (2.x) marks a code point that can follow a starter in a
	 * primary composite with comb_index >= 0x8000. */
	return p->comb_index != UINT16_MAX && p->comb_index >= 0x8000;
}

static unsigned char qc_compute(int32_t cp)
{
	if (cp < 0x300)
		return 0;
	if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
	    (cp >= 0xD7B0 && cp <= 0xD7FF) || (cp >= 0xD800 && cp <= 0xDFFF))
		return QC_NO; /* Hangul jamo compose algorithmically; surrogates */
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	if (composes_as_second(p) || p->combining_class >= QC_NO)
		return QC_NO;
	if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {
		/* Canonically decomposable: it must come back as itself, and its
		 * decomposition must not start with a joiner. */
		utf8proc_int32_t d[8];
		int last = 0;
		utf8proc_ssize_t k = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &last);
		if (k < 1 || k > 8 || composes_as_second(utf8proc_get_property(d[0])) ||
		    utf8proc_get_property(d[0])->combining_class != 0)
			return QC_NO;
		utf8proc_uint8_t in[8], *out = NULL;
		utf8proc_ssize_t n = utf8proc_encode_char(cp, in);
		utf8proc_ssize_t r = utf8proc_map(in, n, &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		bool same = r == n && memcmp(out, in, (size_t)n) == 0;
		free(out);
		if (!same)
			return QC_NO;
	}
	return (unsigned char)p->combining_class;
}

static void qc_init(void)
{
	for (int32_t cp = 0; cp < 0x10000; cp++)
		qc_table[cp] = qc_compute(cp);
	/* Known answers: combining acute composes, Thai tone marks and
	 * precomposed Vietnamese letters are stable, the ohm sign is not. */
	qc_ok = qc_table[0x0301] == QC_NO && qc_table[0x0E49] == 107 &&
		qc_table[0x1EC7] == 0 && qc_table[0x0103] == 0 && qc_table[0x2126] == QC_NO &&
		qc_table[0x0E40] == 0 && qc_table[0x0344] == QC_NO;
}

/* Whether s[0..n) is certainly NFC already (false: maybe not). */
static bool nfc_quick(const char *s, size_t n)
{
	pthread_once(&qc_once, qc_init);
	if (!qc_ok)
		return false;
	unsigned last = 0;
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			last = 0;
			i++;
			continue;
		}
		int32_t cp;
		i += kb_utf8_next(s + i, n - i, &cp);
		if (cp < 0)
			return false;
		unsigned q = cp < 0x10000 ? qc_table[cp] : qc_compute(cp);
		if (q == QC_NO || (q != 0 && q < last))
			return false;
		last = q;
	}
	return true;
}

/* NFC is applied per "starter + following combining marks" segment so that
 * every output byte can be traced to the segment of input it came from. */
char *kb_text_nfc(kb_arena *a, const char *s, size_t n, size_t *out_len,
		  uint32_t **map)
{
	if (map)
		*map = NULL;
	/* Fast path: ASCII, and text that is NFC already. */
	size_t i = 0;
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	if (i == n || nfc_quick(s + i, n - i)) {
		*out_len = n;
		return kb_strndup(a, s, n);
	}
	kb_buf out = KB_BUF_INIT;
	uint32_t *m = NULL;
	size_t mcap = 0;
	bool changed = false;
	i = 0;
	while (i < n) {
		size_t start = i;
		int32_t cp;
		i += kb_utf8_next(s + i, n - i, &cp);
		while (i < n) {
			int32_t next;
			size_t k = kb_utf8_next(s + i, n - i, &next);
			if (next < 0 || utf8proc_get_property(next)->combining_class == 0)
				break;
			i += k;
		}
		size_t seglen = i - start;
		utf8proc_uint8_t *nfc = NULL;
		utf8proc_ssize_t r = -1;
		if (cp >= 0)
			r = utf8proc_map((const utf8proc_uint8_t *)s + start,
					 (utf8proc_ssize_t)seglen, &nfc,
					 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		const char *piece = r >= 0 ? (const char *)nfc : s + start;
		size_t plen = r >= 0 ? (size_t)r : seglen;
		if (plen != seglen || memcmp(piece, s + start, seglen) != 0)
			changed = true;
		if (map) {
			if (out.len + plen + 1 > mcap) {
				mcap = (out.len + plen + 1) * 2;
				m = realloc(m, mcap * sizeof *m);
				if (!m)
					abort();
			}
			for (size_t k = 0; k < plen; k++)
				m[out.len + k] = (uint32_t)(start + (k < seglen ? k : seglen - 1));
		}
		kb_buf_put(&out, piece, plen);
		free(nfc);
	}
	*out_len = out.len;
	char *res = kb_strndup(a, kb_buf_cstr(&out), out.len);
	kb_buf_free(&out);
	if (map && changed) {
		m[*out_len] = (uint32_t)n;
		*map = KB_NEWN(a, uint32_t, *out_len + 1);
		memcpy(*map, m, (*out_len + 1) * sizeof *m);
	}
	free(m);
	return res;
}

/* s[0..n) mapped by utf8proc with options, whitespace runs as one space,
 * trimmed, into out (cleared first); 'đ' as 'd' when bare. */
static void fold_into(kb_buf *out, const char *s, size_t n, utf8proc_option_t options,
		      bool bare)
{
	kb_buf_clear(out);
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t r =
	    utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &f, options);
	const char *src = r >= 0 ? (const char *)f : s;
	size_t len = r >= 0 ? (size_t)r : n;
	bool space = false;
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t k = kb_utf8_next(src + i, len - i, &cp);
		if (kb_cp_is_space(cp)) {
			space = out->len > 0;
		} else {
			if (space)
				kb_buf_putc(out, ' ');
			space = false;
			if (bare && cp == 0x0111) /* đ: a letter of its own, no mark */
				kb_buf_putc(out, 'd');
			else
				kb_buf_put(out, src + i, k);
		}
		i += k;
	}
	free(f);
}

void kb_text_fold_buf(kb_buf *out, const char *s, size_t n)
{
	fold_into(out, s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD, false);
}

void kb_text_bare_buf(kb_buf *out, const char *s, size_t n)
{
	fold_into(out, s, n,
		  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
		  true);
}

void kb_text_lower_buf(kb_buf *out, const char *s, size_t n)
{
	bool space = false;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				space = out->len > 0;
			} else {
				if (space)
					kb_buf_putc(out, ' ');
				space = false;
				kb_buf_putc(out, (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c));
			}
			i++;
			continue;
		}
		int32_t cp;
		size_t k = kb_utf8_next(s + i, n - i, &cp);
		if (space)
			kb_buf_putc(out, ' ');
		space = false;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
		if (m > 0)
			kb_buf_put(out, (const char *)enc, (size_t)m);
		else
			kb_buf_put(out, s + i, k);
		i += k;
	}
}

char *kb_text_fold(kb_arena *a, const char *s, size_t n)
{
	kb_buf out = KB_BUF_INIT;
	kb_text_fold_buf(&out, s, n);
	char *res = kb_strndup(a, kb_buf_cstr(&out), out.len);
	kb_buf_free(&out);
	return res;
}

/* ---- text shown to people and CI runners ---------------------------------- */

bool kb_text_escape_at(const char *s, size_t n, size_t *used, char esc[8])
{
	unsigned char c = (unsigned char)s[0];
	*used = 1;
	if (c >= 0x20 && c < 0x7F)
		return false;
	if (c == '\t')
		return false;
	if (c == '\n' || c == '\r') {
		snprintf(esc, 8, "\\%c", c == '\n' ? 'n' : 'r');
		return true;
	}
	if (c < 0x80) {
		snprintf(esc, 8, "\\x%02x", c);
		return true;
	}
	int32_t cp;
	size_t k = kb_utf8_next(s, n, &cp);
	if (cp < 0) {
		snprintf(esc, 8, "\\x%02x", c);
		return true;
	}
	*used = k;
	if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069)) {
		snprintf(esc, 8, "\\u%04x", (unsigned)cp & 0xFFFFu); /* all are below 0x10000 */
		return true;
	}
	return false;
}

/* Bytes of s[0..n) before the first one to escape. */
static size_t safe_prefix(const char *s, size_t n)
{
	size_t i = 0, used;
	char esc[8];
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (kb_text_escape_at(s + i, n - i, &used, esc))
			break;
		i += used;
	}
	return i;
}

void kb_text_escape_buf(struct kb_buf *out, const char *s, size_t n)
{
	size_t i = 0, used;
	char esc[8];
	while (i < n) {
		size_t k = safe_prefix(s + i, n - i);
		kb_buf_put(out, s + i, k);
		i += k;
		if (i < n && kb_text_escape_at(s + i, n - i, &used, esc)) {
			kb_buf_puts(out, esc);
			i += used;
		}
	}
}

const char *kb_text_safe(kb_arena *a, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	if (safe_prefix(s, n) == n)
		return s;
	kb_buf b = KB_BUF_INIT;
	kb_text_escape_buf(&b, s, n);
	char *copy = kb_strndup(a, b.ptr, b.len);
	kb_buf_free(&b);
	return copy;
}

void kb_text_put_safe(FILE *out, const char *s, size_t n)
{
	if (safe_prefix(s, n) == n) {
		fwrite(s, 1, n, out);
		return;
	}
	kb_buf b = KB_BUF_INIT;
	kb_text_escape_buf(&b, s, n);
	fwrite(b.ptr, 1, b.len, out);
	kb_buf_free(&b);
}

void kb_vfprintf_safe(FILE *out, const char *fmt, va_list ap)
{
	kb_buf b = KB_BUF_INIT;
	kb_buf_vprintf(&b, fmt, ap);
	kb_text_put_safe(out, b.ptr, b.len);
	kb_buf_free(&b);
}

void kb_fprintf_safe(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kb_vfprintf_safe(out, fmt, ap);
	va_end(ap);
}
