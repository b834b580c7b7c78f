/* markdown.c - FAQ pages in Markdown (CommonMark, parsed by cmark).
 *
 * Questions are headings (ATX or setext, any level) and bold-only
 * paragraphs at the top level ("**Can I cancel?**", optionally followed by
 * the answer after a line break).  A question's answer is the content up to
 * the next question of any level; the headings above it are its path.
 * Content before the first question is the unit "intro".
 *
 * cmark gives byte positions (1-based line, 1-based byte column) for blocks
 * only reliably, so every leaf block sets the text builder's window to its
 * byte range and each text literal is searched for from the cursor.  cmark
 * skips a UTF-8 BOM before counting columns, so line 1 is shifted by it.
 *
 * YAML front matter is blanked (every byte but line endings becomes a
 * space) before cmark sees the text: offsets and line numbers stay those of
 * the file.  Only its lang:/locale: key is read.  Markdown that a server
 * renders through ERB first (.html.markerb, .md.erb: Middleman, Rails
 * docs sites) has its <% %> tags blanked the same way (template.h).
 * MDX (.mdx: Markdown with JSX, Docusaurus, Nextra, Mintlify help
 * centres) has its ESM lines blanked the same way ("import ... from",
 * "export const meta = { ... }" to the brace that closes it), and the
 * lines that hold only a component's tag, so the text inside is read.
 */
#include "parser.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/locale.h"
#include "faq_util.h"
#include "template.h"

typedef struct md {
	kb_parse_ctx *ctx;
	const kb_source *src;
	size_t bom; /* 3 when the file starts with a UTF-8 BOM */
	kb_faq_ids ids;
	kb_faq_headings heads;
	kb_faq_unit cur;       /* the unit being collected */
	kb_faq_topics pending; /* suppressions waiting for the next text */
	int tables;            /* pipe tables read so far */
} md;

enum { BOLD_QUESTION_LEVEL = 7 }; /* below every heading */

static bool is_space(char c) { return c == ' ' || c == '\t'; }

static bool is_line_end(char c) { return c == '\n' || c == '\r'; }

/* ---- front matter --------------------------------------------------------- */

typedef struct front_matter {
	bool present, closed;
	size_t from, to; /* bytes to blank: opening fence to end of closing line */
	const char *locale;
	const char *title; /* the page's title (Hugo, Jekyll, Docusaurus) */
} front_matter;

/* Line [p, *next): returns its length without the line ending and trailing
 * blanks. */
static size_t line_at(const char *d, size_t len, size_t p, size_t *next)
{
	size_t e = p;
	while (e < len && d[e] != '\n')
		e++;
	*next = e < len ? e + 1 : len;
	while (e > p && (is_space(d[e - 1]) || d[e - 1] == '\r'))
		e--;
	return e - p;
}

/* "key: value" at the start of a front matter line -> value (unquoted, no
 * comment), or NULL. */
static const char *fm_value(const char *l, size_t n, const char *key, size_t *vn)
{
	size_t k = strlen(key);
	if (n <= k || memcmp(l, key, k) != 0 || l[k] != ':')
		return NULL;
	size_t i = k + 1;
	while (i < n && is_space(l[i]))
		i++;
	size_t e = i;
	while (e < n && !(l[e] == '#' && e > i && is_space(l[e - 1])))
		e++;
	while (e > i && is_space(l[e - 1]))
		e--;
	if (e - i >= 2 && (l[i] == '"' || l[i] == '\'') && l[e - 1] == l[i]) {
		i++;
		e--;
	}
	*vn = e - i;
	return l + i;
}

