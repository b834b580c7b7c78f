/* Unit tests: the history store (kbcheck/store) and the audit's calendar.
 *
 * Pure logic on hand-made histories (first seen, resolved, reopened,
 * pruned), time and span parsing, ISO weeks; then real runs of the
 * pipeline on tests/audit/kb recorded into a temporary database: schema
 * and WAL, recording and reading back, a conflict fixed between runs, a
 * locked database, a newer schema, files that are not kbcheck databases.
 * The test peeks into the file with SQLite directly to check what the
 * store promises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit/audit.h"
#include "store/store.h"

static int64_t utc(int y, int m, int d, int h, int mi)
{
	struct tm tm = {
	    .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
	return (int64_t)timegm(&tm);
}

static void test_parse_time(void **state)
{
	(void)state;
	int64_t t;
	assert_true(kb_store_parse_time("2026-11-20", &t));
	assert_int_equal(t, utc(2026, 11, 20, 0, 0));
	assert_true(kb_store_parse_time("2026-11-20T09:30:00Z", &t));
	assert_int_equal(t, utc(2026, 11, 20, 9, 30));
	assert_true(kb_store_parse_time("2026-11-20 09:30", &t));
	assert_int_equal(t, utc(2026, 11, 20, 9, 30));
	assert_true(kb_store_parse_time("1700000000", &t));
	assert_int_equal(t, 1700000000);
	const char *bad[] = {"",    "2026-13-01", "2026-11-20T25:00", "2026-11-20x",
			     "abc", "12a",	  "2026-11-20T09"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(kb_store_parse_time(bad[i], &t));

	setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
	assert_true(kb_store_time(NULL, &t));
	assert_int_equal(t, 1800000000);
	assert_true(kb_store_time("2026-01-01", &t)); /* --now wins */
	assert_int_equal(t, utc(2026, 1, 1, 0, 0));
	setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
	assert_false(kb_store_time(NULL, &t));
	unsetenv("SOURCE_DATE_EPOCH");
}

