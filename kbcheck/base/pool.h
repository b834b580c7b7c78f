/* pool.h - the workers of one run: a thread count and one arena per worker.
 *
 * kb_arena is not thread-safe, so every worker allocates from its own arena.
 * The pool owns those arenas and frees them in kb_pool_free(): whatever a
 * worker made (sources, units, claims) lives as long as the pool, which the
 * run owns (pipeline/run.h).  Diagnostics (diag.h) are thread-safe.
 *
 *     kb_pool_run(pool, n, fn, ctx);   // fn(ctx, i, worker) for i in [0, n)
 *
 * Items are handed out in order, one at a time, to whichever worker is free,
 * so a big item does not hold up the rest; the caller's thread is worker 0.
 * Results must go to per-item slots (never to shared vectors) so that the
 * caller can merge them in item order: output never depends on timing.
 */
#ifndef KB_POOL_H
#define KB_POOL_H

#include <stddef.h>

#include "arena.h"

typedef struct kb_pool kb_pool;

/* n workers (the caller included); n < 1 means one per online CPU. */
kb_pool *kb_pool_new(int n);
/* Frees the pool and every worker arena (with everything made in them). */
void kb_pool_free(kb_pool *p);

int kb_pool_size(const kb_pool *p);
/* Worker w's arena: only worker w may allocate from it while a
 * kb_pool_run is in progress; afterwards anyone may read what is in it. */
kb_arena *kb_pool_arena(kb_pool *p, int w);

/* Calls fn(ctx, i, worker) for every i in [0, n) and returns when all are
 * done.  With one worker (or n < 2) everything runs on the caller's thread. */
void kb_pool_run(kb_pool *p, size_t n, void (*fn)(void *ctx, size_t i, int worker),
		 void *ctx);

/* Bytes handed out by all worker arenas. */
size_t kb_pool_used(const kb_pool *p);

#endif
