/* fuzz_detect.c - what the walker does with a file nobody named: the first
 * byte picks a file name, detection picks the parser from the name and the
 * content (every detect function runs), and that parser reads it. */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
	    "kb/help/faq.md",  "kb/help/faq.html",         "kb/bot/domain.yml",
	    "kb/bot/data/nlu.yml", "kb/agent/intents/X.json", "kb/agent/intents/X_usersays_en.json",
	    "kb/agent/agent.json", "kb/cx/flows/F/F.json", "kb/bot/x.aiml",
	    "kb/bot/x.xml",    "kb/macros/macros.json",    "kb/export.json",
	    "kb/notes.txt",    "kb/help/faq",              "kb/macros/replies.csv",
	    "kb/bot/intents.json", "kb/shop/faq.php",       "kb/views/faq.blade.php",
	    "kb/src/Faq.vue",      "kb/site/faq.liquid",
	    "kb/src/locales/vi/a.js", "kb/src/A.jsx",
	    "kb/resources/lang/th/a.php", "kb/src/data/faqs.ts",
	};
	if (size == 0)
		return 0;
	fz_file f = {names[data[0] % (sizeof names / sizeof names[0])], NULL, data + 1,
		     size - 1};
	fz_run(&f, 1);
	return 0;
}
