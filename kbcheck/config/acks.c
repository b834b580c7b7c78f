/* acks.c - the acknowledgements file. */
#include "acks.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/files.h"
#include "../base/jsonw.h"
#include "../base/yaml.h"

/* The KB's .kbcheck folder, reached without following a symbolic link; -1
 * otherwise, with "<what>: why" on d unless there is none to read. */
static int acks_dir(kb_diags *d, const char *what, const char *root, const char *path,
		    bool create)
{
	int dir = kb_dir_beneath(root, ".kbcheck", create);
	if (dir < 0 && (errno != ENOENT || create))
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "%s: the folder .kbcheck is %s", what,
			errno == ELOOP || errno == ENOTDIR
			    ? "a symbolic link or not a folder, and kbcheck never follows "
			      "one out of the knowledge base"
			    : strerror(errno));
	return dir;
}

/* acks.yml's bytes into b: 1, or 0 when there is none, or -1 (with
 * "<what>: why" on d) when it cannot be read as a regular file in the
 * folder. */
static int read_acks(kb_diags *d, const char *what, int dir, const char *path, kb_buf *b)
{
	int fd = kb_open_regular(dir, "acks.yml");
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "%s: %s", what,
			errno == ELOOP    ? "it is a symbolic link, which kbcheck never follows here"
			: errno == EINVAL ? "not a regular file"
					  : strerror(errno));
		return -1;
	}
	bool ok = kb_read_all(fd, b, KB_ACKS_MAX);
	int e = errno;
	close(fd);
	if (!ok) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "%s: %s", what,
			e == EFBIG ? "larger than 16 MiB" : strerror(e));
		return -1;
	}
	return 1;
}

const char *kb_acks_path(kb_arena *a, const char *root)
{
	return strcmp(root, ".") ? kb_sprintf(a, "%s/.kbcheck/acks.yml", root) : ".kbcheck/acks.yml";
}

