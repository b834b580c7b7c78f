/* cmd_policy.c - `kbcheck policy init`: draft policy.yml from what the
 * knowledge base states today (fix/draft.h). */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/files.h"
#include "../base/text.h"
#include "../compare/canon.h"
#include "../fix/draft.h"
#include "../pipeline/run.h"
#include "cli.h"
#include "exit.h"
#include "runopts.h"

static const char usage[] =
    "usage: kbcheck policy init [options] [PATH...]\n"
    "\n"
    "Draft the policy file from what the knowledge base states today: per topic\n"
    "attribute and scope, the value most sources state (their places as\n"
    "comments), and the disagreements for a person to decide.  Written to\n"
    "policy.yml at the KB root (or kbcheck.yml's `policy:`); review it in a pull\n"
    "request and commit it: from then on a statement that deviates is an error.\n"
    "\n"
    "      --force            replace an existing policy file\n"
    "      --topic ID         only this topic (repeatable)\n"
    "  -o, --output FILE      write here instead ('-': standard output)\n"
    "  -c, --config FILE      project config\n"
    "  -r, --rules PATH       rule pack file or directory (repeatable)\n"
    "  -j, --jobs N           sources read at once (default: one per CPU)\n"
    "      --no-cache         parse every file (.kbcheck/cache/ not used)\n"
    "  -h, --help             this help\n";

