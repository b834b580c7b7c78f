/* test_rasa.c - the Rasa parsers: response variations as units with exact
 * positions for every scalar style, channel/condition scopes, questions
 * linked through nlu, rules, stories and retrieval intents, detection,
 * suppression comments, bad input, and the real retail demo bot.  Units
 * with nothing but their shape to check are data in tests/units/rasa. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define HARNESS_PATH "bot/domain.yml"
#define HARNESS_FORMAT "rasa"
#define HARNESS_PARSE kb_parse_rasa
#include "parse_harness.h"

#include "base/locale.h"
#include "base/yaml.h"
#include "pipeline/run.h"

/* ---- helpers ---------------------------------------------------------------- */

/* A diagnostic at level with this position whose message contains msg. */
static bool has_diag(kb_diags *d, kb_diag_level level, int line, int col,
		     const char *msg)
{
	for (size_t i = 0; i < kb_diags_count(d); i++) {
		const kb_diag_entry *e = kb_diags_get(d, i);
		if (e->level == level && e->line == line && e->column == col &&
		    strstr(e->message, msg))
			return true;
	}
	for (size_t i = 0; i < kb_diags_count(d); i++) {
		const kb_diag_entry *e = kb_diags_get(d, i);
		print_message("  have %s:%d:%d: %s: %s\n", e->path ? e->path : "-",
			      e->line, e->column, kb_diag_level_name(e->level),
			      e->message);
	}
	return false;
}

static void assert_text_loc(const kb_unit *u, const char *phrase, int line, int col,
			    int end_line, int end_col)
{
	const char *p = strstr(u->text, phrase);
	assert_non_null(p);
	size_t s = (size_t)(p - u->text);
	kb_loc l = kb_unit_text_loc(u, s, s + strlen(phrase));
	assert_int_equal(l.line, line);
	assert_int_equal(l.column, col);
	assert_int_equal(l.end_line, end_line);
	assert_int_equal(l.end_column, end_col);
}

static void assert_suppressed(const kb_unit *u, size_t n, ...)
{
	if (n == 0) {
		assert_null(u->suppressed);
		return;
	}
	assert_non_null(u->suppressed);
	va_list ap;
	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(u->suppressed[i]);
		assert_string_equal(u->suppressed[i], va_arg(ap, const char *));
	}
	va_end(ap);
	assert_null(u->suppressed[n]);
}

/* Several files of one run, each parsed by the parser detection picks,
 * every parser seeing all sources (as pipeline/run.c does). */
typedef struct project {
	kb_arena *arena;
	kb_diags *diags;
	kb_vec sources, units;
} project;

static project *project_new(void)
{
	project *p = calloc(1, sizeof *p);
	p->arena = kb_arena_new();
	p->diags = kb_diags_new(p->arena);
	return p;
}

static kb_source *project_add(project *p, const char *path, const char *data,
			      size_t len, const char *want_format)
{
	kb_source *s = KB_NEW(p->arena, kb_source);
	s->path = path;
	s->data = kb_strndup(p->arena, data, len);
	s->len = len;
	kb_source_index_lines(p->arena, s);
	const kb_parser *parser = kb_parser_detect(path, s->data, len);
	assert_non_null(parser);
	assert_string_equal(parser->name, want_format);
	s->format = parser->name;
	s->channel = parser->channel;
	kb_vec_push(p->arena, &p->sources, s);
	return s;
}

static char *slurp(const char *file, size_t *len)
{
	FILE *fp = fopen(file, "rb");
	if (!fp)
		fail_msg("cannot open %s", file);
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, fp);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

/* Adds file (absolute) to the project as path. */
static kb_source *project_file(project *p, const char *path, const char *file,
			       const char *want_format)
{
	size_t len;
	char *data = slurp(file, &len);
	kb_source *s = project_add(p, path, data, len, want_format);
	free(data);
	return s;
}

/* Adds tests/data/rasa/<rel> as path. */
static kb_source *project_fixture(project *p, const char *path, const char *rel,
				  const char *want_format)
{
	char file[1024];
	snprintf(file, sizeof file, "%s/data/rasa/%s", KB_TEST_DATA, rel);
	return project_file(p, path, file, want_format);
}

static void project_parse(project *p)
{
	for (size_t i = 0; i < p->sources.len; i++) {
		const kb_source *s = p->sources.items[i];
		kb_parse_ctx ctx = {.arena = p->arena, .diags = p->diags, .source = s, .units = &p->units, .sources = &p->sources};
		kb_parser_find(s->format)->parse(&ctx);
	}
}

