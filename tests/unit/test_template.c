/* test_template.c - shop pages kept as templates: the pre-pass that blanks
 * template code (every engine), the pages read through it with exact
 * positions, detection, and JSON-LD that template code wrote. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "parse/template.h"

static const char *page_path = "help/faq.blade.php", *page_format = "blade";
#define HARNESS_PATH page_path
#define HARNESS_FORMAT page_format
#define HARNESS_PARSE kb_parse_template
#include "parse_harness.h"

static fixture *page(const char *format, const char *path, const char *s)
{
	page_format = format;
	page_path = path;
	return parse_str(s);
}

/* No unit of f says s. */
static void assert_nowhere(const fixture *f, const char *s)
{
	for (size_t i = 0; i < f->units.len; i++) {
		assert_null(strstr(unit(f, i)->text, s));
		assert_true(!unit(f, i)->question || !strstr(unit(f, i)->question, s));
	}
}

/* ---- the pre-pass -------------------------------------------------------- */

static void test_blank(void **state)
{
	static const struct {
		kb_tpl_engine e;
		const char *in, *out;
	} cases[] = {
	    /* PHP: blocks end at "?>" outside strings and block comments;
	     * an echo of text keeps the text; "<?xml" is no PHP. */
	    {KB_TPL_PHP, "<p><?php echo $a; ?>x</p>", "<p>                 x</p>"},
	    {KB_TPL_PHP, "<?= 'Free returns' ?>", "     Free returns    "},
	    {KB_TPL_PHP, "<?php echo __(\"Two words\"); ?>", "               Two words      "},
	    {KB_TPL_PHP, "<?php $s = '?>'; /* ?> */ ?>x", "                            x"},
	    {KB_TPL_PHP, "<?php // a ?>x", "             x"},
	    {KB_TPL_PHP, "<?php $h = <<<EOT\n?> <p>\nEOT;\n?>x", "                 \n      \n    \n  x"},
	    {KB_TPL_PHP, "<?php include 'my page.php'; ?>", "                               "},
	    {KB_TPL_PHP, "<?xml version=\"1.0\"?><p>", "<?xml version=\"1.0\"?><p>"},
	    {KB_TPL_PHP, "a<?php\nunclosed", "a     \n        "},
	    /* Blade: comments, echoes, raw echoes, directives with their
	     * arguments, @php blocks, @lang; an address is no directive,
	     * nor is an unknown name without arguments (CSS's @media). */
	    {KB_TPL_BLADE, "{{-- x --}}<p>{{ $a }}y</p>", "           <p>        y</p>"},
	    {KB_TPL_BLADE, "{!! __('Free returns') !!}", "        Free returns      "},
	    {KB_TPL_BLADE, "@if (count($a) > 1)\n<p>@endif", "                   \n<p>      "},
	    {KB_TPL_BLADE, "@php $a = 1; @endphp.", "                    ."},
	    {KB_TPL_BLADE, "@lang('Free over $50')", "       Free over $50  "},
	    {KB_TPL_BLADE, "mail info@x.com @media (x) @money(1)", "mail info@x.com @media (x)          "},
	    {KB_TPL_BLADE, "@{{ js }} @@if", "          @@if"},
	    {KB_TPL_BLADE, "@include('card', ['title' => 'Fast delivery'])",
	     "                              Fast delivery   "},
	    {KB_TPL_BLADE, "{{ route('cart.empty') }}{{ unclosed", "                         {{ unclosed"},
	    /* Twig, Jinja, Liquid, Nunjucks: tags, comments, comment blocks,
	     * Shopify's schema, trans, include arguments, front matter. */
	    {KB_TPL_BRACES, "{% if a %}A{%- endif -%}{# c #}", "          A                    "},
	    {KB_TPL_BRACES, "{% comment %}old{% endcomment %}x", "                                x"},
	    {KB_TPL_BRACES, "{% schema %}{\"a\": 1}{% endschema %}", "                                   "},
	    {KB_TPL_BRACES, "{{ 'Returns'|trans }} {{ 'faq.title'|t }}", "    Returns                              "},
	    {KB_TPL_BRACES, "{% trans \"Ships in two days\" %}", "          Ships in two days    "},
	    {KB_TPL_BRACES, "{% include 'c.html', month: \"July\", icon: \"a.svg\" %}",
	     "                             July                   "},
	    {KB_TPL_BRACES, "---\ntitle: X\n---\n<p>", "   \n        \n   \n<p>"},
	    /* Handlebars, ERB. */
	    {KB_TPL_HANDLEBARS, "{{!-- c --}}{{#if a}}A{{/if}} {{t \"Free shipping\"}}",
	     "                     A             Free shipping   "},
	    {KB_TPL_ERB, "<%# c %><% if x %>A<%- end -%> <%= \"Cancel within a day\" %> <%% x",
	     "                  A                 Cancel within a day     <%% x"},
	    /* Vue: the template's content only; nested template tags go. */
	    {KB_TPL_VUE, "<script>x</script>\n<template><p>A</p><template v-if=\"a\">B</template></template>\n<style>p{}</style>",
	     "                  \n          <p>A</p>                   B                      \n                  "},
	    {KB_TPL_VUE, "<template lang=\"pug\">p A</template>", "                                   "},
	};
	int failed = 0;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n = strlen(cases[i].in);
		char *o = kb_template_blank(cases[i].e, cases[i].in, n, NULL);
		if (strcmp(o, cases[i].out) != 0) {
			print_error("case %zu: \"%s\" gave \"%s\"\n", i, cases[i].in, o);
			failed++;
		}
		free(o);
	}
	assert_int_equal(failed, 0);
}

