/* test_html.c - the HTML FAQ parser: headings, details, dl, microdata,
 * JSON-LD, diagnostics, and exact source positions.  What a unit looks
 * like (lang attributes, markup browsers accept) is tested as data in
 * tests/units/html. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define HARNESS_PATH "help/faq.html"
#define HARNESS_FORMAT "html"
#define HARNESS_PARSE kb_parse_html
#include "parse_harness.h"

static void test_faq_page(void **state)
{
	fixture *f = parse_file("faq.html");
	/* main, article, section, details, summary, mark, header, footer, nav:
	 * valid HTML5, no diagnostics. */
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 7);

	/* JSON-LD (in <head>, answer HTML with </p> inside the script). */
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "how-long-do-refunds-take");
	assert_string_equal(u->question, "How long do refunds take?");
	assert_string_equal(u->text, "Refunds take 5\xE2\x80\x93" "7 business days.\n"
				     "Store credit is instant.");
	assert_string_equal(u->locale, "en");
	assert_phrase(f, u, "Refunds take", 16, 22, 16, 34);
	assert_phrase(f, u, "Store credit is instant.", 16, 73, 16, 97);
	assert_int_equal(u->loc.line, 14);
	assert_int_equal(u->loc.end_line, 16);

	u = unit(f, 1);
	assert_string_equal(u->id, "orders");
	assert_string_equal(u->question, "Orders");
	assert_string_equal(u->text, "Everything about orders.");
	assert_int_equal(u->nheadings, 0);
	assert_loc(u, 26, 1, 27, 32);

	/* The visible answer wins over the identical JSON-LD one. */
	assert_int_equal(count_question(f, "Can I cancel my order?"), 1);
	u = unit(f, 2);
	assert_string_equal(u->id, "cancel"); /* the element's id */
	assert_string_equal(u->text, "Yes, you can cancel within 24 hours.");
	assert_string_equal(u->locale, "en");
	assert_headings(u, 1, "Orders");
	assert_phrase(f, u, "within 24 hours", 30, 24, 30, 39);
	assert_loc(u, 29, 1, 30, 44);

	u = unit(f, 3);
	assert_string_equal(u->id, "ship-abroad");
	assert_string_equal(u->question, "Do you ship abroad?");
	assert_string_equal(u->text, "We ship to 30 countries & territories.");
	assert_headings(u, 2, "Orders", "Can I cancel my order?");
	assert_phrase(f, u, "30 countries", 33, 21, 33, 33);
	assert_phrase(f, u, "territories.", 33, 47, 33, 59); /* after &amp; */
	/* The decoded "&" points at its entity. */
	const char *amp = strchr(u->text, '&');
	kb_loc l = kb_unit_text_loc(u, (size_t)(amp - u->text), (size_t)(amp - u->text) + 1);
	assert_int_equal(l.column, 41);
	assert_int_equal(l.end_column, 46);
	assert_loc(u, 32, 1, 34, 11);

	u = unit(f, 4);
	assert_string_equal(u->id, "how-much-is-shipping");
	assert_string_equal(u->text, "Shipping is free over $50.");
	assert_phrase(f, u, "free over $50", 37, 17, 37, 30);
	assert_loc(u, 36, 1, 37, 36);

	u = unit(f, 5);
	assert_string_equal(u->id, "when-do-you-deliver");
	assert_string_equal(u->text, "Monday\xE2\x80\x93" "Friday, 8:00\xE2\x80\x93"
				     "18:00, within 2 days.");
	assert_phrase(f, u, "18:00, within 2 days.", 39, 37, 39, 58);
	assert_loc(u, 38, 1, 39, 63);

	/* lang on an enclosing element; the footer is page chrome. */
	u = unit(f, 6);
	assert_string_equal(u->locale, "vi");
	assert_string_equal(u->question, "Tôi có thể hủy đơn hàng không?");
	assert_string_equal(u->id, "tôi-có-thể-hủy-đơn-hàng-không");
	assert_string_equal(u->text, "Có, bạn có thể hủy trong vòng 24 giờ.");
	assert_headings(u, 1, "Orders");
	assert_phrase(f, u, "trong vòng 24 giờ", 43, 23, 43, 40);
	done(f);
}

