/* fuzz_codestr.c - texts kept in source code (jslex.c, codestr.c, jsx.c):
 * the first byte picks the file's name and so its language (JavaScript,
 * TypeScript, JSX, TSX, PHP), the rest is read by its parser. */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		const char *path, *format;
	} files[] = {
	    {"kb/src/locales/vi/shop.js", "js-strings"},
	    {"kb/src/data/faqs.ts", "js-strings"},
	    {"kb/src/components/Policy.jsx", "jsx"},
	    {"kb/src/components/Returns.tsx", "jsx"},
	    {"kb/resources/lang/th/warranty.php", "php-strings"},
	};
	if (size == 0)
		return 0;
	size_t k = data[0] % (sizeof files / sizeof files[0]);
	fz_file f = {files[k].path, files[k].format, data + 1, size - 1};
	fz_run(&f, 1);
	return 0;
}
