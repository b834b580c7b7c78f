/* template_blank.c - the template pre-pass: template code becomes spaces
 * (see template.h).
 *
 * One scan per file, per engine.  Delimiters are found as the engines find
 * them (Blade and Twig end an echo at the first "}}", PHP ends a block at
 * "?>" outside its strings and block comments); a tag that is never
 * closed is left as text, as the engines print it, except PHP's, which
 * runs to the end of the file.  Searches for a closer are charged to a
 * budget proportional to the file, so a file of a million unclosed "{{"
 * costs what a page costs.
 */
#include "template.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct bl {
	const char *d; /* the file */
	char *o;       /* the copy being blanked */
	size_t n;
	kb_tpl_engine e;
	size_t budget; /* bytes that searches for closers may still read */
	kb_tpl_branches *br; /* the conditionals' arms, or NULL */
} bl;

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static bool is_word(unsigned char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '_';
}

static bool at(const bl *b, size_t p, const char *s)
{
	size_t k = strlen(s);
	return p <= b->n && b->n - p >= k && memcmp(b->d + p, s, k) == 0;
}

static size_t skip_ws(const bl *b, size_t p, size_t to)
{
	while (p < to && is_ws((unsigned char)b->d[p]))
		p++;
	return p;
}

/* Bytes [from, to) become spaces; line ends stay. */
static void blank(bl *b, size_t from, size_t to)
{
	for (size_t i = from; i < to && i < b->n; i++)
		if (b->o[i] != '\n' && b->o[i] != '\r')
			b->o[i] = ' ';
}

/* The offset of s at or after from, or n; the bytes read are charged to
 * the budget, and once it is spent nothing more is found. */
static size_t find(bl *b, size_t from, const char *s)
{
	if (from >= b->n || b->budget == 0)
		return b->n;
	const char *p = memmem(b->d + from, b->n - from, s, strlen(s));
	size_t hit = p ? (size_t)(p - b->d) : b->n;
	size_t cost = hit - from + 1;
	b->budget = cost < b->budget ? b->budget - cost : 0;
	return hit;
}

/* ---- the text an output tag prints ------------------------------------- */

/* What a literal printed as text never holds: markup, interpolation
 * ("$name", "{name}"; "$50" is money), escapes, line ends. */
static bool foreign(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] && strchr("<>{}\\\n\r", s[i]))
			return true;
		if (s[i] == '$' && i + 1 < n && (is_alpha((unsigned char)s[i + 1]) || s[i + 1] == '_'))
			return true;
	}
	return false;
}

/* s[0..n) reads as words of the page rather than a key ('faq.title'), a
 * path, a format ('d M Y') or markup: two words of Latin letters with a
 * space, one capitalised word ('Returns'), or any non-ASCII letter (Thai
 * has no spaces). */
static bool reads_as_text(const char *s, size_t n)
{
	bool space = false, other_script = false, letters = n >= 2;
	int words = 0, run = 0;
	if (foreign(s, n))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			other_script = true;
		space |= c == ' ';
		letters &= is_alpha(c);
		run = is_alpha(c) ? run + 1 : 0;
		words += run == 2;
	}
	bool capitalised = letters && s[0] >= 'A' && s[0] <= 'Z';
	return other_script || capitalised || (space && words >= 2);
}

/* [*ls, *le): the characters of the one string literal the output
 * expression d[p..to) prints, when it prints one that reads as text:
 * 'x', "x", __('x'), trans("x"), Lang::get('x'), 'x'|trans, 'x' | t,
 * echo 'x'; with `helper`, also a call without parentheses as Handlebars
 * and Django write them (t "x", trans "x").  A literal with an escape in
 * it is not read (its text is not its characters). */
