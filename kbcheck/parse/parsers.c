/* parsers.c - the parser table, format detection and unit emission. */
#include "parser.h"

#include <string.h>

#include "../base/buf.h"
#include "../base/hash.h"
#include "../base/locale.h"
#include "../base/text.h"
#include "../source/walk.h"

static const kb_parser markdown = {
    .name = "markdown",
    .channel = KB_CHANNEL_FAQ,
    .extensions = ".md .markdown .mdown .mkd",
    .detect = kb_detect_markdown,
    .parse = kb_parse_markdown,
    .why_empty = kb_markdown_why_empty,
};

/* Markdown a server renders through ERB first (markdown.c). */
static const kb_parser markdown_erb = {
    .name = "markdown-erb",
    .channel = KB_CHANNEL_FAQ,
    .extensions = ".markerb .erb",
    .detect = kb_detect_markdown_erb,
    .parse = kb_parse_markdown,
    .needs_detect = true,
};

/* MDX: Markdown with JSX (markdown.c blanks its import/export lines). */
static const kb_parser mdx = {
    .name = "mdx",
    .channel = KB_CHANNEL_FAQ,
    .extensions = ".mdx",
    .parse = kb_parse_markdown,
    .why_empty = kb_markdown_why_empty,
};

static const kb_parser html = {
    .name = "html",
    .channel = KB_CHANNEL_FAQ,
    .extensions = ".html .htm .xhtml",
    .detect = kb_detect_html,
    .parse = kb_parse_html,
};

/* Rasa: domain files answer; training data only links questions to
 * them (read by the domain parser through ctx->sources). */
static const kb_parser rasa = {
    .name = "rasa",
    .channel = KB_CHANNEL_CHATBOT,
    .extensions = ".yml .yaml",
    .detect = kb_detect_rasa,
    .parse = kb_parse_rasa,
    .needs_detect = true,
};

static const kb_parser rasa_data = {
    .name = "rasa-data",
    .channel = KB_CHANNEL_CHATBOT,
    .extensions = ".yml .yaml",
    .detect = kb_detect_rasa_data,
    .parse = kb_parse_rasa_data,
    .needs_detect = true,
    .context = true,
};

/* Dialogflow: ES intents and CX flows/pages answer; agent.json and
 * training phrases are read by them through ctx->sources. */
static const kb_parser dialogflow = {
    .name = "dialogflow",
    .channel = KB_CHANNEL_CHATBOT,
    .extensions = ".json",
    .detect = kb_detect_dialogflow,
    .parse = kb_parse_dialogflow,
    .needs_detect = true,
};

static const kb_parser dialogflow_cx = {
    .name = "dialogflow-cx",
    .channel = KB_CHANNEL_CHATBOT,
    .extensions = ".json",
    .detect = kb_detect_dialogflow_cx,
    .parse = kb_parse_dialogflow_cx,
    .needs_detect = true,
};

static const kb_parser dialogflow_usersays = {
    .name = "dialogflow-usersays",
    .channel = KB_CHANNEL_CHATBOT,
    .extensions = ".json",
    .detect = kb_detect_dialogflow_usersays,
    .parse = kb_parse_dialogflow_usersays,
    .needs_detect = true,
    .context = true,
};

static const kb_parser dialogflow_agent = {
    .name = "dialogflow-agent",
    .channel = KB_CHANNEL_CHATBOT,
    .extensions = ".json",
    .detect = kb_detect_dialogflow_agent,
    .parse = kb_parse_dialogflow_agent,
    .needs_detect = true,
    .context = true,
};

/* AIML chatbot scripts: ".aiml", or ".xml" whose root is <aiml>. */
static const kb_parser aiml = {
    .name = "aiml",
    .channel = KB_CHANNEL_CHATBOT,
    .extensions = ".aiml .xml",
    .detect = kb_detect_aiml,
    .parse = kb_parse_aiml,
    .needs_detect = true,
};

