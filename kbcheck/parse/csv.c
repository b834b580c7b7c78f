/* csv.c - question/answer tables exported as CSV (parser "csv").
 *
 * Helpdesks export canned answers, and chatbot datasets their training
 * pairs, as a table whose first row names the columns:
 *
 *     id,question,answer,locale
 *     cancel,Can I cancel?,"Yes, within 24 hours.",en
 *
 * RFC 4180: fields separated by commas, quoted fields may hold the
 * separator, line breaks and "" for a quote; records end with CRLF or LF;
 * a UTF-8 byte order mark may start the file.  Exports from spreadsheets
 * set to a locale whose decimal mark is the comma use ';' (or tabs): the
 * separator is the first of , ; TAB with which the header names an answer
 * column, and an Excel "sep=;" first line names it outright.
 *
 * Columns are known by their name, in English, Vietnamese or Thai ("Câu
 * trả lời", "คำตอบ"), compared without case or diacritics, '_' and '-' as
 * spaces (so "Macro ID" is macro_id, "CAU HOI" câu hỏi); for each role the
 * earliest name in its list below wins when several columns qualify.  Every record with a
 * non-empty answer is a unit: its text is the answer field, mapped to the
 * file byte for byte (a "" maps to both quotes, a line break inside the
 * field breaks a paragraph), its span the answer field.  The id is the id
 * column's value, else "row-N" with N the row as a spreadsheet numbers
 * it (the header is row 1), made unique with "-2", "-3"...  Rows often
 * repeat one answer (a dataset gives each of 200 phrasings of a question
 * the same reply): they are separate units that agree.
 *
 * Bad input is reported at its line and column, and the next row is read
 * as usual: a quoted field that is never closed (error: the row is
 * skipped and reading resumes on the line after its opening quote), a row
 * with more fields than the header (an answer written with the separator
 * unquoted, "Yes, within 24 hours": when the answer is the last column, or
 * the columns after it are known ones whose values still fit, its fields
 * are joined back, exactly as the file has them, with a warning at the
 * first separator; else an error and the row is skipped; only a warning
 * when the extra fields are empty),
 * a row with fewer (warning; the missing fields are empty), text after a
 * closing quote (warning; kept, as spreadsheets do).  The two harmless
 * ones are said for the first such row, then counted: an export that
 * drops trailing empty fields does it on every row.
 *
 * Time is linear in the file: records are read in one pass (an unclosed
 * quote makes at most one search to the end of the file: every quote
 * after it pairs up, so no later quoted field can run to the end), and
 * ids repeated on many rows find their next free suffix in O(1).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/buf.h"
#include "../base/hash.h"
#include "../base/locale.h"
#include "../base/text.h"
#include "faq_util.h"
#include "parser.h"

#define NONE ((size_t)-1)

/* ---- records -------------------------------------------------------------- */

/* One field: bytes [from, to) of the file.  A quoted field's value is
 * (from, qend) with "" escapes, then whatever follows the closing quote
 * at qend up to `to` (malformed, but kept as spreadsheets keep it); a
 * quote never closed has qend == to. */
typedef struct csv_field {
	size_t from, to, qend;
	bool quoted;
} csv_field;

typedef struct csv_reader {
	const char *d;
	size_t len, pos;
	char sep;
	csv_field *f; /* the current record's fields (malloc'd) */
	size_t n, cap;
	size_t unclosed; /* opening quote of a field never closed, or NONE */
	size_t junk;     /* first text after a closing quote, or NONE */
} csv_reader;

static bool is_eol(char c) { return c == '\n' || c == '\r'; }

static size_t skip_eol(const char *d, size_t len, size_t i)
{
	if (i < len && d[i] == '\r')
		i++;
	if (i < len && d[i] == '\n')
		i++;
	return i;
}

static csv_field *push_field(csv_reader *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->f = realloc(r->f, r->cap * sizeof *r->f);
		if (!r->f)
			abort();
	}
	return &r->f[r->n++];
}

