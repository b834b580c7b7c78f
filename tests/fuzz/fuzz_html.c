/* fuzz_html.c - HTML help-centre pages (libxml2): headings, details, dl, microdata, JSON-LD. */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_file f = {"help/en/faq.html", "html", data, size};
	fz_run(&f, 1);
	return 0;
}
