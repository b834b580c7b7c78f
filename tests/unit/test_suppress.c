/* Unit tests: inline suppression comments (source/suppress.h): next-line
 * comments, kbcheck-disable ... kbcheck-enable blocks (nesting, topic
 * lists, reasons, unmatched and stray comments, CRLF, '#' comments), and
 * the parsers leaving a block's disable to the pipeline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "parse/parser.h"
#include "parse/unit.h"
#include "source/suppress.h"

typedef struct scan {
	kb_arena *a;
	kb_source src;
	kb_vec out; /* kb_suppression* */
} scan;

static scan *scan_text(const char *format, const char *text)
{
	kb_arena *a = kb_arena_new();
	scan *s = KB_NEW(a, scan);
	s->a = a;
	s->src = (kb_source){.path = "t", .format = format, .data = text, .len = strlen(text)};
	kb_source_index_lines(a, &s->src);
	kb_suppressions_scan(a, &s->src, &s->out);
	return s;
}

static void done(scan *s) { kb_arena_free(s->a); }

/* The n-th record of a kind. */
static kb_suppression *nth(const scan *s, kb_suppression_kind kind, size_t n)
{
	size_t want = n;
	for (size_t i = 0; i < s->out.len; i++) {
		kb_suppression *x = s->out.items[i];
		if (x->kind == kind && n-- == 0)
			return x;
	}
	fail_msg("no record %zu of kind %d", want, (int)kind);
	return NULL;
}

/* The one record of s, a block at line:column. */
static kb_suppression *only_block(const scan *s, int line, int column)
{
	assert_int_equal(s->out.len, 1);
	kb_suppression *x = nth(s, KB_SUPPRESS_BLOCK, 0);
	assert_int_equal(x->line, line);
	assert_int_equal(x->column, column);
	return x;
}

static size_t count(const scan *s, kb_suppression_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < s->out.len; i++)
		n += ((kb_suppression *)s->out.items[i])->kind == kind;
	return n;
}

/* Byte offset of the first occurrence of needle in the scanned text. */
static size_t at(const scan *s, const char *needle)
{
	const char *p = strstr(s->src.data, needle);
	assert_non_null(p);
	return (size_t)(p - s->src.data);
}

/* Is a claim of topic starting at needle dropped by any record? */
static bool dropped(const scan *s, const char *needle, const char *topic)
{
	size_t off = at(s, needle);
	int line, col;
	kb_source_pos(&s->src, off, &line, &col);
	for (size_t i = 0; i < s->out.len; i++)
		if (kb_suppression_drops(s->out.items[i], line, off, topic))
			return true;
	return false;
}

/* Is a disable on lines [first, last] a block's (a fresh memo each time)? */
static bool opens(const scan *s, int first, int last)
{
	kb_block_openers memo = {0};
	return kb_suppression_opens_block(s->a, &memo, &s->src, first, last);
}

static void assert_topics(const char *const *t, const char *a, const char *b)
{
	assert_non_null(t);
	if (!a) {
		assert_null(t[0]);
		return;
	}
	assert_string_equal(t[0], a);
	if (!b) {
		assert_null(t[1]);
		return;
	}
	assert_string_equal(t[1], b);
	assert_null(t[2]);
}

static void test_next_line(void **state)
{
	(void)state;
	scan *s = scan_text("markdown", "Intro.\n\n<!-- kbcheck-disable-next-line a b -- why -->\n"
					"\nOrders: 24 hours.\n");
	assert_int_equal(s->out.len, 1);
	kb_suppression *x = nth(s, KB_SUPPRESS_NEXT_LINE, 0);
	assert_int_equal(x->line, 3);
	assert_int_equal(x->column, 1);
	assert_int_equal(x->target_line, 5);
	assert_topics(x->topics, "a", "b");
	assert_string_equal(x->reason, "why");
	assert_true(dropped(s, "24 hours", "a"));
	assert_false(dropped(s, "24 hours", "c"));
	assert_true(x->used);
	done(s);
}

static void test_block(void **state)
{
	(void)state;
	scan *s = scan_text("markdown", "Before: 1 day.\n"
					"<!-- kbcheck-disable a, b -- flash sale, ends in May -->\n"
					"Inside: 2 hours.\n"
					"  <!-- kbcheck-enable -->\n"
					"After: 3 days.\n");
	kb_suppression *x = only_block(s, 2, 1);
	assert_topics(x->topics, "a", "b");
	assert_string_equal(x->reason, "flash sale, ends in May");
	assert_int_equal(x->from, at(s, "<!-- kbcheck-disable"));
	assert_int_equal(x->to, at(s, "<!-- kbcheck-enable"));
	assert_false(x->open_at_eof);
	assert_false(x->used);
	assert_false(dropped(s, "1 day", "a"));
	assert_true(dropped(s, "2 hours", "a"));
	assert_true(dropped(s, "2 hours", "b"));
	assert_false(dropped(s, "2 hours", "c"));
	assert_false(dropped(s, "3 days", "a"));
	assert_true(x->used);
	assert_true(opens(s, 2, 2));
	assert_false(opens(s, 3, 5));
	done(s);
}

