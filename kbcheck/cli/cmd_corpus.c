/* cmd_corpus.c - `kbcheck corpus test DIR...`: check a labelled corpus
 * against its expected-findings.yml and report precision and recall.
 *
 *     kbcheck: expected/1
 *     findings:
 *       - topic: order.cancel
 *         attribute: window
 *         severity: warning
 *         deviating: [help/en/shipping.html:18]   # path:line of each deviating claim
 *
 * A reported finding matches an expected one when topic, attribute and
 * severity are equal and its deviating claims are exactly those lines.
 */
#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/yaml.h"
#include "../pipeline/run.h"
#include "cli.h"
#include "exit.h"

static const char usage[] =
    "usage: kbcheck corpus test DIR...\n"
    "\n"
    "Check each corpus directory (with its kbcheck.yml) and compare the findings\n"
    "with DIR/expected-findings.yml: prints missing and unexpected findings, and\n"
    "precision and recall.  Exit status: 0 exact match, 1 a difference, 2 errors.\n";

typedef struct {
	const char *topic, *attribute, *severity, *lines; /* lines: sorted, joined by ' ' */
	int line;
	bool matched;
} expectation;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *joined(kb_arena *a, const char **items, size_t n)
{
	qsort(items, n, sizeof *items, cmp_str);
	kb_buf b = KB_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		kb_buf_printf(&b, "%s%s", i ? " " : "", items[i]);
	const char *s = kb_strndup(a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	return s;
}

static size_t load_expected(kb_arena *a, kb_diags *d, const char *path,
			    expectation **out)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot read the expected findings");
		return 0;
	}
	kb_buf b = KB_BUF_INIT;
	char tmp[4096];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		kb_buf_put(&b, tmp, n);
	fclose(f);
	kb_yaml y;
	size_t k = 0;
	if (kb_yaml_parse(&y, d, path, kb_buf_cstr(&b), b.len, false)) {
		struct fy_node *list = kb_yaml_get(kb_yaml_root(&y), "findings");
		size_t cap = kb_yaml_is_seq(list) ? (size_t)fy_node_sequence_item_count(list) : 0;
		*out = KB_NEWN(a, expectation, cap + 1);
		void *it = NULL;
		struct fy_node *e;
		while (cap && (e = fy_node_sequence_iterate(list, &it)) != NULL) {
			expectation *x = &(*out)[k];
			x->topic = kb_yaml_str(a, kb_yaml_get(e, "topic"));
			x->attribute = kb_yaml_str(a, kb_yaml_get(e, "attribute"));
			x->severity = kb_yaml_str(a, kb_yaml_get(e, "severity"));
			int col;
			kb_yaml_pos(e, &x->line, &col);
			struct fy_node *dev = kb_yaml_get(e, "deviating");
			size_t m = kb_yaml_is_seq(dev) ? (size_t)fy_node_sequence_item_count(dev) : 0;
			const char **items = KB_NEWN(a, const char *, m + 1);
			void *it2 = NULL;
			struct fy_node *c;
			size_t j = 0;
			while (m && (c = fy_node_sequence_iterate(dev, &it2)) != NULL)
				if ((items[j] = kb_yaml_str(a, c)))
					j++;
			x->lines = joined(a, items, j);
			if (!x->topic || !x->attribute || !x->severity || j == 0) {
				kb_yaml_diag(&y, e, KB_DIAG_ERROR,
					     "an expected finding needs topic, attribute, severity "
					     "and deviating: [path:line, ...]");
				continue;
			}
			k++;
		}
		if (!kb_yaml_is_seq(list) && list)
			kb_yaml_diag(&y, list, KB_DIAG_ERROR, "'findings' must be a list");
		kb_yaml_close(&y);
	}
	kb_buf_free(&b);
	return k;
}

static const char *finding_lines(kb_arena *a, const kb_finding *f, const char *root)
{
	const char **items = KB_NEWN(a, const char *, f->nsides + 1);
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
	return joined(a, items, n);
}

static int test_corpus(const char *dir, const char *argv0, size_t *tp, size_t *nrep,
		       size_t *nexp)
{
	kb_run *r = kb_run_new();
	const char *paths[1] = {dir};
	kb_run_opts o = {.paths = paths, .npaths = 1, .argv0 = argv0};
	kb_run_load(r, &o);
	kb_run_load_rules(r, &o);
	kb_run_extract(r);
	kb_run_compare(r, &o);
	expectation *ex = NULL;
	const char *efile = kb_sprintf(r->arena, "%s/expected-findings.yml", dir);
	size_t ne = load_expected(r->arena, r->diags, efile, &ex);
	size_t matched = 0;
	for (size_t i = 0; i < r->findings.len; i++) {
		const kb_finding *f = r->findings.items[i];
		const char *lines = finding_lines(r->arena, f, dir);
		bool ok = false;
		for (size_t k = 0; k < ne && !ok; k++) {
			expectation *x = &ex[k];
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
	*tp += matched;
	*nrep += r->findings.len;
	*nexp += ne;
	kb_diags_print(r->diags, stderr, KB_DIAG_NOTE, kb_use_color(stderr, "auto"));
	bool errors = kb_diags_have(r->diags, KB_DIAG_ERROR);
	bool exact = matched == ne && matched == r->findings.len;
	kb_run_free(r);
	return kb_exit_status(!exact, errors);
}

int kb_cmd_corpus(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? KB_EXIT_ERROR : KB_EXIT_OK;
	}
	if (strcmp(argv[1], "test") != 0 || argc < 3) {
		fputs(usage, stderr);
		return KB_EXIT_ERROR;
	}
	int worst = KB_EXIT_OK;
	size_t tp = 0, nrep = 0, nexp = 0;
	for (int i = 2; i < argc; i++) {
		char *dir = strdup(argv[i]);
		size_t n = strlen(dir);
		while (n > 1 && dir[n - 1] == '/')
			dir[--n] = '\0';
		int st = test_corpus(dir, argv[0], &tp, &nrep, &nexp);
		free(dir);
		if (st > worst)
			worst = st;
	}
	if (argc > 3)
		printf("all corpora: precision %.3f, recall %.3f\n",
		       nrep ? (double)tp / (double)nrep : 1.0, nexp ? (double)tp / (double)nexp : 1.0);
	return worst;
}