static size_t project_count(const project *p, const char *path)
{
	size_t n = 0;
	for (size_t i = 0; i < p->units.len; i++)
		n += strcmp(KB_VEC_AT(p->units, kb_unit, i)->source->path, path) == 0;
	return n;
}

static const kb_unit *project_unit(const project *p, const char *path, const char *id)
{
	for (size_t i = 0; i < p->units.len; i++) {
		const kb_unit *u = KB_VEC_AT(p->units, kb_unit, i);
		if (strcmp(u->source->path, path) == 0 && strcmp(u->id, id) == 0)
			return u;
	}
	fail_msg("no unit %s in %s", id, path);
	return NULL;
}

static void project_free(project *p)
{
	kb_arena_free(p->arena);
	free(p);
}

/* ---- scalar styles and positions -------------------------------------------- */

static const char styles[] =
    "responses:\n"                            /* 1 */
    "  utter_a:\n"                            /* 2 */
    "  - text: plain words\n"                 /* 3 */
    "      over two lines\n"                  /* 4 */
    "  - text: 'it''s free'\n"                /* 5 */
    "  - text: \"caf\\u00e9 \\\"open\\\" 24/7\"\n" /* 6 */
    "  - text: |\n"                           /* 7 */
    "      Line one: 10 days.\n"              /* 8 */
    "      Line two: 20 days.\n"              /* 9 */
    "  - \"bare string\"\n"                   /* 10 */
    "  - text: >-\n"                          /* 11 */
    "      folded\n"                          /* 12 */
    "        more indented\n"                 /* 13 */
    "      end\n";                            /* 14 */

static void check_styles(fixture *f)
{
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 6);

	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "utter_a/0");
	assert_null(u->question);
	assert_string_equal(u->text, "plain words over two lines");
	assert_loc(u, 3, 5, 4, 21);
	assert_phrase(f, u, "plain words", 3, 11, 3, 22);
	assert_phrase(f, u, "over two", 4, 7, 4, 15);
	assert_int_equal(u->scope.n, 0);
	assert_null(u->suppressed);

	/* '' is one quote: the word maps onto both. */
	u = unit(f, 1);
	assert_string_equal(u->id, "utter_a/1");
	assert_string_equal(u->text, "it's free");
	assert_loc(u, 5, 5, 5, 23); /* closing quote included */
	assert_phrase(f, u, "free", 5, 18, 5, 22);
	assert_text_loc(u, "it's", 5, 12, 5, 17);

	/* Escapes point at their bytes; words around them stay exact. */
	u = unit(f, 2);
	assert_string_equal(u->text, "caf\xC3\xA9 \"open\" 24/7");
	assert_phrase(f, u, "24/7", 6, 31, 6, 35);
	assert_phrase(f, u, "open", 6, 24, 6, 28);
	assert_text_loc(u, "caf\xC3\xA9", 6, 12, 6, 21);

	/* A literal block keeps its line breaks. */
	u = unit(f, 3);
	assert_string_equal(u->text, "Line one: 10 days.\nLine two: 20 days.");
	assert_phrase(f, u, "10 days", 8, 17, 8, 24);
	assert_phrase(f, u, "20 days", 9, 17, 9, 24);
	assert_loc(u, 7, 5, 9, 25);

	/* Rasa 1.x: a variation may be a plain string. */
	u = unit(f, 4);
	assert_string_equal(u->id, "utter_a/4");
	assert_string_equal(u->text, "bare string");
	assert_loc(u, 10, 5, 10, 18);
	assert_phrase(f, u, "bare string", 10, 6, 10, 17);

	/* Folded with a more-indented line: found word by word. */
	u = unit(f, 5);
	assert_string_equal(u->text, "folded\nmore indented\nend");
	assert_phrase(f, u, "more indented", 13, 9, 13, 22);
	assert_phrase(f, u, "end", 14, 7, 14, 10);
}

static void test_scalar_styles(void **state)
{
	fixture *f = parse_str(styles);
	check_styles(f);
	done(f);
}

/* The same file with CRLF line endings: same text, same positions. */
static void test_crlf(void **state)
{
	kb_buf b = KB_BUF_INIT;
	for (const char *p = styles; *p; p++) {
		if (*p == '\n')
			kb_buf_putc(&b, '\r');
		kb_buf_putc(&b, *p);
	}
	fixture *f = parse(b.ptr, b.len);
	check_styles(f);
	done(f);
	kb_buf_free(&b);
}

