/* test_aiml.c - the AIML parser: categories, topic, that, random, srai
 * resolution and loops, namespaces, legacy encodings, entities (never
 * fetched, never expanded into bombs), malformed XML, exact positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define HARNESS_PATH "bot/basic.aiml"
#define HARNESS_FORMAT "aiml"
#define HARNESS_PARSE kb_parse_aiml
#include "parse_harness.h"

#include "base/buf.h"

static fixture *aiml_file(const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/data/aiml/%s", KB_TEST_DATA, name);
	return parse_path(path);
}

static size_t count_level(fixture *f, kb_diag_level level)
{
	size_t n = 0;
	for (size_t i = 0; i < kb_diags_count(f->diags); i++)
		n += kb_diags_get(f->diags, i)->level == level;
	return n;
}

static bool has_id(const fixture *f, const char *id)
{
	for (size_t i = 0; i < f->units.len; i++)
		if (!strcmp(unit(f, i)->id, id))
			return true;
	return false;
}

static void test_categories(void **state)
{
	fixture *f = aiml_file("basic.aiml");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 7);

	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "CAN I CANCEL MY ORDER");
	assert_string_equal(u->question, "can i cancel my order");
	assert_string_equal(u->text, "Yes, you can cancel within 24 hours.");
	assert_int_equal(u->scope.n, 0);
	assert_null(u->suppressed);
	assert_phrase(f, u, "within 24 hours", 6, 33, 6, 48);
	assert_loc(u, 4, 1, 7, 12); /* <category> ... </category> */

	/* "CANCEL *" only redirects: no unit of its own. */
	assert_false(has_id(f, "CANCEL *"));

	/* srai through a wildcard category to the answer; tokens opaque. */
	u = by_id(f, "HOW DO I CANCEL");
	assert_string_equal(u->text, "Hi {get:name}! Yes, you can cancel within 24 hours.");
	assert_phrase(f, u, "within 24 hours", 6, 33, 6, 48); /* the target's text */
	const char *tok = strstr(u->text, "{get:name}");
	kb_loc l = kb_unit_text_loc(u, (size_t)(tok - u->text), (size_t)(tok - u->text) + 10);
	assert_int_equal(l.line, 16);
	assert_int_equal(l.column, 16);
	assert_int_equal(l.end_column, 34); /* <get name="name"/> */

	/* <random>: one unit per <li>; <think> dropped. */
	u = by_id(f, "SHIPPING TIME/1");
	assert_string_equal(u->text, "Shipping takes 3-5 days.");
	assert_phrase(f, u, "Shipping takes 3-5 days.", 24, 11, 24, 35);
	u = by_id(f, "SHIPPING TIME/2");
	assert_string_equal(u->text, "We ship in 3 to 5 business days, {star}.");
	assert_string_equal(u->question, "shipping time");

	/* <topic name>, <br/>, <bot name>. */
	u = by_id(f, "HOW LONG");
	assert_string_equal(kb_scope_get(&u->scope, "aiml_topic"), "RETURNS");
	assert_string_equal(u->text, "You can return items within 30 days. Ask {bot:name} anything.");
	assert_phrase(f, u, "within 30 days.", 33, 36, 33, 51);

	/* <that>: folded into the scope; &amp; decoded, mapped to itself. */
	u = by_id(f, "YES");
	assert_string_equal(kb_scope_get(&u->scope, "that"), "do you want a refund");
	assert_string_equal(u->text, "Refunds take 5 & 7 business days.");
	l = kb_unit_text_loc(u, 15, 16);
	assert_int_equal(l.column, 28);
	assert_int_equal(l.end_column, 33);

	/* kbcheck-disable-next-line before the category. */
	u = by_id(f, "OLD CANCEL POLICY");
	assert_non_null(u->suppressed);
	assert_string_equal(u->suppressed[0], "order.cancel");
	assert_null(u->suppressed[1]);
	assert_phrase(f, u, "within 12 hours.", 46, 37, 46, 53);
	done(f);
}

