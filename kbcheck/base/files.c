/* files.c - folders reached without following links, atomic writes; see
 * files.h. */
#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int kb_dir_beneath(const char *root, const char *rel, bool create)
{
	if (rel[0] == '/') {
		errno = EINVAL;
		return -1;
	}
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	const char *p = rel;
	while (fd >= 0 && *p) {
		size_t n = strcspn(p, "/");
		char name[256];
		if (n >= sizeof name || (n == 2 && p[0] == '.' && p[1] == '.')) {
			close(fd);
			errno = n >= sizeof name ? ENAMETOOLONG : EINVAL;
			return -1;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		p += n + (p[n] == '/');
		if (n == 0 || (n == 1 && name[0] == '.'))
			continue;
		if (create && mkdirat(fd, name, 0777) != 0 && errno != EEXIST) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		/* O_NOFOLLOW: a symbolic link here fails (ELOOP, or ENOTDIR
		 * with O_DIRECTORY), wherever it points. */
		int next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		int e = errno;
		close(fd);
		errno = e;
		fd = next;
	}
	return fd;
}

int kb_open_regular(int dir, const char *name)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

bool kb_read_all(int fd, kb_buf *b, size_t max)
{
	char tmp[16384];
	size_t total = 0;
	for (;;) {
		ssize_t n = read(fd, tmp, sizeof tmp);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (n == 0)
			return true;
		total += (size_t)n;
		if (total > max) {
			errno = EFBIG;
			return false;
		}
		kb_buf_put(b, tmp, (size_t)n);
	}
}

/* All of fd (when it is a regular file) appended to b; closes fd. */
static bool read_regular(int fd, kb_buf *b, size_t max)
{
	if (fd < 0)
		return false;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return false;
	}
	bool ok = kb_read_all(fd, b, max);
	int e = errno;
	close(fd);
	errno = e;
	return ok;
}

bool kb_read_path(const char *path, kb_buf *b, size_t max)
{
	return read_regular(kb_open_regular(AT_FDCWD, path), b, max);
}

bool kb_read_file(const char *path, kb_buf *b, size_t max)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	return read_regular(open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), b, max);
}

/* Whether path's real location is inside folder `within`; *target gets
 * that location (malloc'd, or NULL). */
static bool inside(const char *path, const char *within, char **target)
{
	*target = realpath(path, NULL);
	char *top = realpath(within, NULL);
	size_t n = top ? strlen(top) : 0;
	bool in = *target && top &&
		  (!strcmp(top, "/") ||
		   (!strncmp(*target, top, n) && ((*target)[n] == '/' || (*target)[n] == '\0')));
	free(top);
	return in;
}

bool kb_read_settings(kb_diags *d, const char *what, const char *path, const char *within,
		      size_t max, kb_buf *b)
{
	char *target = NULL;
	if (within && access(path, F_OK) == 0 && !inside(path, within, &target)) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0,
			"%s: outside the knowledge base (%s), and kbcheck reads such a file "
			"only when it is named on the command line: not read",
			what, target ? target : "?");
		free(target);
		return false;
	}
	free(target);
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot read %s: %s", what, strerror(errno));
		return false;
	}
	struct stat st;
	bool got = false;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0,
			"%s: not a regular file (a device, FIFO or socket): not read", what);
	else if (kb_read_all(fd, b, max))
		got = true;
	else if (errno == EFBIG)
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0,
			"%s: over the limit of %zu bytes (max_file_size in kbcheck.yml): not read",
			what, max);
	else
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot read %s: %s", what, strerror(errno));
	close(fd);
	return got;
}

struct kb_wfile {
	int dir;
	FILE *f;
	char *name, *tmp;
};

/* A temporary file "name.XXXXXX" made in dir: never an existing file or
 * link (O_EXCL). */
static int make_temp(int dir, const char *name, char **tmp)
{
	size_t n = strlen(name);
	char *t = malloc(n + 8);
	if (!t)
		abort();
	static const char digits[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	for (int attempt = 0; attempt < 100; attempt++) {
		unsigned char r[6];
		if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
			uint64_t x = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20) ^
				     (uint64_t)(uintptr_t)t ^ (uint64_t)attempt * 0x9E3779B97F4A7C15u;
			for (size_t k = 0; k < sizeof r; k++, x >>= 8)
				r[k] = (unsigned char)x;
		}
		memcpy(t, name, n);
		t[n] = '.';
		for (size_t k = 0; k < sizeof r; k++)
			t[n + 1 + k] = digits[r[k] % (sizeof digits - 1)];
		t[n + 7] = '\0';
		int fd = openat(dir, t, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd >= 0) {
			*tmp = t;
			return fd;
		}
		if (errno != EEXIST)
			break;
	}
	int e = errno;
	free(t);
	errno = e;
	return -1;
}

