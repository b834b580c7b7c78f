/* test_csv.c - question/answer tables (CSV) and intent -> responses lists
 * (JSON): units, ids, exact positions through "" and JSON escapes,
 * malformed input, detection.  Which columns are read, in English,
 * Vietnamese and Thai, is tested as data in tests/units/csv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "parse/parser.h"

static void (*parser)(kb_parse_ctx *ctx) = kb_parse_csv;

#define HARNESS_PATH "kb/answers.csv"
#define HARNESS_FORMAT "csv"
#define HARNESS_PARSE parser
#include "parse_harness.h"

static fixture *data_file(void (*fn)(kb_parse_ctx *), const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/data/csv/%s", KB_TEST_DATA, name);
	parser = fn;
	return parse_path(path);
}

static fixture *csv(const char *text)
{
	parser = kb_parse_csv;
	return parse_str(text);
}

static fixture *json(const char *text)
{
	parser = kb_parse_intent_responses;
	return parse_str(text);
}

static void assert_diag(const kb_diag_entry *e, kb_diag_level level, int line, int col)
{
	assert_int_equal(e->level, level);
	assert_int_equal(e->line, line);
	assert_int_equal(e->column, col);
}

/* ---- CSV ------------------------------------------------------------------ */

/* BOM, CRLF, quoted fields with separators, "" escapes and line breaks. */
static void test_csv_export(void **state)
{
	fixture *f = data_file(kb_parse_csv, "answers.csv");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 5); /* the blank row and "no-answer" give none */

	/* The BOM does not hide the ID column; the separator inside quotes. */
	const kb_unit *u = by_id(f, "cancel");
	assert_string_equal(u->question, "Can I cancel?");
	assert_string_equal(u->text, "Yes, within 24 hours of placing it.");
	assert_string_equal(u->locale, "en");
	assert_string_equal(kb_scope_get(&u->scope, "channel"), "email");
	assert_headings(u, 1, "Orders");
	assert_phrase(f, u, "within 24 hours", 2, 28, 2, 43);
	assert_loc(u, 2, 23, 2, 58); /* the answer, quotes excluded */

	/* "" in the question and the answer; positions go through them. */
	u = by_id(f, "quote");
	assert_string_equal(u->question, "What does \"final sale\" mean?");
	assert_string_equal(u->text, "Items marked \"final sale\" cannot be returned.");
	assert_phrase(f, u, "cannot be returned", 3, 69, 3, 87);
	assert_phrase(f, u, "Items marked", 3, 41, 3, 53);
	const char *p = strstr(u->text, "\"final sale\"");
	size_t s = (size_t)(p - u->text);
	kb_loc l = kb_unit_text_loc(u, s, s + strlen("\"final sale\""));
	assert_int_equal(l.line, 3);
	assert_int_equal(l.column, 54); /* from the first "" ... */
	assert_int_equal(l.end_column, 68); /* ... to the end of the last */

	/* A field over four lines: line breaks break paragraphs, and a phrase
	 * on its second line is at its own line and column. */
	u = by_id(f, "multi");
	assert_string_equal(u->text, "Pack the item.\nReturns are accepted within 30 days of "
				     "delivery.\nWe refund in 5 days.");
	assert_phrase(f, u, "within 30 days", 5, 22, 5, 36);
	assert_phrase(f, u, "We refund", 7, 1, 7, 10);
	assert_loc(u, 4, 29, 7, 21);

	/* No id: the spreadsheet's row number; a locale tag's language. */
	u = by_id(f, "row-5");
	assert_string_equal(u->question, "No id here");
	assert_string_equal(u->locale, "vi");
	assert_int_equal(u->nheadings, 0);
	assert_phrase(f, u, "Unquoted answer", 8, 13, 8, 28);

	/* A repeated id is made unique; the same answer again is a unit. */
	u = by_id(f, "cancel-2");
	assert_string_equal(u->text, "Yes, within 24 hours of placing it.");
	assert_phrase(f, u, "Yes, within", 9, 16, 9, 27);
	done(f);
}

