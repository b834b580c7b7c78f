/* policy.c - loading the policy file. */
#include "policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/files.h"
#include "../base/vec.h"
#include "../base/yaml.h"
#include "../normalize/normalize.h"

typedef struct entry {
	const char *topic, *attribute;
	kb_scope scope;
	kb_value value;
	const char *where;
} entry;

struct kb_policy {
	kb_vec entries; /* entry* */
	kb_channel truth;
};

bool kb_policy_parse_value(kb_arena *a, const kb_attribute *at, const char *text,
			   const char *locale, kb_value *v)
{
	memset(v, 0, sizeof *v);
	if (at->type == KB_V_BOOL) {
		bool yes = !strcmp(text, "yes") || !strcmp(text, "true");
		bool no = !strcmp(text, "no") || !strcmp(text, "false");
		v->kind = KB_V_BOOL;
		v->flag = yes;
		return yes || no;
	}
	if (at->type == KB_V_ENUM) {
		for (size_t i = 0; i < at->yes_no.n; i++)
			if (at->yes_no.items[i].label && !strcmp(at->yes_no.items[i].label, text)) {
				v->kind = KB_V_ENUM;
				v->label = kb_strdup(a, text);
				return true;
			}
		return false;
	}
	return kb_normalize_find(at->type, locale, text, strlen(text), 0, v);
}

static void add_entry(kb_arena *a, kb_policy *p, const kb_yaml *y,
		      const kb_topic *t, const kb_attribute *at, kb_node *vn,
		      kb_scope scope, const char *locale)
{
	const char *text = kb_yaml_str(a, vn);
	entry *e = KB_NEW(a, entry);
	int line, col;
	kb_yaml_pos(vn, &line, &col);
	if (!text || !kb_policy_parse_value(a, at, text, locale, &e->value)) {
		kb_yaml_diag(y, vn, KB_DIAG_ERROR,
			     "policy for %s.%s: '%s' is not a %s value", t->id, at->name,
			     text ? text : "(not a string)", kb_vkind_name(at->type));
		return;
	}
	e->topic = t->id;
	e->attribute = at->name;
	e->scope = scope;
	e->where = kb_sprintf(a, "%s:%d", y->path, line);
	kb_vec_push(a, &p->entries, e);
}

static kb_scope read_scope(kb_arena *a, const kb_yaml *y, kb_node *n)
{
	kb_scope s = {0};
	void *it = NULL;
	kb_pair *pr;
	if (n && !kb_yaml_is_map(n)) {
		kb_yaml_diag(y, n, KB_DIAG_ERROR, "scope must be a mapping such as {product: phones}");
		return s;
	}
	while (n && (pr = kb_yaml_map_next(n, &it)) != NULL) {
		const char *k = kb_yaml_str(a, kb_yaml_key(pr));
		const char *v = kb_yaml_str(a, kb_yaml_value(pr));
		if (k && v)
			s = kb_scope_with(a, &s, k, v);
	}
	return s;
}

static void read_attr(kb_arena *a, kb_policy *p, const kb_yaml *y, const kb_topic *t,
		      kb_node *kn, kb_node *vn)
{
	const char *name = kb_yaml_str(a, kn);
	const kb_attribute *at = name ? kb_topic_attr(t, name) : NULL;
	if (!at) {
		kb_yaml_diag(y, kn, KB_DIAG_ERROR, "topic %s has no attribute '%s'", t->id,
			     name ? name : "?");
		return;
	}
	if (kb_yaml_is_scalar(vn)) {
		add_entry(a, p, y, t, at, vn, (kb_scope){0}, "en");
		return;
	}
	if (!kb_yaml_is_seq(vn)) {
		kb_yaml_diag(y, vn, KB_DIAG_ERROR,
			     "%s.%s: give a value, or a list of {scope: ..., value: ...}", t->id, name);
		return;
	}
	void *it = NULL;
	kb_node *e;
	while ((e = kb_yaml_seq_next(vn, &it)) != NULL) {
		kb_node *val = kb_yaml_get(e, "value");
		if (!val) {
			kb_yaml_diag(y, e, KB_DIAG_ERROR, "%s.%s: an entry needs 'value'", t->id, name);
			continue;
		}
		const char *loc = kb_yaml_str(a, kb_yaml_get(e, "locale"));
		add_entry(a, p, y, t, at, val, read_scope(a, y, kb_yaml_get(e, "scope")),
			  loc ? loc : "en");
	}
}

/* The keys a policy has, and its version: anything else is a mistake that
 * would drop the canonical values without a word ("polices:"). */