static void test_microdata(void **state)
{
	fixture *f = parse_file("microdata.html");
	assert_int_equal(kb_diags_count(f->diags), 0);
	/* The JSON-LD copy of the first question is dropped. */
	assert_int_equal(f->units.len, 2);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->question, "Can I change my address?");
	assert_string_equal(u->id, "can-i-change-my-address");
	assert_string_equal(u->text, "Yes, until the order ships, usually within 2 days.");
	assert_string_equal(u->locale, "en"); /* lang="en-GB" on the item */
	assert_phrase(f, u, "within 2 days", 11, 67, 11, 80);
	assert_loc(u, 8, 3, 13, 9);

	u = unit(f, 1);
	assert_string_equal(u->question, "ฉันยกเลิกคำสั่งซื้อได้ไหม"); /* <meta content> */
	assert_string_equal(u->text, "ยกเลิกได้ภายใน 24 ชั่วโมง");
	assert_string_equal(u->locale, "th"); /* <html lang="th-TH"> */
	assert_phrase(f, u, "ภายใน 24 ชั่วโมง", 17, 35, 17, 51);
	assert_loc(u, 14, 3, 19, 9);
	done(f);
}

/* The WooCommerce refund policy page every new store gets. */
static void test_woocommerce_refund_policy(void **state)
{
	char path[1024];
	fixture *f = parse_path(shared_path(path, sizeof path,
					    "corpora-real/woocommerce-refund-returns-template-en/"
					    "refund_returns.html"));
	assert_int_equal(kb_diags_count(f->diags), 0);
	const char *ids[] = {"intro", "overview", "refunds", "late-or-missing-refunds",
			     "sale-items", "exchanges", "gifts", "shipping-returns",
			     "need-help"};
	assert_int_equal(f->units.len, sizeof ids / sizeof *ids);
	for (size_t i = 0; i < f->units.len; i++)
		assert_string_equal(unit(f, i)->id, ids[i]);

	const kb_unit *u = by_id(f, "intro");
	assert_null(u->question);
	assert_string_equal(u->text, "This is a sample page.");

	u = by_id(f, "overview");
	assert_string_equal(u->question, "Overview");
	assert_phrase(f, u, "30 days", 10, 40, 10, 47);
	assert_int_equal(u->loc.line, 6);
	assert_int_equal(u->loc.column, 1);
	/* List items are lines of their own. */
	assert_non_null(strstr(u->text, "\nGift cards\nDownloadable software products\n"));

	u = by_id(f, "late-or-missing-refunds");
	assert_string_equal(u->question, "Late or missing refunds");
	assert_headings(u, 1, "Refunds");
	assert_string_equal(u->locale, "en"); /* guessed from the text */
	/* Placeholders stay as written. */
	assert_phrase(f, u, "{email address}", 83, 101, 83, 116);

	u = by_id(f, "need-help");
	assert_string_equal(u->question, "Need help?");
	assert_string_equal(u->text, "Contact us at {email} for questions related to "
				     "refunds and returns.");
	assert_int_equal(u->nheadings, 0);
	assert_loc(u, 135, 1, 139, 75);
	done(f);
}

static void test_jsonld_escapes_and_errors(void **state)
{
	fixture *f = parse_str(
	    "<!doctype html>\n"
	    "<html><body>\n"
	    "<script type=\"application/ld+json\">{\"@type\": \"FAQPage\",\n"
	    " \"mainEntity\": [{\"@type\": \"Question\", \"name\": \"Caf\\u00e9 returns?\",\n"
	    "  \"acceptedAnswer\": {\"text\": \"Caf\\u00e9 items \\/ mugs: within 3 days.\"}}]}\n"
	    "</script>\n"
	    "<script type='application/ld+json'>\n"
	    "{\"@type\": \"FAQPage\", \"mainEntity\": [,]}\n"
	    "</script>\n"
	    "<h2>Q</h2><p>Still read: within 5 days.</p>\n"
	    "</body></html>\n");
	assert_int_equal(kb_diags_count(f->diags), 1);
	const kb_diag_entry *d = kb_diags_get(f->diags, 0);
	assert_int_equal(d->level, KB_DIAG_ERROR);
	assert_int_equal(d->line, 8);
	assert_int_equal(d->column, 37);
	assert_non_null(strstr(d->message, "invalid JSON-LD"));

	assert_int_equal(f->units.len, 2);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->question, "Caf\xC3\xA9 returns?");
	assert_string_equal(u->text, "Caf\xC3\xA9 items / mugs: within 3 days.");
	assert_phrase(f, u, "within 3 days.", 5, 56, 5, 70);
	/* An escaped word points into the string it came from. */
	kb_loc l = kb_unit_text_loc(u, 0, 4);
	assert_int_equal(l.line, 5);
	assert_true(l.column >= 31 && l.column < 56);

	u = unit(f, 1);
	assert_string_equal(u->id, "q");
	assert_phrase(f, u, "within 5 days.", 10, 26, 10, 40);
	done(f);
}

