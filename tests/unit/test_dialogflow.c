/* test_dialogflow.c - Dialogflow ES intents and CX flows/pages: units,
 * ids, questions linked from training phrase files, locales, notes and
 * errors, exact positions inside JSON strings (escapes, tabs, BOM, CRLF),
 * detection, zip exports (built here with libzip) and the real corpus.
 * Units with nothing but their shape to check are data in
 * tests/units/dialogflow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#define HARNESS_PATH "bot/intents/Refunds.json"
#define HARNESS_FORMAT "dialogflow"
#define HARNESS_PARSE kb_parse_dialogflow
#include "parse_harness.h"

#include "base/yaml.h"

#include "source/archive.h"
#include "config/config.h"
#include "source/walk.h"

#define DATA KB_TEST_DATA "/data/dialogflow"

/* ---- a whole run: walk paths, parse every source with all of them ------- */

typedef struct run {
	kb_arena *arena;
	kb_diags *diags;
	kb_vec sources, units;
} run;

static run *run_paths_limit(const char *const *paths, size_t n, size_t max_file_size)
{
	run *r = calloc(1, sizeof *r);
	r->arena = kb_arena_new();
	r->diags = kb_diags_new(r->arena);
	kb_config cfg = {.root = ".", .max_file_size = max_file_size};
	kb_sources_collect(r->arena, r->diags, &cfg, &kb_parser_formats, paths, n, &r->sources);
	for (size_t i = 0; i < r->sources.len; i++) {
		const kb_source *s = r->sources.items[i];
		kb_parse_ctx ctx = {.arena = r->arena, .diags = r->diags, .source = s, .units = &r->units, .sources = &r->sources};
		kb_parser_find(s->format)->parse(&ctx);
	}
	return r;
}

static run *run_paths(const char *const *paths, size_t n)
{
	return run_paths_limit(paths, n, 1 << 20);
}

static run *run_path(const char *path) { return run_paths(&path, 1); }

static void run_free(run *r)
{
	kb_arena_free(r->arena);
	free(r);
}

static const kb_unit *run_unit(const run *r, const char *id)
{
	for (size_t i = 0; i < r->units.len; i++) {
		const kb_unit *u = r->units.items[i];
		if (strcmp(u->id, id) == 0)
			return u;
	}
	fail_msg("no unit %s", id);
	return NULL;
}

static const kb_source *run_source(const run *r, const char *suffix)
{
	size_t k = strlen(suffix);
	for (size_t i = 0; i < r->sources.len; i++) {
		const kb_source *s = r->sources.items[i];
		size_t n = strlen(s->path);
		if (n >= k && strcmp(s->path + n - k, suffix) == 0)
			return s;
	}
	return NULL;
}

/* Diagnostics at level whose message contains text (NULL: any). */
static size_t count_diags(kb_diags *d, kb_diag_level level, const char *text)
{
	size_t n = 0;
	for (size_t i = 0; i < kb_diags_count(d); i++) {
		const kb_diag_entry *e = kb_diags_get(d, i);
		if (e->level == level && (!text || strstr(e->message, text)))
			n++;
	}
	return n;
}

static const kb_diag_entry *find_diag(kb_diags *d, const char *text)
{
	for (size_t i = 0; i < kb_diags_count(d); i++) {
		const kb_diag_entry *e = kb_diags_get(d, i);
		if (strstr(e->message, text))
			return e;
	}
	fail_msg("no diagnostic '%s'", text);
	return NULL;
}

/* phrase is in u's text, maps back to the same bytes of u's own source,
 * at these positions. */
static void assert_at(const kb_unit *u, const char *phrase, int line, int col,
		      int end_line, int end_col)
{
	const char *p = strstr(u->text, phrase);
	if (!p)
		fail_msg("'%s' not in '%s'", phrase, u->text);
	size_t s = (size_t)(p - u->text), n = strlen(phrase);
	kb_loc l = kb_unit_text_loc(u, s, s + n);
	assert_int_equal(l.end - l.start, n);
	assert_memory_equal(u->source->data + l.start, phrase, n);
	assert_int_equal(l.line, line);
	assert_int_equal(l.column, col);
	assert_int_equal(l.end_line, end_line);
	assert_int_equal(l.end_column, end_col);
}