static void check_policy_keys(kb_arena *a, const kb_yaml *y, kb_node *root)
{
	void *it = NULL;
	kb_pair *pr;
	while (root && (pr = kb_yaml_map_next(root, &it)) != NULL) {
		kb_node *kn = kb_yaml_key(pr), *vn = kb_yaml_value(pr);
		const char *key = kb_yaml_str(a, kn);
		if (key && !strcmp(key, "kbcheck")) {
			const char *v = kb_yaml_str(a, vn);
			if (!v || strcmp(v, "policy/1") != 0)
				kb_yaml_diag(y, vn ? vn : kn, KB_DIAG_ERROR,
					     "'kbcheck' is 'policy/1' (the format this kbcheck reads), not '%s'",
					     v ? v : "?");
		} else if (!key || (strcmp(key, "source_of_truth") && strcmp(key, "policies"))) {
			kb_yaml_diag(y, kn, KB_DIAG_ERROR,
				     "unknown key '%s' (kbcheck, source_of_truth, policies)",
				     key ? key : "?");
		}
	}
}

kb_policy *kb_policy_load(kb_arena *a, kb_diags *d, const char *path, const char *within,
			  size_t max, const kb_rules *rules)
{
	kb_buf b = KB_BUF_INIT;
	int got = kb_read_settings(d, "the policy file", path, within, max, &b);
	if (got <= 0) {
		if (!got)
			kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot read the policy file");
		kb_buf_free(&b);
		return NULL;
	}
	kb_yaml y;
	if (!kb_yaml_parse(&y, d, kb_strdup(a, path), kb_buf_cstr(&b), b.len, false)) {
		kb_buf_free(&b);
		return NULL;
	}
	kb_policy *p = KB_NEW(a, kb_policy);
	kb_node *root = kb_yaml_root(&y);
	if (root && !kb_yaml_is_map(root)) {
		kb_yaml_diag(&y, root, KB_DIAG_ERROR, "%s",
			     "a policy is a mapping: kbcheck: policy/1, source_of_truth, policies");
		root = NULL;
	}
	check_policy_keys(a, &y, root);
	kb_node *tn = kb_yaml_get(root, "source_of_truth");
	const char *truth = kb_yaml_str(a, tn);
	if (tn && !kb_yaml_is_scalar(tn))
		kb_yaml_diag(&y, tn, KB_DIAG_ERROR, "%s",
			     "'source_of_truth' is one channel: faq, chatbot or macro");
	if (truth) {
		p->truth = kb_channel_parse(truth);
		if (!p->truth)
			kb_yaml_diag(&y, tn, KB_DIAG_ERROR,
				     "unknown channel '%s' (faq, chatbot, macro)", truth);
	}
	kb_node *pol = kb_yaml_get(root, "policies");
	void *it = NULL;
	kb_pair *pr;
	if (pol && !kb_yaml_is_map(pol))
		kb_yaml_diag(&y, pol, KB_DIAG_ERROR, "'policies' must map topics to attributes");
	while (kb_yaml_is_map(pol) && (pr = kb_yaml_map_next(pol, &it)) != NULL) {
		const char *tid = kb_yaml_str(a, kb_yaml_key(pr));
		const kb_topic *t = tid ? kb_rules_find(rules, tid) : NULL;
		if (!t) {
			kb_yaml_diag(&y, kb_yaml_key(pr), KB_DIAG_ERROR,
				     "unknown topic '%s' (see kbcheck rules list)", tid ? tid : "?");
			continue;
		}
		kb_node *attrs = kb_yaml_value(pr);
		if (!kb_yaml_is_map(attrs))
			kb_yaml_diag(&y, attrs ? attrs : kb_yaml_key(pr), KB_DIAG_ERROR,
				     "%s: map its attributes to values, such as {window: 24 hours}",
				     tid);
		void *it2 = NULL;
		kb_pair *ap;
		while (kb_yaml_is_map(attrs) && (ap = kb_yaml_map_next(attrs, &it2)) != NULL)
			read_attr(a, p, &y, t, kb_yaml_key(ap), kb_yaml_value(ap));
	}
	kb_yaml_close(&y);
	kb_buf_free(&b);
	return p;
}

/* All of e's scope keys have the same value in s. */
static bool scope_covers(const kb_scope *e, const kb_scope *s)
{
	for (size_t i = 0; i < e->n; i++) {
		const char *v = kb_scope_get(s, e->kv[i].key);
		if (!v || strcmp(v, e->kv[i].value))
			return false;
	}
	return true;
}

const kb_value *kb_policy_value(const kb_policy *p, const char *topic,
				const char *attribute, const kb_scope *s,
				const char **where)
{
	if (!p)
		return NULL;
	const entry *best = NULL;
	for (size_t i = 0; i < p->entries.len; i++) {
		const entry *e = p->entries.items[i];
		if (strcmp(e->topic, topic) || strcmp(e->attribute, attribute))
			continue;
		if (!scope_covers(&e->scope, s))
			continue;
		/* The most specific entry wins. */
		if (!best || e->scope.n > best->scope.n)
			best = e;
	}
	if (best && where)
		*where = best->where;
	return best ? &best->value : NULL;
}

kb_channel kb_policy_truth(const kb_policy *p)
{
	return p ? p->truth : KB_CHANNEL_UNKNOWN;
}