/* A file of a million openers that never close costs what a page costs
 * (run under the tests' timeout; it would take hours if every opener
 * searched the rest of the file). */
static void test_blank_linear(void **state)
{
	static const char *const openers[] = {"{{", "{%", "@if(", "<%", "{{!", "{% comment %}"};
	static const kb_tpl_engine engines[] = {KB_TPL_BLADE, KB_TPL_BRACES, KB_TPL_BLADE,
						KB_TPL_ERB, KB_TPL_HANDLEBARS, KB_TPL_BRACES};
	enum { N = 1 << 21 };
	char *in = malloc(N + 1);
	for (size_t k = 0; k < sizeof openers / sizeof *openers; k++) {
		size_t m = strlen(openers[k]);
		for (size_t i = 0; i < N; i++)
			in[i] = openers[k][i % m];
		char *o = kb_template_blank(engines[k], in, N, NULL);
		assert_int_equal(strlen(o), N);
		free(o);
	}
	free(in);
}

/* ---- pages, by engine ---------------------------------------------------- */

static void test_blade_page(void **state)
{
	fixture *f = page(
	    "blade", "resources/views/help/faq.blade.php",
	    "@extends('layouts.shop')\n"
	    "{{-- Keep in step with the chatbot's answers --}}\n"
	    "@section('content')\n"
	    "<h1>{{ __('Help centre') }}</h1>\n"
	    "<h2>Can I cancel my order?</h2>\n"
	    "<p>Yes, you can cancel your order within 24 hours, {{ $user->name }}.</p>\n"
	    "@if ($member)\n"
	    "    <p>{{ __('Members get free returns within 60 days.') }}</p>\n"
	    "@else\n"
	    "    <p>Returns are free within 30 days.</p>\n"
	    "@endif\n"
	    "<h2>@lang('How much is shipping?')</h2>\n"
	    "<p>Shipping is {!! $fee !!} free over $50. @include('partials.badge', ['label' => 'Fast delivery'])</p>\n"
	    "@php\n"
	    "    $note = \"<h2>Not a question</h2>\";\n"
	    "@endphp\n"
	    "<p>Write to help@shop.example with your order number.</p>\n"
	    "@endsection\n");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 2);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->question, "Can I cancel my order?");
	assert_headings(u, 1, "Help centre");
	assert_string_equal(u->text, "Yes, you can cancel your order within 24 hours, .\n"
				     "Members get free returns within 60 days.\n"
				     "Returns are free within 30 days.");
	assert_phrase(f, u, "within 24 hours", 6, 35, 6, 50);
	assert_phrase(f, u, "within 60 days", 8, 40, 8, 54); /* in __('...') */
	assert_phrase(f, u, "within 30 days", 10, 25, 10, 39);
	assert_loc(u, 5, 1, 10, 44);
	u = unit(f, 1);
	assert_string_equal(u->question, "How much is shipping?");
	assert_string_equal(u->text, "Shipping is free over $50. Fast delivery\n"
				     "Write to help@shop.example with your order number.");
	assert_phrase(f, u, "free over $50", 13, 29, 13, 42);
	assert_phrase(f, u, "Fast delivery", 13, 84, 13, 97);
	assert_phrase(f, u, "help@shop.example", 17, 13, 17, 30);
	assert_loc(u, 12, 1, 17, 58);
	assert_nowhere(f, "Not a question");
	assert_nowhere(f, "chatbot");
	done(f);
}

