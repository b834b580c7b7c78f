/* suggest.c - rewrite a deviating phrase with the reference value. */
#include "suggest.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/buf.h"
#include "../normalize/normalize.h"

/* The one run of digits (with separators) in s, or false when there is no
 * digit or more than one run. */
static bool one_number(const char *s, size_t *start, size_t *end)
{
	size_t n = strlen(s), runs = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] >= '0' && s[i] <= '9') {
			size_t j = i;
			while (j < n && ((s[j] >= '0' && s[j] <= '9') ||
					 ((s[j] == '.' || s[j] == ',') && j + 1 < n && s[j + 1] >= '0' &&
					  s[j + 1] <= '9')))
				j++;
			*start = i;
			*end = j;
			runs++;
			i = j;
		} else {
			i++;
		}
	}
	return runs == 1;
}

/* Format v like the digits it replaces: same thousands separator. */
static void put_number(kb_buf *b, double v, const char *orig, size_t n)
{
	char sep = 0;
	for (size_t i = 0; i < n; i++)
		if ((orig[i] == '.' || orig[i] == ',') && n - i == 4)
			sep = orig[i];
	char digits[64];
	if (v == floor(v))
		snprintf(digits, sizeof digits, "%.0f", v);
	else
		snprintf(digits, sizeof digits, "%g", v);
	size_t len = strlen(digits);
	if (!sep || strchr(digits, '.') || len <= 3) {
		kb_buf_puts(b, digits);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			kb_buf_putc(b, sep);
		kb_buf_putc(b, digits[i]);
	}
}

static const char *rewrite(kb_arena *a, const kb_claim *c, const kb_value *ref)
{
	const kb_value *v = &c->value;
	if (v->kind != ref->kind || v->kind == KB_V_BOOL || v->kind == KB_V_ENUM)
		return NULL;
	if (v->bound == KB_BOUND_RANGE || ref->bound == KB_BOUND_RANGE)
		return NULL;
	size_t s = 0, e = 0;
	if (!one_number(c->quote, &s, &e))
		return NULL;
	double stated, written;
	size_t used;
	if (!kb_parse_number(c->unit->locale, c->quote + s, e - s, &written, &used) ||
	    written == 0)
		return NULL;
	stated = !isnan(v->max) ? v->max : v->min;
	double target = !isnan(ref->max) ? ref->max : ref->min;
	if (isnan(stated) || isnan(target) || stated == 0)
		return NULL;
	/* The phrase's unit: e.g. 12 written, 43200 s stated -> 3600 s per unit. */
	double per = stated / written;
	double nv = target / per;
	if (!isfinite(nv) || fabs(nv - round(nv)) > 1e-9 || nv <= 0 || nv >= KB_VALUE_LIMIT)
		return NULL;
	kb_buf b = KB_BUF_INIT;
	kb_buf_put(&b, c->quote, s);
	put_number(&b, round(nv), c->quote + s, e - s);
	const char *rest = c->quote + e;
	if (!strcmp(c->unit->locale, "en")) {
		/* English plurals: "2 days" -> "1 day", "1 hour" -> "24 hours". */
		size_t w = 0; /* spaces: ' ' or a no-break space (&nbsp;) */
		while (rest[w] == ' ' || (rest[w] == '\xC2' && rest[w + 1] == '\xA0'))
			w += rest[w] == ' ' ? 1 : 2;
		size_t we = w;
		while ((rest[we] >= 'a' && rest[we] <= 'z') || (rest[we] >= 'A' && rest[we] <= 'Z'))
			we++;
		bool plural = we > w + 1 && rest[we - 1] == 's';
		if (round(nv) == 1 && written != 1 && plural) {
			kb_buf_put(&b, rest, we - 1);
			rest += we;
		} else if (round(nv) != 1 && written == 1 && we > w && !plural) {
			kb_buf_put(&b, rest, we);
			kb_buf_putc(&b, 's');
			rest += we;
		}
	}
	kb_buf_puts(&b, rest);
	const char *r = kb_strndup(a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	return r;
}

void kb_suggest(kb_arena *a, kb_finding *f)
{
	const kb_value *ref = f->canonical ? f->canonical : f->majority;
	if (!ref)
		return;
	kb_side *sides = (kb_side *)f->sides;
	for (size_t i = 0; i < f->nsides; i++) {
		if (!sides[i].deviates)
			continue;
		const kb_claim *c = sides[i].claim;
		const char *s = rewrite(a, c, ref);
		if (!s) {
			/* A source in the same language that states the reference. */
			for (size_t j = 0; j < f->nsides && !s; j++)
				if (!sides[j].deviates &&
				    !strcmp(sides[j].claim->unit->locale, c->unit->locale))
					s = sides[j].claim->quote;
		}
		sides[i].suggestion = s;
	}
}