/* A UTF-8 BOM and non-ASCII text: columns count characters. */
static void test_bom_utf8(void **state)
{
	fixture *f = parse_str("\xEF\xBB\xBFresponses:\n"
			       "  utter_x:\n"
			       "  - text: Ho\xC3\xA0n ti\xE1\xBB\x81n trong 7 ng\xC3\xA0y.\n");
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->locale, "vi"); /* guessed from the text */
	assert_phrase(f, u, "trong 7 ng\xC3\xA0y", 3, 21, 3, 33);
	done(f);
}

/* ---- scopes, buttons, rich content -------------------------------------------- */

/* A condition that is not a list: warned about, the text still read,
 * unscoped.  (Channel and slot scopes: tests/units/rasa/response-scopes.) */
static void test_bad_condition(void **state)
{
	fixture *f = parse_str("responses:\n"
			       "  utter_hours:\n"
			       "  - text: Bad condition.\n"
			       "    condition: tier\n");
	assert_int_equal(f->units.len, 1);
	assert_int_equal(by_id(f, "utter_hours/0")->scope.n, 0);
	assert_true(has_diag(f->diags, KB_DIAG_WARNING, 4, 16, "condition: should be a list"));
	done(f);
}

static void test_buttons_and_rich_content(void **state)
{
	fixture *f = parse_str("responses:\n"
			       "  utter_menu:\n"
			       "  - buttons:\n"
			       "    - title: Refund within 30 days\n"
			       "      payload: /refund\n"
			       "    text: Pick one.\n"
			       "    image: https://example.com/x.png\n"
			       "  - image: https://example.com/only.png\n"
			       "  - custom:\n"
			       "      blocks: [{type: section}]\n");
	assert_int_equal(kb_diags_count(f->diags), 0); /* rich-only: not a problem */
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "utter_menu/0");
	assert_string_equal(u->text, "Pick one.");
	assert_null(strstr(u->text, "Refund"));
	assert_loc(u, 3, 5, 7, 37); /* the whole variation, buttons included */
	assert_phrase(f, u, "Pick one.", 6, 11, 6, 20);
	done(f);
}

/* ---- Rasa 1.x templates ---------------------------------------------------- */

static void test_templates_note(void **state)
{
	fixture *f = parse_file("../rasa/legacy/domain.yml");
	assert_false(kb_diags_have(f->diags, KB_DIAG_WARNING));
	assert_true(has_diag(f->diags, KB_DIAG_NOTE, 3, 1,
			     "templates: is Rasa 1.x; Rasa 3 calls it responses:"));
	assert_int_equal(f->units.len, 3);
	const kb_unit *u = by_id(f, "utter_greet/0");
	assert_string_equal(u->text, "Hello! We reply within 24 hours.");
	assert_phrase(f, u, "within 24 hours", 5, 22, 5, 37);
	assert_loc(u, 5, 5, 5, 39);
	assert_string_equal(by_id(f, "utter_greet/1")->text, "Hi there");
	assert_string_equal(by_id(f, "utter_bye/0")->text, "Bye, see you soon");
	done(f);
}

/* ---- questions --------------------------------------------------------------- */

/* The shop fixture, with the Vietnamese bot's data first in the run: a
 * data file belongs to the nearest domain above it, and data outside the
 * domain's folder belongs to another project. */
static project *load_shop(void)
{
	project *p = project_new();
	project_fixture(p, "shop/vi/data/nlu.yml", "shop/vi/data/nlu.yml", "rasa-data");
	project_fixture(p, "shop/vi/data/rules.yml", "shop/vi/data/rules.yml", "rasa-data");
	kb_source *vi = project_fixture(p, "shop/vi/domain.yml", "shop/vi/domain.yml", "rasa");
	vi->locale = "vi";
	project_fixture(p, "shop/domain.yml", "shop/domain.yml", "rasa");
	project_fixture(p, "shop/data/nlu.yml", "shop/data/nlu.yml", "rasa-data");
	project_fixture(p, "shop/data/rules.yml", "shop/data/rules.yml", "rasa-data");
	project_fixture(p, "shop/data/stories.yml", "shop/data/stories.yml", "rasa-data");
	static const char other[] = "nlu:\n"
				    "- intent: ask_refund\n"
				    "  examples: |\n"
				    "    - WRONG PROJECT\n";
	project_add(p, "shopping/data/nlu.yml", other, sizeof other - 1, "rasa-data");
	project_parse(p);
	return p;
}

