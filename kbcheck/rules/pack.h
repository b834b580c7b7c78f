/* pack.h - rule packs: topics, their attributes and qualifiers, loaded from
 * YAML (format described in README.md, "Writing rules").
 *
 *     kbcheck: rules/1
 *     pack: commerce
 *     qualifiers:
 *       product:
 *         phones: {en: ['\bphones?\b'], vi: ['điện thoại'], th: ['โทรศัพท์']}
 *     topics:
 *       order.cancel:
 *         title: Cancelling an order before it ships
 *         about:
 *           question: {en: ['\bcancel'], vi: ['hủy'], th: ['ยกเลิก']}
 *           answer:   {en: [...]}
 *         qualifiers: [product]
 *         attributes:
 *           allowed:
 *             type: bool
 *             yes: {en: ['\bcan\s+cancel']}
 *             no:  {en: ['\bcannot\s+(?:be\s+)?cancel']}
 *           window:
 *             type: duration
 *             cue: {en: ['\bcancel\w*\b.{0,60}?\bwithin\b']}
 *             unless: {en: ['\brefund']}
 *           threshold:
 *             type: money
 *             bound: at_least     # a bare amount is a minimum
 *             cue: {en: ['\bfree\s+shipping']}
 *         tests:
 *           - en: You can cancel your order within 24 hours.
 *             expect: {allowed: yes, window: within 24 hours}
 *           - en: Phones can be cancelled within 2 hours, accessories within 24 hours.
 *             expect: {window: [2 hours [product=phones], 24 hours [product=accessories]]}
 *
 * An expected value may be a list (one claim each) and may end with the
 * claim's scope in brackets, which must then match exactly.
 *
 * Everything lives in the run's arena; compiled regexes are released by
 * kb_rules_free().
 */
#ifndef KB_PACK_H
#define KB_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/diag.h"
#include "../normalize/value.h"
#include "regex.h"

typedef struct kb_pattern {
	const char *locale; /* "en", "vi", "th"... or "any" */
	const char *text;   /* as written in the pack */
	const char *file;   /* where it is written */
	int line, column;
	kb_re *re;
	int pf;             /* its id in the rules' prefilter (prefilter.h) */
	bool yes;           /* bool attributes: the value a match states */
	const char *label;  /* enum attributes / qualifiers: the value */
	bool names;         /* qualifiers: the (?<value>...) group is the value,
			     * as written ("brand Madam Film": madam film) */
} kb_pattern;

typedef struct kb_patterns {
	kb_pattern *items;
	size_t n;
	/* items[i].pf, side by side (NULL in a list made on the fly): the
	 * prefilter is asked about every pattern of a list, and reading ids
	 * from here does not load each pattern into the cache. */
	const int *pf;
	/* When the ids are pf0, pf0 + 1, ... (a list read from one place of
	 * a pack): pf0, else -1.  Then the prefilter's bits tell the next
	 * pattern that may match without a look at each (prefilter.h). */
	int pf0;
} kb_patterns;

typedef struct kb_attribute {
	const char *name;
	const char *title;
	kb_vkind type;
	kb_patterns cues;   /* sentences about the attribute (required for value
			     * types; optional for bool/enum statements) */
	kb_patterns unless; /* sentences to skip */
	kb_patterns yes_no; /* bool: statements; enum: labelled statements */
	/* `bound: at_least|at_most`: what a bare value means ("free shipping
	 * on orders of $50" = $50 or more); KB_BOUND_EXACT = as stated. */
	kb_bound bound;
	/* `acts: true`: a deadline to act on the attribute's subject states it
	 * ("request a return within 30 days" is the return window); otherwise
	 * an act's deadline is not the attribute ("request a refund within 14
	 * days" is not how long a refund takes). */
	bool acts;
} kb_attribute;

typedef struct kb_qualifier {
	const char *name;
	kb_patterns values; /* label = qualifier value */
} kb_qualifier;

typedef struct kb_rule_test {
	const char *locale, *text, *question;
	const char *file;
	int line;
	/* Expected claims: attribute name -> expected phrase ("within 24
	 * hours", "yes", an enum label, optionally followed by a scope
	 * "[product=phones]"), one pair per expected claim; an empty list
	 * expects no claim. */
	const char *const *attrs;
	const char *const *expects;
	size_t nexpect;
	bool none; /* expect: none */
} kb_rule_test;

typedef struct kb_topic {
	const char *id, *title;
	const char *pack, *file;
	int line;
	kb_patterns about_question, about_answer;
	kb_attribute *attrs;
	size_t nattrs;
	const kb_qualifier **qualifiers;
	size_t nqualifiers;
	kb_rule_test *tests;
	size_t ntests;
	/* `cases: pages`: the topic's values differ per product, so a page
	 * whose title names a subject ("Dongwha flooring") is a case of its
	 * own (rules/extract.c, kb_extract_sections). */
	bool page_cases;
} kb_topic;

typedef struct kb_rules kb_rules;

kb_rules *kb_rules_new(kb_arena *a);
void kb_rules_free(kb_rules *r);
/* Load a pack file, or every *.yml in a directory (sorted).  Problems go to
 * d with file:line:col; what could be read is kept.  Returns false when
 * anything was wrong. */
bool kb_rules_load(kb_rules *r, kb_diags *d, const char *path);
/* How the next kb_rules_load calls read pack files (kb_read_settings,
 * base/files.h): at most max bytes each, and only inside folder `within`
 * (the KB root, for packs its kbcheck.yml names) unless that is NULL (packs
 * named on the command line, the shipped ones).  By default NULL and
 * 64 MiB. */
