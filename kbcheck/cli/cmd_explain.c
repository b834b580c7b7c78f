/* cmd_explain.c - `kbcheck explain`: everything about one finding, by
 * fingerprint, from the check every command runs (kb_run_check, with the
 * cache), the answers its claims come from quoted whole. */
#include <stdarg.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/jsonw.h"
#include "../base/text.h"
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
    "      --no-cache         parse every file (.kbcheck/cache/ not used)\n"
    "  -h, --help             this help\n";

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
		line(out, "  answer:     %s", u->text ? u->text : "");
		if (s->suggestion)
			line(out, "  suggestion: %s", s->suggestion);
	}
	kb_buf_free(&b);
}

int kb_cmd_explain(int argc, char **argv)
{
	kb_cli_finding o;
	kb_run *r;
	int st = kb_cli_finding_open(false, explain_usage, argc, argv, &o, &r);
	if (st >= 0)
		return st;
	const kb_finding *f = o.finding;
	/* The check kept no answer text (the cache has none): the answers of
	 * this finding's claims are read again. */
	kb_run_finding_texts(r, f);
	explain(stdout, f);
	return kb_cli_finish(r, KB_EXIT_OK);
}
