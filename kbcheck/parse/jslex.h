/* jslex.h - a tolerant tokenizer for the texts shops keep in source code:
 * JavaScript and TypeScript (with JSX), and PHP; private to parse/.
 *
 * It is not a compiler's lexer.  It finds what the text parsers need --
 * string literals with their exact bytes, the punctuation that shapes data
 * (brackets, ":", "=>", ","), identifiers (keys, names), JSX tags and the
 * text between them -- and skips comments and (roughly) regular
 * expressions, so that a quote inside them starts no string.  Whether "/"
 * starts a regex and "<" a JSX tag is decided by the token before it, as
 * editors do.  Broken input never stops it: an unterminated string,
 * comment or template runs to the end of the file and is noted in
 * bad_at/bad_what for one diagnostic.
 *
 * Template literals come as pieces: `a ${x} b` is the STRING tokens
 * "`a " (TPL_HEAD) and "} b`" (TPL_TAIL) with the tokens of the
 * expression between them marked INNER; a template without expressions
 * is one token with both flags.
 *
 * kb_jsstr_next() decodes a string token piece by piece (raw runs that are
 * source bytes, and decoded escapes with the span they came from), so a
 * unit's text maps back to exact lines and columns.
 */
#ifndef KB_JSLEX_H
#define KB_JSLEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Brackets of templates and JSX nested deeper than this are read as plain
 * code (and said: kb_jslex.deep). */
#define KB_JSLEX_MAX_DEPTH 2048

typedef enum kb_jslang {
	KB_JSL_JS,  /* .js .mjs .cjs: JSX allowed, as React projects write it */
	KB_JSL_TS,  /* .ts .mts .cts: no JSX ("<T>x" is a type assertion) */
	KB_JSL_JSX, /* .jsx .tsx */
	KB_JSL_PHP, /* .php: inline HTML outside <?php ... ?> */
} kb_jslang;

typedef enum kb_jt_kind {
	KB_JT_IDENT = 1, /* identifiers and keywords; PHP $variables */
	KB_JT_NUMBER,
	KB_JT_STRING,    /* body..body_end is the content between delimiters */
	KB_JT_PUNCT,     /* an operator or bracket, 1-3 bytes */
	KB_JT_REGEX,
	KB_JT_JSX_OPEN,  /* "<name" of a start tag; body..body_end the name ("" for "<>") */
	KB_JT_JSX_END,   /* ">" or "/>" ending a start tag */
	KB_JT_JSX_CLOSE, /* "</name>"; body..body_end the name */
	KB_JT_JSX_TEXT,  /* text between JSX tags */
	KB_JT_HTML,      /* PHP: markup outside the PHP tags */
} kb_jt_kind;

enum {
	KB_JT_SQ = 1 << 0,        /* '...' */
	KB_JT_DQ = 1 << 1,        /* "..." */
	KB_JT_TPL = 1 << 2,       /* a piece of a `template` */
	KB_JT_TPL_HEAD = 1 << 3,  /* ... the one that starts with the backtick */
	KB_JT_TPL_TAIL = 1 << 4,  /* ... the one that ends with it */
	KB_JT_TAGGED = 1 << 5,    /* a tagged template (css`...`, gql`...`) */
	KB_JT_HEREDOC = 1 << 6,   /* PHP <<<ID (escapes as "...") */
	KB_JT_NOWDOC = 1 << 7,    /* PHP <<<'ID' (no escapes) */
	KB_JT_JSXATTR = 1 << 8,   /* in a JSX start tag: a name, "=", a value
				   * (no escapes in it), "{" or "}" */
	KB_JT_INNER = 1 << 9,     /* inside a template's ${...} */
	KB_JT_JSXBRACE = 1 << 10, /* "{" or "}" around a JSX expression */
	KB_JT_SELFCLOSE = 1 << 11,/* JSX_END "/>" */
	KB_JT_OPEN_END = 1 << 12, /* the token runs to the end of the file */
};

typedef struct kb_jstok {
	uint32_t start, end;     /* the token's bytes */
	uint32_t body, body_end; /* see kb_jt_kind */
	uint16_t kind, flags;
} kb_jstok;

typedef struct kb_jslex {
	const char *d;
	size_t len;
	kb_jslang lang;
	kb_jstok *tok; /* malloc'd, in source order */
	size_t n, cap;
	size_t bad_at;        /* where the first unterminated token starts */
	const char *bad_what; /* "string", "comment", ...; NULL: none */
	size_t deep_at;       /* where nesting first went past the limit */
	bool deep;            /* ... and the rest was read as plain code */
	bool jsx;             /* JSX elements were found */
} kb_jslex;

/* The language of a file by its name (extension); PHP for ".php". */
kb_jslang kb_jslang_of(const char *path);

/* Tokenizes d[0..len) (at most UINT32_MAX bytes are read).  Free with
 * kb_jslex_free. */
void kb_jslex_run(kb_jslex *lx, const char *d, size_t len, kb_jslang lang);
void kb_jslex_free(kb_jslex *lx);

/* Token i is a one-to-three byte punctuator equal to p. */
bool kb_jt_is(const kb_jslex *lx, size_t i, const char *p);
/* Token i is the identifier or keyword w. */
bool kb_jt_word(const kb_jslex *lx, size_t i, const char *w);
/* An expression may start at token i (the token before it is an operator,
 * an opening bracket or a keyword such as return): a "{" there is an
 * object, a "[" an array. */
bool kb_jt_expr_at(const kb_jslex *lx, size_t i);
/* Token i is "{" opening a JSX child expression that holds one plain
 * string and nothing else ({"text"}, {'text'}): JSX shows it as text. */
bool kb_jt_jsx_lone_string(const kb_jslex *lx, size_t i);

/* One piece of a decoded string: s[0..n) stands for source bytes
 * [src_off, src_off + src_len); exact when it is those very bytes.  brk:
 * a line break written as an escape ("\n"). */
typedef struct kb_jspiece {
	const char *s;
	size_t n, src_off, src_len;
	bool exact, brk;
} kb_jspiece;

typedef struct kb_jsstr {
	const char *d;
	size_t p, end;
	uint16_t flags;
	bool php;
	char buf[8];
} kb_jsstr;

/* Iterates over string token t of lx (its content, escapes decoded; a
 * template piece stops at its "${").  NUL and invalid escapes yield
 * nothing or U+FFFD; every piece is valid UTF-8 when the source is. */
void kb_jsstr_init(kb_jsstr *it, const kb_jslex *lx, const kb_jstok *t);
bool kb_jsstr_next(kb_jsstr *it, kb_jspiece *out);

#endif
