/* hash.h - FNV-1a 64-bit, for fingerprints and content keys.
 * Not cryptographic: fingerprints only need to be stable and well spread. */
#ifndef KB_HASH_H
#define KB_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define KB_HASH_INIT UINT64_C(0xcbf29ce484222325)

static inline uint64_t kb_hash(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* A fast 64-bit hash of a whole buffer (8 bytes a step, four lanes: the
 * structure of XXH64), for content keys of megabytes of files: FNV-1a's
 * byte at a time is ten times slower.  Not cryptographic either. */
static inline uint64_t kb_hash_rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

/* Host byte order: the hash keys a cache on this machine only. */
static inline uint64_t kb_hash_read64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

static inline uint64_t kb_hash_round(uint64_t acc, uint64_t v)
{
	acc += v * UINT64_C(0xC2B2AE3D27D4EB4F);
	return kb_hash_rotl(acc, 31) * UINT64_C(0x9E3779B185EBCA87);
}

static inline uint64_t kb_hash_buf(const void *data, size_t n, uint64_t seed)
{
	const uint64_t P1 = UINT64_C(0x9E3779B185EBCA87), P2 = UINT64_C(0xC2B2AE3D27D4EB4F),
		       P3 = UINT64_C(0x165667B19E3779F9), P4 = UINT64_C(0x85EBCA77C2B2AE63),
		       P5 = UINT64_C(0x27D4EB2F165667C5);
	const unsigned char *p = data, *end = p + n;
	uint64_t h;
	if (n >= 32) {
		uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
		do {
			v1 = kb_hash_round(v1, kb_hash_read64(p));
			v2 = kb_hash_round(v2, kb_hash_read64(p + 8));
			v3 = kb_hash_round(v3, kb_hash_read64(p + 16));
			v4 = kb_hash_round(v4, kb_hash_read64(p + 24));
			p += 32;
		} while (end - p >= 32);
		h = kb_hash_rotl(v1, 1) + kb_hash_rotl(v2, 7) + kb_hash_rotl(v3, 12) + kb_hash_rotl(v4, 18);
		h = (h ^ kb_hash_round(0, v1)) * P1 + P4;
		h = (h ^ kb_hash_round(0, v2)) * P1 + P4;
		h = (h ^ kb_hash_round(0, v3)) * P1 + P4;
		h = (h ^ kb_hash_round(0, v4)) * P1 + P4;
	} else {
		h = seed + P5;
	}
	h += (uint64_t)n;
	while (end - p >= 8) {
		h ^= kb_hash_round(0, kb_hash_read64(p));
		h = kb_hash_rotl(h, 27) * P1 + P4;
		p += 8;
	}
	while (p < end) {
		h ^= (*p++) * P5;
		h = kb_hash_rotl(h, 11) * P1;
	}
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

#endif