void kb_rules_set_reads(kb_rules *r, const char *within, size_t max);

/* Has some attribute a pattern (a cue or a statement) for answers in
 * locale (a language, "en"), its own or an "any" one?  Without one, no
 * answer in that locale states a topic's value.  NULL: a pattern for
 * any locale at all. */
bool kb_rules_speak(const kb_rules *r, const char *locale);

size_t kb_rules_ntopics(const kb_rules *r);
const kb_topic *kb_rules_topic(const kb_rules *r, size_t i);
const kb_topic *kb_rules_find(const kb_rules *r, const char *id);
const kb_attribute *kb_topic_attr(const kb_topic *t, const char *name);
/* What a normalized value states as this attribute: an exact value takes
 * the attribute's `bound`; a time range keeps its hours only (days are a
 * weekdays attribute of their own, so "24/7" and "around the clock" state
 * the same hours). */
void kb_attribute_value(const kb_attribute *at, kb_value *v);
/* Every pattern loaded, in load order (topics' and qualifiers'). */
size_t kb_rules_npatterns(const kb_rules *r);
const kb_pattern *kb_rules_pattern(const kb_rules *r, size_t i);

/* The grammar shared by every topic (`grammar:` in any pack):
 *   processes  words that govern a value of their own, so it is not a
 *              topic's ("refunds are *processed* within 5 days", "reply",
 *              "inspect", "pay")
 *   acts       deadlines to act ("request", "report", "send back"): their
 *              object's value is a deadline, not the object's attribute
 *              (unless the attribute says `acts: true`)
 *   offers     promotions ("Save 15%", "Giảm 10%", "buy ... get"): the amount
 *              or time after one is the offer's, not a policy value
 *   closed     when something is not open ("closed on Sundays", "Chủ nhật
 *              nghỉ", "หยุดวันจันทร์"): the days and hours after it are the
 *              closing times, never what the cue before it states
 *   affirm     a reply that says yes at the start of an answer ("Sure!",
 *   deny       "Dạ được ạ", "ได้ค่ะ") or no ("Nope", "Dạ không ạ", "ไม่มีค่ะ"):
 *              it answers the yes/no statement its question asks about
 *   examples   what introduces an example ("For example", "Ví dụ"): what it
 *              states is no policy
 *   generic    words that name no subject in a label ("policy", "time",
 *              "note"): a label made of them and topic words is no scope
 *   refused    what is refused beyond a window's bound ("returned more than
 *              7 days after delivery are not eligible")
 *   triggers   a lead-in that says when to get in touch ("Contact support
 *              if:"): the items under it are situations, not policies
 *   waived     what sets an amount aside ("the $5.99 fee *does not apply
 *              here*", "được miễn"): after it in its clause, no fee claim
 *   increments what makes a duration an addition ("*an additional* 2-7
 *              days", "thêm", "เพิ่มอีก") right before it: another
 *              stage's, not the attribute's
 *   windows    what makes a duration a window's length right after it
 *              ("the standard *30-day window*"): no process takes it
 *   afterwards what puts a statement past a bound ("*After that*, orders
 *              cannot be changed", "Sau đó", "หลังจากนั้น"): it restates
 *              the window's end, not a yes or no of its own
 *   steps      processes that are a step on the way (approval, inspection,
 *              review): like processes, but never what a cue's subject
 *              undergoes ("refund approval: 2-3 days" is not the refund's
 *              time, "refunds are processed in 5 days" is) */
typedef enum kb_grammar {
	KB_GRAMMAR_PROCESSES,
	KB_GRAMMAR_ACTS,
	KB_GRAMMAR_OFFERS,
	KB_GRAMMAR_CLOSED,
	KB_GRAMMAR_AFFIRM,
	KB_GRAMMAR_DENY,
	KB_GRAMMAR_EXAMPLES,
	KB_GRAMMAR_GENERIC,
	KB_GRAMMAR_REFUSED,
	KB_GRAMMAR_TRIGGERS,
	KB_GRAMMAR_STEPS,
	KB_GRAMMAR_WAIVED,
	KB_GRAMMAR_INCREMENTS,
	KB_GRAMMAR_AFTERWARDS,
	KB_GRAMMAR_WINDOWS,
	KB_GRAMMAR_N
} kb_grammar;
const kb_patterns *kb_rules_grammar(const kb_rules *r, kb_grammar g);

/* The KB's own labels (kbcheck.yml `labels:`, config/config.h): a label,
 * row header or parent written so is scoped as the map says, or is no
 * scope at all (ignore).  Kept by reference: the config outlives the
 * rules. */
struct kb_label_map;
void kb_rules_set_labels(kb_rules *r, const struct kb_label_map *m, size_t n);
/* The map of label (case folded), or NULL. */
const struct kb_label_map *kb_rules_label(const kb_rules *r, const char *folded);

/* The prefilter over every pattern loaded (built by kb_rules_load). */
const struct kb_prefilter *kb_rules_prefilter(const kb_rules *r);
/* A hash of the packs loaded (paths and contents, in load order): the
 * cache is keyed on it. */
uint64_t kb_rules_hash(const kb_rules *r);

/* Paths of the packs loaded, for messages and `rules list`. */
size_t kb_rules_npacks(const kb_rules *r);
const char *kb_rules_pack_path(const kb_rules *r, size_t i);

/* Where the shipped packs are: $KBCHECK_RULES, then next to the installed
 * binary (../share/kbcheck/rules), then the build's source tree. */
const char *kb_rules_default_dir(kb_arena *a, const char *argv0);

#endif
