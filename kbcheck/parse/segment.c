/* segment.c - an answer's segments and their context; see segment.h. */
#include "segment.h"

#include <string.h>

enum {
	LABEL_MAX_CHARS = 48, /* "Label:" longer than this is a sentence */
	LABEL_MAX_WORDS = 7,
	/* A list item's label may say more ("• Customers in the inner
	 * districts of Hanoi and HCMC: 1-3 hours"). */
	ITEM_LABEL_MAX_CHARS = 100,
	ITEM_LABEL_MAX_WORDS = 24,
	LEAD_IN_MAX_CHARS = 100,
	LEAD_IN_MAX_WORDS = 12, /* a lead-in without a colon */
	PARENT_MAX_CHARS = 100,
};

static bool blank(char c) { return c == ' ' || c == '\n' || c == '\t'; }

static size_t utf8_chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

static bool has_letter(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			return true;
		if (c >= 0xC3) /* a letter of a script beyond ASCII (Latin-1 up) */
			return true;
	}
	return false;
}

/* Length of a list marker at t[i] ("- ", "* ", "• ", "1. ", "2) ", "✅ "),
 * or 0: plain text keeps its markers, structured formats drop them. */
static size_t list_marker(const char *t, size_t i, size_t end)
{
	static const struct {
		const char *s;
		size_t n;
	} marks[] = {{"- ", 2}, {"* ", 2}, {"+ ", 2}, {"• ", 4}, {"· ", 3}, {"– ", 4},
		     {"▪ ", 4}, {"► ", 4}, {"✅ ", 4}, {"✔️ ", 7}, {"✔ ", 4}, {"❌ ", 4},
		     {"👉 ", 5}, {"⚠️ ", 7}, {"🔹 ", 5}, {"🔸 ", 5}};
	unsigned char c = (unsigned char)t[i];
	if (c != '-' && c != '*' && c != '+' && c < 0xC2 && !(c >= '0' && c <= '9'))
		return 0;
	for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
		if (i + marks[k].n <= end && !memcmp(t + i, marks[k].s, marks[k].n))
			return marks[k].n;
	size_t j = i;
	while (j < end && j - i < 3 && t[j] >= '0' && t[j] <= '9')
		j++;
	if (j > i && j + 1 < end && (t[j] == '.' || t[j] == ')') && t[j + 1] == ' ')
		return j + 2 - i;
	return 0;
}

/* A bullet typed into the text ("•Khách hàng ...", "● Free returns"),
 * with or without a space after it: its length, or 0.  Read in every
 * format: HTML pages type them into paragraphs. */
static size_t typed_bullet(const char *t, size_t i, size_t end)
{
	static const char *const bullets[] = {"•", "●", "▪", "►", "➤", "➢", "◦", "‣", "■",
					      "◆", "◇", "♦", "❖", "★", "✦"};
	for (size_t k = 0; k < sizeof bullets / sizeof bullets[0]; k++) {
		size_t n = strlen(bullets[k]);
		if (i + n < end && !memcmp(t + i, bullets[k], n))
			return n;
	}
	return 0;
}

/* Is t[i] an abbreviation's dot ("TP. Hồ Chí Minh", "St. Louis"): after
 * a capitalised word of at most three letters, before a space? */
static bool abbreviation_dot(const char *t, size_t start, size_t i, size_t end)
{
	size_t w = i;
	while (w > start && t[w - 1] != ' ')
		w--;
	return i + 1 < end && t[i + 1] == ' ' && i - w >= 1 && i - w <= 3 && t[w] >= 'A' &&
	       t[w] <= 'Z';
}

/* "Label: value": where the colon is (start..colon is the label), or 0.
 * Not a time ("8:00"), a URL ("https://") or a long sentence (a list
 * item's label may be longer). */
static size_t label_colon(const char *t, size_t start, size_t end, bool item)
{
	size_t max_words = item ? ITEM_LABEL_MAX_WORDS : LABEL_MAX_WORDS;
	size_t max_chars = item ? ITEM_LABEL_MAX_CHARS : LABEL_MAX_CHARS;
	size_t words = 1, chars = 0;
	for (size_t i = start; i < end; i++) {
		bool colon = t[i] == ':';
		size_t clen = 1;
		if (!colon && i + 3 <= end && !memcmp(t + i, "：", 3)) {
			colon = true;
			clen = 3;
		}
		if (colon) {
			if (i > start && t[i - 1] >= '0' && t[i - 1] <= '9' && i + 1 < end &&
			    t[i + 1] >= '0' && t[i + 1] <= '9')
				return 0; /* 8:00 */
			if (i + 1 < end && t[i + 1] == '/')
				return 0; /* https:// */
			if (i == start || !has_letter(t + start, i - start))
				return 0;
			(void)clen;
			return i;
		}
		if (t[i] == ' ' && ++words > max_words)
			return 0;
		chars += ((unsigned char)t[i] & 0xC0) != 0x80;
		if (chars > max_chars)
			return 0;
		if (t[i] == '.' && abbreviation_dot(t, start, i, end))
			continue;
		if (t[i] == '.' || t[i] == '?' || t[i] == '!' || t[i] == ';')
			return 0;
	}
	return 0;
}