/* Reads the record at r->pos into r->f[0..n); false at the end of input. */
static bool csv_next(csv_reader *r)
{
	const char *d = r->d;
	size_t len = r->len, i = r->pos;
	if (i >= len)
		return false;
	r->n = 0;
	r->unclosed = r->junk = NONE;
	for (;;) {
		csv_field *f = push_field(r);
		f->from = i;
		f->quoted = i < len && d[i] == '"';
		if (f->quoted) {
			size_t q = i + 1;
			for (;;) {
				const char *p = q < len ? memchr(d + q, '"', len - q) : NULL;
				if (!p) {
					/* Never closed: give up this record at the end of
					 * the opening quote's line. */
					r->unclosed = i;
					while (i < len && !is_eol(d[i]))
						i++;
					f->to = f->qend = i;
					r->pos = skip_eol(d, len, i);
					return true;
				}
				q = (size_t)(p - d);
				if (q + 1 < len && d[q + 1] == '"') {
					q += 2;
					continue;
				}
				break;
			}
			f->qend = q;
			i = q + 1;
			if (i < len && d[i] != r->sep && !is_eol(d[i]) && r->junk == NONE)
				r->junk = i;
		}
		while (i < len && d[i] != r->sep && !is_eol(d[i]))
			i++;
		f->to = i;
		if (!f->quoted)
			f->qend = i;
		if (i < len && d[i] == r->sep) {
			i++;
			continue;
		}
		r->pos = skip_eol(d, len, i);
		return true;
	}
}

/* A record that is one empty field: a blank line. */
static bool blank_record(const csv_reader *r)
{
	return r->n == 1 && r->f[0].from == r->f[0].to;
}

/* Starts r on data[0..len): past a byte order mark and an Excel "sep=X"
 * line (which fixes the separator: *fixed). */
static void csv_start(csv_reader *r, const char *data, size_t len, bool *fixed)
{
	memset(r, 0, sizeof *r);
	r->d = data;
	r->len = len;
	r->sep = ',';
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		r->pos = 3;
	*fixed = false;
	const char *s = data + r->pos;
	if (len - r->pos >= 5 && !strncasecmp(s, "sep=", 4) && !is_eol(s[4]) &&
	    s[4] != '"' && (len - r->pos == 5 || is_eol(s[5]))) {
		r->sep = s[4];
		r->pos = skip_eol(data, len, r->pos + 5);
		*fixed = true;
	}
}

/* ---- columns -------------------------------------------------------------- */

enum { C_ANSWER, C_QUESTION, C_ID, C_LOCALE, C_CHANNEL, C_CATEGORY, C_N };
enum { MAX_NAMES = 12 };

/* For each role, its column names, the preferred first; in English,
 * Vietnamese and Thai, compared without case or diacritics ("Câu trả
 * lời", "CAU TRA LOI" and "cau_tra_loi" are one name). */
static const char *const col_names[C_N][MAX_NAMES] = {
    [C_ANSWER] = {"response", "answer", "reply", "text", "body", "content", "message",
		  "câu trả lời", "trả lời", "คำตอบ", "nội dung"},
    [C_QUESTION] = {"question", "instruction", "title", "name", "subject", "utterance",
		    "câu hỏi", "คำถาม"},
    [C_ID] = {"id", "intent", "key", "macro id", "mã", "mã số", "รหัส"},
    [C_LOCALE] = {"locale", "lang", "language", "ngôn ngữ", "ภาษา"},
    [C_CHANNEL] = {"channel"},
    [C_CATEGORY] = {"category", "danh mục", "หมวดหมู่"},
};

typedef struct csv_cols {
	size_t at[C_N]; /* column index per role, or NONE */
	int rank[C_N];  /* index of its name in col_names */
	size_t ncols;
	size_t header_end; /* where the first data row starts */
} csv_cols;

