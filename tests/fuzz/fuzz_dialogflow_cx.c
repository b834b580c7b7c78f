/* fuzz_dialogflow_cx.c - a Dialogflow CX agent: the input is a flow, then,
 * after separator lines (harness.h), a page of it, an intent's training
 * phrases and agent.json. */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
	    "cx/flows/Default Start Flow/Default Start Flow.json",
	    "cx/flows/Default Start Flow/pages/Returns.json",
	    "cx/intents/refund.time/trainingPhrases/en.json", "cx/agent.json"};
	static const char *const formats[] = {"dialogflow-cx", "dialogflow-cx",
					      "dialogflow-usersays", "dialogflow-agent"};
	fz_run_parts(data, size, names, formats, 4);
	return 0;
}
