/* fuzz_rasa.c - a Rasa project (libfyaml): the input is domain.yml, then,
 * after separator lines (harness.h), data/nlu.yml, data/stories.yml and
 * data/rules.yml, which the domain parser links questions from. */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"bot/domain.yml", "bot/data/nlu.yml",
					    "bot/data/stories.yml", "bot/data/rules.yml"};
	static const char *const formats[] = {"rasa", "rasa-data", "rasa-data", "rasa-data"};
	fz_run_parts(data, size, names, formats, 4);
	return 0;
}
