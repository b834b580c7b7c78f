/* edit.c - new words written for the place they go in a source file.
 *
 * The place is known by the source's format and, where the format nests
 * one syntax in another, by what surrounds the byte: the YAML scalar's
 * style (libfyaml says), a <script> in an HTML page (JSON-LD), a CSV
 * field's quotes.  The escaping itself is the libraries' (libxml2 for
 * entities, the JSON writer for string escapes); what is left by hand is
 * what no library offers: Markdown's backslashes, YAML's doubled single
 * quote, CSV's doubled double quote.  A character a place cannot hold
 * safely (a quote in a JavaScript string of unknown quoting, template
 * syntax, a line break anywhere) refuses the fix with the reason.
 */
#include <libxml/entities.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/diag.h"
#include "../base/jsonw.h"
#include "../base/yaml.h"
#include "fix.h"

typedef enum place {
	P_REFUSE,   /* no format known: only inert characters */
	P_MARKDOWN,
	P_HTML,     /* HTML or XML text: entities */
	P_TEMPLATE, /* HTML text in a template: entities, no template syntax */
	P_JSON,     /* a JSON string (may hold HTML: no markup characters) */
	P_YAML,     /* by the scalar's style */
	P_CSV,
	P_CODE,     /* a string in program code: nothing to escape allowed */
} place;

static const struct {
	const char *format;
	place p;
} places[] = {
    {"markdown", P_MARKDOWN},
    {"html", P_HTML},
    {"aiml", P_HTML},
    {"rasa", P_YAML},
    {"dialogflow", P_JSON},
    {"dialogflow-cx", P_JSON},
    {"zendesk-macros", P_JSON},
    {"freshdesk", P_JSON},
    {"helpscout", P_JSON},
    {"zendesk-hc", P_JSON},
    {"intent-responses", P_JSON},
    {"csv", P_CSV},
    {"jsx", P_CODE},
    {"js-strings", P_CODE},
    {"php-strings", P_CODE},
    {"php", P_TEMPLATE},
    {"blade", P_TEMPLATE},
    {"twig", P_TEMPLATE},
    {"jinja", P_TEMPLATE},
    {"liquid", P_TEMPLATE},
    {"nunjucks", P_TEMPLATE},
    {"handlebars", P_TEMPLATE},
    {"erb", P_TEMPLATE},
    {"vue", P_TEMPLATE},
};

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && !strcasecmp(s + n - m, tail);
}

static place place_of(const kb_source *s)
{
	if (!strcmp(s->format, "mapped")) /* kbcheck.yml's map: JSON or YAML */
		return ends_with(s->path, ".json") ? P_JSON : P_YAML;
	for (size_t i = 0; i < sizeof places / sizeof places[0]; i++)
		if (!strcmp(places[i].format, s->format))
			return places[i].p;
	return P_REFUSE;
}

/* The first of chars in text[0..n), or 0. */
static char has_any(const char *text, size_t n, const char *chars)
{
	for (size_t i = 0; i < n; i++)
		if (text[i] && strchr(chars, text[i]))
			return text[i];
	return 0;
}

static bool refuse(const char **why, kb_arena *a, char c, const char *where)
{
	*why = kb_sprintf(a, "'%c' cannot be written safely in %s", c, where);
	return false;
}

/* The last occurrence of word (any case) in data[0..at), or -1. */
static long last_tag(const char *data, size_t at, const char *word)
{
	size_t m = strlen(word);
	for (size_t i = at; i >= m; i--)
		if (!strncasecmp(data + i - m, word, m))
			return (long)(i - m);
	return -1;
}

/* Byte at lies in a <script> element (schema.org JSON-LD). */
static bool in_script(const char *data, size_t at)
{
	return last_tag(data, at, "<script") > last_tag(data, at, "</script");
}

/* Inside a quoted CSV field: the quotes before at are odd in number (a
 * doubled quote counts twice). */
static bool in_csv_quotes(const char *data, size_t at)
{
	bool q = false;
	for (size_t i = 0; i < at; i++)
		q ^= data[i] == '"';
	return q;
}

static void put_entities(kb_buf *b, const char *text, size_t n)
{
	char *t = strndup(text, n);
	xmlChar *e = t ? xmlEncodeSpecialChars(NULL, (const xmlChar *)t) : NULL;
	if (!e)
		abort();
	kb_buf_puts(b, (const char *)e);
	xmlFree(e);
	free(t);
}

