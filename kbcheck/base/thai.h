/* thai.h - Thai word boundaries, from libthai's dictionary segmenter.
 *
 * Thai writes no space between words: "ภายใน" (within) holds "ใน" (in),
 * "สินค้า" (goods) ends with "ค้า" (trade).  A rule pattern that matches
 * part of a longer word states nothing; the extractor asks here where a
 * unit's Thai words are, once per text, and drops a match whose edge cuts
 * one (rules/extract.c).
 *
 * Only this module includes libthai's (and its dictionary's, libdatrie's)
 * headers.  Offsets are byte offsets
 * into the UTF-8 text given.  A segmenter is used by one thread at a time.
 */
#ifndef KB_THAI_H
#define KB_THAI_H

#include <stdbool.h>
#include <stddef.h>

typedef struct kb_thai kb_thai;

/* A segmenter with the dictionary at dict (NULL: libthai's own,
 * $LIBTHAI_DICTDIR/thbrk.tri or libthai-data's), or NULL when it cannot
 * be loaded: then nothing is known of Thai words.  Free with
 * kb_thai_free. */
kb_thai *kb_thai_new(const char *dict);
void kb_thai_free(kb_thai *t);

/* Can the libthai dictionary be loaded?  (Asked once; for --verbose.) */
bool kb_thai_available(void);

/* Are there Thai letters on both sides of byte off of s[0..n)? */
bool kb_thai_between_letters(const char *s, size_t n, size_t off);

/* A Thai word of a text: its bytes [start, end). */
typedef struct kb_thai_word {
	size_t start, end;
} kb_thai_word;

/* The Thai words of s[0..n), by start, into *out (malloc'd, the caller
 * frees it; NULL when there are none); returns their number.  Runs of Thai
 * letters are segmented by libthai; a segment that is no word of its
 * dictionary (libthai's guess around a word it does not know, a loanword
 * such as "ไซซ์", size) is left out: its edges are no evidence. */
size_t kb_thai_words(kb_thai *t, const char *s, size_t n, kb_thai_word **out);

/* The run of Thai letters of s[0..n) around byte off, which has Thai
 * letters on both sides (kb_thai_between_letters): its bytes [*start,
 * *end). */
void kb_thai_run_at(const char *s, size_t n, size_t off, size_t *start, size_t *end);

/* The words of r[0..n), a whole run of Thai letters (kb_thai_run_at), as
 * kb_thai_words finds them in any text that holds the run (runs are
 * segmented one by one): offsets into r, into *out as there.  The words of
 * a text are those of the runs its matches cut, found one run at a time. */
size_t kb_thai_run_words(kb_thai *t, const char *r, size_t n, kb_thai_word **out);

/* Is byte off strictly inside one of the words w[0..nw)? */
bool kb_thai_inside_word(const kb_thai_word *w, size_t nw, size_t off);

#endif