static void test_suppression(void **state)
{
	fixture *f = parse_str(
	    "<aiml><category><pattern>A</pattern><template>\n"
	    "<!-- kbcheck-disable-next-line order.cancel -->\n"
	    "X within 2 days.</template></category>\n"
	    "<category><pattern>B</pattern><template><!-- kbcheck-disable --> Y</template>"
	    "</category>\n"
	    "<!-- kbcheck-disable-next-line order.cancel, shipping.fee -->\n"
	    "<category><pattern>C</pattern><template>Z</template></category></aiml>");
	/* Inside a template, the next line only: the pipeline's business. */
	assert_null(by_id(f, "A")->suppressed);
	const kb_unit *u = by_id(f, "B");
	assert_string_equal(u->suppressed[0], "*");
	assert_null(u->suppressed[1]);
	u = by_id(f, "C");
	assert_string_equal(u->suppressed[0], "order.cancel");
	assert_string_equal(u->suppressed[1], "shipping.fee");
	assert_null(u->suppressed[2]);
	done(f);
}

static void test_srai(void **state)
{
	fixture *f = aiml_file("srai.aiml");
	/* Exact pattern; the srai's own topic is preferred. */
	assert_string_equal(by_id(f, "ASK REFUND")->text, "Sure. VIP refunds within 30 days.");
	assert_string_equal(by_id(f, "REFUND POLICY-2")->text, "VIP refunds within 30 days.");
	/* "_ REFUND" then on to the topic-less answer. */
	assert_string_equal(by_id(f, "HELP")->text, "Refunds within 14 days. Thanks.");
	/* "^" matches no word; case, spacing and punctuation folded. */
	const kb_unit *u = by_id(f, "TELL ME");
	assert_string_equal(u->text, "I say: Returns are free.");
	assert_phrase(f, u, "Returns are free.", 10, 60, 10, 77);
	/* Unresolved and input-dependent redirects give nothing. */
	assert_string_equal(by_id(f, "NOWHERE")->text, "Go there.");
	assert_string_equal(by_id(f, "DYNAMIC *")->text, "Ok");
	const kb_diag_entry *e = diag_with(f, "target not found");
	assert_int_equal(e->level, KB_DIAG_NOTE);
	assert_int_equal(e->line, 12);
	assert_int_equal(e->column, 50);
	assert_non_null(strstr(e->message, "NO SUCH PATTERN"));

	/* <condition>: a unit per branch, scoped. */
	u = by_id(f, "HOURS/1");
	assert_string_equal(u->text, "Open 9-13.");
	assert_string_equal(kb_scope_get(&u->scope, "aiml_condition"), "day=saturday");
	assert_string_equal(kb_scope_get(&by_id(f, "HOURS/2")->scope, "aiml_condition"),
			    "default");

	/* Two <random>s: every combination. */
	assert_string_equal(by_id(f, "GREETING/1.1")->text, "Hi. Ship in 2 days.");
	assert_string_equal(by_id(f, "GREETING/2.2")->text, "Hello. Ship in 48 hours.");

	/* Depth limit: 16 redirects, then a warning at the next <srai>. */
	u = by_id(f, "STEP 0");
	assert_non_null(strstr(u->text, "Step 16."));
	assert_null(strstr(u->text, "Step 17."));
	e = diag_with(f, "nested more than 16 deep");
	assert_int_equal(e->level, KB_DIAG_WARNING);
	assert_int_equal(e->line, 32);
	assert_int_equal(e->column, 56);
	assert_string_equal(by_id(f, "STEP 19")->text, "Step 19. End.");
	assert_int_equal(count_level(f, KB_DIAG_WARNING), 1);
	done(f);
}

static void test_srai_loop(void **state)
{
	fixture *f = aiml_file("loop.aiml");
	/* PING and PONG only redirect; HELLO's text stops at the loop. */
	assert_int_equal(f->units.len, 1);
	assert_string_equal(unit(f, 0)->text, "Hello!");
	assert_int_equal(kb_diags_count(f->diags), 1); /* one loop, one warning */
	const kb_diag_entry *e = kb_diags_get(f->diags, 0);
	assert_int_equal(e->level, KB_DIAG_WARNING);
	assert_int_equal(e->line, 9);
	assert_int_equal(e->column, 13);
	assert_string_equal(e->message, "<srai> loop: PING -> PONG -> PING; the loop gives no text");
	done(f);

	/* A category redirecting to itself. */
	f = parse_str("<aiml><category><pattern>A</pattern>\n"
		      "<template>Go <srai>a</srai></template></category></aiml>");
	assert_string_equal(unit(f, 0)->text, "Go");
	assert_int_equal(diag_with(f, "loop: A -> A")->line, 2);
	done(f);
}

