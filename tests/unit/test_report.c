/* Unit tests: positions in other column units (SARIF/GitHub count UTF-16
 * code units, reviewdog UTF-8 bytes), finding status defaults, reading a
 * baseline report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "report/baseline.h"
#include "report/report.h"

typedef struct {
	kb_source src;
	kb_unit unit;
	kb_claim claim;
} fixture;

/* A claim on bytes [start, end) of text. */
static void make_claim(kb_arena *a, fixture *f, const char *text, size_t start, size_t end)
{
	memset(f, 0, sizeof *f);
	f->src = (kb_source){.path = "t.md", .format = "markdown", .data = text, .len = strlen(text)};
	kb_source_index_lines(a, &f->src);
	f->unit = (kb_unit){.source = &f->src, .locale = "en", .id = "u"};
	f->claim = (kb_claim){.topic = "t", .attribute = "a", .unit = &f->unit, .quote = "q"};
	f->claim.loc = kb_loc_of(&f->src, start, end);
}

static void test_span_columns(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	fixture f;
	/* BOM, then "ab", a shopping cart (U+1F6D2: 4 bytes, 2 UTF-16 units,
	 * 1 code point), a space, then the claim "cd". */
	const char *text = "\xEF\xBB\xBF" "ab\xF0\x9F\x9B\x92 cd\nx";
	size_t start = strstr(text, "cd") - text;
	make_claim(a, &f, text, start, start + 2);
	assert_int_equal(f.claim.loc.column, 5); /* code points: a b cart space */
	kb_span s = kb_claim_span(&f.claim, KB_COL_UTF16);
	assert_int_equal(s.line, 1);
	assert_int_equal(s.column, 6);
	assert_int_equal(s.end_line, 1);
	assert_int_equal(s.end_column, 8);
	s = kb_claim_span(&f.claim, KB_COL_BYTES);
	assert_int_equal(s.column, 8);
	assert_int_equal(s.end_column, 10);
	kb_arena_free(a);
}

static void test_span_over_lines(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	fixture f;
	const char *text = "first \xC3\xA9 line\n\xC3\xA0 second line\n";
	size_t start = strstr(text, "line") - text;
	size_t end = strstr(text, "second") - text + 6;
	make_claim(a, &f, text, start, end);
	kb_span s = kb_claim_span(&f.claim, KB_COL_UTF16);
	assert_int_equal(s.line, 1);
	assert_int_equal(s.column, 9);
	assert_int_equal(s.end_line, 2);
	assert_int_equal(s.end_column, 9); /* "à second" is 8 units */
	s = kb_claim_span(&f.claim, KB_COL_BYTES);
	assert_int_equal(s.column, 10);
	assert_int_equal(s.end_column, 10);
	kb_arena_free(a);
}

static void test_status_default(void **state)
{
	(void)state;
	kb_vec none = {0};
	kb_report r = {.findings = &none};
	kb_finding_status st = kb_report_status(&r, 0);
	assert_true(st.failing);
	assert_true(st.changed);
	assert_int_equal(st.baseline, KB_BASELINE_NONE);
}

