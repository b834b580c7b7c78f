/* jslex.c - the tolerant JS/TS/JSX/PHP tokenizer of jslex.h.
 *
 * A stack of modes says what the bytes at hand are: JavaScript (or PHP)
 * code, the text of a template literal, a JSX start tag, the children of
 * a JSX element, or PHP's inline HTML.  A code mode entered from a
 * template's "${" or a JSX "{" counts its braces and leaves at the "}"
 * that balances them.  The stack lives on the heap and is bounded: past
 * MAX_DEPTH a "${" or a JSX tag is read as plain bytes, so no input
 * recurses or grows without limit.
 */
#include "jslex.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = KB_JSLEX_MAX_DEPTH };

enum mode { M_JS, M_TPL, M_JSX_TAG, M_JSX_CHILD, M_PHP_HTML };
/* How a code mode is left: never (the file), at "}" back into a template
 * or JSX, or at "?>" back into PHP's HTML. */
enum exit { X_TOP, X_TPL, X_JSX_ATTR, X_JSX_CHILD, X_PHP };

typedef struct frame {
	uint8_t mode, exit;
	uint32_t depth; /* open braces in this code mode */
	size_t piece;   /* M_TPL: the template piece being read */
	size_t head;    /* M_TPL: where the template starts */
} frame;

typedef struct lexer {
	kb_jslex *lx;
	const char *d;
	size_t len, p;
	frame *st;
	size_t nst, capst;
	unsigned inner; /* X_TPL code modes on the stack */
} lexer;

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static bool ident_start(unsigned char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' || c == '$' || c >= 0x80;
}

static bool ident_char(unsigned char c) { return ident_start(c) || is_digit(c); }

kb_jslang kb_jslang_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot)
		return KB_JSL_JS;
	if (!strcasecmp(dot, ".php"))
		return KB_JSL_PHP;
	if (!strcasecmp(dot, ".jsx") || !strcasecmp(dot, ".tsx"))
		return KB_JSL_JSX;
	if (!strcasecmp(dot, ".ts") || !strcasecmp(dot, ".mts") || !strcasecmp(dot, ".cts"))
		return KB_JSL_TS;
	return KB_JSL_JS;
}

/* ---- tokens and modes ------------------------------------------------------ */

static size_t emit(lexer *L, int kind, size_t start, size_t end, size_t body, size_t body_end,
		   unsigned flags)
{
	kb_jslex *lx = L->lx;
	if (lx->n == lx->cap) {
		lx->cap = lx->cap ? lx->cap * 2 : 256;
		lx->tok = realloc(lx->tok, lx->cap * sizeof *lx->tok);
		if (!lx->tok)
			abort();
	}
	if (L->inner)
		flags |= KB_JT_INNER;
	lx->tok[lx->n] = (kb_jstok){(uint32_t)start, (uint32_t)end, (uint32_t)body,
				    (uint32_t)body_end, (uint16_t)kind, (uint16_t)flags};
	return lx->n++;
}

static void bad(lexer *L, size_t at, const char *what)
{
	if (!L->lx->bad_what) {
		L->lx->bad_what = what;
		L->lx->bad_at = at;
	}
}

static frame *top(lexer *L) { return &L->st[L->nst - 1]; }

static bool push(lexer *L, int mode, int exit)
{
	if (L->nst >= MAX_DEPTH) {
		if (!L->lx->deep) {
			L->lx->deep = true;
			L->lx->deep_at = L->p;
		}
		return false;
	}
	if (L->nst == L->capst) {
		L->capst = L->capst ? L->capst * 2 : 16;
		L->st = realloc(L->st, L->capst * sizeof *L->st);
		if (!L->st)
			abort();
	}
	L->st[L->nst++] = (frame){(uint8_t)mode, (uint8_t)exit, 0, 0, 0};
	if (mode == M_JS && exit == X_TPL)
		L->inner++;
	return true;
}

static void pop(lexer *L)
{
	if (L->nst <= 1)
		return; /* the file's own mode stays */
	frame *f = top(L);
	if (f->mode == M_JS && f->exit == X_TPL)
		L->inner--;
	L->nst--;
}

/* ---- helpers over the token list ------------------------------------------- */

bool kb_jt_is(const kb_jslex *lx, size_t i, const char *p)
{
	if (i >= lx->n || lx->tok[i].kind != KB_JT_PUNCT)
		return false;
	size_t k = strlen(p);
	return lx->tok[i].end - lx->tok[i].start == k && !memcmp(lx->d + lx->tok[i].start, p, k);
}

