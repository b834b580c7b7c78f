/* Unit tests: answers as segments with their context chain
 * (parse/segment.h), from the blocks Markdown and HTML mark and from the
 * lines of plain text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parser.h"
#include "parse/segment.h"

typedef struct {
	kb_arena *a;
	kb_diags *d;
	kb_source src;
	kb_vec units;
} doc;

static doc *read_doc(const char *path, const char *text, void (*parse)(kb_parse_ctx *))
{
	doc *f = calloc(1, sizeof *f);
	f->a = kb_arena_new();
	f->d = kb_diags_new(f->a);
	f->src.path = path;
	f->src.format = "test";
	f->src.channel = KB_CHANNEL_FAQ;
	f->src.data = kb_strndup(f->a, text, strlen(text));
	f->src.len = strlen(text);
	kb_source_index_lines(f->a, &f->src);
	kb_parse_ctx ctx = {.arena = f->a, .diags = f->d, .source = &f->src, .units = &f->units};
	parse(&ctx);
	return f;
}

static void done(doc *f)
{
	kb_arena_free(f->a);
	free(f);
}

/* "kind|text|ctx1=..;ctx2=.." for segment i, for compact asserts. */
static const char *describe(kb_arena *a, const kb_unit *u, const kb_segment *s, size_t n,
			    size_t i)
{
	static const char *const kinds[] = {"text", "item", "cell", "header"};
	kb_context ctx[16];
	size_t nc = kb_segment_context(u, s, i, ctx, 16);
	char *out = kb_sprintf(a, "%s|%.*s|", kinds[s[i].kind], (int)(s[i].end - s[i].start),
			       u->text + s[i].start);
	for (size_t k = 0; k < nc; k++)
		out = kb_sprintf(a, "%s%s%s=%s", out, k ? ";" : "", kb_context_kind_name(ctx[k].kind),
				 ctx[k].text);
	(void)n;
	return out;
}

static void test_markdown_lists_labels_and_pipe_tables(void **state)
{
	(void)state;
	doc *f = read_doc("faq.md",
			  "# Help\n\n## Delivery\n\n"
			  "Opening hours:\n\n"
			  "- Weekdays: 8:00 - 18:00\n"
			  "- Phones:\n"
			  "  - 12 months\n"
			  "\n"
			  "| Zone | Time |\n"
			  "|------|:----:|\n"
			  "| **North** | 3 days |\n"
			  "| South | 5 days |\n",
			  kb_parse_markdown);
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = f->units.items[0];
	kb_segment *s;
	size_t n = kb_unit_segments(f->a, u, &s);
	assert_int_equal(n, 10);
	const char *want[] = {
	    "text|Opening hours:|heading=Help;question=Delivery",
	    "item|Weekdays: 8:00 - 18:00|label=Weekdays;parent=Opening hours;heading=Help;question=Delivery",
	    "item|Phones:|parent=Opening hours;heading=Help;question=Delivery",
	    "item|12 months|parent=Phones;parent=Opening hours;heading=Help;question=Delivery",
	    "header|Zone|heading=Help;question=Delivery",
	    "header|Time|heading=Help;question=Delivery",
	    "cell|North|column=Zone;heading=Help;question=Delivery",
	    "cell|3 days|column=Time;row=North;heading=Help;question=Delivery",
	    "cell|South|column=Zone;heading=Help;question=Delivery",
	    "cell|5 days|column=Time;row=South;heading=Help;question=Delivery",
	};
	for (size_t i = 0; i < n; i++)
		assert_string_equal(describe(f->a, u, s, n, i), want[i]);
	/* A cell's text maps to its exact place in the file: "3 days" on line
	 * 13 after "| **North** | ". */
	kb_loc l = kb_unit_text_loc(u, s[7].start, s[7].end);
	assert_int_equal(l.line, 13);
	assert_int_equal(l.column, 15);
	assert_int_equal(l.end_column, 21);
	/* The label's value starts after "Weekdays: ". */
	assert_string_equal(u->text + s[1].value_start, "8:00 - 18:00\n"
						       "Phones:\n12 months\nZone\nTime\nNorth\n3 days\nSouth\n5 days");
	done(f);
}

static void test_html_table_headers_and_nested_items(void **state)
{
	(void)state;
	doc *f = read_doc("p.html",
			  "<h2>Shipping</h2>\n"
			  "<table><thead><tr><th>Method</th><th>Fee</th></tr></thead>\n"
			  "<tbody><tr><td>Express</td><td>$10</td></tr></tbody></table>\n"
			  "<ul><li>Returns:<ul><li>within 30 days</li></ul></li>\n"
			  "<li><strong>Emergency support:</strong> 24/7</li></ul>\n",
			  kb_parse_html);
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = f->units.items[0];
	kb_segment *s;
	size_t n = kb_unit_segments(f->a, u, &s);
	assert_int_equal(n, 7);
	assert_string_equal(describe(f->a, u, s, n, 3), "cell|$10|column=Fee;row=Express;question=Shipping");
	assert_string_equal(describe(f->a, u, s, n, 5),
			    "item|within 30 days|parent=Returns;question=Shipping");
	assert_string_equal(describe(f->a, u, s, n, 6),
			    "item|Emergency support: 24/7|label=Emergency support;question=Shipping");
	done(f);
}

/* Text without blocks (a chatbot's reply): lines, "- " items under a
 * lead-in, labels; times and URLs are not labels. */
static void test_plain_text_lines(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_unit u = {0};
	u.text = "Contact us:\n- Hotline: 1900 1234\n- Open 8:00 - 22:00\nSee https://shop.example/faq for more.";
	u.text_len = strlen(u.text);
	u.question = "How do I reach support?";
	kb_segment *s;
	size_t n = kb_unit_segments(a, &u, &s);
	assert_int_equal(n, 4);
	assert_string_equal(describe(a, &u, s, n, 1),
			    "item|- Hotline: 1900 1234|label=Hotline;parent=Contact us;question=How do I reach support?");
	assert_string_equal(describe(a, &u, s, n, 2),
			    "item|- Open 8:00 - 22:00|parent=Contact us;question=How do I reach support?");
	assert_null(s[3].label);
	assert_int_equal(s[3].parent, -1);
	kb_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_markdown_lists_labels_and_pipe_tables),
	    cmocka_unit_test(test_html_table_headers_and_nested_items),
	    cmocka_unit_test(test_plain_text_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