static void test_parse_span(void **state)
{
	(void)state;
	int64_t s;
	assert_true(kb_store_parse_span("7d", &s));
	assert_int_equal(s, 7 * 86400);
	assert_true(kb_store_parse_span("52w", &s));
	assert_int_equal(s, 52 * 7 * 86400);
	assert_true(kb_store_parse_span("12h", &s));
	assert_int_equal(s, 12 * 3600);
	assert_true(kb_store_parse_span("1y", &s));
	assert_int_equal(s, 365 * 86400);
	const char *bad[] = {"7", "d", "-1d", "7x", "7dd", "", "99999999999999999999d"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(kb_store_parse_span(bad[i], &s));
}

static void test_iso_weeks(void **state)
{
	(void)state;
	int64_t t;
	char name[16];
	assert_true(kb_iso_week_start("2026-W47", &t));
	assert_int_equal(t, utc(2026, 11, 16, 0, 0));
	assert_true(kb_iso_week_start("2026w47", &t));
	assert_int_equal(t, utc(2026, 11, 16, 0, 0));
	kb_iso_week_name(utc(2026, 11, 22, 23, 59), name);
	assert_string_equal(name, "2026-W47");
	kb_iso_week_name(utc(2021, 1, 3, 12, 0), name); /* a Sunday still in 2020's last week */
	assert_string_equal(name, "2020-W53");
	kb_iso_week_name(utc(2024, 12, 30, 0, 0), name); /* a Monday already in 2025 */
	assert_string_equal(name, "2025-W01");
	assert_true(kb_iso_week_start("2026-W53", &t)); /* 2026 starts on a Thursday */
	assert_int_equal(t, utc(2026, 12, 28, 0, 0));
	assert_false(kb_iso_week_start("2025-W53", &t));
	assert_false(kb_iso_week_start("2026-W00", &t));
	assert_false(kb_iso_week_start("2026-47", &t));
	assert_false(kb_iso_week_start("2026-W47x", &t));
}

/* Six weekly runs and four findings with different lives. */
static kb_hrun runs6[6];
static const kb_hsight seen_a[] = {{0, false}, {1, false}}; /* resolved at 2 */
static const kb_hsight seen_b[] = {{0, false}, {1, true},  {2, true},
				   {3, false}, {4, false}, {5, false}}; /* acked in 1-2 */
static const kb_hsight seen_c[] = {{2, false}, {4, false}, {5, false}}; /* gap at 3 */
static const kb_hsight seen_d[] = {{0, false}, {1, false}};		/* pruned past */

static kb_history make_history(kb_hfinding *f)
{
	for (int i = 0; i < 6; i++)
		runs6[i] = (kb_hrun){.id = i + 1, .time = utc(2026, 10, 5, 0, 0) + i * 7 * 86400};
	f[0] = (kb_hfinding){
	    .fingerprint = "a", .first_seen = runs6[0].time, .seen = seen_a, .nseen = 2};
	f[1] = (kb_hfinding){
	    .fingerprint = "b", .first_seen = runs6[0].time, .seen = seen_b, .nseen = 6};
	f[2] = (kb_hfinding){
	    .fingerprint = "c", .first_seen = runs6[2].time, .seen = seen_c, .nseen = 3};
	/* First seen before the oldest run kept (pruned): not new at run 0. */
	f[3] = (kb_hfinding){.fingerprint = "d",
			     .first_seen = runs6[0].time - 86400 * 30,
			     .seen = seen_d,
			     .nseen = 2};
	return (kb_history){.runs = runs6, .nruns = 6, .findings = f, .nfindings = 4, .ref = 5};
}

static void test_history_lives(void **state)
{
	(void)state;
	kb_hfinding f[4];
	kb_history h = make_history(f);

	kb_hevent ev[16];
	size_t n = kb_hfinding_events(&h, &f[0], ev);
	assert_int_equal(n, 2);
	assert_int_equal(ev[0].kind, KB_HEV_NEW);
	assert_int_equal(ev[0].run, 0);
	assert_int_equal(ev[1].kind, KB_HEV_RESOLVED);
	assert_int_equal(ev[1].run, 2);
	n = kb_hfinding_events(&h, &f[2], ev);
	assert_int_equal(n, 3); /* new at 2, resolved at 3, reopened at 4 */
	assert_int_equal(ev[1].kind, KB_HEV_RESOLVED);
	assert_int_equal(ev[1].run, 3);
	assert_int_equal(ev[2].kind, KB_HEV_REOPENED);
	assert_int_equal(ev[2].run, 4);
	n = kb_hfinding_events(&h, &f[3], ev);
	assert_int_equal(n, 1); /* continues from pruned history: only resolved */
	assert_int_equal(ev[0].kind, KB_HEV_RESOLVED);

	assert_true(kb_hfinding_open_at(&f[1], 0));
	assert_false(kb_hfinding_open_at(&f[1], 1)); /* acknowledged */
	bool acked;
	assert_true(kb_hfinding_seen_at(&f[1], 2, &acked) && acked);
	assert_false(kb_hfinding_seen_at(&f[2], 3, NULL));

	assert_int_equal(kb_hfinding_resolved_at(&h, &f[0], 5), runs6[2].time);
	assert_int_equal(kb_hfinding_resolved_at(&h, &f[0], 1), -1); /* still open at 1 */
	assert_int_equal(kb_hfinding_resolved_at(&h, &f[2], 3), runs6[3].time);
	assert_int_equal(kb_hfinding_resolved_at(&h, &f[2], 5), -1);

	kb_hrun_stats st[6];
	kb_history_run_stats(&h, st);
	const int64_t open[] = {3, 2, 1, 1, 2, 2}, acked_n[] = {0, 1, 1, 0, 0, 0},
		      new_[] = {2, 0, 1, 0, 0, 0}, resolved[] = {0, 0, 2, 1, 0, 0},
		      reopened[] = {0, 0, 0, 0, 1, 0};
	for (int i = 0; i < 6; i++) {
		assert_int_equal(st[i].open, open[i]);
		assert_int_equal(st[i].acked, acked_n[i]);
		assert_int_equal(st[i].new_, new_[i]);
		assert_int_equal(st[i].resolved, resolved[i]);
		assert_int_equal(st[i].reopened, reopened[i]);
	}
	assert_int_equal(kb_history_run_at(&h, runs6[3].time), 3);
	assert_int_equal(kb_history_run_at(&h, runs6[3].time - 1), 2);
	assert_true(kb_history_run_at(&h, runs6[0].time - 1) == KB_NO_RUN);
}

/* ---- With a real database ---- */

typedef struct {
	char dir[64];
	char db[128];
	char kb[128];
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/kbstoreXXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->db, sizeof fx->db, "%s/history.db", fx->dir);
	snprintf(fx->kb, sizeof fx->kb, "%s/kb", fx->dir);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "cp -r '%s/audit/kb' '%s'", KB_TEST_DATA, fx->kb);
	if (system(cmd) != 0)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
	int rc = system(cmd);
	free(fx);
	return rc == 0 ? 0 : -1;
}

