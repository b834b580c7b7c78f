/* test_markdown.c - the Markdown FAQ parser: exact source positions of
 * phrases in unit text, diagnostics, suppression comments, detection.
 * What a unit looks like (ids, heading paths, locales) is tested as data
 * in tests/units/markdown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static const char *md_path = "help/orders.md", *md_format = "markdown";
#define HARNESS_PATH md_path
#define HARNESS_FORMAT md_format
#define HARNESS_PARSE kb_parse_markdown
#include "parse_harness.h"

static void test_fixture_units(void **state)
{
	fixture *f = parse_file("orders.md");
	assert_int_equal(kb_diags_count(f->diags), 0);
	/* "# Orders" has no content of its own: no unit. */
	assert_int_equal(f->units.len, 7);

	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "intro");
	assert_null(u->question);
	assert_string_equal(u->text, "Welcome to the help centre.");
	assert_string_equal(u->locale, "en"); /* front matter lang: en-US */
	/* The front matter's title is the page's outermost heading. */
	assert_headings(u, 1, "Orders FAQ");
	assert_loc(u, 5, 1, 5, 28); /* line numbers survive the front matter */

	u = unit(f, 1);
	assert_string_equal(u->id, "can-i-cancel-my-order");
	assert_string_equal(u->question, "Can I cancel my order?");
	assert_string_equal(u->text,
			    "Yes, you can cancel within 24 hours of placing it. After "
			    "that, contact support.\nRefunds are issued within 5-7 "
			    "business days.\nStore credit is instant.");
	assert_headings(u, 2, "Orders FAQ", "Orders");
	assert_loc(u, 9, 1, 15, 27);
	assert_phrase(f, u, "within 24 hours", 11, 23, 11, 38);
	assert_phrase(f, u, "contact support", 12, 13, 12, 28);
	assert_phrase(f, u, "within 5-7 business days", 14, 22, 14, 46);
	assert_null(u->suppressed);

	u = unit(f, 2);
	assert_string_equal(u->id, "what-if-it-already-shipped");
	assert_string_equal(u->text, "Then it cannot be cancelled; return it instead.");
	assert_headings(u, 3, "Orders FAQ", "Orders", "Can I cancel my order?");
	assert_loc(u, 17, 1, 19, 48);

	/* A bold-only paragraph is a question below every open heading. */
	u = unit(f, 3);
	assert_string_equal(u->id, "do-you-ship-abroad");
	assert_string_equal(u->question, "Do you ship abroad?");
	assert_string_equal(u->text, "We ship to 30 countries, see shipping.md.");
	assert_headings(u, 4, "Orders FAQ", "Orders", "Can I cancel my order?",
			"What if it already shipped?");
	assert_phrase(f, u, "shipping.md", 23, 31, 23, 42);

	/* Setext heading; link text kept, URL and image dropped. */
	u = unit(f, 4);
	assert_string_equal(u->id, "setext-question");
	assert_string_equal(u->text, "Quoted answer with a link text.");
	assert_headings(u, 2, "Orders FAQ", "Orders");
	assert_phrase(f, u, "link text", 28, 25, 28, 34);

	/* Bold question with its answer on the next line; the comment above
	 * it suppresses a topic for it; inline HTML is dropped. */
	u = unit(f, 5);
	assert_string_equal(u->id, "how-much-is-shipping");
	assert_string_equal(u->question, "How much is shipping?");
	assert_string_equal(u->text, "Shipping is free over $50 (taxes included).");
	assert_headings(u, 3, "Orders FAQ", "Orders", "Setext question");
	assert_phrase(f, u, "free over $50", 32, 13, 32, 26);
	assert_non_null(u->suppressed);
	assert_string_equal(u->suppressed[0], "shipping.fee");
	assert_null(u->suppressed[1]);
	assert_loc(u, 31, 1, 32, 57);

	u = unit(f, 6);
	assert_string_equal(u->id, "can-i-cancel-my-order-2");
	assert_string_equal(u->text, "Duplicate question, second answer.");
	done(f);
}