bool kb_jt_word(const kb_jslex *lx, size_t i, const char *w)
{
	if (i >= lx->n || lx->tok[i].kind != KB_JT_IDENT)
		return false;
	size_t k = strlen(w);
	return lx->tok[i].end - lx->tok[i].start == k && !memcmp(lx->d + lx->tok[i].start, w, k);
}

/* Keywords after which an expression starts ("return /x/", "return <p>"). */
static bool expr_keyword(const kb_jslex *lx, size_t i)
{
	static const char *const kw[] = {"return", "typeof", "instanceof", "in",    "of",
					 "new",    "delete", "void",       "throw", "case",
					 "do",     "else",   "yield",      "await", "default",
					 "echo",   "print",  "and",        "or",    NULL};
	for (size_t k = 0; kw[k]; k++)
		if (kb_jt_word(lx, i, kw[k]))
			return true;
	return false;
}

bool kb_jt_expr_at(const kb_jslex *lx, size_t i)
{
	if (i == 0)
		return true;
	size_t j = i - 1;
	const kb_jstok *t = &lx->tok[j];
	switch (t->kind) {
	case KB_JT_IDENT:
		return expr_keyword(lx, j);
	case KB_JT_NUMBER:
	case KB_JT_STRING:
	case KB_JT_REGEX:
	case KB_JT_JSX_CLOSE:
		return false;
	case KB_JT_JSX_END:
		return !(t->flags & KB_JT_SELFCLOSE);
	case KB_JT_PUNCT:
		return !(kb_jt_is(lx, j, ")") || kb_jt_is(lx, j, "]") || kb_jt_is(lx, j, "}") ||
			 kb_jt_is(lx, j, "++") || kb_jt_is(lx, j, "--"));
	default:
		return true;
	}
}

bool kb_jt_jsx_lone_string(const kb_jslex *lx, size_t i)
{
	if (i + 2 >= lx->n)
		return false;
	const kb_jstok *a = &lx->tok[i], *s = &lx->tok[i + 1], *b = &lx->tok[i + 2];
	if (!(a->flags & KB_JT_JSXBRACE) || (a->flags & KB_JT_JSXATTR) || !kb_jt_is(lx, i, "{") ||
	    !(b->flags & KB_JT_JSXBRACE) || s->kind != KB_JT_STRING)
		return false;
	if ((s->flags & KB_JT_TPL) &&
	    (s->flags & (KB_JT_TPL_HEAD | KB_JT_TPL_TAIL)) != (KB_JT_TPL_HEAD | KB_JT_TPL_TAIL))
		return false;
	/* Shown as it is written only without escapes and markup. */
	for (size_t k = s->body; k < s->body_end; k++)
		if (strchr("\\<>&{}", lx->d[k]))
			return false;
	return !(s->flags & KB_JT_OPEN_END);
}

/* ---- code ------------------------------------------------------------------ */

static void line_comment(lexer *L)
{
	bool php = L->lx->lang == KB_JSL_PHP;
	size_t p = L->p;
	while (p < L->len && L->d[p] != '\n' && L->d[p] != '\r') {
		/* PHP: a one-line comment ends at "?>" too. */
		if (php && L->d[p] == '?' && p + 1 < L->len && L->d[p + 1] == '>')
			break;
		p++;
	}
	L->p = p;
}

static void block_comment(lexer *L)
{
	const char *e = L->p + 2 <= L->len ? memmem(L->d + L->p + 2, L->len - L->p - 2, "*/", 2)
					   : NULL;
	if (!e) {
		bad(L, L->p, "comment");
		L->p = L->len;
		return;
	}
	L->p = (size_t)(e - L->d) + 2;
}

/* '...' or "...": JavaScript strings end at the line's end, PHP's may span
 * lines. */