/* ---- ES export ------------------------------------------------------------ */

static void test_es_export(void **state)
{
	run *r = run_path(DATA "/es");
	/* The webhook-only intent is a note; nothing else is reported. */
	assert_int_equal(kb_diags_count(r->diags), 1);
	assert_int_equal(count_diags(r->diags, KB_DIAG_NOTE,
				     "intent 'Order Status' has no static answer (webhook only)"),
			 1);

	/* Sources: agent.json and training phrases give context; entities
	 * and package.json are not read at all. */
	assert_string_equal(run_source(r, "es/agent.json")->format, "dialogflow-agent");
	assert_string_equal(run_source(r, "Return Policy_usersays_vi.json")->format,
			    "dialogflow-usersays");
	assert_string_equal(run_source(r, "intents/Return Policy.json")->format, "dialogflow");
	assert_int_equal(run_source(r, "intents/Return Policy.json")->channel,
			 KB_CHANNEL_CHATBOT);
	assert_null(run_source(r, "package.json"));
	assert_null(run_source(r, "entities/size.json"));
	assert_null(run_source(r, "entities/size_entries_en.json"));
	assert_int_equal(r->sources.len, 7);
	assert_int_equal(r->units.len, 7);

	/* speech as a string; question = first phrase of the _usersays_en
	 * file, its parts joined. */
	const kb_unit *u = run_unit(r, "Return Policy/0/0");
	assert_string_equal(u->text, "You can return items within 30 days of delivery.");
	assert_string_equal(u->question, "How long do I have to return an item?");
	assert_string_equal(u->locale, "en");
	assert_true(u->active);
	assert_int_equal(u->scope.n, 0);

	/* speech as a list: one unit per variant; "vi-VN" is "vi" and finds
	 * _usersays_vi. */
	u = run_unit(r, "Return Policy/1/0");
	assert_string_equal(u->text, "Bạn có thể đổi trả trong vòng 30 ngày.");
	assert_string_equal(u->locale, "vi");
	assert_string_equal(u->question, "Tôi có thể đổi trả trong bao lâu?");
	u = run_unit(r, "Return Policy/1/1");
	assert_string_equal(u->text, "Đổi trả miễn phí trong 30 ngày kể từ khi nhận hàng.");
	assert_string_equal(u->locale, "vi");

	/* custom_payload: the text of richContent, links left out. */
	u = run_unit(r, "Return Policy/2/0");
	assert_string_equal(u->text,
			    "Returns\nRefunds take 5\xE2\x80\x93" "7 business days.\nStart a return");
	assert_string_equal(u->locale, "en");
	assert_string_equal(u->question, "How long do I have to return an item?");

	/* No "lang": agent.json's language; escapes decoded, "\n" a break. */
	u = run_unit(r, "Return Policy/3/0");
	assert_string_equal(u->text, "We don't accept returns of gift cards.\nSorry!");
	assert_string_equal(u->locale, "en");
	assert_string_equal(u->question, "How long do I have to return an item?");

	/* A platform's own response is scoped to that platform. */
	u = run_unit(r, "Return Policy/4/0");
	assert_string_equal(u->text, "Returns: 30 days.");
	assert_int_equal(u->scope.n, 1);
	assert_string_equal(kb_scope_get(&u->scope, "platform"), "facebook");

	/* Embedded userSays (old exports): the phrase in the agent's
	 * language, skipping the Spanish one. */
	u = run_unit(r, "Legacy Shipping/0/0");
	assert_string_equal(u->text, "Shipping is free on orders over $50.");
	assert_string_equal(u->question, "How much is shipping?");
	assert_string_equal(u->locale, "en");

	/* Cards (type 1) are not answers. */
	for (size_t i = 0; i < r->units.len; i++)
		assert_null(strstr(((const kb_unit *)r->units.items[i])->text, "Cards are labels"));
	run_free(r);
}

