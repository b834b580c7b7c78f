/* phrases.c - phrase suites: loading and scoring one answer; see phrases.h. */
#include "phrases.h"

#include <errno.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/files.h"
#include "../base/yaml.h"
#include "../normalize/value.h"
#include "../rules/drift.h"
#include "../rules/expect.h"
#include "../source/source.h"

enum { PHRASES_MAX = 16 << 20 };

/* "returns.window.window": the topic is all but the last name. */
static bool find_attr(const kb_rules *r, kb_arena *a, const char *key, kb_phrase_expect *e)
{
	const char *dot = strrchr(key, '.');
	if (!dot || dot == key)
		return false;
	e->topic = kb_rules_find(r, kb_strndup(a, key, (size_t)(dot - key)));
	e->at = e->topic ? kb_topic_attr(e->topic, dot + 1) : NULL;
	return e->at != NULL;
}

/* One value under a key: checked now, so a typo is an error where it is
 * written, not a miss in every run. */
static bool add_expect(kb_arena *a, kb_yaml *y, kb_node *n, const kb_phrase_expect *key,
		       kb_phrase_expect *out, size_t *len)
{
	const char *v = kb_yaml_str(a, n);
	const char *why = v ? kb_expect_invalid(key->at, v) : "expected a value (a string)";
	if (why) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "%s.%s: %s", key->topic->id, key->at->name, why);
		return false;
	}
	out[*len] = *key;
	out[(*len)++].value = v;
	return true;
}

/* expect: {topic.attribute: value or [values]} or none. */
static bool read_expect(kb_arena *a, kb_yaml *y, const kb_rules *r, kb_node *n,
			kb_phrase *p)
{
	const char *s = kb_yaml_str(a, n);
	if (s && !strcmp(s, "none"))
		return true;
	if (!kb_yaml_is_map(n)) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "'expect' is {topic.attribute: value, ...} or none");
		return false;
	}
	size_t cap = 0;
	void *it = NULL;
	kb_pair *e;
	while ((e = kb_yaml_map_next(n, &it)) != NULL) {
		kb_node *v = kb_yaml_value(e);
		cap += kb_yaml_is_seq(v) ? (size_t)kb_yaml_seq_count(v) : 1;
	}
	kb_phrase_expect *out = KB_NEWN(a, kb_phrase_expect, cap + 1);
	bool ok = true;
	it = NULL;
	while ((e = kb_yaml_map_next(n, &it)) != NULL) {
		const char *key = kb_yaml_str(a, kb_yaml_key(e));
		kb_node *v = kb_yaml_value(e);
		kb_phrase_expect k = {0};
		if (!key || !find_attr(r, a, key, &k)) {
			kb_yaml_diag(y, kb_yaml_key(e), KB_DIAG_ERROR,
				     "'%s' is no topic.attribute of the rule packs", key ? key : "?");
			ok = false;
			continue;
		}
		if (!kb_yaml_is_seq(v)) {
			ok &= add_expect(a, y, v, &k, out, &p->nexpect);
			continue;
		}
		void *it2 = NULL;
		kb_node *one;
		while ((one = kb_yaml_seq_next(v, &it2)) != NULL)
			ok &= add_expect(a, y, one, &k, out, &p->nexpect);
	}
	p->expects = out;
	return ok;
}

static bool read_phrase(kb_arena *a, kb_yaml *y, const kb_rules *r, kb_node *n,
			kb_phrase *p)
{
	int col;
	kb_yaml_pos(n, &p->line, &col);
	if (!kb_yaml_is_map(n)) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "a phrase is {text, question, expect}");
		return false;
	}
	bool ok = true, expect = false;
	void *it = NULL;
	kb_pair *pr;
	while ((pr = kb_yaml_map_next(n, &it)) != NULL) {
		const char *k = kb_yaml_str(a, kb_yaml_key(pr));
		kb_node *v = kb_yaml_value(pr);
		if (k && !strcmp(k, "text")) {
			p->text = kb_yaml_str(a, v);
		} else if (k && !strcmp(k, "question")) {
			p->question = kb_yaml_str(a, v);
		} else if (k && !strcmp(k, "expect")) {
			expect = true;
			ok &= read_expect(a, y, r, v, p);
		} else {
			kb_yaml_diag(y, kb_yaml_key(pr), KB_DIAG_ERROR,
				     "unknown key '%s' in a phrase (text, question, expect)", k ? k : "?");
			ok = false;
		}
	}
	if (!p->text || !*p->text || !expect) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "a phrase needs 'text' and 'expect' (or expect: none)");
		ok = false;
	}
	return ok;
}