/* Helpdesk exports (JSON): agent macros, and Zendesk Help Center
 * articles, which are FAQ pages. */
static const kb_parser zendesk_macros = {
    .name = "zendesk-macros",
    .channel = KB_CHANNEL_MACRO,
    .extensions = ".json",
    .detect = kb_detect_zendesk_macros,
    .parse = kb_parse_zendesk_macros,
    .needs_detect = true,
};

static const kb_parser freshdesk = {
    .name = "freshdesk",
    .channel = KB_CHANNEL_MACRO,
    .extensions = ".json",
    .detect = kb_detect_freshdesk,
    .parse = kb_parse_freshdesk,
    .needs_detect = true,
};

static const kb_parser helpscout = {
    .name = "helpscout",
    .channel = KB_CHANNEL_MACRO,
    .extensions = ".json",
    .detect = kb_detect_helpscout,
    .parse = kb_parse_helpscout,
    .needs_detect = true,
};

static const kb_parser zendesk_hc = {
    .name = "zendesk-hc",
    .channel = KB_CHANNEL_FAQ,
    .extensions = ".json",
    .detect = kb_detect_zendesk_hc,
    .parse = kb_parse_zendesk_hc,
    .needs_detect = true,
};

/* Question/answer tables (CSV) and intent -> responses lists (JSON), as
 * helpdesks export canned answers and chatbot datasets ship. */
static const kb_parser csv = {
    .name = "csv",
    .channel = KB_CHANNEL_MACRO,
    .extensions = ".csv",
    .detect = kb_detect_csv,
    .parse = kb_parse_csv,
    .needs_detect = true,
};

static const kb_parser intent_responses = {
    .name = "intent-responses",
    .channel = KB_CHANNEL_CHATBOT,
    .extensions = ".json",
    .detect = kb_detect_intent_responses,
    .parse = kb_parse_intent_responses,
    .needs_detect = true,
};

/* Texts kept in source code: i18n dictionaries, FAQ arrays and JSX
 * components (JavaScript, TypeScript), PHP language arrays.  Only files
 * that hold text are read (codestr_parse.c). */
static const kb_parser jsx = {
    .name = "jsx",
    .channel = KB_CHANNEL_FAQ,
    .extensions = ".jsx .tsx .js .mjs .cjs .ts .mts .cts",
    .detect = kb_detect_jsx,
    .parse = kb_parse_code_strings,
    .needs_detect = true,
};

static const kb_parser js_strings = {
    .name = "js-strings",
    .channel = KB_CHANNEL_FAQ,
    .extensions = ".js .mjs .cjs .ts .mts .cts .jsx .tsx",
    .detect = kb_detect_js_strings,
    .parse = kb_parse_code_strings,
    .needs_detect = true,
};

static const kb_parser php_strings = {
    .name = "php-strings",
    .channel = KB_CHANNEL_FAQ,
    .extensions = ".php",
    .detect = kb_detect_php_strings,
    .parse = kb_parse_code_strings,
    .needs_detect = true,
};

/* Template pages (template.c): their static HTML, template code blanked.
 * A row per engine, so that kbcheck.yml can name it and a unit says what
 * it was read as; detection looks into the content. */
#define TEMPLATE(id, exts)                                                     \
	static const kb_parser id = {                                          \
	    .name = #id,                                                       \
	    .channel = KB_CHANNEL_FAQ,                                         \
	    .extensions = exts,                                                \
	    .detect = kb_detect_##id,                                          \
	    .parse = kb_parse_template,                                        \
	    .needs_detect = true,                                              \
	    .why_empty = kb_template_why_empty,                                \
	}
TEMPLATE(php, ".php .phtml");
TEMPLATE(blade, ".php");
TEMPLATE(twig, ".twig");
TEMPLATE(jinja, ".j2 .jinja .jinja2 .html .htm");
TEMPLATE(liquid, ".liquid .html .htm");
TEMPLATE(nunjucks, ".njk");
TEMPLATE(handlebars, ".hbs .handlebars .mustache");
TEMPLATE(erb, ".erb");
TEMPLATE(jsp, ".jsp .jspx .jspf");
TEMPLATE(ejs, ".ejs");
TEMPLATE(vue, ".vue");
#undef TEMPLATE