static void test_malformed(void **state)
{
	/* A NUL byte and a document cut off inside a tag. */
	static const char doc[] = "<html><body>\n"
				  "<h2>Returns</h2>\n"
				  "<p>Within 30 days.\0</p>\n"
				  "<p>Refunds within 5 days <a href=\"/x";
	fixture *f = parse(doc, sizeof doc - 1);
	assert_true(kb_diags_count(f->diags) >= 2);
	for (size_t i = 0; i < kb_diags_count(f->diags); i++) {
		const kb_diag_entry *d = kb_diags_get(f->diags, i);
		assert_int_equal(d->level, KB_DIAG_ERROR);
		assert_string_equal(d->path, "help/faq.html");
		assert_true(d->line >= 3 && d->line <= 4);
		assert_true(d->column > 0);
	}
	assert_int_equal(kb_diags_get(f->diags, 0)->line, 3);
	assert_int_equal(kb_diags_get(f->diags, 0)->column, 19);
	/* The file is still read. */
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "returns");
	assert_phrase(f, u, "within 5 days", 4, 12, 4, 25);
	done(f);
	/* What browsers read fine gives no diagnostics:
	 * tests/units/html/markup-browsers-accept. */
}

static void test_empty(void **state)
{
	const char *inputs[] = {"", "  \n\n", "\xEF\xBB\xBF", "<!doctype html>",
				"<html><body></body></html>",
				"<h2>Heading only</h2><!-- nothing -->"};
	for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
		fixture *f = parse_str(inputs[i]);
		assert_int_equal(f->units.len, 0);
		assert_int_equal(kb_diags_count(f->diags), 0);
		done(f);
	}
}

static void test_positions_through_markup(void **state)
{
	/* BOM, CRLF, attributes holding '>', comments, entities, a script
	 * with markup inside, and an implied <p>: positions stay exact. */
	fixture *f = parse_str("\xEF\xBB\xBF<h1 title=\"a > b\">Shipping &amp; returns</h1>\r\n"
			       "<!-- kbcheck-disable shipping.fee returns.window -->\r\n"
			       "<script>var s = '<p>within 99 days</p>';</script>\r\n"
			       "<p class='x'>Ships <em>within</em>\r\n"
			       "   2&nbsp;days, returns within 30 days.<br>Free over $50.</p>\r\n"
			       "<ul><li>Express: within 24 hours<li>Standard: 3\xE2\x80\x93" "5 days</ul>\r\n");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->question, "Shipping & returns");
	assert_string_equal(u->id, "shipping-returns");
	/* <br> ends a line: the lines are statements of their own. */
	assert_string_equal(u->text, "Ships within 2\xC2\xA0" "days, returns within 30 days.\n"
				     "Free over $50.\nExpress: within 24 hours\n"
				     "Standard: 3\xE2\x80\x93" "5 days");
	assert_phrase(f, u, "within 30 days", 5, 25, 5, 39);
	assert_phrase(f, u, "Free over $50.", 5, 44, 5, 58);
	assert_phrase(f, u, "within 24 hours", 6, 18, 6, 33);
	assert_phrase(f, u, "3\xE2\x80\x93" "5 days", 6, 47, 6, 55);
	assert_phrase(f, u, "Ships", 4, 14, 4, 19);
	assert_loc(u, 1, 1, 6, 60);
	assert_non_null(u->suppressed);
	assert_string_equal(u->suppressed[0], "shipping.fee");
	assert_string_equal(u->suppressed[1], "returns.window");
	assert_null(u->suppressed[2]);
	done(f);

	/* A fragment: text before any heading is the intro, in an implied <p>. */
	f = parse_str("Orders ship within 2 days.\n<h2>Next</h2><p>x</p>");
	assert_int_equal(f->units.len, 2);
	assert_string_equal(unit(f, 0)->id, "intro");
	assert_phrase(f, unit(f, 0), "within 2 days", 1, 13, 1, 26);
	done(f);
}

/* Unit i answers `question` (a heading at the start of the line above)
 * with one paragraph, ending at end_col, that holds ASCII phrase at
 * line:col. */