static const char *write_tmp(kb_arena *a, const char *content)
{
	char *path = kb_strdup(a, "/tmp/kbcheck-baseline-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	close(fd);
	return path;
}

static void test_baseline_load(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	const char *path = write_tmp(a, "{\"schema\": 1, \"tool\": {\"name\": \"kbcheck\"},\n"
					" \"findings\": [{\"fingerprint\": \"101219907648758c\"},\n"
					"   {\"fingerprint\": \"0000000000000001\"},\n"
					"   {\"fingerprint\": \"101219907648758c\"}], \"errors\": []}\n");
	kb_baseline *b = kb_baseline_load(a, d, path);
	assert_non_null(b);
	assert_int_equal(kb_baseline_size(b), 2);
	assert_true(kb_baseline_has(b, "101219907648758c"));
	assert_true(kb_baseline_has(b, "0000000000000001"));
	assert_false(kb_baseline_has(b, "0000000000000002"));
	assert_int_equal(kb_diags_count(d), 0);
	unlink(path);
	kb_arena_free(a);
}

static void test_baseline_errors(void **state)
{
	(void)state;
	static const struct {
		const char *content, *message;
	} bad[] = {
	    {"{\"schema\": 1, \"findings\": [{\"fingerprint\": \"xyz\"}]}", "16 hex digits"},
	    {"{\"schema\": 2, \"findings\": []}", "schema 2"},
	    {"{\"findings\": []}", "no \"schema\""},
	    {"{\"schema\": 1, \"findings\": {}}", "must be a list"},
	    {"{\"schema\": 1, \"findings\": [", "invalid JSON"},
	    {"", "empty"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		kb_arena *a = kb_arena_new();
		kb_diags *d = kb_diags_new(a);
		const char *path = write_tmp(a, bad[i].content);
		assert_null(kb_baseline_load(a, d, path));
		assert_true(kb_diags_count(d) >= 1);
		const kb_diag_entry *e = kb_diags_get(d, 0);
		assert_int_equal(e->level, KB_DIAG_ERROR);
		assert_string_equal(e->path, path);
		if (!strstr(e->message, bad[i].message))
			fail_msg("case %zu: '%s' does not say '%s'", i, e->message, bad[i].message);
		unlink(path);
		kb_arena_free(a);
	}
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	assert_null(kb_baseline_load(a, d, "/nonexistent/baseline.json"));
	assert_non_null(strstr(kb_diags_get(d, 0)->message, "cannot read the baseline"));
	kb_arena_free(a);
}

/* Occurrences of needle in hay. */
static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* A report of nfindings findings of nsides sides each, all on one claim,
 * written by write (max: for the GitHub summary); the caller frees the text. */
static char *report_of(kb_arena *a, size_t nfindings, size_t nsides, bool summary, size_t max)
{
	fixture *fx = KB_NEW(a, fixture);
	make_claim(a, fx, "Orders can be cancelled within 24 hours.\n", 27, 41);
	kb_side *sides = KB_NEWN(a, kb_side, nsides);
	for (size_t k = 0; k < nsides; k++)
		sides[k] = (kb_side){.claim = &fx->claim, .deviates = k == 0};
	kb_vec *findings = KB_NEW(a, kb_vec), *none = KB_NEW(a, kb_vec);
	for (size_t i = 0; i < nfindings; i++) {
		kb_finding *f = KB_NEW(a, kb_finding);
		*f = (kb_finding){.fingerprint = "0123456789abcdef", .topic = "t", .attribute = "a",
				  .message = "m", .sides = sides, .nsides = nsides};
		kb_vec_push(a, findings, f);
	}
	kb_report r = {.sources = none, .units = none, .claims = none, .findings = findings,
		       .diags = kb_diags_new(a)};
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	assert_non_null(mem);
	if (summary)
		kb_report_github_summary(&r, mem, max);
	else
		kb_report_sarif(&r, mem);
	fclose(mem);
	return text;
}

static char *sarif_of(kb_arena *a, size_t nfindings, size_t nsides)
{
	return report_of(a, nfindings, nsides, false, 0);
}

/* The job summary stays within its cap and says how many did not fit. */
static void test_github_summary_cap(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	char *text = report_of(a, 3, 2, true, KB_GITHUB_SUMMARY_MAX);
	assert_int_equal(count(text, "\n| note | `t.a` | t.md:1 | m |"), 3);
	assert_null(strstr(text, "more findings"));
	free(text);
	text = report_of(a, 100000, 2, true, KB_GITHUB_SUMMARY_MAX);
	assert_true(strlen(text) <= KB_GITHUB_SUMMARY_MAX);
	assert_true(strlen(text) > KB_GITHUB_SUMMARY_MAX - 1000);
	size_t rows = count(text, "\n| note |");
	char want[80];
	snprintf(want, sizeof want, "\nand %zu more findings", 100000 - rows);
	assert_non_null(strstr(text, want));
	free(text);
	kb_arena_free(a);
}

/* Code scanning takes at most 25,000 results per run and 1,000 locations
 * per result: a KB with a statement on thousands of pages stays within. */
static void test_sarif_limits(void **state)
{
	(void)state;
#if defined(__SANITIZE_ADDRESS__)
	/* 25,000 results in a memory stream take minutes under ASan's
	 * realloc; the plain build runs this. */
	print_message("skipped under AddressSanitizer: the plain build checks the limits\n");
	skip();
#endif
	kb_arena *a = kb_arena_new();
	char *text = sarif_of(a, 25010, 1);
	assert_int_equal(count(text, "\"ruleId\""), 25000);
	assert_non_null(strstr(text, "10 findings are not in this file: code scanning takes at most 25000"));
	free(text);
	text = sarif_of(a, 1, 1500);
	assert_int_equal(count(text, "\"id\": "), 1 + 999); /* the rule, the related locations */
	assert_int_equal(count(text, "](") , 10); /* links in the message */
	assert_non_null(strstr(text, " and 1489 more."));
	free(text);
	/* Related locations shared out within 50,000 per run, the message
	 * linking only those there are. */
	text = sarif_of(a, 100, 1500);
	assert_int_equal(count(text, "\"id\": "), 1 + 100 * 500);
	assert_int_equal(count(text, "]("), 100 * 10);
	free(text);
	text = sarif_of(a, 25000, 4);
	assert_int_equal(count(text, "\"id\": "), 1 + 25000 * 2);
	assert_int_equal(count(text, "]("), 25000 * 2);
	assert_int_equal(count(text, " and 1 more."), 25000);
	free(text);
	text = sarif_of(a, 3, 4); /* small: everything, no notice */
	assert_int_equal(count(text, "\"ruleId\""), 3);
	assert_int_equal(count(text, "\"id\": "), 1 + 3 * 3);
	assert_null(strstr(text, "more."));
	free(text);
	kb_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_span_columns),
	    cmocka_unit_test(test_span_over_lines),
	    cmocka_unit_test(test_status_default),
	    cmocka_unit_test(test_baseline_load),
	    cmocka_unit_test(test_baseline_errors),
	    cmocka_unit_test(test_sarif_limits),
	    cmocka_unit_test(test_github_summary_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