/* Any JSON or YAML export through kbcheck.yml's map; without one, only
 * question lists and keyed replies (mapped.c).  Last in the table: every
 * parser that knows a file better wins. */
static const kb_parser mapped = {
    .name = "mapped",
    .channel = KB_CHANNEL_FAQ,
    .extensions = ".json .yml .yaml",
    .detect = kb_detect_mapped,
    .parse = kb_parse_mapped,
    .needs_detect = true,
};

const kb_parser *const kb_parsers[] = {
    &markdown,
    &mdx,
    &markdown_erb,
    &html,
    &rasa,
    &rasa_data,
    &dialogflow,
    &dialogflow_cx,
    &dialogflow_usersays,
    &dialogflow_agent,
    &aiml,
    &zendesk_macros,
    &freshdesk,
    &helpscout,
    &zendesk_hc,
    &csv,
    &intent_responses,
    &jsx,
    &js_strings,
    &php_strings,
    &php,
    &blade,
    &twig,
    &jinja,
    &liquid,
    &nunjucks,
    &handlebars,
    &erb,
    &jsp,
    &ejs,
    &vue,
    &mapped,
    NULL,
};

const kb_parser *kb_parser_find(const char *name)
{
	for (size_t i = 0; kb_parsers[i]; i++)
		if (strcmp(kb_parsers[i]->name, name) == 0)
			return kb_parsers[i];
	return NULL;
}

static bool has_extension(const char *path, const char *list)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return false;
	size_t n = strlen(dot);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ' ');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == n && strncasecmp(p, dot, n) == 0)
			return true;
		if (!e)
			break;
		p = e + 1;
	}
	return false;
}

const kb_parser *kb_parser_detect(const char *path, const char *data, size_t len)
{
	const kb_parser *best = NULL;
	int best_score = 0;
	/* When some parser claims the extension, only those are asked: a
	 * mkdocs.yml must not become a Markdown page by its content. */
	bool known = false;
	for (size_t i = 0; kb_parsers[i] && !known; i++)
		known = has_extension(path, kb_parsers[i]->extensions);
	for (size_t i = 0; kb_parsers[i]; i++) {
		const kb_parser *p = kb_parsers[i];
		bool ext = has_extension(path, p->extensions);
		if (known && !ext)
			continue;
		int score = ext ? 50 : 0;
		if (p->detect) {
			int d = p->detect(path, data, len);
			if (d == 0 && (!ext || p->needs_detect))
				continue;
			score += d;
		}
		if (score > best_score) {
			best = p;
			best_score = score;
		}
	}
	return best;
}

/* ---- the walk's view of the table (source/walk.h) ---- */

static bool claims_name(const char *name)
{
	for (size_t i = 0; kb_parsers[i]; i++)
		if (has_extension(name, kb_parsers[i]->extensions))
			return true;
	return false;
}

static const char *find_format(const char *format, kb_channel *channel)
{
	const kb_parser *p = kb_parser_find(format);
	if (p)
		*channel = p->channel;
	return p ? p->name : NULL;
}

static const char *detect_format(const char *path, const char *data, size_t len,
				 kb_channel *channel)
{
	const kb_parser *p = kb_parser_detect(path, data, len);
	if (p)
		*channel = p->channel;
	return p ? p->name : NULL;
}

const kb_formats kb_parser_formats = {claims_name, find_format, detect_format};

