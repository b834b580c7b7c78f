/* harness.c - see harness.h. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/text.h"
#include "base/vec.h"
#include "compare/compare.h"
#include "parse/parser.h"
#include "rules/extract.h"
#include "rules/pack.h"
#include "source/suppress.h"
#include "source/walk.h"

static kb_arena *rules_arena;
static kb_rules *rules;

static void fz_cleanup(void);

void fz_init(void)
{
	if (rules)
		return;
	rules_arena = kb_arena_new();
	rules = kb_rules_new(rules_arena);
	kb_diags *d = kb_diags_new(rules_arena);
	if (!kb_rules_load(rules, d, kb_rules_default_dir(rules_arena, NULL))) {
		fprintf(stderr, "fuzz harness: the shipped rule packs do not load\n");
		kb_diags_print(d, stderr, KB_DIAG_NOTE, false);
		abort();
	}
	atexit(fz_cleanup);
}

#define CHECK(cond)                                                              \
	do {                                                                     \
		if (!(cond)) {                                                   \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, \
				__LINE__, #cond);                                \
			abort();                                                 \
		}                                                                \
	} while (0)

/* Valid UTF-8 without NUL: what PCRE2 (matched without its UTF check), the
 * normalizer and every reporter expect of unit text. */
static void check_text(const char *s, size_t n)
{
	size_t bad;
	if (!kb_utf8_valid(s, n, &bad)) {
		fprintf(stderr, "bad byte 0x%02x at %zu of %zu in \"%.*s\"\n",
			(unsigned char)s[bad], bad, n, (int)(n < 200 ? n : 200), s);
		CHECK(!"unit text is valid UTF-8 without NUL");
	}
}

static void check_loc(const kb_source *s, const kb_loc *l)
{
	CHECK(l->start <= l->end && l->end <= s->len);
	CHECK(l->line >= 1 && (size_t)l->line <= s->nlines);
	CHECK(l->end_line >= l->line && (size_t)l->end_line <= s->nlines);
	CHECK(l->column >= 1 && l->end_column >= 1);
}

static void check_unit(const kb_unit *u)
{
	const kb_source *s = u->source;
	CHECK(s && u->text && u->locale && u->id);
	CHECK(strlen(u->text) == u->text_len);
	check_text(u->text, u->text_len);
	if (u->question)
		check_text(u->question, strlen(u->question));
	check_text(u->id, strlen(u->id));
	check_loc(s, &u->loc);
	for (size_t i = 0; i < u->nsegs; i++) {
		const kb_textseg *g = &u->segs[i];
		if ((size_t)g->text_off + g->len > u->text_len ||
		    (size_t)g->src_off + g->src_len > s->len)
			fprintf(stderr, "%s: unit %s: segment %zu of %zu: text %u+%u of %zu, source %u+%u of %zu\n",
				s->path, u->id, i, u->nsegs, g->text_off, g->len, u->text_len,
				g->src_off, g->src_len, s->len);
		CHECK((size_t)g->text_off + g->len <= u->text_len);
		CHECK((size_t)g->src_off + g->src_len <= s->len);
		CHECK(i == 0 || g->text_off >= u->segs[i - 1].text_off);
	}
	/* Every span of the text maps into the file. */
	size_t step = u->text_len / 16 + 1;
	for (size_t i = 0; i <= u->text_len; i += step) {
		size_t e = i + step < u->text_len ? i + step : u->text_len;
		kb_loc l = kb_unit_text_loc(u, i, e);
		check_loc(s, &l);
	}
}

void fz_run(const fz_file *files, size_t n) { fz_run_mapped(files, n, NULL); }

