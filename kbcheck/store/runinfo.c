/* runinfo.c - when and what a run recorded: the time (--now,
 * SOURCE_DATE_EPOCH, the clock) and the KB's git revision. */
#include "store.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

bool kb_store_parse_time(const char *s, int64_t *out)
{
	if (!s || !*s)
		return false;
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	/* YYYY-MM-DD, optionally followed by [T ]HH:MM[:SS][Z]. */
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n == 10) {
		const char *p = s + n;
		if (*p == 'T' || *p == ' ') {
			int m = 0;
			if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &m) != 2 || m != 5)
				return false;
			p += 1 + m;
			if (*p == ':') {
				if (sscanf(p + 1, "%2d%n", &sec, &m) != 1 || m != 2)
					return false;
				p += 1 + m;
			}
			if (*p == 'Z')
				p++;
		}
		if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
			return false;
		struct tm tm = {.tm_year = y - 1900,
				.tm_mon = mo - 1,
				.tm_mday = d,
				.tm_hour = h,
				.tm_min = mi,
				.tm_sec = sec};
		*out = (int64_t)timegm(&tm);
		return *out >= KB_STORE_TIME_MIN && *out <= KB_STORE_TIME_MAX;
	}
	/* Seconds since the epoch. */
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && !(p == s && *p == '-'))
			return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	/* The dates a report can show: what the audit computes from it (a
	 * week after it, a span before it) then stays far from overflow. */
	if (errno || *end || v < KB_STORE_TIME_MIN || v > KB_STORE_TIME_MAX)
		return false;
	*out = v;
	return true;
}

bool kb_store_time(const char *now_arg, int64_t *out)
{
	if (now_arg)
		return kb_store_parse_time(now_arg, out);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde)
		return kb_store_parse_time(sde, out);
	*out = (int64_t)time(NULL);
	return true;
}

bool kb_store_parse_span(const char *s, int64_t *seconds)
{
	char *end;
	errno = 0;
	long long n = s && isdigit((unsigned char)*s) ? strtoll(s, &end, 10) : -1;
	if (n < 0 || errno || end[0] == '\0' || end[1] != '\0')
		return false;
	int64_t unit;
	switch (end[0]) {
	case 'h':
		unit = 3600;
		break;
	case 'd':
		unit = 86400;
		break;
	case 'w':
		unit = 7 * 86400;
		break;
	case 'y':
		unit = 365 * 86400;
		break;
	default:
		return false;
	}
	if (n > KB_STORE_SPAN_MAX / unit)
		return false;
	*seconds = n * unit;
	return true;
}

const char *kb_store_git_revision(kb_arena *a, const char *dir)
{
	int fds[2];
	if (pipe(fds) != 0)
		return NULL;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	char *const argv[] = {"git",	   "-C",       (char *)(dir && *dir ? dir : "."),
			      "rev-parse", "--verify", "--quiet",
			      "HEAD",	   NULL};
	pid_t pid;
	int rc = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return NULL;
	}
	char buf[128];
	size_t len = 0;
	for (;;) {
		ssize_t got = read(fds[0], buf + len, sizeof buf - 1 - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		len += (size_t)got;
		if (len == sizeof buf - 1) {
			/* Far longer than any object name: drain and ignore. */
			char sink[256];
			while (read(fds[0], sink, sizeof sink) > 0)
				;
			break;
		}
	}
	close(fds[0]);
	int status = 0;
	pid_t w;
	while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	if (w != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return NULL;
	while (len > 0 && isspace((unsigned char)buf[len - 1]))
		len--;
	/* An object name: 40 (SHA-1) or 64 (SHA-256) hex digits. */
	if (len != 40 && len != 64)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if (!isxdigit((unsigned char)buf[i]))
			return NULL;
	return kb_strndup(a, buf, len);
}