static void quoted(lexer *L, char q, unsigned flags)
{
	bool php = L->lx->lang == KB_JSL_PHP;
	size_t s = L->p, p = s + 1;
	while (p < L->len) {
		char c = L->d[p];
		if (c == '\\' && !(flags & KB_JT_JSXATTR)) {
			p += 2;
			continue;
		}
		if (c == q || (!php && !(flags & KB_JT_JSXATTR) && (c == '\n' || c == '\r')))
			break;
		p++;
	}
	if (p > L->len)
		p = L->len;
	flags |= q == '\'' ? KB_JT_SQ : KB_JT_DQ;
	if (p < L->len && L->d[p] == q) {
		emit(L, KB_JT_STRING, s, p + 1, s + 1, p, flags);
		L->p = p + 1;
		return;
	}
	bad(L, s, "string");
	emit(L, KB_JT_STRING, s, p, s + 1, p, flags | KB_JT_OPEN_END);
	L->p = p;
}

static void template_start(lexer *L)
{
	size_t s = L->p;
	size_t n = L->lx->n;
	unsigned flags = KB_JT_TPL | KB_JT_TPL_HEAD;
	if (n && (L->lx->tok[n - 1].kind == KB_JT_IDENT ? !expr_keyword(L->lx, n - 1)
							 : kb_jt_is(L->lx, n - 1, ")") ||
								   kb_jt_is(L->lx, n - 1, "]")))
		flags |= KB_JT_TAGGED;
	size_t piece = emit(L, KB_JT_STRING, s, s + 1, s + 1, s + 1, flags);
	L->p = s + 1;
	if (!push(L, M_TPL, X_TOP)) {
		/* Too deep: the rest of this template is one piece, "${" and
		 * all. */
		const char *e = memchr(L->d + L->p, '`', L->len - L->p);
		size_t end = e ? (size_t)(e - L->d) : L->len;
		kb_jstok *t = &L->lx->tok[piece];
		t->body_end = (uint32_t)end;
		t->end = (uint32_t)(e ? end + 1 : end);
		t->flags |= KB_JT_TPL_TAIL | (e ? 0 : KB_JT_OPEN_END);
		L->p = t->end;
		return;
	}
	top(L)->piece = piece;
	top(L)->head = s;
}

/* The text of a template literal, up to its end or its next "${". */
static void template_step(lexer *L)
{
	frame *f = top(L);
	kb_jstok *t = &L->lx->tok[f->piece];
	size_t p = L->p;
	while (p < L->len) {
		char c = L->d[p];
		if (c == '\\') {
			p += 2;
			continue;
		}
		if (c == '`') {
			t->body_end = (uint32_t)p;
			t->end = (uint32_t)(p + 1);
			t->flags |= KB_JT_TPL_TAIL;
			L->p = p + 1;
			pop(L);
			return;
		}
		if (c == '$' && p + 1 < L->len && L->d[p + 1] == '{' && push(L, M_JS, X_TPL)) {
			t->body_end = (uint32_t)p;
			t->end = (uint32_t)(p + 2);
			L->p = p + 2;
			return;
		}
		p++;
	}
	bad(L, f->head, "template literal");
	t->body_end = t->end = (uint32_t)L->len;
	t->flags |= KB_JT_TPL_TAIL | KB_JT_OPEN_END;
	L->p = L->len;
	pop(L);
}

/* PHP <<<ID, <<<"ID" (heredoc) and <<<'ID' (nowdoc); false when the bytes
 * at L->p are not one. */
static bool heredoc(lexer *L)
{
	const char *d = L->d;
	size_t s = L->p, p = s + 3, len = L->len;
	while (p < len && (d[p] == ' ' || d[p] == '\t'))
		p++;
	char q = p < len && (d[p] == '\'' || d[p] == '"') ? d[p++] : 0;
	size_t id = p;
	while (p < len && ident_char((unsigned char)d[p]) && d[p] != '$')
		p++;
	size_t idn = p - id;
	if (idn == 0 || is_digit((unsigned char)d[id]))
		return false;
	if (q && (p >= len || d[p++] != q))
		return false;
	if (p < len && d[p] == '\r')
		p++;
	if (p >= len || d[p] != '\n')
		return false;
	size_t body = ++p, end = len, body_end = len;
	bool closed = false;
	/* The closing identifier starts a line (PHP 7.3 lets it be indented)
	 * and is not followed by an identifier character. */
	for (size_t ls = body; ls < len && !closed;) {
		size_t k = ls;
		while (k < len && (d[k] == ' ' || d[k] == '\t'))
			k++;
		if (len - k >= idn && !memcmp(d + k, d + id, idn) &&
		    (k + idn == len || !ident_char((unsigned char)d[k + idn]))) {
			body_end = ls > body ? ls - 1 : body;
			if (body_end > body && d[body_end - 1] == '\r')
				body_end--;
			end = k + idn;
			closed = true;
			break;
		}
		const char *nl = memchr(d + ls, '\n', len - ls);
		ls = nl ? (size_t)(nl - d) + 1 : len;
	}
	unsigned flags = q == '\'' ? KB_JT_NOWDOC : KB_JT_HEREDOC;
	if (!closed) {
		bad(L, s, "heredoc");
		flags |= KB_JT_OPEN_END;
	}
	emit(L, KB_JT_STRING, s, end, body, body_end, flags);
	L->p = end;
	return true;
}