static void test_php_page(void **state)
{
	fixture *f = page(
	    "php", "doi-tra.php",
	    "<?php require __DIR__ . '/layouts/header.php'; ?>\n"
	    "<main class=\"policy\">\n"
	    "  <h2>Chính sách đổi trả</h2>\n"
	    "  <p>Quý khách được đổi hàng trong vòng 7 ngày.</p>\n"
	    "  <?php if ($sale): ?>\n"
	    "  <p><?= 'Hàng giảm giá không được đổi trả.' ?></p>\n"
	    "  <?php endif; ?>\n"
	    "  <h2>Giờ làm việc</h2>\n"
	    "  <p>Hotline <?php echo $phone; ?>: 8:00 - 22:00 (Thứ 2 - Chủ nhật)</p>\n"
	    "  <?php foreach ($faqs as $f) { echo \"<h3>{$f->q} ?></h3>\"; } /* ?> */ ?>\n"
	    "</main>\n"
	    "<?php require __DIR__ . '/layouts/footer.php'; ?>\n");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 2);
	const kb_unit *u = unit(f, 0);
	assert_string_equal(u->question, "Chính sách đổi trả");
	assert_string_equal(u->text, "Quý khách được đổi hàng trong vòng 7 ngày.\n"
				     "Hàng giảm giá không được đổi trả.");
	assert_string_equal(u->locale, "vi");
	/* Columns count characters, also past blanked code. */
	assert_phrase(f, u, "trong vòng 7 ngày", 4, 30, 4, 47);
	assert_phrase(f, u, "không được đổi trả", 6, 25, 6, 43);
	assert_loc(u, 3, 3, 6, 52);
	u = unit(f, 1);
	assert_string_equal(u->question, "Giờ làm việc");
	assert_string_equal(u->text, "Hotline : 8:00 - 22:00 (Thứ 2 - Chủ nhật)");
	assert_phrase(f, u, "8:00 - 22:00", 9, 37, 9, 49);
	assert_loc(u, 8, 3, 9, 72);
	assert_nowhere(f, "h3");
	done(f);
}

/* A page that gives one unit: its question and text, where it is, and
 * where phrases of it are (ASCII, on one line). */
typedef struct one_unit_page {
	const char *why, *format, *path, *page;
	const char *question, *text;
	int line, col, end_line, end_col;
	struct {
		const char *s;
		int line, col;
	} phrases[3];
	const char *absent; /* in no unit */
} one_unit_page;

