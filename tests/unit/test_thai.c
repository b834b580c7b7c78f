/* Unit tests: Thai word boundaries (base/thai.h) on invented text -- the
 * words libthai finds, as byte offsets of UTF-8 text mixed with Latin
 * letters and emoji; segments that are no dictionary word; no
 * dictionary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/thai.h"

/* The byte offset of the k-th (0-based) occurrence of w in s. */
static size_t at(const char *s, const char *w, int k)
{
	const char *p = s;
	for (;; k--) {
		p = strstr(p, w);
		assert_non_null(p);
		if (!k)
			return (size_t)(p - s);
		p++;
	}
}

static void test_words_map_to_bytes(void **state)
{
	(void)state;
	kb_thai *t = kb_thai_new(NULL);
	assert_non_null(t);
	/* "A", an emoji (4 bytes), "กลางคืน" (night), "x ", "คืน" (return)
	 * "ได้" (can), " 100%". */
	const char *s = "A\xF0\x9F\x99\x82กลางคืนx คืนได้ 100%";
	size_t n = strlen(s);
	kb_thai_word *w;
	size_t nw = kb_thai_words(t, s, n, &w);
	assert_int_equal(nw, 3);
	assert_int_equal(w[0].start, 5);
	assert_int_equal(w[0].end, 5 + strlen("กลางคืน"));
	assert_int_equal(w[1].start, at(s, "คืน", 1));
	assert_int_equal(w[1].end, at(s, "ได้", 0));
	assert_int_equal(w[2].start, at(s, "ได้", 0));
	assert_int_equal(w[2].end, at(s, " 100", 0));
	/* Inside "กลางคืน" (before its "คืน"), not at a word's edge. */
	size_t night_end = at(s, "คืน", 0);
	assert_true(kb_thai_between_letters(s, n, night_end));
	assert_true(kb_thai_inside_word(w, nw, night_end));
	assert_false(kb_thai_inside_word(w, nw, w[0].start));
	assert_false(kb_thai_inside_word(w, nw, w[0].end));
	assert_false(kb_thai_inside_word(w, nw, w[1].end)); /* คืน|ได้ */
	assert_true(kb_thai_between_letters(s, n, w[1].end));
	/* Next to the emoji or a Latin letter is no place between letters. */
	assert_false(kb_thai_between_letters(s, n, 5));
	assert_false(kb_thai_between_letters(s, n, w[0].end));
	assert_false(kb_thai_between_letters(s, n, 0));
	assert_false(kb_thai_between_letters(s, n, n));
	free(w);
	kb_thai_free(t);
}

/* A loanword the dictionary lacks ("ไซซ์", size): libthai's guess around
 * it ("ไซซ์ได้") is no word, so nothing in it counts as inside one. */
static void test_unknown_words_are_no_evidence(void **state)
{
	(void)state;
	kb_thai *t = kb_thai_new(NULL);
	assert_non_null(t);
	const char *s = "เปลี่ยนไซซ์ได้";
	kb_thai_word *w;
	size_t nw = kb_thai_words(t, s, strlen(s), &w);
	assert_int_equal(nw, 1);
	assert_int_equal(w[0].start, 0);
	assert_int_equal(w[0].end, at(s, "ไซซ์", 0));
	assert_false(kb_thai_inside_word(w, nw, at(s, "ได้", 0)));
	free(w);
	/* No Thai letters: no words, nothing asked of libthai. */
	assert_int_equal(kb_thai_words(t, "Returns 30 days", 15, &w), 0);
	assert_null(w);
	kb_thai_free(t);
}

/* A text's words are its runs' words, each run segmented alone: at every
 * place between two Thai letters, the run found there holds the same
 * words, at the same offsets, as the whole text's segmentation. */
static void test_runs_alone_give_the_text_words(void **state)
{
	(void)state;
	kb_thai *t = kb_thai_new(NULL);
	assert_non_null(t);
	const char *s = "คืนสินค้าภายใน 7 วัน,ส่งฟรีเมื่อซื้อครบ 500 บาท ๆ กลางคืนx "
			"เปลี่ยนไซซ์ได้ A\xF0\x9F\x99\x82ยกเลิกคำสั่งซื้อได้ภายใน24ชั่วโมง";
	size_t n = strlen(s);
	kb_thai_word *w;
	size_t nw = kb_thai_words(t, s, n, &w);
	assert_true(nw > 10);
	size_t places = 0;
	for (size_t off = 1; off < n; off++) {
		if (!kb_thai_between_letters(s, n, off))
			continue;
		places++;
		size_t a, e;
		kb_thai_run_at(s, n, off, &a, &e);
		assert_true(a < off && off < e);
		kb_thai_word *rw;
		size_t nr = kb_thai_run_words(t, s + a, e - a, &rw);
		/* The text's words inside [a, e), in order, are the run's. */
		size_t k = 0;
		for (size_t i = 0; i < nw; i++) {
			if (w[i].start < a || w[i].end > e)
				continue;
			assert_true(k < nr);
			assert_int_equal(rw[k].start + a, w[i].start);
			assert_int_equal(rw[k].end + a, w[i].end);
			k++;
		}
		assert_int_equal(k, nr);
		assert_int_equal(kb_thai_inside_word(rw, nr, off - a), kb_thai_inside_word(w, nw, off));
		free(rw);
	}
	assert_true(places > 40);
	free(w);
	kb_thai_free(t);
}

/* Without the dictionary there is no segmenter, and no words. */
static void test_no_dictionary(void **state)
{
	(void)state;
	assert_null(kb_thai_new("/nonexistent/thbrk.tri"));
	kb_thai_word *w;
	assert_int_equal(kb_thai_words(NULL, "กลางคืน", strlen("กลางคืน"), &w), 0);
	assert_null(w);
	assert_true(kb_thai_available());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_words_map_to_bytes),
	    cmocka_unit_test(test_unknown_words_are_no_evidence),
	    cmocka_unit_test(test_runs_alone_give_the_text_words),
	    cmocka_unit_test(test_no_dictionary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
