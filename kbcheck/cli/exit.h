/* exit.h - kbcheck's exit status, decided here and nowhere else.
 *
 *   0  no finding at or above --fail-on (and no input error)
 *   1  findings at or above --fail-on
 *   2  usage error, bad input or internal error (wins over 1)
 */
#ifndef KB_EXIT_H
#define KB_EXIT_H

#include <stdbool.h>

enum {
	KB_EXIT_OK = 0,
	KB_EXIT_FINDINGS = 1,
	KB_EXIT_ERROR = 2,
};

static inline int kb_exit_status(bool failing_findings, bool errors)
{
	if (errors)
		return KB_EXIT_ERROR;
	return failing_findings ? KB_EXIT_FINDINGS : KB_EXIT_OK;
}

#endif
