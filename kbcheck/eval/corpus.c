/* corpus.c - a corpus folder's split.yml and ratchet.yml, a planted KB's
 * expected-findings.yml (corpus.h). */
#include "corpus.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/files.h"
#include "../base/yaml.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *kb_corpus_lines(kb_arena *a, const char **items, size_t n)
{
	qsort(items, n, sizeof *items, cmp_str);
	kb_buf b = KB_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		kb_buf_printf(&b, "%s%s", i ? " " : "", items[i]);
	const char *s = kb_strndup(a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	return s;
}

size_t kb_expected_load(kb_arena *a, kb_diags *d, const char *path, kb_expected **out)
{
	kb_buf b = KB_BUF_INIT;
	if (!kb_read_file(path, &b, KB_CORPUS_FILE_MAX)) {
		kb_buf_free(&b);
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot read the expected findings");
		return 0;
	}
	kb_yaml y;
	size_t k = 0;
	if (kb_yaml_parse(&y, d, path, kb_buf_cstr(&b), b.len, false)) {
		kb_node *list = kb_yaml_get(kb_yaml_root(&y), "findings");
		size_t cap = kb_yaml_is_seq(list) ? (size_t)kb_yaml_seq_count(list) : 0;
		*out = KB_NEWN(a, kb_expected, cap + 1);
		void *it = NULL;
		kb_node *e;
		while (cap && (e = kb_yaml_seq_next(list, &it)) != NULL) {
			kb_expected *x = &(*out)[k];
			x->topic = kb_yaml_str(a, kb_yaml_get(e, "topic"));
			x->attribute = kb_yaml_str(a, kb_yaml_get(e, "attribute"));
			x->severity = kb_yaml_str(a, kb_yaml_get(e, "severity"));
			int col;
			kb_yaml_pos(e, &x->line, &col);
			kb_node *dev = kb_yaml_get(e, "deviating");
			size_t m = kb_yaml_is_seq(dev) ? (size_t)kb_yaml_seq_count(dev) : 0;
			const char **items = KB_NEWN(a, const char *, m + 1);
			void *it2 = NULL;
			kb_node *c;
			size_t j = 0;
			while (m && (c = kb_yaml_seq_next(dev, &it2)) != NULL)
				if ((items[j] = kb_yaml_str(a, c)))
					j++;
			x->lines = kb_corpus_lines(a, items, j);
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

/* A list of names under key in map n (split.yml). */
static size_t names(kb_arena *a, kb_node *n, const char *const **out)
{
	size_t k = kb_yaml_is_seq(n) ? (size_t)kb_yaml_seq_count(n) : 0;
	const char **v = KB_NEWN(a, const char *, k + 1);
	size_t m = 0;
	void *it = NULL;
	kb_node *e;
	while (k && (e = kb_yaml_seq_next(n, &it)) != NULL)
		if ((v[m] = kb_yaml_str(a, e)))
			m++;
	*out = v;
	return m;
}

/* The document at path into y (b holds its text): false, with both
 * freed, when the file is missing or unreadable, empty while skip_empty,
 * or no YAML (said on d).  Otherwise close y and free b when done. */
static bool open_doc(kb_diags *d, const char *path, bool skip_empty, kb_buf *b, kb_yaml *y)
{
	if (kb_read_file(path, b, KB_CORPUS_FILE_MAX) && (b->len || !skip_empty) &&
	    kb_yaml_parse(y, d, path, kb_buf_cstr(b), b->len, false))
		return true;
	kb_buf_free(b);
	return false;
}

/* split.yml: halves by name (kbcheck: split/1, then name: [kb...]). */
size_t kb_corpus_split_load(kb_arena *a, kb_diags *d, const char *path, kb_corpus_half *hs,
			    size_t max)
{
	kb_buf b = KB_BUF_INIT;
	kb_yaml y;
	size_t k = 0;
	if (!open_doc(d, path, false, &b, &y))
		return 0;
	kb_node *root = kb_yaml_root(&y);
	void *it = NULL;
	kb_pair *p;
	while (kb_yaml_is_map(root) && k < max && (p = kb_yaml_map_next(root, &it))) {
		const char *key = kb_yaml_str(a, kb_yaml_key(p));
		if (!key || !strcmp(key, "kbcheck"))
			continue;
		hs[k] = (kb_corpus_half){.name = key, .min_precision = -1, .min_recall = -1};
		hs[k].nkbs = names(a, kb_yaml_value(p), &hs[k].kbs);
		k++;
	}
	kb_yaml_close(&y);
	kb_buf_free(&b);
	return k;
}

/* ratchet.yml: per half, the least precision and recall allowed. */
void kb_corpus_ratchet_load(kb_arena *a, kb_diags *d, const char *path, kb_corpus_half *hs,
			    size_t nh)
{
	kb_buf b = KB_BUF_INIT;
	kb_yaml y;
	if (!open_doc(d, path, true, &b, &y))
		return;
	kb_node *root = kb_yaml_root(&y);
	for (size_t i = 0; i < nh; i++) {
		kb_node *m = kb_yaml_get(root, hs[i].name);
		const char *pv = kb_yaml_str(a, kb_yaml_get(m, "precision"));
		const char *rv = kb_yaml_str(a, kb_yaml_get(m, "recall"));
		if (pv)
			hs[i].min_precision = strtod(pv, NULL);
		if (rv)
			hs[i].min_recall = strtod(rv, NULL);
	}
	kb_yaml_close(&y);
	kb_buf_free(&b);
}
