/* cmd_corpus.c - `kbcheck corpus test DIR...`: how well kbcheck does on
 * labelled knowledge bases, measured on exactly what `kbcheck check` shows
 * (kb_run_check: the cache, the policy and acknowledgements included).
 *
 * Real KBs carry labels.yml (eval/labels.h: what a reader found) and are
 * scored (eval/score.h): precision of the findings shown, recall of the
 * labelled contradictions, natural and injected (each injection is checked
 * on a copy of the KB with its one line changed: eval/inject.h), per
 * channel pair and locale pair, and false findings per KB.  A corpus
 * folder's split.yml names its halves (dev: the KBs rules are written
 * against; holdout: the unseen ones) and ratchet.yml the least precision
 * and recall each half may have: below it the test fails.
 *
 * Planted corpora carry expected-findings.yml (eval/corpus.h, with the
 * split and the ratchet) and must match exactly.  A reported finding matches an expected one when topic, attribute and
 * severity are equal and its deviating claims are exactly those lines.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/buf.h"
#include "../base/files.h"
#include "../base/yaml.h"
#include "../eval/corpus.h"
#include "../eval/inject.h"
#include "../eval/labels.h"
#include "../eval/score.h"
#include "../pipeline/run.h"
#include "../config/root.h"
#include "cli.h"
#include "exit.h"

static const char usage[] =
    "usage: kbcheck corpus test [options] DIR...\n"
    "\n"
    "Check labelled knowledge bases as 'kbcheck check' does and measure the\n"
    "findings.  DIR is a KB or a folder of KBs.  A KB with labels.yml (real\n"
    "content, labelled by a reader) is scored: precision of the findings shown,\n"
    "recall of the labelled contradictions (natural, and injected: each on a copy\n"
    "with one line changed), per channel and locale pair, false findings per KB.\n"
    "A KB with expected-findings.yml (planted) must match exactly.\n"
    "\n"
    "  --split FILE        halves of the corpus (default: DIR/split.yml)\n"
    "  --ratchet FILE      least precision and recall per half (default:\n"
    "                      DIR/ratchet.yml); below them the test fails\n"
    "  --only HALF         score one half only (dev, holdout...)\n"
    "  --no-injections     score the KBs as they are only\n"
    "  --no-cache          parse every file\n"
    "  -v, --verbose       list every false finding and missed contradiction\n"
    "\n"
    "Exit status: 0 as expected, 1 a planted corpus differs or a half fell below\n"
    "its ratchet, 2 errors.\n";

static const char *finding_lines(kb_arena *a, const kb_finding *f, const char *root)
{
	const char **items = KB_NEWN(a, const char *, f->nsides + 1);
	root = kb_path_shown(a, root); /* as the sources' paths are */
	size_t n = 0, rl = strlen(root);
	for (size_t i = 0; i < f->nsides; i++) {
		if (!f->sides[i].deviates)
			continue;
		const kb_claim *c = f->sides[i].claim;
		const char *p = c->unit->source->path;
		if (strncmp(p, root, rl) == 0 && p[rl] == '/')
			p += rl + 1;
		const char *s = kb_sprintf(a, "%s:%d", p, c->loc.line);
		bool dup = false;
		for (size_t j = 0; j < n; j++)
			dup |= !strcmp(items[j], s);
		if (!dup)
			items[n++] = s;
	}
	return kb_corpus_lines(a, items, n);
}

/* ---- planted corpora: expected-findings.yml, exact ---- */

static int test_planted(const char *dir, const char *argv0, bool no_cache)
{
	kb_run *r = kb_run_new();
	const char *paths[1] = {dir};
	kb_run_opts o = {.paths = paths, .npaths = 1, .argv0 = argv0, .no_cache = no_cache};
	kb_run_check(r, &o);
	kb_expected *ex = NULL;
	const char *efile = kb_sprintf(r->arena, "%s/expected-findings.yml", dir);
	size_t ne = kb_expected_load(r->arena, r->diags, efile, &ex);
	size_t matched = 0;
	for (size_t i = 0; i < r->findings.len; i++) {
		const kb_finding *f = r->findings.items[i];
		const char *lines = finding_lines(r->arena, f, dir);
		bool ok = false;
		for (size_t k = 0; k < ne && !ok; k++) {
			kb_expected *x = &ex[k];
			if (!x->matched && !strcmp(x->topic, f->topic) &&
			    !strcmp(x->attribute, f->attribute) &&
			    !strcmp(x->severity, kb_severity_name(f->severity)) &&
			    !strcmp(x->lines, lines))
				ok = x->matched = true;
		}
		if (ok)
			matched++;
		else
			printf("%s: unexpected finding %s %s.%s at %s: %s\n", dir,
			       kb_severity_name(f->severity), f->topic, f->attribute, lines,
			       f->message);
	}
	for (size_t k = 0; k < ne; k++)
		if (!ex[k].matched)
			printf("%s:%d: missing finding %s %s.%s at %s\n", efile, ex[k].line,
			       ex[k].severity, ex[k].topic, ex[k].attribute, ex[k].lines);
	double prec = r->findings.len ? (double)matched / (double)r->findings.len : 1.0;
	double rec = ne ? (double)matched / (double)ne : 1.0;
	printf("%s: %zu expected, %zu reported, %zu matched: precision %.3f, recall %.3f\n",
	       dir, ne, r->findings.len, matched, prec, rec);
	kb_diags_print(r->diags, stderr, KB_DIAG_NOTE, kb_use_color(stderr, "auto"));
	bool errors = kb_diags_have(r->diags, KB_DIAG_ERROR);
	bool exact = matched == ne && matched == r->findings.len;
	kb_run_free(r);
	return kb_exit_status(!exact, errors);
}