static const one_unit_page one_unit_pages[] = {
    {"Twig: a heading through |trans, text between {% trans %} tags",
     "twig", "templates/returns.html.twig",
     "{% extends 'base.html.twig' %}\n"
     "{# Returns page #}\n"
     "{% block body %}\n"
     "<h2>{{ 'Returns'|trans }}</h2>\n"
     "<p>{% trans %}Unworn items can be returned within 30 days.{% endtrans %}</p>\n"
     "{%- if region == 'eu' -%}\n"
     "<p>In the EU you have {{ eu_days }} 14 days to withdraw.</p>\n"
     "{%- endif -%}\n"
     "{% endblock %}\n",
     "Returns", "Unworn items can be returned within 30 days.\nIn the EU you have 14 days to withdraw.",
     4, 1, 7, 61, {{"within 30 days", 5, 44}, {"14 days", 7, 37}}, "Returns page"},
    {"Liquid in a Jekyll or Eleventy page: front matter, a comment block, "
     "an include whose argument is the text it shows",
     "liquid", "site/shipping.html",
     "---\n"
     "layout: page\n"
     "title: Shipping\n"
     "---\n"
     "<h1>{{ page.title }}</h1>\n"
     "{% comment %}\n"
     "<p>Orders ship within 5 days.</p>\n"
     "{% endcomment %}\n"
     "<h2>When will my order ship?</h2>\n"
     "<p>Orders ship within {{ site.ship_days }} 2 business days.</p>\n"
     "{% include 'notice.html', heading: \"Free returns within 30 days\", icon: \"truck.svg\" %}\n",
     "When will my order ship?", "Orders ship within 2 business days.\nFree returns within 30 days",
     9, 1, 11, 64, {{"2 business days", 10, 44}, {"Free returns within 30 days", 11, 37}},
     "5 days"},
    {"a Shopify section: its schema is no text, a translation key neither",
     "liquid", "sections/faq.liquid",
     "<div class=\"faq\">\n"
     "  <h2>{{ section.settings.title }}</h2>\n"
     "  <h3>Do you ship abroad?</h3>\n"
     "  <p>{{ 'We ship to 40 countries.' }} {{ 'faq.abroad' | t }}</p>\n"
     "</div>\n"
     "{% schema %}\n"
     "{ \"name\": \"FAQ\", \"settings\": [{ \"id\": \"title\", \"default\": \"<h2>Not shown</h2>\" }] }\n"
     "{% endschema %}\n",
     "Do you ship abroad?", "We ship to 40 countries.", 3, 3, 4, 65, {{"40 countries", 4, 21}},
     "Not shown"},
    {"Django and Jinja: {% trans \"...\" %}, blocktrans", "jinja", "templates/help.html.j2",
     "{% load i18n %}\n"
     "<h2>{% trans \"How long do refunds take?\" %}</h2>\n"
     "<p>{% blocktrans %}Refunds take 5-7 business days.{% endblocktrans %}</p>\n",
     "How long do refunds take?", "Refunds take 5-7 business days.", 2, 1, 3, 74,
     {{"5-7 business days", 3, 33}}, "i18n"},
    {"Nunjucks: the value a {% set %} holds is code", "nunjucks", "src/contact.njk",
     "{% set hours = \"9:00-17:00\" %}\n"
     "<h2>Support hours</h2>\n"
     "<p>We answer Mon-Fri, {{ hours }} 9:00-17:00.</p>\n",
     "Support hours", "We answer Mon-Fri, 9:00-17:00.", 2, 1, 3, 50, {{"9:00-17:00", 3, 35}},
     "set"},
    {"Handlebars: a helper that prints text, both branches of an if", "handlebars",
     "views/warranty.hbs",
     "{{!-- warranty partial --}}\n"
     "<h2>{{t \"How long is the warranty?\"}}</h2>\n"
     "{{#if phone}}<p>Phones have a 12 months warranty.</p>{{else}}<p>Accessories have a 6 months warranty.</p>{{/if}}\n",
     "How long is the warranty?", "Phones have a 12 months warranty.\nAccessories have a 6 months warranty.",
     2, 1, 3, 106, {{"12 months", 3, 31}, {"6 months", 3, 84}}, "partial"},
    {"Rails ERB: a translation key is no text, a string is", "erb", "app/views/help/cancel.html.erb",
     "<%# cancellation help %>\n"
     "<h2><%= t('.title') %></h2>\n"
     "<h2>Can I cancel?</h2>\n"
     "<% if @order.cancellable? %>\n"
     "<p><%= \"You can cancel within 12 hours.\" %></p>\n"
     "<% end %>\n",
     "Can I cancel?", "You can cancel within 12 hours.", 3, 1, 5, 48, {{"within 12 hours", 5, 24}},
     "title"},
    {"JSP: directives, comments, scriptlets and ${...} expressions are code; <%= \"...\" %> "
     "text is kept",
     "jsp", "WEB-INF/views/returns.jsp",
     "<%@ page contentType=\"text/html;charset=UTF-8\" %>\n"
     "<%-- <h2>old heading</h2> --%>\n"
     "<h2>Đổi trả trong bao lâu?</h2>\n"
     "<% if (shop.isOpen()) { %>\n"
     "<p>Đổi trả trong vòng ${policy.days} 7 ngày (COD), <%= \"miễn phí\" %> #{x}.</p>\n"
     "<% } %>\n",
     "Đổi trả trong bao lâu?", "Đổi trả trong vòng 7 ngày (COD), miễn phí .", 3, 1, 5, 79,
     {{"(COD)", 5, 45}}, "old heading"},
    {"Vue: the <template> block with its nested <template> (which HTML would hide); "
     "neither script nor style",
     "vue", "src/components/Faq.vue",
     "<template>\n"
     "  <section>\n"
     "    <h2>{{ $t('faq.returns') }}</h2>\n"
     "    <h2>Returns</h2>\n"
     "    <p v-if=\"eu\">Returns are accepted within 14 days.</p>\n"
     "    <template v-else>\n"
     "      <p>Returns are accepted within {{ days }} 30 days.</p>\n"
     "    </template>\n"
     "  </section>\n"
     "</template>\n"
     "\n"
     "<script>\n"
     "export default { data: () => ({ note: '<h2>Not a question</h2>' }) }\n"
     "</script>\n"
     "\n"
     "<style scoped>\n"
     "h2 { margin: 0 }\n"
     "</style>\n",
     "Returns", "Returns are accepted within 14 days.\nReturns are accepted within 30 days.",
     4, 5, 7, 61, {{"within 14 days", 5, 39}, {"30 days", 7, 49}}, "Not a question"},
};

