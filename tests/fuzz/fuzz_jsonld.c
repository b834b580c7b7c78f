/* fuzz_jsonld.c - schema.org FAQPage in JSON-LD: the input is the body of
 * a <script type="application/ld+json"> in an HTML page, so every
 * execution reaches the JSON-LD reader (and the HTML inside answers). */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char head[] = "<!DOCTYPE html>\n<html lang=\"en\"><head><title>FAQ</title>\n"
			   "<script type=\"application/ld+json\">\n";
static const char tail[] = "\n</script></head><body><h1>FAQ</h1></body></html>\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = sizeof head - 1 + size + sizeof tail - 1;
	uint8_t *page = malloc(n);
	if (!page)
		return 0;
	memcpy(page, head, sizeof head - 1);
	if (size)
		memcpy(page + sizeof head - 1, data, size);
	memcpy(page + sizeof head - 1 + size, tail, sizeof tail - 1);
	fz_file f = {"help/en/faq.html", "html", page, n};
	fz_run(&f, 1);
	free(page);
	return 0;
}