static front_matter scan_front_matter(kb_arena *a, const char *d, size_t len,
				      size_t bom)
{
	front_matter fm = {.from = bom};
	size_t p;
	size_t n = line_at(d, len, bom, &p);
	if (n != 3 || memcmp(d + bom, "---", 3) != 0)
		return fm;
	fm.present = true;
	while (p < len) {
		size_t next;
		const char *l = d + p;
		n = line_at(d, len, p, &next);
		if (n == 3 && (memcmp(l, "---", 3) == 0 || memcmp(l, "...", 3) == 0)) {
			fm.closed = true;
			fm.to = next;
			return fm;
		}
		size_t vn;
		const char *v = fm_value(l, n, "lang", &vn);
		if (!v)
			v = fm_value(l, n, "locale", &vn);
		if (v && !fm.locale)
			fm.locale = kb_locale_tag(v, vn);
		v = fm_value(l, n, "title", &vn);
		if (v && vn && !fm.title)
			fm.title = kb_strndup(a, v, vn);
		p = next;
	}
	fm.locale = NULL; /* never closed: it was not front matter after all */
	fm.title = NULL;
	return fm;
}

/* ---- positions ------------------------------------------------------------ */

/* Byte offset of cmark's (line, column); column is 1-based and counts bytes. */
static size_t md_off(const md *m, int line, int col)
{
	size_t off = kb_source_line_offset(m->src, line);
	if (line == 1)
		off += m->bom;
	if (col > 1)
		off += (size_t)col - 1;
	return off < m->src->len ? off : m->src->len;
}

