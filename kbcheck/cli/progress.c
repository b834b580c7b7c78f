/* progress.c - the progress bar. */
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

enum { BAR = 24 };

double kb_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void draw(kb_progress *p, bool force)
{
	double now = kb_now();
	if (!p->on || (!force && now - p->last < 0.1))
		return;
	p->last = now;
	size_t fill = p->total ? p->done * BAR / p->total : 0;
	char bar[BAR + 1];
	for (size_t i = 0; i < BAR; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[BAR] = '\0';
	/* \r + erase line: the bar overwrites itself. */
	fprintf(stderr, "\r\033[Kkbcheck %-10s [%s] %zu/%zu files, %zu answers, %zu claims, "
			"%zu findings, %.1fs",
		p->stage, bar, p->done, p->total, p->units, p->claims, p->findings,
		now - p->start);
	fflush(stderr);
}

void kb_progress_begin(kb_progress *p, bool wanted)
{
	*p = (kb_progress){.on = wanted && isatty(STDERR_FILENO), .stage = "reading"};
	p->start = kb_now();
}

void kb_progress_files(void *user, size_t done, size_t total, size_t units)
{
	kb_progress *p = user;
	p->done = done;
	p->total = total;
	p->units = units;
	draw(p, done == total);
}

void kb_progress_stage(kb_progress *p, const char *stage, size_t claims, size_t findings)
{
	p->stage = stage;
	p->claims = claims;
	p->findings = findings;
	draw(p, true);
}

void kb_progress_end(kb_progress *p)
{
	if (p->on) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->on = false;
}

void kb_progress_comparing(void *user, size_t claims)
{
	kb_progress_stage(user, "comparing", claims, 0);
}