static bool text_literal(const bl *b, size_t p, size_t to, bool helper, size_t *ls,
			 size_t *le)
{
	const char *d = b->d;
	for (int calls = 0; calls < 4; calls++) {
		p = skip_ws(b, p, to);
		if (p >= to)
			return false;
		if (d[p] == '\'' || d[p] == '"') {
			const char *q = memchr(d + p + 1, d[p], to - p - 1);
			if (!q || memchr(d + p + 1, '\\', (size_t)(q - d) - p - 1))
				return false;
			*ls = p + 1;
			*le = (size_t)(q - d);
			return reads_as_text(d + *ls, *le - *ls);
		}
		size_t q = p;
		while (q < to && (is_word((unsigned char)d[q]) || d[q] == '$' || d[q] == '.' ||
				  d[q] == ':' || d[q] == '\\'))
			q++;
		if (q == p)
			return false;
		bool keyword = (q - p == 4 && !memcmp(d + p, "echo", 4)) ||
			       (q - p == 5 && !memcmp(d + p, "print", 5));
		size_t r = skip_ws(b, q, to);
		if (r < to && d[r] == '(')
			p = r + 1;
		else if (r > q && (helper || keyword))
			p = r;
		else
			return false;
	}
	return false;
}

/* Blanks the tag [from, to) whose expression is d[p..q), keeping the text
 * literal it prints, if any. */
static void blank_output(bl *b, size_t from, size_t to, size_t p, size_t q, bool helper)
{
	size_t ls, le;
	blank(b, from, to);
	if (text_literal(b, p, q, helper, &ls, &le))
		memcpy(b->o + ls, b->d + ls, le - ls);
}

/* The arguments of a partial's include, d[p..to): what the partial shows
 * ({% include 'date-card.html', month: "July", heading: "Grant results" %},
 * @include('card', ['title' => 'Free returns'])).  Every string literal
 * after the first (the partial's name) is kept, but keys ('title' =>,
 * 'title':) and paths. */
static void keep_arguments(bl *b, size_t p, size_t to)
{
	const char *d = b->d;
	bool first = true;
	for (size_t i = p; i < to; i++) {
		if (d[i] != '\'' && d[i] != '"')
			continue;
		const char *q = memchr(d + i + 1, d[i], to - i - 1);
		if (!q)
			return;
		size_t s = i + 1, e = (size_t)(q - d), k = skip_ws(b, e + 1, to);
		bool key = k < to && (d[k] == ':' || d[k] == '=');
		bool path = memchr(d + s, '/', e - s) ||
			    (memchr(d + s, '.', e - s) && !memchr(d + s, ' ', e - s));
		if (!first && !key && !path && !foreign(d + s, e - s))
			memcpy(b->o + s, d + s, e - s);
		first = false;
		i = e;
	}
}

/* A tag from..."close": blanked as output (echo) or code.  Returns where
 * the scan goes on; an unclosed tag is left as it is. */
static size_t delimited(bl *b, size_t from, size_t open, const char *close, bool echo,
			bool helper)
{
	size_t e = find(b, from + open, close);
	if (e >= b->n)
		return from + open;
	size_t end = e + strlen(close);
	if (echo)
		blank_output(b, from, end, from + open, e, helper);
	else
		blank(b, from, end);
	return end;
}

/* ---- PHP -------------------------------------------------------------- */

/* p is just past "<<<": the end of the heredoc or nowdoc there (its
 * closing identifier alone at the start of a line, indented or not). */
static size_t heredoc_end(bl *b, size_t p)
{
	const char *d = b->d;
	p = skip_ws(b, p, b->n);
	if (p < b->n && (d[p] == '\'' || d[p] == '"'))
		p++;
	size_t id = p;
	while (p < b->n && is_word((unsigned char)d[p]))
		p++;
	size_t k = p - id;
	if (!k)
		return p;
	for (size_t nl = find(b, p, "\n"); nl < b->n; nl = find(b, nl + 1, "\n")) {
		size_t s = nl + 1;
		while (s < b->n && (d[s] == ' ' || d[s] == '\t'))
			s++;
		if (b->n - s >= k && !memcmp(d + s, d + id, k) &&
		    (s + k == b->n || !is_word((unsigned char)d[s + k])))
			return s + k;
	}
	return b->n;
}

/* p is in PHP code: the offset of the "?>" that ends it, or n.  "?>"
 * ends the code anywhere but in a string or a block comment (also in a
 * line comment, as PHP has it). */