static void test_csv_lf_and_ids(void **state)
{
	/* 300 rows of one intent: ids stay unique and in order, the same
	 * answer is a unit on every row. */
	kb_buf b = KB_BUF_INIT;
	kb_buf_puts(&b, "intent,instruction,response\n");
	for (int i = 0; i < 300; i++)
		kb_buf_printf(&b, "track,where is order %d?,\"Track it, under My orders.\"\n", i);
	kb_buf_puts(&b, "track-2,explicit,Explicit id.\n"
			",,No id: row 303.\n");
	fixture *f = csv(kb_buf_cstr(&b));
	kb_buf_free(&b);
	assert_int_equal(f->units.len, 302);
	assert_string_equal(unit(f, 0)->id, "track");
	assert_string_equal(unit(f, 1)->id, "track-2");
	assert_string_equal(unit(f, 299)->id, "track-300");
	assert_string_equal(unit(f, 299)->question, "where is order 299?");
	assert_string_equal(unit(f, 299)->text, "Track it, under My orders.");
	assert_string_equal(unit(f, 300)->id, "track-2-2"); /* "track-2" is taken */
	assert_string_equal(unit(f, 301)->id, "row-303");
	assert_phrase(f, unit(f, 299), "under My orders", 301, 38, 301, 53);
	assert_int_equal(kb_diags_count(f->diags), 0);
	done(f);
}

/* Header names and separators (case, quotes, the preferred answer column,
 * semicolons, tabs): tests/units/csv/header-names-and-separators. */
static void test_csv_headers(void **state)
{
	/* Excel's "sep=" line names the separator; it is not a row. */
	fixture *f = csv("sep=|\nkey|answer\nk1|Yes, free.\n");
	assert_int_equal(f->units.len, 1);
	assert_string_equal(unit(f, 0)->id, "k1");
	assert_phrase(f, unit(f, 0), "Yes, free.", 3, 4, 3, 14);
	done(f);

	/* No answer column (format forced): a warning, nothing read. */
	f = csv("name,price\nshirt,10\n");
	assert_int_equal(f->units.len, 0);
	assert_diag(diag_with(f, "no answer column"), KB_DIAG_WARNING, 1, 1);
	done(f);
}

static void test_csv_malformed(void **state)
{
	fixture *f = data_file(kb_parse_csv, "malformed.csv");
	assert_int_equal(f->units.len, 6);
	by_id(f, "ok1");

	/* A field more than the header, the answer last: the answer held the
	 * separator unquoted, its fields are joined back (at the separator). */
	assert_diag(diag_with(f, "row 3 has 4 fields but the header names 3: the answer holds"),
		    KB_DIAG_WARNING, 3, 21);
	assert_string_equal(by_id(f, "extra")->text, "Answer four,unexpected");
	assert_phrase(f, by_id(f, "extra"), "four,unexpected", 3, 17, 3, 32);
	/* A trailing separator: only empty extra fields, the row is read. */
	assert_diag(diag_with(f, "row 4 has 4 fields but the header names 3: the extra"),
		    KB_DIAG_WARNING, 4, 22);
	assert_string_equal(by_id(f, "trail")->text, "Answer five");
	/* A field less: warned at the end of the row. */
	assert_diag(diag_with(f, "row 5 has 2 fields"), KB_DIAG_WARNING, 5, 9);
	/* Text after a closing quote is kept. */
	assert_diag(diag_with(f, "after a closing quote"), KB_DIAG_WARNING, 6, 17);
	const kb_unit *u = by_id(f, "junk");
	assert_string_equal(u->text, "Answer seven");
	assert_phrase(f, u, "seven", 6, 18, 6, 23);
	/* A quote never closed: reported at the quote, its row skipped, the
	 * following rows read. */
	assert_diag(diag_with(f, "never closed"), KB_DIAG_ERROR, 7, 9);
	assert_phrase(f, by_id(f, "ok2"), "Answer three", 8, 8, 8, 20);
	assert_string_equal(by_id(f, "ok3")->text, "Last answer.");
	assert_int_equal(kb_diags_count(f->diags), 5);
	done(f);

	/* Harmless shapes repeated on every row are said once, then counted. */
	f = csv("id,question,answer,note\n"
		"a,Q,One.\nb,Q,Two.\nc,Q,Three.\n"
		"d,Q,Four.,,\ne,Q,Five.,,\n");
	assert_int_equal(f->units.len, 5);
	assert_int_equal(kb_diags_count(f->diags), 4);
	assert_diag(diag_with(f, "row 2 has 3 fields"), KB_DIAG_WARNING, 2, 9);
	assert_diag(diag_with(f, "2 more rows after row 2 have fewer"), KB_DIAG_WARNING, 0, 0);
	assert_diag(diag_with(f, "row 5 has 5 fields"), KB_DIAG_WARNING, 5, 12);
	diag_with(f, "1 more row after row 5 has empty fields");
	done(f);

	/* An unclosed quote in the middle of a long file is searched for once. */
	kb_buf b = KB_BUF_INIT;
	kb_buf_puts(&b, "id,answer,note\nbad,\"open\n");
	for (int i = 0; i < 20000; i++) /* quotes, but all in pairs after "open */
		kb_buf_printf(&b, "r%d,Fine answer,\"\"\n", i);
	f = csv(kb_buf_cstr(&b));
	kb_buf_free(&b);
	assert_diag(diag_with(f, "never closed"), KB_DIAG_ERROR, 2, 5);
	assert_int_equal(kb_diags_count(f->diags), 1);
	assert_int_equal(f->units.len, 20000);
	assert_string_equal(unit(f, 19999)->text, "Fine answer");
	done(f);
}

