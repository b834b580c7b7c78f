/* cmd_check.c - `kbcheck check`, `kbcheck units`, `kbcheck claims` and
 * `kbcheck baseline create` (a check that writes its JSON report).
 *
 * Which findings fail the run is decided by the pipeline, once, for every
 * command (kb_run_decide, pipeline/run.h), and handed to every reporter
 * (kb_finding_status): a finding fails when it is at or above --fail-on,
 * not acknowledged, not in the --baseline report, and (with
 * --changed-since) has a deviating phrase in a changed file.  The run
 * fails when more than --max-findings findings fail (default 0).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/files.h"
#include "../base/thai.h"
#include "../base/text.h"
#include "../report/baseline.h"
#include "../pipeline/changed.h"
#include "../cache/cache.h"
#include "../pipeline/run.h"
#include "../store/store.h"
#include "../report/report.h"
#include "../config/root.h"
#include "../source/suppress.h"
#include "cli.h"
#include "didyoumean.h"
#include "exit.h"
#include "progress.h"

enum { MAX_OUTPUTS = 16, MAX_JOBS = 1024 };

typedef enum { CMD_CHECK, CMD_UNITS, CMD_CLAIMS, CMD_BASELINE } command;

static const char *const command_name[] = {
    [CMD_CHECK] = "check",
    [CMD_UNITS] = "units",
    [CMD_CLAIMS] = "claims",
    [CMD_BASELINE] = "baseline create",
};

typedef struct {
	kb_run_opts run;
	const char *rules[64];
	const char *formats[MAX_OUTPUTS];
	const char *outputs[MAX_OUTPUTS];
	int nformats;
	kb_severity fail_on;
	long max_findings; /* -1: not given (0 then) */
	const char *baseline;
	const char *changed_since;
	bool changed_files;		 /* the PATHs are the changed files */
	const char *const *changed_list; /* those PATHs */
	size_t nchanged;
	const char *color;
	bool quiet, verbose;
	bool show_acked;
	bool count; /* units --count: only the number of units */
	const char *db;      /* --db: record the run in this SQLite history */
	kb_store_opts store; /* --busy-timeout for --db */
	const char *now_arg; /* --now as given (the store keeps the time too) */
	kb_arena *scratch; /* for option values that need memory */
} options;