/* Blocks inside blocks; an enable naming a topic closes it in an
 * every-topic block, which goes on for the others. */
static void test_nesting(void **state)
{
	(void)state;
	scan *s = scan_text("html", "<!-- kbcheck-disable -->\n"      /* 1 */
				    "one\n"                           /* 2 */
				    "<!-- kbcheck-disable a -->\n"    /* 3 */
				    "two\n"                           /* 4 */
				    "<!-- kbcheck-enable a -->\n"     /* 5 */
				    "three\n"                         /* 6 */
				    "<!-- kbcheck-enable b -->\n"     /* 7 */
				    "four\n"                          /* 8 */
				    "<!-- kbcheck-enable -->\n"       /* 9 */
				    "five\n");
	assert_int_equal(count(s, KB_SUPPRESS_STRAY), 0);
	assert_true(dropped(s, "one", "a"));
	assert_true(dropped(s, "one", "z"));
	assert_true(dropped(s, "two", "a"));
	assert_false(dropped(s, "three", "a"));
	assert_true(dropped(s, "three", "b"));
	assert_true(dropped(s, "three", "z"));
	assert_false(dropped(s, "four", "a"));
	assert_false(dropped(s, "four", "b"));
	assert_true(dropped(s, "four", "z"));
	assert_false(dropped(s, "five", "z"));
	/* The every-topic block goes on after enable a, then b: three
	 * records of one comment, the first its origin. */
	kb_suppression *first = nth(s, KB_SUPPRESS_BLOCK, 0);
	assert_int_equal(first->line, 1);
	assert_null(first->origin);
	size_t of_first = 0;
	for (size_t i = 0; i < s->out.len; i++) {
		kb_suppression *x = s->out.items[i];
		of_first += x == first || x->origin == first;
		if (x->origin == first)
			assert_int_equal(x->line, 1);
	}
	assert_int_equal(of_first, 3);
	assert_true(first->used);
	done(s);
}

/* A disable no enable closes is no block (the parsers read it); an enable
 * that closes nothing is stray; a block an enable closed for some of its
 * topics runs to the end for the others. */
static void test_unmatched(void **state)
{
	(void)state;
	scan *s = scan_text("markdown", "<!-- kbcheck-disable a -->\nText.\n");
	assert_int_equal(s->out.len, 0);
	assert_false(opens(s, 1, 1));
	done(s);

	s = scan_text("markdown", "<!-- kbcheck-disable a -->\nText.\n<!-- kbcheck-enable b -->\n");
	assert_int_equal(s->out.len, 1);
	kb_suppression *x = nth(s, KB_SUPPRESS_STRAY, 0);
	assert_int_equal(x->line, 3);
	assert_topics(x->topics, "b", NULL);
	assert_false(dropped(s, "Text", "a"));
	assert_false(opens(s, 1, 1));
	done(s);

	s = scan_text("markdown", "<!-- kbcheck-enable -->\n");
	x = nth(s, KB_SUPPRESS_STRAY, 0);
	assert_topics(x->topics, NULL, NULL);
	done(s);

	s = scan_text("markdown", "<!-- kbcheck-disable a b -->\none\n<!-- kbcheck-enable a c -->\n"
				  "two\n");
	assert_int_equal(count(s, KB_SUPPRESS_BLOCK), 2);
	x = nth(s, KB_SUPPRESS_STRAY, 0);
	assert_topics(x->topics, "c", NULL);
	kb_suppression *rest = nth(s, KB_SUPPRESS_BLOCK, 1);
	assert_topics(rest->topics, "b", NULL);
	assert_true(rest->open_at_eof);
	assert_true(rest->origin->open_at_eof);
	assert_int_equal(rest->to, s->src.len);
	assert_true(dropped(s, "one", "a"));
	assert_false(dropped(s, "two", "a"));
	assert_true(dropped(s, "two", "b"));
	assert_true(opens(s, 1, 1));
	done(s);
}

/* Only a comment's first word is a marker; '#' is a comment in YAML, not
 * in Markdown; CRLF line ends are no part of topics or reasons. */