static size_t node_start(const md *m, cmark_node *n)
{
	return md_off(m, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
}

/* One past the node's last byte (cmark's end column is inclusive; 0 means
 * the node ends with the previous line). */
static size_t node_end(const md *m, cmark_node *n)
{
	return md_off(m, cmark_node_get_end_line(n), cmark_node_get_end_column(n) + 1);
}

/* ---- units ---------------------------------------------------------------- */

/* Comments in the HTML block n: their topics wait for the content after
 * them (a block's kbcheck-disable is the pipeline's: source/suppress.h). */
static void scan_comments(md *m, cmark_node *n)
{
	const char *html = cmark_node_get_literal(n);
	if (!html)
		return;
	int line = cmark_node_get_start_line(n);
	const char *at = html;
	for (const char *p = strstr(html, "<!--"); p; p = strstr(p + 4, "<!--")) {
		for (; at < p; at++)
			line += *at == '\n';
		const char *e = strstr(p + 4, "-->");
		size_t len = e ? (size_t)(e + 3 - p) : strlen(p);
		if (!kb_suppression_opens_block(m->ctx->arena, &m->ctx->openers, m->src, line, line))
			kb_faq_topics_parse(&m->pending, m->ctx->arena, p, len);
	}
}

static void start_question(md *m, const char *q, size_t start, int level)
{
	kb_faq_emit(m->ctx, &m->ids, &m->cur);
	m->cur.question = q;
	m->cur.id = q ? NULL : "section";
	m->cur.start = start;
	if (level < BOLD_QUESTION_LEVEL) {
		kb_faq_headings_open(&m->heads, level, q);
		m->cur.headings = kb_faq_headings_path(&m->heads, m->ctx->arena, true,
						       &m->cur.nheadings);
	} else {
		m->cur.headings = kb_faq_headings_path(&m->heads, m->ctx->arena, false,
						       &m->cur.nheadings);
	}
	kb_faq_topics_move(&m->cur.suppressed, &m->pending);
}

/* Text of the inlines under n (headings, bold questions): no map needed. */
static const char *inline_plain(md *m, cmark_node *n)
{
	kb_buf b = KB_BUF_INIT;
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			kb_buf_puts(&b, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			kb_buf_putc(&b, ' ');
			break;
		case CMARK_NODE_IMAGE:
			cmark_iter_reset(it, c, CMARK_EVENT_EXIT);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	const char *r = kb_faq_clean(m->ctx->arena, b.ptr ? b.ptr : "", b.len);
	kb_buf_free(&b);
	return r;
}

/* Adds the inlines from `first` on (and their siblings) to the unit. */
static void add_inlines(md *m, cmark_node *first)
{
	kb_textb *tb = &m->cur.tb;
	cmark_node *block = first ? cmark_node_parent(first) : NULL; /* its lines */
	for (cmark_node *s = first; s; s = cmark_node_next(s)) {
		cmark_iter *it = cmark_iter_new(s);
		cmark_event_type ev;
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *c = cmark_iter_get_node(it);
			if (ev != CMARK_EVENT_ENTER)
				continue;
			switch (cmark_node_get_type(c)) {
			case CMARK_NODE_TEXT:
			case CMARK_NODE_CODE: {
				const char *lit = cmark_node_get_literal(c);
				kb_faq_add_text(tb, lit, strlen(lit));
				break;
			}
			case CMARK_NODE_SOFTBREAK:
			case CMARK_NODE_LINEBREAK:
				kb_textb_space(tb);
				break;
			case CMARK_NODE_HTML_INLINE: {
				/* Inside a paragraph: it is about this unit (a
				 * block's disable: the pipeline's). */
				const char *lit = cmark_node_get_literal(c);
				if (!kb_suppression_opens_block(m->ctx->arena, &m->ctx->openers, m->src,
								cmark_node_get_start_line(block),
								cmark_node_get_end_line(block)))
					kb_faq_topics_parse(&m->cur.suppressed, m->ctx->arena,
							    lit, strlen(lit));
				break;
			}
			case CMARK_NODE_IMAGE: /* an image is not answer text */
				cmark_iter_reset(it, c, CMARK_EVENT_EXIT);
				break;
			default: /* emphasis, strong, link: their text */
				break;
			}
		}
		cmark_iter_free(it);
	}
}

/* Lists around n. */
static int list_depth(cmark_node *n)
{
	int d = 0;
	for (cmark_node *p = cmark_node_parent(n); p; p = cmark_node_parent(p))
		d += cmark_node_get_type(p) == CMARK_NODE_LIST;
	return d;
}

/* A leaf block's text starts at `from`; the block ends at node_end(n).  The
 * first paragraph of a list item starts the item's block. */
static void begin_block(md *m, cmark_node *n, size_t from)
{
	kb_faq_topics_move(&m->cur.suppressed, &m->pending);
	cmark_node *parent = cmark_node_parent(n);
	bool item = parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM &&
		    cmark_node_first_child(parent) == n;
	kb_textb_block(&m->cur.tb, item ? KB_BLOCK_ITEM : KB_BLOCK_TEXT, list_depth(n));
	kb_textb_window(&m->cur.tb, from, node_end(m, n));
}

static void end_block(md *m, cmark_node *n);

/* ---- pipe tables ------------------------------------------------------------
 *
 * CommonMark (and Debian's cmark) has no tables: a GitHub-style table is a
 * paragraph of lines that start with '|'.  Such a paragraph is read from
 * its source lines, a block per cell, the first row its header, the
 * delimiter row (|---|:--:|) skipped; '*', '_' and '`' around words are
 * markup, not text. */

/* Line [p, e) without its leading and trailing blanks. */
static void trim(const char *d, size_t *p, size_t *e)
{
	while (*p < *e && (is_space(d[*p]) || d[*p] == '\r'))
		(*p)++;
	while (*e > *p && (is_space(d[*e - 1]) || d[*e - 1] == '\r'))
		(*e)--;
}

static bool delimiter_row(const char *d, size_t p, size_t e)
{
	bool dash = false;
	for (size_t i = p; i < e; i++) {
		if (d[i] == '-')
			dash = true;
		else if (d[i] != '|' && d[i] != ':' && !is_space(d[i]))
			return false;
	}
	return dash;
}

/* The paragraph [from, to) is a pipe table: every line starts with '|' and
 * the second is a delimiter row. */
static bool pipe_table(const md *m, size_t from, size_t to)
{
	const char *d = m->src->data;
	int lines = 0;
	bool second_delim = false;
	for (size_t p = from; p < to;) {
		size_t e = p;
		while (e < to && d[e] != '\n')
			e++;
		size_t a = p, b = e;
		trim(d, &a, &b);
		if (a == b || d[a] != '|')
			return false;
		if (++lines == 2)
			second_delim = delimiter_row(d, a, b);
		p = e + 1;
	}
	return lines >= 2 && second_delim;
}

/* Cell text [p, e) into the unit, without its markup characters. */
static void cell_text(md *m, size_t p, size_t e)
{
	const char *d = m->src->data;
	kb_textb *tb = &m->cur.tb;
	for (size_t i = p; i < e;) {
		if (d[i] == '*' || d[i] == '_' || d[i] == '`' || d[i] == '\\') {
			i++;
			continue;
		}
		size_t j = i;
		while (j < e && d[j] != '*' && d[j] != '_' && d[j] != '`' && d[j] != '\\')
			j++;
		kb_textb_add_at(tb, d + i, j - i, i);
		i = j;
	}
}

static void on_table(md *m, cmark_node *n, size_t from, size_t to)
{
	kb_faq_topics_move(&m->cur.suppressed, &m->pending);
	const char *d = m->src->data;
	int table = ++m->tables, row = 0;
	for (size_t p = from; p < to;) {
		size_t e = p;
		while (e < to && d[e] != '\n')
			e++;
		size_t a = p, b = e;
		trim(d, &a, &b);
		p = e + 1;
		if (delimiter_row(d, a, b))
			continue;
		row++;
		a++; /* the leading '|' */
		if (b > a && d[b - 1] == '|' && (b - 1 == a || d[b - 2] != '\\'))
			b--;
		int col = 0;
		for (size_t c = a; c <= b;) {
			size_t ce = c;
			while (ce < b && !(d[ce] == '|' && d[ce - 1] != '\\'))
				ce++;
			size_t ca = c, cb = ce;
			trim(d, &ca, &cb);
			kb_textb_cell(&m->cur.tb, table, row, ++col, row == 1);
			cell_text(m, ca, cb);
			c = ce + 1;
		}
	}
	end_block(m, n);
}

static void end_block(md *m, cmark_node *n)
{
	if (!kb_textb_empty(&m->cur.tb))
		m->cur.end = node_end(m, n);
}

/* "**Question**" alone on a top-level paragraph (when it reads as a
 * question: kb_faq_is_question), or "**Question?**"
 * followed by a line break and the answer.  Returns the question (NULL when
 * the paragraph is not one) and, through *rest, the first inline of the
 * answer (NULL when the paragraph is only the question). */
static const char *bold_question(md *m, cmark_node *para, cmark_node **rest)
{
	cmark_node *strong = cmark_node_first_child(para);
	*rest = NULL;
	if (cmark_node_get_type(cmark_node_parent(para)) != CMARK_NODE_DOCUMENT ||
	    !strong || cmark_node_get_type(strong) != CMARK_NODE_STRONG)
		return NULL;
	cmark_node *next = cmark_node_next(strong);
	if (!next) {
		/* Alone on its line: a question when it reads as one; else
		 * ("**Example**", "**Note**") a lead-in of the answer. */
		const char *q = inline_plain(m, strong);
		return q && kb_faq_is_question(q) ? q : NULL;
	}
	cmark_node_type t = cmark_node_get_type(next);
	if (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK)
		return NULL;
	const char *q = inline_plain(m, strong);
	if (!q || q[strlen(q) - 1] != '?')
		return NULL;
	*rest = cmark_node_next(next);
	return q;
}

static void on_paragraph(md *m, cmark_node *n)
{
	cmark_node *rest;
	const char *q = bold_question(m, n, &rest);
	if (q) {
		start_question(m, q, node_start(m, n), BOLD_QUESTION_LEVEL);
		if (!rest)
			return;
		/* The answer starts after the question's closing "**". */
		cmark_node *strong = cmark_node_first_child(n);
		size_t from = node_start(m, n);
		if (cmark_node_get_end_line(strong) > 0) {
			from = node_end(m, strong);
		} else {
			const char *d = m->src->data;
			while (from < m->src->len && d[from] != '\n')
				from++;
		}
		begin_block(m, n, from);
		add_inlines(m, rest);
	} else if (pipe_table(m, node_start(m, n), node_end(m, n))) {
		on_table(m, n, node_start(m, n), node_end(m, n));
		return;
	} else {
		begin_block(m, n, node_start(m, n));
		add_inlines(m, cmark_node_first_child(n));
	}
	end_block(m, n);
}

static void on_code_block(md *m, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	begin_block(m, n, node_start(m, n));
	kb_faq_add_text(&m->cur.tb, lit, strlen(lit));
	end_block(m, n);
}

static void walk(md *m, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			start_question(m, inline_plain(m, n), node_start(m, n),
				       cmark_node_get_heading_level(n));
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_PARAGRAPH:
			on_paragraph(m, n);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_CODE_BLOCK:
			on_code_block(m, n);
			break;
		case CMARK_NODE_HTML_BLOCK:
			scan_comments(m, n);
			break;
		default: /* containers: their blocks come next */
			break;
		}
	}
	cmark_iter_free(it);
	kb_faq_emit(m->ctx, &m->ids, &m->cur);
}

