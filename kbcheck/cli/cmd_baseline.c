/* cmd_baseline.c - `kbcheck baseline create`: the subcommand dispatch; the
 * work is a check that writes its JSON report (cmd_check.c). */
#include <string.h>

#include "cli.h"
#include "exit.h"

static const char usage[] =
    "usage: kbcheck baseline create [options] [PATH...] -o FILE\n"
    "\n"
    "Adopting kbcheck on a knowledge base that already has contradictions:\n"
    "write today's findings to FILE (the JSON report), commit it, and run\n"
    "`kbcheck check --baseline FILE` in CI.  Findings in the baseline are\n"
    "still reported, marked existing, and do not fail the run; new ones do.\n"
    "\n"
    "'kbcheck baseline create --help' lists the options.\n";

int kb_cmd_baseline(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return KB_EXIT_ERROR;
	}
	const char *sub = argv[1];
	if (!strcmp(sub, "-h") || !strcmp(sub, "--help") || !strcmp(sub, "help")) {
		fputs(usage, stdout);
		return KB_EXIT_OK;
	}
	if (!strcmp(sub, "create"))
		return kb_cmd_baseline_create(argc - 1, argv + 1);
	fprintf(stderr, "kbcheck: unknown baseline command '%s'\n", sub);
	fputs(usage, stderr);
	return KB_EXIT_ERROR;
}
