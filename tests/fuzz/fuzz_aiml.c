/* fuzz_aiml.c - AIML 1.0/2.0 chatbot scripts (libxml2): categories, random, srai, topics. */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_file f = {"bot/aiml/shop.aiml", "aiml", data, size};
	fz_run(&f, 1);
	return 0;
}