/* Rasa 1.x training data in Markdown ("## intent:greet" and its examples,
 * "## story ..." with "* intent" and "  - utter_..." lines): what
 * customers type and which replies follow, not answers.  More than half
 * of its ATX headings are Rasa's, or its stories' steps are as many as
 * half its headings. */
static bool starts_with_ci(const char *s, size_t n, const char *lit);

static bool rasa_training(const char *d, size_t len)
{
	static const char *const heads[] = {"intent:", "synonym:", "regex:", "lookup:", "story",
					    "path",    NULL};
	/* Most Markdown is no training data: one quick look first. */
	if (!memmem(d, len, "## intent:", 10) && !memmem(d, len, "utter_", 6))
		return false;
	size_t atx = 0, rasa = 0, steps = 0, intents = 0;
	for (size_t p = 0, next; p < len; p = next) {
		const char *l = d + p;
		size_t n = line_at(d, len, p, &next);
		size_t i = 0;
		while (i < n && is_space(l[i]))
			i++;
		/* a story's steps: "* ask_price{...}", "  - utter_price" */
		if (n - i > 2 && l[i] == '*' && is_space(l[i + 1]))
			intents++;
		if (n - i > 2 && l[i] == '-' && is_space(l[i + 1]) &&
		    (starts_with_ci(l + i + 2, n - i - 2, "utter_") ||
		     starts_with_ci(l + i + 2, n - i - 2, "action_")))
			steps++;
		if (n < 3 || l[0] != '#' || l[1] != '#' || !is_space(l[2]))
			continue;
		atx++;
		size_t w = 2;
		while (w < n && is_space(l[w]))
			w++;
		for (size_t r = 0; heads[r]; r++)
			if (starts_with_ci(l + w, n - w, heads[r])) {
				rasa++;
				break;
			}
	}
	return rasa * 2 > atx || (intents >= 2 && steps >= 2 && steps * 2 >= atx);
}

