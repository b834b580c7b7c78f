/* canon.c - the policy's values read as the rule packs type them. */
#include "canon.h"

#include <string.h>

#include "../base/vec.h"
#include "../config/policy.h"
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

/* The terms config/policy.c asks: the rule packs' topics and attributes. */
typedef struct terms {
	kb_arena *a;
	kb_policy *p;
	const kb_rules *rules;
} terms;

static bool has_topic(void *ctx, const char *topic)
{
	const terms *t = ctx;
	return kb_rules_find(t->rules, topic) != NULL;
}

static const kb_attribute *attr_of(const terms *t, const char *topic, const char *name)
{
	const kb_topic *tp = kb_rules_find(t->rules, topic);
	return tp ? kb_topic_attr(tp, name) : NULL;
}

static const char *attr_type(void *ctx, const char *topic, const char *name)
{
	const kb_attribute *at = attr_of(ctx, topic, name);
	return at ? kb_vkind_name(at->type) : NULL;
}

static bool take_value(void *ctx, const kb_policy_entry *pe)
{
	const terms *t = ctx;
	const kb_attribute *at = attr_of(t, pe->topic, pe->attribute);
	entry *e = KB_NEW(t->a, entry);
	if (!at || !kb_policy_parse_value(t->a, at, pe->text, pe->locale, &e->value))
		return false;
	e->topic = kb_rules_find(t->rules, pe->topic)->id;
	e->attribute = at->name;
	e->scope = pe->scope;
	e->where = pe->where;
	kb_vec_push(t->a, &t->p->entries, e);
	return true;
}

kb_policy *kb_policy_load(kb_arena *a, kb_diags *d, const char *path, const char *within,
			  size_t max, const kb_rules *rules)
{
	kb_policy *p = KB_NEW(a, kb_policy);
	terms t = {a, p, rules};
	kb_policy_terms pt = {&t, has_topic, attr_type, take_value};
	return kb_policy_read(a, d, path, within, max, &pt, &p->truth) ? p : NULL;
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