const char *kb_parse_why_empty(kb_arena *a, const kb_source *s, int *reason)
{
	const kb_parser *p = s->format ? kb_parser_find(s->format) : NULL;
	*reason = p && p->context ? -1 : KB_UNREAD_NO_ANSWERS;
	if (!p || !p->why_empty)
		return NULL;
	/* Described by the cache, unread: read it now. */
	if (!s->data && !kb_source_load((kb_source *)s, a))
		return NULL;
	kb_unread_reason r = KB_UNREAD_NO_ANSWERS;
	const char *why = p->why_empty(s, &r);
	*reason = (int)r;
	return why;
}

kb_unit *kb_unit_new(kb_parse_ctx *ctx)
{
	kb_unit *u = KB_NEW(ctx->arena, kb_unit);
	u->source = ctx->source;
	u->active = true;
	u->locale = ctx->source->locale;
	return u;
}

void kb_emit_unit(kb_parse_ctx *ctx, kb_unit *u)
{
	if (!u->text || u->text_len == 0)
		return;
	/* Whatever a parser copied from damaged input (a legacy encoding
	 * libxml2 did not know, say), what the rest of the run reads is valid
	 * UTF-8 without NUL; the text itself is repaired in kb_textb_finish. */
	u->id = kb_utf8_sanitized(ctx->arena, u->id);
	u->question = kb_utf8_sanitized(ctx->arena, u->question);
	if (u->nheadings) {
		const char **h = KB_NEWN(ctx->arena, const char *, u->nheadings);
		for (size_t i = 0; i < u->nheadings; i++)
			h[i] = kb_utf8_sanitized(ctx->arena, u->headings[i]);
		u->headings = h;
	}
	/* The locale gate (base/locale.h): a parser that read the document's
	 * language put it in u->locale in place of the source's. */
	const kb_source *s = ctx->source;
	const char *declared = u->locale != s->locale ? kb_locale_of(u->locale) : NULL;
	kb_locale_says says = {.config = s->locale_fixed ? s->locale : NULL,
			       .declared = declared,
			       .path = s->locale_fixed ? NULL : s->locale};
	u->locale = kb_locale_decide(&says, u->text, u->text_len, u->question);
	if (ctx->source->scope.n)
		u->scope = kb_scope_merge(ctx->arena, &ctx->source->scope, &u->scope);
	kb_vec_push(ctx->arena, ctx->units, u);
}

/* Open addressing over FNV-1a of the path; the run's first source with a
 * path wins, as in a search in order. */
struct kb_source_index {
	const kb_source **slots;
	size_t mask;
	kb_vec *of_format; /* per parser of the table, its sources in run order */
};

static size_t path_hash(const char *p)
{
	return (size_t)kb_hash(KB_HASH_INIT, p, strlen(p));
}

kb_source_index *kb_source_index_new(kb_arena *a, const kb_vec *sources)
{
	kb_source_index *ix = KB_NEW(a, kb_source_index);
	size_t cap = 16;
	while (cap < sources->len * 2)
		cap *= 2;
	ix->slots = KB_NEWN(a, const kb_source *, cap);
	ix->mask = cap - 1;
	size_t np = 0;
	while (kb_parsers[np])
		np++;
	ix->of_format = KB_NEWN(a, kb_vec, np ? np : 1);
	for (size_t i = 0; i < sources->len; i++) {
		const kb_source *s = sources->items[i];
		size_t k = path_hash(s->path) & ix->mask;
		bool dup = false;
		while (ix->slots[k] && !(dup = !strcmp(ix->slots[k]->path, s->path)))
			k = (k + 1) & ix->mask;
		if (!dup)
			ix->slots[k] = s;
		for (size_t p = 0; p < np && s->format; p++)
			if (!strcmp(kb_parsers[p]->name, s->format)) {
				kb_vec_push(a, &ix->of_format[p], (void *)s);
				break;
			}
	}
	return ix;
}

