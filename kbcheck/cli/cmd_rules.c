/* cmd_rules.c - `kbcheck rules list` and `kbcheck rules test` (the packs' own
 * tests, or phrase suites: eval/phrases.h). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../eval/phrases.h"
#include "../normalize/normalize.h"
#include "../rules/expect.h"
#include "../rules/extract.h"
#include "../rules/pack.h"
#include "cli.h"
#include "didyoumean.h"
#include "exit.h"

static const char usage[] =
    "usage: kbcheck rules list [--patterns] [PACK...]\n"
    "       kbcheck rules test [-r PACK]... [PACK...]\n"
    "       kbcheck rules test --phrases [options] FILE...\n"
    "\n"
    "list  shows each topic with the locales its patterns cover, its attributes\n"
    "      (type, bound, title), the qualifiers that scope it and its tests per\n"
    "      locale.  With --patterns: every regular expression of the packs, one\n"
    "      per line, as written (a pattern file for other tools, as ripgrep's).\n"
    "test  runs the example sentences under each topic's `tests:` and checks the\n"
    "      claims they yield: exactly the expected attributes and values, or none.\n"
    "      With --phrases: runs phrase suites instead (FILE: kbcheck: phrases/1,\n"
    "      real-style answers and the claims a reader finds in each), prints the\n"
    "      missed and the false claims, and recall and precision per locale.\n"
    "\n"
    "  -r, --rules PACK       a rule file or directory (repeatable; default: the\n"
    "                         shipped packs)\n"
    "      --phrases          the arguments are phrase suites\n"
    "      --min-precision P  fail when a locale's precision is below P (0-1)\n"
    "      --min-recall R     fail when a locale's recall is below R (0-1)\n"
    "  -q, --quiet            phrase suites: print the figures only\n"
    "\n"
    "PACK is a rule file or a directory of them (default: the shipped packs).\n"
    "Exit status: 0 all passed, 1 a test failed or a locale fell below a\n"
    "threshold, 2 a pack or suite could not be loaded.\n";

static void locales_of(kb_buf *b, const kb_topic *t)
{
	const char *seen[32];
	size_t n = 0;
	const kb_patterns *lists[2] = {&t->about_question, &t->about_answer};
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			const char *loc = lists[l]->items[i].locale;
			bool dup = false;
			for (size_t k = 0; k < n; k++)
				dup |= !strcmp(seen[k], loc);
			if (!dup && n < 32)
				seen[n++] = loc;
		}
	for (size_t k = 0; k < n; k++)
		kb_buf_printf(b, "%s%s", k ? "," : "", seen[k]);
}

/* "en 5, vi 3, th 3": how many tests each locale has. */
static void tests_of(kb_buf *b, const kb_topic *t)
{
	const char *seen[32];
	size_t count[32], n = 0;
	for (size_t i = 0; i < t->ntests; i++) {
		size_t k = 0;
		while (k < n && strcmp(seen[k], t->tests[i].locale) != 0)
			k++;
		if (k == n && n < 32) {
			seen[n] = t->tests[i].locale;
			count[n++] = 0;
		}
		if (k < n)
			count[k]++;
	}
	for (size_t k = 0; k < n; k++)
		kb_buf_printf(b, "%s%s %zu", k ? ", " : "", seen[k], count[k]);
	if (n == 0)
		kb_buf_puts(b, "none");
}

static int list(kb_rules *r)
{
	kb_buf b = KB_BUF_INIT;
	size_t nattrs = 0, ntests = 0;
	for (size_t i = 0; i < kb_rules_ntopics(r); i++) {
		const kb_topic *t = kb_rules_topic(r, i);
		kb_buf_clear(&b);
		locales_of(&b, t);
		printf("%-28s %-10s %s\n", t->id, kb_buf_cstr(&b), t->title ? t->title : "");
		for (size_t a = 0; a < t->nattrs; a++) {
			const kb_attribute *at = &t->attrs[a];
			kb_buf_clear(&b);
			kb_buf_puts(&b, kb_vkind_name(at->type));
			if (at->bound != KB_BOUND_EXACT)
				kb_buf_printf(&b, " (%s)", kb_bound_name(at->bound));
			printf("    %-24s %-20s %s\n", at->name, kb_buf_cstr(&b),
			       at->title ? at->title : "");
		}
		if (t->nqualifiers) {
			printf("    scoped by:");
			for (size_t q = 0; q < t->nqualifiers; q++)
				printf(" %s", t->qualifiers[q]->name);
			printf("\n");
		}
		kb_buf_clear(&b);
		tests_of(&b, t);
		printf("    tests: %s\n", kb_buf_cstr(&b));
		nattrs += t->nattrs;
		ntests += t->ntests;
	}
	printf("%zu topic%s, %zu attribute%s, %zu test%s in %zu pack%s\n", kb_rules_ntopics(r),
	       kb_rules_ntopics(r) == 1 ? "" : "s", nattrs, nattrs == 1 ? "" : "s", ntests,
	       ntests == 1 ? "" : "s", kb_rules_npacks(r), kb_rules_npacks(r) == 1 ? "" : "s");
	kb_buf_free(&b);
	return KB_EXIT_OK;
}