/* CRLF line endings and a BOM: columns count characters after the BOM. */
static void test_crlf_bom(void **state)
{
	fixture *f = parse_str("\xEF\xBB\xBFOrders ship within 2 days.\r\n"
			       "\r\n"
			       "## Returns \xE2\x80\x94 how long?\r\n"
			       "\r\n"
			       "You can return items within 30 days.\r\n"
			       "Caf\xC3\xA9 items: within 7 days.\r\n"
			       "\r\n"
			       "1. Exchanges are possible\r\n"
			       "   within 14 days.\r\n");
	assert_int_equal(f->units.len, 2);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "intro");
	assert_loc(u, 1, 1, 1, 27);
	assert_phrase(f, u, "within 2 days", 1, 13, 1, 26);

	u = unit(f, 1);
	assert_string_equal(u->question, "Returns \xE2\x80\x94 how long?");
	assert_string_equal(u->id, "returns-how-long");
	assert_string_equal(u->text, "You can return items within 30 days. Caf\xC3\xA9 "
				     "items: within 7 days.\nExchanges are possible "
				     "within 14 days.");
	assert_phrase(f, u, "within 30 days", 5, 22, 5, 36);
	assert_phrase(f, u, "within 7 days", 6, 13, 6, 26); /* é is one column */
	assert_phrase(f, u, "within 14 days", 9, 4, 9, 18);
	assert_loc(u, 3, 1, 9, 19);
	done(f);
}

static void test_front_matter_unclosed(void **state)
{
	fixture *f = parse_str("---\n"
			       "title: never closed\n"
			       "\n"
			       "# Can I pay later?\n"
			       "\n"
			       "Yes, within 30 days.\n");
	assert_int_equal(kb_diags_count(f->diags), 1);
	const kb_diag_entry *d = kb_diags_get(f->diags, 0);
	assert_int_equal(d->level, KB_DIAG_ERROR);
	assert_string_equal(d->path, "help/orders.md");
	assert_int_equal(d->line, 1);
	assert_int_equal(d->column, 1);
	assert_non_null(strstr(d->message, "front matter starts here but is never closed"));
	/* The rest is still read as Markdown. */
	assert_int_equal(f->units.len, 2);
	const kb_unit *u = unit(f, 1);
	assert_string_equal(u->id, "can-i-pay-later");
	assert_phrase(f, u, "within 30 days", 6, 6, 6, 20);
	done(f);
}

static void test_empty(void **state)
{
	const char *inputs[] = {"", "\n\n  \n", "\xEF\xBB\xBF", "---\n---\n",
				"# Only a heading\n", "<!-- just a comment -->\n"};
	for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
		fixture *f = parse_str(inputs[i]);
		assert_int_equal(f->units.len, 0);
		assert_int_equal(kb_diags_count(f->diags), 0);
		done(f);
	}
}

static void test_escapes_and_entities(void **state)
{
	/* Decoded text that is not in the source verbatim still maps
	 * word by word; the rest of the paragraph stays exact. */
	fixture *f = parse_str("# Fees\n"
			       "\n"
			       "Returns cost \\$5 &amp; take *up to* 3&nbsp;days, "
			       "or within 24 hours.\n");
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->text, "Returns cost $5 & take up to 3\xC2\xA0"
				     "days, or within 24 hours.");
	assert_phrase(f, u, "within 24 hours", 3, 53, 3, 68);
	assert_phrase(f, u, "up to", 3, 30, 3, 35);
	done(f);
}

/* The answer may follow a bold question on the next line of the same
 * paragraph, mapped back exactly (bold that is not a question:
 * tests/units/markdown/bold-that-is-not-a-question). */
static void test_bold_question_next_line(void **state)
{
	fixture *f = parse_str("**Can I *really* cancel?**\nYes, within 2 days.\n");
	assert_int_equal(f->units.len, 1);
	assert_string_equal(unit(f, 0)->question, "Can I really cancel?");
	assert_string_equal(unit(f, 0)->text, "Yes, within 2 days.");
	assert_phrase(f, unit(f, 0), "within 2 days", 2, 6, 2, 19);
	assert_loc(unit(f, 0), 1, 1, 2, 20);
	done(f);
}

static void test_suppress_comments(void **state)
{
	fixture *f = parse_str("# A\n\nText <!-- kbcheck-disable --> within 2 days.\n\n"
			       "# B\n\nOther.\n\n"
			       "<!-- kbcheck-disable-next-line x -->\n\n"
			       "# C\n\nThird.\n");
	assert_int_equal(f->units.len, 3);
	/* An inline comment is about its own paragraph's unit. */
	assert_non_null(unit(f, 0)->suppressed);
	assert_string_equal(unit(f, 0)->suppressed[0], "*");
	assert_null(unit(f, 0)->suppressed[1]);
	assert_string_equal(unit(f, 0)->text, "Text within 2 days.");
	assert_null(unit(f, 1)->suppressed);
	/* Not our directive. */
	assert_null(unit(f, 2)->suppressed);
	done(f);
}

/* Markdown a server renders through ERB (.html.markerb, .md.erb): its
 * tags are code, a string it prints is text, positions stay exact. */
