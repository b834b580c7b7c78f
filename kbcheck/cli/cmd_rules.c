/* cmd_rules.c - `kbcheck rules list` and `kbcheck rules test`. */
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../normalize/normalize.h"
#include "../rules/extract.h"
#include "../rules/pack.h"
#include "cli.h"
#include "exit.h"

static const char usage[] =
    "usage: kbcheck rules list [--patterns] [PACK...]\n"
    "       kbcheck rules test [PACK...]\n"
    "\n"
    "list  shows each topic with the locales its patterns cover, its attributes\n"
    "      (type, bound, title), the qualifiers that scope it and its tests per\n"
    "      locale.  With --patterns: every regular expression of the packs, one\n"
    "      per line, as written (a pattern file for other tools, as ripgrep's).\n"
    "test  runs the example sentences under each topic's `tests:` and checks the\n"
    "      claims they yield: exactly the expected attributes and values, or none.\n"
    "\n"
    "PACK is a rule file or a directory of them (default: the shipped packs).\n"
    "Exit status: 0 all passed, 1 a test failed, 2 a pack could not be loaded.\n";

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

/* An expected phrase may end with the claim's scope: "6 months
 * [product=accessories]" or "[]" for no scope.  Returns the phrase's length
 * and points *scope at the text inside the brackets (NULL: not checked). */
static size_t split_expect(const char *expect, const char **scope)
{
	size_t n = strlen(expect);
	*scope = NULL;
	if (n < 2 || expect[n - 1] != ']')
		return n;
	const char *open = strrchr(expect, '[');
	if (!open)
		return n;
	*scope = open + 1;
	while (open > expect && open[-1] == ' ')
		open--;
	return (size_t)(open - expect);
}

/* The claim's scope is exactly "k=v,k=v" (in any order). */
static bool scope_matches(const kb_claim *c, const char *want)
{
	size_t n = 0;
	for (const char *p = want; *p && *p != ']';) {
		const char *end = p;
		while (*end && *end != ',' && *end != ']')
			end++;
		const char *eq = memchr(p, '=', (size_t)(end - p));
		if (!eq)
			return false;
		bool found = false;
		for (size_t i = 0; i < c->scope.n && !found; i++) {
			const kb_scope_kv *kv = &c->scope.kv[i];
			found = strlen(kv->key) == (size_t)(eq - p) &&
				!strncmp(kv->key, p, (size_t)(eq - p)) &&
				strlen(kv->value) == (size_t)(end - eq - 1) &&
				!strncmp(kv->value, eq + 1, (size_t)(end - eq - 1));
		}
		if (!found)
			return false;
		n++;
		p = *end == ',' ? end + 1 : end;
		while (*p == ' ')
			p++;
	}
	return n == c->scope.n;
}

static bool expected_matches(kb_arena *a, const kb_attribute *at, const char *expect,
			     const kb_claim *c)
{
	const char *scope;
	size_t n = split_expect(expect, &scope);
	if (scope && !scope_matches(c, scope))
		return false;
	expect = kb_strndup(a, expect, n);
	if (at->type == KB_V_BOOL) {
		bool yes = !strcmp(expect, "yes") || !strcmp(expect, "true");
		bool no = !strcmp(expect, "no") || !strcmp(expect, "false");
		return (yes || no) && c->value.flag == yes;
	}
	if (at->type == KB_V_ENUM)
		return c->value.label && !strcmp(c->value.label, expect);
	kb_value v;
	if (!kb_normalize_find(at->type, "en", expect, n, 0, &v))
		return false;
	kb_attribute_value(at, &v);
	return kb_value_same(&v, &c->value);
}

static void describe(kb_buf *b, const kb_claim *c)
{
	kb_buf_printf(b, "%s = ", c->attribute);
	kb_value_format(b, &c->value);
	kb_buf_printf(b, " (\"%s\")", c->quote);
	for (size_t i = 0; i < c->scope.n; i++)
		kb_buf_printf(b, "%s%s=%s", i ? "," : " [", c->scope.kv[i].key, c->scope.kv[i].value);
	if (c->scope.n)
		kb_buf_puts(b, "]");
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
			    expected_matches(a, at, rt->expects[e], c))
				found = used[i] = true;
		}
		if (!found)
			kb_buf_printf(&diff, "    - expected %s = %s\n", rt->attrs[e], rt->expects[e]);
	}
	for (size_t i = 0; i < mine.len; i++) {
		if (used[i])
			continue;
		kb_buf_puts(&diff, "    + got ");
		describe(&diff, mine.items[i]);
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

int kb_cmd_rules(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? KB_EXIT_ERROR : KB_EXIT_OK;
	}
	bool is_list = !strcmp(argv[1], "list"), is_test = !strcmp(argv[1], "test");
	if (!is_list && !is_test) {
		fprintf(stderr, "kbcheck: unknown rules command '%s'\n%s", argv[1], usage);
		return KB_EXIT_ERROR;
	}
	int first = 2;
	bool patterns = is_list && argc > 2 && !strcmp(argv[2], "--patterns");
	if (patterns)
		first = 3;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_rules *r = kb_rules_new(a);
	if (argc > first)
		for (int i = first; i < argc; i++)
			kb_rules_load(r, d, argv[i]);
	else
		kb_rules_load(r, d, kb_rules_default_dir(a, argv[0]));
	int st = patterns ? list_patterns(r) : is_list ? list(r) : test(r, a, d);
	kb_diags_print(d, stderr, KB_DIAG_NOTE, kb_use_color(stderr, "auto"));
	if (kb_diags_have(d, KB_DIAG_ERROR))
		st = KB_EXIT_ERROR;
	kb_rules_free(r);
	kb_arena_free(a);
	return st;
}
