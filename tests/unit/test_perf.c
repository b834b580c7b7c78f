/* Unit tests of what makes kbcheck fast without changing what it finds:
 * the regex prefilter (required literals, one automaton scan), the NFC
 * quick check, the worker pool, the content hash, and answer texts
 * dropped once their claims are extracted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/arena.h"
#include "base/hash.h"
#include "base/pool.h"
#include "base/text.h"
#include "pipeline/run.h"
#include "rules/claim.h"
#include "rules/pack.h"
#include "rules/prefilter.h"
#include "rules/regex.h"

/* The literals derived for one pattern, joined by '|' ("" = run always). */
static const char *literals(kb_prefilter *pf, const char *pattern, char *buf, size_t n)
{
	int id = kb_prefilter_add(pf, pattern);
	size_t k;
	const char *const *l = kb_prefilter_literals(pf, id, &k);
	buf[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		strncat(buf, i ? "|" : "", n - strlen(buf) - 1);
		strncat(buf, l[i], n - strlen(buf) - 1);
	}
	return buf;
}

static void test_prefilter_literals(void **state)
{
	(void)state;
	kb_prefilter *pf = kb_prefilter_new();
	char b[512];
	assert_string_equal(literals(pf, "\\bcancel\\w*\\b.{0,60}\\border", b, sizeof b), "cancel");
	assert_string_equal(literals(pf, "h(?:ủy|uỷ)", b, sizeof b), "hủy|huỷ");
	/* Of two needs, the one whose shortest string is longest, then fewer. */
	assert_string_equal(literals(pf, "h(?:ủy|uỷ)\\s+đơn", b, sizeof b), "đơn");
	assert_string_equal(literals(pf, "cancell?ed", b, sizeof b), "cancelled|canceled");
	/* Case-folded, as caseless matching sees it. */
	assert_string_equal(literals(pf, "\\bCOD\\b", b, sizeof b), "cod");
	assert_string_equal(literals(pf, "ไม่สามารถ\\s*ยกเลิก", b, sizeof b), "ไม่สามารถ");
	/* Alternatives each need theirs; an optional part needs nothing. */
	assert_string_equal(literals(pf, "(?:refund|money back)", b, sizeof b), "refund|money back");
	assert_string_equal(literals(pf, "(?:refund)?\\d+", b, sizeof b), "");
	/* Lookarounds are not needed text; escapes are literal. */
	assert_string_equal(literals(pf, "(?<!gift\\s)\\bcards?\\b", b, sizeof b), "cards|card");
	assert_string_equal(literals(pf, "can\\'t\\s+cancel", b, sizeof b), "cancel");
	/* What the analysis does not follow is always run. */
	assert_string_equal(literals(pf, "(?x) can cel", b, sizeof b), "");
	assert_string_equal(literals(pf, "(a)\\1", b, sizeof b), "");
	assert_string_equal(literals(pf, "(*UCP)cancel", b, sizeof b), "");
	assert_string_equal(literals(pf, "[abc]+", b, sizeof b), "");
	assert_string_equal(literals(pf, "x", b, sizeof b), ""); /* too short to help */
	kb_prefilter_free(pf);
}

/* A pattern that is a sequence needs a string of each of its parts'
 * needs: the one its literals are and the others (conjuncts); a text that
 * holds the literal but no string of another part cannot match it, nor a
 * part of a text without both. */
static void test_prefilter_conjuncts(void **state)
{
	(void)state;
	kb_prefilter *pf = kb_prefilter_new();
	char b[256];
	assert_string_equal(literals(pf, "(?:cancel|close)\\s+(?:your\\s+)?account", b, sizeof b),
			    "account");
	int alt = kb_prefilter_add(pf, "cancel\\s+now|account");
	kb_prefilter_build(pf);
	kb_prefilter_hits *h = kb_prefilter_hits_new(pf);
	const char *t1 = "Your account is open.";
	kb_prefilter_scan(pf, h, t1, strlen(t1));
	assert_true(kb_prefilter_may(h, 0));
	assert_false(kb_prefilter_may_within(h, 0, 0, strlen(t1)));
	assert_true(kb_prefilter_may_within(h, alt, 0, strlen(t1))); /* a branch: no conjunct */
	const char *t2 = "Close the shop. Your account is open.";
	size_t second = (size_t)(strstr(t2, "Your") - t2);
	kb_prefilter_scan(pf, h, t2, strlen(t2));
	assert_true(kb_prefilter_may_within(h, 0, 0, strlen(t2)));
	assert_false(kb_prefilter_may_within(h, 0, second, strlen(t2)));
	assert_false(kb_prefilter_may_within(h, 0, 0, second));
	kb_prefilter_hits_free(h);
	kb_prefilter_free(pf);
}

/* The prefilter never hides a match: over every pattern of the shipped
 * packs and every test sentence in them (and the sentences in upper case),
 * a pattern that matches is one the prefilter says may match. */
