/* Unit tests: rule-pack loading errors, extraction, the comparator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/locale.h"
#include "base/thai.h"
#include "compare/compare.h"
#include "rules/extract.h"
#include "rules/pack.h"

static const char *diag_text(kb_diags *d, size_t i)
{
	const kb_diag_entry *e = kb_diags_get(d, i);
	return e->message;
}

static void test_bad_pack_names_file_line_and_regex(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_rules *r = kb_rules_new(a);
	assert_false(kb_rules_load(r, d, KB_TEST_DATA "/data/rules/bad.yml"));
	assert_int_equal(kb_diags_count(d), 2);
	const kb_diag_entry *e0 = kb_diags_get(d, 0);
	assert_int_equal(e0->line, 11);
	assert_int_equal(e0->column, 21); /* the quoted pattern */
	assert_non_null(strstr(e0->message, "invalid regex in topic demo.topic, attribute broken"));
	assert_non_null(strstr(e0->message, "(unclosed"));
	const kb_diag_entry *e1 = kb_diags_get(d, 1);
	assert_int_equal(e1->line, 13);
	assert_int_equal(e1->column, 15);
	assert_non_null(strstr(e1->message, "unknown attribute type 'colour'"));
	/* The rest of the pack is still there. */
	const kb_topic *t = kb_rules_find(r, "demo.topic");
	assert_non_null(t);
	assert_non_null(kb_topic_attr(t, "ok"));
	kb_vec claims = {0};
	kb_extractor *x = kb_extractor_new(r, a, d);
	kb_extract_text(x, "en", "Is the demo on?", "Right now the demo is off.", &claims);
	assert_int_equal(claims.len, 1);
	const kb_claim *c = claims.items[0];
	assert_string_equal(c->attribute, "ok");
	assert_false(c->value.flag);
	assert_string_equal(c->quote, "demo is off");
	kb_extractor_free(x);
	kb_rules_free(r);
	kb_arena_free(a);
	(void)diag_text;
}

static void test_catastrophic_regex_is_reported_not_hung(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_rules *r = kb_rules_new(a);
	assert_true(kb_rules_load(r, d, KB_TEST_DATA "/data/rules/slow.yml"));
	kb_extractor *x = kb_extractor_new(r, a, d);
	kb_vec claims = {0};
	char text[200];
	memset(text, 'a', 100);
	strcpy(text + 100, "b");
	kb_extract_text(x, "en", NULL, text, &claims);
	assert_int_equal(kb_diags_count(d), 1);
	const kb_diag_entry *e = kb_diags_get(d, 0);
	assert_non_null(strstr(e->path, "slow.yml"));
	assert_int_equal(e->line, 6);
	assert_non_null(strstr(e->message, "match limit"));
	assert_non_null(strstr(e->message, "(a+)+$"));
	kb_extractor_free(x);
	kb_rules_free(r);
	kb_arena_free(a);
}

/* Comparator on claims made by hand. */
static kb_claim *claim(kb_arena *a, kb_source *src, const char *quote, double max,
		       int line)
{
	kb_unit *u = KB_NEW(a, kb_unit);
	u->source = src;
	u->id = kb_sprintf(a, "u%d", line);
	u->locale = "en";
	u->text = quote;
	u->text_len = strlen(quote);
	kb_claim *c = KB_NEW(a, kb_claim);
	c->topic = "order.cancel";
	c->attribute = "window";
	c->unit = u;
	c->quote = quote;
	c->value.kind = KB_V_DURATION;
	c->value.bound = KB_BOUND_AT_MOST;
	c->value.min = 0;
	c->value.max = max;
	c->loc.line = line;
	c->loc.start = (size_t)line * 10;
	return c;
}

static void test_majority_and_grouping(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source s1 = {.path = "a.md"}, s2 = {.path = "b.md"}, s3 = {.path = "c.md"};
	kb_vec claims = {0};
	kb_vec_push(a, &claims, claim(a, &s1, "within 24 hours", 86400, 3));
	kb_vec_push(a, &claims, claim(a, &s2, "within one day", 86400, 5));
	kb_vec_push(a, &claims, claim(a, &s3, "within 12 hours", 43200, 7));
	kb_vec_push(a, &claims, claim(a, &s3, "within 48 hours", 172800, 9));
	kb_vec findings = {0};
	kb_compare(a, &claims, NULL, &findings);
	/* Two wrong statements: two findings, each against the majority. */
	assert_int_equal(findings.len, 2);
	const kb_finding *f = findings.items[0];
	assert_int_equal(f->severity, KB_SEV_WARNING);
	assert_int_equal(f->nsides, 3);
	assert_true(f->sides[0].deviates);
	assert_string_equal(f->sides[0].claim->quote, "within 12 hours");
	assert_false(f->sides[1].deviates);
	assert_int_equal(f->majority_count, 2);
	assert_int_equal(f->sources, 4);
	assert_non_null(strstr(f->message, "2 of 4 sources"));
	assert_string_equal(f->sides[0].suggestion, "within 24 hours");

	/* The fingerprint ignores line numbers and whitespace in the quote. */
	const char *fp = f->fingerprint;
	kb_vec moved = {0};
	kb_vec_push(a, &moved, claim(a, &s1, "within 24 hours", 86400, 30));
	kb_vec_push(a, &moved, claim(a, &s2, "within one day", 86400, 50));
	kb_vec_push(a, &moved, claim(a, &s3, "within\n  12 hours", 43200, 70));
	kb_vec_push(a, &moved, claim(a, &s3, "within 48 hours", 172800, 90));
	kb_vec f2 = {0};
	kb_compare(a, &moved, NULL, &f2);
	assert_int_equal(f2.len, 2);
	assert_string_equal(((kb_finding *)f2.items[0])->fingerprint, fp);
	kb_arena_free(a);
}

