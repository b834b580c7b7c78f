/* yaml.h - reading YAML and JSON through libfyaml with positions.
 *
 * A thin layer over libfyaml for the loaders (config, rule packs, policy,
 * tree-shaped inputs): parse errors become kb_diag entries with line and
 * column, and every node can tell where it stands in the file.  Loaders
 * walk nodes with libfyaml's own API (fy_node_mapping_iterate, ...).
 */
#ifndef KB_YAML_H
#define KB_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

struct fy_document;
struct fy_node;

typedef struct kb_yaml {
	struct fy_document *doc;
	const char *path;
	kb_diags *diags;
} kb_yaml;

/* Parse data[0..len) (YAML 1.2, or JSON when json is true); duplicate keys
 * are errors.  On failure reports every error with its position and
 * returns false (y->doc is then NULL).  A successful y must be closed. */
bool kb_yaml_parse(kb_yaml *y, kb_diags *d, const char *path, const char *data,
		   size_t len, bool json);
void kb_yaml_close(kb_yaml *y);
struct fy_node *kb_yaml_root(const kb_yaml *y);

/* 1-based line/column of a node: a scalar's own token, for a collection
 * the first scalar inside it; 0/0 when unknown. */
void kb_yaml_pos(struct fy_node *n, int *line, int *column);
/* Byte offsets [start,end) of a scalar token in the input; false if n is
 * not a scalar with a token. */
bool kb_yaml_span(struct fy_node *n, size_t *start, size_t *end);
/* Report a problem at node n. */
void kb_yaml_diag(const kb_yaml *y, struct fy_node *n, kb_diag_level level,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Report a problem at byte `at` of scalar n's value: its own column when
 * the value is written as it reads (on one line, no escapes), else at n. */
void kb_yaml_diag_at(const kb_yaml *y, struct fy_node *n, size_t at, kb_diag_level level,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The text of scalar n and its length (*len), valid as long as the
 * document; NULL when n is not a scalar.  Use this, not
 * fy_node_get_scalar(): libfyaml 0.7 miscounts some block and quoted
 * scalars and hands out uninitialised bytes (upstream issues 397, 398);
 * this copies the token's own chunks, once per node. */
const char *kb_yaml_scalar(struct fy_node *n, size_t *len);
/* Scalar text as an arena string, or NULL when n is not a scalar. */
const char *kb_yaml_str(kb_arena *a, struct fy_node *n);
/* mapping[key] or NULL. */
struct fy_node *kb_yaml_get(struct fy_node *map, const char *key);
bool kb_yaml_is_map(struct fy_node *n);
bool kb_yaml_is_seq(struct fy_node *n);
bool kb_yaml_is_scalar(struct fy_node *n);
/* How the scalar holding input byte `at` is written: 'p' plain, '\'' single
 * quoted, '"' double quoted, '|' literal, '>' folded; 0 when no scalar of
 * y holds it. */
char kb_yaml_style_at(const kb_yaml *y, size_t at);

/* s written as one YAML scalar (plain, or quoted with its escapes: the
 * emitter decides) appended to b; false when libfyaml failed. */
struct kb_buf;
bool kb_yaml_put_scalar(struct kb_buf *b, const char *s);

/* "true/yes/on" and "false/no/off"; *ok=false for anything else. */
bool kb_yaml_bool(struct fy_node *n, bool *ok);

#endif
