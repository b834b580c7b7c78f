/* fuzz_csv.c - question/answer tables in CSV (header row, RFC 4180
 * quoting, ';' and tab separators, Excel's "sep=" line). */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_file f = {"macros/replies.csv", "csv", data, size};
	fz_run(&f, 1);
	return 0;
}