const char *kb_markdown_why_empty(const kb_source *s, kb_unread_reason *reason)
{
	if (!rasa_training(s->data, s->len))
		return NULL;
	*reason = KB_UNREAD_CONTENT;
	return "Rasa 1.x training data in Markdown (intents and stories): what customers type, no "
	       "answers";
}

/* A line that is only a JSX component's tag: "<Callout type="info">",
 * "</Callout>", "<Tab label="x" />" (a capital letter starts its name). */
static bool component_line(const char *l, size_t n)
{
	while (n && is_space(*l)) {
		l++;
		n--;
	}
	while (n && (is_space(l[n - 1]) || is_line_end(l[n - 1])))
		n--;
	size_t k = l[0] == '<' && n > 1 && l[1] == '/' ? 2 : 1;
	return n > k + 1 && l[0] == '<' && l[n - 1] == '>' && l[k] >= 'A' && l[k] <= 'Z' &&
	       !memchr(l + 1, '<', n - 1);
}

/* MDX's import and export statements at the start of a line (outside
 * fenced code), to the end of the line where their braces close, and
 * lines that are only a component's tag, blanked in place: the text
 * inside a component ("<Callout>Sale items cannot be returned.</Callout>"
 * on lines of their own) is Markdown again. */
static void blank_mdx(char *d, size_t len)
{
	bool fence = false;
	for (size_t p = 0, next; p < len; p = next) {
		next = p;
		while (next < len && d[next] != '\n')
			next++;
		if (next < len)
			next++;
		if (!strncmp(d + p, "```", 3) || !strncmp(d + p, "~~~", 3))
			fence = !fence;
		if (!fence && component_line(d + p, next - p)) {
			for (size_t q = p; q < next; q++)
				if (!is_line_end(d[q]))
					d[q] = ' ';
			continue;
		}
		if (fence || (strncmp(d + p, "import ", 7) && strncmp(d + p, "export ", 7)))
			continue;
		int depth = 0;
		size_t q = p;
		for (; q < len; q++) {
			if (d[q] == '{')
				depth++;
			else if (d[q] == '}')
				depth--;
			else if (d[q] == '\n' && depth <= 0)
				break;
			if (!is_line_end(d[q]))
				d[q] = ' ';
		}
		next = q < len ? q + 1 : len;
	}
}

