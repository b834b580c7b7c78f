/* cmd_audit.c - `kbcheck audit`: the weekly report from the history
 * database (kbcheck/store), as HTML, Markdown or CSV (kbcheck/audit/audit.h). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/files.h"
#include "../audit/audit.h"
#include "../config/config.h"
#include "../store/store.h"
#include "cli.h"
#include "didyoumean.h"
#include "exit.h"

static const char audit_usage[] =
    "usage: kbcheck audit --db FILE [options]\n"
    "\n"
    "Write the audit report from the runs recorded in FILE ('kbcheck check --db',\n"
    "'kbcheck db record'): open conflicts, new and resolved ones in the period,\n"
    "acknowledged ones, median age, a 12-week trend, conflicts per topic and per\n"
    "channel pair, the open conflicts with every side quoted, and the policy\n"
    "matrix.  The HTML page is self-contained (no scripts, no network).\n"
    "\n"
    "      --db FILE          the history database\n"
    "      --since SPAN       the period: SPAN up to now (7d, 2w...; default 7d)\n"
    "      --week YYYY-Www    the period: one ISO week, e.g. 2026-W47\n"
    "      --now DATE         now: YYYY-MM-DD[THH:MM[:SS]Z] or seconds since the epoch\n"
    "                         (default SOURCE_DATE_EPOCH, else the clock)\n"
    "  -f, --format FORMAT    html (default), markdown or csv\n"
    "  -o, --output FILE      write to FILE (default, or -: standard output)\n"
    "      --source-url TMPL  link sources: {rev}, {path}, {line}, {column} are filled\n"
    "                         in, e.g. 'https://git.example/kb/blob/{rev}/{path}#L{line}'\n"
    "                         (default: kbcheck.yml report.source_url, from --config or\n"
    "                         as recorded with the run)\n"
    "  -c, --config FILE      a kbcheck.yml to read report.source_url from\n"
    "      --limit N          open conflicts shown in full (default 50)\n"
    "      --weeks N          weeks in the trend (default 12)\n"
    "      --busy-timeout S   wait up to S seconds for a lock (default 10)\n"
    "  -h, --help             this help\n"
    "\n"
    "The report depends only on the database and these options, so it is the\n"
    "same every time for a given --now (or SOURCE_DATE_EPOCH).\n"
    "Exit status: 0 written, 2 usage or database errors.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("kbcheck audit: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'kbcheck audit --help'.\n", stderr);
	return KB_EXIT_ERROR;
}

typedef struct {
	const char *db, *since, *week, *now_arg, *format, *output, *source_url, *config;
	long limit, weeks;
	kb_store_opts store;
} audit_opts;

static bool parse_count(const char *s, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 1 || v > max)
		return false;
	*out = v;
	return true;
}

static int parse(int argc, char **argv, audit_opts *o)
{
	enum {
		OPT_DB = 256,
		OPT_SINCE,
		OPT_WEEK,
		OPT_NOW,
		OPT_URL,
		OPT_LIMIT,
		OPT_WEEKS,
		OPT_BUSY
	};
	static const struct option longopts[] = {
	    {"db", required_argument, NULL, OPT_DB},
	    {"since", required_argument, NULL, OPT_SINCE},
	    {"week", required_argument, NULL, OPT_WEEK},
	    {"now", required_argument, NULL, OPT_NOW},
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {"source-url", required_argument, NULL, OPT_URL},
	    {"config", required_argument, NULL, 'c'},
	    {"limit", required_argument, NULL, OPT_LIMIT},
	    {"weeks", required_argument, NULL, OPT_WEEKS},
	    {"busy-timeout", required_argument, NULL, OPT_BUSY},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	o->format = "html";
	o->store.must_exist = true;
	o->store.read_only = true;
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "f:o:c:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			o->db = optarg;
			break;
		case OPT_SINCE:
			o->since = optarg;
			break;
		case OPT_WEEK:
			o->week = optarg;
			break;
		case OPT_NOW:
			o->now_arg = optarg;
			break;
		case 'f':
			if (!kb_audit_format_find(optarg))
				return usage_error("unknown format '%s' (html, markdown, csv)",
						   optarg);
			o->format = optarg;
			break;
		case 'o':
			o->output = strcmp(optarg, "-") ? optarg : NULL; /* "-": standard output */
			break;
		case OPT_URL:
			if (strncmp(optarg, "https://", 8) && strncmp(optarg, "http://", 7))
				return usage_error(
				    "--source-url takes an http(s) URL template, not '%s'", optarg);
			o->source_url = optarg;
			break;
		case 'c':
			o->config = optarg;
			break;
		case OPT_LIMIT:
			if (!parse_count(optarg, 100000, &o->limit))
				return usage_error("--limit takes a number from 1, not '%s'",
						   optarg);
			break;
		case OPT_WEEKS:
			if (!parse_count(optarg, 104, &o->weeks))
				return usage_error("--weeks takes a number from 1 to 104, not '%s'",
						   optarg);
			break;
		case OPT_BUSY:
			if (!kb_store_parse_busy(optarg, &o->store.busy_timeout_ms))
				return usage_error(
				    "--busy-timeout takes seconds (0 < S <= 3600), not '%s'",
				    optarg);
			break;
		case 'h':
			fputs(audit_usage, stdout);
			return KB_EXIT_OK;
		default: {
			kb_arena *ta = kb_arena_new();
			int st = usage_error("%s", kb_option_problem(ta, argv[optind - 1], longopts));
			kb_arena_free(ta);
			return st;
		}
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (!o->db)
		return usage_error("which database? Give --db FILE%s", "");
	if (o->since && o->week)
		return usage_error("give either --since or --week%s", "");
	return -1;
}