/* Runs one test; prints a diff and returns false when it fails. */
static bool run_test(kb_extractor *x, kb_arena *a, const kb_topic *t,
		     const kb_rule_test *rt)
{
	kb_vec all = {0};
	kb_extract_text(x, rt->locale, rt->question, rt->text, &all);
	/* What a test expects is what a check can show: weak claims (a cue and
	 * a value that are not one statement) never make a finding alone. */
	kb_vec mine = {0};
	for (size_t i = 0; i < all.len; i++) {
		const kb_claim *c = all.items[i];
		if (!strcmp(c->topic, t->id) && c->how != KB_HOW_WEAK)
			kb_vec_push(a, &mine, (void *)c);
	}
	kb_buf diff = KB_BUF_INIT;
	bool *used = KB_NEWN(a, bool, mine.len + 1);
	for (size_t e = 0; e < rt->nexpect; e++) {
		const kb_attribute *at = kb_topic_attr(t, rt->attrs[e]);
		bool found = false;
		for (size_t i = 0; i < mine.len && !found; i++) {
			const kb_claim *c = mine.items[i];
			if (!used[i] && !strcmp(c->attribute, rt->attrs[e]) &&
			    kb_expect_matches(a, at, rt->expects[e], c))
				found = used[i] = true;
		}
		if (!found)
			kb_buf_printf(&diff, "    - expected %s = %s\n", rt->attrs[e], rt->expects[e]);
	}
	for (size_t i = 0; i < mine.len; i++) {
		if (used[i])
			continue;
		kb_buf_puts(&diff, "    + got ");
		kb_claim_describe(&diff, mine.items[i]);
		kb_buf_putc(&diff, '\n');
	}
	bool ok = diff.len == 0;
	if (!ok) {
		printf("%s:%d: FAIL %s [%s] %s\n%s", rt->file, rt->line, t->id, rt->locale,
		       rt->text, kb_buf_cstr(&diff));
	}
	kb_buf_free(&diff);
	return ok;
}

static int test(kb_rules *r, kb_arena *a, kb_diags *d)
{
	kb_extractor *x = kb_extractor_new(r, a, d);
	size_t pass = 0, fail = 0;
	for (size_t i = 0; i < kb_rules_ntopics(r); i++) {
		const kb_topic *t = kb_rules_topic(r, i);
		for (size_t k = 0; k < t->ntests; k++)
			*(run_test(x, a, t, &t->tests[k]) ? &pass : &fail) += 1;
	}
	kb_extractor_free(x);
	printf("rules: %zu passed, %zu failed\n", pass, fail);
	return fail ? KB_EXIT_FINDINGS : KB_EXIT_OK;
}

/* Every pattern once, in load order: what another tool would have to run
 * to find what kbcheck finds (the benchmark gives them to rg). */
static int list_patterns(const kb_rules *r)
{
	kb_vec seen = {0};
	kb_arena *a = kb_arena_new();
	for (size_t i = 0; i < kb_rules_npatterns(r); i++) {
		const char *t = kb_rules_pattern(r, i)->text;
		if (strchr(t, '\n'))
			continue; /* cannot be one line of a pattern file */
		bool dup = false;
		for (size_t k = 0; k < seen.len && !dup; k++)
			dup = !strcmp(seen.items[k], t);
		if (dup)
			continue;
		kb_vec_push(a, &seen, (void *)t);
		puts(t);
	}
	kb_arena_free(a);
	return KB_EXIT_OK;
}

/* ---- phrase suites ------------------------------------------------------- */

typedef struct {
	bool phrases, quiet;
	double min_precision, min_recall; /* < 0: not checked */
	kb_vec packs;                     /* -r PACK */
} test_opts;

/* The figures of one locale, over every suite of it. */
typedef struct {
	const char *locale;
	size_t answers, negatives, expected, found, claims;
} tally;

/* One answer's text on one line, at most about 160 bytes. */
static void one_line(kb_buf *b, const char *text)
{
	size_t n = 0;
	for (const char *p = text; *p; p++, n++) {
		if (n >= 160 && ((unsigned char)*p & 0xC0) != 0x80) {
			kb_buf_puts(b, "…");
			return;
		}
		if (*p == '\n')
			kb_buf_puts(b, p[1] ? " / " : "");
		else
			kb_buf_putc(b, *p);
	}
}

