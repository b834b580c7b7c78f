/* fuzz_markdown.c - Markdown FAQ pages (cmark), front matter included. */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_file f = {"help/en/faq.md", "markdown", data, size};
	fz_run(&f, 1);
	return 0;
}
