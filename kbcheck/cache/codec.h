/* codec.h - the cache's byte encoding (internal to cache/): bounds-checked
 * readers, writers into a kb_buf, and the encoding of a source's results.
 *
 * Integers are little-endian; a string is u32 length (0xFFFFFFFF: NULL),
 * its bytes and a NUL, so that strings read from the mapped cache file are
 * used where they are.  A reader that runs past its end, or finds a value
 * that cannot be, sets bad and returns zeros: a bad entry is a miss, never
 * a crash.
 */
#ifndef KB_CACHE_CODEC_H
#define KB_CACHE_CODEC_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/vec.h"
#include "../rules/claim.h"
#include "cache.h"

enum { KBC_NULLSTR = -1 };

typedef struct {
	const unsigned char *p, *end;
	bool bad;
} kbc_rd;

static inline const unsigned char *kbc_take(kbc_rd *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		return NULL;
	}
	const unsigned char *q = r->p;
	r->p += n;
	return q;
}

static inline uint64_t kbc_u(kbc_rd *r, int bytes)
{
	const unsigned char *q = kbc_take(r, (size_t)bytes);
	uint64_t v = 0;
	for (int i = bytes - 1; q && i >= 0; i--)
		v = (v << 8) | q[i];
	return v;
}

static inline uint32_t kbc_u32(kbc_rd *r) { return (uint32_t)kbc_u(r, 4); }
static inline uint64_t kbc_u64(kbc_rd *r) { return kbc_u(r, 8); }
static inline int kbc_i32(kbc_rd *r) { return (int)(int32_t)kbc_u32(r); }

static inline const char *kbc_str_n(kbc_rd *r, size_t *len)
{
	uint32_t n = kbc_u32(r);
	*len = 0;
	if (n == (uint32_t)KBC_NULLSTR || r->bad)
		return NULL;
	const unsigned char *q = kbc_take(r, (size_t)n + 1);
	if (!q || q[n] != '\0') {
		r->bad = true;
		return NULL;
	}
	*len = n;
	return (const char *)q;
}

static inline const char *kbc_str(kbc_rd *r)
{
	size_t n;
	return kbc_str_n(r, &n);
}

/* A count of items of at least min bytes each that the rest can hold. */
static inline size_t kbc_count(kbc_rd *r, size_t min)
{
	uint32_t n = kbc_u32(r);
	if (!r->bad && (size_t)n * min > (size_t)(r->end - r->p))
		r->bad = true;
	return r->bad ? 0 : n;
}

static inline void kbc_w(kb_buf *b, uint64_t v, int bytes)
{
	char tmp[8];
	for (int i = 0; i < bytes; i++)
		tmp[i] = (char)(v >> (8 * i));
	kb_buf_put(b, tmp, (size_t)bytes);
}

static inline void kbc_w32(kb_buf *b, uint32_t v) { kbc_w(b, v, 4); }
static inline void kbc_w64(kb_buf *b, uint64_t v) { kbc_w(b, v, 8); }

static inline void kbc_wstr_n(kb_buf *b, const char *s, size_t n)
{
	if (!s) {
		kbc_w32(b, (uint32_t)KBC_NULLSTR);
		return;
	}
	kbc_w32(b, (uint32_t)n);
	kb_buf_put(b, s, n);
	kb_buf_putc(b, '\0');
}

static inline void kbc_wstr(kb_buf *b, const char *s) { kbc_wstr_n(b, s, s ? strlen(s) : 0); }

void kbc_write_scope(kb_buf *b, const kb_scope *s);
kb_scope kbc_read_scope(kbc_rd *r, kb_arena *a);

/* A source's results: its parse diagnostics, extraction diagnostics,
 * units, claims, unclaimed values and why it gave no unit. */
void kbc_write_results(kb_buf *b, kb_diags *diags, kb_diags *xdiags, const kb_cached *in);
/* Read them back for src (into out: units, claims and unclaimed made in a
 * and appended; the diagnostics replayed into diags and xdiags) -- all or
 * nothing: false, and nothing appended or replayed, when the bytes are
 * not well-formed. */
bool kbc_read_results(kbc_rd *r, kb_arena *a, const kb_source *src, kb_cached *out,
		      kb_diags *diags, kb_diags *xdiags);

#endif
