/* inject.c - copies of a KB with one line changed; see inject.h. */
#define _XOPEN_SOURCE 700
#include "inject.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/files.h"

enum { INJECT_FILE_MAX = 256 << 20 };

/* nftw has no user pointer: the copy being made (one at a time). */
static struct {
	const char *from, *to;
	size_t from_len;
	bool ok;
} copying;

static bool copy_file(const char *src, const char *dst, mode_t mode)
{
	int in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return false;
	int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 0777);
	bool ok = out >= 0;
	char buf[65536];
	ssize_t n;
	while (ok && (n = read(in, buf, sizeof buf)) > 0)
		ok = write(out, buf, (size_t)n) == n;
	close(in);
	if (out >= 0 && close(out) != 0)
		ok = false;
	return ok;
}

static int copy_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)ftw;
	const char *rel = path + copying.from_len;
	if (!strcmp(rel, "/.kbcheck/cache") || !strncmp(rel, "/.kbcheck/cache/", 16))
		return 0;
	char *dst = malloc(strlen(copying.to) + strlen(rel) + 1);
	if (!dst)
		abort();
	strcpy(dst, copying.to);
	strcat(dst, rel);
	bool ok = true;
	if (type == FTW_D)
		ok = !*rel || mkdir(dst, 0777) == 0;
	else if (type == FTW_F)
		ok = copy_file(path, dst, st->st_mode);
	else if (type == FTW_SL) {
		char target[4096];
		ssize_t n = readlink(path, target, sizeof target - 1);
		ok = n >= 0;
		if (ok) {
			target[n] = '\0';
			ok = symlink(target, dst) == 0;
		}
	}
	free(dst);
	if (!ok)
		copying.ok = false;
	return ok ? 0 : 1;
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void kb_inject_remove(const char *copy)
{
	nftw(copy, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Apply l to the file in the copy: from -> to, once on its line. */
static bool apply(kb_arena *a, kb_diags *d, const char *copy, const kb_label *l,
		  const char *where)
{
	const char *path = kb_sprintf(a, "%s/%s", copy, l->sides[0].path);
	int fd = kb_open_regular(AT_FDCWD, path);
	kb_buf b = KB_BUF_INIT;
	bool ok = fd >= 0 && kb_read_all(fd, &b, INJECT_FILE_MAX);
	if (fd >= 0)
		close(fd);
	if (!ok) {
		kb_diag(d, KB_DIAG_ERROR, where, l->line, 0, "injection %s: cannot read %s",
			l->id, l->sides[0].path);
		kb_buf_free(&b);
		return false;
	}
	/* The line's bytes [ls, le). */
	size_t ls = 0;
	for (int line = 1; line < l->sides[0].first && ls < b.len; ls++)
		if (b.ptr[ls] == '\n')
			line++;
	size_t le = ls;
	while (le < b.len && b.ptr[le] != '\n')
		le++;
	size_t fl = strlen(l->from);
	const char *at = NULL;
	int times = 0;
	for (size_t i = ls; i + fl <= le; i++)
		if (!memcmp(b.ptr + i, l->from, fl)) {
			at = at ? at : b.ptr + i;
			times++;
		}
	if (times != 1) {
		kb_diag(d, KB_DIAG_ERROR, where, l->line, 0,
			"injection %s: \"%s\" is %s on %s:%d", l->id, l->from,
			times ? "there more than once" : "not", l->sides[0].path, l->sides[0].first);
		kb_buf_free(&b);
		return false;
	}
	kb_buf out = KB_BUF_INIT;
	kb_buf_put(&out, b.ptr, (size_t)(at - b.ptr));
	kb_buf_puts(&out, l->to);
	kb_buf_put(&out, at + fl, b.len - (size_t)(at - b.ptr) - fl);
	FILE *f = fopen(path, "wb");
	ok = f && fwrite(out.ptr, 1, out.len, f) == out.len;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok)
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "injection %s: cannot write the copy", l->id);
	kb_buf_free(&b);
	kb_buf_free(&out);
	return ok;
}

const char *kb_inject(kb_arena *a, kb_diags *d, const char *kb, const kb_label *l)
{
	const char *tmpdir = getenv("TMPDIR");
	char *copy = kb_sprintf(a, "%s/kbcheck-inject.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(copy)) {
		kb_diag(d, KB_DIAG_ERROR, copy, 0, 0, "cannot make a folder: %s", strerror(errno));
		return NULL;
	}
	copying.from = kb;
	copying.from_len = strlen(kb);
	while (copying.from_len > 1 && kb[copying.from_len - 1] == '/')
		copying.from_len--;
	copying.to = copy;
	copying.ok = true;
	nftw(kb, copy_one, 16, FTW_PHYS);
	const char *where = kb_sprintf(a, "%s/labels.yml", kb);
	if (!copying.ok) {
		kb_diag(d, KB_DIAG_ERROR, kb, 0, 0, "cannot copy the knowledge base to %s", copy);
		kb_inject_remove(copy);
		return NULL;
	}
	if (!apply(a, d, copy, l, where)) {
		kb_inject_remove(copy);
		return NULL;
	}
	return copy;
}