static size_t php_end(bl *b, size_t p)
{
	const char *d = b->d;
	for (size_t i = p; i < b->n; i++) {
		char c = d[i];
		if (c == '?' && i + 1 < b->n && d[i + 1] == '>')
			return i;
		if (c == '\'' || c == '"' || c == '`') {
			for (i++; i < b->n && d[i] != c; i++)
				if (d[i] == '\\')
					i++;
		} else if (c == '/' && i + 1 < b->n && d[i + 1] == '*') {
			i = find(b, i + 2, "*/") + 1;
		} else if (c == '#' || (c == '/' && i + 1 < b->n && d[i + 1] == '/')) {
			while (i + 1 < b->n && d[i + 1] != '\n' &&
			       !(d[i + 1] == '?' && i + 2 < b->n && d[i + 2] == '>'))
				i++;
		} else if (c == '<' && at(b, i, "<<<")) {
			i = heredoc_end(b, i + 3) - 1;
		}
	}
	return b->n;
}

/* At "<?": a PHP block ("<?php", "<?=", or the short "<? "), blanked;
 * returns where the scan goes on (p + 1 when it is no PHP: "<?xml"). */
static size_t php_block(bl *b, size_t p)
{
	const char *d = b->d;
	size_t body;
	bool echo = false;
	if (at(b, p, "<?=")) {
		body = p + 3;
		echo = true;
	} else if (b->n - p >= 5 && !strncasecmp(d + p, "<?php", 5) &&
		   (p + 5 == b->n || is_ws((unsigned char)d[p + 5]))) {
		body = p + 5;
		size_t k = skip_ws(b, body, b->n);
		echo = at(b, k, "echo") || at(b, k, "print");
	} else if (p + 2 < b->n && is_ws((unsigned char)d[p + 2])) {
		body = p + 2;
	} else {
		return p + 1;
	}
	size_t code_end = php_end(b, body);
	size_t end = code_end < b->n ? code_end + 2 : b->n;
	if (echo)
		blank_output(b, p, end, body, code_end, false);
	else
		blank(b, p, end);
	if (!echo)
		kb_tpl_php_tag(b->br, b->d, p, body, code_end, end);
	return end;
}

/* ---- Blade -------------------------------------------------------------- */

/* Blade's own directives (custom ones are taken when their arguments
 * follow the name at once: "@money(...)"; "@media (...)" in CSS is not). */
static const char *const blade_directives[] = {
    "if", "elseif", "else", "endif", "unless", "endunless", "isset", "endisset",
    "empty", "endempty", "auth", "endauth", "guest", "endguest", "production",
    "endproduction", "env", "endenv", "hasSection", "sectionMissing", "switch",
    "case", "break", "default", "endswitch", "for", "endfor", "foreach",
    "endforeach", "forelse", "endforelse", "while", "endwhile", "continue",
    "php", "endphp", "include", "includeIf", "includeWhen", "includeUnless",
    "includeFirst", "each", "extends", "section", "endsection", "show", "yield",
    "parent", "stop", "append", "overwrite", "push", "endpush", "pushOnce",
    "endPushOnce", "prepend", "endprepend", "stack", "once", "endonce",
    "component", "endcomponent", "slot", "endslot", "props", "aware", "csrf",
    "method", "error", "enderror", "lang", "choice", "json", "verbatim",
    "endverbatim", "can", "cannot", "canany", "elsecan", "endcan", "endcannot",
    "endcanany", "class", "style", "checked", "selected", "disabled", "readonly",
    "required", "vite", "inject", "dd", "dump", "fragment", "endfragment",
    "livewire", "livewireStyles", "livewireScripts", "routes", NULL};

static bool blade_directive(const char *s, size_t k)
{
	for (size_t i = 0; blade_directives[i]; i++)
		if (strlen(blade_directives[i]) == k && !memcmp(blade_directives[i], s, k))
			return true;
	return false;
}

enum { MAX_ARGS = 4096 }; /* a directive's arguments, in bytes */

