/* root.c - the paths shown (root.h). */
#include "root.h"

#include <stdlib.h>
#include <string.h>
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
