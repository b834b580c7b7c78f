/* test_mapped.c - any JSON or YAML export through kbcheck.yml's map
 * (parse/mapped.c), its paths (base/jpath.c) and its config errors; the
 * shapes read without a map; exact positions through escapes and CRLF.
 * What wide paths read (every string once) is data in
 * tests/units/mapped/every-string-once, with its kbcheck.yml. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>


#include "base/jpath.h"
#include "base/yaml.h"
#include "parse/parser.h"
#include "config/config.h"

static const char *cur_path = "export.json";
static const kb_map *cur_map;

static void set_map(kb_source *src) { src->answer_map = cur_map; }

#define HARNESS_PATH cur_path
#define HARNESS_FORMAT "mapped"
#define HARNESS_PARSE kb_parse_mapped
#define HARNESS_SETUP set_map
#include "parse_harness.h"

static kb_arena *map_arena;

/* A map from its paths (NULL: not given); answer and question take one
 * path or several separated by '|'. */
static const kb_map *map_of(const char *units, const char *answer, const char *question,
			    const char *id, const char *locale)
{
	if (!map_arena)
		map_arena = kb_arena_new();
	kb_arena *a = map_arena;
	kb_map *m = KB_NEW(a, kb_map);
	size_t at;
	const char *err;
#define PATH(s, rel) ((s) ? kb_jpath_compile(a, (s), (rel), &at, &err) : NULL)
	m->units = PATH(units, false);
	const char *lists[2] = {answer, question};
	for (int k = 0; k < 2; k++) {
		if (!lists[k])
			continue;
		const kb_jpath **v = KB_NEWN(a, const kb_jpath *, 8);
		size_t n = 0;
		for (const char *p = lists[k]; p;) {
			const char *bar = strchr(p, '|');
			const char *one = bar ? kb_strndup(a, p, (size_t)(bar - p)) : p;
			v[n] = PATH(one, true);
			assert_non_null(v[n]);
			n++;
			p = bar ? bar + 1 : NULL;
		}
		if (k == 0) {
			m->answer = v;
			m->nanswer = n;
		} else {
			m->question = v;
			m->nquestion = n;
		}
	}
	m->id = PATH(id, true);
	m->locale = PATH(locale, true);
#undef PATH
	return m;
}

static fixture *mapped(const char *path, const kb_map *map, const char *data)
{
	cur_path = path;
	cur_map = map;
	return parse_str(data);
}

/* ---- maps ----------------------------------------------------------------- */

/* A flat {title: text} macro file: each key the question, its value the
 * answer. */
static void test_flat_map(void **state)
{
	(void)state;
	fixture *f = mapped("macros.json", map_of("$.*", NULL, "@key", NULL, NULL),
			    "{\n"
			    "  \"Refund time\": \"Refunds reach your card in 5 days.\",\n"
			    "  \"Returns\": \"You can return items within 30 days.\",\n"
			    "  \"count\": 3\n"
			    "}\n");
	assert_int_equal(f->units.len, 2);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "Refund time");
	assert_string_equal(u->question, "Refund time");
	assert_string_equal(u->text, "Refunds reach your card in 5 days.");
	assert_loc(u, 2, 18, 2, 54); /* the string, quotes included */
	assert_phrase(f, u, "5 days", 2, 46, 2, 52);
	u = unit(f, 1);
	assert_string_equal(u->question, "Returns");
	assert_phrase(f, u, "within 30 days", 3, 36, 3, 50);
	assert_int_equal(kb_diags_count(f->diags), 0);
	done(f);
}

/* A bot's replies: a list of objects, text as a string or a list of
 * messages, the question from the first key that has one, ids and locale
 * from the object, else the unit's path. */