static void test_comment_forms(void **state)
{
	(void)state;
	scan *s = scan_text("markdown", "<!-- see kbcheck-disable -->\n<!-- kbcheck-disabled -->\n"
					"# kbcheck-disable\nText.\n<!-- kbcheck-enable -->\n");
	assert_int_equal(s->out.len, 1);
	nth(s, KB_SUPPRESS_STRAY, 0);
	done(s);

	s = scan_text("rasa", "responses:\r\n"
			      "  # kbcheck-disable order.cancel -- flash sale\r\n"
			      "  utter_a:\r\n"
			      "  - text: Cancel within 2 hours.\r\n"
			      "  #kbcheck-enable order.cancel\r\n"
			      "  - text: x#kbcheck-enable\r\n"
			      "  - text: Cancel within 24 hours.\r\n");
	kb_suppression *x = only_block(s, 2, 3);
	assert_topics(x->topics, "order.cancel", NULL);
	assert_string_equal(x->reason, "flash sale");
	assert_int_equal(x->to, at(s, "#kbcheck-enable order.cancel"));
	assert_true(dropped(s, "2 hours", "order.cancel"));
	assert_false(dropped(s, "24 hours", "order.cancel"));
	done(s);

	s = scan_text("markdown", "<!-- kbcheck-disable a -->\r\nText.\r\n<!-- kbcheck-enable a-->\r\n");
	x = nth(s, KB_SUPPRESS_BLOCK, 0);
	assert_topics(x->topics, "a", NULL);
	assert_null(x->reason);
	assert_true(dropped(s, "Text", "a"));
	done(s);
}

/* ---- the parsers: a block's disable is not the unit's ------------------------ */

typedef struct parsed {
	kb_arena *a;
	kb_source src;
	kb_vec units;
} parsed;

static parsed *parse(const char *format, const char *path, const char *text)
{
	kb_arena *a = kb_arena_new();
	parsed *p = KB_NEW(a, parsed);
	p->a = a;
	p->src = (kb_source){.path = path, .format = format, .channel = KB_CHANNEL_FAQ,
			     .data = text, .len = strlen(text)};
	kb_source_index_lines(a, &p->src);
	kb_parse_ctx ctx = {.arena = a, .diags = kb_diags_new(a), .source = &p->src,
			    .units = &p->units};
	const kb_parser *parser = kb_parser_find(format);
	assert_non_null(parser);
	parser->parse(&ctx);
	return p;
}

/* Does any unit carry a unit-wide suppression? */
static bool any_unit_suppressed(const parsed *p)
{
	assert_true(p->units.len > 0);
	for (size_t i = 0; i < p->units.len; i++) {
		const kb_unit *u = p->units.items[i];
		if (u->suppressed && u->suppressed[0])
			return true;
	}
	return false;
}

/* Each text with and without its enable: the disable is the unit's only
 * without it. */
static void check_parser(const char *format, const char *path, const char *with,
			 const char *without)
{
	parsed *p = parse(format, path, with);
	assert_false(any_unit_suppressed(p));
	kb_arena_free(p->a);
	p = parse(format, path, without);
	assert_true(any_unit_suppressed(p));
	kb_arena_free(p->a);
}

static void test_parsers(void **state)
{
	(void)state;
	check_parser("markdown", "f.md",
		     "## Q?\n\n<!-- kbcheck-disable a -->\nText one.\n<!-- kbcheck-enable -->\n",
		     "## Q?\n\n<!-- kbcheck-disable a -->\nText one.\n");
	check_parser("markdown", "f.md",
		     "## Q?\n\nText <!-- kbcheck-disable a --> one.\n\nMore <!-- kbcheck-enable -->.\n",
		     "## Q?\n\nText <!-- kbcheck-disable a --> one.\n\nMore.\n");
	check_parser("markdown", "f.md",
		     "## Q?\n\nText\n*in <!-- kbcheck-disable a --> one*.\n\n<!-- kbcheck-enable -->\n",
		     "## Q?\n\nText\n*in <!-- kbcheck-disable a --> one*.\n");
	check_parser("html", "f.html",
		     "<h2>Q?</h2>\n<!-- kbcheck-disable\n a -->\n<p>Text one.</p>\n"
		     "<!-- kbcheck-enable -->\n",
		     "<h2>Q?</h2>\n<!-- kbcheck-disable\n a -->\n<p>Text one.</p>\n");
	check_parser("aiml", "f.aiml",
		     "<aiml>\n<category><pattern>Q</pattern>\n<!-- kbcheck-disable a -->\n"
		     "<template>Text one.</template>\n<!-- kbcheck-enable -->\n</category>\n</aiml>\n",
		     "<aiml>\n<category><pattern>Q</pattern>\n<!-- kbcheck-disable a -->\n"
		     "<template>Text one.</template>\n</category>\n</aiml>\n");
	check_parser("rasa", "domain.yml",
		     "responses:\n  utter_a:\n  - text: Text one.  # kbcheck-disable a\n"
		     "  # kbcheck-enable\n",
		     "responses:\n  utter_a:\n  - text: Text one.  # kbcheck-disable a\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_next_line),     cmocka_unit_test(test_block),
	    cmocka_unit_test(test_nesting),       cmocka_unit_test(test_unmatched),
	    cmocka_unit_test(test_comment_forms), cmocka_unit_test(test_parsers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
