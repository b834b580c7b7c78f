/* arena.h - one bump allocator per run.
 *
 * Ownership rule for all of kbcheck: every source, unit, claim and finding of
 * a run lives in that run's arena and is freed, all at once, by
 * kb_arena_free().  Nothing allocated from an arena is freed on its own.
 * Memory returned is zeroed and aligned for any scalar type.
 */
#ifndef KB_ARENA_H
#define KB_ARENA_H

#include <stddef.h>

typedef struct kb_arena kb_arena;

kb_arena *kb_arena_new(void);
void kb_arena_free(kb_arena *a);

/* Zeroed memory; aborts on out-of-memory (there is no sane way to go on). */
void *kb_alloc(kb_arena *a, size_t size);
/* The same without zeroing, for buffers that are filled at once (file
 * contents). */
void *kb_alloc_raw(kb_arena *a, size_t size);
#define KB_NEW(a, type) ((type *)kb_alloc((a), sizeof(type)))
#define KB_NEWN(a, type, n) ((type *)kb_alloc((a), sizeof(type) * (size_t)(n)))

/* NUL-terminated copies. kb_strndup copies exactly n bytes (embedded NULs
 * included) and appends a NUL. */
char *kb_strdup(kb_arena *a, const char *s);
char *kb_strndup(kb_arena *a, const char *s, size_t n);
char *kb_sprintf(kb_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Everything handed out is given back at once and the memory kept for
 * what comes next: a scratch arena (the texts of one source while its
 * claims are extracted). */
void kb_arena_reset(kb_arena *a);

/* Bytes handed out so far (for stats and the memory benchmark). */
size_t kb_arena_used(const kb_arena *a);

#endif