static void test_links(void **state)
{
	project *p = load_shop();
	assert_int_equal(kb_diags_count(p->diags), 0);
	assert_int_equal(project_count(p, "shop/domain.yml"), 10);
	assert_int_equal(project_count(p, "shop/vi/domain.yml"), 1);

	/* rules: intent, then a custom action, then the first utter_. */
	const kb_unit *u = project_unit(p, "shop/domain.yml", "utter_cancel/0");
	assert_string_equal(u->question, "Can I cancel my order?"); /* entity markup dropped */
	assert_string_equal(project_unit(p, "shop/domain.yml", "utter_cancel/2")->question,
			    "Can I cancel my order?");
	/* stories */
	assert_string_equal(project_unit(p, "shop/domain.yml", "utter_greet/0")->question,
			    "hello");
	assert_string_equal(project_unit(p, "shop/domain.yml", "utter_refund/0")->question,
			    "How long do refunds take?");
	/* An intent without examples: its name. */
	assert_string_equal(project_unit(p, "shop/domain.yml", "utter_hours/0")->question,
			    "ask_hours");
	/* An end-to-end story step: the user's words. */
	assert_string_equal(project_unit(p, "shop/domain.yml", "utter_sunday/0")->question,
			    "Are you open on Sunday?");
	/* Retrieval intent faq/ask_warranty, though the rule names utter_faq. */
	assert_string_equal(project_unit(p, "shop/domain.yml", "utter_faq/ask_warranty/0")->question,
			    "How long is the phone warranty?");
	/* Nothing links to it. */
	assert_null(project_unit(p, "shop/domain.yml", "utter_shipping/0")->question);

	u = project_unit(p, "shop/vi/domain.yml", "utter_cancel/0");
	assert_string_equal(u->question, "T\xC3\xB4i c\xC3\xB3 th\xE1\xBB\x83 h\xE1\xBB\xA7y "
					 "\xC4\x91\xC6\xA1n kh\xC3\xB4ng?");
	assert_string_equal(u->locale, "vi");
	project_free(p);
}

/* Positions, scopes and suppressions of the shop fixture. */
static void test_shop_units(void **state)
{
	project *p = load_shop();
	const char *path = "shop/domain.yml";
	const kb_unit *u = project_unit(p, path, "utter_cancel/0");
	assert_string_equal(u->text, "You can cancel within 24 hours of placing the order.");
	assert_loc(u, 10, 5, 10, 63);
	assert_text_loc(u, "within 24 hours", 10, 26, 10, 41);
	assert_int_equal(u->scope.n, 0);
	assert_string_equal(u->locale, "en");

	u = project_unit(p, path, "utter_cancel/1");
	assert_string_equal(u->text, "Orders can't be cancelled after 24 hours.");
	assert_string_equal(kb_scope_key(p->arena, &u->scope), "channel=slack");
	assert_loc(u, 11, 5, 12, 19);
	assert_text_loc(u, "can't", 11, 19, 11, 25);
	assert_text_loc(u, "be cancelled after 24 hours", 11, 26, 11, 53);

	u = project_unit(p, path, "utter_cancel/2");
	assert_string_equal(u->text, "Gold members can cancel within 48 hours \xE2\x80\x94 free of charge.");
	assert_string_equal(kb_scope_key(p->arena, &u->scope), "slot:tier=gold");
	assert_loc(u, 13, 5, 17, 20);
	assert_text_loc(u, "within 48 hours", 13, 36, 13, 51);
	assert_text_loc(u, "\xE2\x80\x94", 13, 52, 13, 58);
	assert_text_loc(u, "free of charge", 13, 59, 13, 73);

	u = project_unit(p, path, "utter_refund/0");
	assert_string_equal(u->text, "Refunds take 5-7 business days.\nStore credit is instant.");
	assert_loc(u, 19, 5, 25, 23);
	assert_text_loc(u, "5-7 business days", 20, 20, 20, 37);
	assert_text_loc(u, "instant", 22, 23, 22, 30);
	assert_suppressed(u, 0);

	/* Suppressions: above the response key (all its variations), above a
	 * variation, and on a variation's line. */
	u = project_unit(p, path, "utter_greet/0");
	assert_string_equal(u->text, "Hi {name}! How can I help?"); /* placeholder kept */
	assert_suppressed(u, 1, "refund.window");
	u = project_unit(p, path, "utter_shipping/0");
	assert_string_equal(u->text, "We ship within 2 days, worldwide.");
	assert_loc(u, 32, 5, 34, 17);
	assert_text_loc(u, "within 2 days", 33, 15, 33, 28);
	assert_suppressed(u, 1, "*");
	u = project_unit(p, path, "utter_shipping/1");
	assert_suppressed(u, 2, "shipping.fee", "shipping.time");
	assert_loc(u, 35, 5, 35, 37); /* the comment is not the variation's */
	project_free(p);
}