static void test_one_unit_pages(void **state)
{
	for (size_t i = 0; i < sizeof one_unit_pages / sizeof *one_unit_pages; i++) {
		const one_unit_page *p = &one_unit_pages[i];
		print_message("%s\n", p->why);
		fixture *f = page(p->format, p->path, p->page);
		assert_int_equal(kb_diags_count(f->diags), 0);
		assert_int_equal(f->units.len, 1);
		const kb_unit *u = unit(f, 0);
		assert_string_equal(u->question, p->question);
		assert_string_equal(u->text, p->text);
		assert_loc(u, p->line, p->col, p->end_line, p->end_col);
		for (size_t k = 0; k < 3 && p->phrases[k].s; k++) {
			int n = (int)strlen(p->phrases[k].s);
			assert_phrase(f, u, p->phrases[k].s, p->phrases[k].line, p->phrases[k].col,
				      p->phrases[k].line, p->phrases[k].col + n);
		}
		assert_nowhere(f, p->absent);
		done(f);
	}
}

/* JSON-LD that a loop wrote is no FAQ the page serves (and no longer JSON
 * without its code): skipped, without a word; JSON-LD as written is read. */
static void test_jsonld(void **state)
{
	fixture *f = page(
	    "blade", "resources/views/faq.blade.php",
	    "<script type=\"application/ld+json\">\n"
	    "{\"@context\": \"https://schema.org\", \"@type\": \"FAQPage\", \"mainEntity\": [\n"
	    "@foreach ($faqs as $faq)\n"
	    "  {\"@type\": \"Question\", \"name\": \"{{ $faq->q }}\", \"acceptedAnswer\": {\"text\": \"{{ $faq->a }}\"}},\n"
	    "@endforeach\n"
	    "]}\n"
	    "</script>\n"
	    "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"FAQPage\", "
	    "\"mainEntity\": [{\"@type\": \"Question\", \"name\": \"Do you ship abroad?\", "
	    "\"acceptedAnswer\": {\"@type\": \"Answer\", \"text\": \"Yes, to 40 countries.\"}}]}</script>\n"
	    "<h2>Returns</h2><p>Returns within 30 days.</p>\n");
	assert_int_equal(kb_diags_count(f->diags), 0);
	assert_int_equal(f->units.len, 2);
	assert_string_equal(unit(f, 0)->question, "Do you ship abroad?");
	assert_phrase(f, unit(f, 0), "40 countries", 8, 214, 8, 226);
	assert_string_equal(unit(f, 1)->question, "Returns");
	done(f);
}