/* ---- real corpora: labels.yml, scored ---- */

typedef struct {
	const char *argv0;
	bool no_cache, no_injections, verbose;
	const char *only; /* a half's name, or NULL */
} topts;

/* One half of the corpus (split.yml), or the KBs no half names. */
typedef struct {
	kb_corpus_half s; /* its name, KBs and ratchet */
	kb_eval *eval;
	kb_vec per_kb; /* const char*: "kb N" false findings */
	size_t tested;
} half;

/* The findings a check shows on folder dir, in run r (made here). */
static kb_run *check_dir(const char *dir, const topts *t)
{
	kb_run *r = kb_run_new();
	const char *paths[1] = {dir};
	/* Each labelled KB is a KB of its own, its labels relative to it. */
	kb_run_opts o = {.paths = paths, .npaths = 1, .argv0 = t->argv0, .no_cache = t->no_cache,
			 .root_given = true};
	kb_run_check(r, &o);
	return r;
}

/* Score one labelled KB (its folder kb, its name) into h; false on errors. */
static bool test_labelled(kb_arena *a, kb_diags *d, const char *kb, const char *name,
			  half *h, const topts *t)
{
	kb_labels ls;
	const char *lpath = kb_sprintf(a, "%s/labels.yml", kb);
	if (!kb_labels_load(a, d, lpath, &ls))
		return false;
	bool ok = true;
	kb_eval_counts before = h->eval->total;
	kb_run *r = check_dir(kb, t);
	kb_eval_run run = {.findings = &r->findings, .units = &r->units, .claims = &r->claims,
			   .labels = &ls, .kb = name};
	kb_eval_score(h->eval, &run);
	ok = !kb_diags_have(r->diags, KB_DIAG_ERROR);
	if (!ok)
		kb_diags_print(r->diags, stderr, KB_DIAG_ERROR, false);
	kb_vec keys = {0};
	for (size_t i = 0; i < r->findings.len; i++)
		kb_vec_push(a, &keys, (void *)kb_eval_key(a, r->findings.items[i]));
	kb_run_free(r);
	for (size_t i = 0; i < ls.n && !t->no_injections; i++) {
		const kb_label *l = &ls.items[i];
		if (l->type != KB_LABEL_INJECTION)
			continue;
		const char *copy = kb_inject(a, d, kb, l);
		if (!copy) {
			ok = false;
			continue;
		}
		kb_run *ri = check_dir(copy, t);
		kb_eval_run irun = {.findings = &ri->findings, .units = &ri->units, .claims = &ri->claims,
				    .labels = &ls,
				    .injection = l, .before = &keys, .kb = name};
		kb_eval_score(h->eval, &irun);
		kb_run_free(ri);
		kb_inject_remove(copy);
	}
	kb_eval_counts c = h->eval->total;
	c.shown -= before.shown;
	c.true_shown -= before.true_shown;
	c.natural -= before.natural;
	c.natural_found -= before.natural_found;
	c.injected -= before.injected;
	c.injected_found -= before.injected_found;
	c.negatives -= before.negatives;
	c.negatives_hit -= before.negatives_hit;
	printf("  %-40s %3zu shown, %zu false; found %zu/%zu natural, %zu/%zu injected; "
	       "negatives hit %zu/%zu\n",
	       name, c.shown, c.shown - c.true_shown, c.natural_found, c.natural,
	       c.injected_found, c.injected, c.negatives_hit, c.negatives);
	kb_vec_push(a, &h->per_kb,
		    kb_sprintf(a, "%s %zu", name, c.shown - c.true_shown));
	h->tested++;
	return ok;
}

