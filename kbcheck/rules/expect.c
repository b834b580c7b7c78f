/* expect.c - comparing a claim with what a test expects; see expect.h. */
#include "expect.h"

#include <string.h>

#include "../normalize/normalize.h"

/* An expected phrase may end with the claim's scope: "6 months
 * [product=accessories]" or "[]" for no scope.  Returns the phrase's length
 * and points *scope at the text inside the brackets (NULL: not checked). */
static size_t split_expect(const char *expect, const char **scope)
{
	size_t n = strlen(expect);
	*scope = NULL;
	if (n < 2 || expect[n - 1] != ']')
		return n;
	const char *open = strrchr(expect, '[');
	if (!open)
		return n;
	*scope = open + 1;
	while (open > expect && open[-1] == ' ')
		open--;
	return (size_t)(open - expect);
}

/* The claim's scope is exactly "k=v,k=v" (in any order). */
static bool scope_matches(const kb_claim *c, const char *want)
{
	size_t n = 0;
	for (const char *p = want; *p && *p != ']';) {
		const char *end = p;
		while (*end && *end != ',' && *end != ']')
			end++;
		const char *eq = memchr(p, '=', (size_t)(end - p));
		if (!eq)
			return false;
		bool found = false;
		for (size_t i = 0; i < c->scope.n && !found; i++) {
			const kb_scope_kv *kv = &c->scope.kv[i];
			found = strlen(kv->key) == (size_t)(eq - p) &&
				!strncmp(kv->key, p, (size_t)(eq - p)) &&
				strlen(kv->value) == (size_t)(end - eq - 1) &&
				!strncmp(kv->value, eq + 1, (size_t)(end - eq - 1));
		}
		if (!found)
			return false;
		n++;
		p = *end == ',' ? end + 1 : end;
		while (*p == ' ')
			p++;
	}
	return n == c->scope.n;
}

static int yes_no(const char *s, size_t n)
{
	if ((n == 3 && !strncmp(s, "yes", 3)) || (n == 4 && !strncmp(s, "true", 4)))
		return 1;
	if ((n == 2 && !strncmp(s, "no", 2)) || (n == 5 && !strncmp(s, "false", 5)))
		return 0;
	return -1;
}

bool kb_expect_matches(kb_arena *a, const kb_attribute *at, const char *expect,
		       const kb_claim *c)
{
	const char *scope;
	size_t n = split_expect(expect, &scope);
	if (scope && !scope_matches(c, scope))
		return false;
	if (at->type == KB_V_BOOL) {
		int yes = yes_no(expect, n);
		return yes >= 0 && c->value.flag == (yes == 1);
	}
	if (at->type == KB_V_ENUM)
		return c->value.label && strlen(c->value.label) == n &&
		       !strncmp(c->value.label, expect, n);
	kb_value v;
	if (!kb_normalize_find(at->type, "en", kb_strndup(a, expect, n), n, 0, &v))
		return false;
	kb_attribute_value(at, &v);
	return kb_value_same(&v, &c->value);
}

const char *kb_expect_invalid(const kb_attribute *at, const char *expect)
{
	const char *scope;
	size_t n = split_expect(expect, &scope);
	if (at->type == KB_V_BOOL)
		return yes_no(expect, n) < 0 ? "a yes/no attribute expects yes or no" : NULL;
	if (at->type == KB_V_ENUM) {
		for (size_t i = 0; i < at->yes_no.n; i++) {
			const char *l = at->yes_no.items[i].label;
			if (l && strlen(l) == n && !strncmp(l, expect, n))
				return NULL;
		}
		return "not one of the attribute's values";
	}
	kb_value v;
	char buf[256];
	if (n >= sizeof buf)
		return "too long for a value";
	memcpy(buf, expect, n);
	buf[n] = '\0';
	if (!kb_normalize_find(at->type, "en", buf, n, 0, &v))
		return "no value of the attribute's type in it";
	return NULL;
}

void kb_claim_describe(kb_buf *b, const kb_claim *c)
{
	kb_buf_printf(b, "%s = ", c->attribute);
	kb_value_format(b, &c->value);
	kb_buf_printf(b, " (\"%s\")", c->quote);
	for (size_t i = 0; i < c->scope.n; i++)
		kb_buf_printf(b, "%s%s=%s", i ? "," : " [", c->scope.kv[i].key, c->scope.kv[i].value);
	if (c->scope.n)
		kb_buf_puts(b, "]");
}