/* ---- detection ------------------------------------------------------------ */

static const kb_parser *detect(const char *path, const char *data)
{
	return kb_parser_detect(path, data, strlen(data));
}

static const char *format_of(const char *path, const char *data)
{
	const kb_parser *p = detect(path, data);
	return p ? p->name : "(none)";
}

static void test_detect(void **state)
{
	const char *page = "<?php include 'header.php'; ?>\n<section><h2>Returns</h2><p>x</p></section>\n";
	assert_string_equal(format_of("shop/returns.php", page), "php");
	assert_string_equal(format_of("resources/views/faq.blade.php", page), "blade");
	/* Code is no page; a PHP language array is no page either, and
	 * goes to its own parser. */
	assert_string_equal(format_of("app/Http/Controller.php",
				      "<?php\nclass A { function f() { echo '<div>x</div>'; } }\n"),
			    "(none)");
	assert_string_equal(format_of("resources/lang/en/faq.php",
				      "<?php\nreturn [\n  'title' => '<b>Free</b> returns within 30 days',\n];\n"),
			    "php-strings");
	/* A layout of directives only is still a Blade page (it gives no
	 * unit, and --verbose says why). */
	assert_string_equal(format_of("resources/views/layouts/app.blade.php", "@yield('content')\n"),
			    "blade");
	assert_string_equal(format_of("templates/a.html.twig", "{% block body %}{% endblock %}"), "twig");
	assert_string_equal(format_of("sections/faq.liquid", "{{ x }}"), "liquid");
	assert_string_equal(format_of("src/x.njk", "<p>x</p>"), "nunjucks");
	assert_string_equal(format_of("views/x.hbs", "{{x}}"), "handlebars");
	assert_string_equal(format_of("src/X.vue", "<template><p>x</p></template>"), "vue");
	assert_string_equal(format_of("app/views/x.html.erb", "<% x %>"), "erb");
	assert_string_equal(format_of("WEB-INF/views/x.jsp", "<%@ page x %>"), "jsp");
	assert_string_equal(format_of("views/faq.ejs", "<% if (a) { %><h2>Help</h2><p>x</p><% } %>"), "ejs");
	/* An EJS file of code alone is no page. */
	assert_string_equal(format_of("views/partial.ejs", "<% const a = 1; %>"), "(none)");
	/* Configuration templates hold no HTML. */
	assert_string_equal(format_of("config/database.yml.erb", "production:\n  url: <%= ENV['X'] %>\n"),
			    "(none)");
	assert_string_equal(format_of("deploy/nginx.conf.j2", "server { listen {{ port }}; }\n"), "(none)");
	assert_string_equal(format_of("templates/help.j2", "{% if a %}<h2>Help</h2><p>x</p>{% endif %}"),
			    "jinja");
	/* .html: tags make a template (front matter: Liquid, else Jinja);
	 * {{placeholders}} alone do not. */
	assert_string_equal(format_of("site/faq.html", "---\ntitle: FAQ\n---\n<h1>{{ page.title }}</h1>\n"),
			    "liquid");
	assert_string_equal(format_of("templates/faq.html",
				      "{% extends 'base.html' %}\n{% block content %}<h2>Help</h2>{% endblock %}\n"),
			    "jinja");
	assert_string_equal(format_of("help/faq.html", "<h2>Hi {{ticket.requester.name}}</h2><p>x</p>"),
			    "html");
}

