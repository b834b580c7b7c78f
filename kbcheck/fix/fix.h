/* fix.h - applying a finding's suggested wording to its source file
 * (`kbcheck fix`).
 *
 * A deviating claim knows its phrase in the unit text and the unit's map
 * back to the source (parse/unit.h: runs copied exactly, or derived from
 * escapes, entities, markup).  The words of the phrase that the suggestion
 * changes ("within [2] [days]" -> "within [1] [day]") are each replaced
 * where they are written, as exact byte ranges; around them nothing moves,
 * so emphasis, escapes and entities elsewhere in the phrase stay as they
 * are.  The new words are written for the place they go (edit.c): JSON
 * string escapes, the YAML scalar's quoting, HTML and XML entities,
 * Markdown backslashes, CSV quoting.  Where that cannot be done exactly (a
 * changed word written with an escape or split by markup, a character the
 * place cannot hold) the fix is refused with the reason, never guessed.
 *
 * Everything is allocated in the caller's arena; nothing here touches a
 * file: cli/cmd_fix.c reads, checks and writes.
 */
#ifndef KB_FIX_H
#define KB_FIX_H

#include <stdio.h>

#include "../base/buf.h"
#include "../base/vec.h"
#include "../rules/claim.h"

/* Source bytes [start, end) replaced by text[0..len). */
typedef struct kb_edit {
	size_t start, end;
	const char *text;
	size_t len;
} kb_edit;

/* Appends to edits (kb_edit*) what makes claim c's phrase read
 * suggestion in c's source.  c's unit must still hold its text and map
 * (kb_run_finding_texts gives them back after a check).  False with *why (a
 * sentence) when it cannot be done exactly; edits is then unchanged. */
bool kb_fix_plan(kb_arena *a, const kb_claim *c, const char *suggestion, kb_vec *edits,
		 const char **why);

/* text[0..n), new words going at byte `at` of source s, written as that
 * place needs (*out, *outlen in a).  False with *why when the place
 * cannot hold it. */
bool kb_fix_escape(kb_arena *a, const kb_source *s, size_t at, const char *text, size_t n,
		   const char **out, size_t *outlen, const char **why);

/* Sorts edits (kb_edit*) by start and drops exact repeats; false when two
 * overlap (then *at is the later one's start). */
bool kb_fix_sort(kb_vec *edits, size_t *at);

/* data[0..len) with the sorted edits made, into out. */
void kb_fix_apply(const char *data, size_t len, const kb_vec *edits, kb_buf *out);

/* Where byte off of the old data is after the sorted edits (an offset
 * inside an edit goes to its end). */
size_t kb_fix_shift(const kb_vec *edits, size_t off);

/* After the edits were written: whether claims, those of the knowledge
 * base read again (kb_claim*), state target where c's phrase now is (its
 * source's relpath, its bytes moved by the sorted edits).  NULL when a
 * claim of c's topic and attribute there states it and none another
 * value; else why not (in a).  `kbcheck fix` puts the file back then. */
const char *kb_fix_holds(kb_arena *a, const kb_vec *claims, const kb_vec *edits,
			 const kb_claim *c, const kb_value *target);

/* The unified diff (3 lines of context) of data[0..len) and the same with
 * the sorted edits made, as `git diff` shows it for path. */
void kb_fix_diff(FILE *out, const char *path, const char *data, size_t len,
		 const kb_vec *edits);

#endif