static void test_suppression_edge_cases(void **state)
{
	fixture *f = parse_str("responses:\n"
			       "  utter_a:\n"
			       "  # kbcheck-disable-next-line order.cancel, order.fee -- intended\n"
			       "  # an ordinary comment\n"
			       "  - text: |\n"
			       "      # kbcheck-disable is text in a block\n"
			       "  - text: \"a # kbcheck-disable in a string\"\n"
			       "\n"
			       "  # kbcheck-disable-next-line\n"
			       "\n"
			       "  - text: blank lines between are fine\n"
			       "  - text: two\n"
			       "    # kbcheck-disable x.y\n"
			       "    channel: web\n");
	assert_int_equal(f->units.len, 4);
	assert_suppressed(unit(f, 0), 2, "order.cancel", "order.fee");
	assert_string_equal(unit(f, 0)->text, "# kbcheck-disable is text in a block");
	assert_suppressed(unit(f, 1), 0);
	assert_suppressed(unit(f, 2), 1, "*");
	assert_suppressed(unit(f, 3), 1, "x.y");
	done(f);
}

/* ---- bad input ------------------------------------------------------------------ */

/* How far base/yaml.c's syntax error positions are off: libfyaml 0.7.12
 * hands them over 1-based and kb_yaml_parse adds 1 again (reported; 0
 * once fixed).  The expectations below are the true positions. */
static int yaml_error_shift(void)
{
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_yaml y;
	assert_false(kb_yaml_parse(&y, d, "t.yml", "a: 1\na: 2\n", 10, false));
	int shift = kb_diags_get(d, 0)->line - 2;
	assert_int_equal(kb_diags_get(d, 0)->column - 1, shift);
	kb_arena_free(a);
	return shift;
}

static void test_tab_indentation(void **state)
{
	int k = yaml_error_shift();
	fixture *f = parse_str("responses:\n"
			       "  utter_a:\n"
			       "  - text: ok\n"
			       "\t  channel: web\n");
	assert_int_equal(f->units.len, 0);
	/* libfyaml points just after the tab. */
	assert_true(has_diag(f->diags, KB_DIAG_ERROR, 4 + k, 2 + k, "invalid YAML"));
	assert_true(has_diag(f->diags, KB_DIAG_ERROR, 4 + k, 2 + k, "tab"));
	done(f);
}

static void test_malformed_yaml(void **state)
{
	int k = yaml_error_shift();
	fixture *f = parse_str("responses:\n"
			       "  utter_a:\n"
			       "  - text: \"never closed\n"
			       "  utter_b:\n"
			       "  - text: fine\n");
	assert_int_equal(f->units.len, 0);
	assert_true(kb_diags_have(f->diags, KB_DIAG_ERROR));
	const kb_diag_entry *e = kb_diags_get(f->diags, 0);
	assert_string_equal(e->path, "bot/domain.yml");
	assert_true(e->line >= 3);
	assert_true(e->column >= 1);
	assert_non_null(strstr(e->message, "invalid YAML"));
	done(f);

	/* Duplicate response names are errors too (libfyaml). */
	f = parse_str("responses:\n"
		      "  utter_a:\n"
		      "  - text: one\n"
		      "  utter_a:\n"
		      "  - text: two\n");
	assert_int_equal(f->units.len, 0);
	assert_true(has_diag(f->diags, KB_DIAG_ERROR, 4 + k, 3 + k, "duplicate key"));
	done(f);
}