static void test_nested_array(void **state)
{
	(void)state;
	const char *json =
	    "{\"bot\": {\"replies\": [\n"
	    "  {\"key\": \"cancel\", \"lang\": \"vi-VN\", \"title\": \"Hủy đơn?\",\n"
	    "   \"text\": \"Bạn có thể hủy trong vòng 24 giờ.\"},\n"
	    "  {\"q\": [\"Shipping?\", \"Delivery?\"], \"title\": null,\n"
	    "   \"text\": [\"Delivery takes 3-5 days.\", [\"Free over $50.\"]]},\n"
	    "  {\"key\": 7, \"text\": {\"en\": \"nested\"}}\n"
	    "]}}\n";
	fixture *f = mapped("bot/replies.json",
			    map_of("$.bot.replies[*]", "text", "title|q", "key", "lang"), json);
	assert_int_equal(f->units.len, 2);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "cancel");
	assert_string_equal(u->locale, "vi");
	assert_string_equal(u->question, "Hủy đơn?");
	assert_phrase(f, u, "24 giờ", 3, 39, 3, 45);
	u = unit(f, 1);
	assert_string_equal(u->id, "bot/replies/1"); /* no key: its path */
	assert_string_equal(u->question, "Shipping?"); /* title is null; q's first */
	assert_string_equal(u->text, "Delivery takes 3-5 days.\nFree over $50.");
	assert_loc(u, 5, 13, 5, 58); /* from the first string to the last */
	assert_phrase(f, u, "$50", 5, 53, 5, 56);
	/* The third reaches an object: said once, where it is. */
	const kb_diag_entry *e = diag_with(f, "answer \"text\" reaches an object");
	assert_int_equal(e->level, KB_DIAG_WARNING);
	assert_int_equal(e->line, 6);
	assert_int_equal(e->column, 24); /* its first key, as every object */
	done(f);
}

/* \n breaks a paragraph, \u00e9 and a surrogate pair are one character
 * each mapped to their escape, \" and \/ too; the words after them are
 * exact. */
static void test_escapes(void **state)
{
	(void)state;
	const char *json = "[{\"a\": \"Caf\\u00e9 \\ud83d\\ude00 \\\"open\\\" 8:00\\/22:00.\\n"
			   "Refunds take 5 days.\"}]\n";
	fixture *f = mapped("x.json", map_of("$[*]", "a", NULL, NULL, NULL), json);
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->text, "Caf\xc3\xa9 \xf0\x9f\x98\x80 \"open\" 8:00/22:00.\n"
				     "Refunds take 5 days.");
	kb_loc l = text_loc(u, "\xc3\xa9");
	assert_int_equal(l.start, 11); /* \u00e9: 6 bytes */
	assert_int_equal(l.end, 17);
	l = text_loc(u, "\xf0\x9f\x98\x80");
	assert_int_equal(l.start, 18); /* the pair: 12 bytes, one character */
	assert_int_equal(l.end, 30);
	assert_int_equal(l.column, 19);
	assert_int_equal(l.end_column, 31);
	assert_phrase(f, u, "open", 1, 34, 1, 38);
	assert_phrase(f, u, "8:00", 1, 41, 1, 45);
	assert_phrase(f, u, "22:00.", 1, 47, 1, 53);
	assert_phrase(f, u, "5 days", 1, 68, 1, 74);
	done(f);
}

/* CRLF line ends: lines and columns as an editor shows them. */
static void test_crlf(void **state)
{
	(void)state;
	const char *json = "{\r\n  \"faqs\": [\r\n    {\"question\": \"Can I cancel?\",\r\n"
			   "     \"answer\": \"Yes, within 24 hours.\"}\r\n  ]\r\n}\r\n";
	fixture *f = mapped("faq.json", map_of("$.faqs[*]", "answer", "question", NULL, NULL),
			    json);
	assert_int_equal(f->units.len, 1);
	assert_string_equal(unit(f, 0)->id, "faqs/0");
	assert_phrase(f, unit(f, 0), "within 24 hours", 4, 22, 4, 37);
	assert_loc(unit(f, 0), 4, 16, 4, 39);
	done(f);
	const char *yaml = "faqs:\r\n  - q: Can I cancel?\r\n    a: >\r\n      Yes, within\r\n"
			   "      24 hours.\r\n";
	f = mapped("faq.yml", map_of("$.faqs[*]", "a", "q", NULL, NULL), yaml);
	assert_int_equal(f->units.len, 1);
	assert_string_equal(unit(f, 0)->text, "Yes, within 24 hours.");
	assert_phrase(f, unit(f, 0), "Yes, within", 4, 7, 4, 18);
	assert_phrase(f, unit(f, 0), "24 hours.", 5, 7, 5, 16);
	done(f);
}

