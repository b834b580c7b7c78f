/* didyoumean.c - the closest name by edit distance. */
#include "didyoumean.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_NAME = 64 };

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/* Optimal string alignment distance: insertions, deletions,
 * substitutions and swaps of two neighbours ("chekc"), one each. */
static size_t distance(const char *s, size_t n, const char *t, size_t m)
{
	size_t d[MAX_NAME + 1][MAX_NAME + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			size_t cost = s[i - 1] != t[j - 1];
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1] &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	return d[n][m];
}

const char *kb_did_you_mean(const char *word, const char *const *names, size_t n)
{
	size_t wl = strlen(word);
	if (wl == 0 || wl > MAX_NAME)
		return NULL;
	const char *best = NULL, *prefixed = NULL;
	size_t best_d = 3, nprefixed = 0;
	for (size_t i = 0; i < n; i++) {
		if (!names[i])
			continue;
		size_t nl = strlen(names[i]);
		if (nl <= MAX_NAME) {
			size_t d = distance(word, wl, names[i], nl);
			if (d < best_d && 2 * d < wl) {
				best = names[i];
				best_d = d;
			}
		}
		if (nl > wl && !strncmp(names[i], word, wl)) {
			prefixed = names[i];
			nprefixed++;
		}
	}
	if (best)
		return best;
	return nprefixed == 1 && wl >= 2 ? prefixed : NULL;
}

const char *kb_unknown_option(kb_arena *a, const char *arg, const struct option *longopts)
{
	size_t n = 0;
	while (longopts[n].name)
		n++;
	const char **names = KB_NEWN(a, const char *, n + 1);
	for (size_t i = 0; i < n; i++)
		names[i] = longopts[i].name;
	/* "--fial-on=x" and "-fail-on" are the name "fial-on"/"fail-on". */
	const char *word = arg + strspn(arg, "-");
	const char *near = kb_did_you_mean(kb_strndup(a, word, strcspn(word, "=")), names, n);
	return near ? kb_sprintf(a, "unknown option '%s'; did you mean '--%s'?", arg, near)
		    : kb_sprintf(a, "unknown option '%s'", arg);
}

const char *kb_option_problem(kb_arena *a, const char *arg, const struct option *longopts)
{
	const char *word = arg + strspn(arg, "-");
	for (size_t i = 0; arg[0] == '-' && arg[1] == '-' && longopts[i].name; i++)
		if (longopts[i].has_arg == required_argument && !strcmp(longopts[i].name, word))
			return kb_sprintf(a, "option '%s' needs a value", arg);
	return kb_unknown_option(a, arg, longopts);
}
