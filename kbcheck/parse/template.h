/* template.h - shop pages kept as server templates (PHP, Laravel Blade,
 * Twig, Jinja and Django, Liquid, Nunjucks, Handlebars, Rails ERB) or Vue
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

#include <stddef.h>

typedef enum kb_tpl_engine {
	KB_TPL_PHP,        /* <?php ... ?>, <?= ... ?>, <? ... ?> */
	KB_TPL_BLADE,      /* PHP, {{ }}, {!! !!}, {{-- --}}, @{{ }}, @directives */
	KB_TPL_BRACES,     /* Twig, Jinja, Django, Liquid, Nunjucks: {% %}, {{ }},
			    * {# #}, {% comment %}...{% endcomment %}, front matter */
	KB_TPL_HANDLEBARS, /* Handlebars, Mustache: {{ }}, {{{ }}}, {{! }}, {{!-- --}} */
	KB_TPL_ERB,        /* <% %>, <%= %>, <%- %>, <%# %> */
	KB_TPL_VUE,        /* only the <template> block's content; {{ }} in it */
} kb_tpl_engine;

/* A copy of data[0..len), NUL-terminated, of the same length, in which
 * every byte of template code is a space except line ends ('\n', '\r'),
 * which stay (see above).  Time linear in len whatever the input (an
 * unclosed tag is left as it is: the engines print it as text).  The
 * caller frees the copy. */
char *kb_template_blank(kb_tpl_engine e, const char *data, size_t len);

#endif
