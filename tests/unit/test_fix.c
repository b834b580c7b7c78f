/* test_fix.c - kbcheck fix's edits (fix/fix.h): the changed words of a
 * phrase found in the source through real parsers' maps, written for
 * each format's place (escapes, quoting, entities, Markdown, CSV), the
 * refusals, overlapping edits, and the unified diff. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "fix/fix.h"
#include "parse/parser.h"

typedef struct fx {
	kb_arena *a;
	kb_source src;
	kb_vec units;
} fx;

static fx *load(void (*parse)(kb_parse_ctx *), const char *path, const char *format,
		const char *data)
{
	fx *f = calloc(1, sizeof *f);
	f->a = kb_arena_new();
	f->src.path = path;
	f->src.relpath = path;
	f->src.format = format;
	f->src.channel = KB_CHANNEL_FAQ;
	f->src.len = strlen(data);
	f->src.data = kb_strndup(f->a, data, f->src.len);
	kb_source_index_lines(f->a, &f->src);
	kb_parse_ctx ctx = {.arena = f->a, .diags = kb_diags_new(f->a), .source = &f->src,
			    .units = &f->units};
	parse(&ctx);
	assert_true(f->units.len > 0);
	return f;
}

static void done(fx *f)
{
	kb_arena_free(f->a);
	free(f);
}

/* The claim a rule would make on quote, the first unit holding it. */
static kb_claim *claim_on(fx *f, const char *quote)
{
	for (size_t i = 0; i < f->units.len; i++) {
		const kb_unit *u = f->units.items[i];
		const char *at = strstr(u->text, quote);
		if (!at)
			continue;
		kb_claim *c = KB_NEW(f->a, kb_claim);
		c->topic = "order.cancel";
		c->attribute = "window";
		c->unit = u;
		c->text_start = (size_t)(at - u->text);
		c->text_end = c->text_start + strlen(quote);
		c->quote = kb_strndup(f->a, at, strlen(quote));
		c->loc = kb_unit_text_loc(u, c->text_start, c->text_end);
		return c;
	}
	fail_msg("no unit says '%s'", quote);
	return NULL;
}

/* The source after fixing quote to suggestion; NULL with *why refused. */
static char *fixed(fx *f, const char *quote, const char *suggestion, const char **why)
{
	kb_vec edits = {0};
	*why = NULL;
	if (!kb_fix_plan(f->a, claim_on(f, quote), suggestion, &edits, why))
		return NULL;
	size_t at;
	assert_true(kb_fix_sort(&edits, &at));
	kb_buf b = KB_BUF_INIT;
	kb_fix_apply(f->src.data, f->src.len, &edits, &b);
	return kb_buf_detach(&b);
}

static void expect_fix(void (*parse)(kb_parse_ctx *), const char *path, const char *format,
		       const char *before, const char *quote, const char *suggestion,
		       const char *after)
{
	fx *f = load(parse, path, format, before);
	const char *why;
	char *got = fixed(f, quote, suggestion, &why);
	if (!got)
		fail_msg("refused: %s", why);
	assert_string_equal(got, after);
	free(got);
	done(f);
}

static void expect_refusal(void (*parse)(kb_parse_ctx *), const char *path,
			   const char *format, const char *before, const char *quote,
			   const char *suggestion, const char *reason)
{
	fx *f = load(parse, path, format, before);
	const char *why;
	char *got = fixed(f, quote, suggestion, &why);
	assert_null(got);
	assert_non_null(strstr(why, reason));
	done(f);
}

static void test_markdown(void **state)
{
	(void)state;
	/* Emphasis around the number stays around it; multi-byte text. */
	expect_fix(kb_parse_markdown, "faq.md", "markdown",
		   "## Hủy đơn?\n\nCó, hủy trong vòng **12** giờ.\n", "trong vòng 12 giờ",
		   "trong vòng 24 giờ", "## Hủy đơn?\n\nCó, hủy trong vòng **24** giờ.\n");
	/* A split by markup: each changed word where it is written. */
	expect_fix(kb_parse_markdown, "faq.md", "markdown",
		   "## Cancel?\r\n\r\nYes, within *2* days.\r\n", "within 2 days", "within 1 day",
		   "## Cancel?\r\n\r\nYes, within *1* day.\r\n");
	/* Markdown characters in the new words are backslashed. */
	expect_fix(kb_parse_markdown, "faq.md", "markdown", "## Cancel?\n\nYes, within 2 days.\n",
		   "within 2 days", "within 2 *days*", "## Cancel?\n\nYes, within 2 \\*days\\*.\n");
}

