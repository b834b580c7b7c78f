/* arena.c - chunked bump allocator; see arena.h for the ownership rule. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_MIN = 64 * 1024, ALIGN = 16 };

struct chunk {
	struct chunk *next;
	size_t cap, used;
	max_align_t data[];
};

struct kb_arena {
	struct chunk *head;
	size_t total;
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fputs("kbcheck: out of memory\n", stderr);
		abort();
	}
	return p;
}

kb_arena *kb_arena_new(void)
{
	kb_arena *a = xmalloc(sizeof *a);
	a->head = NULL;
	a->total = 0;
	return a;
}

void kb_arena_free(kb_arena *a)
{
	if (!a)
		return;
	for (struct chunk *c = a->head, *n; c; c = n) {
		n = c->next;
		free(c);
	}
	free(a);
}

void *kb_alloc(kb_arena *a, size_t size)
{
	void *p = kb_alloc_raw(a, size);
	memset(p, 0, size);
	return p;
}

void *kb_alloc_raw(kb_arena *a, size_t size)
{
	size_t want = size;
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (size == 0)
		size = ALIGN;
	struct chunk *c = a->head;
	if (!c || c->cap - c->used < size) {
		size_t cap = size > CHUNK_MIN ? size : CHUNK_MIN;
		/* Grow chunks with the arena so a big run makes few mallocs. */
		if (a->total / 8 > cap)
			cap = a->total / 8 > size ? a->total / 8 : size;
		c = xmalloc(sizeof *c + cap);
		c->cap = cap;
		c->used = 0;
		if (a->head && size > CHUNK_MIN) {
			/* A large one-off block: keep the current chunk open. */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = (char *)c->data + c->used;
	c->used += size;
	a->total += size;
	/* The alignment padding is zeroed all the same: PCRE2's JIT reads
	 * whole words past the end of a subject, and a text read into raw
	 * memory must not make those bytes uninitialised (valgrind). */
	memset((char *)p + want, 0, size - want);
	return p;
}

char *kb_strndup(kb_arena *a, const char *s, size_t n)
{
	char *d = kb_alloc(a, n + 1);
	if (n)
		memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *kb_strdup(kb_arena *a, const char *s)
{
	return s ? kb_strndup(a, s, strlen(s)) : NULL;
}

char *kb_sprintf(kb_arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *d = kb_alloc(a, (size_t)n + 1);
	vsnprintf(d, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return d;
}

void kb_arena_reset(kb_arena *a)
{
	if (!a->head)
		return;
	for (struct chunk *c = a->head->next, *n; c; c = n) {
		n = c->next;
		free(c);
	}
	a->head->next = NULL;
	a->head->used = 0;
	a->total = 0;
}

size_t kb_arena_used(const kb_arena *a)
{
	return a->total;
}
