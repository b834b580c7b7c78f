/* codestr_text.c - which strings in source code are text, and how a string
 * token becomes unit text.
 *
 * Source files are full of strings that are not text: keys, CSS classes,
 * URLs, paths, selectors, SQL, date formats.  A string is text when it
 * reads as language: two words or more that are mostly letters (or Thai,
 * which writes no spaces between words), and none of the shapes code
 * takes.  Keys help where they are plain: a className is never text, a
 * title heads an answer.
 */
#include "codestr.h"

#include <string.h>

#include "../base/text.h"
#include "../base/locale.h"

/* ---- keys ------------------------------------------------------------------- */

/* key folded: ASCII lower case, without '_', '-' and a leading '$'; false
 * when it does not fit out. */
static bool fold_key(const char *key, char *out, size_t cap)
{
	size_t k = 0;
	if (!key)
		return false;
	for (const char *p = key[0] == '$' ? key + 1 : key; *p; p++) {
		if (*p == '_' || *p == '-')
			continue;
		if (k + 1 >= cap)
			return false;
		out[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p);
	}
	out[k] = '\0';
	return k > 0;
}

static bool key_in(const char *key, const char *const *list)
{
	char f[40];
	if (!fold_key(key, f, sizeof f))
		return false;
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(f, list[i]))
			return true;
	return false;
}

bool kb_cs_key_question(const char *key)
{
	static const char *const k[] = {
	    "question", "q",        "title",         "heading",     "header", "headline",
	    "name",     "label",    "summary",       "subject",     "caption", "ask",
	    "questiontext", "faqquestion", "questiontitle", "topic", NULL};
	return key_in(key, k);
}

bool kb_cs_key_answer(const char *key)
{
	static const char *const k[] = {
	    "answer",   "a",         "ans",        "content",     "contents", "body",
	    "text",     "description", "desc",     "value",       "details",  "detail",
	    "info",     "message",   "msg",        "copy",        "paragraph", "paragraphs",
	    "html",     "reply",     "response",   "note",        "notes",    "items",
	    "list",     "points",    "bullets",    "lines",       "steps",    "answertext",
	    "faqanswer", "explanation", "policy",  "descriptions", NULL};
	return key_in(key, k);
}

bool kb_cs_key_code(const char *key)
{
	static const char *const k[] = {
	    "classname", "class",   "style",    "href",     "src",      "srcset",  "url",
	    "uri",       "link",    "path",     "route",    "to",       "icon",    "image",
	    "img",       "avatar",  "thumbnail", "photo",   "logo",     "id",      "key",
	    "ref",       "type",    "variant",  "color",    "colour",   "size",    "width",
	    "height",    "target",  "rel",      "method",   "action",   "as",      "component",
	    "testid",    "datatestid", "slug",  "locale",   "lang",     "font",    "fontfamily",
	    "format",    "pattern", "regex",    "mask",     "mode",     "env",     "query",
	    "sql",       "selector", "email",   "phone",    "tel",      "emoji",   "svg",
	    "xmlns",     "viewbox", "fill",     "stroke",   "d",        "role",    "htmlfor",
	    "autocomplete", "inputmode", "name_en", "animation", "transition", "transform",
	    "background", "border", "margin",   "padding",  "display",  "position",
	    /* a page's search-engine keywords: a list of words, no statement
	     * (its title and description are shown in search results: read) */
	    "keywords",  "metakeywords", NULL};
	return key_in(key, k);
}

bool kb_cs_key_hidden(const char *key)
{
	static const char *const k[] = {"style",      "styles",  "sx",     "css",    "theme",
					"classnames", "classes", "palette", "colors", "colours",
					"breakpoints", "typography", "keyframes", NULL};
	return key_in(key, k);
}

bool kb_cs_callee_hidden(const char *name)
{
	static const char *const k[] = {
	    "console",    "require",   "import",      "describe",    "it",
	    "test",       "expect",    "queryselector", "queryselectorall", "getelementbyid",
	    "getelementsbyclassname", "addeventlistener", "removeeventlistener", "fetch",
	    "assert",     "invariant", "logger",      "log",         "debug",
	    "define",     "matchmedia", "setattribute", "getattribute", "createelement",
	    NULL};
	char f[40];
	if (!fold_key(name, f, sizeof f))
		return false;
	size_t n = strlen(f);
	if (n >= 5 && !strcmp(f + n - 5, "error"))
		return strcmp(f, "seterror") != 0; /* new Error(...), but setError shows */
	return key_in(name, k);
}

const char *kb_cs_key_locale(const char *key)
{
	return key ? kb_locale_of_name(key, strlen(key)) : NULL;
}