static void test_prefilter_is_sound_on_shipped_packs(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_rules *r = kb_rules_new(a);
	assert_true(kb_rules_load(r, d, KB_SOURCE_ROOT "/rules"));
	const kb_prefilter *pf = kb_rules_prefilter(r);
	assert_true(kb_prefilter_nalways(pf) * 20 < kb_prefilter_npatterns(pf));
	kb_prefilter_hits *h = kb_prefilter_hits_new(pf);
	kb_re_scratch *sc = kb_re_scratch_new();
	size_t checked = 0, skipped = 0, within = 0;
	for (size_t t = 0; t < kb_rules_ntopics(r); t++) {
		const kb_topic *tp = kb_rules_topic(r, t);
		for (size_t k = 0; k < tp->ntests; k++) {
			for (int upper = 0; upper < 2; upper++) {
				char *text = kb_strdup(a, tp->tests[k].text);
				if (upper) /* caseless: ASCII and Vietnamese letters alike */
					text = (char *)utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)text);
				size_t n = strlen(text);
				kb_prefilter_scan(pf, h, text, n);
				for (size_t p = 0; p < kb_rules_npatterns(r); p++) {
					const kb_pattern *pt = kb_rules_pattern(r, p);
					size_t ms, me;
					bool m = kb_re_match(pt->re, sc, text, n, 0, &ms, &me, NULL, NULL) ==
						 KB_RE_MATCH;
					if (m)
						assert_true(kb_prefilter_may(h, pt->pf));
					/* A match in a part of the text (cut at
					 * to, searched from from) is one the
					 * prefilter says may be there. */
					for (size_t from = 0; m && from < n; from += 1 + n / 7)
						for (size_t to = n; to > from;
						     to = to > from + 1 + n / 5 ? to - 1 - n / 5 : from) {
							if (kb_re_match(pt->re, sc, text, to, from, &ms, &me,
									NULL, NULL) != KB_RE_MATCH)
								continue;
							assert_true(kb_prefilter_may_within(h, pt->pf, from, to));
							within++;
						}
					checked++;
					skipped += !kb_prefilter_may(h, pt->pf);
				}
				if (upper)
					free(text);
			}
		}
	}
	/* And it does skip: most patterns, most sentences. */
	assert_true(checked > 100000);
	assert_true(skipped * 2 > checked);
	assert_true(within > 1000);
	/* A pattern whose literal is in one sentence may not match in the
	 * others. */
	const char *text = "Call us any time. Refunds take 5 days. Thanks!";
	size_t n = strlen(text), second = (size_t)(strstr(text, "Refunds") - text);
	size_t third = (size_t)(strstr(text, "Thanks") - text);
	kb_prefilter_scan(pf, h, text, n);
	bool refund = false;
	for (size_t p = 0; p < kb_rules_npatterns(r); p++) {
		const kb_pattern *pt = kb_rules_pattern(r, p);
		size_t nl;
		kb_prefilter_literals(pf, pt->pf, &nl);
		if (strcmp(pt->text, "\\brefund(?:s|ed|ing)?\\b") || !nl)
			continue;
		refund = true;
		assert_true(kb_prefilter_may(h, pt->pf));
		assert_true(kb_prefilter_may_within(h, pt->pf, second, third));
		assert_false(kb_prefilter_may_within(h, pt->pf, 0, second - 1));
		assert_false(kb_prefilter_may_within(h, pt->pf, third, n));
	}
	assert_true(refund);
	kb_re_scratch_free(sc);
	kb_prefilter_hits_free(h);
	kb_rules_free(r);
	kb_arena_free(a);
}

/* NFC with the quick check gives what utf8proc gives, on text that is NFC
 * already (Vietnamese, Thai with tone marks), text that is not
 * (decomposed, misordered marks, singletons) and mixes.  (Hangul jamo are
 * left out: kb_text_nfc normalizes a starter and its marks at a time, so
 * never joins two starters -- the quick check leaves them to it.) */
