/* pool.c - worker threads with an arena each; see pool.h. */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { MAX_WORKERS = 1024 };

struct kb_pool {
	int n;
	kb_arena **arenas;
};

typedef struct {
	kb_pool *p;
	size_t n;
	atomic_size_t next;
	void (*fn)(void *ctx, size_t i, int worker);
	void *ctx;
} job;

typedef struct {
	job *j;
	int worker;
} start;

kb_pool *kb_pool_new(int n)
{
	if (n < 1) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		n = cpus > 0 ? (int)cpus : 1;
	}
	if (n > MAX_WORKERS)
		n = MAX_WORKERS;
	kb_pool *p = calloc(1, sizeof *p);
	kb_arena **arenas = calloc((size_t)n, sizeof *arenas);
	if (!p || !arenas)
		abort();
	p->n = n;
	p->arenas = arenas;
	for (int i = 0; i < n; i++)
		p->arenas[i] = kb_arena_new();
	return p;
}

void kb_pool_free(kb_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		kb_arena_free(p->arenas[i]);
	free(p->arenas);
	free(p);
}

int kb_pool_size(const kb_pool *p) { return p->n; }

kb_arena *kb_pool_arena(kb_pool *p, int w) { return p->arenas[w]; }

size_t kb_pool_used(const kb_pool *p)
{
	size_t used = 0;
	for (int i = 0; i < p->n; i++)
		used += kb_arena_used(p->arenas[i]);
	return used;
}

static void work(job *j, int worker)
{
	for (;;) {
		size_t i = atomic_fetch_add_explicit(&j->next, 1, memory_order_relaxed);
		if (i >= j->n)
			return;
		j->fn(j->ctx, i, worker);
	}
}

static void *thread_main(void *arg)
{
	start *s = arg;
	work(s->j, s->worker);
	return NULL;
}

void kb_pool_run(kb_pool *p, size_t n, void (*fn)(void *ctx, size_t i, int worker),
		 void *ctx)
{
	job j = {.p = p, .n = n, .fn = fn, .ctx = ctx};
	atomic_init(&j.next, 0);
	int threads = p->n;
	if ((size_t)threads > n)
		threads = n ? (int)n : 1;
	if (threads <= 1) {
		work(&j, 0);
		return;
	}
	pthread_t *tids = calloc((size_t)threads, sizeof *tids);
	start *starts = calloc((size_t)threads, sizeof *starts);
	if (!tids || !starts)
		abort();
	int started = 1;
	for (int w = 1; w < threads; w++) {
		starts[w] = (start){&j, w};
		if (pthread_create(&tids[w], NULL, thread_main, &starts[w]) != 0)
			break; /* fewer threads: the ones running do all the work */
		started++;
	}
	work(&j, 0);
	for (int w = 1; w < started; w++)
		pthread_join(tids[w], NULL);
	free(tids);
	free(starts);
}