/* YAML: block, quoted and plain scalars are text; numbers, booleans and
 * null are not.  {title: text} in YAML, with the default answer. */
static void test_yaml(void **state)
{
	(void)state;
	const char *yaml = "# macros\n"
			   "Refund time: Refunds take 5 days.\n"
			   "Returns: |\n"
			   "  You can return items\n"
			   "  within 30 days.\n"
			   "Quoted: 'It''s free over $50.'\n"
			   "Fee: 30\n"
			   "Open: true\n"
			   "Closed: ~\n";
	fixture *f = mapped("macros.yml", map_of("$.*", NULL, "@key", NULL, NULL), yaml);
	assert_int_equal(f->units.len, 3);
	assert_string_equal(unit(f, 0)->question, "Refund time");
	assert_phrase(f, unit(f, 0), "5 days", 2, 27, 2, 33);
	assert_string_equal(unit(f, 1)->text, "You can return items\nwithin 30 days.");
	assert_loc(unit(f, 1), 4, 3, 5, 18); /* its words, not the indent or line end */
	assert_phrase(f, unit(f, 1), "within 30 days", 5, 3, 5, 17);
	assert_string_equal(unit(f, 2)->text, "It's free over $50.");
	assert_loc(unit(f, 2), 6, 9, 6, 31);
	done(f);
}

static void test_map_finds_nothing(void **state)
{
	(void)state;
	fixture *f = mapped("kb.json", map_of("$.replies[*]", "text", NULL, NULL, NULL),
			    "{\"reply\": [{\"text\": \"Hi.\"}]}");
	assert_int_equal(f->units.len, 0);
	assert_int_equal(diag_with(f, "found no answer text")->level, KB_DIAG_WARNING);
	done(f);
	f = mapped("kb.json", map_of("$", NULL, NULL, NULL, NULL), "{\"a\": [1, 2,");
	assert_int_equal(f->units.len, 0);
	assert_int_equal(diag_with(f, "invalid JSON")->level, KB_DIAG_ERROR);
	done(f);
}

/* ---- without a map ----------------------------------------------------------- */

static void test_question_lists(void **state)
{
	(void)state;
	const char *json = "{\"faqs\": [\n"
			   "  {\"id\": 12, \"q\": \"Can I cancel?\", \"a\": \"Within 24 hours.\"},\n"
			   "  {\"q\": \"Refunds?\", \"a\": \"In 5 days.\", \"locale\": \"th\"}\n"
			   "]}\n";
	assert_int_equal(kb_detect_mapped("faq.json", json, strlen(json)), 30);
	fixture *f = mapped("faq.json", NULL, json);
	assert_int_equal(f->units.len, 2);
	assert_string_equal(unit(f, 0)->id, "12");
	assert_string_equal(unit(f, 0)->question, "Can I cancel?");
	assert_phrase(f, unit(f, 0), "24 hours", 2, 49, 2, 57);
	assert_string_equal(unit(f, 1)->id, "faqs/1");
	done(f);
	const char *yaml = "- question: Can I cancel?\n  answer: Within 24 hours.\n"
			   "- question: Refunds?\n  answer: In 5 days.\n";
	assert_int_equal(kb_detect_mapped("_data/faq.yml", yaml, strlen(yaml)), 30);
	f = mapped("_data/faq.yml", NULL, yaml);
	assert_int_equal(f->units.len, 2);
	assert_phrase(f, unit(f, 1), "5 days", 4, 14, 4, 20);
	done(f);
}