static const char *const usage_text[] = {
    [CMD_CHECK] =
	"usage: kbcheck check [options] [PATH...]\n"
	"\n"
	"Check a knowledge base (files and directories; default .) for answers\n"
	"that contradict each other across channels and languages.\n"
	"\n"
	"  -f, --format FORMAT    output format (below); repeat for several outputs\n"
	"  -o, --output FILE      write the preceding --format to FILE (default and -:\n"
	"                         standard output)\n"
	"      --fail-on LEVEL    findings at or above LEVEL fail the run: error,\n"
	"                         warning, note (default note: any finding)\n"
	"      --max-findings N   exit 1 only when more than N findings fail the run\n"
	"                         (default 0)\n"
	"      --baseline FILE    a previous JSON report: its findings are existing,\n"
	"                         shown but not failing (kbcheck baseline create)\n"
	"      --changed-since REV  compare the whole KB, but only findings touching a\n"
	"                         file changed since the git revision REV fail the run\n"
	"                         (HEAD before the first commit: every file)\n"
	"      --changed-files    the PATHs are the changed files (a pre-commit hook's\n"
	"                         list): the whole KB at their root is compared, only\n"
	"                         findings touching them fail the run\n"
	"  -c, --config FILE      project config (default: kbcheck.yml found from PATH up)\n"
	"  -r, --rules PATH       rule pack file or directory (repeatable; replaces the\n"
	"                         shipped packs, which kbcheck.yml `rules:` add to)\n"
	"      --no-default-rules do not load the shipped rule packs\n"
	"      --show-acked       also report acknowledged findings (.kbcheck/acks.yml)\n"
	"      --show-weak        also report weak findings: a side found only weakly,\n"
	"                         or a general statement against a scoped one\n"
	"      --db FILE          record the run in this SQLite history (kbcheck audit)\n"
	"      --busy-timeout S   with --db, wait up to S seconds for a lock (default 10)\n"
	"      --now DATE         today for acknowledgement expiry (YYYY-MM-DD or epoch\n"
	"                         seconds; default SOURCE_DATE_EPOCH, else the clock)\n"
	"      --color WHEN       auto (default), always, never; NO_COLOR is respected\n"
	"  -j, --jobs N           sources read, parsed and extracted at once (default:\n"
	"                         one per CPU); the report is the same for every N\n"
	"      --no-cache         parse every file: do not read or write the cache of\n"
	"                         unchanged files' results (.kbcheck/cache/ at the KB root)\n"
	"  -q, --quiet            print only errors on stderr: no warnings, notes or\n"
	"                         progress bar\n"
	"  -v, --verbose          also print files without answers, rule packs, counts\n"
	"                         and timings on stderr\n"
	"  -h, --help             this help\n"
	"\n"
	"A finding fails the run when it is at or above --fail-on, is not\n"
	"acknowledged, is not in the --baseline report and, with --changed-since\n"
	"or --changed-files, has a deviating phrase in a changed file.  Exit\n"
	"status: 0 no more than --max-findings failing findings, 1 more, 2 usage\n"
	"or input errors (2 wins over 1).\n",
    [CMD_UNITS] =
	"usage: kbcheck units [options] [PATH...]\n"
	"\n"
	"List the answer units kbcheck reads: location, channel, format, locale,\n"
	"id, question and text.\n"
	"\n"
	"  -f, --format FORMAT    text (default) or json\n"
	"      --count            print only the number of units and files (what reading\n"
	"                         and parsing alone cost: the benchmark's floor)\n"
	"  -c, --config FILE      project config\n"
	"  -j, --jobs N           files read and parsed at once (default: one per CPU)\n"
	"  -q, --quiet            print only errors on stderr\n"
	"  -h, --help             this help\n",
    [CMD_CLAIMS] =
	"usage: kbcheck claims [options] [PATH...]\n"
	"\n"
	"List the claims extracted from the answer units: topic, attribute,\n"
	"normalized value, scope and the quoted phrase.\n"
	"\n"
	"  -f, --format FORMAT    text (default) or json\n"
	"  -c, --config FILE      project config\n"
	"  -r, --rules PATH       rule pack file or directory (repeatable)\n"
	"      --no-default-rules do not load the shipped rule packs\n"
	"  -j, --jobs N           files read, parsed and extracted at once\n"
	"      --no-cache         parse every file (no .kbcheck/cache/)\n"
	"  -q, --quiet            print only errors on stderr\n"
	"  -h, --help             this help\n",
    [CMD_BASELINE] =
	"usage: kbcheck baseline create [options] [PATH...] -o FILE\n"
	"\n"
	"Check the knowledge base and write its JSON report to FILE, to be given\n"
	"to later runs as `kbcheck check --baseline FILE`: the findings it lists\n"
	"are existing, still reported but not failing; only new ones fail.\n"
	"Commit the file; recreate it to accept the current findings.\n"
	"\n"
	"  -o, --output FILE      the baseline to write (required)\n"
	"      --baseline OLD     keep only the findings the baseline OLD holds: OLD\n"
	"                         upgraded to this kbcheck's fingerprint recipe\n"
	"  -c, --config FILE      project config\n"
	"  -r, --rules PATH       rule pack file or directory (repeatable)\n"
	"      --no-default-rules do not load the shipped rule packs\n"
	"      --show-acked       also list acknowledged findings\n"
	"      --now DATE         today for acknowledgement expiry\n"
	"  -j, --jobs N           sources parsed at once (default: one per core)\n"
	"      --no-cache         parse every file (no .kbcheck/cache/)\n"
	"  -q, --quiet            print only errors on stderr\n"
	"  -v, --verbose          counts and timings on stderr\n"
	"  -h, --help             this help\n"
	"\n"
	"Exit status: 0 written (findings do not fail), 2 usage or input errors.\n",
};

bool kb_use_color(FILE *f, const char *mode)
{
	if (mode && !strcmp(mode, "always"))
		return true;
	if (mode && !strcmp(mode, "never"))
		return false;
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	const char *term = getenv("TERM");
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fileno(f));
}

static void print_usage(command cmd)
{
	fputs(usage_text[cmd], stdout);
	if (cmd != CMD_CHECK)
		return;
	fputs("\nFormats:\n", stdout);
	for (size_t i = 0; kb_reporters[i]; i++)
		printf("  %-14s %s\n", kb_reporters[i]->name, kb_reporters[i]->help);
}

