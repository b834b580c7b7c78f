/* test_codestr.c - texts kept in source code: JS/TS i18n dictionaries and
 * FAQ arrays, PHP language arrays, JSX components; which strings are text;
 * which files are read; exact source positions through escapes.  Units
 * without positions to check are data in tests/units/{js-strings,jsx,
 * php-strings}. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static const char *test_path = "src/locales/vi/shop.js";

#define HARNESS_PATH test_path
#define HARNESS_FORMAT "js-strings"
#define HARNESS_PARSE kb_parse_code_strings
#include "parse_harness.h"

#include "parse/codestr.h"

static fixture *parse_at(const char *path, const char *s)
{
	test_path = path;
	return parse_str(s);
}

/* A flat i18n dictionary: short labels head the strings after them; UI
 * words that head nothing are not answers. */
static void test_i18n_dictionary(void **state)
{
	fixture *f = parse_at("src/locales/vi/shop.js",
			      "export const vi = {\n"
			      "  language: 'Ngôn ngữ',\n"
			      "  delivery: 'Giao hàng',\n"
			      "  deliveryText1: 'Miễn phí giao hàng cho đơn từ 500k.',\n"
			      "  deliveryText2: 'Giao trong 2-3 ngày làm việc.',\n"
			      "  returns: 'ĐỔI TRẢ',\n"
			      "  returnsText: \"Đổi trả trong vòng 7 ngày kể từ khi nhận hàng.\",\n"
			      "  banner: 'Miễn phí vận chuyển toàn quốc',\n"
			      "  login: 'Đăng nhập',\n"
			      "  cart: 'Giỏ hàng',\n"
			      "};\n");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 4);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "vi.deliveryText1");
	assert_string_equal(u->question, "Giao hàng");
	assert_string_equal(u->text, "Miễn phí giao hàng cho đơn từ 500k.");
	assert_string_equal(u->locale, "vi");
	assert_loc(u, 4, 3, 4, 55);
	assert_string_equal(unit(f, 1)->question, "Giao hàng");

	u = by_id(f, "vi.returnsText");
	assert_string_equal(u->question, "ĐỔI TRẢ");
	assert_phrase(f, u, "trong vòng 7 ngày", 7, 25, 7, 42);
	assert_int_equal(u->nheadings, 0);
	/* A long label is text of its own; "Đăng nhập", "Giỏ hàng" are not. */
	assert_string_equal(by_id(f, "vi.banner")->text, "Miễn phí vận chuyển toàn quốc");
	done(f);
}

/* Locale keys, nested Q/A objects, escapes mapped to their spans. */
static void test_i18n_nested_locales(void **state)
{
	fixture *f = parse_at("src/i18n/messages.js",
			      "const messages = {\n"
			      "  en: {\n"
			      "    refund: { title: 'Refunds', body: 'Refunds take 5\\u20137 business days.\\nWe\\'ll email you.' },\n"
			      "  },\n"
			      "  th: {\n"
			      "    refund: { title: 'การคืนเงิน', body: 'คืนเงินภายใน 7 วันทำการ' },\n"
			      "  },\n"
			      "};\n");
	assert_int_equal(f->units.len, 2);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "messages.en.refund");
	assert_string_equal(u->question, "Refunds");
	assert_string_equal(u->locale, "en");
	assert_string_equal(u->text, "Refunds take 5\xE2\x80\x93" "7 business days.\nWe'll email you.");
	assert_phrase(f, u, "business days.", 3, 62, 3, 76);
	assert_phrase(f, u, "ll email you.", 3, 82, 3, 95);
	/* The dash stands for its six-byte escape. */
	const char *dash = strstr(u->text, "\xE2\x80\x93");
	kb_loc l = kb_unit_text_loc(u, (size_t)(dash - u->text), (size_t)(dash - u->text) + 3);
	assert_int_equal(l.column, 54);
	assert_int_equal(l.end_column, 60);
	assert_loc(u, 3, 15, 3, 96);

	u = unit(f, 1);
	assert_string_equal(u->id, "messages.th.refund");
	assert_string_equal(u->locale, "th");
	assert_string_equal(u->text, "คืนเงินภายใน 7 วันทำการ");
	done(f);
}

