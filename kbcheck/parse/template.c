/* template.c - template pages read as the HTML they serve (template.h).
 *
 * One parse function for every engine: the source's format names it, the
 * pre-pass blanks its code, html.c reads the rest.  Detection is by name,
 * and by content where the name is shared with files that are no pages:
 *   php        .php .phtml holding HTML once its code is blanked (a file of
 *              code, or one that returns an array of strings, is no page)
 *   blade      .blade.php
 *   twig       .twig (.html.twig)
 *   jinja      .j2 .jinja .jinja2 holding HTML (nginx.conf.j2 is no page);
 *              a .html page with {% %} tags and no front matter (Jinja,
 *              Django, Flask templates)
 *   liquid     .liquid; a .html page with {% %} tags after YAML front
 *              matter (Jekyll, Eleventy)
 *   nunjucks   .njk
 *   handlebars .hbs .handlebars .mustache
 *   erb        .erb holding HTML (.html.erb; config.yml.erb is no page)
 *   jsp        .jsp .jspx .jspf (Java Server Pages)
 *   ejs        .ejs holding HTML (Express views)
 *   vue        .vue
 */
#include "parser.h"

#include <stdlib.h>
#include <string.h>

#include "html_internal.h"
#include "template.h"

static const struct {
	const char *format;
	kb_tpl_engine engine;
	const char *pages; /* file names that are pages whatever they hold */
	const char *maybe; /* file names that are pages when they hold HTML */
} formats[] = {
    {"php", KB_TPL_PHP, "", ".php .phtml"},
    {"blade", KB_TPL_BLADE, ".blade.php", ""},
    {"twig", KB_TPL_BRACES, ".twig", ""},
    {"jinja", KB_TPL_BRACES, ".html.j2 .html.jinja .html.jinja2", ".j2 .jinja .jinja2"},
    {"liquid", KB_TPL_BRACES, ".liquid", ""},
    {"nunjucks", KB_TPL_BRACES, ".njk", ""},
    {"handlebars", KB_TPL_HANDLEBARS, ".hbs .handlebars .mustache", ""},
    {"erb", KB_TPL_ERB, ".html.erb .htm.erb", ".erb"},
    {"jsp", KB_TPL_SCRIPTLET, ".jsp .jspx .jspf", ""},
    {"ejs", KB_TPL_SCRIPTLET, "", ".ejs"},
    {"vue", KB_TPL_VUE, ".vue", ""},
};

enum { NFORMATS = sizeof formats / sizeof *formats, SNIFF = 16384 };

static size_t format_index(const char *format)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (format && !strcmp(formats[i].format, format))
			return i;
	return 0;
}

/* path ends with one of the space-separated suffixes of list (any case). */
static bool ends_with_any(const char *path, const char *list)
{
	size_t n = strlen(path);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ' ');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k && k <= n && !strncasecmp(path + n - k, p, k))
			return true;
		if (!e)
			break;
		p = e + 1;
	}
	return false;
}

/* The arms of br that lie within units[from..]'s spans, to each its own
 * (in the arena). */
static void give_branches(kb_parse_ctx *ctx, size_t from, const kb_tpl_branches *br)
{
	for (size_t i = from; i < ctx->units->len && br->n; i++) {
		kb_unit *u = ctx->units->items[i];
		size_t n = 0;
		for (size_t k = 0; k < br->n; k++)
			n += br->items[k].start < u->loc.end && br->items[k].end > u->loc.start;
		if (!n)
			continue;
		kb_branch *bs = KB_NEWN(ctx->arena, kb_branch, n);
		n = 0;
		for (size_t k = 0; k < br->n; k++) {
			const kb_tpl_branch *b = &br->items[k];
			if (b->start < u->loc.end && b->end > u->loc.start)
				bs[n++] = (kb_branch){b->start, b->end, b->cond, b->arm,
						   kb_strdup(ctx->arena, b->label)};
		}
		u->branches = bs;
		u->nbranches = n;
	}
}

void kb_parse_template(kb_parse_ctx *ctx)
{
	const kb_source *src = ctx->source;
	kb_tpl_engine e = formats[format_index(src->format)].engine;
	kb_tpl_branches br = {0};
	char *data = kb_template_blank(e, src->data, src->len, &br);
	size_t first = ctx->units->len;
	kb_html_parse(ctx, data);
	give_branches(ctx, first, &br);
	kb_tpl_branches_free(&br);
	free(data);
}

/* ---- detection ------------------------------------------------------------ */

/* How much the first SNIFF bytes look like HTML once the engine's code is
 * blanked (kb_detect_html's score). */
