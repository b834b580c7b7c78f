/* fuzz_helpdesk.c - helpdesk JSON exports: the same input read as Zendesk
 * macros, Freshdesk canned responses, Help Scout saved replies, a Zendesk
 * Help Center article export, an intent -> responses list and, without a
 * map, a question list (mapped.c). */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_file f[] = {
	    {"macros/zendesk.json", "zendesk-macros", data, size},
	    {"macros/freshdesk.json", "freshdesk", data, size},
	    {"macros/helpscout.json", "helpscout", data, size},
	    {"help/articles.json", "zendesk-hc", data, size},
	    {"bot/intents.json", "intent-responses", data, size},
	    {"help/faq.json", "mapped", data, size},
	};
	fz_run(f, sizeof f / sizeof f[0]);
	return 0;
}
