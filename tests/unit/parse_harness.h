/* parse_harness.h - shared set-up and location asserts for the parser
 * tests.  Define HARNESS_PATH, HARNESS_FORMAT and HARNESS_PARSE (the parse
 * function) before including it, and HARNESS_SETUP(src) to change the
 * source before it is parsed (optional). */
#ifndef KB_PARSE_HARNESS_H
#define KB_PARSE_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "base/diag.h"
#include "parse/parser.h"

/* The path of rel in the shared folder (KB_SHARED, tests/CMakeLists.txt),
 * in buf.  When it is not there the test is skipped, saying why, or fails
 * under KB_REQUIRE_SHARED=1 (CI). */
static inline const char *shared_path(char *buf, size_t n, const char *rel)
{
	snprintf(buf, n, "%s/%s", KB_SHARED, rel);
	struct stat st;
	if (stat(buf, &st) != 0) {
		const char *req = getenv("KB_REQUIRE_SHARED");
		if (req && strcmp(req, "0") != 0)
			fail_msg("%s is missing (KB_REQUIRE_SHARED is set)", buf);
		print_message("skipped: %s is missing (set KB_SHARED to the shared folder)\n",
			      buf);
		skip();
	}
	return buf;
}

typedef struct fixture {
	kb_arena *arena;
	kb_diags *diags;
	kb_source src;
	kb_vec units;
} fixture;

static fixture *parse(const char *data, size_t len)
{
	fixture *f = calloc(1, sizeof *f);
	f->arena = kb_arena_new();
	f->diags = kb_diags_new(f->arena);
	f->src.path = HARNESS_PATH;
	f->src.format = HARNESS_FORMAT;
	f->src.channel = KB_CHANNEL_FAQ;
	f->src.data = kb_strndup(f->arena, data, len);
	f->src.len = len;
	kb_source_index_lines(f->arena, &f->src);
#ifdef HARNESS_SETUP
	HARNESS_SETUP(&f->src);
#endif
	kb_parse_ctx ctx = {.arena = f->arena, .diags = f->diags, .source = &f->src, .units = &f->units};
	HARNESS_PARSE(&ctx);
	return f;
}

static inline fixture *parse_str(const char *s) { return parse(s, strlen(s)); }

static fixture *parse_path(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		fail_msg("cannot open %s", path);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	return parse(buf, n);
}

static inline fixture *parse_file(const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/data/parse/%s", KB_TEST_DATA, name);
	return parse_path(path);
}

static void done(fixture *f)
{
	kb_arena_free(f->arena);
	free(f);
}

static const kb_unit *unit(const fixture *f, size_t i)
{
	assert_true(i < f->units.len);
	return KB_VEC_AT(f->units, kb_unit, i);
}

static inline const kb_unit *by_id(const fixture *f, const char *id)
{
	for (size_t i = 0; i < f->units.len; i++)
		if (strcmp(unit(f, i)->id, id) == 0)
			return unit(f, i);
	fail_msg("no unit %s", id);
	return NULL;
}

static inline size_t count_question(const fixture *f, const char *q)
{
	size_t n = 0;
	for (size_t i = 0; i < f->units.len; i++)
		if (unit(f, i)->question && strcmp(unit(f, i)->question, q) == 0)
			n++;
	return n;
}

/* The diagnostic whose message holds part. */
static inline const kb_diag_entry *diag_with(fixture *f, const char *part)
{
	for (size_t i = 0; i < kb_diags_count(f->diags); i++) {
		const kb_diag_entry *e = kb_diags_get(f->diags, i);
		if (strstr(e->message, part))
			return e;
	}
	fail_msg("no diagnostic with '%s'", part);
	return NULL;
}

/* Location in the file of the first occurrence of part in u's text (which
 * need not be there verbatim: an escape, an entity). */
static inline kb_loc text_loc(const kb_unit *u, const char *part)
{
	const char *p = strstr(u->text, part);
	assert_non_null(p);
	size_t s = (size_t)(p - u->text);
	return kb_unit_text_loc(u, s, s + strlen(part));
}

/* phrase is in u's text, maps back to identical source bytes, at these
 * positions. */
static void assert_phrase(const fixture *f, const kb_unit *u, const char *phrase,
			  int line, int col, int end_line, int end_col)
{
	const char *p = strstr(u->text, phrase);
	assert_non_null(p);
	size_t s = (size_t)(p - u->text), n = strlen(phrase);
	kb_loc l = kb_unit_text_loc(u, s, s + n);
	assert_int_equal(l.end - l.start, n);
	assert_memory_equal(f->src.data + l.start, phrase, n);
	assert_int_equal(l.line, line);
	assert_int_equal(l.column, col);
	assert_int_equal(l.end_line, end_line);
	assert_int_equal(l.end_column, end_col);
}

static inline void assert_loc(const kb_unit *u, int line, int col, int end_line, int end_col)
{
	assert_int_equal(u->loc.line, line);
	assert_int_equal(u->loc.column, col);
	assert_int_equal(u->loc.end_line, end_line);
	assert_int_equal(u->loc.end_column, end_col);
}

static inline void assert_headings(const kb_unit *u, size_t n, ...)
{
	assert_int_equal(u->nheadings, n);
	va_list ap;
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(u->headings[i], va_arg(ap, const char *));
	va_end(ap);
}

#endif