/* ---- the arms of conditionals -------------------------------------------- */

/* An arm expected: it starts right after the first `after` at or past the
 * previous arm's body, and ends at the first `before` past its start. */
typedef struct {
	const char *after, *before, *label;
	unsigned cond, arm;
} arm_want;

static void assert_arms(kb_tpl_engine e, const char *in, const arm_want *want, size_t n)
{
	kb_tpl_branches br = {0};
	free(kb_template_blank(e, in, strlen(in), &br));
	if (br.n != n)
		fail_msg("%zu arms, expected %zu, in: %s", br.n, n, in);
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		const char *a = strstr(in + from, want[i].after);
		assert_non_null(a);
		size_t start = (size_t)(a - in) + strlen(want[i].after);
		const char *b = strstr(in + start, want[i].before);
		assert_non_null(b);
		const kb_tpl_branch *got = &br.items[i];
		if (got->start != start || got->end != (size_t)(b - in))
			fail_msg("arm %zu of %s: [%zu, %zu), expected [%zu, %zu)", i, in, got->start,
				 got->end, start, (size_t)(b - in));
		assert_string_equal(got->label, want[i].label);
		assert_int_equal(got->cond, want[i].cond);
		assert_int_equal(got->arm, want[i].arm);
		from = start;
	}
	kb_tpl_branches_free(&br);
}

