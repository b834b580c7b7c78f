/* jsonw.h - streaming JSON writer on libfyaml's emitter.
 *
 * libfyaml does the escaping and layout; we only say what comes next.
 * Strings are always emitted quoted (so "24" stays a string), numbers plain.
 * Usage:
 *     kb_jsonw *w = kb_jsonw_new(stdout, true);
 *     kb_jsonw_obj(w); kb_jsonw_key(w, "schema"); kb_jsonw_int(w, 1);
 *     kb_jsonw_end(w);  ... kb_jsonw_free(w);   (free finishes the document)
 */
#ifndef KB_JSONW_H
#define KB_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct kb_jsonw kb_jsonw;

/* pretty: indented over several lines; otherwise one line (for JSON Lines). */
kb_jsonw *kb_jsonw_new(FILE *out, bool pretty);
/* Finishes the document (writes a final newline) and frees the writer. */
void kb_jsonw_free(kb_jsonw *w);

void kb_jsonw_obj(kb_jsonw *w);
void kb_jsonw_arr(kb_jsonw *w);
void kb_jsonw_end(kb_jsonw *w); /* closes the innermost object or array */
void kb_jsonw_key(kb_jsonw *w, const char *key);
void kb_jsonw_str(kb_jsonw *w, const char *s); /* NULL writes null */
void kb_jsonw_strn(kb_jsonw *w, const char *s, size_t n);
void kb_jsonw_int(kb_jsonw *w, long long v);
void kb_jsonw_num(kb_jsonw *w, double v); /* NaN/inf write null */
void kb_jsonw_bool(kb_jsonw *w, bool v);
void kb_jsonw_null(kb_jsonw *w);

/* Convenience: key + value. */
void kb_jsonw_kstr(kb_jsonw *w, const char *key, const char *s);
void kb_jsonw_kint(kb_jsonw *w, const char *key, long long v);
void kb_jsonw_knum(kb_jsonw *w, const char *key, double v);
void kb_jsonw_kbool(kb_jsonw *w, const char *key, bool v);

#endif