bool kb_phrases_load(kb_arena *a, kb_diags *d, const kb_rules *r, const char *path,
		     kb_phrase_suite *out)
{
	*out = (kb_phrase_suite){.path = path};
	kb_buf b = KB_BUF_INIT;
	if (!kb_read_path(path, &b, PHRASES_MAX)) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot read the phrases: %s", strerror(errno));
		kb_buf_free(&b);
		return false;
	}
	kb_yaml y;
	/* The document points into b: b lives as long as it. */
	if (!kb_yaml_parse(&y, d, path, kb_buf_cstr(&b), b.len, false)) {
		kb_buf_free(&b);
		return false;
	}
	kb_node *root = kb_yaml_root(&y);
	const char *marker = kb_yaml_is_map(root) ? kb_yaml_str(a, kb_yaml_get(root, "kbcheck")) : NULL;
	kb_node *list = marker ? kb_yaml_get(root, "phrases") : NULL;
	out->locale = marker ? kb_yaml_str(a, kb_yaml_get(root, "locale")) : NULL;
	bool ok = marker && !strcmp(marker, "phrases/1") && out->locale && kb_yaml_is_seq(list);
	if (!ok) {
		kb_yaml_diag(&y, root, KB_DIAG_ERROR,
			     "not a phrase suite: expected 'kbcheck: phrases/1', 'locale' and "
			     "'phrases' (a list)");
	} else {
		size_t cap = (size_t)kb_yaml_seq_count(list);
		out->items = KB_NEWN(a, kb_phrase, cap + 1);
		void *it = NULL;
		kb_node *n;
		while ((n = kb_yaml_seq_next(list, &it)) != NULL) {
			kb_phrase *p = &out->items[out->n];
			*p = (kb_phrase){0};
			if (read_phrase(a, &y, r, n, p))
				out->n++;
		}
	}
	kb_yaml_close(&y);
	kb_buf_free(&b);
	return ok;
}

void kb_phrase_run(kb_extractor *x, kb_arena *a, const char *locale, const kb_phrase *p,
		   kb_phrase_result *res)
{
	*res = (kb_phrase_result){.expected = p->nexpect};
	kb_vec all = {0};
	kb_extract_text(x, locale, p->question, p->text, &all);
	/* What a check can show: a weak claim never makes a finding alone,
	 * and value drift is no rule's claim.  An answer that states one
	 * value twice ("lasts 14 days. If 14 days have passed, ...") makes
	 * one claim of it, as the comparator counts it. */
	const kb_claim **mine = KB_NEWN(a, const kb_claim *, all.len + 1);
	const char **keys = KB_NEWN(a, const char *, all.len + 1);
	for (size_t i = 0; i < all.len; i++) {
		const kb_claim *c = all.items[i];
		if (c->how == KB_HOW_WEAK || strcmp(c->topic, KB_DRIFT_TOPIC) == 0)
			continue;
		const char *k = kb_sprintf(a, "%s\x1f%s\x1f%s\x1f%s", c->topic, c->attribute,
					   kb_value_key(a, &c->value), kb_scope_key(a, &c->scope));
		bool seen = false;
		for (size_t j = 0; j < res->claims && !seen; j++)
			seen = !strcmp(keys[j], k);
		if (seen)
			continue;
		keys[res->claims] = k;
		mine[res->claims++] = c;
	}
	bool *used = KB_NEWN(a, bool, res->claims + 1);
	res->missed = KB_NEWN(a, const kb_phrase_expect *, p->nexpect + 1);
	for (size_t e = 0; e < p->nexpect; e++) {
		const kb_phrase_expect *ex = &p->expects[e];
		bool found = false;
		for (size_t i = 0; i < res->claims && !found; i++)
			if (!used[i] && !strcmp(mine[i]->topic, ex->topic->id) &&
			    !strcmp(mine[i]->attribute, ex->at->name) &&
			    kb_expect_matches(a, ex->at, ex->value, mine[i]))
				found = used[i] = true;
		if (found)
			res->found++;
		else
			res->missed[res->nmissed++] = ex;
	}
	res->false_claims = KB_NEWN(a, const kb_claim *, res->claims + 1);
	for (size_t i = 0; i < res->claims; i++)
		if (!used[i])
			res->false_claims[res->nfalse++] = mine[i];
}
