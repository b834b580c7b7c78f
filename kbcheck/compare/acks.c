/* acks.c - the acknowledgements file. */
#include "acks.h"

#include <errno.h>
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/buf.h"
#include "../base/jsonw.h"
#include "../base/yaml.h"

void kb_acks_load(kb_arena *a, kb_diags *d, const char *path, kb_vec *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	kb_buf b = KB_BUF_INIT;
	char tmp[4096];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		kb_buf_put(&b, tmp, n);
	fclose(f);
	kb_yaml y;
	const char *p = kb_strdup(a, path);
	if (kb_yaml_parse(&y, d, p, kb_buf_cstr(&b), b.len, false)) {
		struct fy_node *list = kb_yaml_get(kb_yaml_root(&y), "acks");
		if (list && !kb_yaml_is_seq(list))
			kb_yaml_diag(&y, list, KB_DIAG_ERROR, "'acks' must be a list");
		void *it = NULL;
		struct fy_node *e;
		while (kb_yaml_is_seq(list) && (e = fy_node_sequence_iterate(list, &it)) != NULL) {
			kb_ack *k = KB_NEW(a, kb_ack);
			k->fingerprint = kb_yaml_str(a, kb_yaml_get(e, "fingerprint"));
			k->reason = kb_yaml_str(a, kb_yaml_get(e, "reason"));
			k->by = kb_yaml_str(a, kb_yaml_get(e, "by"));
			k->date = kb_yaml_str(a, kb_yaml_get(e, "date"));
			k->expires = kb_yaml_str(a, kb_yaml_get(e, "expires"));
			k->finding = kb_yaml_str(a, kb_yaml_get(e, "finding"));
			k->file = p;
			int col;
			kb_yaml_pos(e, &k->line, &col);
			if (!k->fingerprint || !k->reason) {
				kb_yaml_diag(&y, e, KB_DIAG_ERROR,
					     "an acknowledgement needs 'fingerprint' and 'reason'");
				continue;
			}
			kb_vec_push(a, out, k);
		}
		kb_yaml_close(&y);
	}
	kb_buf_free(&b);
}

static bool make_parent(const char *path)
{
	char *dir = strdup(path);
	char *slash = strrchr(dir, '/');
	bool ok = true;
	if (slash) {
		*slash = '\0';
		if (mkdir(dir, 0777) != 0 && errno != EEXIST)
			ok = false;
	}
	free(dir);
	return ok;
}

bool kb_acks_append(kb_diags *d, const char *path, const kb_ack *ack)
{
	struct stat st;
	bool fresh = stat(path, &st) != 0 || st.st_size == 0;
	if (fresh && !make_parent(path)) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot create its folder: %s", strerror(errno));
		return false;
	}
	FILE *f = fopen(path, "a");
	if (!f) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
		return false;
	}
	if (fresh)
		fputs("# Acknowledged kbcheck findings: intended differences, reviewed like code.\n"
		      "# Each entry: fingerprint, reason, by, date, optional expires (YYYY-MM-DD).\n"
		      "kbcheck: acks/1\nacks:\n",
		      f);
	fputs("  - ", f);
	/* One JSON object per entry: valid YAML, escaped by libfyaml. */
	kb_jsonw *w = kb_jsonw_new(f, false);
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "fingerprint", ack->fingerprint);
	kb_jsonw_kstr(w, "reason", ack->reason);
	if (ack->by)
		kb_jsonw_kstr(w, "by", ack->by);
	if (ack->date)
		kb_jsonw_kstr(w, "date", ack->date);
	if (ack->expires)
		kb_jsonw_kstr(w, "expires", ack->expires);
	if (ack->finding)
		kb_jsonw_kstr(w, "finding", ack->finding);
	kb_jsonw_end(w);
	kb_jsonw_free(w);
	bool ok = fclose(f) == 0;
	if (!ok)
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "error writing the acknowledgement");
	return ok;
}

void kb_acks_apply(kb_arena *a, kb_diags *d, const kb_vec *acks, const char *today,
		   kb_vec *findings, kb_vec *acked)
{
	bool *used = KB_NEWN(a, bool, acks->len + 1);
	size_t k = 0;
	for (size_t i = 0; i < findings->len; i++) {
		kb_finding *f = findings->items[i];
		const kb_ack *hit = NULL;
		size_t hi = 0;
		for (size_t j = 0; j < acks->len && !hit; j++) {
			const kb_ack *ak = acks->items[j];
			if (!strcmp(ak->fingerprint, f->fingerprint)) {
				hit = ak;
				hi = j;
			}
		}
		if (hit) {
			used[hi] = true;
			if (!hit->expires || strcmp(today, hit->expires) <= 0) {
				f->ack_reason = hit->reason;
				f->ack_by = hit->by;
				kb_vec_push(a, acked, f);
				continue;
			}
			kb_diag(d, KB_DIAG_NOTE, hit->file, hit->line, 0,
				"acknowledgement of %s expired on %s: the finding is reported again",
				f->fingerprint, hit->expires);
		}
		findings->items[k++] = f;
	}
	findings->len = k;
	for (size_t j = 0; j < acks->len; j++) {
		const kb_ack *ak = acks->items[j];
		if (!used[j])
			kb_diag(d, KB_DIAG_WARNING, ak->file, ak->line, 0,
				"stale acknowledgement: no finding has fingerprint %s any more%s%s%s",
				ak->fingerprint, ak->finding ? " (" : "", ak->finding ? ak->finding : "",
				ak->finding ? ")" : "");
	}
}