static void test_es_positions(void **state)
{
	run *r = run_path(DATA "/es");
	const kb_unit *u = run_unit(r, "Return Policy/0/0");
	/* The unit is the string, quotes excluded. */
	assert_int_equal(u->loc.line, 17);
	assert_int_equal(u->loc.column, 22);
	assert_int_equal(u->loc.end_line, 17);
	assert_int_equal(u->loc.end_column, 70);
	assert_at(u, "within 30 days", 17, 43, 17, 57);
	assert_at(u, "delivery.", 17, 61, 17, 70);

	/* Columns count characters, not bytes. */
	u = run_unit(r, "Return Policy/1/0");
	assert_at(u, "đổi trả trong vòng", 24, 25, 24, 43);

	/* After an escape ("don\u0027t") positions are still exact. */
	u = run_unit(r, "Return Policy/3/0");
	assert_at(u, "accept returns", 58, 28, 58, 42);
	assert_at(u, "Sorry!", 58, 59, 58, 65);
	/* The decoded apostrophe points at its escape, all six bytes. */
	const char *ap = strchr(u->text, '\'');
	size_t off = (size_t)(ap - u->text);
	kb_loc l = kb_unit_text_loc(u, off, off + 1);
	assert_int_equal(l.end - l.start, 6);
	assert_memory_equal(u->source->data + l.start, "\\u0027", 6);

	/* Payload strings: each keeps its own place. */
	u = run_unit(r, "Return Policy/2/0");
	assert_at(u, "business days.", 38, 54, 38, 68);
	assert_at(u, "Start a return", 45, 32, 45, 46);
	assert_int_equal(u->loc.line, 37);
	assert_int_equal(u->loc.end_line, 45);

	/* The note points at "webhookUsed": true. */
	const kb_diag_entry *d = find_diag(r->diags, "no static answer");
	assert_string_equal(d->path, DATA "/es/intents/Order Status.json");
	assert_int_equal(d->line, 23);
	assert_int_equal(d->column, 18);
	run_free(r);
}

/* ---- one intent file on its own ------------------------------------------- */

/* How far kb_yaml_parse's error lines are from the truth: 0 once
 * base/yaml.c takes libfyaml 0.7's 1-based error lines as they are, 1
 * before.  Measured on a known error (LF only), so the tests below check
 * this parser's own part: a CRLF file reports the same line as LF. */
static int yaml_error_shift(void)
{
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_yaml y;
	const char *json = "{\"a\": 1,\n\"a\": 2}";
	assert_false(kb_yaml_parse(&y, d, "t.json", json, strlen(json), true));
	int shift = kb_diags_get(d, 0)->line - 2;
	kb_arena_free(a);
	return shift;
}

static void test_webhook_only(void **state)
{
	fixture *f = parse_str("{\n"
			       "  \"name\": \"Track Order\",\n"
			       "  \"responses\": [{\"messages\": [{\"type\": \"0\", \"lang\": \"en\",\n"
			       "                  \"speech\": []}]}],\n"
			       "  \"webhookUsed\": true\n"
			       "}\n");
	assert_int_equal(f->units.len, 0);
	assert_int_equal(kb_diags_count(f->diags), 1);
	const kb_diag_entry *d = kb_diags_get(f->diags, 0);
	assert_int_equal(d->level, KB_DIAG_NOTE);
	assert_string_equal(d->message, "intent 'Track Order' has no static answer (webhook only)");
	assert_int_equal(d->line, 5);
	assert_int_equal(d->column, 18);
	done(f);
	/* Static text and a webhook: the text is the answer, no note
	 * (tests/units/dialogflow/webhook-with-static-text). */
}

