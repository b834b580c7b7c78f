/* siphash.h - SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit
 * hash, a MAC for short messages.  Who does not know the 128-bit key
 * cannot make a message with a given tag, nor two messages with the same
 * one, which the unkeyed hashes of hash.h do not promise.  The cache signs
 * its entries with it (cache/trust.h). */
#ifndef KB_SIPHASH_H
#define KB_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"

#define KB_SIP_ROUND(v0, v1, v2, v3)                                                              \
	do {                                                                                      \
		v0 += v1;                                                                         \
		v1 = kb_hash_rotl(v1, 13) ^ v0;                                                   \
		v0 = kb_hash_rotl(v0, 32);                                                        \
		v2 += v3;                                                                         \
		v3 = kb_hash_rotl(v3, 16) ^ v2;                                                   \
		v0 += v3;                                                                         \
		v3 = kb_hash_rotl(v3, 21) ^ v0;                                                   \
		v2 += v1;                                                                         \
		v1 = kb_hash_rotl(v1, 17) ^ v2;                                                   \
		v2 = kb_hash_rotl(v2, 32);                                                        \
	} while (0)

static inline uint64_t kb_sip_le64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static inline uint64_t kb_siphash(const unsigned char key[16], const void *data, size_t n)
{
	uint64_t k0 = kb_sip_le64(key), k1 = kb_sip_le64(key + 8);
	uint64_t v0 = k0 ^ UINT64_C(0x736f6d6570736575), v1 = k1 ^ UINT64_C(0x646f72616e646f6d);
	uint64_t v2 = k0 ^ UINT64_C(0x6c7967656e657261), v3 = k1 ^ UINT64_C(0x7465646279746573);
	const unsigned char *p = data;
	size_t whole = n - n % 8;
	for (size_t i = 0; i < whole; i += 8) {
		uint64_t m = kb_sip_le64(p + i);
		v3 ^= m;
		KB_SIP_ROUND(v0, v1, v2, v3);
		KB_SIP_ROUND(v0, v1, v2, v3);
		v0 ^= m;
	}
	uint64_t last = (uint64_t)(n & 0xff) << 56;
	for (size_t i = 0; i < n % 8; i++)
		last |= (uint64_t)p[whole + i] << (8 * i);
	v3 ^= last;
	KB_SIP_ROUND(v0, v1, v2, v3);
	KB_SIP_ROUND(v0, v1, v2, v3);
	v0 ^= last;
	v2 ^= 0xff;
	for (int i = 0; i < 4; i++)
		KB_SIP_ROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}

#endif