/* The view's bytes as a copy of its own (made once), to blank in place. */
static char *writable(kb_source *view, char **copy)
{
	if (!*copy) {
		*copy = malloc(view->len + 1);
		if (!*copy)
			abort();
		memcpy(*copy, view->data, view->len + 1);
		view->data = *copy;
	}
	return *copy;
}

void kb_parse_markdown(kb_parse_ctx *ctx)
{
	const kb_source *src = ctx->source;
	if (rasa_training(src->data, src->len))
		return;
	/* What cmark and the text builder read: the file, or a copy with
	 * ERB tags and front matter blanked (same offsets, same lines). */
	kb_source view = *src;
	char *copy = NULL;
	if (src->format && !strcmp(src->format, "markdown-erb"))
		copy = kb_template_blank(KB_TPL_ERB, src->data, src->len, NULL);
	if (src->format && !strcmp(src->format, "mdx"))
		blank_mdx(writable(&view, &copy), src->len);
	view.data = copy ? copy : src->data;
	src = &view;
	md m = {.ctx = ctx, .src = src};
	if (src->len >= 3 && memcmp(src->data, "\xEF\xBB\xBF", 3) == 0)
		m.bom = 3;
	kb_faq_unit_init(&m.cur, src);

	front_matter fm = scan_front_matter(ctx->arena, src->data, src->len, m.bom);
	if (fm.present && !fm.closed) {
		kb_diag(ctx->diags, KB_DIAG_ERROR, src->path, 1, 1,
			"front matter starts here but is never closed "
			"(no '---' or '...' line); reading the file as Markdown");
	} else if (fm.closed) {
		writable(&view, &copy);
		for (size_t i = fm.from; i < fm.to; i++)
			if (!is_line_end(copy[i]))
				copy[i] = ' ';
		m.cur.locale = fm.locale;
		/* The front matter's title is the page's outermost heading:
		 * every answer of the page is under it. */
		if (fm.title) {
			kb_faq_headings_open(&m.heads, 0, fm.title);
			m.cur.headings = kb_faq_headings_path(&m.heads, ctx->arena, false,
							      &m.cur.nheadings);
		}
	}

	cmark_node *doc = cmark_parse_document(src->data, src->len, CMARK_OPT_SOURCEPOS);
	if (doc) {
		walk(&m, doc);
		cmark_node_free(doc);
	}
	free(copy);
	kb_faq_unit_free(&m.cur);
	kb_faq_topics_free(&m.pending);
	kb_faq_headings_free(&m.heads);
	kb_faq_ids_free(&m.ids);
}

/* ---- detection ------------------------------------------------------------ */

static bool starts_with_ci(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);
	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++)
		if ((s[i] | 0x20) != p[i] && s[i] != p[i])
			return false;
	return true;
}