/* A regular expression literal at "/"; false when none ends on this
 * line (it was a division after all). */
static bool regex(lexer *L)
{
	size_t s = L->p, p = s + 1;
	bool cls = false;
	while (p < L->len) {
		char c = L->d[p];
		if (c == '\n' || c == '\r')
			return false;
		if (c == '\\')
			p++;
		else if (cls && c == ']')
			cls = false;
		else if (c == '[')
			cls = true;
		else if (c == '/' && !cls)
			break;
		p++;
	}
	if (p >= L->len)
		return false;
	p++;
	while (p < L->len && ident_char((unsigned char)L->d[p]))
		p++;
	emit(L, KB_JT_REGEX, s, p, s, p, 0);
	L->p = p;
	return true;
}

static bool jsx_allowed(const lexer *L)
{
	return L->lx->lang == KB_JSL_JS || L->lx->lang == KB_JSL_JSX;
}

static bool tag_char(unsigned char c)
{
	return ident_char(c) || c == '.' || c == ':' || c == '-';
}

/* The first offset from p on whose byte is not `ok`. */
static size_t span(const lexer *L, size_t p, bool (*ok)(unsigned char))
{
	while (p < L->len && ok((unsigned char)L->d[p]))
		p++;
	return p;
}

/* A JSX start tag (or "<>") at "<"; false when it is not one. */
static bool jsx_open(lexer *L)
{
	const char *d = L->d;
	size_t s = L->p, p = s + 1, len = L->len;
	if (p < len && d[p] == '>') {
		if (!push(L, M_JSX_CHILD, X_TOP))
			return false;
		emit(L, KB_JT_JSX_OPEN, s, p, p, p, 0);
		emit(L, KB_JT_JSX_END, p, p + 1, p, p + 1, 0);
		L->p = p + 1;
		L->lx->jsx = true;
		return true;
	}
	if (p >= len || !ident_start((unsigned char)d[p]) || d[p] == '$')
		return false;
	size_t q = span(L, p, tag_char), r = span(L, q, is_space);
	if (r >= len)
		return false;
	/* TSX generics: <T,>(x) => x, <T extends U>(x) => x. */
	if (d[r] == ',' || (len - r > 8 && !memcmp(d + r, "extends", 7) && is_space((unsigned char)d[r + 7])))
		return false;
	if (!(d[r] == '>' || d[r] == '/' || d[r] == '{' || (r > q && ident_start((unsigned char)d[r]))))
		return false;
	if (!push(L, M_JSX_TAG, X_TOP))
		return false;
	emit(L, KB_JT_JSX_OPEN, s, q, p, q, 0);
	L->p = q;
	L->lx->jsx = true;
	return true;
}

static void punct(lexer *L)
{
	static const char *const multi[] = {
	    "===", "!==", "...", "?\?=", "||=", "&&=", "**=", "<<=", ">>=", "=>", "==", "!=",
	    "<=",  ">=",  "&&",  "||",  "??",  "?.",  "++",  "--",  "+=",  "-=", "*=", "/=",
	    "%=",  "|=",  "&=",  "^=",  "**",  "::",  "->",  ".=",  "<<",  ">>", "?>", NULL};
	size_t rest = L->len - L->p;
	for (size_t i = 0; multi[i]; i++) {
		size_t k = strlen(multi[i]);
		if (rest >= k && !memcmp(L->d + L->p, multi[i], k)) {
			emit(L, KB_JT_PUNCT, L->p, L->p + k, L->p, L->p + k, 0);
			L->p += k;
			return;
		}
	}
	emit(L, KB_JT_PUNCT, L->p, L->p + 1, L->p, L->p + 1, 0);
	L->p++;
}