/* An amount made free keeps its sentence: the number turns to 0, its
 * currency stays ("a fee of $5 applies" -> "a fee of $0 applies", never
 * "a fee of free of charge applies"); two numbers need a person. */
static void test_amount_made_free(void **state)
{
	(void)state;
	fx *f = load(kb_parse_markdown, "faq.md", "markdown",
		     "## Fee?\n\nA cancellation fee of $5 applies. Phí hủy đơn là 50.000đ.\n"
		     "Between $5 and $9.\n");
	static const struct {
		const char *quote, *after;
	} cases[] = {{"$5", "A cancellation fee of $0 applies."}, {"50.000đ", "Phí hủy đơn là 0đ."}};
	for (size_t i = 0; i < 2; i++) {
		kb_claim *c = claim_on(f, cases[i].quote);
		c->value.kind = KB_V_MONEY;
		c->value.min = c->value.max = 5;
		kb_vec edits = {0};
		const char *why = NULL;
		assert_true(kb_fix_plan(f->a, c, "free of charge", &edits, &why));
		kb_buf b = KB_BUF_INIT;
		kb_fix_apply(f->src.data, f->src.len, &edits, &b);
		assert_non_null(strstr(kb_buf_cstr(&b), cases[i].after));
		kb_buf_free(&b);
	}
	kb_claim *c = claim_on(f, "$5 and $9");
	c->value.kind = KB_V_MONEY;
	c->value.min = 5;
	c->value.max = 9;
	kb_vec edits = {0};
	const char *why = NULL;
	assert_false(kb_fix_plan(f->a, c, "free", &edits, &why));
	assert_non_null(strstr(why, "needs a person"));
	done(f);
}

static void test_html(void **state)
{
	(void)state;
	/* An entity elsewhere in the phrase stays; new markup characters
	 * become entities. */
	expect_fix(kb_parse_html, "faq.html", "html",
		   "<h2>Cancel?</h2><p>Orders &amp; gifts: within 12 hours.</p>",
		   "within 12 hours", "within 24 hours",
		   "<h2>Cancel?</h2><p>Orders &amp; gifts: within 24 hours.</p>");
	expect_fix(kb_parse_html, "faq.html", "html", "<h2>Cancel?</h2><p>Within 12 hours.</p>",
		   "Within 12 hours", "Within 24 <hours>",
		   "<h2>Cancel?</h2><p>Within 24 &lt;hours&gt;.</p>");
	/* JSON-LD in a <script>: JSON string escapes, no markup. */
	static const char ld[] =
	    "<html><head><script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", "
	    "\"@type\": \"FAQPage\", \"mainEntity\": [{\"@type\": \"Question\", \"name\": "
	    "\"Can I cancel?\", \"acceptedAnswer\": {\"@type\": \"Answer\", \"text\": "
	    "\"<p>Cancel within 12 hours.</p>\"}}]}</script></head><body></body></html>";
	fx *f = load(kb_parse_html, "faq.html", "html", ld);
	const char *why;
	char *got = fixed(f, "within 12 hours", "within 24 \"hours\"", &why);
	assert_non_null(got);
	assert_non_null(strstr(got, "Cancel within 24 \\\"hours\\\".</p>"));
	free(got);
	assert_null(fixed(f, "within 12 hours", "within <b>24</b> hours", &why));
	assert_non_null(strstr(why, "JSON-LD"));
	done(f);
	/* A changed word written with an entity is refused. */
	expect_refusal(kb_parse_html, "faq.html", "html",
		       "<h2>Cancel?</h2><p>Within &#49;2 hours.</p>", "Within 12 hours",
		       "Within 24 hours", "escape, an entity or markup");
}

static void test_json(void **state)
{
	(void)state;
	static const char intent[] =
	    "{\"name\": \"Cancel\", \"responses\": [{\"messages\": [{\"type\": 0, \"lang\": \"en\",\n"
	    " \"speech\": \"You can \\\"cancel\\\" within 12 hours \\u2014 free.\"}]}]}\n";
	static const char fixed_intent[] =
	    "{\"name\": \"Cancel\", \"responses\": [{\"messages\": [{\"type\": 0, \"lang\": \"en\",\n"
	    " \"speech\": \"You can \\\"cancel\\\" within 24 \\\"hours\\\" \\u2014 free.\"}]}]}\n";
	expect_fix(kb_parse_dialogflow, "intents/Cancel.json", "dialogflow", intent,
		   "within 12 hours", "within 24 \"hours\"", fixed_intent);
	expect_refusal(kb_parse_dialogflow, "intents/Cancel.json", "dialogflow", intent,
		       "within 12 hours", "within <b>24</b> hours", "may hold HTML");
}

