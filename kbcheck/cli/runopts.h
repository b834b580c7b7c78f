/* runopts.h - the options the commands that run a check share (explain,
 * ack, fix, policy init, db record): -c/--config, -r/--rules (repeatable),
 * -j/--jobs, the paths after the options, and what to say of an option
 * getopt refused; and what explain and ack share: their options, the
 * check they run (kb_run_check, with the cache) and the finding they name.
 * One place, so that they read them alike. */
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

/* getopt's value for --no-cache (parse every file; the cache is neither
 * read nor written), for the commands that run a check. */
enum { KB_CLI_NO_CACHE = 0x4e43 };

/* Option c (getopt's value) with argument arg: true when it is one of the
 * shared ones ('c', 'r', 'j', KB_CLI_NO_CACHE), applied to run and
 * rules. */
bool kb_cli_run_option(int c, const char *arg, kb_run_opts *run, kb_cli_rules *rules);

/* The rule packs and argv[first..argc) as the run's. */
void kb_cli_run_paths(kb_run_opts *run, kb_cli_rules *rules, int argc, char **argv, int first);

/* "kbcheck: unknown option 'X'; did you mean '--Y'?" (or "option '--Y'
 * needs a value") and usage on stderr; returns KB_EXIT_ERROR. */
int kb_cli_bad_option(const char *arg, const struct option *longopts, const char *usage);

/* explain's and ack's options: -c, -r, -j, the FINGERPRINT, ack's
 * --reason, --expires and --by (explain refuses those, naming ack); and
 * the finding named. */
typedef struct kb_cli_finding {
	kb_run_opts run;
	kb_cli_rules rules;
	const char *fingerprint, *reason, *expires, *by;
	const kb_finding *finding;
} kb_cli_finding;

/* argv read into o, then the check of o's paths (kb_run_check) into *r
 * and o->finding: the finding with o's fingerprint, reported or
 * acknowledged, or with it as the previous recipe's (a fingerprint copied
 * from an old report still finds it).  -1 to go on (the caller frees *r);
 * else the exit status: usage said, or no such finding (said, the run
 * freed). */
int kb_cli_finding_open(bool ack, const char *usage, int argc, char **argv, kb_cli_finding *o,
			kb_run **r);

/* The run's diagnostics printed, the run freed: status, or
 * KB_EXIT_ERROR when a diagnostic is an error. */
int kb_cli_finish(kb_run *r, int status);

#endif