bool kb_ack_date_ok(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	for (size_t i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return false;
	if (s[sizeof shape - 1])
		return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* e's `expires` into k: true when there is none or it is a date; an error
 * at it otherwise (the ack is then not used). */
static bool ack_expires(kb_arena *a, kb_yaml *y, kb_node *e, kb_ack *k)
{
	kb_node *n = kb_yaml_get(e, "expires");
	if (!n)
		return true;
	k->expires = kb_yaml_str(a, n);
	if (k->expires && kb_ack_date_ok(k->expires))
		return true;
	/* The value is not quoted: it is the KB's text, it may hold anything.
	 * An empty value has no place of its own: its key's is shown. */
	int line, col;
	kb_yaml_pos(n, &line, &col);
	if (!line)
		n = kb_yaml_get_key(e, "expires");
	kb_yaml_diag(y, n, KB_DIAG_ERROR,
		     "'expires' is not a date written YYYY-MM-DD (a day of the calendar, years "
		     "1970 to 9999): this acknowledgement does not apply");
	return false;
}

/* The acknowledgements of document y (its path p) appended to out; false
 * when y is not an acks/1 mapping or its list is not a list. */
static bool parse_acks(kb_arena *a, kb_yaml *y, const char *p, kb_vec *out)
{
	kb_node *root = kb_yaml_root(y);
	if (!root)
		return true; /* an empty file */
	if (!kb_yaml_is_map(root)) {
		kb_yaml_diag(y, root, KB_DIAG_ERROR,
			     "not an acknowledgements file: expected a mapping with 'kbcheck: acks/1'");
		return false;
	}
	const char *marker = kb_yaml_str(a, kb_yaml_get(root, "kbcheck"));
	if (marker && strcmp(marker, "acks/1") != 0) {
		kb_yaml_diag(y, kb_yaml_get(root, "kbcheck"), KB_DIAG_ERROR,
			     "not an acknowledgements file of this kbcheck: 'kbcheck: %s' "
			     "(expected acks/1)", marker);
		return false;
	}
	kb_node *list = kb_yaml_get(root, "acks");
	if (list && !kb_yaml_is_seq(list)) {
		kb_yaml_diag(y, list, KB_DIAG_ERROR, "'acks' must be a list");
		return false;
	}
	void *it = NULL;
	kb_node *e;
	while (kb_yaml_is_seq(list) && (e = kb_yaml_seq_next(list, &it)) != NULL) {
		kb_ack *k = KB_NEW(a, kb_ack);
		k->fingerprint = kb_yaml_str(a, kb_yaml_get(e, "fingerprint"));
		k->reason = kb_yaml_str(a, kb_yaml_get(e, "reason"));
		k->by = kb_yaml_str(a, kb_yaml_get(e, "by"));
		k->date = kb_yaml_str(a, kb_yaml_get(e, "date"));
		k->finding = kb_yaml_str(a, kb_yaml_get(e, "finding"));
		k->file = p;
		int col;
		kb_yaml_pos(e, &k->line, &col);
		if (!k->fingerprint || !k->reason) {
			kb_yaml_diag(y, e, KB_DIAG_ERROR,
				     "an acknowledgement needs 'fingerprint' and 'reason'");
			continue;
		}
		if (!ack_expires(a, y, e, k))
			continue;
		kb_vec_push(a, out, k);
	}
	return true;
}

void kb_acks_load(kb_arena *a, kb_diags *d, const char *root, kb_vec *out)
{
	const char *p = kb_acks_path(a, root);
	static const char what[] = "acknowledgements not read";
	int dir = acks_dir(d, what, root, p, false);
	if (dir < 0)
		return;
	kb_buf b = KB_BUF_INIT;
	if (read_acks(d, what, dir, p, &b) > 0) {
		kb_yaml y;
		if (kb_yaml_parse(&y, d, p, kb_buf_cstr(&b), b.len, false)) {
			parse_acks(a, &y, p, out);
			kb_yaml_close(&y);
		}
	}
	kb_buf_free(&b);
	close(dir);
}

/* The acknowledgements in text, or -1 when it is not an acks/1 file (the
 * reasons on d). */
static long count_acks(kb_arena *a, kb_diags *d, const char *path, const char *text,
		       size_t len)
{
	kb_yaml y;
	if (!kb_yaml_parse(&y, d, path, text, len, false))
		return -1;
	kb_vec v = {0};
	bool ok = parse_acks(a, &y, path, &v);
	kb_yaml_close(&y);
	return ok ? (long)v.len : -1;
}

/* ---- rewriting the file ----------------------------------------------------
 *
 * The new entry is added through the YAML tree: every document of the file
 * is loaded (aliases left as they are), the entry is appended to the first
 * one's `acks` list, and that tree, emitted on one line, is what the new
 * file must read as.  libfyaml 0.7 drops comments when it emits, so the
 * entry is first placed into the file's own text where the tree says its
 * list ends (after the last entry of a block list, with its indentation;
 * before the `]` of a flow list, as in JSON): comments and layout stay.
 * When that text does not read as the tree (an unusual layout), the tree
 * itself is written, comments lost; when nothing does, nothing is. */

/* Bytes [*start, *end) of the scalar that starts (last: ends) node n in
 * the text; false when there is none (an empty collection). */
static bool edge_span(kb_node *n, bool last, int depth, size_t *start, size_t *end)
{
	if (!n || depth > 64)
		return false;
	if (kb_yaml_is_scalar(n))
		return kb_yaml_span(n, start, end);
	if (kb_yaml_is_seq(n))
		return edge_span(kb_yaml_seq_at(n, last ? kb_yaml_seq_count(n) - 1 : 0), last,
				 depth + 1, start, end);
	kb_pair *p = kb_yaml_map_at(n, last ? kb_yaml_map_count(n) - 1 : 0);
	if (p && last && edge_span(kb_yaml_value(p), last, depth + 1, start, end))
		return true;
	return p && edge_span(kb_yaml_key(p), last, depth + 1, start, end);
}

/* text with entry placed where the unchanged tree's list `acks` ends, into
 * out; false when the layout gives no such place. */
static bool splice(kb_buf *out, const char *text, size_t len, kb_node *root,
		   const char *entry)
{
	kb_node *list = kb_yaml_get(root, "acks");
	size_t at, i;
	kb_buf_clear(out);
	size_t ls, le, fs, fe;
	if (!list) { /* no list yet: one at the end of a block mapping */
		if (!kb_yaml_is_map(root) || kb_yaml_style(root) == 'f')
			return false;
		kb_buf_put(out, text, len);
		if (len && text[len - 1] != '\n')
			kb_buf_putc(out, '\n');
		kb_buf_printf(out, "acks:\n  - %s\n", entry);
		return true;
	}
	int count = kb_yaml_seq_count(list);
	bool last = count > 0 && edge_span(list, true, 0, &ls, &le);
	if (kb_yaml_style(list) == 'f') {
		/* Before the list's `]`: the first one after its last entry,
		 * or after the `[` that follows the key `acks`. */
		if (last)
			fe = le;
		else if (!edge_span(kb_yaml_get_key(root, "acks"), false, 0, &fs, &fe))
			return false;
		for (at = fe; at < len && text[at] != (last ? ']' : '['); at++)
			;
		if (at == len)
			return false;
		at += !last;
		kb_buf_put(out, text, at);
		kb_buf_printf(out, "%s%s", last ? ", " : "", entry);
	} else {
		/* A new line after the last entry's, indented as the first
		 * entry's dash. */
		if (!last || !edge_span(list, false, 0, &fs, &fe))
			return false;
		while (fs && text[fs - 1] != '\n')
			fs--;
		for (i = fs; text[i] == ' '; i++)
			;
		if (text[i] != '-')
			return false;
		/* (a block scalar's token ends at the start of a line) */
		for (at = le; at && text[at - 1] != '\n' && at < len && text[at] != '\n';)
			at++;
		at += at < len && text[at] == '\n';
		kb_buf_put(out, text, at);
		if (!at || text[at - 1] != '\n')
			kb_buf_putc(out, '\n');
		kb_buf_printf(out, "%.*s- %s\n", (int)(i - fs), text + fs, entry);
	}
	kb_buf_put(out, text + at, len - at);
	return true;
}

/* Whether text is an acks/1 file that reads as the documents `want`
 * (emitted on one line) do. */
static bool reads_as(kb_arena *a, const char *path, const char *text, size_t len,
		     const char *want)
{
	if (count_acks(a, kb_diags_new(a), path, text, len) < 0)
		return false;
	kb_yaml_stream *s = kb_yaml_stream_load(text, len);
	if (!s)
		return false;
	char *got = kb_yaml_stream_emit(s, KB_YAML_ONELINE);
	bool same = got && !strcmp(got, want);
	free(got);
	kb_yaml_stream_free(s);
	return same;
}

/* The new file into out: text (an acks/1 file, or empty) with entry added
 * as its last acknowledgement.  False when no text kbcheck can make reads
 * so. */
static bool add_entry(kb_arena *a, const char *path, const char *text, size_t len,
		      const char *entry, kb_buf *out)
{
	kb_yaml_stream *s = kb_yaml_stream_load(text, len);
	kb_node *root = kb_yaml_stream_root(s);
	if (!root) { /* no file, an empty one, or only comments */
		kb_yaml_stream_free(s);
		kb_buf_put(out, text, len);
		if (len && text[len - 1] != '\n')
			kb_buf_putc(out, '\n');
		if (!len)
			kb_buf_puts(out, "# Acknowledged kbcheck findings: intended differences, "
					 "reviewed like code.\n# Each entry: fingerprint, reason, by, "
					 "date, optional expires (YYYY-MM-DD).\n");
		kb_buf_printf(out, "kbcheck: acks/1\nacks:\n  - %s\n", entry);
		return count_acks(a, kb_diags_new(a), path, out->ptr, out->len) == 1;
	}
	bool ok = false;
	char *want = NULL, *whole = NULL;
	/* A spliced text first, as it keeps comments; it is checked against
	 * the tree, so the tree is changed after it is made. */
	bool spliced = root && splice(out, text, len, root, entry);
	if (!kb_yaml_stream_append(s, root, "acks", entry))
		goto done;
	want = kb_yaml_stream_emit(s, KB_YAML_ONELINE);
	ok = want != NULL;
	if (ok && spliced && reads_as(a, path, out->ptr, out->len, want))
		goto done;
	/* The tree, in the file's own form: JSON stays JSON. */
	whole = ok ? kb_yaml_stream_emit(s, kb_yaml_style(root) == 'f' ? KB_YAML_JSON
									 : KB_YAML_BLOCK)
		   : NULL;
	kb_buf_clear(out);
	ok = whole && reads_as(a, path, whole, strlen(whole), want);
	if (ok)
		kb_buf_puts(out, whole);
done:
	free(want);
	free(whole);
	kb_yaml_stream_free(s);
	return ok;
}

/* ack as one JSON object on one line: valid YAML, every text escaped. */
static char *entry_text(const kb_ack *ack)
{
	char *entry = NULL;
	size_t entry_len = 0;
	FILE *m = open_memstream(&entry, &entry_len);
	if (!m)
		abort();
	kb_jsonw *w = kb_jsonw_new(m, false);
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
	fclose(m);
	while (entry_len && entry[entry_len - 1] == '\n')
		entry[--entry_len] = '\0';
	return entry;
}

bool kb_acks_append(kb_arena *a, kb_diags *d, const char *root, const kb_ack *ack)
{
	const char *path = kb_acks_path(a, root);
	static const char what[] = "not changed";
	int dir = acks_dir(d, what, root, path, true);
	if (dir < 0)
		return false;
	kb_buf text = KB_BUF_INIT, out = KB_BUF_INIT;
	bool ok = false;
	char *entry = entry_text(ack);
	/* What is wrong with the file itself was said when the run read it. */
	int had = read_acks(d, what, dir, path, &text);
	if (had < 0)
		goto out;
	if (had > 0 && count_acks(a, kb_diags_new(a), path, text.ptr, text.len) < 0) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0,
			"not changed: kbcheck adds acknowledgements only to its own acks/1 file");
		goto out;
	}
	if (!add_entry(a, path, text.ptr ? text.ptr : "", text.len, entry, &out)) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0,
			"not changed: kbcheck could not write this file with the new entry as its "
			"last acknowledgement; add it to the 'acks' list by hand: %s",
			entry);
		goto out;
	}
	kb_wfile *wf = kb_wfile_at(dir, "acks.yml");
	if (wf) {
		fwrite(out.ptr, 1, out.len, kb_wfile_stream(wf));
		ok = kb_wfile_commit(wf);
	}
	if (!ok)
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
out:
	free(entry);
	kb_buf_free(&text);
	kb_buf_free(&out);
	close(dir);
	return ok;
}
