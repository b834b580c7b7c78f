/* text.h - Unicode text helpers over utf8proc: validation, NFC with an
 * offset map, case folding, column counting.
 * Only this module includes utf8proc.h.
 */
#ifndef KB_TEXT_H
#define KB_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

struct kb_buf;

/* Returns true when s[0..n) is valid UTF-8 with no NUL byte; otherwise sets
 * *bad to the offset of the first bad byte. */
bool kb_utf8_valid(const char *s, size_t n, size_t *bad);

/* Replaces each byte of s[0..n) that is not part of valid UTF-8 (and each
 * NUL) by '?', in place, so offsets into s stay true; returns how many. */
size_t kb_utf8_repair(char *s, size_t n);

/* s itself when it is valid UTF-8, else a repaired arena copy (NULL stays
 * NULL): for strings a parser took from damaged input. */
const char *kb_utf8_sanitized(kb_arena *a, const char *s);

/* A file name that is not UTF-8 (Linux allows any bytes but '/' and NUL)
 * as valid UTF-8, losslessly, for outputs that must be UTF-8 (JSON, XML)
 * and everywhere a path is a key, alike: each byte that is not part of
 * valid UTF-8 becomes %XX (two upper-case hex digits) and, in such a name
 * only, each '%' becomes %25, so that percent-decoding gives the bytes
 * back ("faq-\xFF%.md" is "faq-%FF%25.md").  Valid UTF-8 is appended
 * unchanged (a NUL too).  Returns whether s was encoded. */
bool kb_utf8_name_buf(struct kb_buf *out, const char *s, size_t n);

/* Number of code points in s[0..n) (invalid bytes count one each). */
size_t kb_utf8_count(const char *s, size_t n);
/* Number of UTF-16 code units for s[0..n) (for SARIF columns). */
size_t kb_utf16_count(const char *s, size_t n);
/* Display width of s[0..n) in terminal cells (wide Thai/CJK, zero-width marks). */
size_t kb_display_width(const char *s, size_t n);

/* NFC-normalise s[0..n).  Returns the arena copy and its length.  When map is
 * not NULL, *map receives an array of (out_len + 1) input offsets: map[i] is
 * the offset in s of the text that produced output byte i (NULL when the
 * text was already NFC, in which case offsets are identical). */
char *kb_text_nfc(kb_arena *a, const char *s, size_t n, size_t *out_len,
		  uint32_t **map);

/* NFC + case fold + whitespace runs collapsed to one space, trimmed.
 * Used for fingerprints and lookups, never for display. */
char *kb_text_fold(kb_arena *a, const char *s, size_t n);
/* The same into out (cleared first), for folds that are not kept. */
void kb_text_fold_buf(struct kb_buf *out, const char *s, size_t n);
/* The same without diacritics (marks stripped, 'đ' as 'd'): "Câu Hỏi"
 * and "cau hoi" are "cau hoi".  For names people type either way
 * (column headers), never for answer text. */
void kb_text_bare_buf(struct kb_buf *out, const char *s, size_t n);
/* Appends s[0..n) to out in lower case, code point by code point (no
 * decomposition: cheaper than folding, for NFC text that is compared
 * with text made the same way), runs of spaces as one. */
void kb_text_lower_buf(struct kb_buf *out, const char *s, size_t n);

/* Decode one code point at s (n bytes left); returns bytes consumed (>= 1),
 * *cp = -1 for an invalid sequence. */
size_t kb_utf8_next(const char *s, size_t n, int32_t *cp);

/* Encode code point cp as UTF-8 into out (4 bytes at most); returns the
 * length (0 for an invalid code point). */
size_t kb_utf8_encode(int32_t cp, char *out);

/* A pictograph or other symbol (Unicode So: ✅ ❌ ★ 📦): in running text
 * it sets items apart like a bullet ("✅ 30-Day Returns ✅ 24-Hour Reply"). */
bool kb_cp_symbol(int32_t cp);

/* Simple (one code point) case folding, as caseless regex matching sees
 * it: two code points that match each other caselessly fold the same
 * (lower(upper(cp)): K, k and the Kelvin sign all give k). */
int32_t kb_cp_fold(int32_t cp);

/* ---- text shown to people and CI runners ----------------------------------
 *
 * Paths and text from a knowledge base reach terminals and CI logs, where a
 * control character is a command: ESC and OSC sequences clear or retitle a
 * terminal, BEL rings, CR overwrites a line, and a newline starts a line
 * that GitHub's runner parses ("::stop-commands::").  Every such character
 * is shown as an escape instead: \n, \r, \x1b (C0 controls, DEL, a byte
 * that is not UTF-8), \u009b (C1 controls), \u202e (bidirectional
 * overrides and isolates, which reorder what is shown).  Tab and all other
 * text, any script, are kept as they are.  Escapes are for display, not a
 * reversible encoding (a backslash is not doubled). */

/* The character at s (n > 0 bytes left) and how many bytes it takes
 * (*used); when it must be escaped, its escape into esc and true. */
bool kb_text_escape_at(const char *s, size_t n, size_t *used, char esc[8]);
/* s[0..n) with every such character escaped, appended to out. */
void kb_text_escape_buf(struct kb_buf *out, const char *s, size_t n);
/* s itself when nothing in it needs escaping, else an escaped arena copy
 * (NULL stays NULL). */
const char *kb_text_safe(kb_arena *a, const char *s);
/* s[0..n) written to out, escaped. */
void kb_text_put_safe(FILE *out, const char *s, size_t n);
/* fprintf with the whole result escaped: write line ends apart. */
void kb_fprintf_safe(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void kb_vfprintf_safe(FILE *out, const char *fmt, va_list ap);

/* Unicode general category tests used by sentence splitting and matching. */
bool kb_cp_is_letter(int32_t cp);
bool kb_cp_is_space(int32_t cp);

#endif
