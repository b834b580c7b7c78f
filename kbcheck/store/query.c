/* query.c - reading the history back (history.h), in one read transaction
 * so that a run being recorded meanwhile is either wholly in or out. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* Arena-backed growable array: returns the (possibly moved) block with room
 * for one more item of `size` bytes. */
static void *grow(kb_arena *a, void *items, size_t len, size_t *cap, size_t size)
{
	if (len < *cap)
		return items;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *n = kb_alloc(a, ncap * size);
	if (len)
		memcpy(n, items, len * size);
	*cap = ncap;
	return n;
}

typedef struct {
	int64_t id;
	size_t index;
} run_ref;

static int cmp_run_ref(const void *pa, const void *pb)
{
	const run_ref *a = pa, *b = pb;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int cmp_sight(const void *pa, const void *pb)
{
	const kb_hsight *a = pa, *b = pb;
	return a->run < b->run ? -1 : a->run > b->run;
}

/* The claim columns, in this order, starting at column `at`. */
#define CLAIM_COLUMNS                                                                              \
	"c.topic, c.attribute, c.scope, c.path, c.relpath, c.line, c.col, c.end_line, "            \
	"c.end_col, c.channel, c.locale, c.format, c.unit_id, c.question, c.sentence, c.quote, "   \
	"c.value, c.value_key"

static void read_claim(kb_arena *a, sqlite3_stmt *st, int at, kb_hclaim *c)
{
	c->topic = kb_store_col_text(a, st, at + 0);
	c->attribute = kb_store_col_text(a, st, at + 1);
	c->scope = kb_store_col_text(a, st, at + 2);
	c->path = kb_store_col_text(a, st, at + 3);
	c->relpath = kb_store_col_text(a, st, at + 4);
	c->line = sqlite3_column_int(st, at + 5);
	c->column = sqlite3_column_int(st, at + 6);
	c->end_line = sqlite3_column_int(st, at + 7);
	c->end_column = sqlite3_column_int(st, at + 8);
	c->channel = kb_store_col_text(a, st, at + 9);
	c->locale = kb_store_col_text(a, st, at + 10);
	c->format = kb_store_col_text(a, st, at + 11);
	c->unit_id = kb_store_col_text(a, st, at + 12);
	c->question = kb_store_col_text(a, st, at + 13);
	c->sentence = kb_store_col_text(a, st, at + 14);
	c->quote = kb_store_col_text(a, st, at + 15);
	c->value = kb_store_col_text(a, st, at + 16);
	c->value_key = kb_store_col_text(a, st, at + 17);
}

typedef struct {
	kb_store *s;
	kb_arena *a;
	kb_history *h;
	run_ref *ids; /* by id, for run_id -> index */
} loader;

static bool done(loader *l, sqlite3_stmt *st, int rc)
{
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || kb_store_fail(l->s, "cannot read the database");
}

static bool load_runs(loader *l, int64_t until)
{
	sqlite3_stmt *st = kb_store_prepare(
	    l->s, "SELECT id, time, revision, tool_version, source_url, files, units, claims, "
		  "findings, acked, input_errors, coalesce(unclaimed, -1) FROM runs WHERE time <= ? "
		  "ORDER BY time, id");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, until);
	kb_hrun *runs = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		runs = grow(l->a, runs, n, &cap, sizeof *runs);
		kb_hrun *r = &runs[n++];
		r->id = sqlite3_column_int64(st, 0);
		r->time = sqlite3_column_int64(st, 1);
		r->revision = kb_store_col_text(l->a, st, 2);
		r->tool_version = kb_store_col_text(l->a, st, 3);
		r->source_url = kb_store_col_text(l->a, st, 4);
		r->files = sqlite3_column_int64(st, 5);
		r->units = sqlite3_column_int64(st, 6);
		r->claims = sqlite3_column_int64(st, 7);
		r->findings = sqlite3_column_int64(st, 8);
		r->acked = sqlite3_column_int64(st, 9);
		r->input_errors = sqlite3_column_int64(st, 10);
		r->unclaimed = sqlite3_column_int64(st, 11);
	}
	l->h->runs = runs;
	l->h->nruns = n;
	l->h->ref = n ? n - 1 : KB_NO_RUN;
	l->ids = KB_NEWN(l->a, run_ref, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		l->ids[i] = (run_ref){runs[i].id, i};
	qsort(l->ids, n, sizeof *l->ids, cmp_run_ref);
	return done(l, st, rc);
}

static size_t run_index(const loader *l, int64_t id)
{
	run_ref key = {id, 0};
	const run_ref *hit = bsearch(&key, l->ids, l->h->nruns, sizeof key, cmp_run_ref);
	return hit ? hit->index : KB_NO_RUN;
}