static void test_bad_structure(void **state)
{
	fixture *f = parse_str("version: \"3.1\"\n"
			       "responses:\n"
			       "  - utter_a\n"
			       "  - utter_b\n");
	assert_int_equal(f->units.len, 0);
	assert_true(has_diag(f->diags, KB_DIAG_WARNING, 3, 5,
			     "responses: should map response names to lists of variations"));
	done(f);

	f = parse_str("responses:\n"            /* 1 */
		      "  utter_a: just text\n"  /* 2 */
		      "  utter_b:\n"            /* 3 */
		      "  - channel: web\n"      /* 4 */
		      "  - text:\n"             /* 5 */
		      "  - text: [a, b]\n"      /* 6 */
		      "  - [x]\n"               /* 7 */
		      "  - text: kept\n"        /* 8 */
		      "  utter_c:\n"            /* 9 */
		      "templates: 3\n");        /* 10 */
	assert_int_equal(f->units.len, 1);
	assert_string_equal(unit(f, 0)->id, "utter_b/4");
	assert_true(has_diag(f->diags, KB_DIAG_WARNING, 2, 12,
			     "response 'utter_a' should be a list of variations"));
	assert_true(has_diag(f->diags, KB_DIAG_WARNING, 4, 5, "variation 0 of 'utter_b' has no text"));
	assert_true(has_diag(f->diags, KB_DIAG_WARNING, 5, 5, "variation 1 of 'utter_b': text is empty"));
	assert_true(has_diag(f->diags, KB_DIAG_WARNING, 6, 12,
			     "variation 2 of 'utter_b': text should be a string"));
	assert_true(has_diag(f->diags, KB_DIAG_WARNING, 7, 6, "variation 3 of 'utter_b' should be a mapping"));
	assert_true(has_diag(f->diags, KB_DIAG_WARNING, 9, 3, "response 'utter_c' should be a list"));
	assert_true(has_diag(f->diags, KB_DIAG_NOTE, 10, 1, "templates: is Rasa 1.x"));
	assert_true(has_diag(f->diags, KB_DIAG_WARNING, 10, 12, "templates: should map"));
	done(f);

	/* An empty responses: and an empty file are fine; a list at the top
	 * is not a domain. */
	f = parse_str("responses:\n");
	assert_int_equal(kb_diags_count(f->diags), 0);
	done(f);
	f = parse_str("");
	assert_int_equal(kb_diags_count(f->diags), 0);
	done(f);
	f = parse_str("# responses:\n#   utter_a: []\n---\n");
	assert_int_equal(kb_diags_count(f->diags), 0);
	done(f);
	f = parse_str("- responses\n");
	assert_true(has_diag(f->diags, KB_DIAG_WARNING, 1, 3, "should be a mapping at the top"));
	done(f);
}

/* Training data with errors: reported once, by the data's own parser;
 * the domain still gets its units. */
static void test_bad_training_data(void **state)
{
	project *p = project_new();
	static const char domain[] = "responses:\n  utter_a:\n  - text: hi\n";
	static const char nlu[] = "nlu:\n- intent: a\n  examples: |\n    - x\n  bad: [\n";
	static const char rules[] = "version: \"3.1\"\nrules: \nstories: {a: 1}\n- rule: x\n";
	project_add(p, "b/domain.yml", domain, sizeof domain - 1, "rasa");
	project_add(p, "b/data/nlu.yml", nlu, sizeof nlu - 1, "rasa-data");
	project_add(p, "b/data/rules.yml", rules, sizeof rules - 1, "rasa-data");
	project_parse(p);
	assert_int_equal(p->units.len, 1);
	assert_null(KB_VEC_AT(p->units, kb_unit, 0)->question);
	size_t errors = 0;
	for (size_t i = 0; i < kb_diags_count(p->diags); i++) {
		const kb_diag_entry *e = kb_diags_get(p->diags, i);
		assert_string_not_equal(e->path, "b/domain.yml");
		errors += e->level == KB_DIAG_ERROR;
	}
	assert_int_equal(errors, 2);
	project_free(p);
}

/* Every prefix of a valid file: no crash, no leak (under ASan), and a
 * unit never points outside the file. */
static void test_truncated(void **state)
{
	size_t len;
	char file[1024];
	snprintf(file, sizeof file, "%s/data/rasa/shop/domain.yml", KB_TEST_DATA);
	char *data = slurp(file, &len);
	for (size_t n = 0; n <= len; n++) {
		fixture *f = parse(data, n);
		for (size_t i = 0; i < f->units.len; i++) {
			const kb_unit *u = unit(f, i);
			assert_true(u->loc.end <= n);
			for (size_t k = 0; k < u->nsegs; k++)
				assert_true(u->segs[k].src_off + u->segs[k].src_len <= n);
		}
		done(f);
	}
	free(data);
}

/* ---- detection -------------------------------------------------------------------- */

static const char *detected(const char *path, const char *data)
{
	const kb_parser *p = kb_parser_detect(path, data, strlen(data));
	return p ? p->name : "(none)";
}