static int html_score(const char *path, kb_tpl_engine e, const char *d, size_t len)
{
	size_t n = len < SNIFF ? len : SNIFF;
	char *blanked = kb_template_blank(e, d, n, NULL);
	int s = kb_detect_html(path, blanked, n);
	free(blanked);
	return s;
}

/* A "{% name" tag closed by "%}": what sets a template apart from a page
 * that shows "{{placeholders}}" (a help centre's, a macro's). */
static bool has_block_tag(const char *d, size_t len)
{
	for (const char *p = memmem(d, len, "{%", 2); p; p = memmem(p + 2, len - (size_t)(p + 2 - d), "{%", 2)) {
		const char *q = p + 2, *end = d + len;
		while (q < end && (*q == '-' || *q == ' ' || *q == '~' || *q == '\t'))
			q++;
		if (q < end && ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') &&
		    memmem(q, (size_t)(end - q), "%}", 2))
			return true;
	}
	return false;
}

static bool front_matter(const char *d, size_t len)
{
	if (len >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3)) {
		d += 3;
		len -= 3;
	}
	return len >= 4 && !memcmp(d, "---", 3) && (d[3] == '\n' || d[3] == '\r');
}

static int detect(const char *format, const char *path, const char *d, size_t len)
{
	size_t i = format_index(format);
	kb_tpl_engine e = formats[i].engine;
	if (ends_with_any(path, ".html .htm")) {
		/* A page of Jinja (tags), or of Liquid (front matter, and tags
		 * or output): more certain than plain HTML. */
		size_t n = len < SNIFF ? len : SNIFF;
		bool liquid = front_matter(d, n);
		bool code = has_block_tag(d, n) || (liquid && memmem(d, n, "{{", 2));
		if ((strcmp(format, "liquid") && strcmp(format, "jinja")) ||
		    liquid != !strcmp(format, "liquid") || !code)
			return 0;
		int raw = kb_detect_html(path, d, len), blanked = html_score(path, e, d, len);
		int s = raw > blanked ? raw : blanked;
		return s ? s + 5 : 0;
	}
	if (!strcmp(format, "php") && ends_with_any(path, ".blade.php"))
		return 0;
	if (ends_with_any(path, formats[i].pages)) {
		int s = html_score(path, e, d, len);
		return s > 10 ? s : 10; /* a layout of code only is still a page */
	}
	return ends_with_any(path, formats[i].maybe) ? html_score(path, e, d, len) : 0;
}

int kb_detect_php(const char *path, const char *d, size_t n) { return detect("php", path, d, n); }
int kb_detect_blade(const char *path, const char *d, size_t n) { return detect("blade", path, d, n); }
int kb_detect_twig(const char *path, const char *d, size_t n) { return detect("twig", path, d, n); }
int kb_detect_jinja(const char *path, const char *d, size_t n) { return detect("jinja", path, d, n); }
int kb_detect_liquid(const char *path, const char *d, size_t n) { return detect("liquid", path, d, n); }
int kb_detect_nunjucks(const char *path, const char *d, size_t n) { return detect("nunjucks", path, d, n); }
int kb_detect_handlebars(const char *path, const char *d, size_t n) { return detect("handlebars", path, d, n); }
int kb_detect_erb(const char *path, const char *d, size_t n) { return detect("erb", path, d, n); }
int kb_detect_jsp(const char *path, const char *d, size_t n) { return detect("jsp", path, d, n); }
int kb_detect_ejs(const char *path, const char *d, size_t n) { return detect("ejs", path, d, n); }
int kb_detect_vue(const char *path, const char *d, size_t n) { return detect("vue", path, d, n); }

/* ---- why a page gave no answer ----------------------------------------- */

/* Text outside tags and comments in d[0..n). */
static bool has_text(const char *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (d[i] == '<') {
			const char *e = !strncmp(d + i, "<!--", 4) ? memmem(d + i, n - i, "-->", 3)
								    : memchr(d + i, '>', n - i);
			if (!e)
				return false;
			i = (size_t)(e - d);
		} else if (!strchr(" \t\r\n\f", d[i])) {
			return true;
		}
	}
	return false;
}

const char *kb_template_why_empty(const kb_source *s, kb_unread_reason *reason)
{
	char *d = kb_template_blank(formats[format_index(s->format)].engine, s->data, s->len, NULL);
	bool text = has_text(d, s->len);
	free(d);
	if (!text)
		*reason = KB_UNREAD_TEMPLATE_CODE;
	return text ? "no answer text in its static HTML (page chrome, forms or scripts only)"
		    : "template code only: no static text to read";
}