static void test_yaml(void **state)
{
	(void)state;
	static const char domain[] = "version: \"3.1\"\n"
				     "responses:\n"
				     "  utter_a:\n"
				     "    - text: \"Hủy trong vòng 12 giờ\"\n"
				     "  utter_b:\n"
				     "    - text: 'Cancel within 12 hours'\n"
				     "  utter_c:\n"
				     "    - text: Cancel within 12 hours\n"
				     "  utter_d:\n"
				     "    - text: |\n"
				     "        Cancel within 12 hours\n";
	fx *f = load(kb_parse_rasa, "domain.yml", "rasa", domain);
	kb_vec edits = {0};
	const char *why = NULL;
	/* Each style its own quoting of the same new words. */
	for (size_t i = 0; i < f->units.len; i++) {
		const kb_unit *u = f->units.items[i];
		const char *q = strstr(u->text, "within 12 hours") ? "within 12 hours"
								   : "trong vòng 12 giờ";
		kb_claim *c = KB_NEW(f->a, kb_claim);
		c->unit = u;
		c->text_start = (size_t)(strstr(u->text, q) - u->text);
		c->text_end = c->text_start + strlen(q);
		c->quote = q;
		const char *sug = strstr(q, "within") ? "within 24 'h\"" : "trong vòng 24 giờ";
		bool ok = kb_fix_plan(f->a, c, sug, &edits, &why);
		if (strstr(u->id ? u->id : "", "utter_c"))
			assert_false(ok); /* a quote in a plain scalar */
		else if (!ok)
			fail_msg("%s refused: %s", u->id, why);
	}
	size_t at;
	assert_true(kb_fix_sort(&edits, &at));
	kb_buf b = KB_BUF_INIT;
	kb_fix_apply(f->src.data, f->src.len, &edits, &b);
	assert_string_equal(b.ptr, "version: \"3.1\"\n"
				   "responses:\n"
				   "  utter_a:\n"
				   "    - text: \"Hủy trong vòng 24 giờ\"\n"
				   "  utter_b:\n"
				   "    - text: 'Cancel within 24 ''h\"'\n"
				   "  utter_c:\n"
				   "    - text: Cancel within 12 hours\n"
				   "  utter_d:\n"
				   "    - text: |\n"
				   "        Cancel within 24 'h\"\n");
	kb_buf_free(&b);
	done(f);
}

static void test_csv_aiml(void **state)
{
	(void)state;
	expect_fix(kb_parse_csv, "faq.csv", "csv",
		   "question,answer\nCancel?,\"Yes, \"\"easy\"\": within 12 hours\"\n",
		   "within 12 hours", "within 24 \"hours\"",
		   "question,answer\nCancel?,\"Yes, \"\"easy\"\": within 24 \"\"hours\"\"\"\n");
	expect_refusal(kb_parse_csv, "faq.csv", "csv",
		       "question,answer\nCancel?,Yes within 12 hours\n", "within 12 hours",
		       "within 24, hours", "unquoted CSV field");
	expect_fix(kb_parse_aiml, "bot.aiml", "aiml",
		   "<aiml><category><pattern>CANCEL</pattern><template>Yes &amp; within 12 "
		   "hours.</template></category></aiml>",
		   "within 12 hours", "within 24 & hours",
		   "<aiml><category><pattern>CANCEL</pattern><template>Yes &amp; within 24 &amp; "
		   "hours.</template></category></aiml>");
}

static void test_words(void **state)
{
	(void)state;
	/* Fewer words: the run changes at once ("không thể" -> "có thể"). */
	expect_fix(kb_parse_markdown, "faq.md", "markdown", "## Hủy?\n\nĐơn không thể hủy.\n",
		   "không thể hủy", "có thể hủy", "## Hủy?\n\nĐơn có thể hủy.\n");
	/* More words, and a suggestion with nothing to change. */
	expect_fix(kb_parse_markdown, "faq.md", "markdown", "## Fee?\n\nThe fee is $5 here.\n",
		   "$5", "free of charge", "## Fee?\n\nThe fee is free of charge here.\n");
	expect_fix(kb_parse_markdown, "faq.md", "markdown", "## Fee?\n\nIt is free.\n", "free",
		   "free", "## Fee?\n\nIt is free.\n");
	expect_refusal(kb_parse_markdown, "faq.md", "markdown", "## Fee?\n\nIt is $5.\n", "$5",
		       "free\nnow", "line break");
}