/* Answers written with the separator unquoted: the extra fields are the
 * answer's when it is the last column, or when every column after it is
 * one kbcheck reads and its value fits (a locale tag, a one-word id). */
static void test_csv_unquoted_separators(void **state)
{
	fixture *f = csv("id,question,answer\n"
			 "c1,Can I cancel?,Yes, within 24 hours, free of charge.\n"
			 "c2,Can I return?,Within 30 days,,\n");
	assert_int_equal(f->units.len, 2);
	const kb_unit *u = by_id(f, "c1");
	assert_string_equal(u->text, "Yes, within 24 hours, free of charge.");
	assert_string_equal(u->question, "Can I cancel?");
	assert_phrase(f, u, "within 24 hours", 2, 23, 2, 38);
	assert_int_equal(u->loc.line, 2);
	assert_int_equal(u->loc.column, 18);
	assert_int_equal(u->loc.end_column, 55);
	assert_diag(diag_with(f, "row 2 has 5 fields but the header names 3: the answer holds the "
				 "separator unquoted; its 3 fields are read as one"),
		    KB_DIAG_WARNING, 2, 21);
	/* Trailing empty fields after a folded answer stay out of it. */
	assert_string_equal(by_id(f, "c2")->text, "Within 30 days");
	done(f);

	/* The answer in the middle: the columns after it must fit. */
	f = csv("id,answer,locale,channel\n"
		"a1,Sure, we ship to Hanoi, Hue and Da Nang.,en,web\n"
		"a2,Yes, we do,English please,web\n"   /* the locale would be "we do" */
		"a3,Yes, we do,en,web chat\n");        /* the channel is two words */
	assert_int_equal(f->units.len, 1);
	u = by_id(f, "a1");
	assert_string_equal(u->text, "Sure, we ship to Hanoi, Hue and Da Nang.");
	assert_string_equal(u->locale, "en");
	assert_string_equal(kb_scope_get(&u->scope, "channel"), "web");
	assert_phrase(f, u, "Hue and Da Nang", 2, 28, 2, 43);
	assert_diag(diag_with(f, "row 3 has 5 fields but the header names 4: skipped"),
		    KB_DIAG_ERROR, 3, 30);
	assert_diag(diag_with(f, "row 4 has 5 fields but the header names 4: skipped"),
		    KB_DIAG_ERROR, 4, 18);
	done(f);

	/* A column kbcheck does not read after the answer, or a quoted field:
	 * which field holds the separator cannot be told. */
	f = csv("id,answer,note\nn1,Yes, free,internal\n"
		"n2,\"Yes, free\",a,b\n");
	assert_int_equal(f->units.len, 0);
	assert_diag(diag_with(f, "row 2 has 4 fields"), KB_DIAG_ERROR, 2, 14);
	assert_diag(diag_with(f, "row 3 has 4 fields"), KB_DIAG_ERROR, 3, 18);
	done(f);
}