static void test_not_an_intent(void **state)
{
	fixture *f = parse_str("\n  {\n    \"title\": \"Shipping\"\n  }\n");
	assert_int_equal(f->units.len, 0);
	assert_int_equal(kb_diags_count(f->diags), 1);
	const kb_diag_entry *d = kb_diags_get(f->diags, 0);
	assert_int_equal(d->level, KB_DIAG_ERROR);
	assert_string_equal(d->message, "not a Dialogflow intent: no \"responses\" list");
	assert_string_equal(d->path, "bot/intents/Refunds.json");
	assert_int_equal(d->line, 2);
	assert_int_equal(d->column, 3);
	done(f);

	f = parse_str("[{\"responses\": []}]");
	assert_int_equal(kb_diags_count(f->diags), 1);
	d = kb_diags_get(f->diags, 0);
	assert_string_equal(d->message, "not a Dialogflow intent: the file is not a JSON object");
	assert_int_equal(d->line, 1);
	assert_int_equal(d->column, 1);
	done(f);

	/* "responses" that is not a list: pointed at. */
	f = parse_str("{\"name\": \"X\",\n \"responses\": {\"a\": 1}}");
	d = kb_diags_get(f->diags, 0);
	assert_string_equal(d->message, "not a Dialogflow intent: no \"responses\" list");
	assert_int_equal(d->line, 2);
	assert_int_equal(d->column, 16);
	done(f);

	f = parse_str("{\"responses\": []}");
	assert_string_equal(kb_diags_get(f->diags, 0)->message,
			    "not a Dialogflow intent: no \"name\"");
	done(f);

	/* Broken JSON: libfyaml's error, with its position. */
	f = parse_str("{\n  \"name\": \"X\",\n  \"responses\": [,]\n}\n");
	assert_int_equal(f->units.len, 0);
	assert_int_equal(count_diags(f->diags, KB_DIAG_ERROR, "invalid JSON"), 1);
	assert_int_equal(kb_diags_get(f->diags, 0)->line, 3 + yaml_error_shift());
	done(f);
}

static void test_tabs(void **state)
{
	fixture *f = parse_str("{\n"
			       "\t\"name\":\t\"Refunds\",\n"
			       "\t\"responses\": [{\n"
			       "\t\t\"messages\": [{\n"
			       "\t\t\t\"type\": 0,\n"
			       "\t\t\t\"speech\":\t[\"Refunds\\ttake 5 days.\"]\n"
			       "\t\t}]\n"
			       "\t}]\n"
			       "}\n");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "Refunds/0/0");
	/* "\t" inside the string is whitespace; a tab is one column. */
	assert_string_equal(u->text, "Refunds take 5 days.");
	assert_phrase(f, u, "take 5 days.", 6, 25, 6, 37);
	assert_string_equal(u->question, "Refunds"); /* no training phrases */
	done(f);
}

static void test_bom(void **state)
{
	fixture *f = parse_str("\xEF\xBB\xBF{\"name\": \"Refunds\", \"responses\": [{\"messages\": "
			       "[{\"type\": 0, \"speech\": \"Refunds take 5 days.\"}]}]}");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 1);
	/* The BOM is not a column. */
	assert_phrase(f, unit(f, 0), "5 days", 1, 85, 1, 91);
	assert_loc(unit(f, 0), 1, 72, 1, 92);
	done(f);
}

static void test_crlf(void **state)
{
	fixture *f = parse_str("{\r\n"
			       "  \"name\": \"Refunds\",\r\n"
			       "  \"responses\": [{\r\n"
			       "    \"messages\": [{\r\n"
			       "      \"type\": 0,\r\n"
			       "      \"speech\": [\"Refunds take 5 days.\", \"Up to 5 days.\"]\r\n"
			       "    }]\r\n"
			       "  }],\r\n"
			       "  \"webhookUsed\": false\r\n"
			       "}\r\n");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 2);
	assert_phrase(f, unit(f, 0), "5 days", 6, 32, 6, 38);
	assert_phrase(f, unit(f, 1), "Up to", 6, 43, 6, 48);
	done(f);

	/* A syntax error in a CRLF file is reported on its own line (libfyaml
	 * alone counts CRLF as two lines in JSON). */
	f = parse_str("{\r\n  \"name\": \"X\",\r\n  \"responses\": [,]\r\n}\r\n");
	assert_int_equal(count_diags(f->diags, KB_DIAG_ERROR, "invalid JSON"), 1);
	assert_int_equal(kb_diags_get(f->diags, 0)->line, 3 + yaml_error_shift());
	done(f);
}

/* ---- detection ------------------------------------------------------------ */

static const char *detected(const char *path, const char *data)
{
	const kb_parser *p = kb_parser_detect(path, data, strlen(data));
	return p ? p->name : "(none)";
}