static int usage_error(command cmd, const char *fmt, const char *arg)
{
	fputs("kbcheck: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fprintf(stderr, "Try 'kbcheck %s --help'.\n", command_name[cmd]);
	return KB_EXIT_ERROR;
}

/* A whole non-negative decimal number no larger than max, else -1. */
static long count_arg(const char *s, long max)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > max || *s == '-' || *s == '+')
		return -1;
	return v;
}

/* Returns -1 to go on, else the exit status. */
/* kbcheck check --db FILE: one transaction per run; problems become
 * diagnostics naming the database (exit 2), the report is still written. */
static void record_run(kb_run *r, const options *o)
{
	int64_t t;
	if (!kb_store_time(o->now_arg, &t)) {
		kb_diag(r->diags, KB_DIAG_ERROR, o->db, 0, 0, "cannot tell the time of the run");
		return;
	}
	kb_store *s = kb_store_open_opts(o->db, &o->store, r->diags);
	if (!s)
		return;
	kb_store_run_info info = {
	    .time = t,
	    .revision = kb_store_git_revision(r->arena, r->config->root),
	};
	kb_store_record_run(s, r, &info);
	kb_store_close(s);
}

static int parse_options(command cmd, int argc, char **argv, options *o)
{
	enum {
		OPT_FAIL_ON = 256,
		OPT_COLOR,
		OPT_NO_DEFAULT_RULES,
		OPT_SHOW_ACKED,
		OPT_SHOW_WEAK,
		OPT_NOW,
		OPT_MAX_FINDINGS,
		OPT_BASELINE,
		OPT_CHANGED_SINCE,
		OPT_CHANGED_FILES,
		OPT_DB,
		OPT_BUSY,
		OPT_NO_CACHE,
		OPT_COUNT,
	};
	static const struct option longopts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {"config", required_argument, NULL, 'c'},
	    {"rules", required_argument, NULL, 'r'},
	    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
	    {"max-findings", required_argument, NULL, OPT_MAX_FINDINGS},
	    {"baseline", required_argument, NULL, OPT_BASELINE},
	    {"changed-since", required_argument, NULL, OPT_CHANGED_SINCE},
	    {"changed-files", no_argument, NULL, OPT_CHANGED_FILES},
	    {"color", required_argument, NULL, OPT_COLOR},
	    {"colour", required_argument, NULL, OPT_COLOR},
	    {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES},
	    {"show-acked", no_argument, NULL, OPT_SHOW_ACKED},
	    {"show-weak", no_argument, NULL, OPT_SHOW_WEAK},
	    {"now", required_argument, NULL, OPT_NOW},
	    {"db", required_argument, NULL, OPT_DB},
	    {"busy-timeout", required_argument, NULL, OPT_BUSY},
	    {"jobs", required_argument, NULL, 'j'},
	    {"no-cache", no_argument, NULL, OPT_NO_CACHE},
	    {"count", no_argument, NULL, OPT_COUNT},
	    {"quiet", no_argument, NULL, 'q'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	kb_arena *scratch = o->scratch;
	memset(o, 0, sizeof *o);
	o->scratch = scratch;
	o->fail_on = KB_SEV_NOTE;
	o->max_findings = -1;
	o->color = "auto";
	o->run.argv0 = argv[0];
	size_t nrules = 0;
	optind = 1;
	opterr = 0;
	int c;
	/* Leading ':': a missing value is reported as such, not as unknown. */
	for (int li = -1; (c = getopt_long(argc, argv, ":f:o:c:r:j:qvh", longopts, &li)) != -1;
	     li = -1) {
		const char *opt = argv[optind - 1];
		/* Options that only a check has. */
		bool check_only = c == OPT_MAX_FINDINGS || c == OPT_CHANGED_SINCE ||
				  c == OPT_CHANGED_FILES;
		if ((check_only && cmd != CMD_CHECK) ||
		    (c == OPT_BASELINE && cmd != CMD_CHECK && cmd != CMD_BASELINE) ||
		    (c == OPT_COUNT && cmd != CMD_UNITS) ||
		    (c == OPT_NO_CACHE && cmd == CMD_UNITS) ||
		    (cmd == CMD_BASELINE && (c == 'f' || c == OPT_FAIL_ON || c == OPT_COLOR))) {
			char shortopt[3] = {'-', (char)c, '\0'};
			return usage_error(cmd, "%s is not an option of this command",
					   li >= 0 ? kb_sprintf(o->scratch, "--%s", longopts[li].name)
						   : shortopt);
		}
		switch (c) {
		case 'f':
			if (o->nformats == MAX_OUTPUTS)
				return usage_error(cmd, "too many --format options%s", "");
			if (cmd == CMD_CHECK ? !kb_reporter_find(optarg)
					     : strcmp(optarg, "text") && strcmp(optarg, "json"))
				return usage_error(cmd, "unknown format '%s'", optarg);
			o->formats[o->nformats++] = optarg;
			break;
		case 'o':
			if (cmd != CMD_CHECK && cmd != CMD_BASELINE)
				return usage_error(cmd, "--output is for 'kbcheck check'%s", "");
			if (cmd == CMD_BASELINE && o->nformats == 0)
				o->formats[o->nformats++] = "json";
			if (o->nformats == 0)
				o->formats[o->nformats++] = "text";
			if (o->outputs[o->nformats - 1])
				return usage_error(cmd, "--output '%s' needs a --format before it", optarg);
			o->outputs[o->nformats - 1] = optarg;
			break;
		case 'c':
			o->run.config_path = optarg;
			break;
		case 'r':
			if (nrules == sizeof o->rules / sizeof o->rules[0])
				return usage_error(cmd, "too many --rules options%s", "");
			o->rules[nrules++] = optarg;
			break;
		case OPT_FAIL_ON:
			if (!kb_severity_parse(optarg, &o->fail_on))
				return usage_error(cmd, "--fail-on takes error, warning or note, not '%s'",
						   optarg);
			break;
		case OPT_MAX_FINDINGS:
			o->max_findings = count_arg(optarg, INT_MAX);
			if (o->max_findings < 0)
				return usage_error(cmd, "--max-findings takes a number of findings "
							"(0 or more), not '%s'", optarg);
			break;
		case OPT_BASELINE:
			o->baseline = optarg;
			break;
		case OPT_CHANGED_SINCE:
			if (!*optarg || optarg[0] == '-')
				return usage_error(cmd, "--changed-since takes a git revision, not '%s'",
						   optarg);
			o->changed_since = optarg;
			break;
		case OPT_CHANGED_FILES:
			o->changed_files = true;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never"))
				return usage_error(cmd, "--color takes auto, always or never, not '%s'",
						   optarg);
			o->color = optarg;
			break;
		case OPT_NO_DEFAULT_RULES:
			o->run.no_shipped_rules = true;
			break;
		case OPT_SHOW_WEAK:
			o->run.show_weak = true;
			break;
		case OPT_SHOW_ACKED:
			o->show_acked = true;
			break;
		case OPT_DB:
			if (cmd != CMD_CHECK)
				return usage_error(cmd, "--db is for 'kbcheck check'%s", "");
			o->db = optarg;
			break;
		case OPT_BUSY:
			if (cmd != CMD_CHECK)
				return usage_error(cmd, "--busy-timeout is for 'kbcheck check'%s", "");
			if (!kb_store_parse_busy(optarg, &o->store.busy_timeout_ms))
				return usage_error(cmd, "--busy-timeout takes seconds (0 < S <= 3600), "
							"not '%s'", optarg);
			break;
		case OPT_NOW:
			o->now_arg = optarg;
			o->run.today = kb_today(o->scratch, optarg);
			if (!o->run.today)
				return usage_error(cmd, "--now takes YYYY-MM-DD or seconds since the "
							"epoch, not '%s'", optarg);
			break;
		case 'j': {
			long n = count_arg(optarg, MAX_JOBS);
			if (n < 1)
				return usage_error(cmd, "--jobs takes a number from 1 to 1024, not '%s'",
						   optarg);
			o->run.jobs = (int)n;
			break;
		}
		case OPT_NO_CACHE:
			o->run.no_cache = true;
			break;
		case OPT_COUNT:
			o->count = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			print_usage(cmd);
			return KB_EXIT_OK;
		case ':':
			return usage_error(cmd, "option %s needs a value", opt);
		default:
			return usage_error(cmd, "%s", kb_unknown_option(o->scratch, opt, longopts));
		}
	}
	if (o->quiet && o->verbose)
		return usage_error(cmd, "--quiet and --verbose do not go together%s", "");
	o->run.rule_paths = o->rules;
	o->run.nrule_paths = nrules;
	o->run.paths = (const char *const *)argv + optind;
	o->run.npaths = (size_t)(argc - optind);
	if (o->changed_files) {
		if (o->changed_since)
			return usage_error(cmd, "--changed-files and --changed-since do not go "
						"together%s", "");
		/* The KB is the root of the first file named (all of it is
		 * compared); the files named are what changed. */
		o->changed_list = o->run.paths;
		o->nchanged = o->run.npaths;
		const char **root = KB_NEWN(o->scratch, const char *, 1);
		root[0] = kb_root_find(o->scratch, kb_run_dir(o->scratch, &o->run)).dir;
		o->run.paths = root;
		o->run.npaths = 1;
	}
	if (cmd == CMD_BASELINE && (o->nformats == 0 || !o->outputs[0]))
		return usage_error(cmd, "the baseline file to write is missing: -o FILE%s", "");
	if (o->nformats == 0)
		o->formats[o->nformats++] = "text";
	int to_stdout = 0;
	for (int i = 0; i < o->nformats; i++) {
		/* "--output -" is standard output, as no --output is. */
		if (o->outputs[i] && !strcmp(o->outputs[i], "-"))
			o->outputs[i] = NULL;
		to_stdout += o->outputs[i] == NULL;
	}
	if (to_stdout > 1)
		return usage_error(cmd, "only one --format can go to standard output; give the "
					"others an --output%s", "");
	return -1;
}

static void print_diags(kb_diags *d, const options *o)
{
	kb_diags_print(d, stderr, o->quiet ? KB_DIAG_ERROR : KB_DIAG_NOTE,
		       kb_use_color(stderr, o->color));
}

/* --verbose: what was read and how long each stage took. */
typedef struct {
	double t0, load, compare;
} timings;

static void verbose_report(kb_run *r, const options *o, const timings *t,
			   const kb_coverage *cov)
{
	/* Paths from the KB's kbcheck.yml: escaped, as every message is. */
	kb_fprintf_safe(stderr, "kbcheck: config: %s",
			r->config && r->config->path ? r->config->path : "none (defaults)");
	fputc('\n', stderr);
	/* Fingerprints and kbcheck.yml's globs are relative to it. */
	if (r->config) {
		kb_fprintf_safe(stderr, "kbcheck: KB root: %s", r->config->root);
		fprintf(stderr, " (%s)\n", r->config->root_why);
	}
	/* Files that gave no answer (often a format kbcheck does not read
	 * the way the author meant), values no claim was made of, topics
	 * missing from a channel: what a quiet report may hide. */
	kb_coverage_text(cov, stderr);
	/* Reading, parsing and extracting share one pass: the wall time is
	 * split as the workers' time was. */
	double parse, extract;
	kb_run_stage_times(r, &parse, &extract);
	double ext = r->rules && parse + extract > 0 ? t->load * extract / (parse + extract) : 0;
	fprintf(stderr, "kbcheck: read %zu files, %zu answers in %.3fs\n", r->sources.len,
		r->units.len, t->load - ext);
	if (r->rules) {
		for (size_t i = 0; i < kb_rules_npacks(r->rules); i++) {
			kb_fprintf_safe(stderr, "kbcheck: rule pack %s", kb_rules_pack_path(r->rules, i));
			fputc('\n', stderr);
		}
		fprintf(stderr, "kbcheck: loaded %zu topics\n", kb_rules_ntopics(r->rules));
		fprintf(stderr, "kbcheck: extracted %zu claims in %.3fs\n", r->claims.len, ext);
		if (!kb_thai_available())
			fprintf(stderr, "kbcheck: Thai word breaks: libthai's dictionary (libthai-data) "
					"was not found; Thai patterns may match inside longer words\n");
	}
	if (t->compare >= 0)
		fprintf(stderr, "kbcheck: compared: %zu findings, %zu acknowledged in %.3fs\n",
			r->findings.len + (o->show_acked ? r->acked.len : 0), r->acked.len,
			t->compare);
	fprintf(stderr, "kbcheck: jobs: %d; arenas hold %.1f MB\n", r->pool ? kb_pool_size(r->pool) : 1,
		(double)(kb_arena_used(r->arena) + (r->pool ? kb_pool_used(r->pool) : 0)) / 1e6);
	if (r->cache) {
		kb_fprintf_safe(stderr, "kbcheck: cache %s: %s", kb_cache_path(r->cache),
				kb_cache_status(r->cache));
		fputc('\n', stderr);
	} else if (r->rules && o->run.no_cache)
		fprintf(stderr, "kbcheck: cache: not used (--no-cache)\n");
}

/* Titles and types of every topic attribute of the loaded packs, for the
 * reporters that describe their rules. */
static size_t rule_docs(kb_run *r, const kb_rule_doc **out)
{
	size_t n = 0;
	for (size_t i = 0; r->rules && i < kb_rules_ntopics(r->rules); i++)
		n += kb_rules_topic(r->rules, i)->nattrs;
	kb_rule_doc *docs = KB_NEWN(r->arena, kb_rule_doc, n ? n : 1);
	size_t k = 0;
	for (size_t i = 0; r->rules && i < kb_rules_ntopics(r->rules); i++) {
		const kb_topic *t = kb_rules_topic(r->rules, i);
		for (size_t j = 0; j < t->nattrs; j++)
			docs[k++] = (kb_rule_doc){t->id, t->attrs[j].name, t->title, t->attrs[j].title,
						  kb_vkind_name(t->attrs[j].type)};
	}
	kb_rule_docs_sort(docs, k);
	*out = docs;
	return k;
}

/* Says that acknowledgements or baseline findings named findings by the
 * previous fingerprint recipe (compare.h), and how to upgrade them. */
static void say_previous_recipe(const options *o, size_t base_prev, size_t acked_prev)
{
	if (base_prev)
		fprintf(stderr,
			"kbcheck: %zu finding%s of the baseline %s matched by the previous "
			"fingerprint recipe; upgrade it: kbcheck baseline create --baseline %s -o %s\n",
			base_prev, base_prev == 1 ? "" : "s", o->baseline, o->baseline, o->baseline);
	if (acked_prev)
		fprintf(stderr,
			"kbcheck: %zu acknowledgement%s matched by the previous fingerprint recipe; "
			"upgrade: write the fingerprints the notes above name\n",
			acked_prev, acked_prev == 1 ? "" : "s");
}

/* How much inline comments left out, and how many say no why. */
static void say_suppressed(const kb_run *r)
{
	size_t blocks = r->suppressed_by_block;
	fprintf(stderr, "kbcheck: %zu statement%s suppressed by %s", r->suppressed,
		r->suppressed == 1 ? "" : "s",
		!blocks ? "kbcheck-disable-next-line"
		: blocks == r->suppressed ? "kbcheck-disable blocks"
					  : "kbcheck-disable-next-line and kbcheck-disable blocks");
	if (r->suppressed_no_reason)
		fprintf(stderr, "; %zu comment%s give%s no reason (add '-- REASON')",
			r->suppressed_no_reason, r->suppressed_no_reason == 1 ? "" : "s",
			r->suppressed_no_reason == 1 ? "s" : "");
	fputc('\n', stderr);
}

/* --verbose: the inline comments that suppressed nothing (a fixed
 * statement, a misspelt topic), as ESLint's unused disable directives. */
static void say_unused_suppressions(const kb_run *r)
{
	for (size_t i = 0; i < r->suppressions.len; i++) {
		const kb_suppression *s = r->suppressions.items[i];
		if (s->origin || s->kind == KB_SUPPRESS_STRAY || s->used)
			continue;
		kb_fprintf_safe(stderr, "kbcheck: %s:%d:%d: %s suppresses nothing", s->source->path,
				s->line, s->column,
				s->kind == KB_SUPPRESS_BLOCK ? "kbcheck-disable block"
							     : "kbcheck-disable-next-line");
		fputc('\n', stderr);
	}
}

/* With --format github in a GitHub Actions job (GITHUB_STEP_SUMMARY set),
 * the job summary gets a Markdown table of the findings, appended as the
 * runner expects; within GitHub's 1 MiB per step. */
static bool write_job_summary(const kb_report *rep, const options *o)
{
	const char *path = getenv("GITHUB_STEP_SUMMARY");
	bool github = false;
	for (int i = 0; i < o->nformats; i++)
		github |= !strcmp(o->formats[i], "github");
	if (!github || !path || !*path)
		return true;
	FILE *f = fopen(path, "a");
	if (f) {
		kb_report_github_summary(rep, f, KB_GITHUB_SUMMARY_MAX);
		if (fclose(f) == 0)
			return true;
	}
	fprintf(stderr, "kbcheck: cannot write the job summary %s: %s\n", path, strerror(errno));
	return false;
}

/* Each output goes to its file atomically (base/files.h): a failed write
 * leaves the file there before as it was, and a link at its name is
 * replaced, not written through.  The folder is made if missing (one
 * level: `baseline create -o .kbcheck/baseline.json` in a new KB). */
static bool write_outputs(const kb_report *rep, const options *o)
{
	bool ok = true;
	for (int i = 0; i < o->nformats; i++) {
		const kb_reporter *rp = kb_reporter_find(o->formats[i]);
		FILE *out = stdout;
		kb_wfile *wf = NULL;
		if (o->outputs[i]) {
			wf = kb_wfile_open(o->outputs[i]);
			if (!wf) {
				fprintf(stderr, "kbcheck: cannot write %s: %s\n", o->outputs[i],
					strerror(errno));
				ok = false;
				continue;
			}
			out = kb_wfile_stream(wf);
		}
		kb_report one = *rep;
		one.color = !o->outputs[i] && kb_use_color(stdout, o->color);
		rp->write(&one, out);
		if (wf && !kb_wfile_commit(wf)) {
			fprintf(stderr, "kbcheck: error writing %s: %s\n", o->outputs[i],
				strerror(errno));
			ok = false;
		}
		if (o->verbose && o->outputs[i])
			fprintf(stderr, "kbcheck: wrote %s to %s\n", rp->name, o->outputs[i]);
	}
	if (fflush(stdout) != 0)
		ok = false;
	return write_job_summary(rep, o) && ok;
}

static int run_command(command cmd, int argc, char **argv)
{
	options o;
	kb_run *r = kb_run_new();
	o.scratch = r->arena;
	int st = parse_options(cmd, argc, argv, &o);
	if (st >= 0) {
		kb_run_free(r);
		return st;
	}

	/* What the findings are measured against, before the long part. */
	const kb_baseline *base = NULL;
	const kb_changes *changes = NULL;
	if (o.baseline) {
		kb_diags *bd = kb_diags_new(r->arena);
		base = kb_baseline_load(r->arena, bd, o.baseline);
		if (!base) {
			kb_diags_print(bd, stderr, KB_DIAG_ERROR, kb_use_color(stderr, o.color));
			fprintf(stderr, "kbcheck: --baseline %s is not usable; create one with "
					"'kbcheck baseline create -o %s'\n",
				o.baseline, o.baseline);
			kb_run_free(r);
			return KB_EXIT_ERROR;
		}
	}
	if (o.changed_since) {
		const char *error;
		changes = kb_changes_since(r->arena, kb_run_dir(r->arena, &o.run), o.changed_since, &error);
		if (!changes) {
			fprintf(stderr, "kbcheck: %s\n", error);
			kb_run_free(r);
			return KB_EXIT_ERROR;
		}
	}
	if (o.changed_files)
		changes = kb_changes_of(r->arena, o.changed_list, o.nchanged);

	kb_progress bar;
	kb_progress_begin(&bar, !o.quiet && (cmd == CMD_CHECK || cmd == CMD_BASELINE));
	o.run.progress = kb_progress_files;
	o.run.progress_user = &bar;
	o.run.comparing = kb_progress_comparing;
	o.run.fail_on = o.fail_on;
	o.run.baseline = base;
	o.run.baseline_only = cmd == CMD_BASELINE && base;
	o.run.changes = changes;
	o.run.show_acked = o.show_acked;
	timings t = {.t0 = kb_now(), .compare = -1};
	/* Each source is read, parsed and extracted by one worker in one pass
	 * (or taken from the cache when unchanged); a check then compares,
	 * as every command that shows what a check shows (kb_run_check). */
	if (cmd == CMD_UNITS)
		kb_run_load(r, &o.run);
	else if (cmd == CMD_CLAIMS)
		kb_run_analyze(r, &o.run);
	else
		kb_run_check(r, &o.run);
	t.load = cmd == CMD_CHECK || cmd == CMD_BASELINE ? r->analyze_seconds : kb_now() - t.t0;
	if (cmd == CMD_CHECK || cmd == CMD_BASELINE) {
		t.compare = r->compare_seconds;
		if (cmd == CMD_CHECK && o.db)
			record_run(r, &o);
		kb_progress_stage(&bar, "done", r->claims.len, r->findings.len);
	}
	kb_progress_end(&bar);
	const kb_coverage *cov =
	    kb_coverage_make(r->arena, &r->units, &r->claims, &r->unread, &r->unclaimed, r->rules);
	if (o.verbose)
		verbose_report(r, &o, &t, cov);

	if (cmd == CMD_UNITS && o.count) {
		printf("%zu units in %zu files\n", r->units.len, r->sources.len);
		print_diags(r->diags, &o);
		bool errors = kb_diags_have(r->diags, KB_DIAG_ERROR);
		kb_run_free(r);
		return kb_exit_status(false, errors);
	}
	if (cmd == CMD_UNITS || cmd == CMD_CLAIMS) {
		bool json = !strcmp(o.formats[0], "json");
		if (cmd == CMD_UNITS)
			json ? kb_list_units_json(&r->units, r->diags, stdout)
			     : kb_list_units_text(&r->units, stdout);
		else
			json ? kb_list_claims_json(&r->claims, r->diags, stdout)
			     : kb_list_claims_text(&r->claims, stdout);
		print_diags(r->diags, &o);
		bool errors = kb_diags_have(r->diags, KB_DIAG_ERROR);
		kb_run_free(r);
		return kb_exit_status(false, errors);
	}

	kb_report rep = {
	    .sources = &r->sources,
	    .units = &r->units,
	    .claims = &r->claims,
	    .findings = &r->reported,
	    .diags = r->diags,
	    .baseline = o.run.baseline_only ? NULL : o.baseline,
	    /* Reports name what the changed files are measured against. */
	    .changed_since = o.changed_files ? "HEAD (--changed-files)" : o.changed_since,
	    .coverage = cov,
	};
	rep.stats = r->stats;
	rep.status = r->status;
	rep.nrule_docs = rule_docs(r, &rep.rule_docs);
	if (o.verbose && base && !o.run.baseline_only)
		fprintf(stderr, "kbcheck: baseline %s: %zu fingerprints, %zu findings existing\n",
			o.baseline, kb_baseline_size(base), rep.stats.existing);
	if (o.verbose && changes)
		fprintf(stderr, "kbcheck: %zu files changed since %s\n", kb_changes_count(changes),
			rep.changed_since);
	/* Diagnostics first, so they sit above the report on a terminal. */
	print_diags(r->diags, &o);
	if (!o.quiet && r->suppressed && cmd == CMD_CHECK)
		say_suppressed(r);
	if (o.verbose && cmd == CMD_CHECK)
		say_unused_suppressions(r);
	if (!o.quiet && (r->baseline_prev || r->acked_prev) && cmd != CMD_BASELINE)
		say_previous_recipe(&o, r->baseline_prev, r->acked_prev);
	bool written = write_outputs(&rep, &o);
	bool errors = kb_diags_have(r->diags, KB_DIAG_ERROR) || !written;

	bool failing = false;
	if (cmd == CMD_BASELINE) {
		if (!o.quiet && written)
			fprintf(stderr, "kbcheck: wrote the baseline %s: %zu finding%s\n",
				o.outputs[0] ? o.outputs[0] : "to standard output", rep.stats.findings, rep.stats.findings == 1 ? "" : "s");
	} else {
		failing = kb_run_fails(r, o.max_findings);
		if (o.max_findings >= 0 && !o.quiet && rep.stats.failing > 0)
			fprintf(stderr, "kbcheck: %zu failing finding%s, %s --max-findings %ld\n",
				rep.stats.failing, rep.stats.failing == 1 ? "" : "s",
				failing ? "more than" : "within", o.max_findings);
	}
	if (o.verbose)
		fprintf(stderr, "kbcheck: total %.3fs\n", kb_now() - t.t0);
	kb_run_free(r);
	return kb_exit_status(failing, errors);
}

int kb_cmd_check(int argc, char **argv) { return run_command(CMD_CHECK, argc, argv); }
int kb_cmd_units(int argc, char **argv) { return run_command(CMD_UNITS, argc, argv); }
int kb_cmd_claims(int argc, char **argv) { return run_command(CMD_CLAIMS, argc, argv); }
int kb_cmd_baseline_create(int argc, char **argv)
{
	return run_command(CMD_BASELINE, argc, argv);
}