static size_t colon_len(const char *t, size_t at) { return t[at] == ':' ? 1 : 3; }

/* Segment [start, end) of kind: trimmed, its marker and label found. */
static bool make(kb_arena *a, const char *t, size_t start, size_t end, kb_block_kind kind,
		 int depth, bool marked, kb_segment *s)
{
	while (start < end && blank(t[start]))
		start++;
	while (end > start && blank(t[end - 1]))
		end--;
	if (start == end)
		return false;
	*s = (kb_segment){.start = start, .end = end, .value_start = start, .kind = kind,
			  .depth = depth, .parent = -1};
	size_t body = start;
	if (kind == KB_BLOCK_TEXT) {
		size_t m = marked ? 0 : list_marker(t, start, end);
		if (!m)
			m = typed_bullet(t, start, end);
		if (m) {
			s->kind = KB_BLOCK_ITEM;
			s->depth = depth + 1;
			body = start + m;
			while (body < end && blank(t[body]))
				body++;
			s->value_start = body;
		}
	}
	size_t c = label_colon(t, body, end, s->kind == KB_BLOCK_ITEM);
	if (c) {
		size_t v = c + colon_len(t, c);
		while (v < end && blank(t[v]))
			v++;
		size_t le = c;
		while (le > body && blank(t[le - 1]))
			le--;
		if (v < end) {
			s->label = kb_strndup(a, t + body, le - body);
			s->value_start = v;
		} else if (utf8_chars(t + start, end - start) <= LEAD_IN_MAX_CHARS) {
			s->lead_in = true;
		}
	} else if ((t[end - 1] == ':' || (end - start >= 3 && !memcmp(t + end - 3, "：", 3))) &&
		   utf8_chars(t + start, end - start) <= LEAD_IN_MAX_CHARS) {
		s->lead_in = true;
	}
	return true;
}

static void push(kb_arena *a, kb_segment **v, size_t *n, size_t *cap, const kb_segment *s)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		kb_segment *nv = KB_NEWN(a, kb_segment, nc);
		if (*n)
			memcpy(nv, *v, *n * sizeof *nv);
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = *s;
}

/* The lines of [start, end) as segments: the first of kind/depth, the rest
 * text at that depth. */
static void add_lines(kb_arena *a, const char *t, size_t start, size_t end, const kb_block *b,
		      kb_segment **v, size_t *n, size_t *cap, int *first)
{
	bool marked = b != NULL;
	kb_block_kind kind = b ? (kb_block_kind)b->kind : KB_BLOCK_TEXT;
	int depth = b ? b->depth : 0;
	for (size_t p = start; p < end;) {
		size_t e = p;
		while (e < end && t[e] != '\n')
			e++;
		kb_segment s;
		if (make(a, t, p, e, kind, depth, marked && kind != KB_BLOCK_TEXT, &s)) {
			if (*first < 0)
				*first = (int)*n;
			push(a, v, n, cap, &s);
		}
		if (kind == KB_BLOCK_CELL || kind == KB_BLOCK_HEADER)
			break; /* a cell is one segment, whatever its lines */
		kind = KB_BLOCK_TEXT;
		marked = false;
		p = e + 1;
	}
}

/* The text a segment gives as its parent's context: its label, else the
 * lead-in without its colon, else its text when short. */
static const char *as_parent(kb_arena *a, const char *t, const kb_segment *s)
{
	if (s->label)
		return s->label;
	size_t b = s->value_start, e = s->end;
	if (t[e - 1] == ':')
		e--;
	else if (e - b >= 3 && !memcmp(t + e - 3, "：", 3))
		e -= 3;
	while (e > b && blank(t[e - 1]))
		e--;
	if (e <= b || utf8_chars(t + b, e - b) > PARENT_MAX_CHARS)
		return NULL;
	return kb_strndup(a, t + b, e - b);
}

/* What each segment with children says as their parent. */
static void gists(kb_arena *a, const char *t, kb_segment *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i].parent >= 0 && !s[s[i].parent].gist)
			s[s[i].parent].gist = as_parent(a, t, &s[s[i].parent]);
}

/* A short paragraph right before a list, not a sentence ("**Cancelled
 * when unpaid**" above its items), introduces the list as a lead-in with a
 * colon does. */