/* A column name as names are compared: case folded, without diacritics,
 * '_' and '-' as spaces, one space between words, into out. */
static void name_key(kb_buf *out, const char *s, size_t n)
{
	char tmp[64];
	size_t k = 0;
	for (size_t i = 0; i < n && k < sizeof tmp; i++)
		tmp[k++] = s[i] == '_' || s[i] == '-' ? ' ' : s[i];
	kb_text_bare_buf(out, tmp, k);
}

/* Header cell f as a column name (name_key of its value, unquoted);
 * false when longer than any known name. */
static bool cell_name(const char *d, const csv_field *f, kb_buf *out)
{
	size_t a = f->quoted ? f->from + 1 : f->from, b = f->qend;
	if (b - a > 48)
		return false;
	char v[48];
	size_t k = 0;
	for (size_t i = a; i < b; i++) {
		v[k++] = d[i];
		if (f->quoted && d[i] == '"')
			i++; /* "" */
	}
	name_key(out, v, k);
	return true;
}

/* Reads the header record at r->pos with r->sep into c; true when it
 * names an answer column.  *others counts the other known columns that
 * make a table of answers (question, id, locale, channel). */
static bool read_header(csv_reader *r, csv_cols *c, int *others)
{
	for (int k = 0; k < C_N; k++) {
		c->at[k] = NONE;
		c->rank[k] = 0;
	}
	*others = 0;
	if (!csv_next(r) || r->unclosed != NONE)
		return false;
	c->ncols = r->n;
	c->header_end = r->pos;
	kb_buf name = KB_BUF_INIT, known = KB_BUF_INIT;
	for (size_t i = 0; i < r->n; i++) {
		if (!cell_name(r->d, &r->f[i], &name))
			continue;
		for (int k = 0; k < C_N; k++)
			for (int j = 0; j < MAX_NAMES && col_names[k][j]; j++) {
				name_key(&known, col_names[k][j], strlen(col_names[k][j]));
				if (!strcmp(kb_buf_cstr(&name), kb_buf_cstr(&known)) &&
				    (c->at[k] == NONE || j < c->rank[k])) {
					c->at[k] = i;
					c->rank[k] = j;
				}
			}
	}
	kb_buf_free(&name);
	kb_buf_free(&known);
	for (int k = C_QUESTION; k <= C_CHANNEL; k++)
		*others += c->at[k] != NONE;
	return c->at[C_ANSWER] != NONE;
}

/* Finds the separator and the header of data[0..len) (see the top of the
 * file); r is left on the first data row.  false: no answer column. */
static bool find_header(csv_reader *r, const char *data, size_t len, csv_cols *c,
			int *others)
{
	static const char seps[] = {',', ';', '\t'};
	bool fixed;
	csv_start(r, data, len, &fixed);
	size_t start = r->pos;
	for (size_t k = 0; k < (fixed ? 1 : sizeof seps); k++) {
		if (!fixed)
			r->sep = seps[k];
		r->pos = start;
		if (read_header(r, c, others))
			return true;
	}
	return false;
}

/* ---- ids ------------------------------------------------------------------ */

/* The next suffix to try for each id base: kb_faq_ids_take alone tries
 * -2, -3... from the start every time, quadratic in rows per intent. */
typedef struct id_next {
	const char **base; /* open addressing, NULL = free */
	int *next;
	size_t cap, n;
} id_next;

static int *id_next_slot(id_next *t, const char *base)
{
	if ((t->n + 1) * 2 > t->cap) {
		id_next old = *t;
		t->cap = old.cap ? old.cap * 2 : 64;
		t->base = calloc(t->cap, sizeof *t->base);
		t->next = calloc(t->cap, sizeof *t->next);
		if (!t->base || !t->next)
			abort();
		t->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.base[i])
				*id_next_slot(t, old.base[i]) = old.next[i];
		free(old.base);
		free(old.next);
	}
	size_t mask = t->cap - 1;
	size_t i = (size_t)kb_hash(KB_HASH_INIT, base, strlen(base)) & mask;
	while (t->base[i] && strcmp(t->base[i], base) != 0)
		i = (i + 1) & mask;
	if (!t->base[i]) {
		t->base[i] = base;
		t->next[i] = 1;
		t->n++;
	}
	return &t->next[i];
}