static void test_branches(void **state)
{
	(void)state;
	/* Blade: if, elseif, else; an unless; @auth names its test. */
	static const arm_want blade[] = {
	    {"@if ($promo)", "@elseif", "$promo", 0, 0},
	    {"@elseif($eu && $x)", "@else", "$eu && $x", 0, 1},
	    {"@else", "@endif", "else of $promo", 0, 2},
	    {"@unless($vip)", "@endunless", "not $vip", 1, 0},
	    {"@auth", "@else", "auth", 2, 0},
	    {"@else", "@endauth", "else of auth", 2, 1},
	};
	assert_arms(KB_TPL_BLADE,
		    "@if ($promo)<p>60 days</p>@elseif($eu && $x)<p>14 days</p>@else<p>30 days</p>"
		    "@endif\n@unless($vip)<p>Fee $5</p>@endunless @auth Hi @else Log in @endauth",
		    blade, 6);
	/* Twig/Jinja/Liquid: elif and elsif, nested arms labelled with the
	 * arms around them; a loop's else is no arm. */
	static const arm_want braces[] = {
	    {"{% if eu %}", "{% elsif", "eu", 0, 0},
	    {"{%- if member -%}", "{% else %}", "eu / member", 1, 0},
	    {"{% else %}", "{% endif %}", "eu / else of member", 1, 1},
	    {"{% elsif uk %}", "{% else %}", "uk", 0, 1},
	    {"{% else %}", "{% endif %}", "else of eu", 0, 2},
	};
	assert_arms(KB_TPL_BRACES,
		    "{% if eu %}A{%- if member -%}B{% else %}C{% endif %}"
		    "{% for x in y %}D{% else %}E{% endfor %}{% elsif uk %}F{% else %}G{% endif %}",
		    braces, 5);
	/* Handlebars: {{else if}}, {{else}}; #each's else is none. */
	static const arm_want hbs[] = {
	    {"{{#if phone}}", "{{else if tablet}}", "phone", 0, 0},
	    {"{{else if tablet}}", "{{else}}6", "tablet", 0, 1},
	    {"{{/each}}{{else}}", "{{/if}}", "else of phone", 0, 2},
	};
	assert_arms(KB_TPL_HANDLEBARS,
		    "{{#if phone}}12 months{{else if tablet}}{{#each x}}a{{else}}b{{/each}}"
		    "{{else}}6 months{{/if}}",
		    hbs, 3);
	/* ERB: if/elsif/else/end, blocks that an end also closes. */
	static const arm_want erb[] = {
	    {"<% if @eu %>", "<% elsif", "@eu", 0, 0},
	    {"<% elsif @uk -%>", "<% else %>", "@uk", 0, 1},
	    {"<% else %>", "<% end %>", "else of @eu", 0, 2},
	};
	assert_arms(KB_TPL_ERB,
		    "<% if @eu %><% @items.each do |i| %>x<% end %><% elsif @uk -%>y<% else %>z"
		    "<% end %>",
		    erb, 3);
	/* PHP's alternative syntax; the parentheses around a whole test go
	 * (the test reads as Blade's), not those of a part. */
	static const arm_want php[] = {
	    {"<?php if ( $vip ): ?>", "<?php elseif", "$vip", 0, 0},
	    {"<?php elseif (($a) || ($b)): ?>", "<?php else: ?>", "($a) || ($b)", 0, 1},
	    {"<?php else: ?>", "<?php endif; ?>", "else of $vip", 0, 2},
	};
	assert_arms(KB_TPL_PHP,
		    "<?php if ( $vip ): ?><p>60</p><?php elseif (($a) || ($b)): ?><p>45</p>"
		    "<?php else: ?><p>30</p><?php endif; ?>",
		    php, 3);
	/* Blocks that do not nest keep no arm: one would hide a conflict. */
	assert_arms(KB_TPL_BRACES, "{% if a %}x{% endfor %}{% else %}y{% endif %}", NULL, 0);
	assert_arms(KB_TPL_BLADE, "@if ($a) x @else y", NULL, 0);
	assert_arms(KB_TPL_HANDLEBARS, "{{else}}x{{/if}}", NULL, 0);
}

/* The arms of a page scope what they state: two arms of one conditional
 * are alternatives, not one answer that contradicts itself. */
static void test_branch_units(void **state)
{
	fixture *f = page("blade", "views/returns.blade.php",
			  "<h2>How long do I have to return an item?</h2>\n"
			  "@if ($promo)\n"
			  "    <p>You can return items within 60 days.</p>\n"
			  "@else\n"
			  "    <p>You can return items within 30 days.</p>\n"
			  "@endif\n");
	assert_int_equal(f->units.len, 1);
	const kb_unit *u = unit(f, 0);
	assert_int_equal(u->nbranches, 2);
	assert_string_equal(u->branches[0].label, "$promo");
	assert_string_equal(u->branches[1].label, "else of $promo");
	assert_int_equal(u->branches[0].cond, 0);
	assert_int_equal(u->branches[1].cond, 0);
	assert_int_equal(u->branches[0].arm, 0);
	assert_int_equal(u->branches[1].arm, 1);
	const char *in = f->src.data;
	assert_int_equal(u->branches[0].start, (size_t)(strstr(in, "@if ($promo)") - in) + 12);
	assert_int_equal(u->branches[0].end, (size_t)(strstr(in, "@else") - in));
	assert_int_equal(u->branches[1].end, (size_t)(strstr(in, "@endif") - in));
	done(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_blank),
	    cmocka_unit_test(test_blank_linear),
	    cmocka_unit_test(test_branches),
	    cmocka_unit_test(test_branch_units),
	    cmocka_unit_test(test_blade_page),
	    cmocka_unit_test(test_php_page),
	    cmocka_unit_test(test_one_unit_pages),
	    cmocka_unit_test(test_jsonld),
	    cmocka_unit_test(test_detect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