/* An FAQ array in TypeScript: question/answer and q/a objects; template
 * literals with their expressions blanked, and across lines. */
static void test_faq_array(void **state)
{
	fixture *f = parse_at("src/data/faqs.ts",
			      "export const faqs: Faq[] = [\n"
			      "  { question: \"Can I cancel my order?\", answer: `Yes, within ${HOURS} hours of ordering.` },\n"
			      "  { q: 'Do you ship abroad?', a: `We ship to\n"
			      "30 countries.` },\n"
			      "];\n");
	assert_int_equal(f->units.len, 2);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "faqs.0");
	assert_string_equal(u->question, "Can I cancel my order?");
	assert_string_equal(u->text, "Yes, within hours of ordering.");
	assert_phrase(f, u, "of ordering.", 2, 77, 2, 89);
	assert_loc(u, 2, 5, 2, 90);

	u = unit(f, 1);
	assert_string_equal(u->id, "faqs.1");
	assert_string_equal(u->question, "Do you ship abroad?");
	assert_string_equal(u->text, "We ship to 30 countries.");
	assert_phrase(f, u, "30 countries.", 4, 1, 4, 14);
	done(f);
}

/* A Laravel language file: a dictionary with a label, a nested Q/A with a
 * bullet list, array(), escapes and a heredoc. */
static void test_php_lang_array(void **state)
{
	fixture *f = parse_at("resources/lang/th/warranty.php",
			      "<?php\n"
			      "\n"
			      "return [\n"
			      "    'warranty' => 'การรับประกัน',\n"
			      "    'warranty_text' => 'สินค้ารับประกัน 12 เดือน นับจากวันที่ซื้อ',\n"
			      "    'claims' => [\n"
			      "        'heading' => \"การเคลมสินค้า\",\n"
			      "        'steps' => [\n"
			      "            'ส่งรูปสินค้าให้เรา',\n"
			      "            \"แจ้งเคลมได้ภายใน 7 วัน\\tหลังได้รับสินค้า\",\n"
			      "        ],\n"
			      "    ],\n"
			      "    'note' => 'It\\'s not possible to return items installed the wrong way.',\n"
			      "    'faq' => array(\n"
			      "        'q' => 'ติดตั้งเองได้ไหม',\n"
			      "        'a' => <<<EOT\n"
			      "        ได้ครับ ดูวิธีติดตั้งในกล่อง\n"
			      "        EOT,\n"
			      "    ),\n"
			      "];\n");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 4);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "warranty_text");
	assert_string_equal(u->question, "การรับประกัน");
	assert_string_equal(u->locale, "th");

	u = unit(f, 1);
	assert_string_equal(u->id, "claims");
	assert_string_equal(u->question, "การเคลมสินค้า");
	assert_string_equal(u->text, "ส่งรูปสินค้าให้เรา\nแจ้งเคลมได้ภายใน 7 วัน หลังได้รับสินค้า");
	assert_phrase(f, u, "ภายใน 7 วัน", 10, 25, 10, 36);
	assert_phrase(f, u, "หลังได้รับสินค้า", 10, 38, 10, 54);
	assert_loc(u, 7, 9, 10, 55);

	u = unit(f, 2);
	assert_string_equal(u->id, "note");
	assert_string_equal(u->question, "note");
	assert_string_equal(u->text, "It's not possible to return items installed the wrong way.");
	assert_phrase(f, u, "not possible", 13, 22, 13, 34);

	u = unit(f, 3);
	assert_string_equal(u->id, "faq");
	assert_string_equal(u->question, "ติดตั้งเองได้ไหม");
	assert_string_equal(u->text, "ได้ครับ ดูวิธีติดตั้งในกล่อง");
	assert_phrase(f, u, "ดูวิธีติดตั้ง", 17, 17, 17, 30);
	done(f);
}

/* JSX: markup read as HTML, headings made of title classes and bold
 * lead lines, a lone string child, an entity, Q/A props. */
