/* Unit tests: value drift (rules/drift.h) -- which sentences are drift
 * statements, what their shape masks, what compares -- and the findings it
 * makes, on invented statements in en, vi and th. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "compare/compare.h"
#include "rules/drift.h"
#include "rules/extract.h"

static bool statement(kb_arena *a, const char *t, kb_drift *d)
{
	return kb_drift_statement(a, t, 0, strlen(t), d);
}

static void test_shapes_and_values(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_drift d1, d2;
	/* Markup, case and grouping separators do not matter; values do. */
	assert_true(statement(a, "Tải trọng: **0.5 tấn đến 50 tấn** cho mọi đơn.", &d1));
	assert_true(statement(a, "tải trọng: 0.5 tấn đến 10 tấn cho mọi đơn", &d2));
	assert_true(d1.key == d2.key);
	assert_string_equal(d1.values, "0.5 tấn, 50 tấn");
	assert_string_not_equal(d1.canon, d2.canon);
	assert_true(statement(a, "Free shipping on orders over 500.000đ to every province.", &d1));
	assert_true(statement(a, "Free shipping on orders over 500,000đ to every province.", &d2));
	assert_true(d1.key == d2.key);
	assert_string_equal(d1.canon, d2.canon);
	/* A date: month and day compare, the month is masked with the digits. */
	assert_true(statement(a, "Decision notifications will be sent by July 8th, 2024.", &d1));
	assert_true(statement(a, "Decision notifications will be sent by June 14, 2024.", &d2));
	assert_true(d1.key == d2.key);
	assert_string_not_equal(d1.canon, d2.canon);
	assert_string_equal(d1.values, "July 8th, 2024");
	/* A date with the time right after it is a stamp, not compared: the
	 * same card updated at another moment is no drift, its price is. */
	assert_true(statement(a, "Magnesium Glycinate capsules, 60 count. Last updated: Oct 09, 2023 "
				 "14:58 PM. Price $29.99",
			      &d1));
	assert_true(statement(a, "Magnesium Glycinate capsules, 60 count. Last updated: Jul 29, 2024 "
				 "15:36 PM. Price $29.99",
			      &d2));
	assert_true(d1.key == d2.key);
	assert_string_equal(d1.canon, d2.canon);
	assert_string_equal(d1.values, "$29.99");
	/* ... while a day's hours are hours. */
	assert_true(statement(a, "On Dec 24 our stores are open 9:00-14:00 for last orders.", &d1));
	assert_string_equal(d1.values, "Dec 24, 9:00, 14:00");
	/* Units are words of the statement: 24 hours and 2 days are not the
	 * same shape (the rules compare those). */
	assert_true(statement(a, "Orders can be changed within 24 hours of purchase.", &d1));
	assert_true(statement(a, "Orders can be changed within 2 days of purchase.", &d2));
	assert_false(d1.key == d2.key);
	/* A phone number is a value; the quote spans it. */
	const char *p = "Call our hotline (123) 456-7890 for help with your order.";
	assert_true(statement(a, p, &d1));
	assert_int_equal(d1.start, 17);
	assert_int_equal(d1.end, 31);
	/* Thai, without spaces between words. */
	assert_true(statement(a, "ส่งฟรีทั่วประเทศเมื่อซื้อครบ 800 บาท", &d1));
	assert_string_equal(d1.values, "800 บาท");
	kb_arena_free(a);
}

static void test_not_statements(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_drift d;
	/* Bare numbers are ids or counts: masked, never compared. */
	assert_false(statement(a, "Article 4881 explains how to link your social accounts.", &d));
	assert_false(statement(a, "Your order #10024 has been shipped to your address.", &d));
	assert_false(statement(a, "We were founded in 1909 by two brothers in a small town.", &d));
	/* Too few words around the value. */
	assert_false(statement(a, "Fee: 5 USD", &d));
	assert_false(statement(a, "Giao trong 24h", &d));
	/* A number inside a word is no value ("3D", "A123"), nor "h" of a word. */
	assert_false(statement(a, "The 3D viewer shows model A123 in every browser window.", &d));
	assert_false(statement(a, "Bài viết số 4881 hướng dẫn cách liên kết tài khoản.", &d));
	kb_arena_free(a);
}

/* Through the extractor and the comparator: drift between two answers is a
 * finding; a list of cases in one answer is not; values the rules claim
 * are the rules' to compare. */
static void test_findings(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_rules *r = kb_rules_new(a);
	assert_true(kb_rules_load(r, d, KB_SOURCE_ROOT "/rules"));
	kb_extractor *x = kb_extractor_new(r, a, d);
	kb_vec claims = {0}, findings = {0};
	kb_extract_text(x, "en", NULL, "Trucks carry from 0.5 tons up to 10 tons per trip in every city.", &claims);
	kb_extract_text(x, "en", NULL, "Trucks carry from 0.5 tons up to 50 tons per trip in every city.", &claims);
	kb_extract_text(x, "en", NULL, "Trucks carry from 0.5 tons up to 10 tons per trip in every city.", &claims);
	kb_compare(a, &claims, NULL, &findings);
	assert_int_equal(findings.len, 1);
	const kb_finding *f = findings.items[0];
	assert_string_equal(f->topic, KB_DRIFT_TOPIC);
	assert_false(f->weak);
	assert_int_equal(f->severity, KB_SEV_WARNING);
	assert_string_equal(f->sides[0].claim->quote, "0.5 tons up to 50 tons");
	assert_string_equal(f->sides[0].suggestion, "0.5 tons up to 10 tons");

	/* Tiers in one answer: no finding. */
	kb_vec one = {0}, none = {0};
	kb_extract_text(x, "en", NULL,
			"Requests sent between May 2 and May 9 incur a 25% fee on the ticket.\n"
			"Requests sent between May 10 and May 21 incur a 50% fee on the ticket.",
			&one);
	kb_compare(a, &one, NULL, &none);
	assert_int_equal(none.len, 0);

	/* Values a rule claims are not drift statements. */
	kb_vec ruled = {0};
	kb_extract_text(x, "en", NULL, "You can cancel your order within 24 hours of placing it online.",
			&ruled);
	for (size_t i = 0; i < ruled.len; i++)
		assert_string_not_equal(((const kb_claim *)ruled.items[i])->topic, KB_DRIFT_TOPIC);
	kb_extractor_free(x);
	kb_rules_free(r);
	kb_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shapes_and_values),
	    cmocka_unit_test(test_not_statements),
	    cmocka_unit_test(test_findings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
