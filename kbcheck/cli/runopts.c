/* runopts.c - the options commands that run a check share; see runopts.h. */
#include "runopts.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/text.h"
#include "../config/acks.h"
#include "cli.h"
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
	case KB_CLI_NO_CACHE:
		run->no_cache = true;
		return true;
	default:
		return false;
	}
}

void kb_cli_run_paths(kb_run_opts *run, kb_cli_rules *rules, int argc, char **argv, int first)
{
	run->rule_paths = rules->paths;
	run->nrule_paths = rules->n;
	run->paths = (const char *const *)argv + first;
	run->npaths = (size_t)(argc - first);
}

int kb_cli_bad_option(const char *arg, const struct option *longopts, const char *usage)
{
	kb_arena *a = kb_arena_new();
	fprintf(stderr, "kbcheck: %s\n%s", kb_option_problem(a, arg, longopts), usage);
	kb_arena_free(a);
	return KB_EXIT_ERROR;
}

static int parse(bool ack, const char *usage, int argc, char **argv, kb_cli_finding *o)
{
	enum { OPT_REASON = 256, OPT_EXPIRES, OPT_BY };
	static const struct option longopts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"rules", required_argument, NULL, 'r'},
	    {"reason", required_argument, NULL, OPT_REASON},
	    {"expires", required_argument, NULL, OPT_EXPIRES},
	    {"by", required_argument, NULL, OPT_BY},
	    {"no-cache", no_argument, NULL, KB_CLI_NO_CACHE},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	o->run.argv0 = argv[0];
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "c:r:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_REASON:
		case OPT_EXPIRES:
		case OPT_BY:
			if (!ack) {
				fprintf(stderr, "kbcheck: %s is for 'kbcheck ack'\n", argv[optind - 1]);
				return KB_EXIT_ERROR;
			}
			*(c == OPT_REASON ? &o->reason : c == OPT_EXPIRES ? &o->expires : &o->by) = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return KB_EXIT_OK;
		default:
			if (kb_cli_run_option(c, optarg, &o->run, &o->rules))
				break;
			return kb_cli_bad_option(argv[optind - 1], longopts, usage);
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "kbcheck: which finding? Give its FINGERPRINT.\n%s", usage);
		return KB_EXIT_ERROR;
	}
	o->fingerprint = argv[optind++];
	if (ack && (!o->reason || !*o->reason)) {
		fputs("kbcheck: an acknowledgement needs --reason TEXT\n", stderr);
		return KB_EXIT_ERROR;
	}
	if (o->expires && !kb_ack_date_ok(o->expires)) {
		fprintf(stderr, "kbcheck: --expires takes a date written YYYY-MM-DD (a day of the "
				"calendar, years 1970 to 9999), not '%s'\n", o->expires);
		return KB_EXIT_ERROR;
	}
	kb_cli_run_paths(&o->run, &o->rules, argc, argv, optind);
	return -1;
}

/* The finding with fingerprint fp, or with fp as the previous recipe's
 * (a fingerprint copied from an old report still finds it). */
static const kb_finding *lookup(const kb_run *r, const char *fp)
{
	const kb_vec *lists[2] = {&r->findings, &r->acked};
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->len; i++) {
			const kb_finding *f = lists[l]->items[i];
			if (!strcmp(f->fingerprint, fp) ||
			    (f->fingerprint_prev && !strcmp(f->fingerprint_prev, fp)))
				return f;
		}
	return NULL;
}

int kb_cli_finding_open(bool ack, const char *usage, int argc, char **argv, kb_cli_finding *o,
			kb_run **r)
{
	int st = parse(ack, usage, argc, argv, o);
	if (st >= 0)
		return st;
	*r = kb_run_new();
	o->run.today = kb_today((*r)->arena, NULL);
	kb_run_check(*r, &o->run);
	o->finding = lookup(*r, o->fingerprint);
	if (o->finding)
		return -1;
	fprintf(stderr, "kbcheck: no finding has fingerprint %s in this knowledge base\n",
		o->fingerprint);
	return kb_cli_finish(*r, KB_EXIT_ERROR);
}

int kb_cli_finish(kb_run *r, int status)
{
	kb_diags_print(r->diags, stderr, KB_DIAG_WARNING, kb_use_color(stderr, "auto"));
	if (kb_diags_have(r->diags, KB_DIAG_ERROR) && status == KB_EXIT_OK)
		status = KB_EXIT_ERROR;
	kb_run_free(r);
	return status;
}