/* Recipe 1 (compare.h): the same finding, fingerprinted with paths
 * relative to the folder given and without open labels, is what a
 * baseline or acknowledgement made before the upgrade holds. */
static void test_previous_fingerprint_recipe(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	/* Recipe 2 paths of a KB in kb/ of a repository without kbcheck.yml. */
	kb_source r1 = {.path = "kb/a.md", .relpath = "kb/a.md"},
		  r2 = {.path = "kb/b.md", .relpath = "kb/b.md"},
		  r3 = {.path = "kb/c.md", .relpath = "kb/c.md"};
	kb_source o1 = {.path = "a.md", .relpath = "a.md"}, o2 = {.path = "b.md", .relpath = "b.md"},
		  o3 = {.path = "c.md", .relpath = "c.md"};
	kb_source *now[] = {&r1, &r2, &r3}, *before[] = {&o1, &o2, &o3};
	const char *old = NULL;
	for (int labelled = 0; labelled < 2; labelled++)
		for (int recipe = 1; recipe <= 2; recipe++) {
			kb_source **src = recipe == 2 ? now : before;
			kb_vec claims = {0}, findings = {0};
			double max[] = {86400, 86400, 172800};
			for (int i = 0; i < 3; i++) {
				kb_claim *c = claim(a, src[i], i < 2 ? "within 24 hours" : "within 48 hours",
						    max[i], 3 + i);
				if (labelled && recipe == 2)
					c->scope = kb_scope_with(a, &c->scope, "label", "gift cards");
				kb_vec_push(a, &claims, c);
			}
			kb_compare(a, &claims, NULL, &findings);
			assert_int_equal(findings.len, 1);
			kb_fingerprints_previous(a, &findings, recipe == 2 ? "kb" : ".");
			const kb_finding *f = findings.items[0];
			if (recipe == 1) {
				/* Run at its own root, a finding has one fingerprint. */
				assert_ptr_equal(f->fingerprint_prev, f->fingerprint);
				old = f->fingerprint;
				continue;
			}
			assert_string_not_equal(f->fingerprint, old);
			assert_string_equal(f->fingerprint_prev, old);
		}
	kb_arena_free(a);
}

/* The one finding the claims make (there must be exactly one). */
static const kb_finding *only_finding(kb_arena *a, const kb_vec *claims)
{
	kb_vec findings = {0};
	kb_compare(a, claims, NULL, &findings);
	assert_int_equal(findings.len, 1);
	return findings.items[0];
}

static void test_suggestion_keeps_english_plurals(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source s1 = {.path = "a.md"}, s2 = {.path = "b.md"}, s3 = {.path = "c.md"};
	kb_vec claims = {0};
	kb_vec_push(a, &claims, claim(a, &s1, "within 1 day", 86400, 3));
	kb_vec_push(a, &claims, claim(a, &s2, "within 1 day", 86400, 5));
	kb_vec_push(a, &claims, claim(a, &s3, "within 3 days", 3 * 86400.0, 7));
	assert_string_equal(only_finding(a, &claims)->sides[0].suggestion, "within 1 day");
	kb_vec more = {0};
	kb_vec_push(a, &more, claim(a, &s1, "within 2 hours", 7200, 3));
	kb_vec_push(a, &more, claim(a, &s2, "within 2 hours", 7200, 5));
	kb_vec_push(a, &more, claim(a, &s3, "within 1 hour of ordering", 3600, 7));
	assert_string_equal(only_finding(a, &more)->sides[0].suggestion,
			    "within 2 hours of ordering");
	kb_arena_free(a);
}

static void test_one_statement_reached_twice_counts_once(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source s1 = {.path = "bot.aiml"}, s2 = {.path = "faq.md"};
	kb_vec claims = {0};
	/* Two units quote the same span (an srai target and its redirect). */
	kb_vec_push(a, &claims, claim(a, &s1, "within 24 hours", 86400, 3));
	kb_vec_push(a, &claims, claim(a, &s1, "within 24 hours", 86400, 3));
	kb_vec_push(a, &claims, claim(a, &s2, "within 12 hours", 43200, 7));
	const kb_finding *f = only_finding(a, &claims);
	assert_null(f->majority); /* one against one, not two against one */
	assert_int_equal(f->nsides, 2);
	kb_arena_free(a);
}

/* Sources count units, not claims: one answer that says a thing twice is
 * one source, wherever its claims sit among the others'. */
static void test_units_are_counted_once(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source s1 = {.path = "a.md"}, s2 = {.path = "b.md"};
	kb_claim *twice = claim(a, &s1, "within 24 hours", 86400, 3);
	kb_claim *again = claim(a, &s1, "within a day", 86400, 4);
	again->unit = twice->unit;
	kb_vec claims = {0};
	kb_vec_push(a, &claims, twice);
	kb_vec_push(a, &claims, claim(a, &s2, "within 12 hours", 43200, 5));
	kb_vec_push(a, &claims, again);
	kb_vec_push(a, &claims, claim(a, &s1, "within 12 hours", 43200, 8));
	const kb_finding *f = only_finding(a, &claims);
	assert_non_null(f->majority);
	assert_int_equal(f->majority_count, 2);
	assert_int_equal(f->sources, 3);
	assert_non_null(strstr(f->message, "2 of 3 sources"));
	assert_string_equal(f->sides[0].claim->quote, "within 24 hours");
	assert_string_equal(f->sides[1].claim->quote, "within a day");
	kb_arena_free(a);
}

/* The same sentence twice in one source (a repeated paragraph) is one
 * statement: one against one, not two against one; in two sources it is
 * two. */