/* Findings with at least one sighting among the loaded runs, each with its
 * sightings in run order. */
static bool load_findings(loader *l)
{
	sqlite3_stmt *st = kb_store_prepare(
	    l->s, "SELECT f.id, f.fingerprint, f.topic, f.attribute, f.scope, f.first_seen, "
		  "s.run_id, s.acked FROM findings f JOIN sightings s ON s.finding_id = f.id "
		  "ORDER BY f.id");
	if (!st)
		return false;
	kb_hfinding *fs = NULL;
	size_t n = 0, cap = 0, scap = 0;
	kb_hsight *seen = NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t run = run_index(l, sqlite3_column_int64(st, 6));
		if (run == KB_NO_RUN)
			continue;
		int64_t id = sqlite3_column_int64(st, 0);
		if (n == 0 || fs[n - 1].id != id) {
			fs = grow(l->a, fs, n, &cap, sizeof *fs);
			kb_hfinding *f = &fs[n++];
			memset(f, 0, sizeof *f);
			f->id = id;
			f->fingerprint = kb_store_col_text(l->a, st, 1);
			f->topic = kb_store_col_text(l->a, st, 2);
			f->attribute = kb_store_col_text(l->a, st, 3);
			f->scope = kb_store_col_text(l->a, st, 4);
			f->first_seen = sqlite3_column_int64(st, 5);
			seen = NULL;
			scap = 0;
		}
		kb_hfinding *f = &fs[n - 1];
		seen = grow(l->a, seen, f->nseen, &scap, sizeof *seen);
		seen[f->nseen++] = (kb_hsight){(uint32_t)run, sqlite3_column_int(st, 7) != 0};
		f->seen = seen;
	}
	for (size_t i = 0; i < n; i++)
		qsort((void *)fs[i].seen, fs[i].nseen, sizeof *fs[i].seen, cmp_sight);
	l->h->findings = fs;
	l->h->nfindings = n;
	return done(l, st, rc);
}

/* Message, values, acknowledgement and sides as of each finding's last
 * sighting (all loaded runs are at or before the reference run). */
static bool load_details(loader *l)
{
	sqlite3_stmt *sight = kb_store_prepare(
	    l->s, "SELECT severity, message, majority, majority_count, sources, canonical, "
		  "canonical_source, ack_reason, ack_by FROM sightings WHERE run_id = ? AND "
		  "finding_id = ?");
	sqlite3_stmt *sides = kb_store_prepare(
	    l->s, "SELECT s.deviates, s.suggestion, " CLAIM_COLUMNS " FROM sides s JOIN claims c "
		  "ON c.id = s.claim_id WHERE s.run_id = ? AND s.finding_id = ? ORDER BY s.seq");
	bool ok = sight && sides;
	for (size_t i = 0; ok && i < l->h->nfindings; i++) {
		kb_hfinding *f = (kb_hfinding *)&l->h->findings[i];
		int64_t run_id = l->h->runs[f->seen[f->nseen - 1].run].id;
		sqlite3_bind_int64(sight, 1, run_id);
		sqlite3_bind_int64(sight, 2, f->id);
		int rc = sqlite3_step(sight);
		if (rc == SQLITE_ROW) {
			f->severity = kb_store_col_text(l->a, sight, 0);
			f->message = kb_store_col_text(l->a, sight, 1);
			f->majority = kb_store_col_text(l->a, sight, 2);
			f->majority_count = sqlite3_column_int64(sight, 3);
			f->sources = sqlite3_column_int64(sight, 4);
			f->canonical = kb_store_col_text(l->a, sight, 5);
			f->canonical_source = kb_store_col_text(l->a, sight, 6);
			f->ack_reason = kb_store_col_text(l->a, sight, 7);
			f->ack_by = kb_store_col_text(l->a, sight, 8);
		}
		sqlite3_reset(sight);
		ok = rc == SQLITE_ROW || kb_store_fail(l->s, "cannot read the database");
		sqlite3_bind_int64(sides, 1, run_id);
		sqlite3_bind_int64(sides, 2, f->id);
		kb_hside *sd = NULL;
		size_t n = 0, cap = 0;
		while (ok && (rc = sqlite3_step(sides)) == SQLITE_ROW) {
			sd = grow(l->a, sd, n, &cap, sizeof *sd);
			kb_hclaim *c = KB_NEW(l->a, kb_hclaim);
			read_claim(l->a, sides, 2, c);
			c->deviates = sqlite3_column_int(sides, 0) != 0;
			sd[n++] = (kb_hside){c, c->deviates, kb_store_col_text(l->a, sides, 1)};
		}
		sqlite3_reset(sides);
		ok = ok && (rc == SQLITE_DONE || kb_store_fail(l->s, "cannot read the database"));
		f->sides = sd;
		f->nsides = n;
	}
	sqlite3_finalize(sight);
	sqlite3_finalize(sides);
	return ok;
}