static void test_csv_detect(void **state)
{
	static const char *const yes[] = {
	    "id,question,answer\n1,q,a\n",
	    "\xEF\xBB\xBF\"Question\",\"Answer\"\r\n\"q\",\"a\"\r\n",
	    "context,instruction,intent,response\n",
	    "name;text\nx;y\n",
	    "answer,locale\nHi,en\n",
	    "sep=;\ntitle;body\n",
	};
	static const char *const no[] = {
	    "name,price,sku\nshirt,10,S1\n",   /* no answer column */
	    "answer\nYes\n",                   /* nothing else known */
	    "text,value\nx,1\n",               /* text, but nothing else known */
	    "\"question,answer\nq,a\n",        /* a header that never ends */
	    "",
	    "question answer\n",
	};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (kb_detect_csv("a.csv", yes[i], strlen(yes[i])) <= 0)
			fail_msg("positive %zu not detected", i);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (kb_detect_csv("a.csv", no[i], strlen(no[i])) != 0)
			fail_msg("negative %zu detected", i);
	/* Through the table: a random CSV is no format at all. */
	const kb_parser *p = kb_parser_detect("kb/faq.csv", yes[0], strlen(yes[0]));
	assert_non_null(p);
	assert_string_equal(p->name, "csv");
	assert_int_equal(p->channel, KB_CHANNEL_MACRO);
	assert_null(kb_parser_detect("kb/prices.csv", no[0], strlen(no[0])));
	/* Vietnamese and Thai column names, with or without diacritics (what
	 * they read: tests/units/csv/vietnamese-and-thai-headers). */
	const char *vi = "câu hỏi,câu trả lời\nq,a\n";
	assert_true(kb_detect_csv("a.csv", vi, strlen(vi)) > 0);
	const char *th = "คำถาม,คำตอบ\nq,a\n";
	assert_true(kb_detect_csv("a.csv", th, strlen(th)) > 0);
}

/* ---- intent -> responses JSON --------------------------------------------- */

static void test_responses(void **state)
{
	fixture *f = data_file(kb_parse_intent_responses, "intents.json");
	assert_int_equal(f->units.len, 6);

	const kb_unit *u = by_id(f, "cancel_order/0");
	assert_string_equal(u->question, "How do I cancel my order?");
	assert_headings(u, 1, "ORDER");
	assert_phrase(f, u, "You can cancel", 7, 8, 7, 22);
	assert_loc(u, 7, 8, 7, 39);

	/* \" and \n: exact on both sides of each escape. */
	u = by_id(f, "cancel_order/1");
	assert_string_equal(u->text,
			    "Orders can be cancelled \"free of charge\"\nwithin 1 day of placing them.");
	assert_phrase(f, u, "free of charge", 8, 34, 8, 48);
	assert_phrase(f, u, "within 1 day", 8, 52, 8, 64);
	assert_phrase(f, u, "placing them.", 8, 68, 8, 81);

	/* \u00e9 is one character of the text, six bytes of the file. */
	u = by_id(f, "cancel_order/2");
	assert_string_equal(u->text, "Caf\xC3\xA9 orders cannot be cancelled after 2 hours.");
	assert_phrase(f, u, "cannot be cancelled", 9, 25, 9, 44);
	kb_loc l = kb_unit_text_loc(u, 0, strlen("Caf\xC3\xA9"));
	assert_int_equal(l.column, 8);
	assert_int_equal(l.end_column, 17);

	/* The same intent again: ids stay unique. */
	assert_string_equal(by_id(f, "cancel_order/0-2")->text, "Duplicate intent.");
	assert_null(by_id(f, "cancel_order/0-2")->question);

	/* "name" and "answers"; one string is one answer. */
	u = by_id(f, "shipping/0");
	assert_phrase(f, u, "Standard delivery", 13, 36, 13, 53);

	/* A number is warned about, null skipped; the index stays the one in
	 * the file. */
	assert_phrase(f, by_id(f, "bad/2"), "Only this one.", 15, 46, 15, 60);
	assert_diag(diag_with(f, "response 0 of 'bad' is not a string: skipped"), KB_DIAG_WARNING, 15, 35);
	assert_int_equal(kb_diags_count(f->diags), 1);
	done(f);
}