static bool is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static bool all_of(const char *s, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != c)
			return false;
	return true;
}

/* Markdown rendered through ERB, by its name: "faq.html.markerb",
 * "faq.md.erb" (an .html.erb page is the erb template's). */
int kb_detect_markdown_erb(const char *path, const char *d, size_t len)
{
	static const char *const names[] = {".markerb", ".md.erb", ".markdown.erb"};
	size_t n = strlen(path);
	(void)d;
	(void)len;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		size_t k = strlen(names[i]);
		if (n >= k && !strcasecmp(path + n - k, names[i]))
			return 60;
	}
	return 0;
}

int kb_detect_markdown(const char *path, const char *d, size_t len)
{
	if (len > 65536)
		len = 65536; /* the head of the file is enough to judge */
	size_t p = len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (p < len && (is_space(d[p]) || is_line_end(d[p])))
		p++;
	if (p == len)
		return 0;
	/* JSON, and HTML or XML documents. */
	if (d[p] == '{')
		return 0;
	if (d[p] == '[') {
		size_t q = p + 1;
		while (q < len && (is_space(d[q]) || is_line_end(d[q])))
			q++;
		if (q == len || strchr("{[\"]0123456789-", d[q]))
			return 0;
	}
	if (starts_with_ci(d + p, len - p, "<!doctype") ||
	    starts_with_ci(d + p, len - p, "<html") ||
	    starts_with_ci(d + p, len - p, "<?xml"))
		return 0;

	int atx = 0, setext = 0, lists = 0, fences = 0, quotes = 0, inline_md = 0;
	int yaml = 0, tags = 0, lines = 0;
	size_t prev_len = 0;
	for (size_t next; p < len; p = next) {
		const char *l = d + p;
		size_t n = line_at(d, len, p, &next);
		size_t i = 0;
		while (i < n && i < 4 && l[i] == ' ')
			i++;
		if (i == n) {
			prev_len = 0;
			continue;
		}
		lines++;
		const char *s = l + i;
		size_t k = n - i;
		size_t h = 0;
		while (h < k && s[h] == '#')
			h++;
		if (h >= 1 && h <= 6 && (h == k || is_space(s[h])))
			atx++;
		else if (prev_len && ((k >= 2 && all_of(s, k, '=')) ||
				      (k >= 3 && all_of(s, k, '-'))))
			setext++;
		else if (k >= 2 && strchr("-*+", s[0]) && is_space(s[1]))
			lists++;
		else if (k >= 3 && (memcmp(s, "```", 3) == 0 || memcmp(s, "~~~", 3) == 0))
			fences++;
		else if (s[0] == '>')
			quotes++;
		else if (k >= 2 && s[0] == '<' &&
			 (is_alpha(s[1]) || s[1] == '/' || s[1] == '!'))
			tags++;
		else if (i == 0) {
			/* "key: value" or "key:" at the margin looks like YAML. */
			size_t c = 0;
			while (c < k && (s[c] == '_' || s[c] == '-' || is_alpha(s[c]) ||
					 (s[c] >= '0' && s[c] <= '9')))
				c++;
			if (c > 0 && c < k && s[c] == ':' && (c + 1 == k || is_space(s[c + 1])))
				yaml++;
		}
		if (memmem(s, k, "**", 2) || memmem(s, k, "](", 2) || memmem(s, k, "`", 1))
			inline_md++;
		prev_len = k;
	}
	if (lines == 0)
		return 0;
	if (atx == 0 && setext == 0) {
		if (yaml * 2 >= lines)
			return 0;
		if (tags * 2 >= lines)
			return 0;
	}
	int score = 0;
	if (atx)
		score += 30 + (atx > 10 ? 10 : atx);
	if (setext)
		score += 20;
	if (lists)
		score += 5;
	if (fences)
		score += 5;
	if (quotes)
		score += 3;
	if (inline_md)
		score += 5;
	return score > 60 ? 60 : score;
}