static void test_detect(void **state)
{
	assert_string_equal(detected("domain.yml", "version: \"3.1\"\nintents:\n- greet\n"
						   "responses:\n  utter_greet:\n  - text: hi\n"),
			    "rasa");
	assert_string_equal(detected("bot/responses.yaml",
				     "responses:\n  utter_faq/ask_x:\n  - text: hi\n"),
			    "rasa");
	assert_string_equal(detected("domain.yml", "\xEF\xBB\xBFtemplates:\n  utter_a:\n  - hi\n"),
			    "rasa");
	/* A domain file with its own training data is a domain file. */
	assert_string_equal(detected("domain.yml", "responses:\n  utter_a:\n  - text: x\n"
						   "nlu:\n- intent: a\n  examples: |\n    - y\n"),
			    "rasa");
	assert_string_equal(detected("data/nlu.yml", "version: \"3.1\"\nnlu:\n- intent: greet\n"
						     "  examples: |\n    - hi\n"),
			    "rasa-data");
	assert_string_equal(detected("data/rules.yml", "rules:\n  - rule: a\n    steps: []\n"),
			    "rasa-data");
	assert_string_equal(detected("tests/test_stories.yaml",
				     "stories:\r\n- story: a\r\n  steps: []\r\n"),
			    "rasa-data");
	/* kbcheck's own files and other YAML are not Rasa.  (Asked of the Rasa
	 * detectors themselves: kb_parser_detect lets a parser claim a file
	 * by content whatever its extension.) */
	static const char *const others[] = {
	    "kbcheck: config/1\nsources:\n  - glob: 'bot/**'\n    format: rasa\n",
	    "kbcheck: policy/1\npolicies:\n  order.cancel:\n    window: 24 hours\n",
	    "kbcheck: rules/1\npack: orders\nrules:\n  - rule: x\nresponses:\n  utter_x: []\n",
	    "rules:\n- id: x\n  pattern: $X\n",                 /* semgrep */
	    "on: push\njobs:\n  build:\n    steps:\n    - run: make\n",
	    "bot:\n  responses:\n    utter_a:\n    - text: x\n", /* not at the top */
	    "responses: 1\n",                                   /* no sign of Rasa */
	    "",
	};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		size_t n = strlen(others[i]);
		assert_int_equal(kb_detect_rasa("x.yml", others[i], n), 0);
		assert_int_equal(kb_detect_rasa_data("x.yml", others[i], n), 0);
	}
	/* A project's config.yml says the bot's language: read for context,
	 * as training data is; a language alone is no Rasa config. */
	static const char config[] =
	    "language: en\npipeline:\n- name: DIETClassifier\npolicies:\n- name: RulePolicy\n";
	assert_int_equal(kb_detect_rasa("config.yml", config, strlen(config)), 0);
	assert_true(kb_detect_rasa_data("config.yml", config, strlen(config)) > 0);
	assert_int_equal(kb_detect_rasa_data("x.yml", "language: en\n", 13), 0);
}

/* config.yml's language is the responses' (a document's declared
 * language, base/locale.h): a tag selects its language; a text clearly in
 * another script is that script's language still. */
static void test_config_language(void **state)
{
	(void)state;
	static const char domain[] = "version: \"3.1\"\n"
				     "responses:\n"
				     "  utter_cancel:\n"
				     "  - text: Ban co the huy don trong 24 gio.\n"
				     "  utter_thai:\n"
				     "  - text: ยกเลิกคำสั่งซื้อได้ภายใน 24 ชั่วโมง\n";
	static const char config[] = "recipe: default.v1\nlanguage: vi-VN\npipeline: []\n";
	project *p = project_new();
	project_add(p, "bot/domain.yml", domain, strlen(domain), "rasa");
	project_add(p, "bot/config.yml", config, strlen(config), "rasa-data");
	project_parse(p);
	assert_int_equal(kb_diags_count(p->diags), 0);
	assert_ptr_equal(project_unit(p, "bot/domain.yml", "utter_cancel/0")->locale,
			 kb_locale_of("vi"));
	assert_string_equal(project_unit(p, "bot/domain.yml", "utter_thai/0")->locale, "th");
	project_free(p);
	/* Without it, the same text is a guess: Latin letters, English. */
	p = project_new();
	project_add(p, "bot/domain.yml", domain, strlen(domain), "rasa");
	project_parse(p);
	assert_string_equal(project_unit(p, "bot/domain.yml", "utter_cancel/0")->locale, "en");
	project_free(p);
}