static void braces(lexer *L, char c)
{
	frame *f = top(L);
	size_t s = L->p;
	if (c == '{') {
		f->depth++;
		emit(L, KB_JT_PUNCT, s, s + 1, s, s + 1, 0);
		L->p++;
		return;
	}
	if (f->depth == 0 && f->exit == X_TPL) {
		/* "}" ends the expression: the template goes on with a new
		 * piece that starts at it. */
		pop(L);
		L->p = s + 1;
		top(L)->piece = emit(L, KB_JT_STRING, s, s + 1, s + 1, s + 1, KB_JT_TPL);
		return;
	}
	if (f->depth == 0 && (f->exit == X_JSX_ATTR || f->exit == X_JSX_CHILD)) {
		unsigned fl = KB_JT_JSXBRACE | (f->exit == X_JSX_ATTR ? KB_JT_JSXATTR : 0);
		pop(L);
		emit(L, KB_JT_PUNCT, s, s + 1, s, s + 1, fl);
		L->p++;
		return;
	}
	if (f->depth)
		f->depth--;
	emit(L, KB_JT_PUNCT, s, s + 1, s, s + 1, 0);
	L->p++;
}

static void code_step(lexer *L)
{
	const char *d = L->d;
	size_t len = L->len;
	bool php = L->lx->lang == KB_JSL_PHP;
	L->p = span(L, L->p, is_space);
	if (L->p >= len)
		return;
	size_t s = L->p;
	unsigned char c = (unsigned char)d[s], c1 = s + 1 < len ? (unsigned char)d[s + 1] : 0;
	if ((c == '/' && c1 == '/') || (php && c == '#')) {
		line_comment(L);
	} else if (c == '/' && c1 == '*') {
		block_comment(L);
	} else if (php && c == '?' && c1 == '>' && top(L)->exit == X_PHP) {
		emit(L, KB_JT_PUNCT, s, s + 2, s, s + 2, 0);
		L->p = s + 2;
		pop(L);
	} else if (c == '\'' || c == '"') {
		quoted(L, (char)c, 0);
	} else if (c == '`' && !php) {
		template_start(L);
	} else if (c == '`') { /* PHP's shell execution: skipped */
		const char *e = memchr(d + s + 1, '`', len - s - 1);
		L->p = e ? (size_t)(e - d) + 1 : len;
	} else if (php && c == '<' && len - s > 3 && !memcmp(d + s, "<<<", 3) && heredoc(L)) {
		/* done */
	} else if (ident_start(c) || (c == '#' && !php && ident_start(c1))) {
		size_t p = span(L, s + 1, ident_char);
		emit(L, KB_JT_IDENT, s, p, s, p, 0);
		L->p = p;
	} else if (is_digit(c) || (c == '.' && is_digit(c1))) {
		size_t p = s + 1;
		while (p < len && (ident_char((unsigned char)d[p]) ||
				   (d[p] == '.' && p + 1 < len && is_digit((unsigned char)d[p + 1]))))
			p++;
		emit(L, KB_JT_NUMBER, s, p, s, p, 0);
		L->p = p;
	} else if (c == '/' && !php && kb_jt_expr_at(L->lx, L->lx->n) && regex(L)) {
		/* done */
	} else if (c == '<' && jsx_allowed(L) && kb_jt_expr_at(L->lx, L->lx->n) && jsx_open(L)) {
		/* done */
	} else if (c == '{' || c == '}') {
		braces(L, (char)c);
	} else {
		punct(L);
	}
}

/* ---- JSX ----------------------------------------------------------------- */

static void jsx_tag_step(lexer *L)
{
	const char *d = L->d;
	L->p = span(L, L->p, is_space);
	if (L->p >= L->len)
		return;
	size_t s = L->p;
	unsigned char c = (unsigned char)d[s], c1 = s + 1 < L->len ? (unsigned char)d[s + 1] : 0;
	if (c == '/' && c1 == '>') {
		emit(L, KB_JT_JSX_END, s, s + 2, s, s + 2, KB_JT_SELFCLOSE);
		L->p = s + 2;
		pop(L);
	} else if (c == '>') {
		emit(L, KB_JT_JSX_END, s, s + 1, s, s + 1, 0);
		L->p = s + 1;
		top(L)->mode = M_JSX_CHILD;
	} else if (c == '{' && push(L, M_JS, X_JSX_ATTR)) {
		emit(L, KB_JT_PUNCT, s, s + 1, s, s + 1, KB_JT_JSXBRACE | KB_JT_JSXATTR);
		L->p = s + 1;
	} else if (c == '"' || c == '\'') {
		quoted(L, (char)c, KB_JT_JSXATTR);
	} else if (c == '=') {
		emit(L, KB_JT_PUNCT, s, s + 1, s, s + 1, KB_JT_JSXATTR);
		L->p = s + 1;
	} else if (c == '<' && kb_jt_is(L->lx, L->lx->n - 1, "=") && jsx_open(L)) {
		/* an element as an attribute's value */
	} else if (ident_start(c)) {
		size_t p = span(L, s + 1, tag_char);
		emit(L, KB_JT_IDENT, s, p, s, p, KB_JT_JSXATTR);
		L->p = p;
	} else {
		L->p = s + 1; /* not JSX: skipped */
	}
}