static void test_erb(void **state)
{
	md_path = "about/pricing.html.markerb";
	md_format = "markdown-erb";
	fixture *f = parse_str("<% content_for :title, \"Pricing\" %>\n"
			       "## How much is an IP address?\n"
			       "\n"
			       "<%= partial(\"shared/ip\") %>\n"
			       "Dedicated IPv4 addresses are <%= \"billed at\" %> $2/mo.\n"
			       "<% if promo %>The first one is free.<% end %>\n");
	md_path = "help/orders.md";
	md_format = "markdown";
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->question, "How much is an IP address?");
	assert_string_equal(u->text, "Dedicated IPv4 addresses are billed at $2/mo. The first one is free.");
	assert_phrase(f, u, "$2/mo", 5, 49, 5, 54);
	assert_phrase(f, u, "The first one is free.", 6, 15, 6, 37);
	done(f);
	/* By name only: an .html.erb page is the erb template's, a
	 * configuration template nobody's. */
	const char *d = "## Q\n\nA\n";
	assert_string_equal(kb_parser_detect("docs/a.html.markerb", d, strlen(d))->name, "markdown-erb");
	assert_string_equal(kb_parser_detect("docs/a.md.erb", d, strlen(d))->name, "markdown-erb");
	assert_int_equal(kb_detect_markdown_erb("app/views/a.html.erb", d, strlen(d)), 0);
	const char *yml = "production:\n  url: <%= ENV['X'] %>\n";
	assert_null(kb_parser_detect("config/database.yml.erb", yml, strlen(yml)));
}

/* MDX (.mdx): import/export lines and component tag lines are code; the
 * text inside a component is read; positions stay exact. */
static void test_mdx(void **state)
{
	(void)state;
	md_path = "docs/returns.mdx";
	md_format = "mdx";
	fixture *f = parse_str("import { Callout } from 'nextra/components'\n"
			       "export const meta = {\n"
			       "  title: 'Returns',\n"
			       "}\n"
			       "\n"
			       "## How long do I have to return an item?\n"
			       "\n"
			       "You have 30 days from delivery.\n"
			       "\n"
			       "<Callout type=\"info\">\n"
			       "Sale items cannot be returned.\n"
			       "</Callout>\n"
			       "\n"
			       "```js\n"
			       "import x from 'y'\n"
			       "```\n");
	md_path = "help/orders.md";
	md_format = "markdown";
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->question, "How long do I have to return an item?");
	assert_non_null(strstr(u->text, "You have 30 days from delivery."));
	assert_non_null(strstr(u->text, "Sale items cannot be returned."));
	assert_null(strstr(u->text, "Callout"));
	assert_null(strstr(u->text, "nextra"));
	assert_phrase(f, u, "30 days", 8, 10, 8, 17);
	assert_phrase(f, u, "Sale items cannot be returned.", 11, 1, 11, 31);
	done(f);
	const char *d = "## Q\n\nA\n";
	assert_string_equal(kb_parser_detect("docs/a.mdx", d, strlen(d))->name, "mdx");
}

static void test_detect(void **state)
{
	const char *md[] = {
	    "# Title\n\nSome text.\n",
	    "Title\n=====\n\ntext\n",
	    "---\ntitle: x\n---\n## Q\n\nA\n",
	    "<!-- comment -->\n# Heading\n\n- item\n",
	};
	for (size_t i = 0; i < sizeof md / sizeof *md; i++)
		assert_true(kb_detect_markdown("x.md", md[i], strlen(md[i])) > 0);
	const char *other[] = {
	    "<!DOCTYPE html><html><body><p>x</p></body></html>",
	    "<html lang=en><h1>x</h1></html>",
	    "{\"macros\": []}",
	    "[{\"a\": 1}]",
	    "version: \"3.1\"\nresponses:\n  utter_x:\n  - text: hi\n",
	    "<p>para</p>\n<ul>\n<li>x</li>\n</ul>\n",
	    "",
	};
	for (size_t i = 0; i < sizeof other / sizeof *other; i++)
		assert_int_equal(kb_detect_markdown("x.md", other[i], strlen(other[i])), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fixture_units),
	    cmocka_unit_test(test_crlf_bom),
	    cmocka_unit_test(test_front_matter_unclosed),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_escapes_and_entities),
	    cmocka_unit_test(test_bold_question_next_line),
	    cmocka_unit_test(test_suppress_comments),
	    cmocka_unit_test(test_erb),
	    cmocka_unit_test(test_mdx),
	    cmocka_unit_test(test_detect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
