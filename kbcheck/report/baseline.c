/* baseline.c - reading a previous JSON report's fingerprints. */
#include "baseline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/files.h"
#include "../base/yaml.h"
#include "../compare/compare.h" /* KB_FINGERPRINT_RECIPE */
#include "report.h" /* KB_JSON_SCHEMA */

struct kb_baseline {
	const char **fingerprints; /* sorted, unique */
	size_t n;
	long recipe; /* "fingerprint_recipe", 1 when absent */
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_fingerprint(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 16;
}

static bool read_all(kb_diags *d, const char *path, kb_buf *b)
{
	bool ok = kb_read_file(path, b, SIZE_MAX);
	if (!ok)
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot read the baseline: %s",
			strerror(errno));
	else if (b->len == 0)
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0,
			"the baseline is empty; write one with 'kbcheck baseline create -o %s'", path);
	return ok && b->len > 0;
}

/* Checks the report's shape and collects its fingerprints. */
static kb_baseline *read_report(kb_arena *a, kb_yaml *y)
{
	kb_node *root = kb_yaml_root(y);
	kb_node *schema = kb_yaml_is_map(root) ? kb_yaml_get(root, "schema") : NULL;
	const char *sv = kb_yaml_str(a, schema);
	if (!sv) {
		kb_yaml_diag(y, root, KB_DIAG_ERROR,
			     "not a kbcheck JSON report (no \"schema\"); write one with 'kbcheck "
			     "baseline create' or 'kbcheck check --format json'");
		return NULL;
	}
	if (strcmp(sv, "1") != 0) {
		kb_yaml_diag(y, schema, KB_DIAG_ERROR,
			     "report schema %s: this kbcheck reads schema %d", sv, KB_JSON_SCHEMA);
		return NULL;
	}
	kb_node *list = kb_yaml_get(root, "findings");
	if (!kb_yaml_is_seq(list)) {
		kb_yaml_diag(y, list ? list : root, KB_DIAG_ERROR,
			     "\"findings\" must be a list of findings");
		return NULL;
	}
	size_t cap = (size_t)kb_yaml_seq_count(list);
	kb_baseline *b = KB_NEW(a, kb_baseline);
	b->recipe = 1;
	kb_node *recipe = kb_yaml_get(root, "fingerprint_recipe");
	const char *rv = kb_yaml_str(a, recipe);
	if (recipe) {
		char *end;
		b->recipe = rv ? strtol(rv, &end, 10) : 0;
		if (!rv || *end || end == rv || b->recipe < 1 || b->recipe > KB_FINGERPRINT_RECIPE) {
			kb_yaml_diag(y, recipe, KB_DIAG_ERROR,
				     "fingerprint recipe %s: this kbcheck reads recipes 1 to %d",
				     rv ? rv : "(not a number)", KB_FINGERPRINT_RECIPE);
			return NULL;
		}
	}
	b->fingerprints = KB_NEWN(a, const char *, cap + 1);
	bool ok = true;
	void *it = NULL;
	kb_node *e;
	while ((e = kb_yaml_seq_next(list, &it)) != NULL) {
		kb_node *fp = kb_yaml_is_map(e) ? kb_yaml_get(e, "fingerprint") : NULL;
		const char *s = kb_yaml_str(a, fp);
		if (!s || !is_fingerprint(s)) {
			kb_yaml_diag(y, fp ? fp : e, KB_DIAG_ERROR,
				     "a finding needs a \"fingerprint\" of 16 hex digits");
			ok = false;
			continue;
		}
		b->fingerprints[b->n++] = s;
	}
	if (!ok)
		return NULL;
	qsort(b->fingerprints, b->n, sizeof *b->fingerprints, cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < b->n; i++)
		if (k == 0 || strcmp(b->fingerprints[k - 1], b->fingerprints[i]) != 0)
			b->fingerprints[k++] = b->fingerprints[i];
	b->n = k;
	return b;
}

kb_baseline *kb_baseline_load(kb_arena *a, kb_diags *d, const char *path)
{
	kb_buf data = KB_BUF_INIT;
	kb_baseline *b = NULL;
	kb_yaml y;
	if (read_all(d, path, &data) && kb_yaml_parse(&y, d, path, data.ptr, data.len, true)) {
		b = read_report(a, &y);
		kb_yaml_close(&y);
	}
	kb_buf_free(&data);
	return b;
}

bool kb_baseline_has(const kb_baseline *b, const char *fingerprint)
{
	return b && bsearch(&fingerprint, b->fingerprints, b->n, sizeof *b->fingerprints,
			    cmp_str) != NULL;
}

bool kb_baseline_has_finding(const kb_baseline *b, const kb_finding *f, bool *by_prev)
{
	*by_prev = false;
	if (kb_baseline_has(b, f->fingerprint))
		return true;
	*by_prev = b && b->recipe < KB_FINGERPRINT_RECIPE && f->fingerprint_prev &&
		   kb_baseline_has(b, f->fingerprint_prev);
	return *by_prev;
}

size_t kb_baseline_size(const kb_baseline *b) { return b ? b->n : 0; }
