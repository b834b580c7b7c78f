/* Unit tests: the robustness fixes found by fuzzing and the hostile-inputs
 * suite, one test each (the whole-file cases live in tests/hostile and
 * tests/fuzz/regress). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#include "base/arena.h"
#include "base/diag.h"
#include "base/jsonw.h"
#include "base/yaml.h"
#include "parse/unit.h"
#include "config/config.h"
#include "source/walk.h"

static kb_source prepared(kb_arena *a, kb_diags *d, const char *bytes, size_t n, bool *ok)
{
	kb_source s = {.path = "t.md"};
	char *data = kb_alloc(a, n + 1);
	memcpy(data, bytes, n);
	s.data = data;
	s.len = n;
	*ok = kb_source_prepare(a, d, &s);
	return s;
}

static const char *first_message(kb_diags *d)
{
	return kb_diags_count(d) ? kb_diags_get(d, 0)->message : "";
}

/* "\r\n", "\n" and a lone "\r" all end a line, as in CommonMark, YAML and
 * editors; the line's text has no line end. */
static void test_lines_end_at_cr_lf_and_crlf(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	const char *text = "one\rtwo\r\nthree\nfour\r\rsix";
	bool ok;
	kb_source s = prepared(a, d, text, strlen(text), &ok);
	assert_true(ok);
	assert_int_equal(s.nlines, 6);
	int line, col;
	kb_source_pos(&s, (size_t)(strstr(text, "six") - text), &line, &col);
	assert_int_equal(line, 6);
	assert_int_equal(col, 1);
	kb_source_pos(&s, (size_t)(strstr(text, "hree") - text), &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 2);
	size_t n;
	const char *l = kb_source_line(&s, 2, &n);
	assert_int_equal(n, 3);
	assert_memory_equal(l, "two", 3);
	assert_int_equal((kb_source_line(&s, 5, &n), n), 0);
	kb_arena_free(a);
}

/* Columns on a very long line come from the column marks, and agree with
 * counting from the line start (multi-byte characters across marks). */
static void test_columns_on_a_long_line(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	size_t reps = 3 * KB_COL_MARK_STEP;
	size_t n = 3 + 2 + reps * 3;
	char *text = malloc(n + 1);
	memcpy(text, "\xEF\xBB\xBFx\n", 5); /* a BOM, then line 1 */
	for (size_t i = 0; i < reps; i++)
		memcpy(text + 5 + 3 * i, "\xE0\xB8\x81", 3); /* THAI CHARACTER KO KAI */
	bool ok;
	kb_source s = prepared(a, d, text, n, &ok);
	assert_true(ok);
	for (size_t k = 0; k < reps; k += 997) {
		int line, col;
		kb_source_pos(&s, 5 + 3 * k, &line, &col);
		assert_int_equal(line, 2);
		assert_int_equal(col, (int)k + 1);
	}
	int line, col;
	kb_source_pos(&s, 4, &line, &col); /* after the BOM and 'x' */
	assert_int_equal(line, 1);
	assert_int_equal(col, 2);
	/* Quadratic before: a position per character of a 10 MB line. */
	clock_t t0 = clock();
	for (size_t k = 0; k < reps; k++)
		kb_source_pos(&s, 5 + 3 * k, &line, &col);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	free(text);
	kb_arena_free(a);
}

/* UTF-16 with a byte order mark is read as UTF-8 with the same lines and
 * columns; UTF-32 is refused; a lone surrogate is reported where it is. */
static void test_utf16_converted(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	static const char le[] = "\xFF\xFE" "a\0\n\0\x3D\xD8\x00\xDE" "b\0"; /* a \n U+1F600 b */
	bool ok;
	kb_source s = prepared(a, d, le, sizeof le - 1, &ok);
	assert_true(ok);
	assert_int_equal(kb_diags_count(d), 0);
	assert_int_equal(s.len, 7);
	assert_memory_equal(s.data, "a\n\xF0\x9F\x98\x80" "b", 7);
	int line, col;
	kb_source_pos(&s, 6, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);

	static const char be[] = "\xFE\xFF\0x\xD8\x00\0y"; /* x, a lone high surrogate, y */
	s = prepared(a, d, be, sizeof be - 1, &ok);
	assert_true(ok);
	assert_string_equal(s.data, "x?y");
	assert_string_equal(first_message(d),
			    "invalid UTF-16 (unpaired surrogate or odd length; read as '?')");
	assert_int_equal(kb_diags_get(d, 0)->column, 2);

	kb_diags *d2 = kb_diags_new(a);
	s = prepared(a, d2, "\xFF\xFE\0\0a\0\0\0", 8, &ok);
	assert_false(ok);
	assert_string_equal(first_message(d2), "UTF-32 file: convert it to UTF-8 to check it");
	kb_arena_free(a);
}

/* One stray NUL is read as a space; many make a binary file. */
static void test_nul_bytes(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	bool ok;
	kb_source s = prepared(a, d, "ab\0cd", 5, &ok);
	assert_true(ok);
	assert_memory_equal(s.data, "ab cd", 5);
	assert_string_equal(first_message(d), "NUL byte in text (read as a space)");
	kb_diags *d2 = kb_diags_new(a);
	prepared(a, d2, "a\0b\0c", 5, &ok);
	assert_false(ok);
	kb_arena_free(a);
}