static bool markup_at(const lexer *L, size_t p)
{
	if (p + 1 >= L->len || L->d[p] != '<')
		return false;
	unsigned char c = (unsigned char)L->d[p + 1];
	return c == '/' || c == '>' || (ident_start(c) && c != '$');
}

static void jsx_child_step(lexer *L)
{
	const char *d = L->d;
	size_t s = L->p, len = L->len;
	if (d[s] == '{' && push(L, M_JS, X_JSX_CHILD)) {
		emit(L, KB_JT_PUNCT, s, s + 1, s, s + 1, KB_JT_JSXBRACE);
		L->p = s + 1;
		return;
	}
	if (d[s] == '<' && s + 1 < len && d[s + 1] == '/') {
		size_t name = span(L, s + 2, is_space), name_end = span(L, name, tag_char);
		size_t p = span(L, name_end, is_space);
		size_t end = p < len && d[p] == '>' ? p + 1 : p;
		emit(L, KB_JT_JSX_CLOSE, s, end, name, name_end, 0);
		L->p = end;
		pop(L);
		return;
	}
	if (markup_at(L, s) && jsx_open(L))
		return;
	size_t p = s + 1;
	while (p < len && d[p] != '{' && !markup_at(L, p))
		p++;
	emit(L, KB_JT_JSX_TEXT, s, p, s, p, 0);
	L->p = p;
}

/* ---- PHP's inline HTML ------------------------------------------------------ */

static void php_html_step(lexer *L)
{
	const char *d = L->d;
	size_t s = L->p, len = L->len;
	for (size_t p = s; p + 1 < len; p++) {
		const char *lt = memchr(d + p, '<', len - p);
		if (!lt)
			break;
		p = (size_t)(lt - d);
		if (p + 1 >= len || d[p + 1] != '?')
			continue;
		size_t k = p + 2;
		if (len - k >= 3 && !strncasecmp(d + k, "php", 3))
			k += 3;
		else if (k < len && d[k] == '=')
			k++;
		if (p > s)
			emit(L, KB_JT_HTML, s, p, s, p, 0);
		L->p = k;
		push(L, M_JS, X_PHP);
		return;
	}
	emit(L, KB_JT_HTML, s, len, s, len, 0);
	L->p = len;
}

void kb_jslex_run(kb_jslex *lx, const char *d, size_t len, kb_jslang lang)
{
	memset(lx, 0, sizeof *lx);
	lx->d = d;
	lx->len = len > UINT32_MAX - 8 ? UINT32_MAX - 8 : len;
	lx->lang = lang;
	lexer L = {.lx = lx, .d = d, .len = lx->len};
	push(&L, lang == KB_JSL_PHP ? M_PHP_HTML : M_JS, X_TOP);
	if (L.len >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3))
		L.p = 3;
	if (lang != KB_JSL_PHP && L.len - L.p >= 2 && !memcmp(d + L.p, "#!", 2))
		line_comment(&L);
	while (L.p < L.len) {
		size_t p = L.p, n = lx->n, nst = L.nst;
		switch (top(&L)->mode) {
		case M_JS:
			code_step(&L);
			break;
		case M_TPL:
			template_step(&L);
			break;
		case M_JSX_TAG:
			jsx_tag_step(&L);
			break;
		case M_JSX_CHILD:
			jsx_child_step(&L);
			break;
		default:
			php_html_step(&L);
			break;
		}
		if (L.p == p && lx->n == n && L.nst == nst)
			L.p++; /* always move on */
	}
	free(L.st);
}

void kb_jslex_free(kb_jslex *lx)
{
	free(lx->tok);
	memset(lx, 0, sizeof *lx);
}
