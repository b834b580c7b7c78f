/* yaml_strmap.c - escapes of double-quoted scalars, and JSON strings with
 * the file offset of each decoded byte (yaml.h). */
#include "yaml.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* The \u escape at d[0]: its value, or -1 when it is not four hex digits. */
static int32_t hex4(const char *d, size_t n)
{
	if (n < 6 || d[1] != 'u')
		return -1;
	int32_t v = 0;
	for (int k = 2; k < 6; k++) {
		int h = hex_value(d[k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

bool kb_yaml_escape(const char *d, size_t n, int32_t *cp, size_t *len)
{
	if (n < 2)
		return false;
	int digits = 0;
	*len = 2;
	switch (d[1]) {
	case '0': *cp = 0; return true;
	case 'a': *cp = 0x07; return true;
	case 'b': *cp = 0x08; return true;
	case 't': case '\t': *cp = '\t'; return true;
	case 'n': *cp = '\n'; return true;
	case 'v': *cp = 0x0B; return true;
	case 'f': *cp = 0x0C; return true;
	case 'r': *cp = '\r'; return true;
	case 'e': *cp = 0x1B; return true;
	case ' ': case '"': case '/': case '\\': *cp = (unsigned char)d[1]; return true;
	case 'N': *cp = 0x85; return true;
	case '_': *cp = 0xA0; return true;
	case 'L': *cp = 0x2028; return true;
	case 'P': *cp = 0x2029; return true;
	case 'x': digits = 2; break;
	case 'u': digits = 4; break;
	case 'U': digits = 8; break;
	default: return false;
	}
	if (2 + (size_t)digits > n)
		return false;
	uint32_t v = 0;
	for (int k = 0; k < digits; k++) {
		int h = hex_value(d[2 + k]);
		if (h < 0)
			return false;
		v = v * 16 + (uint32_t)h;
	}
	if (v > 0x10FFFF)
		return false;
	*len = 2 + (size_t)digits;
	if (v >= 0xD800 && v < 0xDC00 && digits == 4) {
		/* JSON writes what UTF-16 needs two units for as a pair. */
		int32_t lo = n >= 12 && d[6] == '\\' ? hex4(d + 6, n - 6) : -1;
		if (lo >= 0xDC00 && lo < 0xE000) {
			v = 0x10000 + ((v - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
			*len = 12;
		}
	}
	*cp = v >= 0xD800 && v < 0xE000 ? 0xFFFD : (int32_t)v;
	return true;
}

/* Decodes the escape at d[0] == '\\' into out (its UTF-8 length is
 * returned, 0 when malformed); its length in the file in *used. */
static size_t unescape(const char *d, size_t n, char out[4], size_t *used)
{
	int32_t cp;
	return kb_yaml_escape(d, n, &cp, used) ? kb_utf8_encode(cp, out) : 0;
}

bool kb_json_strmap_init(kb_json_strmap *m, const char *data, size_t len, kb_node *n)
{
	memset(m, 0, sizeof *m);
	m->s = kb_json_str(n, &m->n);
	if (!m->s)
		return false;
	size_t from, to;
	if (!kb_yaml_span(n, &from, &to) || to > len || from > to) {
		m->lost = true;
		return true;
	}
	m->from = from;
	m->to = to;
	const char *d = data;
	if (to - from == m->n && memcmp(d + from, m->s, m->n) == 0)
		return true;
	m->off = malloc((m->n + 1) * sizeof *m->off);
	if (!m->off)
		abort();
	size_t i = from, k = 0;
	while (i < to) {
		if (d[i] != '\\') {
			if (k >= m->n || m->s[k] != d[i])
				break;
			m->off[k++] = (uint32_t)i++;
			continue;
		}
		char out[4];
		size_t used, w = unescape(d + i, to - i, out, &used);
		if (!w || w > m->n - k || memcmp(m->s + k, out, w) != 0)
			break;
		for (size_t j = 0; j < w; j++)
			m->off[k++] = (uint32_t)i;
		i += used;
	}
	if (i != to || k != m->n) {
		/* libfyaml decoded differently (a lone surrogate...). */
		free(m->off);
		m->off = NULL;
		m->lost = true;
		return true;
	}
	m->off[m->n] = (uint32_t)to;
	return true;
}

void kb_json_strmap_free(kb_json_strmap *m)
{
	free(m->off);
	m->off = NULL;
}

size_t kb_json_strmap_at(const kb_json_strmap *m, size_t i)
{
	if (i > m->n)
		i = m->n;
	if (m->lost)
		return m->from;
	return m->off ? m->off[i] : m->from + i;
}