static void test_nfc_quick_check_agrees(void **state)
{
	(void)state;
	const char *cases[] = {
	    "Bạn có thể hủy đơn hàng trong vòng 24 giờ.",
	    "คุณสามารถยกเลิกคำสั่งซื้อได้ภายใน 24 ชั่วโมง",
	    "Ba\xcc\xa3n co\xcc\x81 the\xcc\x82\xcc\x89 hu\xcc\x89y", /* decomposed Vietnamese */
	    "e\xcc\x81\xcc\xa3",                                 /* marks out of order */
	    "\xe0\xb8\x81\xe0\xb9\x88\xe0\xb8\xb8",             /* Thai: tone then vowel mark */
	    "\xe2\x84\xa6 \xe2\x84\xab",                         /* ohm and angstrom signs */
	    "Caf\xc3\xa9 \xf0\x9f\x98\x80 na\xc3\xafve",        /* precomposed, emoji */
	    "a\xcd\x84",                                         /* U+0344 */
	};
	kb_arena *a = kb_arena_new();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		uint32_t *map;
		char *got = kb_text_nfc(a, cases[i], strlen(cases[i]), &len, &map);
		utf8proc_uint8_t *want = utf8proc_NFC((const utf8proc_uint8_t *)cases[i]);
		assert_string_equal(got, (const char *)want);
		assert_int_equal(len, strlen((const char *)want));
		free(want);
	}
	/* Random strings over letters, marks and Thai (not characters whose
	 * decomposition starts with a mark, U+0344, U+0F73: the same
	 * a-starter-at-a-time limit). */
	static const int32_t pool[] = {'a', 'e', ' ', 0x0301, 0x0323, 0x0302, 0x0300, 0x00e9,
				       0x1ec7, 0x0e01, 0x0e48, 0x0e38, 0x0e31, 0xac00, 0x2126,
				       0x0345, 0x0928, 0x093c, 0x0929, 0x212b, 0x0308};
	srand(7);
	for (int t = 0; t < 3000; t++) {
		char s[256];
		size_t n = 0;
		int k = 1 + rand() % 12;
		for (int j = 0; j < k; j++)
			n += kb_utf8_encode(pool[rand() % (int)(sizeof pool / sizeof pool[0])], s + n);
		s[n] = '\0';
		size_t len;
		uint32_t *map;
		char *got = kb_text_nfc(a, s, n, &len, &map);
		utf8proc_uint8_t *want = utf8proc_NFC((const utf8proc_uint8_t *)s);
		assert_string_equal(got, (const char *)want);
		free(want);
	}
	kb_arena_free(a);
}

static void add_one(void *ctx, size_t i, int worker)
{
	int *slots = ctx;
	slots[i] += 1 + worker * 0; /* each item exactly once */
}

static void test_pool_runs_every_item_once(void **state)
{
	(void)state;
	for (int n = 1; n <= 4; n++) {
		kb_pool *p = kb_pool_new(n);
		assert_int_equal(kb_pool_size(p), n);
		int *slots = calloc(1000, sizeof *slots);
		kb_pool_run(p, 1000, add_one, slots);
		for (int i = 0; i < 1000; i++)
			assert_int_equal(slots[i], 1);
		kb_pool_run(p, 0, add_one, slots); /* nothing to do */
		free(slots);
		kb_pool_free(p);
	}
}

static void test_content_hash(void **state)
{
	(void)state;
	char buf[200];
	for (int i = 0; i < 200; i++)
		buf[i] = (char)i;
	uint64_t seen[200];
	/* Every length and one flipped byte give different hashes. */
	for (int n = 0; n < 200; n++) {
		seen[n] = kb_hash_buf(buf, (size_t)n, 1);
		for (int j = 0; j < n; j++)
			assert_true(seen[j] != seen[n]);
	}
	uint64_t h = kb_hash_buf(buf, 200, 1);
	buf[150] ^= 1;
	assert_true(kb_hash_buf(buf, 200, 1) != h);
	assert_true(kb_hash_buf(buf, 200, 2) != kb_hash_buf(buf, 200, 1));
}

/* A check (one pass: parse, extract, drop the texts) makes the claims
 * that extracting from units kept whole makes, and keeps no answer text. */
static void test_check_drops_texts_keeps_claims(void **state)
{
	(void)state;
	const char *paths[] = {KB_TEST_DATA "/../corpora/demo-shop"};
	kb_run_opts o = {.paths = paths, .npaths = 1, .no_cache = true, .jobs = 2};
	kb_run *kept = kb_run_new(), *dropped = kb_run_new();
	kb_run_load(kept, &o);
	kb_run_load_rules(kept, &o);
	kb_run_extract(kept);
	kb_run_analyze(dropped, &o);
	assert_true(kept->claims.len > 10);
	assert_int_equal(dropped->claims.len, kept->claims.len);
	assert_int_equal(dropped->units.len, kept->units.len);
	size_t whole = 0;
	for (size_t i = 0; i < kept->claims.len; i++) {
		const kb_claim *k = kept->claims.items[i], *d = dropped->claims.items[i];
		assert_string_equal(d->quote, k->quote);
		assert_string_equal(d->sentence, k->sentence);
		assert_int_equal(d->loc.line, k->loc.line);
		assert_int_equal(d->loc.column, k->loc.column);
		assert_non_null(k->unit->text);
		whole += strlen(k->sentence) == k->unit->text_len;
	}
	assert_true(whole > 0); /* answers that are one sentence are among them */
	for (size_t i = 0; i < dropped->units.len; i++) {
		const kb_unit *u = dropped->units.items[i];
		assert_null(u->text);
		assert_int_equal(u->nsegs, 0);
	}
	kb_run_free(kept);
	kb_run_free(dropped);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_prefilter_literals),
	    cmocka_unit_test(test_prefilter_conjuncts),
	    cmocka_unit_test(test_prefilter_is_sound_on_shipped_packs),
	    cmocka_unit_test(test_nfc_quick_check_agrees),
	    cmocka_unit_test(test_pool_runs_every_item_once),
	    cmocka_unit_test(test_content_hash),
	    cmocka_unit_test(test_check_drops_texts_keeps_claims),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