/* Runs the pipeline on the fixture's KB (shipped rules from the source
 * tree) and records it at time t.  Returns whether recording worked. */
static bool record(fixture *fx, int64_t t, const kb_store_opts *so, kb_diags **diags_out,
		   kb_run **run_out)
{
	static const char *rules[] = {KB_SOURCE_ROOT "/rules"};
	const char *paths[] = {fx->kb};
	kb_run_opts o = {.paths = paths,
			 .npaths = 1,
			 .rule_paths = rules,
			 .nrule_paths = 1,
			 .today = "2026-11-20",
			 .argv0 = "kbcheck"};
	kb_run *r = kb_run_new();
	kb_run_load(r, &o);
	kb_run_load_rules(r, &o);
	kb_run_extract(r);
	kb_run_compare(r, &o);
	static const kb_store_opts defaults = {0};
	kb_store *s = kb_store_open_opts(fx->db, so ? so : &defaults, r->diags);
	kb_store_run_info info = {.time = t, .revision = "rev"};
	bool ok = s && kb_store_record_run(s, r, &info);
	kb_store_close(s);
	if (diags_out) {
		*diags_out = r->diags;
		*run_out = r;
	} else {
		kb_run_free(r);
	}
	return ok;
}

static bool diag_has(kb_diags *d, const char *text)
{
	for (size_t i = 0; i < kb_diags_count(d); i++)
		if (strstr(kb_diags_get(d, i)->message, text))
			return true;
	return false;
}