static void test_namespaces(void **state)
{
	fixture *f = aiml_file("ns.aiml");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "WARRANTY");
	assert_string_equal(u->text, "Phones have a 12 month warranty. Accessories 6 months.");
	assert_phrase(f, u, "12 month warranty", 6, 29, 6, 46);
	done(f);

	f = aiml_file("prefixed.xml");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 2);
	assert_string_equal(unit(f, 0)->id, "OPENING HOURS/1");
	assert_string_equal(unit(f, 0)->text, "We are open 8:00-22:00 every day.");
	assert_phrase(f, unit(f, 1), "from 8 to 22", 5, 83, 5, 95);
	done(f);
}

static void test_latin1(void **state)
{
	/* As read by the library (the walker would have replaced the bytes). */
	fixture *f = aiml_file("latin1.aiml");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->text,
			    "La livraison co\xC3\xBBte 5 EUR et prend 2 jours ouvr\xC3\xA9s.");
	assert_phrase(f, u, "et prend 2 jours", 5, 36, 5, 52);
	/* A converted character points at its one source byte. */
	const char *e = strstr(u->text, "\xC3\xA9");
	kb_loc l = kb_unit_text_loc(u, (size_t)(e - u->text), (size_t)(e - u->text) + 2);
	assert_int_equal(l.end - l.start, 1);
	assert_int_equal((unsigned char)f->src.data[l.start], 0xE9);
	done(f);
}

static void test_external_entity(void **state)
{
	fixture *f = aiml_file("xxe.aiml");
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	/* Not fetched, not expanded; the internal plain-text one is. */
	assert_null(strstr(u->text, "root:"));
	assert_null(strstr(u->text, "xxe"));
	assert_string_equal(u->text, "Here: from ACME within 7 days.");
	assert_phrase(f, u, "within 7 days.", 9, 37, 9, 51);
	kb_loc l = kb_unit_text_loc(u, 11, 15); /* "ACME" at "&shop;" */
	assert_int_equal(l.column, 30);
	assert_int_equal(l.end_column, 36);
	const kb_diag_entry *e = diag_with(f, "external entity 'xxe'");
	assert_int_equal(e->level, KB_DIAG_WARNING);
	assert_int_equal(e->line, 3);
	assert_int_equal(e->column, 3);
	assert_non_null(strstr(e->message, "not loaded"));
	assert_int_equal(kb_diags_count(f->diags), 1);
	done(f);

	/* An external DTD is not loaded either; its entities stay unknown. */
	f = parse_str("<?xml version=\"1.0\"?>\n"
		      "<!DOCTYPE aiml SYSTEM \"http://example.com/aiml.dtd\">\n"
		      "<aiml><category><pattern>X</pattern><template>Ok &ext; done.</template>"
		      "</category></aiml>");
	assert_int_equal(diag_with(f, "external DTD")->line, 2);
	assert_int_equal(f->units.len, 1);
	assert_null(strstr(unit(f, 0)->text, "ext"));
	done(f);
}

static void test_billion_laughs(void **state)
{
	fixture *f = aiml_file("laughs.aiml");
	for (size_t i = 0; i < f->units.len; i++)
		assert_null(strstr(unit(f, i)->text, "lol"));
	/* libxml2 stops the expansion: malformed XML, at the reference,
	 * said once. */
	const kb_diag_entry *e = diag_with(f, "entity");
	assert_int_equal(e->level, KB_DIAG_ERROR);
	assert_int_equal(e->line, 17);
	assert_int_equal(count_level(f, KB_DIAG_ERROR), 1);
	done(f);

	/* Nested internal entities within limits stay as written. */
	f = parse_str("<!DOCTYPE aiml [<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;\">]>\n"
		      "<aiml><category><pattern>X</pattern><template>1 &b; 2</template>"
		      "</category></aiml>");
	assert_string_equal(unit(f, 0)->text, "1 &b; 2");
	assert_phrase(f, unit(f, 0), "&b;", 2, 49, 2, 52);
	done(f);
}

/* Redirects that multiply (each level quoting the one below four times)
 * would expand a small file to gigabytes: past a budget (16 times the
 * file, at least 256 KiB) redirects are not followed, with a warning. */