static void test_repeated_sentence_counts_once(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source s1 = {.path = "a.md"}, s2 = {.path = "b.md"}, s3 = {.path = "c.md"};
	kb_claim *c1 = claim(a, &s1, "within 24 hours", 86400, 3);
	kb_claim *c2 = claim(a, &s1, "within 24 hours", 86400, 30);
	kb_claim *c3 = claim(a, &s2, "within 12 hours", 43200, 5);
	c1->sentence = c2->sentence = "Cancel within 24 hours.";
	c3->sentence = "Cancel within 12 hours.";
	kb_vec claims = {0};
	kb_vec_push(a, &claims, c1);
	kb_vec_push(a, &claims, c3);
	kb_vec_push(a, &claims, c2);
	const kb_finding *f = only_finding(a, &claims);
	assert_null(f->majority);
	assert_int_equal(f->sources, 2);
	assert_non_null(strstr(f->message, "at most 12 hours (1), at most 1 day (1)"));
	/* Said again in a third file, it is a majority of two. */
	kb_claim *c4 = claim(a, &s3, "within 24 hours", 86400, 7);
	c4->sentence = "Cancel within 24 hours.";
	kb_vec_push(a, &claims, c4);
	f = only_finding(a, &claims);
	assert_int_equal(f->majority_count, 2);
	assert_int_equal(f->sources, 3);
	assert_string_equal(f->sides[0].claim->quote, "within 12 hours");
	kb_arena_free(a);
}

static void test_agreeing_values_and_ties(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source s1 = {.path = "a.md"}, s2 = {.path = "b.md"};
	kb_vec claims = {0};
	kb_vec_push(a, &claims, claim(a, &s1, "within 24 hours", 86400, 3));
	kb_vec_push(a, &claims, claim(a, &s2, "within one day", 86400, 5));
	kb_vec findings = {0};
	kb_compare(a, &claims, NULL, &findings);
	assert_int_equal(findings.len, 0);
	/* One against one: a single finding that lists both, no majority. */
	kb_vec_push(a, &claims, claim(a, &s2, "within 2 days", 172800, 8));
	kb_vec_push(a, &claims, claim(a, &s1, "within 48 hours", 172800, 9));
	const kb_finding *f = only_finding(a, &claims);
	assert_null(f->majority);
	assert_int_equal(f->nsides, 4);
	kb_arena_free(a);
}

/* A value inside another's range is a possible conflict (a note) across
 * files; one page that states a range and a case inside it describes its
 * cases. */
static void test_range_and_its_case_on_one_page(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source s1 = {.path = "a.md"}, s2 = {.path = "b.md"};
	kb_vec claims = {0};
	kb_claim *range = claim(a, &s1, "within 1-2 days", 172800, 3);
	range->value.bound = KB_BOUND_RANGE;
	range->value.min = 86400;
	kb_claim *point = claim(a, &s1, "2 days", 172800, 9);
	point->value.bound = KB_BOUND_EXACT;
	point->value.min = 172800;
	kb_vec_push(a, &claims, range);
	kb_vec_push(a, &claims, point);
	kb_vec findings = {0};
	kb_compare(a, &claims, NULL, &findings);
	assert_int_equal(findings.len, 0);
	kb_vec other = {0};
	kb_claim *there = claim(a, &s2, "2 days", 172800, 9);
	there->value = point->value;
	kb_vec_push(a, &other, range);
	kb_vec_push(a, &other, there);
	const kb_finding *f = only_finding(a, &other);
	assert_int_equal(f->severity, KB_SEV_NOTE);
	kb_arena_free(a);
}

/* "Within 2 days" on one page and "1-2 days" on another make one promise:
 * no finding at all. */
static void test_at_most_and_its_range_agree(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source s1 = {.path = "a.md"}, s2 = {.path = "b.md"};
	kb_claim *range = claim(a, &s1, "1-2 days", 172800, 3);
	range->value.bound = KB_BOUND_RANGE;
	range->value.min = 86400;
	kb_claim *most = claim(a, &s2, "within 2 days", 172800, 9);
	most->value.min = NAN;
	kb_vec claims = {0}, findings = {0};
	kb_vec_push(a, &claims, range);
	kb_vec_push(a, &claims, most);
	kb_compare(a, &claims, NULL, &findings);
	assert_int_equal(findings.len, 0);
	kb_arena_free(a);
}

/* Three values that could all be true (a range, a value inside it, a lower
 * bound both keep) are a possible conflict, and on one page none. */
static void test_compatible_tie_is_a_note(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source s1 = {.path = "a.md"}, s2 = {.path = "b.md"};
	kb_claim *range = claim(a, &s1, "12-24 months", 24 * 30 * 86400.0, 3);
	range->value.bound = KB_BOUND_RANGE;
	range->value.min = 12 * 30 * 86400.0;
	kb_claim *point = claim(a, &s1, "24 months", 24 * 30 * 86400.0, 9);
	point->value.bound = KB_BOUND_EXACT;
	point->value.min = point->value.max;
	kb_claim *least = claim(a, &s1, "at least 12 months", NAN, 15);
	least->value.bound = KB_BOUND_AT_LEAST;
	least->value.min = 12 * 30 * 86400.0;
	kb_vec claims = {0}, findings = {0};
	kb_vec_push(a, &claims, range);
	kb_vec_push(a, &claims, point);
	kb_vec_push(a, &claims, least);
	kb_compare(a, &claims, NULL, &findings);
	assert_int_equal(findings.len, 0);
	kb_claim *there = claim(a, &s2, "at least 12 months", NAN, 15);
	there->value = least->value;
	kb_vec other = {0};
	kb_vec_push(a, &other, range);
	kb_vec_push(a, &other, point);
	kb_vec_push(a, &other, there);
	const kb_finding *f = only_finding(a, &other);
	assert_int_equal(f->severity, KB_SEV_NOTE);
	kb_arena_free(a);
}

