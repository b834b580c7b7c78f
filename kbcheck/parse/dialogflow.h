/* dialogflow.h - shared by the Dialogflow parsers (dialogflow.c: JSON
 * access, text, links to other files; dialogflow_es.c: ES intents;
 * dialogflow_cx.c: CX flows and pages); private to parse/.
 *
 * Exports are JSON read through base/yaml.h, so every string has a byte range
 * in the file.  Answer text is copied from those bytes: plain runs map
 * exactly, a JSON escape (\u0027, \n, \") maps to the escape itself.
 * Files other than the one being parsed (agent.json, training phrases)
 * are found among the run's sources, never opened: a missing one only
 * means less context (intent name as the question, locale guessed).
 * Everything handed out lives in the run's arena.
 */
#ifndef KB_DIALOGFLOW_H
#define KB_DIALOGFLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/locale.h"
#include "../base/yaml.h"
#include "parser.h"
#include "textb.h"


/* One JSON source, parsed. */
typedef kb_yaml df_json;

/* Parses src as JSON (kb_json_open).  Syntax errors go to d with their
 * positions (pass a scratch list for a file that only gives context).
 * Returns the root, or NULL (then nothing needs closing). */
kb_node *df_json_open(df_json *j, kb_diags *d, const kb_source *src);
void df_json_close(df_json *j);

/* Arena copy of a JSON string, NULL when n is not one or is blank. */
const char *df_strdup(kb_arena *a, kb_node *n);
/* n is a JSON string or number whose text is s ("0" matches 0 and "0"). */
bool df_scalar_is(kb_node *n, const char *s);

/* Byte offset in the source where n starts: its token for a scalar,
 * else its first scalar's, else `fallback`. */
size_t df_offset(kb_node *n, size_t fallback);
/* Offset of the first byte of the document (after a BOM and blanks). */
size_t df_doc_start(const kb_source *src);
/* A diagnostic at byte offset off of ctx->source. */
void df_diag(kb_parse_ctx *ctx, kb_diag_level level, size_t off, const char *fmt,
	     ...) __attribute__((format(printf, 4, 5)));

/* Appends the JSON string n to tb (see the top of this file).  Returns
 * false, adding nothing, when n is not a JSON string (start and end
 * are then left alone); else start and end receive the string's byte
 * range, quotes excluded. */
bool df_add_string(kb_textb *tb, kb_node *n, size_t *start, size_t *end);

/* Appends the text of a rich-content payload (Dialogflow Messenger
 * richContent, Facebook/Slack/Telegram/LINE payloads...): every string
 * under a key naming text (text, title, subtitle, description...), one
 * paragraph each; URLs and identifiers are left out.  The range
 * [start, end) grows to cover the strings added (initialise it to
 * (size_t)-1 and 0). */
void df_add_payload(kb_textb *tb, kb_node *n, size_t *start, size_t *end);

/* Language of a message: "vi-VN" -> locale "vi" (NULL when empty or not a
 * language tag) and, through *raw, the tag in lower case ("vi-vn") as
 * Dialogflow names files with it. */
const char *df_locale(kb_arena *a, kb_node *n, const char **raw);

/* The agent's default language: agent.json at path (ES "language", CX
 * "defaultLanguageCode"), or NULL.  *raw as for df_locale. */
const char *df_agent_locale(kb_parse_ctx *ctx, const char *path, const char **raw);

/* The source at path, parsed quietly; NULL when it is not in the run or
 * does not parse.  Close j after use. */
kb_node *df_open_linked(kb_parse_ctx *ctx, const char *path, df_json *j);

/* First non-empty phrase of a list of training phrases: ES items hold
 * "data": [{"text"}...], CX items "parts": [{"text"}...]; the pieces are
 * joined.  With lang set, items whose own "lang"/"languageCode" names
 * another language are skipped.  NULL when there is none. */
const char *df_first_phrase(kb_arena *a, kb_node *list, const char *lang);

/* Detection helpers: path has a directory called dir; data has the JSON
 * key "key" (the quoted name followed by a colon). */
bool df_path_has_dir(const char *path, const char *dir);
bool df_has_key(const char *data, size_t len, const char *key);
/* File name of path without its directory and ".json" (arena copy). */
const char *df_stem(kb_arena *a, const char *path);

#endif