/* p at '(': just past its matching ')', strings skipped; 0 when there is
 * none within MAX_ARGS bytes (then the directive has no arguments). */
static size_t args_end(bl *b, size_t p)
{
	const char *d = b->d;
	size_t lim = b->n - p > MAX_ARGS ? p + MAX_ARGS : b->n;
	if (b->budget < lim - p)
		return 0;
	b->budget -= lim - p;
	int depth = 0;
	for (size_t i = p; i < lim; i++) {
		char c = d[i];
		if (c == '\'' || c == '"') {
			for (i++; i < lim && d[i] != c; i++)
				if (d[i] == '\\')
					i++;
		} else if (c == '(') {
			depth++;
		} else if (c == ')' && --depth == 0) {
			return i + 1;
		}
	}
	return 0;
}

/* At '@' not preceded by a word character (an address is no directive). */
static size_t blade_at(bl *b, size_t p)
{
	const char *d = b->d;
	if (at(b, p, "@{{")) /* printed as "{{ ... }}" for a script framework */
		return delimited(b, p, 3, "}}", false, false);
	if (at(b, p, "@@")) /* an escaped "@" */
		return p + 2;
	size_t q = p + 1;
	while (q < b->n && is_word((unsigned char)d[q]))
		q++;
	size_t r = q;
	while (r < b->n && (d[r] == ' ' || d[r] == '\t'))
		r++;
	bool known = blade_directive(d + p + 1, q - p - 1);
	if (q == p + 1 || (!known && (q == b->n || d[q] != '(')))
		return p + 1;
	size_t end = r < b->n && d[r] == '(' ? args_end(b, r) : 0;
	if (!end && q - p - 1 == 3 && !memcmp(d + p + 1, "php", 3)) {
		size_t e = find(b, q, "@endphp"); /* a block of PHP */
		end = e < b->n ? e + 7 : b->n;
	}
	if (!end)
		end = q;
	const char *name = d + p + 1;
	size_t k = q - p - 1;
	bool args = end > r;
	kb_tpl_blade_tag(b->br, b->d, p, name, k, args ? r + 1 : end, args ? end - 1 : end, end);
	if (args && k == 4 && !memcmp(name, "lang", 4)) {
		blank_output(b, p, end, r + 1, end - 1, false);
		return end;
	}
	blank(b, p, end);
	if (args && ((k == 7 && !memcmp(name, "include", 7)) ||
		     (k == 9 && !memcmp(name, "includeIf", 9)) ||
		     (k == 9 && !memcmp(name, "component", 9))))
		keep_arguments(b, r + 1, end - 1);
	return end;
}

static size_t blade_brace(bl *b, size_t p)
{
	if (at(b, p, "{{--"))
		return delimited(b, p, 4, "--}}", false, false);
	if (at(b, p, "{!!"))
		return delimited(b, p, 3, "!!}", true, false);
	return delimited(b, p, 2, "}}", true, false);
}

/* ---- Twig, Jinja, Django, Liquid, Nunjucks ------------------------------ */

/* The name of the tag whose body starts at p ("{%-  endif" -> "endif"). */
static size_t tag_name(const bl *b, size_t p, size_t *len)
{
	while (p < b->n && (b->d[p] == '-' || b->d[p] == '~' || b->d[p] == '+'))
		p++;
	p = skip_ws(b, p, b->n);
	size_t q = p;
	while (q < b->n && is_word((unsigned char)b->d[q]))
		q++;
	*len = q - p;
	return p;
}

/* Blocks whose content is never the page's text: comments, and the
 * settings, scripts and styles of Shopify sections. */
static const char *const hidden_blocks[] = {"comment", "schema", "javascript",
					    "stylesheet", NULL};

/* Just past the tag {% end<name> %} at or after p, or 0. */
static size_t end_tag(bl *b, size_t p, const char *name, size_t k)
{
	for (size_t t = find(b, p, "{%"); t < b->n; t = find(b, t + 2, "{%")) {
		size_t len, s = tag_name(b, t + 2, &len);
		if (len == k + 3 && !memcmp(b->d + s, "end", 3) && !memcmp(b->d + s + 3, name, k)) {
			size_t e = find(b, s, "%}");
			return e < b->n ? e + 2 : 0;
		}
	}
	return 0;
}

