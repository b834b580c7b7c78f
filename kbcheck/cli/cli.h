/* cli.h - the commands behind main.c.  Each takes argv with argv[0] = the
 * command name and returns the exit status (cli/exit.h). */
#ifndef KB_CLI_H
#define KB_CLI_H

#include <stdbool.h>
#include <stdio.h>

int kb_cmd_check(int argc, char **argv);
int kb_cmd_units(int argc, char **argv);
int kb_cmd_claims(int argc, char **argv);
int kb_cmd_rules(int argc, char **argv);
int kb_cmd_corpus(int argc, char **argv);
int kb_cmd_explain(int argc, char **argv);
int kb_cmd_ack(int argc, char **argv);
int kb_cmd_baseline(int argc, char **argv);
/* `kbcheck baseline create` (argv[0] = "create"), in cmd_check.c. */
int kb_cmd_baseline_create(int argc, char **argv);
int kb_cmd_db(int argc, char **argv);
int kb_cmd_audit(int argc, char **argv);
int kb_cmd_policy(int argc, char **argv); /* cmd_policy.c: policy init */
int kb_cmd_fix(int argc, char **argv);    /* cmd_fix.c */

/* A line on stderr with the knowledge base's text in it escaped
 * (base/text.h), so no quoted path or phrase draws on the terminal or
 * fakes a line (cmd_policy.c). */
void kb_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Colour on a terminal only, never with NO_COLOR set; mode is
 * "auto", "always" or "never". */
bool kb_use_color(FILE *f, const char *mode);

#endif