/* ---- end to end ---------------------------------------------------------------------- */

/* The walker, detection and both parsers, as `kbcheck units` runs them. */
static void test_run_shop(void **state)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/data/rasa/shop", KB_TEST_DATA);
	const char *paths[] = {dir};
	kb_run_opts o = {.paths = paths, .npaths = 1, .no_shipped_rules = true};
	kb_run *r = kb_run_new();
	kb_run_load(r, &o);
	assert_int_equal(kb_diags_count(r->diags), 0);
	size_t data = 0, domains = 0;
	for (size_t i = 0; i < r->sources.len; i++) {
		const kb_source *s = r->sources.items[i];
		if (strstr(s->path, "config.yml")) /* the bot's language: context */
			assert_string_equal(s->format, "rasa-data");
		assert_int_equal(s->channel, KB_CHANNEL_CHATBOT);
		data += strcmp(s->format, "rasa-data") == 0;
		domains += strcmp(s->format, "rasa") == 0;
	}
	assert_int_equal(data, 6);
	assert_int_equal(domains, 2);
	assert_int_equal(r->units.len, 11);
	bool vi = false;
	for (size_t i = 0; i < r->units.len; i++) {
		const kb_unit *u = r->units.items[i];
		if (strstr(u->source->path, "/vi/")) {
			vi = true;
			assert_string_equal(u->locale, "vi"); /* from the path */
			assert_non_null(u->question);
		} else if (strcmp(u->id, "utter_cancel/0") == 0) {
			assert_string_equal(u->question, "Can I cancel my order?");
		}
	}
	assert_true(vi);
	kb_run_free(r);
}

static void test_real_corpus(void **state)
{
	char rootbuf[1024], file[1100];
	const char *root = shared_path(rootbuf, sizeof rootbuf, "corpora-real/rasa-retail-demo-en");
	project *p = project_new();
	snprintf(file, sizeof file, "%s/domain.yml", root);
	project_file(p, "rasa-retail-demo-en/domain.yml", file, "rasa");
	snprintf(file, sizeof file, "%s/data/nlu.yml", root);
	project_file(p, "rasa-retail-demo-en/data/nlu.yml", file, "rasa-data");
	project_parse(p);
	assert_int_equal(kb_diags_count(p->diags), 0);
	assert_int_equal(p->units.len, 43);

	const char *path = "rasa-retail-demo-en/domain.yml";
	const kb_unit *u = project_unit(p, path, "utter_return_finish/0");
	assert_null(u->question); /* the demo's stories are not in the corpus */
	assert_string_equal(u->text, "Ok, I've kicked off your return. You should be receiving a "
				     "return label in your inbox. Please send it in the next 14 days!");
	assert_loc(u, 126, 5, 126, 133);
	assert_text_loc(u, "send it in the next 14 days", 126, 105, 126, 132);
	assert_string_equal(u->locale, "en");

	u = project_unit(p, path, "utter_faq/payment_methods/0");
	assert_string_equal(u->question, "what kind of payment methods do you offer?");
	assert_string_equal(u->text,
			    "We accept all major credit cards, Apple Pay, Google Pay, and PayPal.");
	assert_loc(u, 146, 5, 146, 79);
	assert_text_loc(u, "Apple Pay, Google Pay", 146, 45, 146, 66);

	/* Buttons are not text; the survey's 1-5 titles are not either. */
	u = project_unit(p, path, "utter_ask_survey_form_rating/0");
	assert_string_equal(u->text, "On a scale of 1-5, how would you rate your conversation today?");
	u = project_unit(p, path, "utter_chitchat/thanks/2");
	assert_string_equal(u->question, "thx");
	project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scalar_styles),
	    cmocka_unit_test(test_crlf),
	    cmocka_unit_test(test_bom_utf8),
	    cmocka_unit_test(test_bad_condition),
	    cmocka_unit_test(test_buttons_and_rich_content),
	    cmocka_unit_test(test_templates_note),
	    cmocka_unit_test(test_links),
	    cmocka_unit_test(test_shop_units),
	    cmocka_unit_test(test_suppression_edge_cases),
	    cmocka_unit_test(test_tab_indentation),
	    cmocka_unit_test(test_malformed_yaml),
	    cmocka_unit_test(test_bad_structure),
	    cmocka_unit_test(test_bad_training_data),
	    cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_detect),
	    cmocka_unit_test(test_run_shop),
	    cmocka_unit_test(test_config_language),
	    cmocka_unit_test(test_real_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
