/* main.c - kbcheck's command line: picks a command; everything else is
 * in the library. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_normalize.h"
#include "cli/didyoumean.h"
#include "cli/exit.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
    {"check", kb_cmd_check, "check a knowledge base for contradictory answers"},
    {"units", kb_cmd_units, "list the answer units read from the sources"},
    {"claims", kb_cmd_claims, "list the normalized claims extracted from them"},
    {"explain", kb_cmd_explain, "everything about one finding, by fingerprint"},
    {"ack", kb_cmd_ack, "acknowledge an intended difference (.kbcheck/acks.yml)"},
    {"policy", kb_cmd_policy, "draft policy.yml from what the knowledge base states (policy init)"},
    {"fix", kb_cmd_fix, "apply the suggested wording to the source files (a diff, or --write)"},
    {"baseline", kb_cmd_baseline, "record today's findings so that only new ones fail"},
    {"rules", kb_cmd_rules, "list rule packs or run their tests"},
    {"normalize", kb_cmd_normalize, "show how a phrase is normalized (JSON)"},
    {"corpus", kb_cmd_corpus, "test a labelled corpus against its expected findings"},
    {"db", kb_cmd_db, "the history database: runs, findings, prune, record"},
    {"audit", kb_cmd_audit, "weekly audit report from the history (HTML, Markdown, CSV)"},
};

static void usage(FILE *f)
{
	fputs("usage: kbcheck COMMAND [options] [PATH...]\n\ncommands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fputs("\n'kbcheck help COMMAND' describes a command; 'man kbcheck' all of them.\n", f);
}

/* The command called name, or -1. */
static int find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(name, commands[i].name))
			return (int)i;
	return -1;
}

static int unknown_command(const char *name)
{
	const char *names[sizeof commands / sizeof commands[0] + 2] = {"help", "version"};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		names[i + 2] = commands[i].name;
	const char *near = kb_did_you_mean(name, names, sizeof names / sizeof names[0]);
	if (near)
		fprintf(stderr, "kbcheck: unknown command '%s'; did you mean '%s'?\n", name, near);
	else
		fprintf(stderr, "kbcheck: unknown command '%s'\n", name);
	usage(stderr);
	return KB_EXIT_ERROR;
}

/* Every command's standard output, checked once at the end: a report
 * that did not reach its reader (a full disk, /dev/full, a closed pipe's
 * EIO) fails the run, with the reason, however the command wrote it. */
static int finish_stdout(int status)
{
	errno = 0;
	bool failed = fflush(stdout) != 0 || ferror(stdout);
	int err = errno;
	if (fclose(stdout) != 0 && !failed) {
		failed = true;
		err = errno;
	}
	if (!failed)
		return status;
	fprintf(stderr, "kbcheck: cannot write the output: %s\n",
		err ? strerror(err) : "a write to standard output failed");
	return KB_EXIT_ERROR;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return KB_EXIT_ERROR;
	}
	const char *cmd = argv[1];
	/* `kbcheck help CMD` is `kbcheck CMD --help`. */
	if (!strcmp(cmd, "help") && argc > 2) {
		int k = find_command(argv[2]);
		if (k < 0)
			return unknown_command(argv[2]);
		char *help[] = {argv[2], "--help", NULL};
		return finish_stdout(commands[k].run(2, help));
	}
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		usage(stdout);
		return finish_stdout(KB_EXIT_OK);
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
		printf("kbcheck %s\n", KB_VERSION);
		return finish_stdout(KB_EXIT_OK);
	}
	int k = find_command(cmd);
	return k >= 0 ? finish_stdout(commands[k].run(argc - 1, argv + 1)) : unknown_command(cmd);
}