/* A JSON string's escapes, by the JSON writer, without its quotes. */
static void put_json(kb_buf *b, const char *text, size_t n)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	if (!f)
		abort();
	kb_jsonw *w = kb_jsonw_new(f, false);
	kb_jsonw_strn(w, text, n);
	kb_jsonw_free(w);
	fclose(f);
	while (len && (mem[len - 1] == '\n' || mem[len - 1] == ' '))
		len--;
	if (len >= 2 && mem[0] == '"' && mem[len - 1] == '"')
		kb_buf_put(b, mem + 1, len - 2);
	free(mem);
}

/* Doubles every q (YAML's '' and CSV's ""). */
static void put_doubled(kb_buf *b, const char *text, size_t n, char q)
{
	for (size_t i = 0; i < n; i++) {
		if (text[i] == q)
			kb_buf_putc(b, q);
		kb_buf_putc(b, text[i]);
	}
}

/* CommonMark: a backslash before any ASCII punctuation makes it literal;
 * these are the ones that can start markup inside a line. */
static void put_markdown(kb_buf *b, const char *text, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strchr("\\`*_[]<>#!|~&", text[i]) && text[i])
			kb_buf_putc(b, '\\');
		kb_buf_putc(b, text[i]);
	}
}

static bool yaml_place(kb_arena *a, const kb_source *s, size_t at, const char *text,
		       size_t n, kb_buf *b, const char **why)
{
	kb_diags *d = kb_diags_new(a);
	kb_yaml y;
	char style = 0;
	bool json = ends_with(s->path, ".json");
	if (kb_yaml_parse(&y, d, s->path, s->data, s->len, json)) {
		style = kb_yaml_style_at(&y, at);
		kb_yaml_close(&y);
	}
	char c;
	switch (style) {
	case '"':
		put_json(b, text, n);
		return true;
	case '\'':
		put_doubled(b, text, n, '\'');
		return true;
	case '|':
	case '>':
		kb_buf_put(b, text, n);
		return true;
	case 'p':
		if ((c = has_any(text, n, ":#,[]{}\"'|>&*!%@`")))
			return refuse(why, a, c, "a plain (unquoted) YAML scalar");
		kb_buf_put(b, text, n);
		return true;
	default:
		*why = "the phrase is not inside one YAML scalar";
		return false;
	}
}

bool kb_fix_escape(kb_arena *a, const kb_source *s, size_t at, const char *text, size_t n,
		   const char **out, size_t *outlen, const char **why)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f) {
			*why = "the suggested wording holds a line break or control character";
			return false;
		}
	kb_buf b = KB_BUF_INIT;
	bool ok = true;
	char c = 0;
	switch (place_of(s)) {
	case P_MARKDOWN:
		put_markdown(&b, text, n);
		break;
	case P_HTML:
		if (!strcmp(s->format, "html") && in_script(s->data, at)) {
			if ((c = has_any(text, n, "<>&")))
				ok = refuse(why, a, c, "JSON-LD (a JSON string holding HTML)");
			else
				put_json(&b, text, n);
		} else {
			put_entities(&b, text, n);
		}
		break;
	case P_TEMPLATE:
		if ((c = has_any(text, n, "{}@$%#`\\'\"")))
			ok = refuse(why, a, c, "a template page");
		else
			put_entities(&b, text, n);
		break;
	case P_JSON:
		if ((c = has_any(text, n, "<>&")))
			ok = refuse(why, a, c, "a JSON string that may hold HTML");
		else
			put_json(&b, text, n);
		break;
	case P_YAML:
		ok = yaml_place(a, s, at, text, n, &b, why);
		break;
	case P_CSV:
		if (in_csv_quotes(s->data, at))
			put_doubled(&b, text, n, '"');
		else if ((c = has_any(text, n, ",;\t\"")))
			ok = refuse(why, a, c, "an unquoted CSV field");
		else
			kb_buf_put(&b, text, n);
		break;
	case P_CODE:
		if ((c = has_any(text, n, "\"'`\\${}<>&")))
			ok = refuse(why, a, c, "a string in program code");
		else
			kb_buf_put(&b, text, n);
		break;
	case P_REFUSE:
		if ((c = has_any(text, n, "\"'`\\${}<>&*_#:,[]|%@")))
			ok = refuse(why, a, c, kb_sprintf(a, "a %s file", s->format));
		else
			kb_buf_put(&b, text, n);
		break;
	}
	if (ok) {
		*out = kb_strndup(a, kb_buf_cstr(&b), b.len);
		*outlen = b.len;
	}
	kb_buf_free(&b);
	return ok;
}