/* Writes through a temporary file renamed into place, so that a report
 * being published is never seen half-written; a device or FIFO (-o
 * /dev/null) is written in place, never replaced (base/files.h). */
static bool write_report(const kb_audit_format *fmt, const kb_history *h, const kb_audit_opts *ao,
			 const char *output)
{
	if (!output) {
		bool ok = fmt->write(h, ao, stdout);
		return fflush(stdout) == 0 && !ferror(stdout) && ok;
	}
	kb_wfile *w = kb_wfile_open(output);
	if (!w) {
		fprintf(stderr, "kbcheck: cannot write %s: %s\n", output, strerror(errno));
		return false;
	}
	if (!fmt->write(h, ao, kb_wfile_stream(w))) {
		kb_wfile_abort(w);
		fprintf(stderr, "kbcheck: error writing %s\n", output);
		return false;
	}
	if (!kb_wfile_commit(w)) {
		fprintf(stderr, "kbcheck: cannot write %s: %s\n", output, strerror(errno));
		return false;
	}
	return true;
}

int kb_cmd_audit(int argc, char **argv)
{
	audit_opts o;
	int st = parse(argc, argv, &o);
	if (st >= 0)
		return st;
	int64_t now;
	if (!kb_store_time(o.now_arg, &now))
		return usage_error("--now (or SOURCE_DATE_EPOCH) takes " KB_STORE_TIME_HELP ", not '%s'",
				   o.now_arg ? o.now_arg : getenv("SOURCE_DATE_EPOCH"));
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_audit_opts ao = {
	    .now = now,
	    .source_url = o.source_url,
	    .limit = (size_t)o.limit,
	    .weeks = (int)o.weeks,
	};
	const char *slash = strrchr(o.db, '/');
	ao.db_name = slash ? slash + 1 : o.db;
	if (o.week) {
		if (!kb_iso_week_start(o.week, &ao.since)) {
			kb_arena_free(a);
			return usage_error("--week takes an ISO week such as 2026-W47, not '%s'",
					   o.week);
		}
		ao.until = ao.since + 7 * 86400 - 1;
		char name[16];
		kb_iso_week_name(ao.since, name);
		ao.window = kb_strdup(a, name);
		if (ao.now > ao.until)
			ao.now = ao.until; /* ages as they were at the end of that week */
	} else {
		int64_t span = 7 * 86400;
		if (o.since && !kb_store_parse_span(o.since, &span)) {
			kb_arena_free(a);
			return usage_error("--since takes a span such as 7d or 2w (at most "
					   "10000y), not '%s'",
					   o.since);
		}
		ao.until = now;
		ao.since = now - span;
		char day[32];
		kb_htime_format(day, now, false);
		ao.window = kb_sprintf(a, "%s to %s", o.since ? o.since : "7d", day);
	}
	if (!ao.source_url && o.config) {
		kb_config *cfg = kb_config_load(a, d, o.config, NULL);
		ao.source_url = cfg->report_source_url;
	}
	if (!kb_diags_have(d, KB_DIAG_ERROR)) {
		kb_store *s = kb_store_open_opts(o.db, &o.store, d);
		kb_history *h = s ? kb_store_load_history(s, a, ao.until) : NULL;
		kb_store_close(s);
		if (h && !write_report(kb_audit_format_find(o.format), h, &ao, o.output))
			st = KB_EXIT_ERROR;
	}
	kb_diags_print(d, stderr, KB_DIAG_NOTE, kb_use_color(stderr, "auto"));
	if (kb_diags_have(d, KB_DIAG_ERROR))
		st = KB_EXIT_ERROR;
	kb_arena_free(a);
	return st < 0 ? KB_EXIT_OK : st;
}