static void test_srai_expansion_budget(void **state)
{
	kb_buf b = KB_BUF_INIT;
	kb_buf_puts(&b, "<aiml><category><pattern>L0</pattern>"
			"<template>Orders ship within 2 days.</template></category>\n");
	for (int i = 1; i <= 14; i++)
		kb_buf_printf(&b, "<category><pattern>L%d</pattern><template><srai>L%d</srai> "
				  "<srai>L%d</srai> <srai>L%d</srai> <srai>L%d</srai></template>"
				  "</category>\n", i, i - 1, i - 1, i - 1, i - 1);
	kb_buf_puts(&b, "</aiml>\n");
	fixture *f = parse_str(kb_buf_cstr(&b));
	kb_buf_free(&b);
	const kb_diag_entry *e = diag_with(f, "bytes of answers");
	assert_int_equal(e->level, KB_DIAG_WARNING);
	size_t total = 0;
	for (size_t i = 0; i < f->units.len; i++)
		total += unit(f, i)->text_len;
	/* The budget, and at most what one text node adds past it. */
	assert_true(total <= (256 << 10) + 64);
	assert_true(total > 128 << 10);
	assert_true(has_id(f, "L0"));
	done(f);
}

static void test_malformed(void **state)
{
	fixture *f = aiml_file("malformed.aiml");
	const kb_diag_entry *e = kb_diags_get(f->diags, 0);
	assert_int_equal(e->level, KB_DIAG_ERROR);
	assert_string_equal(e->message, "malformed XML: Opening and ending tag mismatch: "
					"b line 9 and template");
	assert_int_equal(e->line, 9);
	assert_int_equal(e->column, 40); /* libxml2: just past the end tag */
	/* Recovery keeps what could be read. */
	assert_string_equal(by_id(f, "FIRST")->text, "First answer within 3 days.");
	assert_string_equal(by_id(f, "SECOND")->text, "Broken answer");
	done(f);

	f = parse_str("<aiml><category><pattern>X</pattern><template>cut");
	assert_true(kb_diags_have(f->diags, KB_DIAG_ERROR));
	done(f);

	f = parse_str("");
	assert_int_equal(f->units.len, 0);
	assert_true(kb_diags_have(f->diags, KB_DIAG_ERROR));
	done(f);

	/* Not AIML, and a category missing its template. */
	f = parse_str("<aiml><category><pattern>X</pattern></category></aiml>");
	assert_int_equal(f->units.len, 0);
	assert_int_equal(diag_with(f, "without <template>")->level, KB_DIAG_WARNING);
	done(f);
	f = parse_str("<root/>");
	assert_non_null(diag_with(f, "not <aiml>"));
	done(f);
}

static void test_detect(void **state)
{
	const char *aiml = "<?xml version=\"1.0\"?>\n<!-- bot -->\n<aiml version=\"2.0\">";
	assert_int_equal(kb_detect_aiml("bot/x.aiml", aiml, strlen(aiml)), 90);
	assert_int_equal(kb_detect_aiml("bot/x.xml", aiml, strlen(aiml)), 90);
	const char *pre = "<aiml:aiml xmlns:aiml=\"http://alicebot.org/2001/AIML-1.0.1\">";
	assert_int_equal(kb_detect_aiml("x.xml", pre, strlen(pre)), 90);
	const char *dt = "<!DOCTYPE aiml [ <!ENTITY a \"b\"> ]><aiml>";
	assert_int_equal(kb_detect_aiml("x.xml", dt, strlen(dt)), 90);
	const char *other = "<?xml version=\"1.0\"?><project><aiml/></project>";
	assert_int_equal(kb_detect_aiml("pom.xml", other, strlen(other)), 0);
	/* ".aiml" is enough, even for a broken file. */
	assert_true(kb_detect_aiml("x.aiml", "garbage", 7) > 0);
	assert_int_equal(kb_detect_aiml("x.xml", "", 0), 0);

	const kb_parser *p = kb_parser_detect("bot/x.xml", aiml, strlen(aiml));
	assert_non_null(p);
	assert_string_equal(p->name, "aiml");
	assert_int_equal(p->channel, KB_CHANNEL_CHATBOT);
	p = kb_parser_detect("bot/x.aiml", "garbage", 7);
	assert_non_null(p);
	assert_string_equal(p->name, "aiml");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_categories),
	    cmocka_unit_test(test_suppression),
	    cmocka_unit_test(test_srai),
	    cmocka_unit_test(test_srai_loop),
	    cmocka_unit_test(test_namespaces),
	    cmocka_unit_test(test_latin1),
	    cmocka_unit_test(test_external_entity),
	    cmocka_unit_test(test_billion_laughs),
	    cmocka_unit_test(test_srai_expansion_budget),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_detect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
