/* vec.c - arena-backed pointer array. */
#include "vec.h"

#include <string.h>

void kb_vec_push(kb_arena *a, kb_vec *v, void *item)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		void **n = KB_NEWN(a, void *, cap);
		if (v->len)
			memcpy(n, v->items, v->len * sizeof *n);
		v->items = n;
		v->cap = cap;
	}
	v->items[v->len++] = item;
}

void kb_vec_extend(kb_arena *a, kb_vec *dst, const kb_vec *src)
{
	for (size_t i = 0; i < src->len; i++)
		kb_vec_push(a, dst, src->items[i]);
}
