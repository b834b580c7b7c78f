/* jsonw.c - JSON through libfyaml's event emitter (only file with libfyaml
 * emit calls). */
#include "jsonw.h"

#include <libfyaml.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

enum { MAX_DEPTH = 64 };

struct kb_jsonw {
	struct fy_emitter *emit;
	FILE *out;
	int depth;
	bool is_map[MAX_DEPTH];
};

static int output(struct fy_emitter *e, enum fy_emitter_write_type t,
		  const char *s, int len, void *user)
{
	(void)e;
	(void)t;
	return (int)fwrite(s, 1, (size_t)len, (FILE *)user);
}

static void ev(kb_jsonw *w, struct fy_event *e)
{
	if (e)
		fy_emit_event(w->emit, e);
}

/* libfyaml 0.7's emitter keeps every token it is done with on a list for
 * reuse, but the events made by fy_emit_event_create never reuse them: the
 * list grows until the emitter is destroyed, about 140 bytes per scalar
 * (a 15 MB report held 190 MB).  Its own switch, FY_VALGRIND, read when an
 * emitter is created, frees them instead; set for that moment only (the
 * reports are written when no other thread runs). */
static struct fy_emitter *emitter_create(const struct fy_emitter_cfg *cfg)
{
	if (getenv("FY_VALGRIND"))
		return fy_emitter_create(cfg);
	setenv("FY_VALGRIND", "1", 1);
	struct fy_emitter *e = fy_emitter_create(cfg);
	unsetenv("FY_VALGRIND");
	return e;
}

kb_jsonw *kb_jsonw_new(FILE *out, bool pretty)
{
	kb_jsonw *w = calloc(1, sizeof *w);
	if (!w)
		abort();
	struct fy_emitter_cfg cfg = {
	    .flags = (pretty ? FYECF_MODE_JSON | FYECF_INDENT_2 : FYECF_MODE_JSON_ONELINE) |
		     FYECF_WIDTH_INF,
	    .output = output,
	    .userdata = out,
	};
	w->emit = emitter_create(&cfg);
	w->out = out;
	ev(w, fy_emit_event_create(w->emit, FYET_STREAM_START));
	ev(w, fy_emit_event_create(w->emit, FYET_DOCUMENT_START, 1, NULL, NULL));
	return w;
}

void kb_jsonw_free(kb_jsonw *w)
{
	if (!w)
		return;
	while (w->depth > 0)
		kb_jsonw_end(w);
	ev(w, fy_emit_event_create(w->emit, FYET_DOCUMENT_END, 1));
	ev(w, fy_emit_event_create(w->emit, FYET_STREAM_END));
	fy_emitter_destroy(w->emit);
	free(w);
}

static void open(kb_jsonw *w, bool map)
{
	if (w->depth < MAX_DEPTH)
		w->is_map[w->depth] = map;
	w->depth++;
	ev(w, fy_emit_event_create(w->emit, map ? FYET_MAPPING_START : FYET_SEQUENCE_START,
				   FYNS_ANY, NULL, NULL));
}

void kb_jsonw_obj(kb_jsonw *w) { open(w, true); }
void kb_jsonw_arr(kb_jsonw *w) { open(w, false); }

void kb_jsonw_end(kb_jsonw *w)
{
	if (w->depth == 0)
		return;
	w->depth--;
	bool map = w->depth < MAX_DEPTH ? w->is_map[w->depth] : true;
	ev(w, fy_emit_event_create(w->emit, map ? FYET_MAPPING_END : FYET_SEQUENCE_END));
}

static void scalar(kb_jsonw *w, const char *s, size_t n, enum fy_scalar_style st)
{
	ev(w, fy_emit_event_create(w->emit, FYET_SCALAR, st, s, n, NULL, NULL));
}

/* A string that is not UTF-8 (a file's name) is written as text.h's
 * kb_utf8_name_buf encodes it: libfyaml would write "\xFF", which JSON
 * does not have. */
void kb_jsonw_strn(kb_jsonw *w, const char *s, size_t n)
{
	if (!s) {
		kb_jsonw_null(w);
		return;
	}
	kb_buf b = KB_BUF_INIT;
	if (kb_utf8_name_buf(&b, s, n))
		scalar(w, b.ptr, b.len, FYSS_DOUBLE_QUOTED);
	else
		scalar(w, s, n, FYSS_DOUBLE_QUOTED);
	kb_buf_free(&b);
}

void kb_jsonw_str(kb_jsonw *w, const char *s)
{
	kb_jsonw_strn(w, s, s ? strlen(s) : 0);
}

void kb_jsonw_key(kb_jsonw *w, const char *key) { kb_jsonw_str(w, key); }

void kb_jsonw_int(kb_jsonw *w, long long v)
{
	char b[32];
	int n = snprintf(b, sizeof b, "%lld", v);
	scalar(w, b, (size_t)n, FYSS_PLAIN);
}

void kb_jsonw_num(kb_jsonw *w, double v)
{
	if (!isfinite(v)) {
		kb_jsonw_null(w);
		return;
	}
	char b[40];
	int n;
	if (fabs(v) < 1e15 && v == (double)(long long)v)
		n = snprintf(b, sizeof b, "%lld", (long long)v);
	else
		n = snprintf(b, sizeof b, "%.10g", v);
	scalar(w, b, (size_t)n, FYSS_PLAIN);
}

void kb_jsonw_bool(kb_jsonw *w, bool v)
{
	scalar(w, v ? "true" : "false", v ? 4 : 5, FYSS_PLAIN);
}

void kb_jsonw_null(kb_jsonw *w) { scalar(w, "null", 4, FYSS_PLAIN); }

void kb_jsonw_kstr(kb_jsonw *w, const char *key, const char *s)
{
	kb_jsonw_key(w, key);
	kb_jsonw_str(w, s);
}

void kb_jsonw_kint(kb_jsonw *w, const char *key, long long v)
{
	kb_jsonw_key(w, key);
	kb_jsonw_int(w, v);
}

void kb_jsonw_knum(kb_jsonw *w, const char *key, double v)
{
	kb_jsonw_key(w, key);
	kb_jsonw_num(w, v);
}

void kb_jsonw_kbool(kb_jsonw *w, const char *key, bool v)
{
	kb_jsonw_key(w, key);
	kb_jsonw_bool(w, v);
}
