/* labels.c - labels.yml, what a reader found in a real KB; see labels.h. */
#include "labels.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/files.h"
#include "../base/vec.h"
#include "../base/yaml.h"

enum { LABELS_MAX = 16 << 20 };

/* "path:12" or "path:12-14" into s; false when it is neither. */
static bool parse_at(kb_arena *a, const char *at, kb_label_side *s)
{
	const char *colon = at ? strrchr(at, ':') : NULL;
	if (!colon || colon == at)
		return false;
	char *end;
	long first = strtol(colon + 1, &end, 10), last = first;
	if (end == colon + 1 || first < 1)
		return false;
	if (*end == '-') {
		const char *p = end + 1;
		last = strtol(p, &end, 10);
		if (end == p || last < first)
			return false;
	}
	if (*end)
		return false;
	s->path = kb_strndup(a, at, (size_t)(colon - at));
	s->first = (int)first;
	s->last = (int)last;
	return true;
}

/* One {at, quote} mapping (or a bare "path:line" scalar). */
static bool read_side(kb_arena *a, kb_yaml *y, kb_node *n, kb_label_side *s)
{
	kb_node *at = kb_yaml_is_map(n) ? kb_yaml_get(n, "at") : n;
	if (!parse_at(a, kb_yaml_str(a, at), s)) {
		kb_yaml_diag(y, at ? at : n, KB_DIAG_ERROR,
			     "a statement is {at: path:LINE or path:FIRST-LAST, quote: ...}");
		return false;
	}
	s->quote = kb_yaml_is_map(n) ? kb_yaml_str(a, kb_yaml_get(n, "quote")) : NULL;
	return true;
}

static bool read_entry(kb_arena *a, kb_yaml *y, kb_node *e, kb_label_type type,
		       kb_label *l)
{
	l->type = type;
	l->id = kb_yaml_str(a, kb_yaml_get(e, "id"));
	l->topic = kb_yaml_str(a, kb_yaml_get(e, "topic"));
	l->kind = kb_yaml_str(a, kb_yaml_get(e, "kind"));
	l->why = kb_yaml_str(a, kb_yaml_get(e, "why"));
	int col;
	kb_yaml_pos(e, &l->line, &col);
	if (!l->id) {
		kb_yaml_diag(y, e, KB_DIAG_ERROR, "every label needs an 'id'");
		return false;
	}
	if (type == KB_LABEL_INJECTION) {
		l->sides = KB_NEWN(a, kb_label_side, 2);
		l->nsides = 2;
		l->from = kb_yaml_str(a, kb_yaml_get(e, "from"));
		l->to = kb_yaml_str(a, kb_yaml_get(e, "to"));
		if (!read_side(a, y, kb_yaml_get(e, "at"), &l->sides[0]) ||
		    !read_side(a, y, kb_yaml_get(e, "partner"), &l->sides[1]))
			return false;
		if (!l->from || !*l->from || !l->to || l->sides[0].first != l->sides[0].last) {
			kb_yaml_diag(y, e, KB_DIAG_ERROR,
				     "injection %s needs 'at: path:LINE' (one line), 'from', 'to' "
				     "and 'partner'",
				     l->id);
			return false;
		}
		return true;
	}
	kb_node *sides = kb_yaml_get(e, "sides");
	size_t n = kb_yaml_is_seq(sides) ? (size_t)kb_yaml_seq_count(sides) : 0;
	size_t need = type == KB_LABEL_CONTRADICTION ? 2 : 1;
	if (n < need) {
		kb_yaml_diag(y, e, KB_DIAG_ERROR, "label %s needs 'sides' (at least %zu statements)",
			     l->id, need);
		return false;
	}
	l->sides = KB_NEWN(a, kb_label_side, n);
	void *it = NULL;
	kb_node *sn;
	while ((sn = kb_yaml_seq_next(sides, &it)) != NULL)
		if (!read_side(a, y, sn, &l->sides[l->nsides++]))
			return false;
	return true;
}

bool kb_labels_load(kb_arena *a, kb_diags *d, const char *path, kb_labels *out)
{
	*out = (kb_labels){.path = path};
	kb_buf b = KB_BUF_INIT;
	if (!kb_read_path(path, &b, LABELS_MAX)) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot read the labels: %s", strerror(errno));
		kb_buf_free(&b);
		return false;
	}
	kb_yaml y;
	/* The document points into b: b lives as long as it. */
	bool ok = kb_yaml_parse(&y, d, path, kb_buf_cstr(&b), b.len, false);
	if (!ok) {
		kb_buf_free(&b);
		return false;
	}
	kb_node *root = kb_yaml_root(&y);
	const char *marker = kb_yaml_is_map(root) ? kb_yaml_str(a, kb_yaml_get(root, "kbcheck")) : NULL;
	if (!marker || strcmp(marker, "labels/1") != 0) {
		kb_yaml_diag(&y, root, KB_DIAG_ERROR, "not a labels file: expected 'kbcheck: labels/1'");
		kb_yaml_close(&y);
		kb_buf_free(&b);
		return false;
	}
	out->read = kb_yaml_str(a, kb_yaml_get(root, "read"));
	static const char *const keys[] = {"contradictions", "negatives", "injections"};
	static const kb_label_type types[] = {KB_LABEL_CONTRADICTION, KB_LABEL_NEGATIVE,
					      KB_LABEL_INJECTION};
	size_t cap = 0;
	for (int k = 0; k < 3; k++) {
		kb_node *list = kb_yaml_get(root, keys[k]);
		cap += kb_yaml_is_seq(list) ? (size_t)kb_yaml_seq_count(list) : 0;
	}
	out->items = KB_NEWN(a, kb_label, cap ? cap : 1);
	for (int k = 0; k < 3; k++) {
		kb_node *list = kb_yaml_get(root, keys[k]);
		if (list && !kb_yaml_is_seq(list)) {
			kb_yaml_diag(&y, list, KB_DIAG_ERROR, "'%s' must be a list", keys[k]);
			ok = false;
			continue;
		}
		void *it = NULL;
		kb_node *e;
		while (list && (e = kb_yaml_seq_next(list, &it)) != NULL) {
			kb_label *l = &out->items[out->n];
			*l = (kb_label){0};
			if (read_entry(a, &y, e, types[k], l))
				out->n++;
			else
				ok = false;
		}
	}
	kb_yaml_close(&y);
	kb_buf_free(&b);
	return ok;
}

size_t kb_labels_count(const kb_labels *l, kb_label_type type)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += l->items[i].type == type;
	return n;
}