const kb_vec *kb_parse_sources_of(const kb_parse_ctx *ctx, const char *format)
{
	static const kb_vec none = {0};
	if (ctx->index) {
		for (size_t p = 0; kb_parsers[p]; p++)
			if (!strcmp(kb_parsers[p]->name, format))
				return &ctx->index->of_format[p];
		return &none;
	}
	if (!ctx->sources)
		return &none;
	kb_vec *v = KB_NEW(ctx->arena, kb_vec);
	for (size_t i = 0; i < ctx->sources->len; i++) {
		const kb_source *s = ctx->sources->items[i];
		if (s->format && !strcmp(s->format, format))
			kb_vec_push(ctx->arena, v, (void *)s);
	}
	return v;
}

static void depend(const kb_parse_ctx *ctx, kb_vec *v, const char *path)
{
	kb_parse_deps *d = ctx->deps;
	for (size_t i = 0; i < v->len; i++)
		if (!strcmp(v->items[i], path))
			return;
	kb_vec_push(d->arena, v, kb_strdup(d->arena, path));
}

const kb_source *kb_parse_use(const kb_parse_ctx *ctx, const kb_source *s)
{
	if (!s || s->data)
		return s;
	/* Described by the cache, unread: read it for this parser. */
	return ctx->arena && kb_source_load((kb_source *)s, ctx->arena) ? s : NULL;
}

const kb_source *kb_parse_find_source(const kb_parse_ctx *ctx, const char *path)
{
	if (ctx->deps)
		depend(ctx, &ctx->deps->files, path);
	if (!ctx->sources)
		return NULL;
	if (ctx->index) {
		const kb_source_index *ix = ctx->index;
		for (size_t k = path_hash(path) & ix->mask; ix->slots[k]; k = (k + 1) & ix->mask)
			if (!strcmp(ix->slots[k]->path, path))
				return kb_parse_use(ctx, ix->slots[k]);
		return NULL;
	}
	for (size_t i = 0; i < ctx->sources->len; i++) {
		const kb_source *s = ctx->sources->items[i];
		if (!strcmp(s->path, path))
			return kb_parse_use(ctx, s);
	}
	return NULL;
}

void kb_parse_read_folder(const kb_parse_ctx *ctx, const char *folder)
{
	if (ctx->deps)
		depend(ctx, &ctx->deps->folders, folder);
}

const char *kb_path_join(kb_arena *a, const char *base, const char *rel)
{
	kb_buf b = KB_BUF_INIT;
	const char *slash = strrchr(base, '/');
	if (rel[0] != '/' && slash)
		kb_buf_put(&b, base, (size_t)(slash - base));
	/* Append rel segment by segment, resolving "." and "..". */
	for (const char *p = rel; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* skip */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *last = b.len ? strrchr(b.ptr, '/') : NULL;
			if (last)
				b.len = (size_t)(last - b.ptr);
			else
				b.len = 0;
			if (b.ptr)
				b.ptr[b.len] = '\0';
		} else {
			if (b.len || rel[0] == '/')
				kb_buf_putc(&b, '/');
			kb_buf_put(&b, p, n);
		}
		p += n;
		if (*p == '/')
			p++;
	}
	const char *r = kb_strndup(a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	return r;
}

const char *kb_slug(kb_arena *a, const char *text)
{
	kb_buf b = KB_BUF_INIT, fb = KB_BUF_INIT;
	/* The fold is scratch: not in the arena, which keeps what it gets. */
	kb_text_fold_buf(&fb, text, strlen(text));
	const char *folded = kb_buf_cstr(&fb);
	bool dash = false;
	size_t n = fb.len;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t k = kb_utf8_next(folded + i, n - i, &cp);
		bool keep = kb_cp_is_letter(cp) || (cp >= '0' && cp <= '9');
		if (keep) {
			if (dash && b.len)
				kb_buf_putc(&b, '-');
			dash = false;
			kb_buf_put(&b, folded + i, k);
		} else {
			dash = true;
		}
		i += k;
		if (b.len >= 80)
			break;
	}
	const char *r = b.len ? kb_strndup(a, b.ptr, b.len) : "unit";
	kb_buf_free(&b);
	kb_buf_free(&fb);
	return r;
}
