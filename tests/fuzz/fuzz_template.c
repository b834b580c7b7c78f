/* fuzz_template.c - shop pages kept as templates: the first byte picks the
 * engine (and a file name of its kind), the rest is the page, whose
 * template code the pre-pass blanks before the HTML parser reads it. */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const pages[][2] = {
	    {"shop/faq.php", "php"},
	    {"resources/views/faq.blade.php", "blade"},
	    {"templates/faq.html.twig", "twig"},
	    {"templates/faq.html", "jinja"},
	    {"site/faq.html", "liquid"},
	    {"src/faq.njk", "nunjucks"},
	    {"views/faq.hbs", "handlebars"},
	    {"app/views/faq.html.erb", "erb"},
	    {"src/Faq.vue", "vue"},
	};
	if (size == 0)
		return 0;
	size_t k = data[0] % (sizeof pages / sizeof pages[0]);
	fz_file f = {pages[k][0], pages[k][1], data + 1, size - 1};
	fz_run(&f, 1);
	return 0;
}
