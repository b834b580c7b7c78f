/* changed.c - asking git which files changed since a revision. */
#include "changed.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../base/buf.h"

extern char **environ;

struct kb_changes {
	const char *top;    /* the repository's top directory (real path) */
	const char **names; /* changed files relative to top, sorted */
	size_t n;
};

/* Runs git with argv (argv[0] = "git"), stdin from /dev/null, and
 * collects its standard output and error.  Returns the exit status, or -1
 * with errno set when git could not be started. */
static int run_git(const char *const *argv, kb_buf *out, kb_buf *err)
{
	int po[2], pe[2];
	if (pipe2(po, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(pe, O_CLOEXEC) != 0) {
		close(po[0]);
		close(po[1]);
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	if (rc != 0) {
		close(po[0]);
		close(pe[0]);
		errno = rc;
		return -1;
	}
	struct pollfd fds[2] = {{po[0], POLLIN, 0}, {pe[0], POLLIN, 0}};
	kb_buf *bufs[2] = {out, err};
	int open_fds = 2;
	while (open_fds > 0) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			char tmp[4096];
			ssize_t n = read(fds[i].fd, tmp, sizeof tmp);
			if (n > 0) {
				kb_buf_put(bufs[i], tmp, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* git's first line of standard error, for messages. */
static const char *first_line(kb_arena *a, const kb_buf *err)
{
	const char *s = kb_buf_cstr(err);
	size_t n = strcspn(s, "\n");
	return n ? kb_strndup(a, s, n) : "no message";
}

static void chomp(kb_buf *b)
{
	while (b->len && (b->ptr[b->len - 1] == '\n' || b->ptr[b->len - 1] == '\r'))
		b->ptr[--b->len] = '\0';
}

/* Appends the NUL-separated names in out to names. */
static void add_names(kb_arena *a, const kb_buf *out, const char ***names, size_t *n,
		      size_t *cap)
{
	for (size_t i = 0; i < out->len;) {
		size_t k = strnlen(out->ptr + i, out->len - i);
		if (k) {
			if (*n == *cap) {
				size_t ncap = *cap ? *cap * 2 : 64;
				const char **grown = KB_NEWN(a, const char *, ncap);
				if (*n)
					memcpy(grown, *names, *n * sizeof *grown);
				*names = grown;
				*cap = ncap;
			}
			(*names)[(*n)++] = kb_strndup(a, out->ptr + i, k);
		}
		i += k + 1;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether the repository at top has no commit yet (HEAD names a branch
 * that does not exist). */
static bool unborn(const char *top)
{
	kb_buf out = KB_BUF_INIT, err = KB_BUF_INIT;
	const char *head[] = {"git", "-C", top, "rev-parse", "--verify", "--quiet", "HEAD", NULL};
	const char *branch[] = {"git", "-C", top, "symbolic-ref", "--quiet", "HEAD", NULL};
	bool r = run_git(head, &out, &err) == 1 && run_git(branch, &out, &err) == 0;
	kb_buf_free(&out);
	kb_buf_free(&err);
	return r;
}

kb_changes *kb_changes_since(kb_arena *a, const char *dir, const char *rev,
			     const char **error)
{
	kb_buf out = KB_BUF_INIT, err = KB_BUF_INIT;
	kb_changes *c = NULL;
	*error = NULL;

	const char *toplevel[] = {"git", "-C", dir, "rev-parse", "--show-toplevel", NULL};
	int st = run_git(toplevel, &out, &err);
	if (st < 0) {
		*error = kb_sprintf(a, "--changed-since needs git, which could not be run: %s",
				    strerror(errno));
		goto done;
	}
	chomp(&out);
	if (st != 0 || out.len == 0) {
		*error = kb_sprintf(a, "--changed-since: %s is not in a git repository (%s)", dir,
				    first_line(a, &err));
		goto done;
	}
	char real[PATH_MAX];
	const char *top = realpath(out.ptr, real) ? kb_strdup(a, real) : kb_strdup(a, out.ptr);

	/* The revision, as a commit: a missing one is the usual shallow-clone
	 * trap in CI, so say how to get it. */
	const char *spec = kb_sprintf(a, "%s^{commit}", rev);
	const char *verify[] = {"git", "-C", top, "rev-parse", "--verify", "--quiet",
				"--end-of-options", spec, NULL};
	kb_buf_clear(&out);
	kb_buf_clear(&err);
	st = run_git(verify, &out, &err);
	chomp(&out);
	if ((st != 0 || out.len == 0) && !strcmp(rev, "HEAD") && unborn(top)) {
		/* The first commit: no HEAD yet, every file is new (diffed
		 * against the empty tree).  A pre-commit hook runs here. */
		kb_buf_clear(&out);
		kb_buf_clear(&err);
		const char *empty[] = {"git", "-C", top, "hash-object", "-t", "tree", "/dev/null",
				       NULL};
		st = run_git(empty, &out, &err);
		chomp(&out);
	}
	if (st != 0 || out.len == 0) {
		const char *shallow[] = {"git", "-C", top, "rev-parse", "--is-shallow-repository",
					 NULL};
		kb_buf_clear(&out);
		kb_buf_clear(&err);
		bool is_shallow = run_git(shallow, &out, &err) == 0 &&
				  !strncmp(kb_buf_cstr(&out), "true", 4);
		*error = kb_sprintf(
		    a,
		    "--changed-since: '%s' is not a commit in %s%s; fetch more history: "
		    "git fetch --deepen=100 (or git fetch origin BRANCH, or git fetch "
		    "--unshallow), or use actions/checkout with fetch-depth: 0",
		    rev, top, is_shallow ? ", a shallow clone" : "");
		goto done;
	}
	const char *commit = kb_strndup(a, out.ptr, out.len);

	c = KB_NEW(a, kb_changes);
	c->top = top;
	size_t cap = 0;
	const char *diff[] = {"git", "-C", top, "diff", "--name-only", "-z", commit, "--", NULL};
	const char *untracked[] = {"git", "-C", top, "ls-files", "--others", "--exclude-standard",
				   "-z", NULL};
	const char *const *cmds[] = {diff, untracked};
	for (int i = 0; i < 2; i++) {
		kb_buf_clear(&out);
		kb_buf_clear(&err);
		st = run_git(cmds[i], &out, &err);
		if (st != 0) {
			*error = kb_sprintf(a, "--changed-since: git %s failed: %s", cmds[i][3],
					    st < 0 ? strerror(errno) : first_line(a, &err));
			c = NULL;
			goto done;
		}
		add_names(a, &out, &c->names, &c->n, &cap);
	}
	if (c->n)
		qsort(c->names, c->n, sizeof *c->names, cmp_str);
done:
	kb_buf_free(&out);
	kb_buf_free(&err);
	return c;
}

const char **kb_git_ignored(kb_arena *a, const char *dir, size_t *n)
{
	kb_buf out = KB_BUF_INIT, err = KB_BUF_INIT;
	const char *ls[] = {"git", "-C", dir, "ls-files", "--others", "--ignored",
			    "--exclude-standard", "--directory", "-z", NULL};
	const char **names = NULL;
	size_t cap = 0;
	*n = 0;
	if (run_git(ls, &out, &err) == 0)
		add_names(a, &out, &names, n, &cap);
	kb_buf_free(&out);
	kb_buf_free(&err);
	for (size_t i = 0; i < *n; i++) {
		size_t k = strlen(names[i]);
		if (k > 1 && names[i][k - 1] == '/')
			names[i] = kb_strndup(a, names[i], k - 1); /* a folder */
	}
	if (*n > 1)
		qsort(names, *n, sizeof *names, cmp_str);
	return names;
}

bool kb_changes_has(const kb_changes *c, const char *path)
{
	char real[PATH_MAX];
	if (!c || c->n == 0 || !realpath(path, real))
		return false;
	size_t tl = strlen(c->top);
	if (strncmp(real, c->top, tl) != 0 || real[tl] != '/')
		return false;
	const char *rel = real + tl + 1;
	return bsearch(&rel, c->names, c->n, sizeof *c->names, cmp_str) != NULL;
}

size_t kb_changes_count(const kb_changes *c) { return c ? c->n : 0; }

kb_changes *kb_changes_of(kb_arena *a, const char *const *paths, size_t n)
{
	/* Kept as real paths relative to "/" (top ""), so kb_changes_has
	 * finds them the way it finds a repository's files. */
	kb_changes *c = KB_NEW(a, kb_changes);
	c->top = "";
	c->names = KB_NEWN(a, const char *, n ? n : 1);
	char real[PATH_MAX];
	for (size_t i = 0; i < n; i++)
		if (realpath(paths[i], real) && real[1])
			c->names[c->n++] = kb_strdup(a, real + 1);
	if (c->n)
		qsort(c->names, c->n, sizeof *c->names, cmp_str);
	return c;
}