static size_t braces_tag(bl *b, size_t p)
{
	if (at(b, p, "{#"))
		return delimited(b, p, 2, "#}", false, false);
	if (at(b, p, "{{"))
		return delimited(b, p, 2, "}}", true, false);
	size_t e = find(b, p + 2, "%}");
	if (e >= b->n)
		return p + 2;
	size_t k, s = tag_name(b, p + 2, &k);
	for (size_t i = 0; hidden_blocks[i]; i++)
		if (strlen(hidden_blocks[i]) == k && !memcmp(b->d + s, hidden_blocks[i], k)) {
			size_t end = end_tag(b, e + 2, hidden_blocks[i], k);
			if (!end)
				break;
			blank(b, p, end);
			return end;
		}
	const char *name = b->d + s;
	kb_tpl_braces_tag(b->br, b->d, p, s, k, e);
	if ((k == 5 && !memcmp(name, "trans", 5)) || (k == 9 && !memcmp(name, "translate", 9))) {
		blank_output(b, p, e + 2, s, e, true);
		return e + 2;
	}
	blank(b, p, e + 2);
	if ((k == 7 && !memcmp(name, "include", 7)) || (k == 6 && !memcmp(name, "render", 6)) ||
	    (k == 5 && !memcmp(name, "embed", 5)))
		keep_arguments(b, s + k, e);
	return e + 2;
}

/* YAML front matter (Jekyll, Eleventy): "---" lines around it. */
static size_t front_matter(bl *b)
{
	size_t p = at(b, 0, "\xEF\xBB\xBF") ? 3 : 0;
	if (!at(b, p, "---\n") && !at(b, p, "---\r\n"))
		return p;
	for (size_t nl = find(b, p + 3, "\n"); nl < b->n; nl = find(b, nl + 1, "\n"))
		if (at(b, nl + 1, "---") || at(b, nl + 1, "...")) {
			size_t e = nl + 4;
			while (e < b->n && b->d[e] != '\n')
				e++;
			blank(b, p, e);
			return e;
		}
	return p;
}

/* ---- Vue single-file components ---------------------------------------- */

/* p at '<': just past the tag there (quoted values may hold '>'). */
static size_t tag_end(const bl *b, size_t p)
{
	char quote = 0;
	for (size_t i = p + 1; i < b->n; i++) {
		char c = b->d[i];
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '>') {
			return i + 1;
		}
	}
	return b->n;
}

static bool tag_at(const bl *b, size_t p, const char *name)
{
	size_t k = strlen(name);
	if (b->n - p < k + 1 || strncasecmp(b->d + p, name, k) != 0)
		return false;
	unsigned char c = (unsigned char)b->d[p + k];
	return is_ws(c) || c == '>' || c == '/';
}

/* The top-level <template>'s content is the page: everything else
 * (<script>, <style>, custom blocks) and the template's own tags, and
 * nested <template> tags (which HTML hides), become spaces; so does the
 * whole file when the template is written in another language (pug). */
static void vue(bl *b)
{
	const char *d = b->d;
	size_t p = find(b, 0, "<template");
	while (p < b->n && !tag_at(b, p, "<template"))
		p = find(b, p + 1, "<template");
	size_t open = p < b->n ? tag_end(b, p) : b->n;
	const char *lang = open < b->n ? memmem(d + p, open - p, "lang=", 5) : NULL;
	if (open >= b->n || (lang && !at(b, (size_t)(lang - d) + 6, "html"))) {
		blank(b, 0, b->n);
		return;
	}
	blank(b, 0, open);
	int depth = 1;
	size_t i = open;
	while (i < b->n && depth > 0) {
		if (at(b, i, "{{")) {
			i = delimited(b, i, 2, "}}", true, false);
			continue;
		}
		bool opens = d[i] == '<' && tag_at(b, i, "<template");
		bool closes = d[i] == '<' && tag_at(b, i, "</template");
		if (!opens && !closes) {
			i++;
			continue;
		}
		size_t e = tag_end(b, i);
		blank(b, i, e);
		i = e;
		depth += opens ? 1 : -1;
	}
	blank(b, i, b->n);
}

