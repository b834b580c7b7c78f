/* policy.c - reading the policy file. */
#include "policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/files.h"
#include "../base/yaml.h"

/* The value at vn for topic.attribute (whose type is named type), handed
 * to the terms; said at its place when it is none. */
static void add_entry(kb_arena *a, const kb_policy_terms *t, const kb_yaml *y,
		      const char *topic, const char *attribute, const char *type,
		      kb_node *vn, kb_scope scope, const char *locale)
{
	const char *text = kb_yaml_str(a, vn);
	int line, col;
	kb_yaml_pos(vn, &line, &col);
	kb_policy_entry e = {.topic = topic, .attribute = attribute, .text = text,
			     .locale = locale, .scope = scope};
	if (text)
		e.where = kb_sprintf(a, "%s:%d", y->path, line);
	if (!text || !t->value(t->ctx, &e))
		kb_yaml_diag(y, vn, KB_DIAG_ERROR,
			     "policy for %s.%s: '%s' is not a %s value", topic, attribute,
			     text ? text : "(not a string)", type);
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

static void read_attr(kb_arena *a, const kb_policy_terms *t, const kb_yaml *y,
		      const char *topic, kb_node *kn, kb_node *vn)
{
	const char *name = kb_yaml_str(a, kn);
	const char *type = name ? t->attribute(t->ctx, topic, name) : NULL;
	if (!type) {
		kb_yaml_diag(y, kn, KB_DIAG_ERROR, "topic %s has no attribute '%s'", topic,
			     name ? name : "?");
		return;
	}
	if (kb_yaml_is_scalar(vn)) {
		add_entry(a, t, y, topic, name, type, vn, (kb_scope){0}, "en");
		return;
	}
	if (!kb_yaml_is_seq(vn)) {
		kb_yaml_diag(y, vn, KB_DIAG_ERROR,
			     "%s.%s: give a value, or a list of {scope: ..., value: ...}", topic, name);
		return;
	}
	void *it = NULL;
	kb_node *e;
	while ((e = kb_yaml_seq_next(vn, &it)) != NULL) {
		kb_node *val = kb_yaml_get(e, "value");
		if (!val) {
			kb_yaml_diag(y, e, KB_DIAG_ERROR, "%s.%s: an entry needs 'value'", topic, name);
			continue;
		}
		const char *loc = kb_yaml_str(a, kb_yaml_get(e, "locale"));
		add_entry(a, t, y, topic, name, type, val,
			  read_scope(a, y, kb_yaml_get(e, "scope")), loc ? loc : "en");
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

bool kb_policy_read(kb_arena *a, kb_diags *d, const char *path, const char *within,
		    size_t max, const kb_policy_terms *t, kb_channel *truth)
{
	kb_buf b = KB_BUF_INIT;
	*truth = KB_CHANNEL_UNKNOWN;
	if (!kb_read_settings(d, "the policy file", path, within, max, &b)) {
		kb_buf_free(&b);
		return false;
	}
	kb_yaml y;
	if (!kb_yaml_parse(&y, d, kb_strdup(a, path), kb_buf_cstr(&b), b.len, false)) {
		kb_buf_free(&b);
		return false;
	}
	kb_node *root = kb_yaml_root(&y);
	if (root && !kb_yaml_is_map(root)) {
		kb_yaml_diag(&y, root, KB_DIAG_ERROR, "%s",
			     "a policy is a mapping: kbcheck: policy/1, source_of_truth, policies");
		root = NULL;
	}
	check_policy_keys(a, &y, root);
	kb_node *tn = kb_yaml_get(root, "source_of_truth");
	const char *tv = kb_yaml_str(a, tn);
	if (tn && !kb_yaml_is_scalar(tn))
		kb_yaml_diag(&y, tn, KB_DIAG_ERROR, "%s",
			     "'source_of_truth' is one channel: faq, chatbot or macro");
	if (tv) {
		*truth = kb_channel_parse(tv);
		if (!*truth)
			kb_yaml_diag(&y, tn, KB_DIAG_ERROR,
				     "unknown channel '%s' (faq, chatbot, macro)", tv);
	}
	kb_node *pol = kb_yaml_get(root, "policies");
	void *it = NULL;
	kb_pair *pr;
	if (pol && !kb_yaml_is_map(pol))
		kb_yaml_diag(&y, pol, KB_DIAG_ERROR, "'policies' must map topics to attributes");
	while (kb_yaml_is_map(pol) && (pr = kb_yaml_map_next(pol, &it)) != NULL) {
		const char *tid = kb_yaml_str(a, kb_yaml_key(pr));
		if (!tid || !t->topic(t->ctx, tid)) {
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
			read_attr(a, t, &y, tid, kb_yaml_key(ap), kb_yaml_value(ap));
	}
	kb_yaml_close(&y);
	kb_buf_free(&b);
	return true;
}
