/* source.c - sources and their line index. */
#include "source.h"

#include <string.h>
#include <sys/mman.h>

#include "../base/buf.h"
#include "../base/text.h"

const char *kb_unread_reason_name(kb_unread_reason r)
{
	static const char *const names[] = {
	    [KB_UNREAD_FORMAT] = "unknown-format",    [KB_UNREAD_CONTENT] = "unrecognised",
	    [KB_UNREAD_IGNORED] = "ignored",          [KB_UNREAD_DEPENDENCY] = "dependencies",
	    [KB_UNREAD_TOO_LARGE] = "too-large",      [KB_UNREAD_BINARY] = "binary",
	    [KB_UNREAD_EMPTY] = "empty",              [KB_UNREAD_ENCODING] = "encoding",
	    [KB_UNREAD_UNREADABLE] = "unreadable",    [KB_UNREAD_OUTSIDE] = "outside",
	    [KB_UNREAD_TEMPLATE_CODE] = "template-code-only",
	    [KB_UNREAD_NO_ANSWERS] = "no-answers",
	};
	return r < KB_UNREAD_NREASONS ? names[r] : "unknown";
}

/* A line ends at "\n", "\r\n" or a lone "\r" (old Mac files, and files
 * edited on several systems), as in CommonMark, YAML and editors, so a
 * line number means the same to kbcheck, the parsers and the user. */
static bool line_end_at(const kb_source *src, size_t i)
{
	char c = src->data[i];
	return c == '\n' || (c == '\r' && (i + 1 >= src->len || src->data[i + 1] != '\n'));
}

/* A UTF-8 byte order mark is not a column. */
void kb_source_release(const kb_source *src)
{
	if (src->map && !src->modified && src->data == src->map)
		(void)madvise((void *)src->map, src->map_len, MADV_DONTNEED);
}

void kb_source_unmap(kb_source *src)
{
	if (src->map)
		munmap((void *)src->map, src->map_len);
	src->map = NULL;
	src->map_len = 0;
}

static size_t bom_len(const kb_source *src)
{
	return src->len >= 3 && memcmp(src->data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

void kb_source_index_lines(kb_arena *a, kb_source *src)
{
	const char *d = src->data, *end = d + src->len;
	size_t n = 1;
	uint32_t *ls;
	if (!memchr(d, '\r', src->len)) {
		/* No '\r' (nearly every file): lines end at '\n' alone, found
		 * with memchr, which is vectorized -- a byte loop over tens of
		 * megabytes is a visible part of reading a big KB. */
		for (const char *p = d; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
			n++;
		ls = kb_alloc_raw(a, n * sizeof *ls);
		size_t k = 0;
		ls[k++] = 0;
		for (const char *p = d; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
			ls[k++] = (uint32_t)(p - d + 1);
	} else {
		for (size_t i = 0; i < src->len; i++)
			if (line_end_at(src, i))
				n++;
		ls = kb_alloc_raw(a, n * sizeof *ls);
		size_t k = 0;
		ls[k++] = 0;
		for (size_t i = 0; i < src->len; i++)
			if (line_end_at(src, i))
				ls[k++] = (uint32_t)(i + 1);
	}
	src->line_starts = ls;
	src->nlines = n;
	/* Column marks: the code points (bytes that do not continue a UTF-8
	 * sequence, as kb_utf8_count counts) since the line's start. */
	/* Mark k is the count of code points from the start of the line that
	 * holds byte k * KB_COL_MARK_STEP up to that byte (the BOM is not
	 * one).  Only those bytes are counted -- each once, as a line's marks
	 * carry the count from one to the next -- not every byte of the file
	 * with a line-end test each: that made this loop a tenth of the time
	 * kbcheck spends reading a big KB. */
	size_t nmarks = src->len / KB_COL_MARK_STEP + 1;
	uint32_t *marks = kb_alloc_raw(a, nmarks * sizeof *marks);
	uint32_t *marks16 = kb_alloc_raw(a, nmarks * sizeof *marks16);
	size_t from = bom_len(src), li = 0, carry = 0, carry_pos = 0, carry_line = (size_t)-1;
	size_t carry16 = 0;
	const unsigned char *u = (const unsigned char *)src->data;
	for (size_t k = 0; k < nmarks; k++) {
		size_t b = k * KB_COL_MARK_STEP;
		while (li + 1 < n && ls[li + 1] <= b)
			li++;
		size_t start = ls[li] > from ? ls[li] : from;
		if (carry_line != li) {
			carry_line = li;
			carry = carry16 = 0;
			carry_pos = start;
		}
		for (; carry_pos < b; carry_pos++) {
			bool lead = (u[carry_pos] & 0xC0) != 0x80;
			carry += lead;
			carry16 += lead + (u[carry_pos] >= 0xF0); /* a surrogate pair */
		}
		marks[k] = (uint32_t)carry;
		marks16[k] = (uint32_t)carry16;
	}
	src->col_marks = marks;
	src->col_marks16 = marks16;
}

static size_t line_index(const kb_source *src, size_t off)
{
	size_t lo = 0, hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (src->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void kb_source_pos(const kb_source *src, size_t off, int *line, int *column)
{
	if (off > src->len)
		off = src->len;
	if (!src->line_starts) {
		*line = 1;
		*column = (int)kb_utf8_count(src->data, off) + 1;
		return;
	}
	size_t li = line_index(src, off);
	size_t start = src->line_starts[li];
	if (li == 0 && off >= bom_len(src))
		start = bom_len(src);
	/* On a long line, count from the last column mark instead. */
	size_t base = 0, mark = off / KB_COL_MARK_STEP * KB_COL_MARK_STEP;
	if (src->col_marks && mark > start) {
		base = src->col_marks[off / KB_COL_MARK_STEP];
		start = mark;
	}
	*line = (int)li + 1;
	*column = (int)(base + kb_utf8_count(src->data + start, off - start)) + 1;
}

int kb_source_column_utf16(const kb_source *src, int line, size_t off)
{
	size_t start = kb_source_line_offset(src, line);
	if (line == 1 && start < bom_len(src))
		start = bom_len(src);
	if (off > src->len)
		off = src->len;
	if (off < start)
		off = start;
	/* On a long line, count from the last column mark instead. */
	size_t base = 0, mark = off / KB_COL_MARK_STEP * KB_COL_MARK_STEP;
	if (src->col_marks16 && mark > start) {
		base = src->col_marks16[off / KB_COL_MARK_STEP];
		start = mark;
	}
	return (int)(base + kb_utf16_count(src->data + start, off - start)) + 1;
}

size_t kb_source_line_offset(const kb_source *src, int line)
{
	if (line < 1 || !src->line_starts)
		return 0;
	if ((size_t)line > src->nlines)
		return src->len;
	return src->line_starts[line - 1];
}

const char *kb_source_line(const kb_source *src, int line, size_t *n)
{
	size_t start = kb_source_line_offset(src, line);
	if (line >= 1 && src->line_starts && (size_t)line <= src->nlines) {
		/* The line ends where the next starts, less its line end: no
		 * scan, so quoting a phrase on a 10 MB line costs nothing. */
		size_t end = (size_t)line < src->nlines ? src->line_starts[line] : src->len;
		if (end > start && src->data[end - 1] == '\n')
			end--;
		if (end > start && src->data[end - 1] == '\r')
			end--;
		*n = end - start;
		return src->data + start;
	}
	size_t end = start;
	while (end < src->len && src->data[end] != '\n' && src->data[end] != '\r')
		end++;
	*n = end - start;
	return src->data + start;
}
