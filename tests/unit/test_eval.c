/* Unit tests: labels.yml and the scoring of findings against it
 * (eval/labels.h, eval/score.h), on claims and findings made by hand, so
 * that what is measured does not depend on what the rules find. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compare/compare.h"
#include "eval/labels.h"
#include "eval/score.h"

static const char *write_temp(const char *text)
{
	static char path[64];
	snprintf(path, sizeof path, "/tmp/kblabels.XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static const char labels_text[] =
    "kbcheck: labels/1\n"
    "read: every answer\n"
    "contradictions:\n"
    "  - id: c1\n"
    "    topic: order.cancel.window\n"
    "    sides:\n"
    "      - {at: a.md:3, quote: within 24 hours}\n"
    "      - {at: b.yml:7-8, quote: within 12 hours}\n"
    "  - id: c2\n"
    "    sides: [{at: a.md:20}, {at: c.md:4}]\n"
    "negatives:\n"
    "  - id: n1\n"
    "    kind: other-process\n"
    "    sides: [{at: a.md:3}, {at: c.md:9}]\n"
    "  - id: n2\n"
    "    kind: not-policy\n"
    "    sides: [{at: c.md:12}]\n"
    "injections:\n"
    "  - id: i1\n"
    "    kind: value\n"
    "    at: c.md:4\n"
    "    from: 24 hours\n"
    "    to: 2 hours\n"
    "    partner: {at: a.md:3}\n";

static kb_source *source(kb_arena *a, const char *path, kb_channel ch)
{
	kb_source *s = KB_NEW(a, kb_source);
	s->path = kb_sprintf(a, "kb/%s", path);
	s->relpath = path;
	s->channel = ch;
	return s;
}

static kb_unit *unit(kb_arena *a, kb_source *s, const char *locale, int first, int last)
{
	kb_unit *u = KB_NEW(a, kb_unit);
	u->source = s;
	u->locale = locale;
	u->loc.line = first;
	u->loc.end_line = last;
	return u;
}

static kb_claim *claim(kb_arena *a, kb_unit *u, int line, double hours)
{
	kb_claim *c = KB_NEW(a, kb_claim);
	c->topic = "order.cancel";
	c->attribute = "window";
	c->unit = u;
	c->quote = "within some hours";
	c->value.kind = KB_V_DURATION;
	c->value.bound = KB_BOUND_AT_MOST;
	c->value.max = hours * 3600;
	c->loc.line = c->loc.end_line = line;
	return c;
}

static kb_finding *finding(kb_arena *a, kb_claim *dev, kb_claim *ref)
{
	kb_finding *f = KB_NEW(a, kb_finding);
	f->topic = "order.cancel";
	f->attribute = "window";
	f->severity = KB_SEV_WARNING;
	kb_side *s = KB_NEWN(a, kb_side, 2);
	s[0] = (kb_side){.claim = dev, .deviates = true};
	s[1] = (kb_side){.claim = ref};
	f->sides = s;
	f->nsides = 2;
	return f;
}

static void test_labels_load_and_refuse(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_labels ls;
	const char *p = write_temp(labels_text);
	assert_true(kb_labels_load(a, d, p, &ls));
	unlink(p);
	assert_int_equal(ls.n, 5);
	assert_int_equal(kb_labels_count(&ls, KB_LABEL_CONTRADICTION), 2);
	assert_int_equal(kb_labels_count(&ls, KB_LABEL_NEGATIVE), 2);
	assert_int_equal(kb_labels_count(&ls, KB_LABEL_INJECTION), 1);
	assert_string_equal(ls.items[0].sides[1].path, "b.yml");
	assert_int_equal(ls.items[0].sides[1].first, 7);
	assert_int_equal(ls.items[0].sides[1].last, 8);
	assert_string_equal(ls.items[0].sides[1].quote, "within 12 hours");
	const kb_label *inj = &ls.items[4];
	assert_int_equal(inj->type, KB_LABEL_INJECTION);
	assert_string_equal(inj->sides[0].path, "c.md");
	assert_string_equal(inj->sides[1].path, "a.md");
	assert_string_equal(inj->from, "24 hours");

	/* Another format, a statement without a line, an injection over two
	 * lines: errors at their place. */
	p = write_temp("kbcheck: labels/2\n");
	assert_false(kb_labels_load(a, d, p, &ls));
	unlink(p);
	p = write_temp("kbcheck: labels/1\ncontradictions:\n  - id: x\n    sides: [{at: a.md}, {at: b.md:2}]\n"
		       "injections:\n  - {id: y, at: 'a.md:2-3', from: a, to: b, partner: {at: b.md:1}}\n");
	assert_false(kb_labels_load(a, d, p, &ls));
	unlink(p);
	assert_int_equal(ls.n, 0);
	assert_int_equal(kb_diags_count(d), 3);
	kb_arena_free(a);
}

