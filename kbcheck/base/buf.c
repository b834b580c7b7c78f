/* buf.c - growable byte buffer. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(kb_buf *b, size_t extra)
{
	if (b->cap - b->len > extra)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap - b->len <= extra)
		cap *= 2;
	char *p = realloc(b->ptr, cap);
	if (!p) {
		fputs("kbcheck: out of memory\n", stderr);
		abort();
	}
	b->ptr = p;
	b->cap = cap;
}

void kb_buf_put(kb_buf *b, const char *s, size_t n)
{
	grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void kb_buf_puts(kb_buf *b, const char *s) { kb_buf_put(b, s, strlen(s)); }
void kb_buf_putc(kb_buf *b, char c) { kb_buf_put(b, &c, 1); }

void kb_buf_vprintf(kb_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n <= 0)
		return;
	grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void kb_buf_printf(kb_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kb_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void kb_buf_clear(kb_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void kb_buf_free(kb_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

char *kb_buf_detach(kb_buf *b)
{
	char *p = b->ptr;
	if (!p) {
		p = malloc(1);
		if (!p)
			abort();
		p[0] = '\0';
	}
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

const char *kb_buf_cstr(const kb_buf *b) { return b->ptr ? b->ptr : ""; }