static void test_jsx_component(void **state)
{
	fixture *f = parse_at("src/components/Policy.jsx",
			      "import React from 'react';\n"
			      "import './Policy.css';\n"
			      "\n"
			      "export const Policy = () => (\n"
			      "  <div className=\"policy\">\n"
			      "    <div className=\"policy-title\">Chính sách đổi trả</div>\n"
			      "    <div className=\"policy-body\">\n"
			      "      <strong>Thời hạn</strong><br />\n"
			      "      Đổi trả trong vòng 7 ngày &amp; miễn phí.\n"
			      "    </div>\n"
			      "    <p>{'Hàng giảm giá không được đổi trả.'}</p>\n"
			      "    <FaqItem question=\"Phí vận chuyển?\" answer=\"Miễn phí cho đơn từ 500k.\" />\n"
			      "    <img src={logo} alt=\"Logo cửa hàng\" />\n"
			      "  </div>\n"
			      ");\n");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 2);
	const kb_unit *u = unit(f, 0);
	assert_ptr_equal(u->source, &f->src);
	assert_string_equal(u->question, "Thời hạn");
	assert_headings(u, 1, "Chính sách đổi trả");
	assert_string_equal(u->text, "Đổi trả trong vòng 7 ngày & miễn phí.\n"
				     "Hàng giảm giá không được đổi trả.");
	assert_phrase(f, u, "7 ngày", 9, 26, 9, 32);
	assert_phrase(f, u, "không được đổi trả.", 11, 24, 11, 43);
	const char *amp = strchr(u->text, '&');
	kb_loc l = kb_unit_text_loc(u, (size_t)(amp - u->text), (size_t)(amp - u->text) + 1);
	assert_int_equal(l.column, 33);
	assert_int_equal(l.end_column, 38);
	assert_loc(u, 8, 7, 11, 49);

	u = unit(f, 1);
	assert_string_equal(u->id, "FaqItem");
	assert_string_equal(u->question, "Phí vận chuyển?");
	assert_string_equal(u->text, "Miễn phí cho đơn từ 500k.");
	assert_phrase(f, u, "500k.", 12, 69, 12, 74);
	done(f);
}

/* A question whose answer is markup is no answer of its own: {question:
 * 'Unable to cancel an order', answer: (<>...</>)}. */
static void test_question_with_markup_answer(void **state)
{
	(void)state;
	fixture *f = parse_at("src/data/faq.js",
			      "export const faqs = [\n"
			      "  {\n"
			      "    question: 'Unable to cancel an order',\n"
			      "    answer: (\n"
			      "      <>\n"
			      "        <h2>How do I cancel an order?</h2>\n"
			      "        <p>Orders that have not shipped can be cancelled from My Orders.</p>\n"
			      "      </>\n"
			      "    ),\n"
			      "  },\n"
			      "  { title: 'Free shipping on orders over $50 nationwide' },\n"
			      "];\n");
	bool question = false, text = false;
	for (size_t i = 0; i < f->units.len; i++) {
		question |= strstr(unit(f, i)->text, "Unable to cancel") != NULL;
		text |= strstr(unit(f, i)->text, "Free shipping on orders over $50") != NULL;
	}
	assert_false(question);
	assert_true(text); /* a long label under another key still is text */
	done(f);
}

/* Real headings are kept as they are, and nothing else becomes one. */
static void test_jsx_headings(void **state)
{
	fixture *f = parse_at("src/Returns.tsx",
			      "export function Returns(): JSX.Element {\n"
			      "  const [open, setOpen] = useState<boolean>(false);\n"
			      "  return (\n"
			      "    <>\n"
			      "      <h2 className=\"title\">Returns</h2>\n"
			      "      <p>Items can be returned within <b>30 days</b>.</p>\n"
			      "      <p className=\"card-title\">Refunds</p>\n"
			      "      <p>{open ? 'Refunds take 5 days.' : null}</p>\n"
			      "    </>\n"
			      "  );\n"
			      "}\n");
	assert_int_equal(f->units.len, 2);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->question, "Returns");
	assert_string_equal(u->text, "Items can be returned within 30 days.\nRefunds");
	assert_phrase(f, u, "30 days", 6, 42, 6, 49);
	/* A string in an expression is a unit of its own. */
	u = unit(f, 1);
	assert_string_equal(u->text, "Refunds take 5 days.");
	assert_phrase(f, u, "5 days.", 8, 32, 8, 39);
	done(f);
}