static void test_score_true_false_missed_and_pairs(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_diags *d = kb_diags_new(a);
	kb_labels ls;
	const char *p = write_temp(labels_text);
	assert_true(kb_labels_load(a, d, p, &ls));
	unlink(p);
	kb_source *sa = source(a, "a.md", KB_CHANNEL_FAQ), *sb = source(a, "b.yml", KB_CHANNEL_CHATBOT),
		  *sc = source(a, "c.md", KB_CHANNEL_FAQ);
	kb_unit *ua = unit(a, sa, "en", 1, 5), *ub = unit(a, sb, "vi", 6, 9), *uc = unit(a, sc, "en", 1, 20);
	kb_vec units = {0}, findings = {0};
	kb_vec_push(a, &units, ua);
	kb_vec_push(a, &units, ub);
	kb_vec_push(a, &units, uc);
	/* c1 found (the chatbot's line 8 is inside 7-8); a false finding
	 * that joins the two statements of negative n1; c2 missed. */
	kb_vec_push(a, &findings, finding(a, claim(a, ub, 8, 12), claim(a, ua, 3, 24)));
	kb_vec_push(a, &findings, finding(a, claim(a, uc, 9, 72), claim(a, ua, 3, 24)));
	/* Two claims of one value on a contradiction's lines do not hit it. */
	kb_vec_push(a, &findings, finding(a, claim(a, uc, 4, 24), claim(a, ua, 20, 24)));
	kb_eval e = {.a = a};
	kb_eval_run run = {.findings = &findings, .units = &units, .labels = &ls, .kb = "kb"};
	kb_eval_score(&e, &run);
	assert_int_equal(e.total.shown, 3);
	assert_int_equal(e.total.true_shown, 1);
	assert_int_equal(e.total.natural, 2);
	assert_int_equal(e.total.natural_found, 1);
	assert_int_equal(e.total.negatives, 2);
	assert_int_equal(e.total.negatives_hit, 1);
	assert_float_equal(kb_eval_precision(&e.total), 1.0 / 3, 1e-9);
	assert_float_equal(kb_eval_recall(&e.total), 0.5, 1e-9);
	/* Per pair: c1 is a chatbot x faq, en x vi contradiction. */
	bool saw = false;
	for (size_t i = 0; i < e.pairs.len; i++) {
		const kb_eval_pair *q = e.pairs.items[i];
		if (!strcmp(q->key, "channel chatbot×faq")) {
			assert_int_equal(q->c.true_shown, 1);
			assert_int_equal(q->c.natural_found, 1);
			saw = true;
		}
		if (!strcmp(q->key, "locale en×vi"))
			assert_int_equal(q->c.natural, 1);
	}
	assert_true(saw);
	/* Notes: two false findings, one missed contradiction. */
	assert_int_equal(e.notes.len, 3);
	assert_non_null(strstr(e.notes.items[0], "[negative n1: other-process]"));
	assert_non_null(strstr(e.notes.items[2], "missed contradiction c2"));
	/* Why: no unit holds a.md:20, c.md:4 gave no claim. */
	assert_non_null(strstr(e.notes.items[2], "[1: unread; 2: no claim]"));
	assert_int_equal(e.missed_unread, 1);
	assert_int_equal(e.missed_unclaimed + e.missed_weak + e.missed_unjoined, 0);
	/* Read, a weak claim on one side and a confident one on the other:
	 * missed for weak claims only, and the note names them. */
	kb_unit *ua2 = unit(a, sa, "en", 18, 22);
	kb_vec units2 = {0}, claims2 = {0}, none = {0};
	kb_vec_push(a, &units2, ua2);
	kb_vec_push(a, &units2, uc);
	kb_claim *weak = claim(a, uc, 4, 24);
	weak->how = KB_HOW_WEAK;
	kb_vec_push(a, &claims2, claim(a, ua2, 20, 12));
	kb_vec_push(a, &claims2, weak);
	kb_eval e3 = {.a = a};
	kb_eval_run run3 = {.findings = &none, .units = &units2, .claims = &claims2, .labels = &ls,
			    .kb = "kb"};
	kb_eval_score(&e3, &run3);
	assert_int_equal(e3.missed_weak, 1);
	bool named = false;
	for (size_t i = 0; i < e3.notes.len; i++)
		named |= strstr(e3.notes.items[i], "missed contradiction c2 (?): a.md:20 vs c.md:4 "
						   "[1: order.cancel.window=at most 12 hours; "
						   "2: order.cancel.window=at most 1 day (weak)]") != NULL;
	assert_true(named);

	/* With the injection: a finding already there is not the run's; the
	 * new one that joins c.md:4 and a.md:3 is the injection found. */
	kb_vec before = {0}, after = {0};
	kb_vec_push(a, &before, (void *)kb_eval_key(a, findings.items[1]));
	kb_vec_push(a, &after, findings.items[1]);
	kb_vec_push(a, &after, finding(a, claim(a, uc, 4, 2), claim(a, ua, 3, 24)));
	kb_eval e2 = {.a = a};
	kb_eval_run irun = {.findings = &after, .units = &units, .labels = &ls,
			    .injection = &ls.items[4], .before = &before, .kb = "kb"};
	kb_eval_score(&e2, &irun);
	assert_int_equal(e2.total.shown, 1);
	assert_int_equal(e2.total.true_shown, 1);
	assert_int_equal(e2.total.injected, 1);
	assert_int_equal(e2.total.injected_found, 1);
	assert_int_equal(e2.total.natural, 0);
	kb_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_labels_load_and_refuse),
	    cmocka_unit_test(test_score_true_false_missed_and_pairs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