static void test_detect(void **state)
{
	const char *intent = "{\"name\": \"X\", \"responses\": [{\"messages\": []}]}";
	assert_string_equal(detected("bot/intents/X.json", intent), "dialogflow");
	assert_string_equal(detected("intents/X.json", intent), "dialogflow");
	assert_string_equal(detected("x.zip/intents/X.json", intent), "dialogflow");
	/* Outside intents/, or without "responses": not an intent. */
	assert_string_equal(detected("bot/X.json", intent), "(none)");
	assert_string_equal(detected("bot/intents/X.json", "{\"name\": \"X\"}"), "(none)");
	assert_string_equal(detected("bot/intents/X_usersays_en.json", "[{\"data\": []}]"),
			    "dialogflow-usersays");
	assert_string_equal(detected("bot/agent.json", "{\"language\": \"en\"}"),
			    "dialogflow-agent");
	assert_string_equal(detected("bot/package.json", "{\"version\": \"1.0.0\"}"), "(none)");
	assert_string_equal(detected("bot/entities/size.json",
				     "{\"name\": \"size\", \"isEnum\": false}"),
			    "(none)");
	assert_string_equal(detected("bot/entities/size_entries_en.json",
				     "[{\"value\": \"l\", \"synonyms\": [\"l\"]}]"),
			    "(none)");
	/* Not ours: a Zendesk macros export mentioning responses. */
	const char *macros = "{\"macros\": [{\"id\": 1, \"title\": \"Refunds\", \"actions\": "
			     "[{\"field\": \"comment_value\", \"value\": \"responses\"}]}]}";
	assert_null(strstr(detected("macros/export.json", macros), "dialogflow"));
	assert_null(strstr(detected("intents/macros.json", macros), "dialogflow"));
	/* CX. */
	assert_string_equal(detected("cx/flows/Main/Main.json",
				     "{\"displayName\": \"Main\", \"transitionRoutes\": []}"),
			    "dialogflow-cx");
	assert_string_equal(detected("cx/flows/Main/pages/Ask.json",
				     "{\"displayName\": \"Ask\", \"entryFulfillment\": {}}"),
			    "dialogflow-cx");
	assert_string_equal(detected("cx/intents/a/trainingPhrases/en.json",
				     "{\"trainingPhrases\": []}"),
			    "dialogflow-usersays");
	assert_string_equal(detected("cx/intents/a/a.json",
				     "{\"name\": \"u\", \"displayName\": \"a\"}"),
			    "(none)");
	assert_string_equal(detected("cx/agent.json", "{\"defaultLanguageCode\": \"en\"}"),
			    "dialogflow-agent");
}

/* ---- CX export ------------------------------------------------------------ */

static void test_cx_export(void **state)
{
	run *r = run_path(DATA "/cx");
	assert_int_equal(kb_diags_count(r->diags), 0);
	/* The intent definition (intents/x/x.json) is not a source. */
	assert_null(run_source(r, "refund.time/refund.time.json"));
	assert_string_equal(run_source(r, "trainingPhrases/en.json")->format,
			    "dialogflow-usersays");
	assert_string_equal(run_source(r, "pages/Returns.json")->format, "dialogflow-cx");
	assert_int_equal(r->units.len, 6);

	/* The flow: its start page's routes and event handlers. */
	const kb_unit *u = run_unit(r, "Default Start Flow/Start Page/Default Welcome Intent/0");
	assert_string_equal(u->text, "Hi! How can I help with your order?");
	assert_string_equal(u->question, "Default Welcome Intent"); /* no phrases file */
	assert_string_equal(u->locale, "en");
	assert_int_equal(u->source->channel, KB_CHANNEL_CHATBOT);
	u = run_unit(r, "Default Start Flow/Start Page/sys.no-match-default/0");
	assert_string_equal(u->text, "Sorry, could you say that again?");
	assert_null(u->question);

	/* A page's entry: each text an alternative; languageCode per message. */
	u = run_unit(r, "Default Start Flow/Returns/entry/0");
	assert_string_equal(u->text, "Returns are accepted within 30 days.");
	assert_string_equal(u->question, "Returns");
	assert_string_equal(u->locale, "en");
	assert_at(u, "within 30 days", 7, 41, 7, 55);
	assert_int_equal(u->loc.line, 7);
	assert_int_equal(u->loc.column, 20);
	u = run_unit(r, "Default Start Flow/Returns/entry/1");
	assert_string_equal(u->text, "You have 30 days to send an item back.");
	u = run_unit(r, "Default Start Flow/Returns/entry/2");
	assert_string_equal(u->text, "Bạn có 30 ngày để đổi trả.");
	assert_string_equal(u->locale, "vi");
	assert_at(u, "30 ngày", 12, 27, 12, 34);

	/* A route linked to its intent: the training phrase is the question;
	 * no languageCode: agent.json's defaultLanguageCode. */
	u = run_unit(r, "Default Start Flow/Returns/refund.time/0");
	assert_string_equal(u->text, "Refunds reach your card within 5 business days.");
	assert_string_equal(u->question, "when do I get my refund?");
	assert_string_equal(u->locale, "en");
	assert_at(u, "5 business days", 22, 53, 22, 68);
	run_free(r);
}

