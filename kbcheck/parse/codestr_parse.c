/* codestr_parse.c - the parsers "js-strings", "jsx" and "php-strings":
 * which files they read, and the parse that all three share.
 *
 * Source trees hold much besides the shop's texts, so a file is read only
 * when it holds text: string data that reads as language (codestr.c) or
 * text between JSX tags (jsx.c), a few sentences' worth.  Dependencies and
 * build output (node_modules, vendor, dist, build, *.min.js), tool
 * configuration (webpack.config.js, .eslintrc.js...), tests and type
 * declarations are never read.  A PHP file is read when it only returns an
 * array (or fills $lang['key']), as language files do; a PHP page with
 * markup is a template, not string data.
 */
#include "parser.h"

#include <stdlib.h>
#include <string.h>

#include "codestr.h"

enum {
	DETECT_MAX = 512 * 1024, /* bytes judged */
	MIN_TEXT = 48,           /* bytes of text in two units or more... */
	MIN_ONE_TEXT = 120,      /* ...or in one */
};

static bool segment(const char *path, const char *seg)
{
	size_t k = strlen(seg);
	for (const char *p = path; (p = strstr(p, seg)); p += k)
		if ((p == path || p[-1] == '/') && p[k] == '/')
			return true;
	return false;
}

/* Dependencies, build output and generated files. */
static bool not_sources(const char *path)
{
	static const char *const dirs[] = {"node_modules", "bower_components", "jspm_packages",
					   "vendor", "dist", "build", ".next", ".nuxt", ".output",
					   "coverage", "__tests__", "__mocks__", "storybook-static",
					   NULL};
	for (size_t i = 0; dirs[i]; i++)
		if (segment(path, dirs[i]))
			return true;
	return false;
}

/* Tool configuration, tests, type declarations, bundles. */
static bool tooling(const char *path)
{
	static const char *const parts[] = {".min.", ".bundle.", ".chunk.", ".config.", ".conf.",
					    ".test.", ".spec.", ".stories.", ".d.ts", NULL};
	static const char *const starts[] = {"webpack", "gulpfile", "gruntfile", "karma", "jest.",
					     "babel.", "rollup.", "vite.", "tailwind.", "postcss.",
					     "setuptests.", "reportwebvitals.", "serviceworker.",
					     "service-worker.", "registerserviceworker.", "sw.js", NULL};
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	if (name[0] == '.')
		return true;
	for (size_t i = 0; parts[i]; i++)
		if (strstr(name, parts[i]))
			return true;
	for (size_t i = 0; starts[i]; i++)
		if (!strncasecmp(name, starts[i], strlen(starts[i])))
			return true;
	return false;
}

static void measure(const char *path, const char *d, size_t len, kb_cs_stats *st, size_t *jsx)
{
	kb_jslex lx;
	kb_jslex_run(&lx, d, len > DETECT_MAX ? DETECT_MAX : len, kb_jslang_of(path));
	kb_arena *a = kb_arena_new();
	memset(st, 0, sizeof *st);
	kb_cs_walk(NULL, a, &lx, NULL, st);
	*jsx = kb_jsx_text_size(&lx);
	kb_arena_free(a);
	kb_jslex_free(&lx);
}

static bool enough(size_t text, size_t units)
{
	return (text >= MIN_TEXT && units >= 2) || text >= MIN_ONE_TEXT;
}

/* "js-strings" and "jsx" read the same files: "jsx" when the text is
 * mostly between tags. */
static int js_score(const char *path, const char *d, size_t len, bool jsx_format)
{
	if (not_sources(path) || tooling(path))
		return 0;
	kb_cs_stats st;
	size_t jsx;
	measure(path, d, len, &st, &jsx);
	if (jsx_format)
		return jsx >= MIN_TEXT && jsx >= st.natural ? 70 : 0;
	return enough(st.natural, st.units) || jsx >= MIN_TEXT ? 60 : 0;
}

int kb_detect_js_strings(const char *path, const char *d, size_t len)
{
	return js_score(path, d, len, false);
}

int kb_detect_jsx(const char *path, const char *d, size_t len)
{
	return js_score(path, d, len, true);
}

/* Laravel's own language files (validation messages and the like). */
static bool framework_lang(const char *path)
{
	static const char *const names[] = {"validation.php", "auth.php", "passwords.php",
					    "pagination.php", NULL};
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	for (size_t i = 0; names[i]; i++)
		if (!strcmp(name, names[i]))
			return segment(path, "lang") || segment(path, "language");
	return false;
}

int kb_detect_php_strings(const char *path, const char *d, size_t len)
{
	size_t n = strlen(path);
	if ((n > 10 && !strcasecmp(path + n - 10, ".blade.php")) || not_sources(path) ||
	    framework_lang(path))
		return 0;
	kb_cs_stats st;
	size_t jsx;
	measure(path, d, len, &st, &jsx);
	return !st.code && (st.returns_array || st.assigns) && st.units ? 70 : 0;
}

void kb_parse_code_strings(kb_parse_ctx *ctx)
{
	const kb_source *src = ctx->source;
	kb_jslex lx;
	kb_jslex_run(&lx, src->data, src->len, kb_jslang_of(src->path));
	if (lx.bad_what) {
		int line, col;
		kb_source_pos(src, lx.bad_at, &line, &col);
		bool line_end = !strcmp(lx.bad_what, "string") && lx.lang != KB_JSL_PHP;
		kb_diag(ctx->diags, KB_DIAG_WARNING, src->path, line, col,
			"unterminated %s: read up to the end of the %s", lx.bad_what,
			line_end ? "line" : "file");
	}
	if (lx.deep) {
		int line, col;
		kb_source_pos(src, lx.deep_at, &line, &col);
		kb_diag(ctx->diags, KB_DIAG_WARNING, src->path, line, col,
			"nested deeper than %d levels: read on as plain code", KB_JSLEX_MAX_DEPTH);
	}
	size_t first = ctx->units->len;
	kb_faq_ids ids = {0};
	kb_cs_stats st = {0};
	kb_cs_walk(ctx, ctx->arena, &lx, &ids, &st);
	kb_jsx_units(ctx, &lx);
	kb_jslex_free(&lx);
	kb_faq_ids_free(&ids);
	/* String data and markup interleave: the file's units in order, ids
	 * unique across both. */
	size_t n = ctx->units->len - first;
	if (n > 1)
		qsort(ctx->units->items + first, n, sizeof(void *), kb_unit_cmp_start);
	for (size_t i = first; i < ctx->units->len; i++) {
		kb_unit *u = ctx->units->items[i];
		u->id = kb_faq_ids_take(ctx->arena, &ids, u->id);
	}
	kb_faq_ids_free(&ids);
}
