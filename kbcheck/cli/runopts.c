/* runopts.c - the options commands that run a check share; see runopts.h. */
#include "runopts.h"

#include <stdio.h>
#include <stdlib.h>

#include "didyoumean.h"
#include "exit.h"

bool kb_cli_run_option(int c, const char *arg, kb_run_opts *run, kb_cli_rules *rules)
{
	switch (c) {
	case 'c':
		run->config_path = arg;
		return true;
	case 'r':
		if (rules->n < KB_CLI_MAX_RULES)
			rules->paths[rules->n++] = arg;
		return true;
	case 'j':
		run->jobs = atoi(arg);
		return true;
	default:
		return false;
	}
}

void kb_cli_run_paths(kb_run_opts *run, kb_cli_rules *rules, int argc, char **argv, int optind)
{
	run->rule_paths = rules->paths;
	run->nrule_paths = rules->n;
	run->paths = (const char *const *)argv + optind;
	run->npaths = (size_t)(argc - optind);
}

int kb_cli_bad_option(const char *arg, const struct option *longopts, const char *usage)
{
	kb_arena *a = kb_arena_new();
	fprintf(stderr, "kbcheck: %s\n%s", kb_option_problem(a, arg, longopts), usage);
	kb_arena_free(a);
	return KB_EXIT_ERROR;
}