static size_t hb_tag(bl *b, size_t p)
{
	if (at(b, p, "{{!--"))
		return delimited(b, p, 5, "--}}", false, false);
	if (at(b, p, "{{!"))
		return delimited(b, p, 3, "}}", false, false);
	if (at(b, p, "{{{"))
		return delimited(b, p, 3, "}}}", true, true);
	size_t end = delimited(b, p, 2, "}}", true, true);
	kb_tpl_hb_tag(b->br, b->d, p, end);
	return end;
}

static size_t erb_tag(bl *b, size_t p)
{
	if (at(b, p, "<%%")) /* a literal "<%" */
		return p + 3;
	if (at(b, p, "<%#"))
		return delimited(b, p, 3, "%>", false, false);
	size_t open = at(b, p, "<%==") ? 4 : at(b, p, "<%=") ? 3 : 2;
	size_t end = delimited(b, p, open, "%>", open > 2, false);
	kb_tpl_erb_tag(b->br, b->d, p, p + open, end);
	return end;
}

/* JSP and EJS: "<%" tags as ERB writes them (a comment "<%-- --%>" ends
 * at its "%>" too), and Expression Language "${...}" / "#{...}", which
 * JSP pages print anywhere in their text. */
static size_t scriptlet_tag(bl *b, size_t p)
{
	if (b->d[p] != '<')
		return delimited(b, p, 2, "}", false, false);
	if (at(b, p, "<%--"))
		return delimited(b, p, 4, "--%>", false, false);
	size_t open = at(b, p, "<%=") || at(b, p, "<%-") ? 3 : 2;
	return delimited(b, p, open, "%>", open > 2, false);
}

/* ---- the scan ------------------------------------------------------------ */

static size_t step(bl *b, size_t p)
{
	const char *d = b->d;
	char c = d[p], c1 = p + 1 < b->n ? d[p + 1] : '\0';
	if (b->e == KB_TPL_PHP || b->e == KB_TPL_BLADE) { /* Blade holds PHP too */
		if (c == '<' && c1 == '?')
			return php_block(b, p);
	}
	switch (b->e) {
	case KB_TPL_BLADE:
		if (c == '@' && (p == 0 || !is_word((unsigned char)d[p - 1])))
			return blade_at(b, p);
		if (c == '{' && (c1 == '{' || c1 == '!'))
			return blade_brace(b, p);
		break;
	case KB_TPL_PHP:
		break;
	case KB_TPL_BRACES:
		return c == '{' && (c1 == '{' || c1 == '%' || c1 == '#') ? braces_tag(b, p) : p + 1;
	case KB_TPL_HANDLEBARS:
		return c == '{' && c1 == '{' ? hb_tag(b, p) : p + 1;
	case KB_TPL_ERB:
		return c == '<' && c1 == '%' ? erb_tag(b, p) : p + 1;
	case KB_TPL_SCRIPTLET:
		return (c == '<' && c1 == '%') || ((c == '$' || c == '#') && c1 == '{')
			   ? scriptlet_tag(b, p)
			   : p + 1;
	case KB_TPL_VUE:
		break;
	}
	return p + 1;
}

char *kb_template_blank(kb_tpl_engine e, const char *data, size_t len, kb_tpl_branches *br)
{
	char *o = malloc(len + 1);
	if (!o)
		abort();
	memcpy(o, data, len);
	o[len] = '\0';
	bl b = {data, o, len, e, 16 * len + 65536, br};
	if (e == KB_TPL_VUE) {
		vue(&b);
	} else {
		size_t p = e == KB_TPL_BRACES ? front_matter(&b) : 0;
		while (p < len)
			p = step(&b, p);
	}
	kb_tpl_branches_done(br);
	return o;
}
