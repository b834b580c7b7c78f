/* runopts.h - the options the commands that run a check share (explain,
 * ack, fix, policy init): -c/--config, -r/--rules (repeatable), -j/--jobs,
 * the paths after the options, and what to say of an option getopt
 * refused.  One place, so that they read them alike. */
#ifndef KB_RUNOPTS_H
#define KB_RUNOPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "../pipeline/run.h"

struct option;

/* The rule packs named with -r, at most KB_CLI_MAX_RULES. */
enum { KB_CLI_MAX_RULES = 64 };
typedef struct kb_cli_rules {
	const char *paths[KB_CLI_MAX_RULES];
	size_t n;
} kb_cli_rules;

/* Option c (getopt's value) with argument arg: true when it is one of the
 * shared ones ('c', 'r', 'j'), applied to run and rules. */
bool kb_cli_run_option(int c, const char *arg, kb_run_opts *run, kb_cli_rules *rules);

/* The rule packs and argv[optind..argc) as the run's. */
void kb_cli_run_paths(kb_run_opts *run, kb_cli_rules *rules, int argc, char **argv, int optind);

/* "kbcheck: unknown option 'X'; did you mean '--Y'?" (or "option '--Y'
 * needs a value") and usage on stderr; returns KB_EXIT_ERROR. */
int kb_cli_bad_option(const char *arg, const struct option *longopts, const char *usage);

#endif
