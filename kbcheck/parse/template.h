/* template.h - shop pages kept as server templates (PHP, Laravel Blade,
 * Twig, Jinja and Django, Liquid, Nunjucks, Handlebars, Rails ERB, JSP,
 * EJS) or Vue
 * single-file components; private to parse/.
 *
 * Such a page is read as the HTML page it serves, minus what its code
 * would add: a pre-pass (template_blank.c) turns every piece of template
 * code into spaces, byte for byte, keeping each line end, and the HTML
 * parser reads the result in place of the file's bytes (kb_html_parse).
 * Every offset into the copy is the same offset into the file, so units,
 * claims and libxml2's own line numbers stay exact with no map at all.
 *
 *     {{-- note --}}<p>Returns within {{ $days }} days.</p>
 *     @if ($vip) <p>{{ __('Free returns for members') }}</p> @endif
 * is read as
 *                   <p>Returns within              days.</p>
 *                  <p>    Free returns for members     </p>
 *
 * What is kept of the code: the characters of a string literal that an
 * output tag prints as the page's text -- {{ __('Free returns') }},
 * <?= 'Free returns' ?>, @lang('...'), {% trans "..." %}, {{t "..."}} --
 * when it reads as text (words, or a non-Latin script) rather than a key
 * ('faq.title'), a path or markup.  Real shops write much of their copy
 * that way (Laravel's __() takes the English text itself as the key).
 */
#ifndef KB_TEMPLATE_H
#define KB_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum kb_tpl_engine {
	KB_TPL_PHP,        /* <?php ... ?>, <?= ... ?>, <? ... ?> */
	KB_TPL_BLADE,      /* PHP, {{ }}, {!! !!}, {{-- --}}, @{{ }}, @directives */
	KB_TPL_BRACES,     /* Twig, Jinja, Django, Liquid, Nunjucks: {% %}, {{ }},
			    * {# #}, {% comment %}...{% endcomment %}, front matter */
	KB_TPL_HANDLEBARS, /* Handlebars, Mustache: {{ }}, {{{ }}}, {{! }}, {{!-- --}} */
	KB_TPL_ERB,        /* <% %>, <%= %>, <%- %>, <%# %> */
	KB_TPL_SCRIPTLET,  /* JSP and EJS: <% %>, <%= %>, <%-- --%>, <%@ %>,
			    * and ${ } / #{ } expressions; their code is Java
			    * or JavaScript, so no conditionals are read */
	KB_TPL_VUE,        /* only the <template> block's content; {{ }} in it */
} kb_tpl_engine;

/* The arms of the page's conditionals (template_branch.c): the bytes
 * [start, end) of the file between an arm's tag and the next one's (or the
 * closing tag).  Arms of one conditional share cond (numbered in the order
 * the conditionals open) and differ in arm (0, 1...); label names the arm:
 * its test ("$member"), "else of $member", "not $x" for an unless, after
 * the labels of the arms around it ("$member / $eu").  @if/@elseif/@else/
 * @endif and @unless (Blade); {% if %}/{% elif %}/{% elsif %}/{% else %}
 * and {% unless %} (Twig, Jinja, Liquid, Nunjucks); {{#if}}/{{else if}}/
 * {{else}} and {{#unless}} (Handlebars); <% if %>/<% elsif %>/<% else %>/
 * <% end %> and unless (ERB); if (...):/elseif/else:/endif; (PHP). */
enum { KB_TPL_LABEL_MAX = 120, KB_TPL_DEPTH = 32 };

typedef struct kb_tpl_branch {
	size_t start, end;
	unsigned cond, arm;
	char label[KB_TPL_LABEL_MAX];
} kb_tpl_branch;

typedef struct kb_tpl_open { /* an open block (template_branch.c) */
	bool conditional;   /* if/unless; else a loop or other block */
	char kind[16];      /* "if", "for"...: what its end tag names */
	unsigned cond, arm;
	size_t start;       /* of the current arm */
	char label[KB_TPL_LABEL_MAX], test[KB_TPL_LABEL_MAX];
} kb_tpl_open;

typedef struct kb_tpl_branches {
	kb_tpl_branch *items; /* malloc'd; by start once the pre-pass is done */
	size_t n, cap;
	kb_tpl_open open[KB_TPL_DEPTH];
	size_t depth;
	unsigned nconds;
	bool broken; /* blocks that do not nest: no arm is kept */
} kb_tpl_branches;

/* A copy of data[0..len), NUL-terminated, of the same length, in which
 * every byte of template code is a space except line ends ('\n', '\r'),
 * which stay (see above).  Time linear in len whatever the input (an
 * unclosed tag is left as it is: the engines print it as text).  The
 * caller frees the copy.  When br is not NULL (zeroed by the caller), the
 * arms of the page's conditionals go there; free with
 * kb_tpl_branches_free. */
char *kb_template_blank(kb_tpl_engine e, const char *data, size_t len, kb_tpl_branches *br);
void kb_tpl_branches_free(kb_tpl_branches *br);

/* What the pre-pass tells template_branch.c, tag by tag, in file d (br
 * may be NULL: nothing is done): a PHP block with code [s, e) ending at
 * end; a Blade directive name[0..k) with its arguments [as, ae); a {% %}
 * tag whose name [s, s + k) starts a body ending at e ("%}" follows); a
 * Handlebars tag [tag, end); an ERB tag with Ruby from s to its "%>",
 * ending at end.  done sorts the arms or, when the blocks did not nest,
 * drops them all. */
void kb_tpl_php_tag(kb_tpl_branches *br, const char *d, size_t tag, size_t s, size_t e,
		    size_t end);
void kb_tpl_blade_tag(kb_tpl_branches *br, const char *d, size_t tag, const char *name,
		      size_t k, size_t as, size_t ae, size_t end);
void kb_tpl_braces_tag(kb_tpl_branches *br, const char *d, size_t tag, size_t s, size_t k,
		       size_t e);
void kb_tpl_hb_tag(kb_tpl_branches *br, const char *d, size_t tag, size_t end);
void kb_tpl_erb_tag(kb_tpl_branches *br, const char *d, size_t tag, size_t s, size_t end);
void kb_tpl_branches_done(kb_tpl_branches *br);

#endif