static int64_t query_int(const char *db, const char *sql)
{
	sqlite3 *c;
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(c, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(c);
	return v;
}

static void test_store_schema_and_wal(void **state)
{
	fixture *fx = *state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_store *s = kb_store_open(fx->db, d);
	assert_non_null(s);
	kb_store_close(s);
	s = kb_store_open(fx->db, d); /* opening again migrates nothing */
	assert_non_null(s);
	kb_store_close(s);
	assert_int_equal(kb_diags_count(d), 0);
	/* Each migration records itself once. */
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM kb_schema"), KB_STORE_SCHEMA);
	assert_int_equal(query_int(fx->db, "SELECT max(version) FROM kb_schema"), KB_STORE_SCHEMA);
	assert_int_equal(query_int(fx->db, "PRAGMA application_id"), 0x6b62636b);
	sqlite3 *c;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(fx->db, &c), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(c, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_close(c);
	/* A reader never creates a database. */
	kb_store_opts ro = {.must_exist = true};
	char missing[160];
	snprintf(missing, sizeof missing, "%s/missing.db", fx->dir);
	assert_null(kb_store_open_opts(missing, &ro, d));
	assert_true(diag_has(d, "no such database"));
	assert_int_equal(access(missing, F_OK), -1);
	kb_arena_free(a);
}

static void test_store_record_and_history(void **state)
{
	fixture *fx = *state;
	int64_t t1 = utc(2026, 11, 2, 0, 0), t2 = utc(2026, 11, 9, 0, 0),
		t3 = utc(2026, 11, 16, 0, 0);
	assert_true(record(fx, t1, NULL, NULL, NULL));
	assert_true(record(fx, t2, NULL, NULL, NULL));
	/* Fix the chatbot's 12 hours; the macro's $5 fee stays. */
	char cmd[512];
	snprintf(cmd, sizeof cmd,
		 "sed -i 's/within 12 hours/within 24 hours/' '%s/bot/en/cancel.md'", fx->kb);
	assert_int_equal(system(cmd), 0);
	assert_true(record(fx, t3, NULL, NULL, NULL));

	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_store *s = kb_store_open(fx->db, d);
	assert_non_null(s);
	kb_history *h = kb_store_load_history(s, a, INT64_MAX);
	assert_non_null(h);
	assert_int_equal(h->nruns, 3);
	assert_int_equal(h->ref, 2);
	assert_string_equal(h->runs[0].revision, "rev");
	assert_int_equal(h->runs[0].units, 8);
	assert_int_equal(h->nfindings, 2);
	const kb_hfinding *window = NULL, *fee = NULL;
	for (size_t i = 0; i < h->nfindings; i++) {
		if (!strcmp(h->findings[i].attribute, "window"))
			window = &h->findings[i];
		if (!strcmp(h->findings[i].attribute, "fee"))
			fee = &h->findings[i];
	}
	assert_non_null(window);
	assert_non_null(fee);
	assert_int_equal(window->first_seen, t1);
	assert_int_equal(window->nseen, 2);
	assert_int_equal(kb_hfinding_resolved_at(h, window, h->ref), t3);
	assert_int_equal(fee->nseen, 3);
	assert_true(kb_hfinding_open_at(fee, h->ref));
	assert_string_equal(fee->severity, "error");
	assert_string_equal(fee->canonical, "free");
	assert_string_equal(fee->canonical_source, "policy.yml:5"); /* relative to the KB root */
	assert_true(fee->nsides >= 2);
	assert_true(fee->sides[0].deviates);
	assert_string_equal(fee->sides[0].claim->quote, "$5");
	assert_string_equal(fee->sides[0].claim->channel, "macro");
	assert_string_equal(fee->sides[0].claim->relpath, "macros/en/cancel.md");
	assert_int_equal(fee->sides[0].claim->line, 5);
	assert_string_equal(fee->sides[0].claim->sentence, "A cancellation fee of $5 applies.");
	/* The reference run's claims, counts and the policy's values. */
	assert_int_equal(h->nclaims, h->runs[2].claims);
	assert_true(h->ncounts >= 6);
	assert_int_equal(h->ncanon, 3);
	size_t deviating = 0;
	for (size_t i = 0; i < h->nclaims; i++)
		deviating += h->claims[i].deviates;
	assert_int_equal(deviating, 1); /* the $5 */
	/* Up to t2 only: both findings open, window not resolved yet. */
	kb_history *h2 = kb_store_load_history(s, a, t2);
	assert_int_equal(h2->nruns, 2);
	for (size_t i = 0; i < h2->nfindings; i++)
		assert_true(kb_hfinding_open_at(&h2->findings[i], h2->ref));
	/* Claims are stored once however many runs state them. */
	assert_true(query_int(fx->db, "SELECT count(*) FROM claims") <
		    query_int(fx->db, "SELECT count(*) FROM run_claims"));

	/* Pruning the first run keeps first-seen. */
	int64_t pruned_runs, pruned_findings;
	assert_true(kb_store_prune(s, t2, &pruned_runs, &pruned_findings));
	assert_int_equal(pruned_runs, 1);
	assert_int_equal(pruned_findings, 0);
	kb_history *h3 = kb_store_load_history(s, a, INT64_MAX);
	assert_int_equal(h3->nruns, 2);
	for (size_t i = 0; i < h3->nfindings; i++)
		assert_int_equal(h3->findings[i].first_seen, t1);
	kb_store_close(s);
	assert_int_equal(kb_diags_count(d), 0);
	kb_arena_free(a);
}

static void test_store_locked(void **state)
{
	fixture *fx = *state;
	assert_true(record(fx, utc(2026, 11, 2, 0, 0), NULL, NULL, NULL));
	sqlite3 *c;
	assert_int_equal(sqlite3_open(fx->db, &c), SQLITE_OK);
	assert_int_equal(sqlite3_exec(c, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	kb_store_opts quick = {.busy_timeout_ms = 200};
	kb_diags *d;
	kb_run *r;
	assert_false(record(fx, utc(2026, 11, 9, 0, 0), &quick, &d, &r));
	assert_true(diag_has(d, "the database is locked by another process"));
	kb_run_free(r);
	sqlite3_exec(c, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(c);
	assert_true(record(fx, utc(2026, 11, 9, 0, 0), &quick, NULL, NULL));
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM runs"), 2);
}

static void write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static bool file_is(const char *path, const char *data, size_t n)
{
	char buf[4096];
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t got = fread(buf, 1, sizeof buf, f);
	fclose(f);
	return got == n && memcmp(buf, data, n) == 0;
}

static void test_store_refuses(void **state)
{
	fixture *fx = *state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);

	/* Not a database. */
	static const char text[] = "These are meeting notes, not a database at all.\n"
				   "They are long enough to hold an SQLite header's worth of bytes "
				   "and then some more, so SQLite reads a header and rejects it.\n";
	write_file(fx->db, text, sizeof text - 1);
	assert_null(kb_store_open(fx->db, d));
	assert_true(diag_has(d, "not an SQLite database (SQLite: file is not a database)"));
	assert_true(file_is(fx->db, text, sizeof text - 1));
	assert_string_equal(kb_diags_get(d, 0)->path, fx->db);

	/* Another program's SQLite file. */
	char other[160];
	snprintf(other, sizeof other, "%s/other.db", fx->dir);
	sqlite3 *c;
	assert_int_equal(sqlite3_open(other, &c), SQLITE_OK);
	assert_int_equal(sqlite3_exec(c, "CREATE TABLE notes(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(c);
	assert_null(kb_store_open(other, d));
	assert_true(diag_has(d, "not a kbcheck database"));
	assert_int_equal(query_int(other, "SELECT count(*) FROM sqlite_master"), 1);

	/* A newer schema. */
	char newer[160];
	snprintf(newer, sizeof newer, "%s/newer.db", fx->dir);
	kb_store *s = kb_store_open(newer, d);
	assert_non_null(s);
	kb_store_close(s);
	assert_int_equal(sqlite3_open(newer, &c), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(c, "INSERT INTO kb_schema VALUES (99, 0, '42.0')", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(c);
	assert_null(kb_store_open(newer, d));
	assert_true(diag_has(d, "written by a newer kbcheck (schema version 99, by kbcheck 42.0)"));
	assert_int_equal(query_int(newer, "SELECT max(version) FROM kb_schema"), 99);
	kb_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_time),
	    cmocka_unit_test(test_parse_span),
	    cmocka_unit_test(test_iso_weeks),
	    cmocka_unit_test(test_history_lives),
	    cmocka_unit_test_setup_teardown(test_store_schema_and_wal, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_store_record_and_history, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_store_locked, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_store_refuses, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
