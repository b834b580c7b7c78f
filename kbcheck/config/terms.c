/* terms.c - channels and scopes. */
#include "terms.h"

#include <stdbool.h>
#include <string.h>

#include "../base/buf.h"

static const char *const channel_names[] = {"unknown", "faq", "chatbot", "macro"};

const char *kb_channel_name(kb_channel c) { return channel_names[c]; }

kb_channel kb_channel_parse(const char *name)
{
	for (int i = 1; i < 4; i++)
		if (strcmp(name, channel_names[i]) == 0)
			return (kb_channel)i;
	return KB_CHANNEL_UNKNOWN;
}

const char *kb_scope_get(const kb_scope *s, const char *key)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->kv[i].key, key) == 0)
			return s->kv[i].value;
	return NULL;
}

kb_scope kb_scope_with(kb_arena *a, const kb_scope *s, const char *key,
		       const char *value)
{
	kb_scope_kv *kv = KB_NEWN(a, kb_scope_kv, s->n + 1);
	size_t n = 0;
	bool placed = false;
	for (size_t i = 0; i < s->n; i++) {
		int c = strcmp(s->kv[i].key, key);
		if (!placed && c >= 0) {
			kv[n++] = (kb_scope_kv){key, value};
			placed = true;
			if (c == 0)
				continue;
		}
		kv[n++] = s->kv[i];
	}
	if (!placed)
		kv[n++] = (kb_scope_kv){key, value};
	return (kb_scope){kv, n};
}

kb_scope kb_scope_merge(kb_arena *a, const kb_scope *base, const kb_scope *over)
{
	kb_scope r = *base;
	for (size_t i = 0; i < over->n; i++)
		r = kb_scope_with(a, &r, over->kv[i].key, over->kv[i].value);
	return r;
}

const char *kb_scope_key(kb_arena *a, const kb_scope *s)
{
	if (s->n == 0)
		return ""; /* most claims: no allocation */
	kb_buf b = KB_BUF_INIT;
	for (size_t i = 0; i < s->n; i++) {
		if (i)
			kb_buf_putc(&b, ',');
		kb_buf_puts(&b, s->kv[i].key);
		kb_buf_putc(&b, '=');
		kb_buf_puts(&b, s->kv[i].value);
	}
	char *r = kb_strndup(a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	return r;
}