static void test_responses_tutorial(void **state)
{
	/* {"intents": [...]} with tag/patterns/responses. */
	fixture *f = data_file(kb_parse_intent_responses, "intents_tutorial.json");
	assert_int_equal(f->units.len, 3);
	const kb_unit *u = by_id(f, "greeting/0");
	assert_string_equal(u->question, "Hi");
	assert_int_equal(u->nheadings, 0);
	assert_phrase(f, u, "Hello! How", 4, 19, 4, 29);
	assert_string_equal(by_id(f, "greeting/1")->text, "Hi there");
	assert_phrase(f, by_id(f, "returns/0"), "within 30 days", 8, 40, 8, 54);
	assert_int_equal(kb_diags_count(f->diags), 0);
	done(f);

	/* CRLF: libfyaml counts lines right (CR blanked), columns too. */
	f = json("[\r\n{\"intent\": \"a\",\r\n \"responses\": [\"Within \\\"24\\\" hours.\"]}\r\n]");
	assert_int_equal(f->units.len, 1);
	assert_phrase(f, unit(f, 0), "hours.", 3, 31, 3, 37);
	done(f);

	/* Not the shape (format forced): a warning. */
	f = json("[{\"id\": 1, \"title\": \"x\"}]");
	assert_int_equal(f->units.len, 0);
	diag_with(f, "no intents with responses");
	done(f);
	f = json("[{\"intent\": \"x\", \"responses\": {\"text\": \"no\"}, \"patterns\": \"q\"}]");
	assert_int_equal(f->units.len, 0);
	assert_diag(diag_with(f, "\"responses\" is not an array"), KB_DIAG_WARNING, 1, 33);
	diag_with(f, "\"patterns\" is not an array of strings: ignored");
	done(f);
}

static void test_responses_detect(void **state)
{
	static const char *const yes[] = {
	    "[{\"intent\": \"a\", \"responses\": [\"x\"]}]",
	    "\xEF\xBB\xBF [ {\"category\": \"C\", \"tag\": \"a\", \"answers\": []} ]",
	    "{\"intents\": [{\"tag\": \"greeting\", \"patterns\": [], \"responses\": [\"hi\"]}]}",
	    "{\"version\": 2, \"intents\": [{\"name\": \"a\", \"responses\": \"x\"}]}",
	    /* keys after nested values, brackets inside strings */
	    "[{\"meta\": {\"a\": [1, {\"b\": \"}]\"}]}, \"tag\": \"t\", \"answers\": [\"a\"]}]",
	};
	static const char *const no[] = {
	    "[{\"id\": 1, \"title\": \"x\", \"body\": \"y\"}]", /* an array of other objects */
	    "[{\"intent\": \"x\"}]",                        /* no responses */
	    "[{\"responses\": [\"x\"]}]",                   /* no name */
	    "{\"intent\": \"x\", \"responses\": [\"y\"]}",  /* not a list */
	    /* a Dialogflow ES intent */
	    "{\"id\": \"1\", \"name\": \"Cancel\", \"responses\": [{\"messages\": []}]}",
	    "{\"intents\": [{\"text\": \"x\"}]}",
	    "{\"other\": [{\"intent\": \"x\", \"responses\": []}]}",
	    "[{\"x\": {\"intent\": 1, \"responses\": []}}]", /* nested keys */
	    "[{\"note\": \"\\\"intent\\\": 1, \\\"responses\\\": 2\"}]",
	    "[{\"other\": 1}, {\"intent\": \"x\", \"responses\": []}]", /* only the first */
	    "[]", "[1, 2]", "not json", "", "[{\"intent\": \"x\", \"respon",
	};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (kb_detect_intent_responses("a.json", yes[i], strlen(yes[i])) <= 0)
			fail_msg("positive %zu not detected", i);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (kb_detect_intent_responses("a.json", no[i], strlen(no[i])) != 0)
			fail_msg("negative %zu detected", i);
	const kb_parser *p = kb_parser_detect("kb/intents.json", yes[0], strlen(yes[0]));
	assert_non_null(p);
	assert_string_equal(p->name, "intent-responses");
	assert_int_equal(p->channel, KB_CHANNEL_CHATBOT);
	assert_null(kb_parser_detect("kb/x.json", no[0], strlen(no[0])));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv_export),
	    cmocka_unit_test(test_csv_lf_and_ids),
	    cmocka_unit_test(test_csv_headers),
	    cmocka_unit_test(test_csv_malformed),
	    cmocka_unit_test(test_csv_unquoted_separators),
	    cmocka_unit_test(test_csv_detect),
	    cmocka_unit_test(test_responses),
	    cmocka_unit_test(test_responses_tutorial),
	    cmocka_unit_test(test_responses_detect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
