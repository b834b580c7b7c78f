/* cmd_db.c - `kbcheck db`: the history database (kbcheck/store).
 *
 *   db runs      the recorded runs, with open/new/resolved per run
 *   db findings  findings with first seen, age and status (--open: open only)
 *   db prune     delete runs older than a window (--keep 52w)
 *   db record    check PATHs as `check --db` does (kb_run_check, with the
 *                cache) and record the run, without reporting; for CI
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/text.h"
#include "../pipeline/run.h"
#include "../store/store.h"
#include "cli.h"
#include "didyoumean.h"
#include "exit.h"
#include "runopts.h"

typedef enum { DB_RUNS, DB_FINDINGS, DB_PRUNE, DB_RECORD, DB_NONE } db_cmd;

static const char *const names[] = {"runs", "findings", "prune", "record"};

static const char db_usage[] =
    "usage: kbcheck db COMMAND --db FILE [options]\n"
    "\n"
    "The history database that 'kbcheck check --db FILE' records into.\n"
    "\n"
    "  kbcheck db runs --db FILE              recorded runs: time, revision, units,\n"
    "                                         claims, findings open/new/resolved\n"
    "  kbcheck db findings --db FILE [--open] findings with first seen, age, status\n"
    "  kbcheck db prune --db FILE --keep 52w  delete runs older than the window\n"
    "  kbcheck db record --db FILE [check options] [PATH...]\n"
    "                                         check PATHs and record the run\n"
    "                                         (what 'check --db' does, without a report)\n"
    "\n"
    "Options for every command:\n"
    "      --db FILE          the database (SQLite; created by record)\n"
    "      --now DATE         the time: YYYY-MM-DD[THH:MM[:SS]Z] or seconds since the\n"
    "                         epoch (default SOURCE_DATE_EPOCH, else the clock)\n"
    "      --busy-timeout S   wait up to S seconds for a lock (default 10)\n"
    "  -h, --help             this help\n"
    "\n"
    "db findings:  --open      only the findings open in the latest run\n"
    "db prune:     --keep SPAN runs newer than SPAN are kept (7d, 12w, 52w, 1y); the\n"
    "                          latest run is always kept, findings keep first-seen\n"
    "db record:    -c, --config FILE, -r, --rules PATH, --no-default-rules,\n"
    "              --no-cache (as for check), --revision REV (default: git\n"
    "              rev-parse HEAD in the KB root), --source-url TEMPLATE (links\n"
    "              in the audit), -q, --quiet\n"
    "\n"
    "Exit status: 0 done, 2 usage, database or input errors.\n";

typedef struct {
	db_cmd cmd;
	const char *db, *now_arg, *keep, *revision, *source_url, *color;
	kb_store_opts store;
	bool open_only, quiet;
	int64_t now;
	kb_run_opts run;
	kb_cli_rules rules;
} db_opts;

static int usage_error(const char *fmt, const char *arg)
{
	fputs("kbcheck db: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'kbcheck db --help'.\n", stderr);
	return KB_EXIT_ERROR;
}

static int parse(int argc, char **argv, db_opts *o)
{
	enum { OPT_DB = 256, OPT_NOW, OPT_BUSY, OPT_OPEN, OPT_KEEP, OPT_REV, OPT_URL, OPT_NODEF };
	static const struct option longopts[] = {
	    {"db", required_argument, NULL, OPT_DB},
	    {"now", required_argument, NULL, OPT_NOW},
	    {"busy-timeout", required_argument, NULL, OPT_BUSY},
	    {"open", no_argument, NULL, OPT_OPEN},
	    {"keep", required_argument, NULL, OPT_KEEP},
	    {"revision", required_argument, NULL, OPT_REV},
	    {"source-url", required_argument, NULL, OPT_URL},
	    {"config", required_argument, NULL, 'c'},
	    {"rules", required_argument, NULL, 'r'},
	    {"no-default-rules", no_argument, NULL, OPT_NODEF},
	    {"no-cache", no_argument, NULL, KB_CLI_NO_CACHE},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	o->cmd = DB_NONE;
	o->color = "auto";
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(db_usage, stdout);
		return KB_EXIT_OK;
	}
	for (int i = 0; argc >= 2 && i < 4; i++)
		if (!strcmp(argv[1], names[i]))
			o->cmd = (db_cmd)i;
	if (o->cmd == DB_NONE)
		return usage_error(argc < 2
				       ? "which command? runs, findings, prune or record%s"
				       : "unknown command '%s' (runs, findings, prune, record)",
				   argc < 2 ? "" : argv[1]);
	argc--;
	argv++;
	o->run.argv0 = argv[-1];
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+c:r:qh", longopts, NULL)) != -1) {
		bool record_only = c == 'c' || c == 'r' || c == OPT_NODEF || c == OPT_REV ||
				   c == OPT_URL || c == 'q' || c == KB_CLI_NO_CACHE;
		if (record_only && o->cmd != DB_RECORD)
			return usage_error("%s is for 'kbcheck db record'", argv[optind - 1]);
		switch (c) {
		case OPT_DB:
			o->db = optarg;
			break;
		case OPT_NOW:
			o->now_arg = optarg;
			break;
		case OPT_BUSY:
			if (!kb_store_parse_busy(optarg, &o->store.busy_timeout_ms))
				return usage_error(
				    "--busy-timeout takes seconds (0 < S <= 3600), not '%s'",
				    optarg);
			break;
		case OPT_OPEN:
			if (o->cmd != DB_FINDINGS)
				return usage_error("--open is for 'kbcheck db findings'%s", "");
			o->open_only = true;
			break;
		case OPT_KEEP:
			if (o->cmd != DB_PRUNE)
				return usage_error("--keep is for 'kbcheck db prune'%s", "");
			o->keep = optarg;
			break;
		case OPT_REV:
			o->revision = optarg;
			break;
		case OPT_URL:
			if (strncmp(optarg, "https://", 8) && strncmp(optarg, "http://", 7))
				return usage_error(
				    "--source-url takes an http(s) URL template, not '%s'", optarg);
			o->source_url = optarg;
			break;
		case 'r':
			if (o->rules.n == KB_CLI_MAX_RULES)
				return usage_error("too many --rules options%s", "");
			/* fall through */
		case 'c':
		case KB_CLI_NO_CACHE:
			kb_cli_run_option(c, optarg, &o->run, &o->rules);
			break;
		case OPT_NODEF:
			o->run.no_shipped_rules = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			fputs(db_usage, stdout);
			return KB_EXIT_OK;
		default: {
			kb_arena *ta = kb_arena_new();
			int st = usage_error("%s", kb_option_problem(ta, argv[optind - 1], longopts));
			kb_arena_free(ta);
			return st;
		}
		}
	}
	if (!o->db)
		return usage_error("which database? Give --db FILE%s", "");
	if (!kb_store_time(o->now_arg, &o->now))
		return usage_error("--now (or SOURCE_DATE_EPOCH) takes " KB_STORE_TIME_HELP ", not '%s'",
				   o->now_arg ? o->now_arg : getenv("SOURCE_DATE_EPOCH"));
	if (o->cmd == DB_PRUNE && !o->keep)
		return usage_error("how much history to keep? Give --keep SPAN, e.g. 52w%s", "");
	if (o->cmd != DB_RECORD && optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	kb_cli_run_paths(&o->run, &o->rules, argc, argv, optind);
	o->store.must_exist = o->cmd != DB_RECORD;
	o->store.read_only = o->cmd == DB_RUNS || o->cmd == DB_FINDINGS;
	return -1;
}

