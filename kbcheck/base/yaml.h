/* yaml.h - documents with positions: every YAML and JSON reader's view of
 * its file, the one module that calls libfyaml (yaml.c, yaml_edit.c; and
 * jsonw.c, the writer); yaml_strmap.c maps JSON strings to their bytes.
 *
 *     kb_yaml y;
 *     if (!kb_yaml_parse(&y, diags, path, data, len, false))
 *         return;                        (errors are in diags, with places)
 *     kb_node *root = kb_yaml_root(&y), *v;
 *     void *it = NULL;
 *     kb_pair *p;
 *     while ((p = kb_yaml_map_next(root, &it)))
 *         ... kb_yaml_scalar(kb_yaml_key(p), &len), kb_yaml_value(p) ...
 *     kb_yaml_close(&y);
 *
 * A document is opened from bytes (YAML 1.2, or JSON: kb_json_open also
 * reads CRLF files with right line numbers); its nodes are opaque handles
 * that live as long as it does.  Typed getters: kind (kb_yaml_is_map ...),
 * map lookup by key, sequence and mapping iteration in document order,
 * counts and items by index, a scalar's text, its style (plain, quoted,
 * block) and its exact bytes in the input (kb_yaml_span), from which
 * parse/scalar.c reads quoted strings back to the bytes of each word;
 * a JSON string with the offset of each decoded byte (kb_json_strmap).
 * Diagnostics at a node carry its line and column.  kb_yaml_stream edits
 * a file's documents and writes them back (acks.yml).
 *
 * libfyaml 0.7's bugs (miscounted scalars, a double free after a tab
 * error, endless loops on invalid UTF-8, CRLF counted twice in JSON) are
 * worked around in yaml.c, so nothing here needs a caller's care.
 */
#ifndef KB_YAML_H
#define KB_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

struct fy_document;
struct fy_node;
struct fy_node_pair;

/* A node, and a key/value pair of a mapping, of an open document. */
typedef struct fy_node kb_node;
typedef struct fy_node_pair kb_pair;

typedef struct kb_yaml {
	struct fy_document *doc;
	const char *path;
	kb_diags *diags;
	char *copy; /* malloc'd input with CR blanked (kb_json_open), or NULL */
} kb_yaml;

/* Parse data[0..len) (YAML 1.2, or JSON when json is true); duplicate keys
 * are errors.  On failure reports every error with its position and
 * returns false (y->doc is then NULL).  A successful y must be closed. */
bool kb_yaml_parse(kb_yaml *y, kb_diags *d, const char *path, const char *data,
		   size_t len, bool json);
void kb_yaml_close(kb_yaml *y);
kb_node *kb_yaml_root(const kb_yaml *y);

/* kb_yaml_parse for JSON, CR bytes read as spaces: libfyaml 0.7 counts
 * CRLF as two lines in JSON mode, and blanking them keeps every byte
 * offset.  Returns the root, or NULL (y then needs no closing). */
kb_node *kb_json_open(kb_yaml *y, kb_diags *d, const char *path, const char *data,
		      size_t len);

/* JSON as a browser reads it (JSON-LD in a page): duplicate keys allowed,
 * nothing reported.  On failure returns false with libfyaml's first error
 * (1-based line and column in data, -1/-1 when it gave none) and its
 * message copied into msg (left empty when it gave none). */
struct kb_buf;
bool kb_json_parse_lenient(kb_yaml *y, const char *data, size_t len, int *line, int *column,
			   struct kb_buf *msg);

/* 1-based line/column of a node: a scalar's own token, for a collection
 * the first scalar inside it; 0/0 when unknown. */
void kb_yaml_pos(kb_node *n, int *line, int *column);
/* Byte offsets [start,end) of a scalar token in the input; false if n is
 * not a scalar with a token. */