void fz_run_mapped(const fz_file *files, size_t n, const struct kb_map *map)
{
	fz_init();
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_vec sources = {0}, units = {0}, sup = {0}, claims = {0}, findings = {0};
	for (size_t i = 0; i < n; i++) {
		kb_source *s = KB_NEW(a, kb_source);
		s->path = files[i].path;
		s->relpath = files[i].path;
		/* Exactly the bytes, NUL-terminated, as the walker reads them. */
		char *data = kb_alloc(a, files[i].len + 1);
		if (files[i].len)
			memcpy(data, files[i].data, files[i].len);
		s->data = data;
		s->len = files[i].len;
		if (!kb_source_prepare(a, d, s))
			continue;
		const kb_parser *p = files[i].format ? kb_parser_find(files[i].format)
						     : kb_parser_detect(s->path, s->data, s->len);
		if (!p)
			continue;
		s->format = p->name;
		s->answer_map = map;
		s->channel = p->channel;
		s->locale = kb_locale_from_path(a, s->path);
		kb_vec_push(a, &sources, s);
	}
	for (size_t i = 0; i < sources.len; i++) {
		const kb_source *s = sources.items[i];
		size_t before = units.len;
		kb_parse_ctx ctx = {.arena = a, .diags = d, .source = s, .units = &units,
				    .sources = &sources};
		kb_parser_find(s->format)->parse(&ctx);
		for (size_t k = before; k < units.len; k++)
			CHECK(((const kb_unit *)units.items[k])->source == s);
		size_t first = sup.len;
		kb_suppressions_scan(a, s, &sup);
		/* Blocks lie in their file, start at their comment, end after. */
		for (size_t k = first; k < sup.len; k++) {
			const kb_suppression *b = sup.items[k];
			CHECK(b->source == s && b->line >= 1 && (size_t)b->line <= s->nlines);
			if (b->kind == KB_SUPPRESS_BLOCK)
				CHECK(b->from < b->to && b->to <= s->len && b->topics);
		}
	}
	for (size_t i = 0; i < units.len; i++)
		check_unit(units.items[i]);
	kb_extractor *x = kb_extractor_new(rules, a, d);
	for (size_t i = 0; i < units.len; i++) {
		const kb_unit *u = units.items[i];
		if (u->active)
			kb_extract_unit(x, u, &claims, NULL);
	}
	kb_extractor_free(x);
	for (size_t i = 0; i < claims.len; i++) {
		const kb_claim *c = claims.items[i];
		CHECK(c->text_start <= c->text_end && c->text_end <= c->unit->text_len);
		check_loc(c->unit->source, &c->loc);
	}
	kb_compare(a, &claims, NULL, &findings);
	for (size_t i = 0; i < kb_diags_count(d); i++) {
		const kb_diag_entry *e = kb_diags_get(d, i);
		CHECK(e->message && e->line >= 0 && e->column >= 0);
	}
	kb_arena_free(a);
}

size_t fz_split(const uint8_t *data, size_t len, const uint8_t **parts,
		size_t *lens, size_t max)
{
	const size_t seplen = sizeof FZ_SEP - 1;
	size_t k = 0;
	while (k + 1 < max) {
		const uint8_t *e = memmem(data, len, FZ_SEP, seplen);
		if (!e)
			break;
		parts[k] = data;
		lens[k++] = (size_t)(e - data);
		len -= (size_t)(e - data) + seplen;
		data = e + seplen;
	}
	parts[k] = data;
	lens[k++] = len;
	return k;
}

void fz_run_parts(const uint8_t *data, size_t len, const char *const *names,
		  const char *const *formats, size_t nnames)
{
	const uint8_t *parts[8];
	size_t lens[8];
	size_t n = fz_split(data, len, parts, lens, nnames < 8 ? nnames : 8);
	fz_file files[8];
	for (size_t i = 0; i < n; i++)
		files[i] = (fz_file){.path = names[i], .format = formats ? formats[i] : NULL,
				     .data = parts[i], .len = lens[i]};
	fz_run(files, n);
}

static char tmpdir[64];

static void fz_cleanup(void)
{
	if (!tmpdir[0])
		return;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz harness: could not remove %s\n", tmpdir);
	tmpdir[0] = '\0';
}

const char *fz_tmpdir(void)
{
	if (!tmpdir[0]) {
		const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(tmpdir, sizeof tmpdir, "%s/kbfuzz.XXXXXX", base);
		if (!mkdtemp(tmpdir))
			abort();
		atexit(fz_cleanup);
	}
	return tmpdir;
}

const kb_rules *fz_rules(void)
{
	fz_init();
	return rules;
}

const char *fz_tmpfile(const char *name, const uint8_t *data, size_t len)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", fz_tmpdir(), name);
	FILE *f = fopen(path, "wb");
	if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0)
		abort();
	return path;
}
