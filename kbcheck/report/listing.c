/* listing.c - `kbcheck units` and `kbcheck claims`: what kbcheck read. */
#include "report.h"

#include <string.h>

#include "../base/buf.h"
#include "../base/jsonw.h"
#include "../base/text.h"
#include "../parse/segment.h"

/* Text from the knowledge base is written with its control characters
 * escaped (kb_fprintf_safe, base/text.h): no KB may drive the terminal or a
 * CI runner through a listing. */

/* s on one line, its first max characters: line ends and tabs as spaces. */
static void put_clipped(FILE *out, const char *s, size_t max)
{
	size_t n = 0, chars = 0;
	while (s[n] && chars < max) {
		n++;
		while (((unsigned char)s[n] & 0xC0) == 0x80)
			n++;
		chars++;
	}
	for (size_t i = 0, k; i < n; i += k) {
		for (k = 0; i + k < n && s[i + k] != '\n' && s[i + k] != '\t';)
			k++;
		kb_text_put_safe(out, s + i, k);
		if (i + k < n) {
			fputc(' ', out);
			k++;
		}
	}
	if (s[n])
		fputs("…", out);
}

void kb_list_units_text(const kb_vec *units, FILE *out)
{
	for (size_t i = 0; i < units->len; i++) {
		const kb_unit *u = units->items[i];
		kb_fprintf_safe(out, "%s:%d:%d: %s %s %s [%s]", u->source->path, u->loc.line, u->loc.column,
		    kb_channel_name(u->source->channel), u->source->format, u->locale, u->id);
		for (size_t k = 0; k < u->scope.n; k++)
			kb_fprintf_safe(out, " %s=%s", u->scope.kv[k].key, u->scope.kv[k].value);
		fprintf(out, "%s\n", u->active ? "" : " (inactive)");
		if (u->question) {
			fputs("    Q: ", out);
			put_clipped(out, u->question, 100);
			fputc('\n', out);
		}
		fputs("    A: ", out);
		put_clipped(out, u->text, 100);
		fputc('\n', out);
	}
	fprintf(out, "%zu answer unit%s\n", units->len, units->len == 1 ? "" : "s");
}

static const char *block_kind_name(kb_block_kind k)
{
	static const char *const names[] = {"text", "item", "cell", "header"};
	return names[k];
}

/* A unit's segments, each with its context chain (parse/segment.h). */
static void segments_json(kb_jsonw *w, const kb_unit *u)
{
	kb_arena *a = kb_arena_new();
	kb_segment *segs;
	size_t n = kb_unit_segments(a, u, &segs);
	kb_jsonw_key(w, "segments");
	kb_jsonw_arr(w);
	for (size_t i = 0; i < n; i++) {
		const kb_segment *s = &segs[i];
		kb_jsonw_obj(w);
		kb_jsonw_kstr(w, "kind", block_kind_name(s->kind));
		kb_jsonw_key(w, "text");
		kb_jsonw_strn(w, u->text + s->start, s->end - s->start);
		kb_jsonw_kint(w, "start", (long long)s->start);
		kb_jsonw_kint(w, "end", (long long)s->end);
		if (s->depth)
			kb_jsonw_kint(w, "depth", s->depth);
		kb_context ctx[24];
		size_t nc = kb_segment_context(u, segs, i, ctx, 24);
		kb_jsonw_key(w, "context");
		kb_jsonw_arr(w);
		for (size_t k = 0; k < nc; k++) {
			kb_jsonw_obj(w);
			kb_jsonw_kstr(w, kb_context_kind_name(ctx[k].kind), ctx[k].text);
			kb_jsonw_end(w);
		}
		kb_jsonw_end(w);
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
	kb_arena_free(a);
}

void kb_list_units_json(const kb_vec *units, kb_diags *d, FILE *out)
{
	kb_jsonw *w = kb_jsonw_new(out, true);
	kb_jsonw_obj(w);
	kb_jsonw_kint(w, "schema", KB_JSON_SCHEMA);
	kb_jsonw_key(w, "units");
	kb_jsonw_arr(w);
	for (size_t i = 0; i < units->len; i++) {
		const kb_unit *u = units->items[i];
		kb_jsonw_obj(w);
		kb_jsonw_kstr(w, "id", u->id);
		kb_jsonw_kstr(w, "path", u->source->path);
		kb_jsonw_kint(w, "line", u->loc.line);
		kb_jsonw_kint(w, "column", u->loc.column);
		kb_jsonw_kint(w, "end_line", u->loc.end_line);
		kb_jsonw_kint(w, "end_column", u->loc.end_column);
		kb_jsonw_kstr(w, "channel", kb_channel_name(u->source->channel));
		kb_jsonw_kstr(w, "format", u->source->format);
		kb_jsonw_kstr(w, "locale", u->locale);
		kb_jsonw_kstr(w, "question", u->question);
		kb_jsonw_key(w, "headings");
		kb_jsonw_arr(w);
		for (size_t h = 0; h < u->nheadings; h++)
			kb_jsonw_str(w, u->headings[h]);
		kb_jsonw_end(w);
		kb_jsonw_key(w, "text");
		kb_jsonw_strn(w, u->text, u->text_len);
		segments_json(w, u);
		kb_jsonw_key(w, "scope");
		kb_json_scope(w, &u->scope);
		kb_jsonw_kbool(w, "active", u->active);
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
	kb_jsonw_key(w, "errors");
	kb_json_errors(w, d);
	kb_jsonw_end(w);
	kb_jsonw_free(w);
}

void kb_list_claims_text(const kb_vec *claims, FILE *out)
{
	kb_buf b = KB_BUF_INIT;
	for (size_t i = 0; i < claims->len; i++) {
		const kb_claim *c = claims->items[i];
		kb_buf_clear(&b);
		kb_value_format(&b, &c->value);
		kb_fprintf_safe(out, "%s:%d:%d: %s.%s = %s", c->unit->source->path, c->loc.line, c->loc.column,
		    c->topic, c->attribute, kb_buf_cstr(&b));
		for (size_t k = 0; k < c->scope.n; k++)
			kb_fprintf_safe(out, "%s%s=%s", k ? "," : " [", c->scope.kv[k].key, c->scope.kv[k].value);
		kb_fprintf_safe(out, "%s  \"%s\" (%s, %s)", c->scope.n ? "]" : "", c->quote,
		    kb_channel_name(c->unit->source->channel), c->unit->locale);
		fputc('\n', out);
	}
	kb_buf_free(&b);
	fprintf(out, "%zu claim%s\n", claims->len, claims->len == 1 ? "" : "s");
}

void kb_list_claims_json(const kb_vec *claims, kb_diags *d, FILE *out)
{
	kb_jsonw *w = kb_jsonw_new(out, true);
	kb_jsonw_obj(w);
	kb_jsonw_kint(w, "schema", KB_JSON_SCHEMA);
	kb_jsonw_key(w, "claims");
	kb_jsonw_arr(w);
	for (size_t i = 0; i < claims->len; i++) {
		kb_jsonw_obj(w);
		kb_json_claim(w, claims->items[i]);
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
	kb_jsonw_key(w, "errors");
	kb_json_errors(w, d);
	kb_jsonw_end(w);
	kb_jsonw_free(w);
}