static void test_keyed_replies(void **state)
{
	(void)state;
	const char *json = "{\n"
			   "  \"greeting\": {\"description\": \"Says hello\", \"reply\": \"Hello!\"},\n"
			   "  \"price\": {\"description\": \"Asks the price\", \"reply\": \"It is $18.\"},\n"
			   "  \"photo\": {\"image\": \"a.png\"}\n"
			   "}\n";
	assert_int_equal(kb_detect_mapped("bot/replies.json", json, strlen(json)), 30);
	fixture *f = mapped("bot/replies.json", NULL, json);
	assert_int_equal(f->units.len, 2);
	assert_string_equal(unit(f, 1)->id, "price");
	assert_string_equal(unit(f, 1)->question, "Asks the price");
	assert_phrase(f, unit(f, 1), "$18", 3, 62, 3, 65);
	done(f);
}

/* Shapes that are not read without a map. */
static void test_not_detected(void **state)
{
	(void)state;
	static const char *const no[] = {
	    /* Rasa's JSON training data: what customers say */
	    "{\"rasa_nlu_data\": {\"common_examples\": [{\"text\": \"cancel my order\", "
	    "\"intent\": \"cancel\"}]}}",
	    "[{\"text\": \"Hello\"}, {\"text\": \"Bye\"}]",
	    /* pages of a CMS */
	    "[{\"title\": \"About us\", \"content\": \"We sell shoes.\"}]",
	    /* a question list whose later item has no answer */
	    "[{\"q\": \"A?\", \"a\": \"Yes.\"}, {\"q\": \"B?\"}]",
	    /* one reply is not a replies file */
	    "{\"a\": {\"reply\": \"Hi\"}, \"b\": {\"other\": \"x\"}, \"c\": {\"other\": \"y\"}}",
	    "{\"name\": \"shop\", \"greeting\": {\"reply\": \"Hi\"}, \"bye\": {\"reply\": \"Bye\"}}",
	    "{\"answer\": 42}",
	    "{\"faqs\": [{\"q\": \"A?\", \"a\": \"Yes.\"}",
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		if (kb_detect_mapped("x.json", no[i], strlen(no[i])) != 0)
			fail_msg("detected: %s", no[i]);
	}
	/* Read as mapped (format: mapped alone), such a file says why not. */
	fixture *f = mapped("x.json", NULL, no[1]);
	assert_int_equal(f->units.len, 0);
	assert_int_equal(diag_with(f, "no map for this file")->level, KB_DIAG_WARNING);
	done(f);
}

/* Parsers that know a file win over the shapes. */
static void test_detect_order(void **state)
{
	(void)state;
	const char *faq = "[{\"question\": \"A?\", \"answer\": \"Yes.\"}]";
	assert_string_equal(kb_parser_detect("faq.json", faq, strlen(faq))->name, "mapped");
	const char *intents = "[{\"intent\": \"x\", \"responses\": [\"Yes.\"], "
			      "\"question\": \"A?\", \"answer\": \"Yes.\"}]";
	assert_string_equal(kb_parser_detect("i.json", intents, strlen(intents))->name,
			    "intent-responses");
	const char *pkg = "{\"name\": \"x\", \"version\": \"1.0.0\"}";
	assert_null(kb_parser_detect("package.json", pkg, strlen(pkg)));
	const char *domain = "version: \"3.1\"\nresponses:\n  utter_x:\n  - text: Hi\n";
	assert_string_equal(kb_parser_detect("domain.yml", domain, strlen(domain))->name, "rasa");
}

/* ---- paths ------------------------------------------------------------------- */

typedef struct collected {
	char out[256];
} collected;

static bool collect(const kb_jpath_node *m, void *user)
{
	collected *c = user;
	size_t len = 0;
	const char *s = kb_yaml_is_scalar(m->node) ? kb_yaml_scalar(m->node, &len) : "#";
	char one[64];
	snprintf(one, sizeof one, "%s%.*s", c->out[0] ? "," : "", (int)(s[0] == '#' ? 1 : len),
		 s);
	strncat(c->out, one, sizeof c->out - strlen(c->out) - 1);
	return true;
}

