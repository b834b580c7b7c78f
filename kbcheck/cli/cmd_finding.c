/* cmd_finding.c - commands about one finding: `kbcheck explain` and
 * `kbcheck ack`. */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/jsonw.h"
#include "../base/text.h"
#include "../compare/acks.h"
#include "../pipeline/run.h"
#include "cli.h"
#include "exit.h"
#include "runopts.h"

static const char explain_usage[] =
    "usage: kbcheck explain [options] FINGERPRINT [PATH...]\n"
    "\n"
    "Print everything about one finding: every claim with its location, its\n"
    "unit's question and full text, the normalized value, the rule and pattern\n"
    "that extracted it, the canonical value and why the values conflict.\n"
    "\n"
    "  -c, --config FILE      project config\n"
    "  -r, --rules PATH       rule pack file or directory (repeatable)\n"
    "  -h, --help             this help\n";

static const char ack_usage[] =
    "usage: kbcheck ack [options] FINGERPRINT --reason TEXT [PATH...]\n"
    "\n"
    "Acknowledge an intended difference: append it to .kbcheck/acks.yml at the\n"
    "knowledge base's root (review it like code).  Acknowledged findings are not\n"
    "reported; after --expires they come back.\n"
    "\n"
    "      --reason TEXT      why the difference is intended (required)\n"
    "      --expires DATE     YYYY-MM-DD after which the finding is reported again\n"
    "      --by NAME          who acknowledges it (default: $USER)\n"
    "  -c, --config FILE      project config\n"
    "  -r, --rules PATH       rule pack file or directory (repeatable)\n"
    "  -h, --help             this help\n";

typedef struct {
	kb_run_opts run;
	kb_cli_rules rules;
	const char *fingerprint, *reason, *expires, *by;
} fopts;

static int parse(bool ack, int argc, char **argv, fopts *o)
{
	enum { OPT_REASON = 256, OPT_EXPIRES, OPT_BY };
	static const struct option longopts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"rules", required_argument, NULL, 'r'},
	    {"reason", required_argument, NULL, OPT_REASON},
	    {"expires", required_argument, NULL, OPT_EXPIRES},
	    {"by", required_argument, NULL, OPT_BY},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *usage = ack ? ack_usage : explain_usage;
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
static const kb_finding *lookup(kb_run *r, const char *fp)
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

static kb_run *run_all(fopts *o)
{
	kb_run *r = kb_run_new();
	o->run.today = kb_today(r->arena, NULL);
	kb_run_load(r, &o->run);
	kb_run_load_rules(r, &o->run);
	kb_run_extract(r);
	kb_run_compare(r, &o->run);
	return r;
}

static const char *fmt(kb_buf *b, const kb_value *v)
{
	kb_buf_clear(b);
	kb_value_format(b, v);
	return kb_buf_cstr(b);
}

/* Everything explain shows is text from the knowledge base or made from
 * it: written with control characters escaped (base/text.h), one line per
 * call, so no answer can draw on the terminal or fake a line. */