static void test_scoped_claims_do_not_conflict(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source s1 = {.path = "a.md"}, s2 = {.path = "b.md"};
	kb_claim *c1 = claim(a, &s1, "12 months", 12 * 30 * 86400.0, 3);
	kb_claim *c2 = claim(a, &s2, "6 months", 6 * 30 * 86400.0, 5);
	c1->scope = kb_scope_with(a, &c1->scope, "product", "phones");
	c2->scope = kb_scope_with(a, &c2->scope, "product", "accessories");
	kb_vec claims = {0}, findings = {0};
	kb_vec_push(a, &claims, c1);
	kb_vec_push(a, &claims, c2);
	kb_compare(a, &claims, NULL, &findings);
	assert_int_equal(findings.len, 0);
	/* An unscoped claim against them is only a possible conflict. */
	kb_vec_push(a, &claims, claim(a, &s2, "3 months", 3 * 30 * 86400.0, 9));
	kb_compare(a, &claims, NULL, &findings);
	assert_true(findings.len >= 1);
	/* ... and weak: a general statement against an exception is no
	 * contradiction a check shows (only --show-weak does). */
	for (size_t i = 0; i < findings.len; i++) {
		assert_int_equal(((kb_finding *)findings.items[i])->severity, KB_SEV_NOTE);
		assert_true(((kb_finding *)findings.items[i])->weak);
	}
	kb_arena_free(a);
}

/* A finding needs two confident sides: a weak claim may not be the only
 * deviating side, nor the only other value. */
static void test_weak_claims_make_weak_findings(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source s1 = {.path = "a.md"}, s2 = {.path = "b.md"}, s3 = {.path = "c.md"};
	kb_vec claims = {0}, findings = {0};
	kb_claim *w = claim(a, &s3, "within 12 hours", 43200, 7);
	w->how = KB_HOW_WEAK;
	kb_vec_push(a, &claims, claim(a, &s1, "within 24 hours", 86400, 3));
	kb_vec_push(a, &claims, claim(a, &s2, "within one day", 86400, 5));
	kb_vec_push(a, &claims, w);
	const kb_finding *f = only_finding(a, &claims);
	assert_true(f->weak);
	/* Confident on both sides: shown. */
	w->how = KB_HOW_CONTEXT;
	f = only_finding(a, &claims);
	assert_false(f->weak);
	/* The other side only weak: weak. */
	kb_vec two = {0};
	kb_claim *x1 = claim(a, &s1, "within 24 hours", 86400, 3);
	kb_claim *x2 = claim(a, &s2, "within 2 days", 172800, 5);
	x1->how = KB_HOW_WEAK;
	kb_vec_push(a, &two, x1);
	kb_vec_push(a, &two, x2);
	kb_compare(a, &two, NULL, &findings);
	assert_int_equal(findings.len, 1);
	assert_true(((kb_finding *)findings.items[0])->weak);
	kb_arena_free(a);
}

/* ---- clauses, bounds, statement cues, time ranges ---- */

typedef struct {
	kb_arena *a;
	kb_diags *d;
	kb_rules *r;
	kb_extractor *x;
} pack_fixture;

/* The extractor of the pack at path (valid: it loads without error). */
static void pack_from(pack_fixture *f, const char *path, bool valid)
{
	f->a = kb_arena_new();
	f->d = kb_diags_new(f->a);
	f->r = kb_rules_new(f->a);
	assert_int_equal(kb_rules_load(f->r, f->d, path), valid);
	f->x = kb_extractor_new(f->r, f->a, f->d);
}

static void pack_open(pack_fixture *f)
{
	/* The pack has one deliberate error ('bound: sideways'). */
	pack_from(f, KB_TEST_DATA "/data/rules/clauses.yml", false);
}

static void pack_close(pack_fixture *f)
{
	kb_extractor_free(f->x);
	kb_rules_free(f->r);
	kb_arena_free(f->a);
}

/* The claims of one sentence, for one topic. */
static size_t claims_of(pack_fixture *f, const char *locale, const char *text,
			const char *topic, const kb_claim **out, size_t max)
{
	kb_vec all = {0};
	kb_extract_text(f->x, locale, NULL, text, &all);
	size_t n = 0;
	for (size_t i = 0; i < all.len; i++) {
		const kb_claim *c = all.items[i];
		if (!strcmp(c->topic, topic) && n < max)
			out[n++] = c;
	}
	return n;
}

static const char *product(const kb_claim *c)
{
	return kb_scope_get(&c->scope, "product");
}