static void bold_lead_ins(const char *t, kb_segment *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		kb_segment *p = &s[i];
		if (p->lead_in || p->kind != KB_BLOCK_TEXT || p->label || s[i + 1].kind != KB_BLOCK_ITEM ||
		    s[i + 1].depth != p->depth + 1)
			continue;
		char last = t[p->end - 1];
		size_t words = 1;
		for (size_t k = p->start; k < p->end; k++)
			words += t[k] == ' ';
		if (last != '.' && last != '!' && last != '?' && words <= LEAD_IN_MAX_WORDS)
			p->lead_in = true;
	}
}

static void link_parents(kb_segment *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i].kind == KB_BLOCK_CELL || s[i].kind == KB_BLOCK_HEADER)
			continue;
		if (s[i].kind != KB_BLOCK_ITEM) {
			/* Text right after a lead-in ("Opening hours:" then a line). */
			if (i > 0 && s[i - 1].lead_in && s[i - 1].depth <= s[i].depth)
				s[i].parent = (int)i - 1;
			continue;
		}
		for (size_t j = i; j-- > 0;) {
			if (s[j].kind == KB_BLOCK_ITEM && s[j].depth == s[i].depth - 1) {
				s[i].parent = (int)j;
				break;
			}
			if (s[j].kind == KB_BLOCK_ITEM && s[j].depth >= s[i].depth)
				continue; /* a sibling, or deeper */
			if (s[j].depth < s[i].depth && s[j].lead_in)
				s[i].parent = (int)j;
			break;
		}
	}
}

/* Row and column headers of the cells. */
static void link_cells(kb_arena *a, const char *t, kb_segment *s, const kb_block **blk, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!blk[i] || blk[i]->kind != KB_BLOCK_CELL)
			continue;
		for (size_t j = 0; j < n; j++) {
			if (!blk[j] || blk[j]->table != blk[i]->table || j == i)
				continue;
			const kb_block *o = blk[j];
			if (!s[i].row && o->row == blk[i]->row && o->col == 1 && blk[i]->col > 1)
				s[i].row = kb_strndup(a, t + s[j].start, s[j].end - s[j].start);
			if (!s[i].column && o->kind == KB_BLOCK_HEADER && o->col == blk[i]->col)
				s[i].column = kb_strndup(a, t + s[j].start, s[j].end - s[j].start);
		}
	}
}

size_t kb_unit_segments(kb_arena *a, const kb_unit *u, kb_segment **out)
{
	const char *t = u->text;
	kb_segment *v = NULL;
	size_t n = 0, cap = 0;
	if (!t) {
		*out = NULL;
		return 0;
	}
	if (!u->nblocks) {
		int first = -1;
		add_lines(a, t, 0, u->text_len, NULL, &v, &n, &cap, &first);
		bold_lead_ins(t, v, n);
		link_parents(v, n);
		gists(a, t, v, n);
		*out = v;
		return n;
	}
	/* The block each segment came from (cells: for their headers). */
	const kb_block **blk = KB_NEWN(a, const kb_block *, u->text_len + 1);
	if (u->blocks[0].start > 0) {
		int first = -1;
		add_lines(a, t, 0, u->blocks[0].start, NULL, &v, &n, &cap, &first);
	}
	for (size_t b = 0; b < u->nblocks; b++) {
		size_t start = u->blocks[b].start;
		size_t end = b + 1 < u->nblocks ? u->blocks[b + 1].start : u->text_len;
		if (start > u->text_len)
			break;
		if (end > u->text_len)
			end = u->text_len;
		int first = -1;
		add_lines(a, t, start, end, &u->blocks[b], &v, &n, &cap, &first);
		if (first >= 0)
			blk[first] = &u->blocks[b];
	}
	bold_lead_ins(t, v, n);
	link_parents(v, n);
	link_cells(a, t, v, blk, n);
	gists(a, t, v, n);
	*out = v;
	return n;
}

size_t kb_segment_context(const kb_unit *u, const kb_segment *segs, size_t i,
			  kb_context *out, size_t max)
{
	(void)u->text;
	size_t k = 0;
	const kb_segment *s = &segs[i];
#define ADD(kind_, text_) \
	do { \
		if ((text_) && *(text_) && k < max) \
			out[k++] = (kb_context){(kind_), (text_)}; \
	} while (0)
	ADD(KB_CTX_LABEL, s->label);
	ADD(KB_CTX_COLUMN, s->column);
	ADD(KB_CTX_ROW, s->row);
	for (int p = s->parent, guard = 0; p >= 0 && guard < 16; p = segs[p].parent, guard++)
		ADD(KB_CTX_PARENT, segs[p].gist);
	for (size_t h = u->nheadings; h-- > 0;)
		ADD(KB_CTX_HEADING, u->headings[h]);
	ADD(KB_CTX_QUESTION, u->question);
#undef ADD
	return k;
}

const char *kb_context_kind_name(kb_context_kind k)
{
	static const char *const names[] = {"label", "column", "row", "parent", "heading", "question"};
	return names[k];
}