/* Several stars against a long path: exponential before, each (glob,
 * path) pair once now. */
static void test_glob_many_stars_fast(void **state)
{
	(void)state;
	char path[2048];
	memset(path, 'a', sizeof path - 1);
	path[sizeof path - 1] = '\0';
	clock_t t0 = clock();
	assert_false(kb_glob_match("**a**a**a**a**a**a**a**a**a**a**a**a**b", path));
	assert_false(kb_glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", path));
	assert_true(kb_glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", path));
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	assert_true(kb_glob_match("help/**/*.md", "help/a/b/c.md"));
	assert_false(kb_glob_match("help/*/*.md", "help/a/b/c.md"));
}

static kb_config *config_from(kb_arena *a, kb_diags *d, const char *yaml)
{
	char path[] = "/tmp/kbrobustXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(yaml, f);
	fclose(f);
	kb_config *c = kb_config_load(a, d, path, NULL);
	remove(path);
	return c;
}

/* max_file_size: NaN, infinity and huge numbers are errors (a float to
 * integer conversion out of range was undefined behaviour); at most 2GiB. */
static void test_max_file_size_bounds(void **state)
{
	(void)state;
	static const char *const bad[] = {"nan", "inf", "1e300", "64e21", "3GiB", "-1", "x"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		kb_arena *a = kb_arena_new();
		kb_diags *d = kb_diags_new(a);
		char yaml[64];
		snprintf(yaml, sizeof yaml, "max_file_size: %s\n", bad[i]);
		kb_config *c = config_from(a, d, yaml);
		assert_int_equal(c->max_file_size, 64u * 1024 * 1024);
		assert_string_equal(first_message(d),
				    "'max_file_size' must be a size such as 64MiB, at most 2GiB");
		kb_arena_free(a);
	}
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	assert_int_equal(config_from(a, d, "max_file_size: 2GiB\n")->max_file_size,
			 (size_t)2 << 30);
	assert_int_equal(kb_diags_count(d), 0);
	kb_arena_free(a);
}

/* doc is refused, times times over, each time saying msg first, at
 * line:col. */
static void assert_yaml_refused(const char *doc, size_t len, int times, const char *msg,
				int line, int col)
{
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_yaml y;
	for (int i = 0; i < times; i++)
		assert_false(kb_yaml_parse(&y, d, "x.yml", doc, len, false));
	assert_string_equal(first_message(d), msg);
	assert_int_equal(kb_diags_get(d, 0)->line, line);
	assert_int_equal(kb_diags_get(d, 0)->column, col);
	kb_arena_free(a);
}

/* Invalid UTF-8 in a YAML file is refused before libfyaml sees it
 * (libfyaml 0.7 loops forever on "%\x86"). */
static void test_yaml_invalid_utf8_refused(void **state)
{
	(void)state;
	static const char doc[] = "a: b\n% -\x86g\n";
	assert_yaml_refused(doc, sizeof doc - 1, 1, "invalid YAML: invalid UTF-8 byte sequence", 2,
			    4);
}

/* libfyaml 0.7.12 frees an indent twice when it destroys a parser that
 * stopped at a tab after a block indicator: the error is reported (each
 * time), the parser is kept, and a valid document parses after it. */
static void test_yaml_tab_after_indicator(void **state)
{
	(void)state;
	static const char doc[] = "? n:\t:";
	assert_yaml_refused(doc, sizeof doc - 1, 3,
			    "invalid YAML: cannot use tab for indentation of block entry", 1, 5);
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_yaml y;
	static const char ok[] = "a:\n  - b\n";
	assert_true(kb_yaml_parse(&y, d, "ok.yml", ok, sizeof ok - 1, false));
	assert_int_equal(kb_diags_count(d), 0);
	kb_yaml_close(&y);
	kb_arena_free(a);
}

static char *laughs(int levels)
{
	static char buf[4096];
	size_t k = (size_t)snprintf(buf, sizeof buf, "l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < levels; i++)
		k += (size_t)snprintf(buf + k, sizeof buf - k,
				      "l%d: &l%d [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d]\n", i,
				      i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	return buf;
}

/* Aliases that would blow the document up are refused before resolving;
 * modest sharing (and merge keys) still resolves; a self-reference is an
 * error. */
static void test_yaml_alias_bomb_refused(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_yaml y;
	const char *bomb = laughs(9);
	assert_false(kb_yaml_parse(&y, d, "x.yml", bomb, strlen(bomb), false));
	assert_non_null(strstr(first_message(d), "(an alias bomb?): not read"));
	assert_int_equal(kb_diags_get(d, 0)->line, 2);

	kb_diags *d2 = kb_diags_new(a);
	const char *fine = laughs(4); /* 9^4 = 6561 nodes: shared on purpose */
	assert_true(kb_yaml_parse(&y, d2, "x.yml", fine, strlen(fine), false));
	kb_node *l3 = kb_yaml_get(kb_yaml_root(&y), "l3");
	assert_int_equal(kb_yaml_seq_count(l3), 9);
	assert_true(kb_yaml_is_seq(kb_yaml_seq_at(l3, 0)));
	kb_yaml_close(&y);

	static const char merge[] = "base: &b {text: hi, channel: web}\nr:\n  - <<: *b\n    channel: sms\n";
	assert_true(kb_yaml_parse(&y, d2, "x.yml", merge, sizeof merge - 1, false));
	kb_node *r0 = kb_yaml_seq_at(kb_yaml_get(kb_yaml_root(&y), "r"), 0);
	assert_string_equal(kb_yaml_str(a, kb_yaml_get(r0, "text")), "hi");
	assert_string_equal(kb_yaml_str(a, kb_yaml_get(r0, "channel")), "sms");
	kb_yaml_close(&y);
	assert_int_equal(kb_diags_count(d2), 0);

	kb_diags *d3 = kb_diags_new(a);
	static const char self[] = "a: &a [*a]\n";
	assert_false(kb_yaml_parse(&y, d3, "x.yml", self, sizeof self - 1, false));
	assert_string_equal(first_message(d3),
			    "invalid YAML: an alias inside the node it refers to: not read");
	/* libfyaml takes an alias "*" "/" as a path to the root: a loop that
	 * overflowed the stack. */
	kb_diags *d4 = kb_diags_new(a);
	static const char path[] = "- */\n- x: &a cac\n";
	assert_false(kb_yaml_parse(&y, d4, "x.yml", path, sizeof path - 1, false));
	assert_string_equal(first_message(d4), "invalid YAML: an alias that names no anchor: not read");
	kb_arena_free(a);
}

/* libfyaml 0.7's fy_node_get_scalar() returns uninitialised bytes for this
 * literal block; kb_yaml_scalar() reads the token's own text. */
static void test_yaml_scalar_literal_block(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_yaml y;
	static const char doc[] = "t: |\n    r\n     \n     \n     -/";
	assert_true(kb_yaml_parse(&y, d, "x.yml", doc, sizeof doc - 1, false));
	size_t len;
	const char *s = kb_yaml_scalar(kb_yaml_get(kb_yaml_root(&y), "t"), &len);
	assert_int_equal(len, 10);
	assert_memory_equal(s, "r\n \n \n -/\n", 10);
	/* The same pointer the next time (kept with the node). */
	size_t len2;
	assert_ptr_equal(kb_yaml_scalar(kb_yaml_get(kb_yaml_root(&y), "t"), &len2), s);
	kb_yaml_close(&y);
	kb_arena_free(a);
}

/* A number too big for long long is written as a double (the conversion
 * that decided was undefined behaviour). */
static void test_jsonw_huge_number(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	kb_jsonw *w = kb_jsonw_new(f, false);
	kb_jsonw_arr(w);
	kb_jsonw_num(w, 6e21);
	kb_jsonw_num(w, -1e300);
	kb_jsonw_num(w, 42);
	kb_jsonw_end(w);
	kb_jsonw_free(w);
	fclose(f);
	assert_non_null(strstr(buf, "6e+21"));
	assert_non_null(strstr(buf, "-1e+300"));
	assert_non_null(strstr(buf, "42"));
	free(buf);
}

/* A unit with many segments: locating text is a binary search, and gives
 * the same answer as before. */
static void test_unit_text_loc_many_segments(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	enum { N = 20000 };
	char *text = malloc(N * 2 + 1);
	for (int i = 0; i < N; i++)
		memcpy(text + 2 * i, "x ", 2);
	bool ok;
	kb_source s = prepared(a, d, text, N * 2, &ok);
	kb_textseg *segs = KB_NEWN(a, kb_textseg, N);
	for (uint32_t i = 0; i < N; i++)
		segs[i] = (kb_textseg){.text_off = 2 * i, .len = 1, .src_off = 2 * i, .src_len = 1,
				       .exact = i % 2 == 0};
	kb_unit u = {.source = &s, .text = text, .text_len = N * 2, .segs = segs, .nsegs = N};
	clock_t t0 = clock();
	for (size_t i = 0; i + 1 < N; i++) {
		kb_loc l = kb_unit_text_loc(&u, 2 * i, 2 * i + 1);
		assert_int_equal(l.start, 2 * i);
		assert_int_equal(l.end, 2 * i + 1);
	}
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	free(text);
	kb_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lines_end_at_cr_lf_and_crlf),
	    cmocka_unit_test(test_columns_on_a_long_line),
	    cmocka_unit_test(test_utf16_converted),
	    cmocka_unit_test(test_nul_bytes),
	    cmocka_unit_test(test_glob_many_stars_fast),
	    cmocka_unit_test(test_max_file_size_bounds),
	    cmocka_unit_test(test_yaml_invalid_utf8_refused),
	    cmocka_unit_test(test_yaml_tab_after_indicator),
	    cmocka_unit_test(test_yaml_alias_bomb_refused),
	    cmocka_unit_test(test_yaml_scalar_literal_block),
	    cmocka_unit_test(test_jsonw_huge_number),
	    cmocka_unit_test(test_unit_text_loc_many_segments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