static void test_clauses_give_each_value_its_scope(void **state)
{
	(void)state;
	pack_fixture f;
	pack_open(&f);
	static const struct {
		const char *locale, *text;
	} cases[] = {
	    {"en", "Phones have a 12-month warranty, accessories 6 months."},
	    {"en", "The warranty is 12 months for phones and 6 months for accessories."},
	    {"vi", "Điện thoại được bảo hành 12 tháng, còn phụ kiện 6 tháng."},
	    {"th", "โทรศัพท์รับประกัน 12 เดือน ส่วนอุปกรณ์เสริมรับประกัน 6 เดือน"},
	    /* Thai: a space before a Thai word ends a phrase */
	    {"th", "โทรศัพท์รับประกัน 12 เดือน อุปกรณ์เสริม 6 เดือน"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const kb_claim *c[4];
		size_t n = claims_of(&f, cases[i].locale, cases[i].text, "demo.warranty", c, 4);
		assert_int_equal(n, 2);
		assert_string_equal(product(c[0]), "phones");
		assert_true(c[0]->value.max == 12 * 30 * 86400.0);
		assert_string_equal(product(c[1]), "accessories");
		assert_true(c[1]->value.max == 6 * 30 * 86400.0);
	}
	pack_close(&f);
}

/* A clause that states the attribute again, with a cue of its own, after
 * its value: each other value is a claim (an answer contradicting itself
 * is seen); the same value again is not. */
static void test_a_clause_restated_gives_each_value(void **state)
{
	(void)state;
	pack_fixture f;
	pack_open(&f);
	const kb_claim *c[4];
	size_t n = claims_of(&f, "en", "The warranty lasts 12 months and the warranty ends after 6 months.",
			     "demo.warranty", c, 4);
	assert_int_equal(n, 2);
	assert_true(c[0]->value.max == 12 * 30 * 86400.0);
	assert_true(c[1]->value.max == 6 * 30 * 86400.0);
	n = claims_of(&f, "en", "The warranty lasts 12 months and the warranty ends after 12 months.",
		      "demo.warranty", c, 4);
	assert_int_equal(n, 1);
	pack_close(&f);
}

/* List items a line each, with values of their own, are cases named by
 * their first word; items that start alike and differ still conflict. */
static void test_list_items_are_cases(void **state)
{
	(void)state;
	pack_fixture f;
	pack_open(&f);
	const kb_claim *c[4];
	size_t n = claims_of(&f, "en",
			     "Our films:\n- Madam Film has a 12 months warranty.\n"
			     "- Dora Shield has a 6 months warranty.",
			     "demo.warranty", c, 4);
	assert_int_equal(n, 2);
	/* The lead-in's label comes first. */
	assert_string_equal(kb_scope_get(&c[0]->scope, "label"), "our films > madam");
	assert_string_equal(kb_scope_get(&c[1]->scope, "label"), "our films > dora");
	assert_string_not_equal(c[0]->skey, c[1]->skey);
	n = claims_of(&f, "en",
		      "1. Madam Film has a 12 months warranty.\n2. Madam Film has a 6 months warranty.",
		      "demo.warranty", c, 4);
	assert_int_equal(n, 2);
	assert_null(kb_scope_get(&c[0]->scope, "label"));
	assert_string_equal(c[0]->skey, c[1]->skey);
	/* Lines that are no list items name no case. */
	n = claims_of(&f, "en", "Madam Film has a 12 months warranty.\nDora Shield has a 6 months warranty.",
		      "demo.warranty", c, 4);
	assert_int_equal(n, 2);
	assert_null(kb_scope_get(&c[0]->scope, "label"));
	pack_close(&f);
}

/* Sibling list items that give one choice attribute different values
 * are its options, each weak; the same values in plain sentences, or in
 * an item and a sentence, still contradict each other. */
static void test_list_items_are_options(void **state)
{
	(void)state;
	pack_fixture f;
	pack_open(&f);
	const kb_claim *c[4];
	size_t n = claims_of(&f, "en",
			     "We refund in one of these ways:\n- a refund to your card\n"
			     "- a refund as store credit",
			     "demo.refund", c, 4);
	assert_int_equal(n, 2);
	assert_string_equal(c[0]->value.label, "card");
	assert_string_equal(c[1]->value.label, "credit");
	assert_int_equal(c[0]->how, KB_HOW_WEAK);
	assert_int_equal(c[1]->how, KB_HOW_WEAK);
	n = claims_of(&f, "en", "We refund to your card. The refund is store credit.", "demo.refund",
		      c, 4);
	assert_int_equal(n, 2);
	assert_int_equal(c[0]->how, KB_HOW_CLAUSE);
	assert_int_equal(c[1]->how, KB_HOW_CLAUSE);
	n = claims_of(&f, "en", "We refund to your card.\n- a refund as store credit", "demo.refund",
		      c, 4);
	assert_int_equal(n, 2);
	assert_int_not_equal(c[0]->how, KB_HOW_WEAK);
	assert_int_not_equal(c[1]->how, KB_HOW_WEAK);
	/* Items that agree are no options. */
	n = claims_of(&f, "en", "- a refund to your card\n- a refund to the card you paid with",
		      "demo.refund", c, 4);
	assert_int_equal(n, 2);
	assert_int_not_equal(c[0]->how, KB_HOW_WEAK);
	pack_close(&f);
}

static void test_clauses_only_when_scopes_differ(void **state)
{
	(void)state;
	pack_fixture f;
	pack_open(&f);
	const kb_claim *c[4];
	/* One qualifier value: the sentence stays whole ("6 and 12" is a range). */
	size_t n = claims_of(&f, "en", "Phones have a warranty of between 6 and 12 months, including the battery.",
			     "demo.warranty", c, 4);
	assert_int_equal(n, 1);
	assert_int_equal(c[0]->value.bound, KB_BOUND_RANGE);
	assert_string_equal(product(c[0]), "phones");
	/* A part naming no qualifier joins the part before it. */
	n = claims_of(&f, "en", "Phones: 12 months of warranty, battery included, accessories: 6 months.",
		      "demo.warranty", c, 4);
	assert_int_equal(n, 2);
	assert_string_equal(product(c[1]), "accessories");
	/* Clauses before the first cue give nothing. */
	n = claims_of(&f, "en", "Phones ship in 2 days, and accessories have a 6-month warranty.",
		      "demo.warranty", c, 4);
	assert_int_equal(n, 1);
	assert_string_equal(product(c[0]), "accessories");
	pack_close(&f);
}

static void test_bound_makes_a_bare_amount_a_minimum(void **state)
{
	(void)state;
	pack_fixture f;
	pack_open(&f);
	/* The pack's error names the attribute and the allowed bounds. */
	assert_int_equal(kb_diags_count(f.d), 1);
	assert_non_null(strstr(kb_diags_get(f.d, 0)->message, "'bound' must be at_least or at_most"));
	const kb_topic *t = kb_rules_find(f.r, "demo.threshold");
	assert_int_equal(kb_topic_attr(t, "threshold")->bound, KB_BOUND_AT_LEAST);
	const kb_claim *c[2];
	assert_int_equal(claims_of(&f, "en", "Free shipping on orders of $50.", "demo.threshold", c, 2), 1);
	assert_int_equal(c[0]->value.bound, KB_BOUND_AT_LEAST);
	assert_true(c[0]->value.min == 50);
	assert_true(isnan(c[0]->value.max));
	/* The named value group keeps "free" (an amount of 0) out. */
	assert_int_equal(claims_of(&f, "en", "Free shipping for everyone!", "demo.threshold", c, 2), 0);
	pack_close(&f);
}

static void test_statement_cue_and_sentences(void **state)
{
	(void)state;
	pack_fixture f;
	pack_open(&f);
	const kb_claim *c[2];
	/* The unit is about refunds, but only a refund sentence states the method. */
	assert_int_equal(claims_of(&f, "en", "We accept cards. Ask us about a refund.", "demo.refund", c, 2), 0);
	assert_int_equal(claims_of(&f, "en", "Refunds go back to your card.", "demo.refund", c, 2), 1);
	assert_string_equal(c[0]->value.label, "card");
	/* "a.m." and "p.m." do not end the sentence; a time range keeps only
	 * its hours, so "24/7" is 00:00-24:00 like "around the clock". */
	assert_int_equal(claims_of(&f, "en", "Support is open from 9 a.m. to 6 p.m. on weekdays.",
				   "demo.hours", c, 2), 1);
	assert_true(c[0]->value.min == 540 && c[0]->value.max == 1080);
	assert_int_equal(claims_of(&f, "en", "Support is available 24/7.", "demo.hours", c, 2), 1);
	assert_true(c[0]->value.min == 0 && c[0]->value.max == 1440);
	assert_int_equal(c[0]->value.days, 0);
	/* A word with a digit before '.' is not an abbreviation: two sentences. */
	assert_int_equal(claims_of(&f, "vi", "support 8:00-12:00 giá 20.000đ. support 13:00-17:00.",
				   "demo.hours", c, 2), 2);
	/* Thai "น." (o'clock) is an abbreviation too. */
	assert_int_equal(claims_of(&f, "th", "8:00–22:00 น. คือเวลา support", "demo.hours", c, 2), 1);
	pack_close(&f);
}

/* A value right before its cue is the cue's ("a $5 fee"), unless a bare
 * number follows the cue: its own amount, written without its unit. */
static void test_bare_number_after_cue_keeps_the_value_before(void **state)
{
	(void)state;
	pack_fixture f;
	pack_open(&f);
	const kb_claim *c[2];
	assert_int_equal(claims_of(&f, "en", "A $5 fee applies.", "demo.fee", c, 2), 1);
	assert_true(c[0]->value.max == 5);
	assert_int_equal(claims_of(&f, "th", "1 ตัว 180.- ค่าส่ง 30", "demo.fee", c, 2), 0);
	assert_int_equal(claims_of(&f, "en", "Price $180, fee: 30.", "demo.fee", c, 2), 0);
	assert_int_equal(claims_of(&f, "th", "1 ตัว 180.- ค่าส่ง 30 บาท", "demo.fee", c, 2), 1);
	assert_true(c[0]->value.max == 30);
	pack_close(&f);
}

static void test_expectations_take_lists_and_scopes(void **state)
{
	(void)state;
	pack_fixture f;
	pack_open(&f);
	const kb_topic *t = kb_rules_find(f.r, "demo.warranty");
	assert_int_equal(t->ntests, 1);
	const kb_rule_test *rt = &t->tests[0];
	assert_int_equal(rt->nexpect, 2);
	assert_string_equal(rt->attrs[0], "period");
	assert_string_equal(rt->expects[0], "12 months [product=phones]");
	assert_string_equal(rt->attrs[1], "period");
	assert_string_equal(rt->expects[1], "6 months [product=accessories]");
	pack_close(&f);
}

/* ---- unclaimed values (coverage) ---- */

/* A unit of one source, as a parser makes it (text mapped 1:1). */
/* How many of claims are on topic. */
static size_t claims_on(const kb_vec *claims, const char *topic)
{
	size_t n = 0;
	for (size_t k = 0; k < claims->len; k++)
		n += !strcmp(((const kb_claim *)claims->items[k])->topic, topic);
	return n;
}

static kb_unit *text_unit(kb_arena *a, const char *question, const char *text)
{
	kb_source *src = KB_NEW(a, kb_source);
	src->path = "faq.md";
	src->format = "markdown";
	src->channel = KB_CHANNEL_FAQ;
	src->data = text;
	src->len = strlen(text);
	kb_source_index_lines(a, src);
	kb_unit *u = KB_NEW(a, kb_unit);
	u->source = src;
	u->id = "u";
	u->question = question;
	u->text = text;
	u->text_len = src->len;
	kb_textseg *seg = KB_NEW(a, kb_textseg);
	*seg = (kb_textseg){0, (uint32_t)src->len, 0, (uint32_t)src->len, true};
	u->segs = seg;
	u->nsegs = 1;
	u->locale = "en";
	u->active = true;
	u->loc = kb_loc_of(src, 0, src->len);
	return u;
}

/* Whether a Thai cue matches whole words is decided from the words of
 * the text being read, also when another text was read before at the same
 * address (a buffer used again): "ใน" (in) is a word of "ของในกี่วัน" but
 * not of "ภายในกี่วัน" ("ภายใน", within), whatever was read before. */
static void test_thai_words_of_the_text_read(void **state)
{
	(void)state;
	if (!kb_thai_available())
		skip();
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_rules *r = kb_rules_new(a);
	assert_true(kb_rules_load(r, d, KB_TEST_DATA "/data/rules/thai-question.yml"));
	kb_extractor *x = kb_extractor_new(r, a, d);
	static const struct {
		const char *text;
		size_t claims;
	} cases[] = {
	    {"ของในกี่วัน 50 บาท", 1}, {"ภายในกี่วัน 50 บาท", 0},
	    {"ของในกี่วัน 50 บาท", 1}, {"ภายในกี่วัน 50 บาท", 0},
	};
	char q[64], t[64]; /* one buffer each: every unit's at the same address */
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		strcpy(q, cases[i].text);
		strcpy(t, cases[i].text);
		kb_unit *u = text_unit(a, q, t);
		u->locale = "th";
		kb_vec claims = {0};
		kb_extract_unit(x, u, &claims, NULL);
		assert_int_equal(claims_on(&claims, "demo.thai"), cases[i].claims);
	}
	kb_extractor_free(x);
	kb_rules_free(r);
	kb_arena_free(a);
}