static void print_result(const kb_phrase_suite *s, const kb_phrase *p, const kb_phrase_result *res)
{
	kb_buf b = KB_BUF_INIT;
	kb_buf_printf(&b, "%s:%d: [%s] ", s->path, p->line, s->locale);
	one_line(&b, p->text);
	kb_buf_putc(&b, '\n');
	for (size_t i = 0; i < res->nmissed; i++)
		kb_buf_printf(&b, "    - missed %s.%s = %s\n", res->missed[i]->topic->id,
			      res->missed[i]->at->name, res->missed[i]->value);
	for (size_t i = 0; i < res->nfalse; i++) {
		kb_buf_printf(&b, "    + false %s.", res->false_claims[i]->topic);
		kb_claim_describe(&b, res->false_claims[i]);
		kb_buf_putc(&b, '\n');
	}
	fputs(kb_buf_cstr(&b), stdout);
	kb_buf_free(&b);
}

static tally *tally_of(kb_arena *a, kb_vec *tallies, const char *locale)
{
	for (size_t i = 0; i < tallies->len; i++) {
		tally *t = tallies->items[i];
		if (!strcmp(t->locale, locale))
			return t;
	}
	tally *t = KB_NEW(a, tally);
	t->locale = locale;
	kb_vec_push(a, tallies, t);
	return t;
}

/* A figure as printed (three decimals), so a threshold written from the
 * output holds exactly; nothing to measure counts as 1. */
static double ratio(size_t n, size_t of)
{
	return of ? (double)(long)((double)n * 1000 / (double)of + 0.5) / 1000 : 1.0;
}

static bool report_tally(const tally *t, const test_opts *o)
{
	double recall = ratio(t->found, t->expected), precision = ratio(t->found, t->claims);
	printf("phrases %s: %zu answer%s (%zu expect none), recall %.3f (%zu of %zu expected "
	       "claims), precision %.3f (%zu of %zu claims)\n",
	       t->locale, t->answers, t->answers == 1 ? "" : "s", t->negatives, recall, t->found,
	       t->expected, precision, t->found, t->claims);
	bool ok = true;
	if (o->min_recall >= 0 && recall < o->min_recall - 1e-9) {
		printf("phrases %s: recall %.3f is below --min-recall %.3f\n", t->locale, recall,
		       o->min_recall);
		ok = false;
	}
	if (o->min_precision >= 0 && precision < o->min_precision - 1e-9) {
		printf("phrases %s: precision %.3f is below --min-precision %.3f\n", t->locale,
		       precision, o->min_precision);
		ok = false;
	}
	return ok;
}

static int test_phrases(kb_rules *r, kb_arena *a, kb_diags *d, char **files, int nfiles,
			const test_opts *o)
{
	kb_extractor *x = kb_extractor_new(r, a, d);
	kb_vec tallies = {0};
	for (int f = 0; f < nfiles; f++) {
		kb_phrase_suite s;
		if (!kb_phrases_load(a, d, r, files[f], &s))
			continue;
		tally *t = tally_of(a, &tallies, s.locale);
		for (size_t i = 0; i < s.n; i++) {
			kb_phrase_result res;
			kb_phrase_run(x, a, s.locale, &s.items[i], &res);
			t->answers++;
			t->negatives += s.items[i].nexpect == 0;
			t->expected += res.expected;
			t->found += res.found;
			t->claims += res.claims;
			if (!o->quiet && (res.nmissed || res.nfalse))
				print_result(&s, &s.items[i], &res);
		}
	}
	kb_extractor_free(x);
	bool ok = true;
	for (size_t i = 0; i < tallies.len; i++)
		ok &= report_tally(tallies.items[i], o);
	return ok ? KB_EXIT_OK : KB_EXIT_FINDINGS;
}

/* "0.97" into *out: a number from 0 to 1. */
static bool fraction(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !(v >= 0 && v <= 1))
		return false;
	*out = v;
	return true;
}

/* A usage error of `rules SUB`: what is wrong, and where the options are
 * told (the whole usage would bury the message).  Returns false. */
static bool rules_usage(const char *sub, const char *what)
{
	fprintf(stderr, "kbcheck: rules %s: %s\nsee 'kbcheck help rules' for its options\n",
		sub, what);
	return false;
}

/* getopt refused argv[optind - 1] (c is '?' or ':', optstring starting
 * with ':'): the unknown option with a guess, or the option that needs a
 * value.  Returns false. */
static bool refused(kb_arena *a, const char *sub, int c, char **argv,
		    const struct option *longs)
{
	const char *arg = argv[optind - 1];
	if (c == ':')
		return rules_usage(sub, kb_sprintf(a, "option '%s' needs a value", arg));
	return rules_usage(sub, kb_option_problem(a, arg, longs));
}

