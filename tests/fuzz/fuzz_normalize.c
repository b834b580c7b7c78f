/* fuzz_normalize.c - the normalizer: the first byte picks the value type,
 * the second the locale, the rest is the text (made valid UTF-8 and NFC,
 * as unit text always is).  Every value found is formatted and printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/jsonw.h"
#include "base/text.h"
#include "normalize/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                  \
	do {                                                                      \
		if (!(c)) {                                                       \
			fprintf(stderr, "invariant failed: %s\n", #c);            \
			abort();                                                  \
		}                                                                 \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const kb_vkind kinds[] = {KB_V_DURATION, KB_V_MONEY,     KB_V_NUMBER,
					 KB_V_PERCENT,  KB_V_COUNT,     KB_V_TIMERANGE,
					 KB_V_WEEKDAYS};
	static const char *const locales[] = {"en", "vi", "th", "fr"};
	static FILE *devnull;
	if (size < 2)
		return 0;
	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		abort();
	kb_vkind kind = kinds[data[0] % (sizeof kinds / sizeof kinds[0])];
	const char *locale = locales[data[1] % 4];
	kb_arena *a = kb_arena_new();
	char *raw = kb_strndup(a, (const char *)data + 2, size - 2);
	size_t n = size - 2, off = 0, bad;
	while (off < n && !kb_utf8_valid(raw + off, n - off, &bad)) {
		raw[off + bad] = raw[off + bad] == '\0' ? ' ' : '?';
		off += bad + 1;
	}
	size_t len;
	const char *text = kb_text_nfc(a, raw, n, &len, NULL);
	kb_buf b = KB_BUF_INIT;
	kb_value v;
	for (size_t from = 0; from <= len && kb_normalize_find(kind, locale, text, len, from, &v);) {
		CHECK(v.start >= from && v.start <= v.end && v.end <= len);
		CHECK(v.kind == kind);
		kb_jsonw *w = kb_jsonw_new(devnull, false);
		kb_value_json(w, &v, kb_strndup(a, text + v.start, v.end - v.start));
		kb_jsonw_free(w);
		kb_value_format(&b, &v);
		(void)kb_value_key(a, &v);
		CHECK(kb_value_same(&v, &v));
		from = v.end > from ? v.end : from + 1;
	}
	double num;
	size_t used;
	if (kb_parse_number(locale, text, len, &num, &used))
		CHECK(used > 0 && used <= len);
	kb_buf_free(&b);
	kb_arena_free(a);
	return 0;
}
