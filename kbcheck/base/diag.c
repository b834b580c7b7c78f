/* diag.c - diagnostics list. */
#include "diag.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "vec.h"

struct kb_diags {
	kb_arena *arena;
	kb_vec items;
	bool sorted;
	int worst;
	size_t seq;
	pthread_mutex_t lock;
};

typedef struct {
	kb_diag_entry e;
	size_t seq;
} item;

kb_diags *kb_diags_new(kb_arena *a)
{
	kb_diags *d = KB_NEW(a, kb_diags);
	d->arena = a;
	d->worst = -1;
	pthread_mutex_init(&d->lock, NULL);
	return d;
}

void kb_diag(kb_diags *d, kb_diag_level level, const char *path, int line,
	     int column, const char *fmt, ...)
{
	kb_buf b = KB_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&d->lock);
	item *it = KB_NEW(d->arena, item);
	it->e.level = level;
	it->e.path = kb_strdup(d->arena, path);
	it->e.line = line;
	it->e.column = column;
	it->e.message = kb_strndup(d->arena, kb_buf_cstr(&b), b.len);
	it->seq = d->seq++;
	kb_vec_push(d->arena, &d->items, it);
	d->sorted = false;
	if ((int)level > d->worst)
		d->worst = (int)level;
	pthread_mutex_unlock(&d->lock);
	kb_buf_free(&b);
}

size_t kb_diags_count(const kb_diags *d) { return d->items.len; }

void kb_diags_clear(kb_diags *d)
{
	pthread_mutex_lock(&d->lock);
	d->items.len = 0;
	d->sorted = false;
	d->worst = -1;
	d->seq = 0;
	pthread_mutex_unlock(&d->lock);
}

static int cmp(const void *pa, const void *pb)
{
	const item *a = *(item *const *)pa, *b = *(item *const *)pb;
	const char *x = a->e.path ? a->e.path : "", *y = b->e.path ? b->e.path : "";
	int c = strcmp(x, y);
	if (c)
		return c;
	if (a->e.line != b->e.line)
		return a->e.line < b->e.line ? -1 : 1;
	if (a->e.column != b->e.column)
		return a->e.column < b->e.column ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

const kb_diag_entry *kb_diags_get(kb_diags *d, size_t i)
{
	if (!d->sorted) {
		if (d->items.len > 1)
			qsort(d->items.items, d->items.len, sizeof(void *), cmp);
		d->sorted = true;
	}
	return &((item *)d->items.items[i])->e;
}

bool kb_diags_have(const kb_diags *d, kb_diag_level at_least)
{
	return d->worst >= (int)at_least;
}

const char *kb_diag_level_name(kb_diag_level level)
{
	static const char *const names[] = {"note", "warning", "error"};
	return names[level];
}

void kb_diags_print(kb_diags *d, FILE *out, kb_diag_level min_level, bool color)
{
	static const char *const colors[] = {"\033[1;36m", "\033[1;35m", "\033[1;31m"};
	for (size_t i = 0; i < kb_diags_count(d); i++) {
		const kb_diag_entry *e = kb_diags_get(d, i);
		if (e->level < min_level)
			continue;
		/* Paths and messages quote the knowledge base: never a control
		 * character on stderr, which terminals and CI runners obey. */
		if (e->path) {
			kb_text_put_safe(out, e->path, strlen(e->path));
			if (e->line > 0)
				fprintf(out, ":%d", e->line);
			if (e->line > 0 && e->column > 0)
				fprintf(out, ":%d", e->column);
			fputs(": ", out);
		} else {
			fputs("kbcheck: ", out);
		}
		if (color)
			fprintf(out, "%s%s:\033[0m ", colors[e->level], kb_diag_level_name(e->level));
		else
			fprintf(out, "%s: ", kb_diag_level_name(e->level));
		kb_text_put_safe(out, e->message, strlen(e->message));
		fputc('\n', out);
	}
}
