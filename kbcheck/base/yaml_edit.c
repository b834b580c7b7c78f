/* yaml_edit.c - documents changed and written back through libfyaml's
 * emitter (yaml.h: kb_yaml_stream, kb_yaml_put_scalar). */
#include "yaml.h"

#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* libfyaml's emitter chooses the style: plain when the text reads back as
 * itself, else quoted with the escapes it needs. */
bool kb_yaml_put_scalar(kb_buf *b, const char *s)
{
	struct fy_document *doc = fy_document_create(NULL);
	kb_node *n = doc ? fy_node_create_scalar_copy(doc, s, strlen(s)) : NULL;
	char *out = NULL;
	if (n && fy_document_set_root(doc, n) == 0)
		out = fy_emit_document_to_string(doc, FYECF_MODE_FLOW_ONELINE | FYECF_WIDTH_INF |
							  FYECF_NO_ENDING_NEWLINE);
	if (doc)
		fy_document_destroy(doc);
	if (!out)
		return false;
	size_t len = strlen(out);
	while (len && (out[len - 1] == '\n' || out[len - 1] == ' '))
		len--;
	kb_buf_put(b, out, len);
	free(out);
	return true;
}

enum { STREAM_MAX_DOCS = 64 };

struct kb_yaml_stream {
	struct fy_document *doc[STREAM_MAX_DOCS];
	size_t n;
};

void kb_yaml_stream_free(kb_yaml_stream *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		fy_document_destroy(s->doc[i]);
	free(s);
}

kb_yaml_stream *kb_yaml_stream_load(const char *text, size_t len)
{
	struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET};
	struct fy_parser *p = fy_parser_create(&cfg);
	if (!p)
		return NULL;
	kb_yaml_stream *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	struct fy_document *doc;
	bool ok = fy_parser_set_string(p, text, len) == 0;
	while (ok && (doc = fy_parse_load_document(p)) != NULL) {
		if (s->n == STREAM_MAX_DOCS) {
			fy_document_destroy(doc);
			ok = false;
			break;
		}
		s->doc[s->n++] = doc;
	}
	ok = ok && !fy_parser_get_stream_error(p) && s->n > 0;
	fy_parser_destroy(p);
	if (!ok) {
		kb_yaml_stream_free(s);
		return NULL;
	}
	return s;
}

kb_node *kb_yaml_stream_root(const kb_yaml_stream *s)
{
	return s && s->n ? fy_document_root(s->doc[0]) : NULL;
}

bool kb_yaml_stream_append(kb_yaml_stream *s, kb_node *map, const char *key, const char *item)
{
	struct fy_document *doc = s->doc[0];
	kb_node *list = kb_yaml_get(map, key);
	kb_node *e = fy_node_build_from_string(doc, item, FY_NT);
	if (!e)
		return false;
	if (list)
		return fy_node_sequence_append(list, e) == 0;
	list = fy_node_create_sequence(doc);
	return list && fy_node_sequence_append(list, e) == 0 &&
	       fy_node_mapping_append(map, fy_node_create_scalar(doc, key, FY_NT), list) == 0;
}

char *kb_yaml_stream_emit(const kb_yaml_stream *s, kb_yaml_form form)
{
	enum fy_emitter_cfg_flags flags = form == KB_YAML_JSON	 ? FYECF_MODE_JSON
					  : form == KB_YAML_BLOCK ? FYECF_MODE_BLOCK
								  : FYECF_MODE_FLOW_ONELINE;
	struct fy_emitter *em = fy_emit_to_string(flags | FYECF_WIDTH_INF);
	if (!em)
		return NULL;
	bool ok = true;
	for (size_t i = 0; i < s->n && ok; i++)
		ok = fy_emit_document(em, s->doc[i]) == 0;
	size_t len;
	char *out = ok ? fy_emit_to_string_collect(em, &len) : NULL;
	fy_emitter_destroy(em);
	return out;
}
