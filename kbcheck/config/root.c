/* root.c - the KB root (root.h) and the paths shown. */
#include "root.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/buf.h"

/* The relative path from folder dir to path, both absolute and free of
 * "." and ".." ("." for dir itself, "../x" beside it). */
static const char *relative_to(kb_arena *a, const char *path, const char *dir)
{
	size_t i = 0, common = 0;
	while (path[i] && path[i] == dir[i])
		i++;
	if ((path[i] == '\0' || path[i] == '/') && (dir[i] == '\0' || dir[i] == '/'))
		common = i;
	else
		for (common = i; common > 0 && path[common] != '/';)
			common--;
	kb_buf b = KB_BUF_INIT;
	for (const char *d = dir + common; *d;) {
		while (*d == '/')
			d++;
		if (!*d)
			break;
		kb_buf_puts(&b, b.len ? "/.." : "..");
		while (*d && *d != '/')
			d++;
	}
	const char *rest = path + common;
	while (*rest == '/')
		rest++;
	if (*rest)
		kb_buf_printf(&b, "%s%s", b.len ? "/" : "", rest);
	const char *r = kb_strdup(a, b.len ? kb_buf_cstr(&b) : ".");
	kb_buf_free(&b);
	return r;
}

const char *kb_path_shown(kb_arena *a, const char *path)
{
	if (path[0] != '/')
		return path;
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return path;
	const char *r;
	size_t n = strlen(cwd);
	if (strncmp(path, cwd, n) == 0 && (path[n] == '/' || path[n] == '\0')) {
		r = relative_to(a, path, cwd);
	} else {
		/* The working folder's name or the path's may go through a
		 * symbolic link (/tmp, a CI runner's workspace). */
		char *rcwd = realpath(cwd, NULL), *rpath = realpath(path, NULL);
		r = rcwd ? relative_to(a, rpath ? rpath : path, rcwd) : path;
		free(rcwd);
		free(rpath);
	}
	free(cwd);
	return r;
}

static bool exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

/* Whether git would stop before going up into folder dir. */
static bool ceiling(const char *dir)
{
	const char *list = getenv("GIT_CEILING_DIRECTORIES");
	size_t n = strlen(dir);
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		while (len > 1 && p[len - 1] == '/')
			len--;
		if (len == n && !strncmp(p, dir, n))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* The file of folder p that makes it a KB root, or NULL. */
static const char *marker(kb_arena *a, const char *p)
{
	static const char *const names[] = {"kbcheck.yml", "policy.yml", ".kbcheck/acks.yml"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (exists(kb_sprintf(a, "%s/%s", p, names[i])))
			return names[i];
	return NULL;
}

/* Folder p, up levels from folder dir, as shown: dir's own words with its
 * last levels names taken off when it has them ("kb/en" up 1: "kb"; a
 * folder reached through a symbolic link keeps the link's name), else from
 * the real path. */
static const char *shown_up(kb_arena *a, const char *dir, size_t levels, const char *p)
{
	dir = kb_path_shown(a, dir);
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	for (size_t i = 0; i < levels; i++) {
		size_t k = n;
		while (k > 0 && dir[k - 1] != '/')
			k--;
		const char *name = dir + k;
		size_t len = n - k;
		if (len == 0 || (len == 1 && name[0] == '.') ||
		    (len == 2 && name[0] == '.' && name[1] == '.') || dir[0] == '/')
			return kb_path_shown(a, p);
		n = k;
		while (n > 0 && dir[n - 1] == '/')
			n--;
	}
	return n ? kb_strndup(a, dir, n) : ".";
}

kb_root kb_root_find(kb_arena *a, const char *dir)
{
	kb_root r = {dir, NULL, "folder given"};
	char *p = realpath(dir, NULL);
	if (!p)
		return r;
	r.dir = shown_up(a, dir, 0, p);
	for (size_t up = 0;; up++) {
		const char *m = marker(a, strcmp(p, "/") ? p : "");
		if (m) {
			r.dir = shown_up(a, dir, up, p);
			r.why = m;
			if (!strcmp(m, "kbcheck.yml"))
				r.config = strcmp(r.dir, ".") ? kb_sprintf(a, "%s/kbcheck.yml", r.dir)
							: "kbcheck.yml";
			break;
		}
		if (exists(kb_sprintf(a, "%s/.git", p))) {
			r.dir = shown_up(a, dir, up, p);
			r.why = "git top level";
			break;
		}
		char *slash = strrchr(p, '/');
		if (!slash || !p[1])
			break; /* "/" itself */
		const char *parent = slash == p ? "/" : kb_strndup(a, p, (size_t)(slash - p));
		if (ceiling(parent))
			break;
		slash[slash == p] = '\0';
	}
	free(p);
	return r;
}