static const char *eval(const char *path, const char *json)
{
	static collected c;
	kb_arena *a = kb_arena_new();
	kb_yaml y;
	assert_true(kb_yaml_parse(&y, kb_diags_new(a), "t.json", json, strlen(json), true));
	size_t at;
	const char *err = NULL;
	kb_jpath *p = kb_jpath_compile(a, path, true, &at, &err);
	if (!p)
		fail_msg("%s: %s at %zu", path, err, at);
	c.out[0] = '\0';
	kb_jpath_each(p, kb_yaml_root(&y), NULL, collect, &c);
	kb_yaml_close(&y);
	kb_arena_free(a);
	return c.out;
}

static void test_paths(void **state)
{
	(void)state;
	const char *doc = "{\"a\": [\"x\", \"y\", {\"b\": \"z\"}], \"c d\": {\"b\": \"w\", \"e\": "
			  "[[\"v\"]]}, \"ชื่อ\": \"t\"}";
	assert_string_equal(eval("$.a[*]", doc), "x,y,#");
	assert_string_equal(eval("$.a[1]", doc), "y");
	assert_string_equal(eval("$.a[-1].b", doc), "z");
	assert_string_equal(eval("$.a[7]", doc), "");
	assert_string_equal(eval("$..b", doc), "z,w");
	assert_string_equal(eval("$..['b']", doc), "z,w");
	assert_string_equal(eval("$['c d'].b", doc), "w");
	assert_string_equal(eval("$[\"c d\"].e[0][0]", doc), "v");
	assert_string_equal(eval("$.ชื่อ", doc), "t");
	assert_string_equal(eval("$.*", doc), "#,#,t");
	assert_string_equal(eval("$..*", doc), "#,x,y,#,z,#,w,#,#,v,t");
	assert_string_equal(eval("a[0]", doc), "x"); /* relative, from the root here */
	assert_string_equal(eval("@.a[0]", doc), "x");
	assert_string_equal(eval("@key", doc), ""); /* the root has no key */
	static const struct {
		const char *path;
		size_t at;
		const char *err;
	} bad[] = {
	    {"", 0, "an empty path"},
	    {"$.", 2, "the path ends after '.'"},
	    {"$.a[", 3, "expected [*], [N] or ['key']"},
	    {"$.a[x]", 3, "expected [*], [N] or ['key']"},
	    {"$['a", 2, "a quoted key without its closing quote"},
	    {"$['a'x", 5, "expected ']' after the quoted key"},
	    {"$a", 1, "expected '.' or '[' here"},
	    {"$..[0]", 3, "'..' takes a key, '*' or a quoted key, not an index"},
	    {"@keys", 1, "'@' is followed by '.', '[' or nothing ('@key' stands alone)"},
	    {"a b", 1, "expected '.' or '[' here"},
	};
	kb_arena *a = kb_arena_new();
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t at = 99;
		const char *err = NULL;
		assert_null(kb_jpath_compile(a, bad[i].path, true, &at, &err));
		assert_string_equal(err, bad[i].err);
		assert_int_equal(at, bad[i].at);
	}
	size_t at;
	const char *err;
	assert_null(kb_jpath_compile(a, "faqs[*]", false, &at, &err));
	assert_string_equal(err, "a path starts with '$' (the document's root)");
	kb_arena_free(a);
}

/* ---- kbcheck.yml ------------------------------------------------------------- */

static kb_config *config_from(kb_arena *a, kb_diags *d, const char *yaml)
{
	char path[] = "/tmp/kbmappedXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	fputs(yaml, fp);
	fclose(fp);
	kb_config *c = kb_config_load(a, d, path, NULL);
	remove(path);
	return c;
}