/* Code is not text: URLs, class lists, SQL, keys, imports, console and
 * errors, regex and comment quotes, single words. */
static void test_code_is_not_text(void **state)
{
	fixture *f = parse_at("src/misc.js",
			      "import axios from 'axios';\n"
			      "const API = 'https://api.example.com/v1/orders';\n"
			      "const cls = 'flex items-center justify-between';\n"
			      "const sql = 'SELECT name FROM products WHERE id = 1';\n"
			      "const re = /it's \"quoted\" here/g;\n"
			      "// 'this comment is not text either'\n"
			      "console.log('Fetching the orders from the server');\n"
			      "throw new Error('Something went wrong with the request');\n"
			      "const btn = { className: 'btn btn-primary', href: '/help/returns', style: { font: 'Open Sans, sans-serif' } };\n"
			      "if (status === 'Đã giao hàng') go();\n"
			      "export const notice = 'Orders ship within 2 business days.';\n"
			      "export const single = 'Hello';\n");
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->id, "notice");
	assert_string_equal(u->question, "notice");
	assert_phrase(f, u, "2 business days.", 11, 43, 11, 59);
	assert_loc(u, 11, 14, 11, 60);
	done(f);
}

static void test_text_shapes(void **state)
{
	assert_true(kb_cs_natural("Returns within 30 days", 22));
	assert_true(kb_cs_natural("คืนเงินภายใน7วัน", strlen("คืนเงินภายใน7วัน")));
	assert_false(kb_cs_natural("btn btn-primary mt-2", 20));
	assert_false(kb_cs_natural("https://example.com/a b", 23));
	assert_false(kb_cs_natural("DD/MM/YYYY HH:mm", 16));
	assert_false(kb_cs_natural("Hello", 5));
	assert_true(kb_cs_label("Giao hàng", strlen("Giao hàng")));
	assert_true(kb_cs_label("CHÍNH SÁCH ĐỔI TRẢ TẠI CỬA HÀNG", strlen("CHÍNH SÁCH ĐỔI TRẢ TẠI CỬA HÀNG")));
	assert_false(kb_cs_label("Free shipping over 500k", 23));
	assert_false(kb_cs_label("Returns are accepted.", 21));
	kb_arena *a = kb_arena_new();
	assert_string_equal(kb_cs_humanize(a, "titleDelivery_2"), "title delivery");
	assert_string_equal(kb_cs_humanize(a, "claimProduct"), "claim product");
	assert_null(kb_cs_humanize(a, "_1"));
	kb_arena_free(a);
}

/* Which files are read: those that hold text, not tools or packages. */
static void test_detection(void **state)
{
	const char *dict = "export default { returns: 'Returns are accepted within 30 days of delivery.',"
			   " refunds: 'Refunds take 5 to 7 business days after we receive the item.' };\n";
	assert_int_equal(kb_detect_js_strings("src/i18n/en.js", dict, strlen(dict)), 60);
	assert_int_equal(kb_detect_jsx("src/i18n/en.js", dict, strlen(dict)), 0);
	assert_int_equal(kb_detect_js_strings("node_modules/x/en.js", dict, strlen(dict)), 0);
	assert_int_equal(kb_detect_js_strings("dist/en.js", dict, strlen(dict)), 0);
	assert_int_equal(kb_detect_js_strings("public/app.min.js", dict, strlen(dict)), 0);
	assert_int_equal(kb_detect_js_strings("webpack.config.js", dict, strlen(dict)), 0);
	assert_int_equal(kb_detect_js_strings(".eslintrc.js", dict, strlen(dict)), 0);
	const char *tool = "module.exports = { mode: 'production', entry: './src/index.js' };\n"
			   "console.log('Building the bundle for production now');\n";
	assert_int_equal(kb_detect_js_strings("scripts/build.js", tool, strlen(tool)), 0);
	const char *jsx = "export const A = () => <section><h2>Returns</h2>"
			  "<p>Returns are accepted within 30 days of delivery.</p></section>;\n";
	assert_int_equal(kb_detect_jsx("src/A.jsx", jsx, strlen(jsx)), 70);

	const char *lang = "<?php\nreturn ['title' => 'Returns', 'body' => 'Returns are accepted within 30 days.'];\n";
	assert_int_equal(kb_detect_php_strings("resources/lang/en/returns.php", lang, strlen(lang)), 70);
	assert_int_equal(kb_detect_php_strings("resources/lang/en/validation.php", lang, strlen(lang)), 0);
	assert_int_equal(kb_detect_php_strings("vendor/x/lang/en/returns.php", lang, strlen(lang)), 0);
	assert_int_equal(kb_detect_php_strings("resources/views/returns.blade.php", lang, strlen(lang)), 0);
	const char *page = "<?php require 'header.php'; ?>\n<h1>Đổi trả</h1>\n"
			   "<p><?php echo 'Đổi trả trong vòng 7 ngày kể từ khi nhận hàng'; ?></p>\n";
	assert_int_equal(kb_detect_php_strings("doi-tra.php", page, strlen(page)), 0);
	const char *ci = "<?php\n$lang['returns'] = 'Đổi trả trong vòng 7 ngày kể từ khi nhận hàng.';\n";
	assert_int_equal(kb_detect_php_strings("application/language/vi/faq_lang.php", ci, strlen(ci)), 70);

	/* The parser table picks them by content. */
	assert_string_equal(kb_parser_detect("src/A.jsx", jsx, strlen(jsx))->name, "jsx");
	assert_string_equal(kb_parser_detect("src/i18n/en.js", dict, strlen(dict))->name, "js-strings");
	assert_null(kb_parser_detect("scripts/build.js", tool, strlen(tool)));
	/* A PHP page with markup is a template page, not string data. */
	assert_string_equal(kb_parser_detect("doi-tra.php", page, strlen(page))->name, "php");
}