bool kb_yaml_span(kb_node *n, size_t *start, size_t *end);
/* Report a problem at node n. */
void kb_yaml_diag(const kb_yaml *y, kb_node *n, kb_diag_level level,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Report a problem at byte `at` of scalar n's value: its own column when
 * the value is written as it reads (on one line, no escapes), else at n. */
void kb_yaml_diag_at(const kb_yaml *y, kb_node *n, size_t at, kb_diag_level level,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The text of scalar n and its length (*len), valid as long as the
 * document; NULL when n is not a scalar. */
const char *kb_yaml_scalar(kb_node *n, size_t *len);
/* Scalar text as an arena string, or NULL when n is not a scalar. */
const char *kb_yaml_str(kb_arena *a, kb_node *n);
/* mapping[key] or NULL. */
kb_node *kb_yaml_get(kb_node *map, const char *key);
bool kb_yaml_is_map(kb_node *n);
bool kb_yaml_is_seq(kb_node *n);
bool kb_yaml_is_scalar(kb_node *n);
/* How the scalar holding input byte `at` is written: 'p' plain, '\'' single
 * quoted, '"' double quoted, '|' literal, '>' folded; 0 when no scalar of
 * y holds it. */
char kb_yaml_style_at(const kb_yaml *y, size_t at);

/* s written as one YAML scalar (plain, or quoted with its escapes: the
 * emitter decides) appended to b; false when libfyaml failed. */
bool kb_yaml_put_scalar(struct kb_buf *b, const char *s);

/* Iteration in document order: it starts NULL; NULL at the end, and at
 * once when the node is not a sequence (a mapping). */
kb_node *kb_yaml_seq_next(kb_node *seq, void **it);
kb_pair *kb_yaml_map_next(kb_node *map, void **it);
kb_node *kb_yaml_key(kb_pair *p);
kb_node *kb_yaml_value(kb_pair *p);
/* Items of a sequence, pairs of a mapping; -1 for another node. */
int kb_yaml_seq_count(kb_node *seq);
int kb_yaml_map_count(kb_node *map);
/* Item i of a sequence, pair i of a mapping (from 0), or NULL. */
kb_node *kb_yaml_seq_at(kb_node *seq, int i);
kb_pair *kb_yaml_map_at(kb_node *map, int i);
/* The key node of mapping[key], or NULL. */
kb_node *kb_yaml_get_key(kb_node *map, const char *key);

/* How n is written: a scalar as kb_yaml_style_at says, a collection 'f'
 * in flow style ({...}, [...]: JSON is) and 'b' in block style; 0 for
 * NULL or a node with no style of its own. */
char kb_yaml_style(kb_node *n);

/* JSON's types: a string is a double-quoted scalar (its value, or NULL
 * for anything else), true/false/null/numbers are plain ones. */
const char *kb_json_str(kb_node *n, size_t *len);
/* n is the plain scalar word (JSON true, null...). */
bool kb_json_is(kb_node *n, const char *word);

/* The escape at d[0] == '\\' of a double-quoted scalar (n bytes left, the
 * closing quote excluded): YAML 1.2's escapes, which include JSON's, and a
 * JSON surrogate pair (\ud83d\ude00) read as one code point.  Its code point
 * goes to *cp (U+FFFD for a lone surrogate) and its length in the source to
 * *len.  false for an escape neither knows (a lone backslash). */
bool kb_yaml_escape(const char *d, size_t n, int32_t *cp, size_t *len);

/* A JSON string with its source map: the decoded value and the file
 * offset of each byte (plain runs map exactly, an escape such as \n or
 * \u00e9 to the escape itself), to carry positions found in the value
 * (HTML inside a string) back into the file. */
typedef struct kb_json_strmap {
	const char *s;  /* decoded value (libfyaml's) */
	size_t n;
	size_t from, to; /* the string's bytes in the file, quotes excluded */
	uint32_t *off;  /* malloc'd, n + 1 entries; NULL: off[i] = from + i */
	bool lost;      /* the bytes could not be matched: all at `from` */
} kb_json_strmap;

/* Maps string node n of the document read from data[0..len); false
 * (nothing to free) when n is not a JSON string.  Free with
 * kb_json_strmap_free(). */
bool kb_json_strmap_init(kb_json_strmap *m, const char *data, size_t len, kb_node *n);
void kb_json_strmap_free(kb_json_strmap *m);
/* File offset of decoded byte i (0 <= i <= n). */
size_t kb_json_strmap_at(const kb_json_strmap *m, size_t i);

/* ---- editing -------------------------------------------------------------
 * Every document of a file, to change and write back (acks.yml); the
 * nodes are not checked as kb_yaml_parse checks them, so read the text
 * with it first. */
typedef struct kb_yaml_stream kb_yaml_stream;

/* NULL when the text does not parse, has no document or more than 64. */
kb_yaml_stream *kb_yaml_stream_load(const char *text, size_t len);
void kb_yaml_stream_free(kb_yaml_stream *s);
/* The first document's root, or NULL (only comments). */
kb_node *kb_yaml_stream_root(const kb_yaml_stream *s);
/* Appends the node read from YAML text item to the sequence map[key] of
 * the first document, making that sequence (at the end of map) when
 * there is none.  false when item does not read or libfyaml failed. */
bool kb_yaml_stream_append(kb_yaml_stream *s, kb_node *map, const char *key, const char *item);
/* The documents written by libfyaml's emitter, as a malloc'd string
 * (NULL on error): on one line in flow style, as JSON, or in block style. */
typedef enum kb_yaml_form { KB_YAML_ONELINE, KB_YAML_JSON, KB_YAML_BLOCK } kb_yaml_form;
char *kb_yaml_stream_emit(const kb_yaml_stream *s, kb_yaml_form form);

/* "true/yes/on" and "false/no/off"; *ok=false for anything else. */
bool kb_yaml_bool(kb_node *n, bool *ok);

#endif
