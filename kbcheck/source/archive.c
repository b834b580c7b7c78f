/* archive.c - zip members as sources, through libzip.
 *
 * A zip is untrusted input like any file: member names are checked before
 * they become paths, and sizes are checked twice, against the limits
 * before reading (the sizes the zip declares) and while reading (a member
 * that inflates past its declared size is refused), so a zip bomb costs
 * at most the limits.
 */
#include "archive.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "../base/buf.h"

typedef struct member {
	const char *name; /* cleaned member path */
	zip_uint64_t index, size;
} member;

bool kb_archive_is_zip(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && strcasecmp(path + n - 4, ".zip") == 0;
}

/* The member path with "." and empty segments dropped and '\' taken as
 * '/' (some Windows tools write it).  NULL when the member is not read:
 * *why says why when the user should hear of it (unsafe paths), and is
 * NULL for members passed over quietly (directories, hidden files). */
static const char *clean_name(kb_arena *a, const char *name, const char **why)
{
	*why = NULL;
	size_t n = strlen(name);
	if (n == 0 || name[n - 1] == '/' || name[n - 1] == '\\')
		return NULL; /* a directory */
	if (name[0] == '/' || name[0] == '\\' || (n >= 2 && name[1] == ':')) {
		*why = "absolute path";
		return NULL;
	}
	kb_buf b = KB_BUF_INIT;
	const char *r = NULL;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && name[j] != '/' && name[j] != '\\')
			j++;
		size_t k = j - i;
		if (k == 2 && name[i] == '.' && name[i + 1] == '.') {
			*why = "\"..\" in the path";
			goto done;
		}
		if (k == 8 && memcmp(name + i, "__MACOSX", 8) == 0)
			goto done; /* resource forks of a zip made on a Mac */
		if (k > 1 && name[i] == '.')
			goto done; /* hidden, as the directory walk skips them */
		if (k > 0 && !(k == 1 && name[i] == '.')) {
			if (b.len)
				kb_buf_putc(&b, '/');
			kb_buf_put(&b, name + i, k);
		}
		i = j + 1;
	}
	if (b.len)
		r = kb_strndup(a, b.ptr, b.len);
done:
	kb_buf_free(&b);
	return r;
}

static int by_name(const void *x, const void *y)
{
	return strcmp(((const member *)x)->name, ((const member *)y)->name);
}

/* Reads member m (m->size bytes declared) into arena memory. */
static char *read_member(kb_arena *a, kb_diags *d, zip_t *z, const member *m,
			 const char *shown, size_t *len)
{
	zip_file_t *f = zip_fopen_index(z, m->index, 0);
	if (!f) {
		kb_diag(d, KB_DIAG_ERROR, shown, 0, 0, "cannot read this zip member: %s",
			zip_strerror(z));
		return NULL;
	}
	char *data = kb_alloc(a, (size_t)m->size + 1);
	zip_uint64_t got = 0;
	const char *problem = NULL;
	while (got < m->size) {
		zip_int64_t r = zip_fread(f, data + got, m->size - got);
		if (r <= 0) {
			problem = r < 0 ? zip_file_strerror(f) : "shorter than the zip says";
			break;
		}
		got += (zip_uint64_t)r;
	}
	/* Reading on to the end checks the CRC and that nothing is left. */
	char extra;
	zip_int64_t r = problem ? 0 : zip_fread(f, &extra, 1);
	if (r < 0)
		problem = zip_file_strerror(f);
	else if (r > 0)
		problem = "longer than the zip says";
	if (problem)
		kb_diag(d, KB_DIAG_ERROR, shown, 0, 0,
			"cannot read this zip member (%s): skipped", problem);
	zip_fclose(f);
	if (problem)
		return NULL;
	data[got] = '\0';
	*len = (size_t)got;
	return data;
}

void kb_archive_read_zip(kb_arena *a, kb_diags *d, const char *fs_path,
			 const char *path, size_t max_member, kb_archive_filter want,
			 void *ctx, kb_vec *out)
{
	int err = 0;
	zip_t *z = zip_open(fs_path, ZIP_RDONLY, &err);
	if (!z) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot read this zip: %s",
			zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return;
	}
	zip_int64_t n = zip_get_num_entries(z, 0);
	if (n > KB_ARCHIVE_MAX_MEMBERS) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0,
			"zip has %lld members, over the limit of %d: skipped", (long long)n,
			KB_ARCHIVE_MAX_MEMBERS);
		zip_discard(z);
		return;
	}
	member *ms = calloc(n > 0 ? (size_t)n : 1, sizeof *ms);
	if (!ms)
		abort();
	size_t k = 0;
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 ||
		    !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE)) {
			kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "zip member %lld: %s", (long long)i,
				zip_strerror(z));
			continue;
		}
		const char *why, *name = clean_name(a, st.name, &why);
		if (!name) {
			if (why)
				kb_diag(d, KB_DIAG_ERROR, kb_sprintf(a, "%s/%s", path, st.name), 0, 0,
					"unsafe zip member (%s): skipped", why);
			continue;
		}
		if (want && !want(ctx, kb_sprintf(a, "%s/%s", path, name)))
			continue;
		ms[k++] = (member){name, (zip_uint64_t)i, st.size};
	}
	qsort(ms, k, sizeof *ms, by_name);

	size_t max_total = max_member > SIZE_MAX / 10 ? SIZE_MAX : max_member * 10;
	size_t total = 0;
	for (size_t i = 0; i < k; i++) {
		const member *m = &ms[i];
		const char *shown = kb_sprintf(a, "%s/%s", path, m->name);
		if (m->size > max_member) {
			kb_diag(d, KB_DIAG_ERROR, shown, 0, 0,
				"zip member is %llu bytes, over the limit of %zu (max_file_size in kbcheck.yml): skipped",
				(unsigned long long)m->size, max_member);
			continue;
		}
		if (m->size > max_total - total) {
			kb_diag(d, KB_DIAG_ERROR, path, 0, 0,
				"zip expands to more than %zu bytes (10 x max_file_size): members from %s on skipped",
				max_total, m->name);
			break;
		}
		size_t len;
		char *data = read_member(a, d, z, m, shown, &len);
		if (!data)
			continue;
		total += len;
		kb_source *s = KB_NEW(a, kb_source);
		s->path = shown;
		s->data = data;
		s->len = len;
		kb_vec_push(a, out, s);
	}
	free(ms);
	zip_discard(z);
}
