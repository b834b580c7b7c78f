/* history.c - a finding's life from its sightings (see history.h). */
#include "history.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

bool kb_hfinding_seen_at(const kb_hfinding *f, size_t run, bool *acked)
{
	size_t lo = 0, hi = f->nseen;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->seen[mid].run < run)
			lo = mid + 1;
		else
			hi = mid;
	}
	bool hit = lo < f->nseen && f->seen[lo].run == run;
	if (acked)
		*acked = hit && f->seen[lo].acked;
	return hit;
}

bool kb_hfinding_open_at(const kb_hfinding *f, size_t run)
{
	bool acked;
	return kb_hfinding_seen_at(f, run, &acked) && !acked;
}

size_t kb_hfinding_events(const kb_history *h, const kb_hfinding *f, kb_hevent *out)
{
	size_t n = 0;
	for (size_t k = 0; k < f->nseen; k++) {
		size_t run = f->seen[k].run;
		if (run >= h->nruns)
			break;
		if (k == 0) {
			/* First sighting among the runs we still have: new when this
			 * run is where it was first seen; otherwise it continues from
			 * pruned history (run 0) or came back after a gap. */
			if (f->first_seen >= h->runs[run].time)
				out[n++] = (kb_hevent){KB_HEV_NEW, run};
			else if (run > 0)
				out[n++] = (kb_hevent){KB_HEV_REOPENED, run};
			continue;
		}
		size_t prev = f->seen[k - 1].run;
		if (run != prev + 1) {
			out[n++] = (kb_hevent){KB_HEV_RESOLVED, prev + 1};
			out[n++] = (kb_hevent){KB_HEV_REOPENED, run};
		}
	}
	/* After the last sighting (the loader keeps only sightings of loaded
	 * runs, but stay safe if given more). */
	size_t last = KB_NO_RUN;
	for (size_t k = 0; k < f->nseen && f->seen[k].run < h->nruns; k++)
		last = f->seen[k].run;
	if (last != KB_NO_RUN && last + 1 < h->nruns)
		out[n++] = (kb_hevent){KB_HEV_RESOLVED, last + 1};
	return n;
}

int64_t kb_hfinding_resolved_at(const kb_history *h, const kb_hfinding *f, size_t run)
{
	if (run == KB_NO_RUN || run >= h->nruns || kb_hfinding_seen_at(f, run, NULL))
		return -1;
	size_t last = KB_NO_RUN;
	for (size_t k = 0; k < f->nseen && f->seen[k].run < run; k++)
		last = f->seen[k].run;
	if (last == KB_NO_RUN)
		return -1;
	return h->runs[last + 1].time;
}

void kb_history_run_stats(const kb_history *h, kb_hrun_stats *out)
{
	memset(out, 0, h->nruns * sizeof *out);
	size_t cap = 0;
	kb_hevent *ev = NULL;
	for (size_t i = 0; i < h->nfindings; i++) {
		const kb_hfinding *f = &h->findings[i];
		for (size_t k = 0; k < f->nseen && f->seen[k].run < h->nruns; k++) {
			if (f->seen[k].acked)
				out[f->seen[k].run].acked++;
			else
				out[f->seen[k].run].open++;
		}
		if (2 * f->nseen + 1 > cap) {
			cap = 2 * f->nseen + 1;
			free(ev);
			ev = malloc(cap * sizeof *ev);
			if (!ev)
				abort();
		}
		size_t n = kb_hfinding_events(h, f, ev);
		for (size_t k = 0; k < n; k++) {
			kb_hrun_stats *st = &out[ev[k].run];
			if (ev[k].kind == KB_HEV_NEW)
				st->new_++;
			else if (ev[k].kind == KB_HEV_REOPENED)
				st->reopened++;
			else
				st->resolved++;
		}
	}
	free(ev);
}

size_t kb_history_run_at(const kb_history *h, int64_t t)
{
	size_t lo = 0, hi = h->nruns;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->runs[mid].time <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? KB_NO_RUN : lo - 1;
}

void kb_htime_format(char out[32], int64_t t, bool with_time)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm)) {
		snprintf(out, 32, "?");
		return;
	}
	if (!strftime(out, 32, with_time ? "%Y-%m-%d %H:%M" : "%Y-%m-%d", &tm))
		snprintf(out, 32, "?");
}