/* `rules list` options (argv[0] = "list"); PACKs from argv[*first]. */
static bool list_options(kb_arena *a, int argc, char **argv, bool *patterns, int *first)
{
	static const struct option longs[] = {
	    {"patterns", no_argument, NULL, 'p'},
	    {NULL, 0, NULL, 0},
	};
	opterr = 0;
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
		if (c != 'p')
			return refused(a, "list", c, argv, longs);
		*patterns = true;
	}
	*first = optind;
	return true;
}

/* `rules test` options from argv (argv[0] = "test"); the rest are PACKs
 * or, with --phrases, suites, from argv[*first].  False: a usage error. */
static bool test_options(kb_arena *a, int argc, char **argv, test_opts *o, int *first)
{
	enum { OPT_PHRASES = 256, OPT_MIN_PRECISION, OPT_MIN_RECALL };
	static const struct option longs[] = {
	    {"rules", required_argument, NULL, 'r'},
	    {"phrases", no_argument, NULL, OPT_PHRASES},
	    {"min-precision", required_argument, NULL, OPT_MIN_PRECISION},
	    {"min-recall", required_argument, NULL, OPT_MIN_RECALL},
	    {"quiet", no_argument, NULL, 'q'},
	    {NULL, 0, NULL, 0},
	};
	*o = (test_opts){.min_precision = -1, .min_recall = -1};
	opterr = 0;
	optind = 1;
	int c, li;
	while ((c = getopt_long(argc, argv, ":r:q", longs, &li)) != -1) {
		bool ok = true;
		if (c == 'r')
			kb_vec_push(a, &o->packs, optarg);
		else if (c == 'q')
			o->quiet = true;
		else if (c == OPT_PHRASES)
			o->phrases = true;
		else if (c == OPT_MIN_PRECISION)
			ok = fraction(optarg, &o->min_precision);
		else if (c == OPT_MIN_RECALL)
			ok = fraction(optarg, &o->min_recall);
		else
			return refused(a, "test", c, argv, longs);
		if (!ok)
			return rules_usage("test", kb_sprintf(a, "option '--%s' takes a fraction "
				"from 0 to 1, not '%s'", longs[li].name, optarg));
	}
	*first = optind;
	if (o->phrases && optind >= argc)
		return rules_usage("test", "--phrases needs a suite FILE");
	if (!o->phrases && (o->quiet || o->min_precision >= 0 || o->min_recall >= 0))
		return rules_usage("test", "-q, --min-precision and --min-recall are for --phrases");
	return true;
}

int kb_cmd_rules(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? KB_EXIT_ERROR : KB_EXIT_OK;
	}
	bool is_list = !strcmp(argv[1], "list"), is_test = !strcmp(argv[1], "test");
	if (!is_list && !is_test) {
		static const char *const subs[] = {"list", "test"};
		const char *near = kb_did_you_mean(argv[1], subs, 2);
		fprintf(stderr, "kbcheck: unknown rules command '%s'", argv[1]);
		if (near)
			fprintf(stderr, "; did you mean '%s'?", near);
		fputs("\nsee 'kbcheck help rules'\n", stderr);
		return KB_EXIT_ERROR;
	}
	kb_arena *a = kb_arena_new();
	test_opts o = {0};
	int first = 0;
	bool patterns = false;
	if (!(is_list ? list_options(a, argc - 1, argv + 1, &patterns, &first)
		      : test_options(a, argc - 1, argv + 1, &o, &first))) {
		kb_arena_free(a);
		return KB_EXIT_ERROR;
	}
	first++; /* in argv, not argv + 1 */
	kb_diags *d = kb_diags_new(a);
	kb_rules *r = kb_rules_new(a);
	for (size_t i = 0; i < o.packs.len; i++)
		kb_rules_load(r, d, o.packs.items[i]);
	if (!o.phrases && argc > first)
		for (int i = first; i < argc; i++)
			kb_rules_load(r, d, argv[i]);
	else if (!o.packs.len)
		kb_rules_load(r, d, kb_rules_default_dir(a, argv[0]));
	int st;
	if (patterns)
		st = list_patterns(r);
	else if (is_list)
		st = list(r);
	else if (o.phrases)
		st = test_phrases(r, a, d, argv + first, argc - first, &o);
	else
		st = test(r, a, d);
	kb_diags_print(d, stderr, KB_DIAG_NOTE, kb_use_color(stderr, "auto"));
	if (kb_diags_have(d, KB_DIAG_ERROR))
		st = KB_EXIT_ERROR;
	kb_rules_free(r);
	kb_arena_free(a);
	return st;
}
