/* progress.c - the progress bar.
 *
 * The line never reaches the terminal's last column (a line that fills it
 * wraps on many terminals, and the next \r then redraws on the wrong row):
 * it is cut to the width less one, the bar shrinking first.  A terminal
 * that declares no capabilities (TERM=dumb, or no TERM: editors' shells,
 * some CI consoles attached to a pty) gets no escape sequence and no \r:
 * one plain line at the end of each stage instead. */
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

enum { BAR = 24, MIN_BAR = 8, DEFAULT_COLUMNS = 80 };

double kb_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The terminal's width: the window size of stderr, else $COLUMNS, else 80. */
static size_t terminal_columns(void)
{
	struct winsize ws;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *env = getenv("COLUMNS");
	if (env && *env) {
		char *end;
		long n = strtol(env, &end, 10);
		if (*end == '\0' && n > 0 && n < 100000)
			return (size_t)n;
	}
	return DEFAULT_COLUMNS;
}

static bool dumb_terminal(void)
{
	const char *term = getenv("TERM");
	return !term || !*term || !strcmp(term, "dumb");
}

/* Cuts line to at most max bytes, after a whole count ("3/40 files, 5
 * answers") when one fits. */
static void fit(char *line, size_t max)
{
	if (strlen(line) <= max)
		return;
	line[max] = '\0';
	char *comma = strrchr(line, ',');
	if (comma)
		*comma = '\0';
}

/* "kbcheck reading    [####----] 3/40 files, ..." in at most width - 1
 * columns (the text is ASCII: a byte is a column). */
static void compose(const kb_progress *p, double now, char *line, size_t size)
{
	char stage[32], rest[160], bar[BAR + 1];
	size_t max = p->columns - 1 < size - 1 ? p->columns - 1 : size - 1;
	snprintf(stage, sizeof stage, "kbcheck %-10s", p->stage);
	snprintf(rest, sizeof rest, " %zu/%zu files, %zu answers, %zu claims, %zu findings, %.1fs",
		 p->done, p->total, p->units, p->claims, p->findings, now - p->start);
	/* What is left for " [" bar "]" once the words are in. */
	size_t used = strlen(stage) + strlen(rest) + 3;
	size_t width = used < max ? max - used : 0;
	if (width > BAR)
		width = BAR;
	if (p->plain || width < MIN_BAR) {
		snprintf(line, size, "%s%s", stage, rest);
	} else {
		size_t fill = p->total ? p->done * width / p->total : 0;
		for (size_t i = 0; i < width; i++)
			bar[i] = i < fill ? '#' : '-';
		bar[width] = '\0';
		snprintf(line, size, "%s [%s]%s", stage, bar, rest);
	}
	fit(line, max);
}

static void draw(kb_progress *p, bool force)
{
	double now = kb_now();
	if (!p->on || (!force && now - p->last < 0.1) || (p->plain && !force))
		return;
	p->last = now;
	char line[256];
	compose(p, now, line, sizeof line);
	if (p->plain)
		fprintf(stderr, "%s\n", line);
	else /* \r + erase line: the bar overwrites itself. */
		fprintf(stderr, "\r\033[K%s", line);
	fflush(stderr);
}

void kb_progress_begin(kb_progress *p, bool wanted)
{
	*p = (kb_progress){.on = wanted && isatty(STDERR_FILENO), .stage = "reading"};
	if (p->on) {
		p->columns = terminal_columns();
		p->plain = dumb_terminal();
	}
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
	if (p->on && !p->plain) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->on = false;
}

void kb_progress_comparing(void *user, size_t claims)
{
	kb_progress_stage(user, "comparing", claims, 0);
}