static void assert_diag(kb_diags *d, size_t i, int line, int col, const char *msg)
{
	assert_true(i < kb_diags_count(d));
	const kb_diag_entry *e = kb_diags_get(d, i);
	assert_int_equal(e->level, KB_DIAG_ERROR);
	assert_string_equal(e->message, msg);
	assert_int_equal(e->line, line);
	assert_int_equal(e->column, col);
}

static void test_config(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_config *c = config_from(a, d,
				   "sources:\n"
				   "  - glob: \"bot/*.json\"\n"
				   "    channel: chatbot\n"
				   "    map:\n"
				   "      units: \"$.replies[*]\"\n"
				   "      answer: [text, \"messages[*]\"]\n"
				   "      question: title\n"
				   "      id: \"@key\"\n"
				   "      locale: lang\n");
	assert_int_equal(kb_diags_count(d), 0);
	assert_int_equal(c->nsources, 1);
	const kb_source_rule *r = &c->sources[0];
	assert_string_equal(r->format, "mapped"); /* a map makes the format */
	assert_non_null(r->map);
	assert_string_equal(kb_jpath_text(r->map->units), "$.replies[*]");
	assert_int_equal(r->map->nanswer, 2);
	assert_string_equal(kb_jpath_text(r->map->answer[1]), "messages[*]");
	assert_int_equal(r->map->nquestion, 1);
	assert_string_equal(kb_jpath_text(r->map->id), "@key");
	kb_arena_free(a);

	a = kb_arena_new();
	d = kb_diags_new(a);
	c = config_from(a, d,
			"sources:\n"
			"  - glob: a.json\n"
			"    map:\n"
			"      units: \"$.faqs[0\"\n"
			"      answr: text\n"
			"      question: [title, 'x..[1]']\n"
			"      id: {a: b}\n"
			"  - glob: b.json\n"
			"    format: markdown\n"
			"    map: {units: \"$\"}\n"
			"  - glob: c.json\n"
			"    map: [units]\n"
			"  - glob: d.json\n"
			"    map: {units: faqs}\n");
	assert_int_equal(kb_diags_count(d), 7);
	assert_diag(d, 0, 4, 21, "invalid path \"$.faqs[0\": expected [*], [N] or ['key']");
	assert_diag(d, 1, 5, 7, "unknown key 'answr' in a map (units, answer, question, id, locale)");
	assert_diag(d, 2, 6, 29,
		    "invalid path \"x..[1]\": '..' takes a key, '*' or a quoted key, not an index");
	assert_diag(d, 3, 7, 12, "a path must be a string such as \"answer\" or \"@key\"");
	assert_diag(d, 4, 9, 13, "a map is read by format 'mapped', not 'markdown'");
	assert_diag(d, 5, 12, 11,
		    "'map' must be a mapping such as {units: \"$.faqs[*]\", answer: answer}");
	assert_diag(d, 6, 14, 18, "invalid path \"faqs\": a path starts with '$' (the document's root)");
	/* An invalid map is not used, and does not make the format. */
	assert_int_equal(c->nsources, 4);
	assert_null(c->sources[0].map);
	assert_null(c->sources[0].format);
	assert_null(c->sources[1].map);
	assert_string_equal(c->sources[1].format, "markdown");
	kb_arena_free(a);
}

static int teardown(void **state)
{
	(void)state;
	if (map_arena)
		kb_arena_free(map_arena);
	map_arena = NULL;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_flat_map),
	    cmocka_unit_test(test_nested_array),
	    cmocka_unit_test(test_escapes),
	    cmocka_unit_test(test_crlf),
	    cmocka_unit_test(test_yaml),
	    cmocka_unit_test(test_map_finds_nothing),
	    cmocka_unit_test(test_question_lists),
	    cmocka_unit_test(test_keyed_replies),
	    cmocka_unit_test(test_not_detected),
	    cmocka_unit_test(test_detect_order),
	    cmocka_unit_test(test_paths),
	    cmocka_unit_test(test_config),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