static void assert_answer(const fixture *f, size_t i, const char *question,
			  const char *phrase, int line, int col, int end_col)
{
	const kb_unit *u = unit(f, i);
	assert_string_equal(u->question, question);
	int n = (int)strlen(phrase);
	assert_phrase(f, u, phrase, line, col, line, col + n);
	assert_loc(u, line - 1, 1, line, end_col);
}

/* Markup that libxml2 and the cursor once read differently put the cursor
 * out of step, and every unit after it at the end of the file -- a line
 * past the last one.  Processing instructions (PHP code in a page read as
 * HTML) end at their first '>' and "<?=" is dropped, as libxml2 does; any
 * other difference is caught by libxml2's line numbers. */
static void test_positions_after_lost_step(void **state)
{
	fixture *f = parse_str("<?php $title = \"<b>Help</b>\"; ?>\n"
			       "<h2>Returns</h2>\n"
			       "<p>You can return items within 30 days.</p>\n"
			       "<ul><?php foreach ($rows as $row): ?><li><?= $row->name ?></li>"
			       "<?php endforeach; ?></ul>\n"
			       "<h2>Shipping</h2>\n"
			       "<p>Delivery takes 3-5 days.</p>\n");
	assert_int_equal(f->units.len, 3);
	const kb_unit *u = unit(f, 0); /* what PHP code libxml2 reads as text */
	assert_string_equal(u->text, "Help\"; ?>");
	assert_loc(u, 1, 20, 1, 33);
	u = unit(f, 1);
	assert_string_equal(u->text, "You can return items within 30 days.\n= $row->name ?>");
	assert_phrase(f, u, "within 30 days", 3, 25, 3, 39);
	assert_phrase(f, u, "= $row->name ?>", 4, 44, 4, 59);
	assert_loc(u, 2, 1, 4, 64);
	assert_answer(f, 2, "Shipping", "3-5 days", 6, 19, 32);
	done(f);

	/* End tags libxml2 reads as text ("</ p>", "</3>"): the cursor
	 * resynchronises on the next line libxml2 names. */
	f = parse_str("<html><body>\n"
		      "<p></ p> x </3> y</p>\n"
		      "<h2>Returns</h2>\n"
		      "<p>You can return items within 30 days.</p>\n"
		      "<h2>Refunds</h2>\n"
		      "<p>Refunds arrive within 7 days.</p>\n"
		      "</body></html>\n");
	assert_int_equal(f->units.len, 3);
	assert_answer(f, 1, "Returns", "within 30 days", 4, 25, 44);
	assert_answer(f, 2, "Refunds", "within 7 days", 6, 19, 37);
	done(f);

	/* libxml2 2.9 stops counting lines at 65535: from there on its line
	 * numbers say nothing, and positions still come from the cursor. */
	enum { LINES = 70000 };
	char *big = malloc(LINES + 200);
	memset(big, '\n', LINES);
	strcpy(big + LINES, "<h2>Returns</h2>\n<p>You can return items within 30 days.</p>\n");
	f = parse_str(big);
	free(big);
	assert_int_equal(f->units.len, 1);
	assert_answer(f, 0, "Returns", "within 30 days", LINES + 2, 25, 44);
	done(f);
}

static void test_detect(void **state)
{
	const char *html[] = {
	    "<!DOCTYPE html>\n<html><body></body></html>",
	    "\xEF\xBB\xBF<html lang=en>",
	    "<!-- wp:paragraph -->\n<p>x</p>\n<h2>y</h2>\n",
	    "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
	};
	for (size_t i = 0; i < sizeof html / sizeof *html; i++)
		assert_true(kb_detect_html("x.html", html[i], strlen(html[i])) >= 40);
	const char *other[] = {
	    "# Title\n\ntext with <b>bold</b>\n",
	    "{\"body\": \"<p>x</p>\"}",
	    "version: \"3.1\"\n",
	    "<?xml version=\"1.0\"?>\n<aiml><category/></aiml>",
	    "",
	};
	for (size_t i = 0; i < sizeof other / sizeof *other; i++)
		assert_int_equal(kb_detect_html("x.html", other[i], strlen(other[i])), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_faq_page),
	    cmocka_unit_test(test_microdata),
	    cmocka_unit_test(test_woocommerce_refund_policy),
	    cmocka_unit_test(test_jsonld_escapes_and_errors),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_positions_through_markup),
	    cmocka_unit_test(test_positions_after_lost_step),
	    cmocka_unit_test(test_detect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