static void line(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kb_vfprintf_safe(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
}

/* Why two values cannot both hold, in one sentence. */
static void why(FILE *out, const kb_value *a, const kb_value *b)
{
	kb_buf x = KB_BUF_INIT, y = KB_BUF_INIT;
	fmt(&x, a);
	fmt(&y, b);
	if (a->kind == KB_V_BOOL)
		line(out, "one answer says %s, the other %s: both cannot be true.", x.ptr, y.ptr);
	else if (kb_value_inside(a, b) || kb_value_inside(b, a))
		line(out, "%s lies inside %s: it may be a narrower statement of the same rule "
			     "(a possible conflict).",
			kb_value_inside(a, b) ? x.ptr : y.ptr, kb_value_inside(a, b) ? y.ptr : x.ptr);
	else if (a->bound == b->bound && a->bound == KB_BOUND_AT_MOST)
		line(out, "both are upper bounds (\"within\", \"up to\"), with different limits: "
			     "%s and %s are different promises, although the intervals overlap.",
			x.ptr, y.ptr);
	else if (a->kind == KB_V_MONEY && strcmp(a->currency, b->currency) && a->currency[0] &&
		 b->currency[0])
		line(out, "different currencies (%s, %s) are compared only when a rate is set.",
			x.ptr, y.ptr);
	else
		line(out, "%s and %s state different values for the same thing.", x.ptr, y.ptr);
	kb_buf_free(&x);
	kb_buf_free(&y);
}

static void explain(FILE *out, const kb_finding *f)
{
	kb_buf b = KB_BUF_INIT;
	line(out, "finding %s: %s[%s.%s]", f->fingerprint, kb_severity_name(f->severity), f->topic,
	     f->attribute);
	line(out, "  %s", f->message);
	fputs("  scope:", out);
	if (!f->scope.n)
		fputs(" (none: applies everywhere)", out);
	for (size_t i = 0; i < f->scope.n; i++)
		kb_fprintf_safe(out, " %s=%s", f->scope.kv[i].key, f->scope.kv[i].value);
	fputc('\n', out);
	if (f->canonical)
		line(out, "  canonical: %s (%s)", fmt(&b, f->canonical), f->canonical_source);
	if (f->majority)
		line(out, "  majority: %s (%zu of %zu sources)", fmt(&b, f->majority),
			f->majority_count, f->sources);
	if (f->ack_reason)
		line(out, "  acknowledged%s%s: %s", f->ack_by ? " by " : "",
			f->ack_by ? f->ack_by : "", f->ack_reason);
	const kb_value *ref = f->canonical ? f->canonical : f->majority;
	const kb_value *dev = &f->sides[0].claim->value;
	if (!ref) {
		for (size_t i = 1; i < f->nsides && !ref; i++)
			if (!kb_value_same(&f->sides[i].claim->value, dev))
				ref = &f->sides[i].claim->value;
	}
	if (ref) {
		fputs("  why: ", out);
		why(out, dev, ref);
	}
	for (size_t i = 0; i < f->nsides; i++) {
		const kb_side *s = &f->sides[i];
		const kb_claim *c = s->claim;
		const kb_unit *u = c->unit;
		fputc('\n', out);
		line(out, "claim %zu%s: %s:%d:%d-%d:%d", i + 1, s->deviates ? " (deviates)" : "",
			u->source->path, c->loc.line, c->loc.column, c->loc.end_line, c->loc.end_column);
		line(out, "  channel %s, format %s, locale %s, unit %s",
			kb_channel_name(u->source->channel), u->source->format, u->locale, u->id);
		line(out, "  quote:      \"%s\"", c->quote);
		kb_fprintf_safe(out, "  value:      %s = ", fmt(&b, &c->value));
		kb_jsonw *w = kb_jsonw_new(out, false);
		kb_value_json(w, &c->value, c->quote);
		kb_jsonw_free(w);
		line(out, "  rule:       %s:%d  %s", c->rule_file, c->rule_line, c->pattern);
		line(out, "  sentence:   %s", c->sentence);
		if (u->question)
			line(out, "  question:   %s", u->question);
		line(out, "  answer:     %s", u->text);
		if (s->suggestion)
			line(out, "  suggestion: %s", s->suggestion);
	}
	kb_buf_free(&b);
}

static int finish(kb_run *r, int status)
{
	kb_diags_print(r->diags, stderr, KB_DIAG_WARNING, kb_use_color(stderr, "auto"));
	if (kb_diags_have(r->diags, KB_DIAG_ERROR) && status == KB_EXIT_OK)
		status = KB_EXIT_ERROR;
	kb_run_free(r);
	return status;
}

int kb_cmd_explain(int argc, char **argv)
{
	fopts o;
	int st = parse(false, argc, argv, &o);
	if (st >= 0)
		return st;
	kb_run *r = run_all(&o);
	const kb_finding *f = lookup(r, o.fingerprint);
	if (!f) {
		fprintf(stderr, "kbcheck: no finding has fingerprint %s in this knowledge base\n",
			o.fingerprint);
		return finish(r, KB_EXIT_ERROR);
	}
	explain(stdout, f);
	return finish(r, KB_EXIT_OK);
}

int kb_cmd_ack(int argc, char **argv)
{
	fopts o;
	int st = parse(true, argc, argv, &o);
	if (st >= 0)
		return st;
	kb_run *r = run_all(&o);
	const kb_finding *f = lookup(r, o.fingerprint);
	if (!f) {
		fprintf(stderr, "kbcheck: no finding has fingerprint %s in this knowledge base\n",
			o.fingerprint);
		return finish(r, KB_EXIT_ERROR);
	}
	if (f->ack_reason) {
		kb_fprintf_safe(stderr, "kbcheck: %s is already acknowledged: %s", f->fingerprint,
				f->ack_reason);
		fputc('\n', stderr);
		return finish(r, KB_EXIT_OK);
	}
	const char *by = o.by ? o.by : getenv("USER");
	kb_ack ack = {.fingerprint = f->fingerprint,
		      .reason = o.reason,
		      .by = by,
		      .date = o.run.today,
		      .expires = o.expires,
		      .finding = kb_sprintf(r->arena, "%s.%s", f->topic, f->attribute)};
	if (!kb_acks_append(r->arena, r->diags, r->config->root, &ack))
		return finish(r, KB_EXIT_ERROR);
	kb_fprintf_safe(stdout, "acknowledged %s (%s.%s) in %s", f->fingerprint, f->topic,
			f->attribute, r->acks_path);
	putchar('\n');
	return finish(r, KB_EXIT_OK);
}
