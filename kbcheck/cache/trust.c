/* trust.c - the user's cache key, and temporary files left by killed
 * runs; see trust.h. */
#include "trust.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { STALE_SECONDS = 600 };

/* Makes path (0700) and the folders above it that are missing. */
static bool make_dirs(char *path)
{
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p)
			continue;
		char c = *p;
		*p = '\0';
		bool ok = mkdir(path, 0700) == 0 || errno == EEXIST;
		*p = c;
		if (!ok)
			return false;
		if (!c)
			return true;
	}
}

/* The folder of the key, open: the first of $XDG_CACHE_HOME/kbcheck,
 * ~/.cache/kbcheck and $TMPDIR/kbcheck-UID (for a user without a home
 * folder of their own) that is, or can be made, a folder of this user's
 * that nobody else may write.  -1 when none is. */
static int key_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	const char *tmp = getenv("TMPDIR");
	if (!home || home[0] != '/') {
		struct passwd *pw = getpwuid(geteuid());
		home = pw ? pw->pw_dir : NULL;
	}
	char path[3][4096];
	int n = 0;
	/* The spec: a relative $XDG_CACHE_HOME is ignored. */
	if (xdg && xdg[0] == '/')
		snprintf(path[n++], sizeof path[0], "%s/kbcheck", xdg);
	if (home && home[0] == '/')
		snprintf(path[n++], sizeof path[0], "%s/.cache/kbcheck", home);
	snprintf(path[n++], sizeof path[0], "%s/kbcheck-%ld", tmp && tmp[0] == '/' ? tmp : "/tmp",
		 (long)geteuid());
	for (int i = 0; i < n; i++) {
		if (!make_dirs(path[i]))
			continue;
		int fd = open(path[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		struct stat st;
		if (fd >= 0 && fstat(fd, &st) == 0 && st.st_uid == geteuid() && !(st.st_mode & 022))
			return fd;
		if (fd >= 0)
			close(fd);
	}
	return -1;
}

/* Reads the key file at dir/key: a regular file of this user's, readable
 * by nobody else, of the key's length. */
static int read_key(int dir, unsigned char *key, const char **why)
{
	int fd = openat(dir, "key", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	struct stat st;
	int ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		 !(st.st_mode & 077) && st.st_size == KB_CACHE_KEY_LEN &&
		 read(fd, key, KB_CACHE_KEY_LEN) == KB_CACHE_KEY_LEN;
	close(fd);
	if (!ok)
		*why = "the key file is not a private file of this user's";
	return ok ? 1 : -1;
}

/* A new key, written whole under a temporary name and linked into place:
 * two first runs at once agree on one key (the second link fails). */
static bool make_key(int dir, unsigned char *key, const char **why)
{
	*why = "cannot make the key file";
	if (getrandom(key, KB_CACHE_KEY_LEN, 0) != KB_CACHE_KEY_LEN)
		return false;
	char tmp[32];
	snprintf(tmp, sizeof tmp, "key.%ld", (long)getpid());
	unlinkat(dir, tmp, 0);
	int fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return false;
	bool ok = write(fd, key, KB_CACHE_KEY_LEN) == KB_CACHE_KEY_LEN;
	ok = close(fd) == 0 && ok;
	ok = ok && (linkat(dir, tmp, dir, "key", 0) == 0 || errno == EEXIST);
	unlinkat(dir, tmp, 0);
	return ok && read_key(dir, key, why) == 1;
}

bool kb_cache_key(unsigned char key[KB_CACHE_KEY_LEN], const char **why)
{
	*why = "no folder of this user's for the key";
	int dir = key_dir();
	if (dir < 0)
		return false;
	int got = read_key(dir, key, why);
	if (got == 0)
		got = make_key(dir, key, why) ? 1 : -1;
	close(dir);
	return got == 1;
}

/* "name." and six letters or digits, as base/files.c names them. */
static bool temp_of(const char *f, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(f, name, n) || f[n] != '.' || strlen(f + n + 1) != 6)
		return false;
	for (const char *p = f + n + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

void kb_cache_sweep(int dir, const char *name)
{
	int fd = openat(dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(d))) {
		struct stat st;
		if (!temp_of(e->d_name, name) ||
		    fstatat(dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    st.st_mtime + STALE_SECONDS < now)
			unlinkat(dir, e->d_name, 0);
	}
	closedir(d);
}