static void print_runs(const kb_history *h, FILE *out)
{
	kb_hrun_stats *st = calloc(h->nruns ? h->nruns : 1, sizeof *st);
	if (!st)
		abort();
	kb_history_run_stats(h, st);
	fprintf(out, "%5s  %-16s  %-12s  %6s  %6s  %6s  %5s  %5s  %4s  %8s\n", "run", "time (UTC)",
		"revision", "files", "units", "claims", "open", "acked", "new", "resolved");
	for (size_t i = 0; i < h->nruns; i++) {
		const kb_hrun *r = &h->runs[i];
		char t[32];
		kb_htime_format(t, r->time, true);
		fprintf(out,
			"%5lld  %-16s  %-12.12s  %6lld  %6lld  %6lld  %5lld  %5lld  %4lld  %8lld\n",
			(long long)r->id, t, r->revision ? r->revision : "-", (long long)r->files,
			(long long)r->units, (long long)r->claims, (long long)st[i].open,
			(long long)st[i].acked, (long long)(st[i].new_ + st[i].reopened),
			(long long)st[i].resolved);
	}
	if (h->nruns == 0)
		fputs("(no runs recorded yet)\n", out);
	free(st);
}

/* The first deviating side's location, for one-line listings. */
static const kb_hclaim *where(const kb_hfinding *f)
{
	for (size_t i = 0; i < f->nsides; i++)
		if (f->sides[i].deviates)
			return f->sides[i].claim;
	return f->nsides ? f->sides[0].claim : NULL;
}