static void print_counts(const char *label, const kb_eval_counts *c)
{
	printf("%s: precision %.3f (%zu of %zu shown true), recall %.3f (natural %zu/%zu, "
	       "injected %zu/%zu); negatives hit %zu/%zu\n",
	       label, kb_eval_precision(c), c->true_shown, c->shown, kb_eval_recall(c),
	       c->natural_found, c->natural, c->injected_found, c->injected, c->negatives_hit,
	       c->negatives);
}

/* "0.750", or "-" when there is nothing to divide by. */
static const char *ratio(char buf[8], double v, size_t of)
{
	if (!of)
		return "-";
	snprintf(buf, 8, "%.3f", v);
	return buf;
}

static int cmp_pair(const void *x, const void *y)
{
	const kb_eval_pair *a = *(const kb_eval_pair *const *)x, *b = *(const kb_eval_pair *const *)y;
	return strcmp(a->key, b->key);
}

/* The half's figures; false when under its ratchet. */
static bool report_half(half *h, bool verbose)
{
	if (!h->tested)
		return true;
	const kb_eval_counts *c = &h->eval->total;
	print_counts(h->s.name, c);
	if (h->eval->pairs.len > 1)
		qsort(h->eval->pairs.items, h->eval->pairs.len, sizeof *h->eval->pairs.items, cmp_pair);
	char rp[8], rr[8];
	for (size_t i = 0; i < h->eval->pairs.len; i++) {
		const kb_eval_pair *p = h->eval->pairs.items[i];
		size_t labelled = p->c.natural + p->c.injected;
		printf("  %-24s precision %s (%zu/%zu), recall %s (%zu/%zu), negatives hit %zu/%zu\n",
		       p->key, ratio(rp, kb_eval_precision(&p->c), p->c.shown), p->c.true_shown,
		       p->c.shown, ratio(rr, kb_eval_recall(&p->c), labelled),
		       p->c.natural_found + p->c.injected_found, labelled, p->c.negatives_hit,
		       p->c.negatives);
	}
	const kb_eval *e = h->eval;
	if (c->natural + c->injected > c->natural_found + c->injected_found)
		printf("  missed: %zu a statement unread, %zu no claim, %zu weak claims only, "
		       "%zu claimed but not joined\n",
		       e->missed_unread, e->missed_unclaimed, e->missed_weak, e->missed_unjoined);
	printf("  false findings per KB:");
	for (size_t i = 0; i < h->per_kb.len; i++)
		printf(" %s%s", (const char *)h->per_kb.items[i], i + 1 < h->per_kb.len ? "," : "");
	printf("\n");
	if (verbose)
		for (size_t i = 0; i < h->eval->notes.len; i++)
			printf("  - %s\n", (const char *)h->eval->notes.items[i]);
	bool ok = true;
	double p = kb_eval_precision(c), r = kb_eval_recall(c);
	if (h->s.min_precision >= 0 || h->s.min_recall >= 0) {
		bool pok = p + 1e-9 >= h->s.min_precision, rok = r + 1e-9 >= h->s.min_recall;
		printf("ratchet %s: precision %.3f %s %.3f, recall %.3f %s %.3f: %s\n", h->s.name, p,
		       pok ? ">=" : "<", h->s.min_precision, r, rok ? ">=" : "<", h->s.min_recall,
		       pok && rok ? "held" : "FAILED (the figures fell below the last landed ones)");
		ok = pok && rok;
	}
	return ok;
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static int cmp_str_(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The KB folders in dir (those with labels.yml or expected-findings.yml),
 * or dir itself when it is one; sorted. */
static size_t kb_folders(kb_arena *a, const char *dir, const char ***out)
{
	kb_vec v = {0};
	if (exists(kb_sprintf(a, "%s/labels.yml", dir)) ||
	    exists(kb_sprintf(a, "%s/expected-findings.yml", dir))) {
		kb_vec_push(a, &v, (void *)dir);
	} else {
		DIR *dd = opendir(dir);
		struct dirent *e;
		while (dd && (e = readdir(dd)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			const char *sub = kb_sprintf(a, "%s/%s", dir, e->d_name);
			if (exists(kb_sprintf(a, "%s/labels.yml", sub)) ||
			    exists(kb_sprintf(a, "%s/expected-findings.yml", sub)))
				kb_vec_push(a, &v, (void *)sub);
		}
		if (dd)
			closedir(dd);
	}
	if (v.len > 1)
		qsort(v.items, v.len, sizeof *v.items, cmp_str_);
	*out = (const char **)v.items;
	return v.len;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

int kb_cmd_corpus(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? KB_EXIT_ERROR : KB_EXIT_OK;
	}
	if (strcmp(argv[1], "test") != 0) {
		fputs(usage, stderr);
		return KB_EXIT_ERROR;
	}
	topts t = {.argv0 = argv[0]};
	const char *split = NULL, *ratchet = NULL;
	static const struct option longs[] = {
	    {"split", required_argument, NULL, 's'},   {"ratchet", required_argument, NULL, 'r'},
	    {"only", required_argument, NULL, 'o'},    {"no-cache", no_argument, NULL, 'n'},
	    {"no-injections", no_argument, NULL, 'i'}, {"verbose", no_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0}};
	optind = 2;
	int c;
	while ((c = getopt_long(argc, argv, "v", longs, NULL)) != -1) {
		switch (c) {
		case 's': split = optarg; break;
		case 'r': ratchet = optarg; break;
		case 'o': t.only = optarg; break;
		case 'n': t.no_cache = true; break;
		case 'i': t.no_injections = true; break;
		case 'v': t.verbose = true; break;
		default: fputs(usage, stderr); return KB_EXIT_ERROR;
		}
	}
	if (optind >= argc) {
		fputs(usage, stderr);
		return KB_EXIT_ERROR;
	}
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	int worst = KB_EXIT_OK;
	enum { MAX_HALVES = 8 };
	half hs[MAX_HALVES + 1];
	size_t nh = 0;
	for (int i = optind; i < argc; i++) {
		char *dir = kb_strndup(a, argv[i], strlen(argv[i]));
		size_t n = strlen(dir);
		while (n > 1 && dir[n - 1] == '/')
			dir[--n] = '\0';
		/* The split and the ratchet: named, or beside the corpus. */
		if (nh == 0) {
			const char *sp = split ? split : kb_sprintf(a, "%s/split.yml", dir);
			kb_corpus_half sh[MAX_HALVES + 1];
			nh = kb_corpus_split_load(a, d, sp, sh, MAX_HALVES);
			sh[nh++] = (kb_corpus_half){.name = "unsplit", .min_precision = -1,
						    .min_recall = -1};
			kb_corpus_ratchet_load(a, d, ratchet ? ratchet : kb_sprintf(a, "%s/ratchet.yml", dir),
					       sh, nh);
			for (size_t k = 0; k < nh; k++) {
				hs[k] = (half){.s = sh[k]};
				hs[k].eval = KB_NEW(a, kb_eval);
				hs[k].eval->a = a;
			}
		}
		const char **kbs;
		size_t nk = kb_folders(a, dir, &kbs);
		if (nk == 0) {
			fprintf(stderr, "kbcheck: %s: no labelled knowledge base here "
					"(labels.yml or expected-findings.yml)\n", dir);
			worst = KB_EXIT_ERROR;
		}
		/* Planted corpora first, then each half's KBs together. */
		half **of = KB_NEWN(a, half *, nk + 1);
		for (size_t k = 0; k < nk; k++) {
			if (!exists(kb_sprintf(a, "%s/labels.yml", kbs[k]))) {
				int st = test_planted(kbs[k], argv[0], t.no_cache);
				worst = st > worst ? st : worst;
				continue;
			}
			of[k] = &hs[nh - 1];
			for (size_t j = 0; j + 1 < nh && of[k] == &hs[nh - 1]; j++)
				for (size_t m = 0; m < hs[j].s.nkbs; m++)
					if (!strcmp(hs[j].s.kbs[m], base_name(kbs[k])))
						of[k] = &hs[j];
		}
		for (size_t j = 0; j < nh; j++) {
			half *h = &hs[j];
			if (t.only && strcmp(t.only, h->s.name) != 0)
				continue;
			for (size_t k = 0; k < nk; k++) {
				if (of[k] != h)
					continue;
				if (h->tested == 0)
					printf("== %s\n", h->s.name);
				if (!test_labelled(a, d, kbs[k], base_name(kbs[k]), h, &t))
					worst = KB_EXIT_ERROR;
			}
		}
	}
	bool held = true;
	for (size_t k = 0; k < nh; k++)
		held = report_half(&hs[k], t.verbose) && held;
	kb_diags_print(d, stderr, KB_DIAG_NOTE, kb_use_color(stderr, "auto"));
	if (kb_diags_have(d, KB_DIAG_ERROR))
		worst = KB_EXIT_ERROR;
	if (!held && worst < KB_EXIT_FINDINGS)
		worst = KB_EXIT_FINDINGS;
	kb_arena_free(a);
	return worst;
}