const char *kb_cs_humanize(kb_arena *a, const char *key)
{
	if (!key)
		return NULL;
	kb_buf b = KB_BUF_INIT;
	bool space = false;
	for (const char *p = key; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '_' || c == '-' || c == '.' || c == ' ' || c == '$' || (c >= '0' && c <= '9')) {
			space = b.len > 0;
			continue;
		}
		/* camelCase: a capital after a small letter starts a word. */
		if (c >= 'A' && c <= 'Z' && p > key && p[-1] >= 'a' && p[-1] <= 'z')
			space = true;
		if (space && b.len)
			kb_buf_putc(&b, ' ');
		space = false;
		kb_buf_putc(&b, (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c));
	}
	const char *r = b.len ? kb_strndup(a, b.ptr, b.len) : NULL;
	kb_buf_free(&b);
	return r;
}

/* ---- the shape of a text ------------------------------------------------------ */

typedef struct shape {
	size_t cps, tokens, words, thai, digits, upper, lower, code, spaces;
	size_t csslike; /* tokens like "mt-2", "flex", "md:w-1/2" */
	bool all_css;   /* every token is lower-case ASCII class-name stuff */
	size_t capital_words; /* words that start with a capital */
	bool url, end_punct, title_case;
} shape;

static bool is_cp_space(int32_t cp) { return cp == ' ' || cp == '\n' || kb_cp_is_space(cp); }

/* A date/time format token: "DD/MM/YYYY", "HH:mm". */
static bool format_token(const char *s, size_t n)
{
	bool sep = false;
	for (size_t i = 0; i < n; i++) {
		if (strchr("/:.-", s[i]))
			sep = true;
		else if (!strchr("YMDHhmsSaAZ", s[i]))
			return false;
	}
	return sep;
}

/* One whitespace-separated token s[0..n) into sh. */
static void token(shape *sh, const char *s, size_t n)
{
	size_t cps = 0, letters = 0, css = 0;
	bool lower_ascii = true, marks = false;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += kb_utf8_next(s + i, n - i, &cp);
		cps++;
		bool letter = kb_cp_is_letter(cp);
		if (cp >= 0x0E00 && cp <= 0x0E7F) {
			sh->thai++;
			letter = true; /* Thai vowel signs are marks, not letters */
		}
		if (letter) {
			letters++;
			if (kb_cp_fold(cp) != cp)
				sh->upper++;
			else
				sh->lower++;
		}
		if (cp >= '0' && cp <= '9')
			sh->digits++;
		bool ascii = cp > 0 && cp < 0x80;
		if (ascii && strchr(";(){}[]=<>|\\$", (int)cp))
			sh->code++;
		if (cp == '-' || cp == ':' || cp == '_' || (cp >= '0' && cp <= '9'))
			marks = true;
		if (!((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
		      (ascii && strchr("-_:/.[]%#()!", (int)cp))))
			lower_ascii = false;
	}
	sh->tokens++;
	sh->cps += cps;
	if (lower_ascii && marks)
		css = 1;
	sh->csslike += css;
	if (!lower_ascii)
		sh->all_css = false;
	if (memmem(s, n, "://", 3) || (n > 4 && !memcmp(s, "www.", 4)) || (n > 7 && !memcmp(s, "mailto:", 7)))
		sh->url = true;
	bool word = letters > 0 && letters * 2 >= cps && !memchr(s, '_', n) && !memchr(s, '=', n) &&
		    !memchr(s, '\\', n) && !format_token(s, n) && !(memchr(s, '/', n) && letters < 3);
	if (word)
		sh->words++;
	/* Title Case: words of four letters or more start with a capital
	 * (and most words do: Vietnamese syllables are short). */
	int32_t first;
	kb_utf8_next(s, n, &first);
	bool capital = kb_cp_is_letter(first) && kb_cp_fold(first) != first;
	sh->capital_words += capital;
	if (letters >= 4 && kb_cp_is_letter(first) && !capital)
		sh->title_case = false;
}

static shape shape_of(const char *s, size_t n)
{
	shape sh = {.all_css = true, .title_case = true};
	size_t i = 0;
	while (i < n) {
		int32_t cp;
		size_t k = kb_utf8_next(s + i, n - i, &cp);
		if (is_cp_space(cp)) {
			sh.spaces++;
			i += k;
			continue;
		}
		size_t j = i;
		while (j < n) {
			size_t m = kb_utf8_next(s + j, n - j, &cp);
			if (is_cp_space(cp))
				break;
			j += m;
		}
		token(&sh, s + i, j - i);
		i = j;
	}
	size_t e = n;
	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\n'))
		e--;
	if (e > 0 && strchr(".!?;", s[e - 1]))
		sh.end_punct = true;
	if (e >= 3 && (!memcmp(s + e - 3, "\xE2\x80\xA6", 3) || !memcmp(s + e - 3, "\xE3\x80\x82", 3)))
		sh.end_punct = true; /* "…", "。" */
	return sh;
}