/* Broken input: an unterminated template is read to the end and said. */
static void test_unterminated(void **state)
{
	fixture *f = parse_at("src/notes.js", "const a = 'ok';\nconst b = `Returns are accepted ${x} within 30 days\n");
	assert_int_equal(kb_diags_count(f->diags), 1);
	const kb_diag_entry *d = kb_diags_get(f->diags, 0);
	assert_int_equal(d->level, KB_DIAG_WARNING);
	assert_int_equal(d->line, 2);
	assert_int_equal(d->column, 11);
	assert_string_equal(d->message, "unterminated template literal: read up to the end of the file");
	assert_int_equal(f->units.len, 1);
	assert_string_equal(unit(f, 0)->text, "Returns are accepted within 30 days");
	done(f);
}

/* Nesting beyond any limit: no crash, no unbounded recursion. */
static void test_deep_nesting(void **state)
{
	size_t n = 100000;
	char *s = malloc(4 * n + 64);
	size_t k = 0;
	k += (size_t)sprintf(s, "const x = ");
	for (size_t i = 0; i < n; i++)
		s[k++] = i % 3 == 0 ? '[' : i % 3 == 1 ? '{' : '(';
	for (size_t i = 0; i < n; i++) {
		memcpy(s + k, "`${", 3);
		k += 3;
	}
	s[k] = '\0';
	fixture *f = parse_at("src/deep.js", s);
	assert_int_equal(f->units.len, 0);
	bool said = false;
	for (size_t i = 0; i < kb_diags_count(f->diags); i++) {
		const kb_diag_entry *d = kb_diags_get(f->diags, i);
		said |= d->line == 1 && !strcmp(d->message, "nested deeper than 2048 levels: read on as plain code");
	}
	assert_true(said);
	done(f);
	kb_jslex lx;
	kb_jslex_run(&lx, s, k, KB_JSL_JSX);
	assert_true(lx.n > 0);
	kb_jslex_free(&lx);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_i18n_dictionary), cmocka_unit_test(test_i18n_nested_locales),
	    cmocka_unit_test(test_faq_array),       cmocka_unit_test(test_php_lang_array),
	    cmocka_unit_test(test_jsx_component), cmocka_unit_test(test_question_with_markup_answer),   cmocka_unit_test(test_jsx_headings),
	    cmocka_unit_test(test_code_is_not_text), cmocka_unit_test(test_text_shapes),
	    cmocka_unit_test(test_detection),       cmocka_unit_test(test_unterminated),
	    cmocka_unit_test(test_deep_nesting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