static bool load_reference(loader *l)
{
	kb_history *h = l->h;
	if (h->ref == KB_NO_RUN)
		return true;
	int64_t ref = h->runs[h->ref].id;
	sqlite3_stmt *st =
	    kb_store_prepare(l->s, "SELECT channel, locale, units, claims FROM "
				   "run_counts WHERE run_id = ? ORDER BY channel, locale");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, ref);
	kb_hcount *counts = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		counts = grow(l->a, counts, n, &cap, sizeof *counts);
		counts[n++] =
		    (kb_hcount){kb_store_col_text(l->a, st, 0), kb_store_col_text(l->a, st, 1),
				sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3)};
	}
	h->counts = counts;
	h->ncounts = n;
	if (!done(l, st, rc))
		return false;

	st = kb_store_prepare(l->s, "SELECT rc.deviates, " CLAIM_COLUMNS " FROM run_claims rc "
				    "JOIN claims c ON c.id = rc.claim_id WHERE rc.run_id = ? "
				    "ORDER BY c.topic, c.attribute, c.scope, c.channel, c.locale, "
				    "c.path, c.line, c.col, c.id");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, ref);
	kb_hclaim *claims = NULL;
	n = cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		claims = grow(l->a, claims, n, &cap, sizeof *claims);
		read_claim(l->a, st, 1, &claims[n]);
		claims[n++].deviates = sqlite3_column_int(st, 0) != 0;
	}
	h->claims = claims;
	h->nclaims = n;
	if (!done(l, st, rc))
		return false;

	st = kb_store_prepare(l->s, "SELECT topic, attribute, scope, value, value_key, source "
				    "FROM run_canonical WHERE run_id = ? ORDER BY topic, "
				    "attribute, scope");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, ref);
	kb_hcanon *canon = NULL;
	n = cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		canon = grow(l->a, canon, n, &cap, sizeof *canon);
		canon[n++] =
		    (kb_hcanon){kb_store_col_text(l->a, st, 0), kb_store_col_text(l->a, st, 1),
				kb_store_col_text(l->a, st, 2), kb_store_col_text(l->a, st, 3),
				kb_store_col_text(l->a, st, 4), kb_store_col_text(l->a, st, 5)};
	}
	h->canon = canon;
	h->ncanon = n;
	return done(l, st, rc);
}

/* The reasons in the order coverage lists them (source.h). */
static int reason_rank(const char *name)
{
	for (int r = 0; r < KB_UNREAD_NREASONS; r++)
		if (!strcmp(name, kb_unread_reason_name((kb_unread_reason)r)))
			return r;
	return KB_UNREAD_NREASONS;
}

static int cmp_hunread(const void *pa, const void *pb)
{
	const kb_hunread *a = pa, *b = pb;
	int x = reason_rank(a->reason), y = reason_rank(b->reason);
	return x != y ? (x < y ? -1 : 1) : strcmp(a->reason, b->reason);
}

static bool load_unread(loader *l, int64_t ref)
{
	sqlite3_stmt *st = kb_store_prepare(
	    l->s, "SELECT reason, files FROM run_unread WHERE run_id = ? ORDER BY reason");
	sqlite3_stmt *fst = kb_store_prepare(l->s, "SELECT path, detail FROM run_unread_files "
						   "WHERE run_id = ? AND reason = ? ORDER BY seq");
	if (!st || !fst) {
		sqlite3_finalize(st);
		sqlite3_finalize(fst);
		return false;
	}
	sqlite3_bind_int64(st, 1, ref);
	kb_hunread *us = NULL;
	size_t n = 0, cap = 0;
	int rc;
	bool ok = true;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		us = grow(l->a, us, n, &cap, sizeof *us);
		kb_hunread *u = &us[n++];
		*u = (kb_hunread){.reason = kb_store_col_text(l->a, st, 0),
				  .files = sqlite3_column_int64(st, 1)};
		sqlite3_bind_int64(fst, 1, ref);
		kb_store_bind_text(fst, 2, u->reason);
		const char **paths = NULL, **details = NULL;
		size_t pcap = 0, dcap = 0;
		int frc;
		while ((frc = sqlite3_step(fst)) == SQLITE_ROW) {
			paths = grow(l->a, paths, u->npaths, &pcap, sizeof *paths);
			details = grow(l->a, details, u->npaths, &dcap, sizeof *details);
			paths[u->npaths] = kb_store_col_text(l->a, fst, 0);
			details[u->npaths++] = kb_store_col_text(l->a, fst, 1);
		}
		sqlite3_reset(fst);
		u->paths = paths;
		u->details = details;
		ok = frc == SQLITE_DONE || kb_store_fail(l->s, "cannot read the database");
	}
	sqlite3_finalize(fst);
	if (n)
		qsort(us, n, sizeof *us, cmp_hunread);
	l->h->unread = us;
	l->h->nunread = n;
	return ok && done(l, st, rc);
}

