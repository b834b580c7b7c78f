/* source.h - one input file with its format, channel, locale and scope.
 *
 * Sources are made by the walker (walk.c) and detector (detect.c) and are
 * read-only for every later stage.  All memory belongs to the run's arena.
 */
#ifndef KB_SOURCE_H
#define KB_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../config/terms.h"

/* Why a file found in the knowledge base gave no answer unit: decided by
 * the walk (the file was not read: KB_UNREAD_FORMAT ... KB_UNREAD_OUTSIDE)
 * or after its parse (read, but nothing in it to answer).  Coverage
 * (compare/coverage.h) lists them, so that a quiet report can be trusted
 * or questioned.  The order is the order reports list them in. */
typedef enum kb_unread_reason {
	KB_UNREAD_FORMAT,        /* no parser reads files named so (".txt", ".png") */
	KB_UNREAD_CONTENT,       /* named like a format, its content not recognised */
	KB_UNREAD_IGNORED,       /* kbcheck.yml's ignore: (a file or a folder) */
	KB_UNREAD_DEPENDENCY,    /* a folder of installed packages (node_modules) */
	KB_UNREAD_TOO_LARGE,     /* over max_file_size */
	KB_UNREAD_BINARY,        /* NUL bytes: not text */
	KB_UNREAD_EMPTY,         /* no bytes */
	KB_UNREAD_ENCODING,      /* UTF-32 */
	KB_UNREAD_UNREADABLE,    /* permissions, broken or looping link, not a file */
	KB_UNREAD_OUTSIDE,       /* a symlink that leads out of the folder checked */
	KB_UNREAD_TEMPLATE_CODE, /* a template with no static text, code only */
	KB_UNREAD_NO_ANSWERS,    /* read and parsed: no answer unit in it */
	KB_UNREAD_NREASONS
} kb_unread_reason;

typedef struct kb_unread {
	const char *path;   /* as shown (a folder ends with '/') */
	kb_unread_reason reason;
	const char *detail; /* the extension, the parser's words...; or NULL */
	const char *format; /* the parser that read it, or NULL (not read) */
} kb_unread;

/* "unknown-format", "unrecognised", "ignored", ... (docs/json-schema.md). */
const char *kb_unread_reason_name(kb_unread_reason r);

typedef struct kb_source {
	const char *path;   /* as shown to the user: relative, '/' separators */
	const char *relpath; /* relative to the KB root (kbcheck.yml's folder, or the
			      * first PATH): the same however kbcheck is called;
			      * used in fingerprints */
	const char *format; /* parser name, e.g. "markdown" */
	kb_channel channel;
	const char *locale; /* "en", "vi", "th"... (base/locale.h); NULL: per unit */
	bool locale_fixed;  /* the locale is kbcheck.yml's: it wins over
			     * everything (else it is the path's) */
	kb_scope scope;     /* from kbcheck.yml */
	const kb_map *answer_map; /* kbcheck.yml's map, for the "mapped" parser; or NULL */
	const char *data;   /* the file's bytes, NUL-terminated (len excludes it) */
	size_t len;
	/* A big file is mapped rather than read (map, map_len: unmapped when
	 * the run ends), so that once parsed its pages can leave memory
	 * (kb_source_release) and come back if a report quotes it.
	 * modified: bytes were repaired in place (then it stays resident). */
	const void *map;
	size_t map_len;
	bool modified;
	const uint32_t *line_starts; /* offset of each line's first byte; lines end
				      * at "\n", "\r\n" or a lone "\r" */
	size_t nlines;
	/* Code points from the start of the line to byte i * KB_COL_MARK_STEP,
	 * for each i: columns on a 10 MB line cost no more than on a short
	 * one.  May be NULL (columns are then counted from the line start). */
	const uint32_t *col_marks;
	const uint32_t *col_marks16; /* the same in UTF-16 code units */
} kb_source;

#define KB_COL_MARK_STEP 4096

/* After a source is parsed: let the pages of a mapped, unmodified file
 * go (they are read again from the file if anything touches them). */
void kb_source_release(const kb_source *src);
/* Unmap a mapped source's bytes (when the run ends). */
void kb_source_unmap(kb_source *src);

/* Build the line index of src, and its column marks (call once after data
 * is set). */
void kb_source_index_lines(kb_arena *a, kb_source *src);
/* 1-based line and column (column counted in code points) of byte off. */
void kb_source_pos(const kb_source *src, size_t off, int *line, int *column);
/* 1-based column of byte off of 1-based line in UTF-16 code units, as
 * SARIF and GitHub count (off is clamped to the line's start and the
 * file's end; a UTF-8 byte order mark is not counted). */
int kb_source_column_utf16(const kb_source *src, int line, size_t off);
/* Byte offset of the first byte of 1-based line (len when past the end). */
size_t kb_source_line_offset(const kb_source *src, int line);
/* Text of 1-based line, without its line ending; *n receives its length. */
const char *kb_source_line(const kb_source *src, int line, size_t *n);

#endif