static bool is_sql(const char *s, size_t n)
{
	static const char *const verbs[] = {"select ", "insert ", "update ", "delete ", "create ",
					    "drop ", "alter ", NULL};
	static const char *const words[] = {" from ", " into ", " set ", " table ", " where ", NULL};
	bool verb = false;
	for (size_t i = 0; verbs[i] && !verb; i++)
		verb = n > strlen(verbs[i]) && !strncasecmp(s, verbs[i], strlen(verbs[i]));
	if (!verb)
		return false;
	for (size_t i = 0; words[i]; i++)
		for (size_t k = 0; k + strlen(words[i]) <= n; k++)
			if (!strncasecmp(s + k, words[i], strlen(words[i])))
				return true;
	return false;
}

bool kb_cs_natural(const char *s, size_t n)
{
	if (!s || n == 0)
		return false;
	shape sh = shape_of(s, n);
	if (sh.code * 10 > sh.cps || is_sql(s, n))
		return false;
	if (sh.thai >= 2)
		return true;
	if (sh.words < 2 || sh.words * 3 < sh.tokens * 2)
		return false;
	/* "btn btn-primary mt-2", "flex items-center": class lists. */
	if (sh.all_css && sh.csslike * 2 >= sh.tokens)
		return false;
	return !(sh.url && sh.tokens <= 2);
}

bool kb_cs_wordy(const char *s, size_t n)
{
	if (kb_cs_natural(s, n))
		return true;
	if (!s || n == 0)
		return false;
	shape sh = shape_of(s, n);
	return sh.tokens <= 2 && sh.words == sh.tokens && !sh.url && !sh.all_css && sh.code == 0;
}

bool kb_cs_label(const char *s, size_t n)
{
	if (!s || n == 0)
		return false;
	shape sh = shape_of(s, n);
	if (sh.digits || sh.end_punct || sh.words == 0 || sh.code)
		return false;
	if (sh.thai)
		return sh.cps <= 24 && sh.spaces <= 1;
	if (sh.tokens <= 4)
		return true;
	if (sh.upper && !sh.lower && sh.tokens <= 12)
		return true;
	return sh.title_case && sh.capital_words * 2 > sh.tokens && sh.tokens <= 8;
}

/* ---- string tokens into text ----------------------------------------------------- */

/* Tags that break a line of text. */
static bool block_tag(const char *s, size_t n)
{
	static const char *const tags[] = {"p", "br", "li", "ul", "ol", "div", "tr", "table",
					   "h1", "h2", "h3", "h4", "h5", "h6", "hr", NULL};
	size_t i = s[0] == '/' ? 1 : 0, k = i;
	while (k < n && (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') || (s[k] >= '1' && s[k] <= '6')))
		k++;
	for (size_t t = 0; tags[t]; t++)
		if (strlen(tags[t]) == k - i && !strncasecmp(s + i, tags[t], k - i))
			return true;
	return false;
}

static void put_break(kb_cs_sink *k)
{
	if (k->tb)
		kb_textb_break(k->tb);
	if (k->buf)
		kb_buf_putc(k->buf, '\n');
}

void kb_cs_sink_space(kb_cs_sink *k)
{
	if (k->tb)
		kb_textb_space(k->tb);
	if (k->buf)
		kb_buf_putc(k->buf, ' ');
}

static void put_exact(kb_cs_sink *k, const char *s, size_t n, size_t at)
{
	if (!n)
		return;
	if (k->tb)
		kb_textb_add_at(k->tb, s, n, at);
	if (k->buf)
		kb_buf_put(k->buf, s, n);
}

/* Source bytes s[0..n) at `at`, markup dropped. */
static void exact_text(kb_cs_sink *k, const char *s, size_t n, size_t at)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		if (k->in_tag) {
			if (s[i] == '>') {
				k->in_tag = false;
				from = i + 1;
			}
			continue;
		}
		unsigned char c = i + 1 < n ? (unsigned char)s[i + 1] : 0;
		if (s[i] != '<' || !(((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '/' || c == '!'))
			continue;
		put_exact(k, s + from, i - from, at + from);
		if (block_tag(s + i + 1, n - i - 1))
			put_break(k);
		else
			kb_cs_sink_space(k);
		k->in_tag = true;
	}
	if (!k->in_tag)
		put_exact(k, s + from, n - from, at + from);
}

void kb_cs_sink_token(kb_cs_sink *k, const kb_jslex *lx, size_t tok)
{
	kb_jsstr it;
	kb_jspiece p;
	kb_jsstr_init(&it, lx, &lx->tok[tok]);
	while (kb_jsstr_next(&it, &p)) {
		if (p.brk) {
			put_break(k);
		} else if (p.exact) {
			exact_text(k, p.s, p.n, p.src_off);
		} else if (!k->in_tag) {
			if (k->tb)
				kb_textb_add_derived(k->tb, p.s, p.n, p.src_off, p.src_len);
			if (k->buf)
				kb_buf_put(k->buf, p.s, p.n);
		}
	}
}