/* ---- zip ------------------------------------------------------------------ */

static char tmpdir[64];

static void make_tmpdir(void)
{
	strcpy(tmpdir, "/tmp/kbcheck-df-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void rm_tmpdir(void) { nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS); }

static const char *tmp_path(kb_arena *a, const char *name)
{
	return kb_sprintf(a, "%s/%s", tmpdir, name);
}

/* A zip at path with members name[i] holding data[i] (NULL data: the
 * fixture file DATA/es/<name>); stored uncompressed when store. */
static void make_zip(const char *path, const char *const *name, const char *const *data,
		     size_t n, bool store)
{
	int err;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s;
		if (data && data[i]) {
			s = zip_source_buffer(z, data[i], strlen(data[i]), 0);
		} else {
			char file[1024];
			snprintf(file, sizeof file, "%s/es/%s", DATA, name[i]);
			s = zip_source_file(z, file, 0, -1);
		}
		assert_non_null(s);
		zip_int64_t idx = zip_file_add(z, name[i], s, ZIP_FL_ENC_UTF_8);
		assert_true(idx >= 0);
		if (store)
			zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	assert_int_equal(zip_close(z), 0);
}

static void test_zip_export(void **state)
{
	make_tmpdir();
	kb_arena *a = kb_arena_new();
	const char *zpath = tmp_path(a, "agent-export.zip");
	static const char *const names[] = {
	    "agent.json",
	    "package.json",
	    "entities/size.json",
	    "intents/Return Policy.json",
	    "intents/Return Policy_usersays_en.json",
	    "intents/Return Policy_usersays_vi.json",
	    "intents/Order Status.json",
	};
	make_zip(zpath, names, NULL, sizeof names / sizeof names[0], false);
	/* Extras a real zip may hold: a directory, macOS resource forks,
	 * and members that must never become paths. */
	int err;
	zip_t *z = zip_open(zpath, 0, &err);
	zip_dir_add(z, "intents/", 0);
	static const char junk[] = "\0\0\0\x01 binary";
	zip_file_add(z, "__MACOSX/intents/._Return Policy.json",
		     zip_source_buffer(z, junk, sizeof junk, 0), 0);
	zip_file_add(z, "../evil.json", zip_source_buffer(z, "{}", 2, 0), 0);
	zip_file_add(z, "/etc/evil.json", zip_source_buffer(z, "{}", 2, 0), 0);
	assert_int_equal(zip_close(z), 0);

	run *r = run_path(zpath);
	/* Members are sources named "<zip>/<member>", detected by place. */
	const kb_source *s = run_source(r, "agent-export.zip/intents/Return Policy.json");
	assert_non_null(s);
	assert_string_equal(s->path, kb_sprintf(a, "%s/intents/Return Policy.json", zpath));
	assert_string_equal(s->format, "dialogflow");
	assert_string_equal(run_source(r, ".zip/agent.json")->format, "dialogflow-agent");
	assert_null(run_source(r, ".zip/package.json"));
	assert_null(run_source(r, ".zip/entities/size.json"));
	assert_int_equal(r->sources.len, 5);

	/* Same units as the folder, linked through the zip. */
	assert_int_equal(r->units.len, 6);
	const kb_unit *u = run_unit(r, "Return Policy/1/0");
	assert_string_equal(u->question, "Tôi có thể đổi trả trong bao lâu?");
	assert_string_equal(u->locale, "vi");
	u = run_unit(r, "Return Policy/3/0");
	assert_string_equal(u->locale, "en"); /* agent.json in the zip */
	assert_at(u, "accept returns", 58, 28, 58, 42);

	/* The unsafe members are refused by name; the resource fork and the
	 * directory are passed over quietly. */
	assert_int_equal(count_diags(r->diags, KB_DIAG_ERROR, "unsafe zip member"), 2);
	const kb_diag_entry *d = find_diag(r->diags, "\"..\" in the path");
	assert_string_equal(d->path, kb_sprintf(a, "%s/../evil.json", zpath));
	d = find_diag(r->diags, "absolute path");
	assert_string_equal(d->path, kb_sprintf(a, "%s//etc/evil.json", zpath));
	assert_int_equal(count_diags(r->diags, KB_DIAG_NOTE, "no static answer"), 1);
	assert_int_equal(kb_diags_count(r->diags), 3);
	run_free(r);
	kb_arena_free(a);
	rm_tmpdir();
}

static void test_zip_corrupt(void **state)
{
	make_tmpdir();
	kb_arena *a = kb_arena_new();

	/* Not a zip at all: one error naming it; the rest of the KB is read. */
	const char *bad = tmp_path(a, "broken.zip");
	FILE *fp = fopen(bad, "wb");
	fputs("PK\x03\x04 this is not really a zip", fp);
	fclose(fp);
	const char *paths[] = {bad, DATA "/es"};
	run *r = run_paths(paths, 2);
	assert_int_equal(count_diags(r->diags, KB_DIAG_ERROR, NULL), 1);
	const kb_diag_entry *d = find_diag(r->diags, "cannot read this zip");
	assert_string_equal(d->path, bad);
	assert_int_equal(r->units.len, 7);
	run_free(r);

	/* A damaged member: an error naming zip and member; the other
	 * member is still read. */
	const char *zpath = tmp_path(a, "damaged.zip");
	static const char *const names[] = {"intents/Good.json", "intents/Bad.json"};
	static const char *const data[] = {
	    "{\"name\": \"Good\", \"responses\": [{\"messages\": [{\"type\": 0, "
	    "\"speech\": \"Open every day.\"}]}]}",
	    "{\"name\": \"Bad\", \"responses\": [{\"messages\": [{\"type\": 0, "
	    "\"speech\": \"Refunds take MARKER days.\"}]}]}",
	};
	make_zip(zpath, names, data, 2, true);
	fp = fopen(zpath, "r+b");
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf, fp);
	char *m = memmem(buf, n, "MARKER", 6);
	assert_non_null(m);
	fseek(fp, m - buf, SEEK_SET);
	fputs("marker", fp);
	fclose(fp);
	r = run_path(zpath);
	assert_int_equal(count_diags(r->diags, KB_DIAG_ERROR, NULL), 1);
	d = find_diag(r->diags, "cannot read this zip member");
	assert_string_equal(d->path, kb_sprintf(a, "%s/intents/Bad.json", zpath));
	assert_int_equal(r->units.len, 1);
	assert_string_equal(run_unit(r, "Good/0/0")->text, "Open every day.");
	run_free(r);
	kb_arena_free(a);
	rm_tmpdir();
}

static void test_zip_limits(void **state)
{
	make_tmpdir();
	kb_arena *a = kb_arena_new();
	char big[1001];
	memset(big, ' ', 1000);
	big[0] = '{';
	big[999] = '}';
	big[1000] = '\0';

	/* One member over max_file_size: that member is skipped. */
	const char *zpath = tmp_path(a, "one.zip");
	static const char *const names1[] = {"intents/Big.json", "intents/Small.json"};
	const char *data1[] = {big, "{\"name\": \"Small\", \"responses\": [{\"messages\": "
				    "[{\"type\": 0, \"speech\": \"Hi.\"}]}]}"};
	make_zip(zpath, names1, data1, 2, false);
	run *r = run_paths_limit(&zpath, 1, 500);
	const kb_diag_entry *d = find_diag(r->diags, "over the limit of 500");
	assert_string_equal(d->path, kb_sprintf(a, "%s/intents/Big.json", zpath));
	assert_int_equal(r->units.len, 1);
	run_free(r);

	/* In all, ten times max_file_size. */
	zpath = tmp_path(a, "many.zip");
	const char *names2[30], *data2[30];
	for (int i = 0; i < 30; i++) {
		names2[i] = kb_sprintf(a, "intents/F%02d.json", i);
		data2[i] = big;
	}
	make_zip(zpath, names2, data2, 30, false);
	r = run_paths_limit(&zpath, 1, 2000);
	d = find_diag(r->diags, "zip expands to more than 20000 bytes");
	assert_string_equal(d->path, zpath);
	assert_non_null(strstr(d->message, "from intents/F20.json on skipped"));
	assert_int_equal(count_diags(r->diags, KB_DIAG_ERROR, NULL), 1);
	run_free(r);

	/* Too many members: the zip is not read. */
	zpath = tmp_path(a, "crowded.zip");
	int err;
	zip_t *z = zip_open(zpath, ZIP_CREATE | ZIP_TRUNCATE, &err);
	for (int i = 0; i <= KB_ARCHIVE_MAX_MEMBERS; i++)
		zip_file_add(z, kb_sprintf(a, "f%05d.json", i), zip_source_buffer(z, "{}", 2, 0), 0);
	assert_int_equal(zip_close(z), 0);
	r = run_path(zpath);
	d = find_diag(r->diags, "zip has 10001 members, over the limit of 10000: skipped");
	assert_string_equal(d->path, zpath);
	assert_int_equal(r->sources.len, 0);
	run_free(r);
	kb_arena_free(a);
	rm_tmpdir();
}

/* ---- the real corpus ------------------------------------------------------ */

/* An ES export (github.com/ChenHY1217/Dialogflow-Ecommerce-Support-Chatbot,
 * MIT) whose support intents all answer by webhook with empty text. */
static void test_real_corpus(void **state)
{
	char buf[1024];
	const char *dir = shared_path(buf, sizeof buf,
				      "corpora-real/dialogflow-ecommerce-support-en/"
				      "Ecommerce-Support-Bot");
	run *r = run_path(dir);
	assert_int_equal(count_diags(r->diags, KB_DIAG_ERROR, NULL), 0);
	assert_int_equal(count_diags(r->diags, KB_DIAG_WARNING, NULL), 0);
	/* One note per webhook-only intent, nothing else. */
	static const char *const webhook[] = {"Check Order Status", "FAQs", "Order Details",
					      "Product Recommendations", "Return Policy",
					      "Shipping Information"};
	assert_int_equal(kb_diags_count(r->diags), 6);
	for (size_t i = 0; i < 6; i++) {
		char msg[128];
		snprintf(msg, sizeof msg, "intent '%s' has no static answer (webhook only)",
			 webhook[i]);
		assert_int_equal(count_diags(r->diags, KB_DIAG_NOTE, msg), 1);
	}
	/* No unit from them; the only static text is the stock welcome and
	 * fallback replies (4 + 12 variants). */
	size_t welcome = 0, fallback = 0;
	for (size_t i = 0; i < r->units.len; i++) {
		const kb_unit *u = r->units.items[i];
		welcome += strncmp(u->id, "Default Welcome Intent/", 23) == 0;
		fallback += strncmp(u->id, "Default Fallback Intent/", 24) == 0;
	}
	assert_int_equal(welcome, 4);
	assert_int_equal(fallback, 12);
	assert_int_equal(r->units.len, 16);
	/* agent.json + 8 intents + 7 training phrase files; entities and
	 * package.json are not sources. */
	assert_int_equal(r->sources.len, 16);
	run_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_es_export),
	    cmocka_unit_test(test_es_positions),
	    cmocka_unit_test(test_webhook_only),
	    cmocka_unit_test(test_not_an_intent),
	    cmocka_unit_test(test_tabs),
	    cmocka_unit_test(test_bom),
	    cmocka_unit_test(test_crlf),
	    cmocka_unit_test(test_detect),
	    cmocka_unit_test(test_cx_export),
	    cmocka_unit_test(test_zip_export),
	    cmocka_unit_test(test_zip_corrupt),
	    cmocka_unit_test(test_zip_limits),
	    cmocka_unit_test(test_real_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