static bool load_claimless(loader *l, int64_t ref)
{
	sqlite3_stmt *st = kb_store_prepare(
	    l->s, "SELECT topic, attribute, path, relpath, line, col, end_line, end_col, channel, "
		  "locale, unit_id, quote, weak FROM run_unclaimed WHERE run_id = ? ORDER BY seq");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, ref);
	kb_hunclaimed *us = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		us = grow(l->a, us, n, &cap, sizeof *us);
		kb_hclaim *c = &us[n].at;
		memset(c, 0, sizeof *c);
		c->topic = kb_store_col_text(l->a, st, 0);
		c->attribute = kb_store_col_text(l->a, st, 1);
		c->scope = "";
		c->path = kb_store_col_text(l->a, st, 2);
		c->relpath = kb_store_col_text(l->a, st, 3);
		c->line = sqlite3_column_int(st, 4);
		c->column = sqlite3_column_int(st, 5);
		c->end_line = sqlite3_column_int(st, 6);
		c->end_column = sqlite3_column_int(st, 7);
		c->channel = kb_store_col_text(l->a, st, 8);
		c->locale = kb_store_col_text(l->a, st, 9);
		c->unit_id = kb_store_col_text(l->a, st, 10);
		c->quote = kb_store_col_text(l->a, st, 11);
		us[n++].weak = sqlite3_column_int(st, 12) != 0;
	}
	l->h->unclaimed = us;
	l->h->nunclaimed = n;
	if (!done(l, st, rc))
		return false;
	st = kb_store_prepare(l->s, "SELECT topic, channel, claims FROM run_topics WHERE "
				    "run_id = ? ORDER BY topic, channel");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, ref);
	kb_htopic *ts = NULL;
	n = cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ts = grow(l->a, ts, n, &cap, sizeof *ts);
		ts[n++] = (kb_htopic){kb_store_col_text(l->a, st, 0), kb_store_col_text(l->a, st, 1),
				      sqlite3_column_int64(st, 2)};
	}
	l->h->topics = ts;
	l->h->ntopics = n;
	return done(l, st, rc);
}

/* The reference run's coverage, when it was recorded with one. */
static bool load_coverage(loader *l)
{
	kb_history *h = l->h;
	if (h->ref == KB_NO_RUN || h->runs[h->ref].unclaimed < 0)
		return true;
	int64_t ref = h->runs[h->ref].id;
	return load_unread(l, ref) && load_claimless(l, ref);
}

static kb_history *load(kb_store *s, kb_arena *a, int64_t until)
{
	kb_history *h = KB_NEW(a, kb_history);
	h->ref = KB_NO_RUN;
	loader l = {.s = s, .a = a, .h = h};
	if (!kb_store_exec(s, "BEGIN", "cannot read the database"))
		return NULL;
	bool ok = load_runs(&l, until) && load_findings(&l) && load_details(&l) &&
		  load_reference(&l) && load_coverage(&l);
	sqlite3_exec(s->db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
	return ok ? h : NULL;
}

/* A snapshot (store.c) read while a writer's checkpoint changed the file
 * may be torn: it is read again, its errors kept aside until the file held
 * still during the read. */
kb_history *kb_store_load_history(kb_store *s, kb_arena *a, int64_t until)
{
	enum { TRIES = 5 };
	if (!s->snapshot)
		return load(s, a, until);
	kb_diags *real = s->d;
	for (int i = 1;; i++) {
		s->d = kb_diags_new(a);
		kb_history *h = load(s, a, until);
		kb_diags *seen = s->d;
		s->d = real;
		bool moved = kb_store_snapshot_moved(s);
		if (moved && i < TRIES) {
			if (!kb_store_snapshot_reopen(s))
				return NULL;
			continue;
		}
		for (size_t j = 0; j < kb_diags_count(seen); j++) {
			const kb_diag_entry *e = kb_diags_get(seen, j);
			kb_diag(real, e->level, e->path, e->line, e->column, "%s", e->message);
		}
		if (moved)
			kb_diag(real, KB_DIAG_ERROR, s->path, 0, 0,
				"the database kept changing while it was read (%d times): try "
				"again",
				TRIES);
		return moved ? NULL : h;
	}
}