kb_wfile *kb_wfile_at(int dir, const char *name)
{
	int d = fcntl(dir, F_DUPFD_CLOEXEC, 0);
	if (d < 0)
		return NULL;
	char *tmp = NULL;
	int fd = make_temp(d, name, &tmp);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlinkat(d, tmp, 0);
		}
		free(tmp);
		close(d);
		errno = e;
		return NULL;
	}
	kb_wfile *w = calloc(1, sizeof *w);
	if (!w)
		abort();
	w->dir = d;
	w->f = f;
	w->tmp = tmp;
	w->name = strdup(name);
	if (!w->name)
		abort();
	return w;
}

kb_wfile *kb_wfile_open(const char *path)
{
	/* A device, FIFO or socket (/dev/null, /dev/stdout, a pipe) is
	 * written in place: there is nothing to replace atomically. */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		FILE *f = fopen(path, "w");
		if (!f)
			return NULL;
		kb_wfile *w = calloc(1, sizeof *w);
		if (!w)
			abort();
		w->dir = -1;
		w->f = f;
		return w;
	}
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	if (!dir)
		abort();
	const char *name = slash ? slash + 1 : path;
	if (!*name) {
		free(dir);
		errno = EISDIR;
		return NULL;
	}
	int d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d < 0 && errno == ENOENT && mkdir(dir, 0777) == 0)
		d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int e = errno;
	free(dir);
	if (d < 0) {
		errno = e;
		return NULL;
	}
	kb_wfile *w = kb_wfile_at(d, name);
	e = errno;
	close(d);
	errno = e;
	return w;
}

FILE *kb_wfile_stream(kb_wfile *w) { return w->f; }

static void wfile_free(kb_wfile *w)
{
	int e = errno;
	if (w->dir >= 0)
		close(w->dir);
	free(w->tmp);
	free(w->name);
	free(w);
	errno = e;
}

bool kb_wfile_commit(kb_wfile *w)
{
	errno = 0;
	bool ok = !ferror(w->f);
	int e = errno ? errno : EIO;
	if (fclose(w->f) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (ok && w->tmp && renameat(w->dir, w->tmp, w->dir, w->name) != 0) {
		ok = false;
		e = errno;
	}
	if (!ok && w->tmp)
		unlinkat(w->dir, w->tmp, 0);
	wfile_free(w);
	if (!ok)
		errno = e;
	return ok;
}

void kb_wfile_abort(kb_wfile *w)
{
	fclose(w->f);
	if (w->tmp)
		unlinkat(w->dir, w->tmp, 0);
	wfile_free(w);
}

/* rel split into its folder (opened beneath root) and its name. */
static int open_parent(const char *root, const char *rel, bool create, const char **name)
{
	const char *slash = strrchr(rel, '/');
	*name = slash ? slash + 1 : rel;
	if (!**name || !strcmp(*name, "..") || !strcmp(*name, ".")) {
		errno = EINVAL;
		return -1;
	}
	char dir[4096];
	size_t n = slash ? (size_t)(slash - rel) : 0;
	if (n >= sizeof dir) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dir, rel, n);
	dir[n] = '\0';
	return kb_dir_beneath(root, dir, create);
}

int kb_read_beneath(const char *root, const char *rel, kb_buf *b, size_t max)
{
	const char *name;
	int dir = open_parent(root, rel, false, &name);
	int fd = dir < 0 ? -1 : kb_open_regular(dir, name);
	int e = errno;
	if (dir >= 0)
		close(dir);
	if (fd < 0) {
		errno = e;
		return e == ENOENT ? 0 : -1;
	}
	bool ok = kb_read_all(fd, b, max);
	e = errno;
	close(fd);
	errno = e;
	return ok ? 1 : -1;
}

bool kb_write_beneath(const char *root, const char *rel, const char *data, size_t len)
{
	const char *name;
	int dir = open_parent(root, rel, true, &name);
	if (dir < 0)
		return false;
	struct stat st;
	bool had = fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
	kb_wfile *w = kb_wfile_at(dir, name);
	int e = errno;
	close(dir);
	if (!w) {
		errno = e;
		return false;
	}
	if (had) /* a file rewritten keeps its permissions */
		fchmod(fileno(kb_wfile_stream(w)), st.st_mode & 07777);
	fwrite(data, 1, len, kb_wfile_stream(w));
	return kb_wfile_commit(w);
}