static void test_unclaimed_values(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_rules *r = kb_rules_new(a);
	assert_true(kb_rules_load(r, d, KB_TEST_DATA "/data/rules/unclaimed.yml"));
	kb_extractor *x = kb_extractor_new(r, a, d);
	static const struct {
		const char *text;
		int line, column, end_column; /* 0: nothing unclaimed */
		const char *quote;
		bool weak;
	} cases[] = {
	    /* A confident claim: nothing to say. */
	    {"You can cancel within 24 hours.", 0, 0, 0, NULL, false},
	    /* A value no cue governs, in a sentence too long for the
	     * question's cue: unclaimed, at the value. */
	    {"Thanks for asking.\nPlease write to our friendly team by email or by phone and "
	     "expect an answer in about 2 hours, usually.",
	     2, 80, 93, "about 2 hours", false},
	    /* A cue and a value across a hard boundary: a weak claim only. */
	    {"Cancel online | delivery takes 3 days.", 1, 32, 38, "3 days", true},
	    /* A value with no digit is no number a reader missed. */
	    {"Please write to our friendly team by email or by phone and expect an answer "
	     "within two weeks, usually.",
	     0, 0, 0, NULL, false},
	    /* Questions state nothing; `unless` skips its sentences. */
	    {"Did you wait 3 days? Cancel it and your refund comes back in 5 days, we "
	     "promise you that for sure and always.",
	     0, 0, 0, NULL, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		kb_vec claims = {0}, unclaimed = {0};
		kb_extract_unit(x, text_unit(a, "Can I cancel?", cases[i].text), &claims, &unclaimed);
		if (!cases[i].line) {
			assert_int_equal(unclaimed.len, 0);
			continue;
		}
		assert_int_equal(unclaimed.len, 1);
		const kb_unclaimed *n = unclaimed.items[0];
		assert_string_equal(n->topic, "demo.cancel");
		assert_string_equal(n->attribute, "window");
		assert_string_equal(n->quote, cases[i].quote);
		assert_int_equal(n->loc.line, cases[i].line);
		assert_int_equal(n->loc.column, cases[i].column);
		assert_int_equal(n->loc.end_column, cases[i].end_column);
		assert_int_equal(n->weak, cases[i].weak);
	}
	/* Not about the topic: nothing, whatever values it holds. */
	kb_vec claims = {0}, unclaimed = {0};
	kb_extract_unit(x, text_unit(a, "Where is my parcel?", "It arrives in 3 days."), &claims,
			&unclaimed);
	assert_int_equal(unclaimed.len, 0);
	kb_extractor_free(x);
	kb_rules_free(r);
	kb_arena_free(a);
}

/* Sibling arms of a template's conditional that state different values
 * are cases, scoped by their labels; arms that agree, and an arm with no
 * sibling saying anything (a page wrapped in a condition), keep their
 * scope.  Arms that hold two claims alike (an outer one) do not part
 * them. */
static void test_arms_that_disagree_are_cases(void **state)
{
	(void)state;
	pack_fixture f;
	pack_from(&f, KB_TEST_DATA "/data/rules/unclaimed.yml", true);
	const char *text = "You can cancel within 24 hours. You can cancel within 48 hours. "
			   "You can cancel within 12 hours. You can cancel within 12 hours. "
			   "You can cancel within 6 hours.";
	kb_unit *u = text_unit(f.a, "Can I cancel?", text);
	size_t at[5], n = strlen(text); /* where each sentence starts */
	for (size_t i = 0, from = 0; i < 5; i++) {
		const char *p = strstr(text + from, "You can");
		assert_non_null(p);
		at[i] = (size_t)(p - text);
		from = at[i] + 1;
	}
	/* @if ($open) [@if ($vip) 24 @else 48 @endif] [@if ($eu) 12 @else 12
	 * @endif] [@if ($cart) 6 @endif] @endif, by start, outer first. */
	const kb_branch arms[] = {
	    {0, n, 0, 0, "$open"},
	    {0, at[1], 1, 0, "$open / $vip"},
	    {at[1], at[2], 1, 1, "$open / else of $vip"},
	    {at[2], at[3], 2, 0, "$open / $eu"},
	    {at[3], at[4], 2, 1, "$open / else of $eu"},
	    {at[4], n, 3, 0, "$open / $cart"},
	};
	u->branches = arms;
	u->nbranches = sizeof arms / sizeof *arms;
	kb_vec claims = {0};
	kb_extract_unit(f.x, u, &claims, NULL);
	kb_extract_sections(f.x, &claims, 0);
	static const struct {
		const char *quote, *condition;
	} want[] = {
	    {"within 24 hours", "$open / $vip"},
	    {"within 48 hours", "$open / else of $vip"},
	    {"within 12 hours", NULL},
	    {"within 12 hours", NULL},
	    {"within 6 hours", NULL},
	};
	size_t k = 0; /* the windows ("can cancel", in each arm alike, is no case) */
	for (size_t i = 0; i < claims.len; i++) {
		const kb_claim *c = claims.items[i];
		if (strcmp(c->attribute, "window")) {
			assert_null(kb_scope_get(&c->scope, "condition"));
			continue;
		}
		assert_true(k < 5);
		assert_string_equal(c->quote, want[k].quote);
		const char *cond = kb_scope_get(&c->scope, "condition");
		if (!want[k].condition) {
			assert_null(cond);
		} else {
			assert_non_null(cond);
			assert_string_equal(cond, want[k].condition);
			/* the comparator's key too */
			assert_non_null(strstr(c->skey, want[k].condition));
		}
		k++;
	}
	assert_int_equal(k, 5);
	pack_close(&f);
}

/* The allowed= claims of a Thai answer, with the pack of thai.yml. */
static size_t thai_claims(const char *text)
{
	pack_fixture f;
	pack_from(&f, KB_TEST_DATA "/data/rules/thai.yml", true);
	kb_vec claims = {0};
	kb_extract_text(f.x, "th", NULL, text, &claims);
	size_t n = 0;
	for (size_t i = 0; i < claims.len; i++)
		n += !strcmp(((const kb_claim *)claims.items[i])->attribute, "allowed");
	pack_close(&f);
	return n;
}

/* A Thai pattern does not match inside a longer Thai word: "คืน" (return)
 * is no return in "กลางคืน" (night); next to a word's edge, a Latin letter
 * or an emoji it matches.  Without libthai's dictionary, as before. */
static void test_thai_patterns_match_whole_words(void **state)
{
	(void)state;
	assert_int_equal(thai_claims("คืนได้ค่ะ"), 1);
	assert_int_equal(thai_claims("ร้านเปิดกลางคืนค่ะ"), 0);
	assert_int_equal(thai_claims("ร้านเปิดกลางคืน คืนได้ค่ะ"), 1); /* the second one */
	assert_int_equal(thai_claims("ABCคืน\xF0\x9F\x99\x82"), 1);
	const char *dir = getenv("LIBTHAI_DICTDIR");
	char *saved = dir ? strdup(dir) : NULL;
	setenv("LIBTHAI_DICTDIR", "/nonexistent", 1);
	assert_int_equal(thai_claims("ร้านเปิดกลางคืนค่ะ"), 1);
	if (saved)
		setenv("LIBTHAI_DICTDIR", saved, 1);
	else
		unsetenv("LIBTHAI_DICTDIR");
	free(saved);
}

/* Locale keys of a pack are language tags: "vi-VN" patterns are the "vi"
 * patterns (base/locale.h), whatever the case or separator; a key that is
 * no tag is an error with its place. */
static void test_locale_keys(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_rules *r = kb_rules_new(a);
	assert_false(kb_rules_load(r, d, KB_TEST_DATA "/data/rules/locales.yml"));
	assert_int_equal(kb_diags_count(d), 1);
	const kb_diag_entry *e = kb_diags_get(d, 0);
	assert_int_equal(e->line, 21);
	assert_int_equal(e->column, 16);
	assert_non_null(strstr(e->message, "locale keys must be language tags"));
	const kb_topic *t = kb_rules_find(r, "demo.open");
	assert_non_null(t);
	assert_ptr_equal(t->attrs[0].yes_no.items[0].locale, kb_locale_of("vi"));
	assert_string_equal(t->tests[0].locale, "vi");
	assert_string_equal(t->tests[1].locale, "th");
	kb_extractor *x = kb_extractor_new(r, a, d);
	static const struct {
		const char *locale, *text;
		size_t claims;
	} cases[] = {
	    {"vi", "Chúng tôi mở cửa mỗi ngày.", 1},
	    {"vi-VN", "Chúng tôi mở cửa mỗi ngày.", 1},
	    {"th_TH.UTF-8", "ร้านเปิดทุกวัน", 1},
	    {"en_GB", "We are open every day.", 1},
	    /* A language's patterns only for its own text. */
	    {"en", "Chúng tôi mở cửa mỗi ngày.", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		kb_vec claims = {0};
		kb_extract_text(x, cases[i].locale, NULL, cases[i].text, &claims);
		assert_int_equal(claims_on(&claims, "demo.open"), cases[i].claims);
	}
	kb_extractor_free(x);
	kb_rules_free(r);
	kb_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bad_pack_names_file_line_and_regex),
	    cmocka_unit_test(test_catastrophic_regex_is_reported_not_hung),
	    cmocka_unit_test(test_majority_and_grouping),
	    cmocka_unit_test(test_previous_fingerprint_recipe),
	    cmocka_unit_test(test_suggestion_keeps_english_plurals),
	    cmocka_unit_test(test_one_statement_reached_twice_counts_once),
	    cmocka_unit_test(test_units_are_counted_once),
	    cmocka_unit_test(test_repeated_sentence_counts_once),
	    cmocka_unit_test(test_arms_that_disagree_are_cases),
	    cmocka_unit_test(test_thai_patterns_match_whole_words),
	    cmocka_unit_test(test_agreeing_values_and_ties),
	    cmocka_unit_test(test_range_and_its_case_on_one_page),
	    cmocka_unit_test(test_compatible_tie_is_a_note),
	    cmocka_unit_test(test_at_most_and_its_range_agree),
	    cmocka_unit_test(test_scoped_claims_do_not_conflict),
	    cmocka_unit_test(test_weak_claims_make_weak_findings),
	    cmocka_unit_test(test_clauses_give_each_value_its_scope),
	    cmocka_unit_test(test_clauses_only_when_scopes_differ),
	    cmocka_unit_test(test_a_clause_restated_gives_each_value),
	    cmocka_unit_test(test_list_items_are_cases),
	    cmocka_unit_test(test_list_items_are_options),
	    cmocka_unit_test(test_bound_makes_a_bare_amount_a_minimum),
	    cmocka_unit_test(test_statement_cue_and_sentences),
	    cmocka_unit_test(test_bare_number_after_cue_keeps_the_value_before),
	    cmocka_unit_test(test_expectations_take_lists_and_scopes),
	    cmocka_unit_test(test_unclaimed_values),
	    cmocka_unit_test(test_thai_words_of_the_text_read),
	    cmocka_unit_test(test_locale_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