/* ---- the table ------------------------------------------------------------ */

typedef struct csv_doc {
	kb_parse_ctx *ctx;
	csv_reader r;
	csv_cols c;
	kb_textb tb;
	kb_buf scratch;
	kb_faq_ids ids;
	id_next next;
	/* Rows with fewer fields, or empty extra ones (said once). */
	size_t nshort, nextra;       /* such rows after the first */
	size_t short_row, extra_row; /* the first of them (0: none yet) */
} csv_doc;

static void diag_at(csv_doc *cd, kb_diag_level level, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void diag_at(csv_doc *cd, kb_diag_level level, size_t off, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	int line, col;
	kb_source_pos(cd->ctx->source, off, &line, &col);
	kb_diag(cd->ctx->diags, level, cd->ctx->source->path, line, col, "%s", msg);
}

/* Adds file bytes [a, b) as they are; a line break (only quoted fields
 * have them) breaks a paragraph. */
static void add_literal(kb_textb *tb, const char *d, size_t a, size_t b)
{
	while (a < b) {
		size_t e = a;
		while (e < b && !is_eol(d[e]))
			e++;
		kb_textb_add_at(tb, d + a, e - a, a);
		if (e == b)
			break;
		kb_textb_break(tb);
		a = e + 1;
	}
}

/* Adds field f's value to tb, mapped to the file. */
static void add_field(kb_textb *tb, const char *d, const csv_field *f)
{
	if (!f->quoted) {
		add_literal(tb, d, f->from, f->to);
		return;
	}
	size_t a = f->from + 1;
	const char *q;
	while ((q = memchr(d + a, '"', f->qend - a))) {
		size_t i = (size_t)(q - d); /* "" (a lone quote would have closed f) */
		add_literal(tb, d, a, i);
		kb_textb_add_derived(tb, "\"", 1, i, 2);
		a = i + 2;
	}
	add_literal(tb, d, a, f->qend);
	add_literal(tb, d, f->qend + 1, f->to);
}

/* The value of the field for role k in the current record, whitespace
 * collapsed, in the arena; NULL when absent or blank. */
static const char *cell(csv_doc *cd, int k)
{
	size_t i = cd->c.at[k];
	if (i == NONE || i >= cd->r.n)
		return NULL;
	const csv_field *f = &cd->r.f[i];
	const char *d = cd->r.d;
	kb_buf *b = &cd->scratch;
	kb_buf_clear(b);
	if (!f->quoted) {
		kb_buf_put(b, d + f->from, f->to - f->from);
	} else {
		for (size_t j = f->from + 1; j < f->qend; j++) {
			kb_buf_putc(b, d[j]);
			j += d[j] == '"'; /* "" */
		}
		if (f->to > f->qend)
			kb_buf_put(b, d + f->qend + 1, f->to - f->qend - 1);
	}
	return kb_faq_clean(cd->ctx->arena, kb_buf_cstr(b), b->len);
}

static const char *take_id(csv_doc *cd, const char *base)
{
	kb_arena *a = cd->ctx->arena;
	int *k = id_next_slot(&cd->next, base);
	const char *id = *k == 1 ? base : kb_sprintf(a, "%s-%d", base, *k);
	(*k)++;
	/* A row may spell out another row's suffixed id ("x-2"): still unique. */
	return kb_faq_ids_take(a, &cd->ids, id);
}

/* The role of header column i, or -1 (a column kbcheck does not read). */
static int role_of(const csv_cols *c, size_t i)
{
	for (int k = 0; k < C_N; k++)
		if (c->at[k] == i)
			return k;
	return -1;
}

/* Does field f hold a value that column role k can have: a language tag,
 * an id or channel of one word?  (Questions and categories take text.) */
static bool plausible(const csv_doc *cd, int k, const csv_field *f)
{
	const char *d = cd->r.d;
	if (f->quoted)
		return true; /* quoted by the writer: its own field */
	if (k == C_QUESTION || k == C_CATEGORY)
		return true;
	if (k == C_LOCALE)
		return f->to == f->from || kb_locale_tag(d + f->from, f->to - f->from);
	for (size_t i = f->from; i < f->to; i++)
		if (d[i] == ' ' || d[i] == '\t')
			return false;
	return k == C_ID || k == C_CHANNEL;
}

/* A row with `extra` fields more than the header: an answer written with
 * the separator unquoted ("Yes, within 24 hours").  When the answer is the
 * last column, or every column after it is one kbcheck reads and its
 * value fits once the answer takes the extra fields back (a locale is a
 * tag, an id one word), the answer's fields are joined back: the answer
 * is the file's bytes from its first field to its last, separators
 * included, so every position stays exact.  false (nothing changed) when
 * that cannot be told, or the answer's fields were quoted. */
static bool fold_answer(csv_doc *cd, size_t extra)
{
	csv_reader *r = &cd->r;
	size_t ai = cd->c.at[C_ANSWER], ncols = cd->c.ncols;
	for (size_t i = ai; i <= ai + extra; i++)
		if (r->f[i].quoted)
			return false;
	for (size_t i = ai + 1; i < ncols; i++) {
		int k = role_of(&cd->c, i);
		if (k < 0 || !plausible(cd, k, &r->f[i + extra]))
			return false;
	}
	r->f[ai].to = r->f[ai].qend = r->f[ai + extra].to;
	memmove(&r->f[ai + 1], &r->f[ai + 1 + extra], (r->n - ai - 1 - extra) * sizeof *r->f);
	r->n -= extra;
	return true;
}

/* One data record, spreadsheet row `row`. */
static void record(csv_doc *cd, size_t row)
{
	csv_reader *r = &cd->r;
	size_t ncols = cd->c.ncols;
	if (r->unclosed != NONE) {
		diag_at(cd, KB_DIAG_ERROR, r->unclosed,
			"quoted field is never closed (no matching '\"'): row %zu skipped", row);
		return;
	}
	if (blank_record(r))
		return;
	/* Empty extra fields (a trailing separator) lose nothing; others are
	 * an answer's unquoted separators, or a row that cannot be read. */
	size_t filled = r->n;
	while (filled > ncols && r->f[filled - 1].to == r->f[filled - 1].from)
		filled--;
	if (filled > ncols) {
		size_t extra = filled - ncols;
		size_t sep_at = r->f[cd->c.at[C_ANSWER]].to; /* the first one joined back */
		if (!fold_answer(cd, extra)) {
			diag_at(cd, KB_DIAG_ERROR, r->f[ncols].from,
				"row %zu has %zu fields but the header names %zu: skipped (quote a "
				"field that holds the separator)",
				row, r->n, ncols);
			return;
		}
		diag_at(cd, KB_DIAG_WARNING, sep_at,
			"row %zu has %zu fields but the header names %zu: the answer holds the "
			"separator unquoted; its %zu fields are read as one (quote it)",
			row, filled, ncols, extra + 1);
	}
	if (r->n > ncols) {
		if (cd->extra_row) {
			cd->nextra++;
		} else {
			cd->extra_row = row;
			diag_at(cd, KB_DIAG_WARNING, r->f[ncols].from,
				"row %zu has %zu fields but the header names %zu: the extra ones are "
				"empty",
				row, r->n, ncols);
		}
	}
	if (r->junk != NONE)
		diag_at(cd, KB_DIAG_WARNING, r->junk,
			"text after a closing quote (a quote inside a quoted field is written "
			"\"\"): kept as it is");
	if (r->n < ncols) {
		if (cd->short_row) {
			cd->nshort++;
		} else {
			cd->short_row = row;
			diag_at(cd, KB_DIAG_WARNING, r->f[r->n - 1].to,
				"row %zu has %zu fields but the header names %zu: the missing ones "
				"are empty",
				row, r->n, ncols);
		}
	}

	size_t ai = cd->c.at[C_ANSWER];
	if (ai >= r->n)
		return;
	const csv_field *af = &r->f[ai];
	add_field(&cd->tb, r->d, af);
	if (kb_textb_empty(&cd->tb))
		return;

	kb_parse_ctx *ctx = cd->ctx;
	kb_arena *a = ctx->arena;
	kb_unit *u = kb_unit_new(ctx);
	kb_textb_finish(&cd->tb, kb_parse_texts(ctx), u);
	u->question = cell(cd, C_QUESTION);
	const char *id = cell(cd, C_ID);
	u->id = take_id(cd, id ? id : kb_sprintf(a, "row-%zu", row));
	const char *v = cell(cd, C_LOCALE);
	if (v && (v = kb_locale_tag(v, strlen(v))))
		u->locale = v;
	if ((v = cell(cd, C_CHANNEL)))
		u->scope = kb_scope_with(a, &u->scope, "channel", v);
	if ((v = cell(cd, C_CATEGORY))) {
		const char **h = KB_NEWN(a, const char *, 1);
		h[0] = v;
		u->headings = h;
		u->nheadings = 1;
	}
	size_t s = af->quoted ? af->from + 1 : af->from;
	size_t e = af->quoted && af->to == af->qend + 1 ? af->qend : af->to;
	u->loc = kb_loc_of(ctx->source, s, e);
	kb_emit_unit(ctx, u);
}

void kb_parse_csv(kb_parse_ctx *ctx)
{
	const kb_source *src = ctx->source;
	csv_doc cd = {.ctx = ctx};
	int others;
	if (!find_header(&cd.r, src->data, src->len, &cd.c, &others)) {
		kb_diag(ctx->diags, KB_DIAG_WARNING, src->path, 1, 1,
			"no answer column in the CSV header (response, answer, reply, text, "
			"body, content or message): nothing read");
		free(cd.r.f);
		return;
	}
	kb_textb_init(&cd.tb, src);
	cd.r.pos = cd.c.header_end;
	for (size_t row = 2; csv_next(&cd.r); row++) {
		record(&cd, row);
		kb_textb_reset(&cd.tb);
	}
	if (cd.nshort)
		kb_diag(ctx->diags, KB_DIAG_WARNING, src->path, 0, 0,
			"%zu more row%s after row %zu ha%s fewer fields than the header", cd.nshort,
			cd.nshort > 1 ? "s" : "", cd.short_row, cd.nshort > 1 ? "ve" : "s");
	if (cd.nextra)
		kb_diag(ctx->diags, KB_DIAG_WARNING, src->path, 0, 0,
			"%zu more row%s after row %zu ha%s empty fields past the header's",
			cd.nextra, cd.nextra > 1 ? "s" : "", cd.extra_row, cd.nextra > 1 ? "ve" : "s");
	kb_textb_free(&cd.tb);
	kb_buf_free(&cd.scratch);
	kb_faq_ids_free(&cd.ids);
	free(cd.next.base);
	free(cd.next.next);
	free(cd.r.f);
}

/* A header naming an answer column and another known one.  Only the
 * header is read (at most 64 KiB of it). */
int kb_detect_csv(const char *path, const char *data, size_t len)
{
	csv_reader r;
	csv_cols c;
	int others;
	bool ok = find_header(&r, data, len > 65536 ? 65536 : len, &c, &others) && others > 0;
	free(r.f);
	return ok ? 60 : 0;
}
