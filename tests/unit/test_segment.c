/* Unit tests: answers as segments with their context chain
 * (parse/segment.h), from the blocks Markdown and HTML mark and from the
 * lines of plain text.  The segments and contexts parsers give are data
 * in tests/units/{markdown,html}; here what units JSON does not show
 * (places, label values, segments of a bare text, claims' sections). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parser.h"
#include "parse/segment.h"
#include "rules/extract.h"

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

/* What units JSON does not show of a Markdown list and pipe table (its
 * segments and their contexts: tests/units/markdown/lists-labels-and-
 * pipe-tables): where a cell's text is in the file, where a label's value
 * starts. */
static void test_markdown_cell_place_and_label_value(void **state)
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
	/* A cell's text maps to its exact place in the file: "3 days" on line
	 * 13 after "| **North** | ". */
	assert_string_equal(describe(f->a, u, s, n, 7),
			    "cell|3 days|column=Time;row=North;heading=Help;question=Delivery");
	kb_loc l = kb_unit_text_loc(u, s[7].start, s[7].end);
	assert_int_equal(l.line, 13);
	assert_int_equal(l.column, 15);
	assert_int_equal(l.end_column, 21);
	/* The label's value starts after "Weekdays: ". */
	assert_string_equal(describe(f->a, u, s, n, 1),
			    "item|Weekdays: 8:00 - 18:00|label=Weekdays;parent=Opening hours;"
			    "heading=Help;question=Delivery");
	assert_string_equal(u->text + s[1].value_start, "8:00 - 18:00\n"
						       "Phones:\n12 months\nZone\nTime\nNorth\n3 days\nSouth\n5 days");
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

/* The label kb_extract_sections gives each claim of a Markdown document. */
static const char *section_labels(kb_arena *a, const char *text)
{
	doc *f = read_doc("doc.md", text, kb_parser_find("markdown")->parse);
	f->src.format = "markdown";
	kb_rules *r = kb_rules_new(a);
	assert_true(kb_rules_load(r, f->d, KB_SOURCE_ROOT "/rules"));
	kb_extractor *x = kb_extractor_new(r, a, f->d);
	kb_vec claims = {0}, unclaimed = {0};
	for (size_t i = 0; i < f->units.len; i++)
		kb_extract_unit(x, f->units.items[i], &claims, &unclaimed);
	kb_extract_sections(x, &claims, 0);
	char *out = "";
	for (size_t i = 0; i < claims.len; i++) {
		const kb_claim *c = claims.items[i];
		const char *label = kb_scope_get(&c->scope, "label");
		out = kb_sprintf(a, "%s%s%s", out, i ? ";" : "", label ? label : "-");
	}
	kb_extractor_free(x);
	kb_rules_free(r);
	done(f);
	return out;
}

/* Sibling sections answering one question are its cases ("Hardwood
 * floors", "Vinyl floors"); sections saying different things of one thing
 * are not ("Why Dongwha flooring", "Dongwha flooring specifications"), nor
 * is a page's title, nor a help centre's area ("Orders"). */
static void test_sibling_sections_are_cases(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	assert_string_equal(section_labels(a, "# Warranty\n\n## Hardwood floors\n\n"
					      "Every floor comes with a warranty of 20 years.\n\n"
					      "## Vinyl floors\n\n"
					      "Every floor comes with a warranty of 10 years.\n"),
			    "hardwood floors;vinyl floors");
	assert_string_equal(section_labels(a, "# Dongwha\n\n## Why Dongwha flooring\n\n"
					      "Every floor comes with a warranty of 20 years.\n\n"
					      "## Dongwha flooring specifications\n\n"
					      "Every floor comes with a warranty of 25 years.\n"),
			    "dongwha;dongwha"); /* one case: the page's (below) */
	assert_string_equal(section_labels(a, "# Help\n\n## Orders\n\n"
					      "Every floor comes with a warranty of 20 years.\n\n"
					      "## Returns\n\n"
					      "Every floor comes with a warranty of 25 years.\n"),
			    "-;-");
	/* A table's column under a section: both, the section first. */
	assert_string_equal(
	    section_labels(a, "# Plans\n\n## Teams organizations\n\n"
			      "| Plan | Classic | Current |\n|---|---|---|\n"
			      "| Warranty | 1 year | 2 years |\n\n"
			      "## Enterprise organizations\n\n"
			      "| Plan | Classic | Current |\n|---|---|---|\n"
			      "| Warranty | 3 years | 5 years |\n"),
	    "teams organizations > classic;teams organizations > current;"
	    "enterprise organizations > classic;enterprise organizations > current");
	kb_arena_free(a);
}

/* Warranties differ per product (`cases: pages`): a page whose title
 * names a subject is a case of its own, for the topics that say so. */
static void test_product_pages_are_cases(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	assert_string_equal(section_labels(a, "---\ntitle: Aurora Pro headphones\n---\n"
					      "## Why you will love them\n\n"
					      "They come with a warranty of 2 years.\n"),
			    "aurora pro headphones");
	assert_string_equal(section_labels(a, "# Hardwood floors\n\n"
					      "Every floor comes with a warranty of 20 years.\n"),
			    "hardwood floors");
	/* A title of the topic's own or generic words, or a question, names
	 * no product. */
	assert_string_equal(section_labels(a, "# Warranty policy\n\n"
					      "Every item comes with a warranty of 2 years.\n"),
			    "-");
	assert_string_equal(section_labels(a, "# How long is the warranty?\n\n"
					      "Every item comes with a warranty of 2 years.\n"),
			    "-");
	/* Other topics are the shop's policy on every page. */
	assert_string_equal(section_labels(a, "# Hardwood floors\n\n"
					      "Returns are accepted within 30 days.\n"),
			    "-");
	/* No title shared by every answer: no page case. */
	assert_string_equal(section_labels(a, "Every floor comes with a warranty of 20 years.\n\n"
					      "# Hardwood floors\n\n"
					      "Every floor comes with a warranty of 20 years.\n"),
			    "-;-");
	kb_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_markdown_cell_place_and_label_value),
	    cmocka_unit_test(test_plain_text_lines),
	    cmocka_unit_test(test_sibling_sections_are_cases),
	    cmocka_unit_test(test_product_pages_are_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
