/* fuzz_dialogflow_es.c - a Dialogflow ES agent: the input is an intent,
 * then, after separator lines (harness.h), its training phrases
 * (_usersays_en.json) and agent.json. */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"agent/intents/Order Status.json",
					    "agent/intents/Order Status_usersays_en.json",
					    "agent/agent.json"};
	static const char *const formats[] = {"dialogflow", "dialogflow-usersays",
					      "dialogflow-agent"};
	fz_run_parts(data, size, names, formats, 3);
	return 0;
}