void kb_say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kb_vfprintf_safe(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

typedef struct {
	kb_run_opts run;
	kb_cli_rules rules;
	const char *topics[64];
	size_t ntopics;
	const char *output;
	bool force;
} popts;

static int parse(int argc, char **argv, popts *o)
{
	enum { OPT_FORCE = 256, OPT_TOPIC };
	static const struct option longopts[] = {
	    {"force", no_argument, NULL, OPT_FORCE},
	    {"topic", required_argument, NULL, OPT_TOPIC},
	    {"output", required_argument, NULL, 'o'},
	    {"config", required_argument, NULL, 'c'},
	    {"rules", required_argument, NULL, 'r'},
	    {"jobs", required_argument, NULL, 'j'},
	    {"no-cache", no_argument, NULL, KB_CLI_NO_CACHE},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	o->run.argv0 = argv[0];
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "o:c:r:j:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORCE:
			o->force = true;
			break;
		case OPT_TOPIC:
			if (o->ntopics < sizeof o->topics / sizeof o->topics[0])
				o->topics[o->ntopics++] = optarg;
			break;
		case 'o':
			o->output = optarg;
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
	kb_cli_run_paths(&o->run, &o->rules, argc, argv, optind);
	return -1;
}

static int finish(kb_run *r, int status)
{
	kb_diags_print(r->diags, stderr, KB_DIAG_WARNING, kb_use_color(stderr, "auto"));
	if (kb_diags_have(r->diags, KB_DIAG_ERROR) && status == KB_EXIT_OK)
		status = KB_EXIT_ERROR;
	kb_run_free(r);
	return status;
}

/* Where the draft goes, relative to the KB root: kbcheck.yml's `policy:`
 * when it names a file inside the KB, else policy.yml.  NULL (said on
 * stderr) when it names one outside. */
static const char *policy_rel(kb_run *r)
{
	if (!r->config->policy)
		return "policy.yml";
	const char *rel = kb_config_relpath(r->arena, r->config, r->config->policy);
	if (!rel || !*rel || !strncmp(rel, "../", 3))
		kb_say("kbcheck: kbcheck.yml's policy %s is outside the knowledge "
					"base: give --output", r->config->policy);
	return rel && *rel && strncmp(rel, "../", 3) ? rel : NULL;
}

static bool unknown_topics(const kb_run *r, const popts *o)
{
	bool bad = false;
	for (size_t i = 0; i < o->ntopics; i++)
		if (!kb_rules_find(r->rules, o->topics[i])) {
			kb_say("kbcheck: unknown topic '%s' (see kbcheck rules list)",
					o->topics[i]);
			bad = true;
		}
	return bad;
}

/* The draft just written must load as a policy: else it is kbcheck's
 * bug, said rather than left for the next check to find. */
static bool loads(kb_run *r, const char *path)
{
	kb_diags *d = kb_diags_new(r->arena);
	kb_policy *p = kb_policy_load(r->arena, d, path, NULL, SIZE_MAX, r->rules);
	if (p && !kb_diags_have(d, KB_DIAG_ERROR))
		return true;
	kb_diags_print(d, stderr, KB_DIAG_WARNING, kb_use_color(stderr, "auto"));
	fputs("kbcheck: internal error: the draft does not load as a policy\n", stderr);
	return false;
}

static bool write_draft(kb_run *r, const popts *o, const kb_buf *b, const char **shown)
{
	if (o->output && !strcmp(o->output, "-")) {
		fwrite(b->ptr, 1, b->len, stdout);
		*shown = "standard output";
		return true;
	}
	if (o->output) {
		*shown = o->output;
		if (!o->force && access(o->output, F_OK) == 0) {
			kb_say("kbcheck: %s exists: give --force to replace it",
					o->output);
			return false;
		}
		kb_wfile *w = kb_wfile_open(o->output);
		if (w)
			fwrite(b->ptr, 1, b->len, kb_wfile_stream(w));
		if (!w || !kb_wfile_commit(w)) {
			kb_say("kbcheck: cannot write %s: %s", o->output,
					strerror(errno));
			return false;
		}
		return loads(r, o->output);
	}
	const char *rel = policy_rel(r);
	if (!rel)
		return false;
	const char *path = kb_sprintf(r->arena, "%s/%s", r->config->root, rel);
	*shown = !strcmp(r->config->root, ".") ? rel : path;
	kb_buf old = KB_BUF_INIT;
	int got = kb_read_beneath(r->config->root, rel, &old, 1);
	int e = errno;
	kb_buf_free(&old);
	if (!o->force && (got != 0 || e == EFBIG)) {
		kb_say("kbcheck: %s exists: give --force to replace it", *shown);
		return false;
	}
	if (!kb_write_beneath(r->config->root, rel, b->ptr, b->len)) {
		kb_say("kbcheck: cannot write %s: %s", *shown,
				errno == ELOOP || errno == ENOTDIR
				    ? "a folder on its way is a symbolic link, which kbcheck never "
				      "follows out of the knowledge base"
				    : strerror(errno));
		return false;
	}
	return loads(r, path);
}

static int policy_init(int argc, char **argv)
{
	popts o;
	int st = parse(argc, argv, &o);
	if (st >= 0)
		return st;
	kb_run *r = kb_run_new();
	o.run.today = kb_today(r->arena, NULL);
	kb_run_analyze(r, &o.run);
	if (unknown_topics(r, &o))
		return finish(r, KB_EXIT_ERROR);
	kb_buf b = KB_BUF_INIT;
	kb_draft_stats ds;
	kb_draft_opts dopts = {.topics = o.topics, .ntopics = o.ntopics};
	kb_policy_draft(r->arena, &r->claims, r->rules, &dopts, &b, &ds);
	const char *shown = NULL;
	bool ok = write_draft(r, &o, &b, &shown);
	kb_buf_free(&b);
	if (!ok)
		return finish(r, KB_EXIT_ERROR);
	kb_say("kbcheck: drafted %s: %zu value%s (%zu where sources disagree), "
				"%zu left to decide",
			shown, ds.values, ds.values == 1 ? "" : "s", ds.disputed, ds.undecided);
	return finish(r, KB_EXIT_OK);
}

int kb_cmd_policy(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? KB_EXIT_ERROR : KB_EXIT_OK;
	}
	if (strcmp(argv[1], "init") != 0) {
		kb_say("kbcheck: unknown policy command '%s'", argv[1]);
		fputs(usage, stderr);
		return KB_EXIT_ERROR;
	}
	return policy_init(argc - 1, argv + 1);
}
