/* codestr_walk.h - the state of a walk over the string data of a source
 * file, shared by codestr.c (the walk, and containers into units) and
 * codestr_value.c (string values and members); private to those two.
 * Every array here is malloc'd and freed with its frame; strings are in
 * the walker's arena.
 */
#ifndef KB_CODESTR_WALK_H
#define KB_CODESTR_WALK_H

#include "codestr.h"

/* The containers of the walk: the file, objects, arrays (PHP arrays too),
 * calls, blocks, element access, JSX start tags and JSX {expressions}. */
enum kb_cs_kind {
	KB_CS_TOP,
	KB_CS_OBJ,
	KB_CS_ARR,
	KB_CS_PAREN,
	KB_CS_BLOCK,
	KB_CS_INDEX,
	KB_CS_JSXTAG,
	KB_CS_JSXEXPR,
};

#define KB_CS_GAP ((size_t)-1) /* an operand that is not a string: 'Hi ' + name */

/* A string value: string tokens joined by concatenation. */
typedef struct kb_cs_val {
	size_t *tok; /* string tokens joined by concatenation, or KB_CS_GAP */
	size_t n, cap;
	size_t start, end; /* source span */
	const char *plain; /* decoded, markup dropped, collapsed; NULL: none */
	bool natural, label, wordy, done;
} kb_cs_val;

/* A member of a container: its key, its string values (or a child). */
typedef struct kb_cs_member {
	const char *key;
	size_t at;  /* where the member starts in the source */
	size_t idx; /* arrays: its index */
	kb_cs_val *v;
	size_t nv, cap;
	bool list;  /* v came from an array of strings */
	bool child; /* its value is an object or array */
	bool busy;  /* something besides its key was read */
} kb_cs_member;

/* A container being read. */
typedef struct kb_cs_frame {
	int kind;
	char closer; /* '}', ']', ')'; '>' for a JSX start tag */
	const char *name;
	bool var;    /* name is a variable's, not a key */
	bool hidden; /* no string below is text */
	bool attr;   /* KB_CS_JSXEXPR of an attribute */
	const char *locale;
	const char *title; /* its question-like member's text */
	kb_cs_member *m;
	size_t nm, cap;
	bool open; /* m[nm - 1] is still being read */
	size_t index;
	const char *pending; /* "name =" waiting for its value */
	size_t pending_at;
	const char *decl; /* the name after const/let/var */
	bool want_decl;
} kb_cs_frame;

/* One walk over a file's tokens. */
typedef struct kb_cs_walker {
	kb_parse_ctx *ctx; /* NULL: measure only */
	kb_arena *a;
	const kb_jslex *lx;
	kb_faq_ids *ids;
	kb_cs_stats *st;
	kb_cs_frame *f;
	size_t nf, capf, overflow;
	kb_faq_unit fu;
	bool unit_open;
	size_t unit_vals;
} kb_cs_walker;

static inline kb_cs_frame *kb_cs_top(kb_cs_walker *w) { return &w->f[w->nf - 1]; }

/* Containers whose strings are data (members with keys or indexes). */
static inline bool kb_cs_data_frame(const kb_cs_frame *f)
{
	return f->kind == KB_CS_OBJ || f->kind == KB_CS_ARR || f->kind == KB_CS_JSXTAG ||
	       (f->kind == KB_CS_JSXEXPR && f->attr);
}

/* ---- codestr_value.c ------------------------------------------------------------ */

/* The next token after i that is not inside a template's ${...}. */
size_t kb_cs_next(const kb_cs_walker *w, size_t i);
/* A value starting with the string at token i: strings joined by '+'
 * (PHP: '.'), a name or number between them a gap.  Returns the token
 * after it. */
size_t kb_cs_collect(kb_cs_walker *w, size_t i, kb_cs_val *v);
/* v's text into k. */
void kb_cs_val_feed(kb_cs_walker *w, const kb_cs_val *v, kb_cs_sink *k);
/* Decodes v once: its plain text and what it reads as. */
void kb_cs_val_finish(kb_cs_walker *w, kb_cs_val *v);
/* The text of a key token (an identifier, a number or a string). */
const char *kb_cs_token_text(kb_cs_walker *w, size_t i);
/* The member of f being read; a new one starting at `at` if none is. */
kb_cs_member *kb_cs_member_at(kb_cs_frame *f, size_t at);
/* Moves *v into m (v is emptied). */
void kb_cs_member_add(kb_cs_member *m, kb_cs_val *v);
/* The member being read is complete: a title is known from now on. */
void kb_cs_member_end(kb_cs_walker *w, kb_cs_frame *f);
void kb_cs_member_free(kb_cs_member *m);
void kb_cs_frame_free(kb_cs_frame *f);

#endif
