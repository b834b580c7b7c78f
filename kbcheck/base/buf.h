/* buf.h - growable byte buffer (malloc-backed; the pointer is never NULL).
 *
 * The caller owns a kb_buf and releases it with kb_buf_free(), or takes the
 * bytes with kb_buf_detach() (then the caller must free() them).
 */
#ifndef KB_BUF_H
#define KB_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct kb_buf {
	char *ptr; /* always NUL-terminated */
	size_t len, cap;
} kb_buf;

#define KB_BUF_INIT {0}

void kb_buf_put(kb_buf *b, const char *s, size_t n);
void kb_buf_puts(kb_buf *b, const char *s);
void kb_buf_putc(kb_buf *b, char c);
void kb_buf_printf(kb_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void kb_buf_vprintf(kb_buf *b, const char *fmt, va_list ap);
void kb_buf_clear(kb_buf *b);
void kb_buf_free(kb_buf *b);
char *kb_buf_detach(kb_buf *b);
/* ptr for reading; "" when nothing was written yet. */
const char *kb_buf_cstr(const kb_buf *b);

#endif
