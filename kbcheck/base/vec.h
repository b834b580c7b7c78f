/* vec.h - arena-backed growable array of pointers.
 *
 * Growth copies into a new arena block; the old block stays in the arena
 * until the run ends (bounded by 2x the final size).
 */
#ifndef KB_VEC_H
#define KB_VEC_H

#include "arena.h"

typedef struct kb_vec {
	void **items;
	size_t len, cap;
} kb_vec;

void kb_vec_push(kb_arena *a, kb_vec *v, void *item);
/* Append all of src to dst. */
void kb_vec_extend(kb_arena *a, kb_vec *dst, const kb_vec *src);

#define KB_VEC_AT(v, type, i) ((type *)(v).items[(i)])

#endif