static void print_findings(const kb_history *h, bool open_only, int64_t now, FILE *out)
{
	size_t ref = h->ref;
	fprintf(out, "%-16s  %-8s  %-10s  %5s  %-18s  %-28s  %s\n", "fingerprint", "severity",
		"first seen", "age", "status", "finding", "where");
	size_t shown = 0;
	for (size_t i = 0; i < h->nfindings; i++) {
		const kb_hfinding *f = &h->findings[i];
		bool acked;
		bool seen = ref != KB_NO_RUN && kb_hfinding_seen_at(f, ref, &acked);
		if (open_only && (!seen || acked))
			continue;
		char first[32], status[64], name[256];
		kb_htime_format(first, f->first_seen, false);
		if (seen)
			snprintf(status, sizeof status, "%s", acked ? "acknowledged" : "open");
		else {
			char t[32];
			kb_htime_format(t, kb_hfinding_resolved_at(h, f, ref), false);
			snprintf(status, sizeof status, "resolved %s", t);
		}
		snprintf(name, sizeof name, "%s.%s%s%s%s", f->topic, f->attribute,
			 *f->scope ? " [" : "", f->scope, *f->scope ? "]" : "");
		int64_t end = seen ? now : kb_hfinding_resolved_at(h, f, ref);
		long long age =
		    end > f->first_seen ? (long long)((end - f->first_seen) / 86400) : 0;
		const kb_hclaim *c = where(f);
		fprintf(out, "%-16s  %-8s  %-10s  %4lldd  %-18s  %-28s  ", f->fingerprint,
			f->severity ? f->severity : "?", first, age, status, name);
		if (c)
			kb_fprintf_safe(out, "%s:%d:%d", c->path, c->line, c->column);
		fputc('\n', out);
		shown++;
	}
	if (!shown)
		fprintf(out, "(no %sfindings)\n", open_only ? "open " : "");
}

static int record(db_opts *o, kb_diags **diags_out, kb_run **run_out)
{
	kb_run *r = kb_run_new();
	*run_out = r;
	*diags_out = r->diags;
	char day[32];
	kb_htime_format(day, o->now, false);
	o->run.today = kb_strdup(r->arena, day);
	kb_run_check(r, &o->run);
	kb_store *s = kb_store_open_opts(o->db, &o->store, r->diags);
	if (!s)
		return KB_EXIT_ERROR;
	kb_store_run_info info = {
	    .time = o->now,
	    .revision = o->revision
			    ? o->revision
			    : kb_store_git_revision(r->arena, r->config ? r->config->root : "."),
	    .source_url = o->source_url,
	};
	bool ok = kb_store_record_run(s, r, &info);
	if (ok && !o->quiet) {
		char t[32];
		kb_htime_format(t, o->now, true);
		printf("recorded run %lld (%s UTC%s%.12s) in %s: %zu files, %zu units, %zu claims, "
		       "%zu findings, %zu acknowledged\n",
		       (long long)kb_store_last_run_id(s), t, info.revision ? ", revision " : "",
		       info.revision ? info.revision : "", o->db, r->sources.len, r->units.len,
		       r->claims.len, r->findings.len, r->acked.len);
	}
	kb_store_close(s);
	return ok ? KB_EXIT_OK : KB_EXIT_ERROR;
}

int kb_cmd_db(int argc, char **argv)
{
	db_opts o;
	int st = parse(argc, argv, &o);
	if (st >= 0)
		return st;
	if (o.cmd == DB_RECORD) {
		kb_diags *d = NULL;
		kb_run *r = NULL;
		st = record(&o, &d, &r);
		kb_diags_print(d, stderr, o.quiet ? KB_DIAG_ERROR : KB_DIAG_NOTE,
			       kb_use_color(stderr, o.color));
		if (kb_diags_have(d, KB_DIAG_ERROR))
			st = KB_EXIT_ERROR;
		kb_run_free(r);
		return st;
	}
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	int64_t keep = 0;
	if (o.cmd == DB_PRUNE && !kb_store_parse_span(o.keep, &keep)) {
		kb_arena_free(a);
		return usage_error("--keep takes a span such as 7d, 12w, 52w or 1y (at most "
				   "10000y), not '%s'",
				   o.keep);
	}
	kb_store *s = kb_store_open_opts(o.db, &o.store, d);
	st = s ? KB_EXIT_OK : KB_EXIT_ERROR;
	if (s && o.cmd == DB_PRUNE) {
		int64_t runs, findings;
		if (kb_store_prune(s, o.now - keep, &runs, &findings)) {
			char t[32];
			kb_htime_format(t, o.now - keep, true);
			printf(
			    "pruned %lld run%s older than %s UTC; %lld finding%s no remaining run "
			    "saw were removed\n",
			    (long long)runs, runs == 1 ? "" : "s", t, (long long)findings,
			    findings == 1 ? "" : "s");
		} else {
			st = KB_EXIT_ERROR;
		}
	} else if (s) {
		kb_history *h = kb_store_load_history(s, a, INT64_MAX);
		if (!h)
			st = KB_EXIT_ERROR;
		else if (o.cmd == DB_RUNS)
			print_runs(h, stdout);
		else
			print_findings(h, o.open_only, o.now, stdout);
	}
	kb_store_close(s);
	kb_diags_print(d, stderr, KB_DIAG_NOTE, kb_use_color(stderr, o.color));
	if (kb_diags_have(d, KB_DIAG_ERROR))
		st = KB_EXIT_ERROR;
	kb_arena_free(a);
	return st;
}