static void test_sort_shift(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_vec v = {0};
	kb_edit e1 = {10, 12, "24", 2}, e1b = {10, 12, "24", 2}, e2 = {2, 4, "abcd", 4},
		e3 = {11, 14, "x", 1};
	kb_vec_push(a, &v, &e1);
	kb_vec_push(a, &v, &e2);
	kb_vec_push(a, &v, &e1b);
	size_t at = 0;
	assert_true(kb_fix_sort(&v, &at)); /* the same edit twice is one */
	assert_int_equal(v.len, 2);
	assert_ptr_equal(v.items[0], &e2);
	assert_int_equal(kb_fix_shift(&v, 0), 0);
	assert_int_equal(kb_fix_shift(&v, 5), 7);
	assert_int_equal(kb_fix_shift(&v, 10), 12);
	assert_int_equal(kb_fix_shift(&v, 20), 22);
	kb_vec_push(a, &v, &e3); /* other words for the same bytes: ambiguous */
	assert_false(kb_fix_sort(&v, &at));
	assert_int_equal(at, 11);
	kb_arena_free(a);
}

static void test_diff(void **state)
{
	(void)state;
	const char *old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\r\nm";
	size_t len = strlen(old);
	kb_arena *a = kb_arena_new();
	kb_vec v = {0};
	kb_edit e1 = {2, 3, "B", 1}, e2 = {22, 23, "L", 1}, e3 = {25, 26, "M", 1};
	kb_vec_push(a, &v, &e1);
	kb_vec_push(a, &v, &e2);
	kb_vec_push(a, &v, &e3);
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	kb_fix_diff(f, "x.md", old, len, &v);
	fclose(f);
	assert_string_equal(out, "--- a/x.md\n+++ b/x.md\n"
				 "@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n"
				 "@@ -9,5 +9,5 @@\n i\n j\n k\n-l\r\n+L\r\n"
				 "-m\n\\ No newline at end of file\n+M\n\\ No newline at end of file\n");
	free(out);
	kb_arena_free(a);
}

/* The check after writing: the new claims at the moved place must state
 * the target, and only it. */
static void test_holds(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source src = {.path = "a.md", .relpath = "a.md"}, other = {.path = "b.md", .relpath = "b.md"};
	kb_unit u = {.source = &src}, uo = {.source = &other};
	kb_value h12 = {.kind = KB_V_DURATION, .bound = KB_BOUND_AT_MOST, .min = NAN, .max = 43200};
	kb_value h24 = h12, d1 = h12;
	h24.max = 86400;
	d1.max = 86400;
	d1.unit = KB_TU_DAY;
	/* The old claim at bytes 30..45; an edit before it grows the file by 3. */
	kb_claim old = {.topic = "order.cancel", .attribute = "window", .unit = &u, .value = h12,
			.loc = {.start = 30, .end = 45}};
	kb_edit e = {2, 4, "abcde", 5};
	kb_vec edits = {0}, claims = {0};
	kb_vec_push(a, &edits, &e);
	assert_string_equal(kb_fix_holds(a, &claims, &edits, &old, &h24),
			    "kbcheck no longer finds the statement there");
	/* Another file or another attribute at those bytes does not count. */
	kb_claim elsewhere = old, other_attr = old;
	elsewhere.unit = &uo;
	elsewhere.loc = (kb_loc){.start = 33, .end = 48};
	elsewhere.value = h24;
	other_attr.attribute = "fee";
	other_attr.loc = elsewhere.loc;
	other_attr.value = h24;
	kb_vec_push(a, &claims, &elsewhere);
	kb_vec_push(a, &claims, &other_attr);
	assert_non_null(kb_fix_holds(a, &claims, &edits, &old, &h24));
	/* At the moved place, the target in other words (1 day = 24 hours). */
	kb_claim now = old;
	now.loc = (kb_loc){.start = 33, .end = 45};
	now.value = d1;
	kb_vec_push(a, &claims, &now);
	assert_null(kb_fix_holds(a, &claims, &edits, &old, &h24));
	/* And still the old value there: not fixed. */
	kb_claim still = now;
	still.value = h12;
	still.quote = "within 12 hours";
	kb_vec_push(a, &claims, &still);
	assert_string_equal(kb_fix_holds(a, &claims, &edits, &old, &h24),
			    "the phrase now reads \"within 12 hours\", not the value wanted");
	kb_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_markdown),  cmocka_unit_test(test_html),
	    cmocka_unit_test(test_amount_made_free),
	    cmocka_unit_test(test_json),      cmocka_unit_test(test_yaml),
	    cmocka_unit_test(test_csv_aiml),  cmocka_unit_test(test_words),
	    cmocka_unit_test(test_sort_shift), cmocka_unit_test(test_diff),
	    cmocka_unit_test(test_holds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
