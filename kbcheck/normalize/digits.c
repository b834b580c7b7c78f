/* digits.c - numbers written in digits: the locale's separators
 * (vi "5.000" = 5000 and "1,5" = 1.5, en/th "5,000" and "1.5"; vi text in
 * English style "500,000đ"; "500 000" with a space in vi), a leading
 * decimal mark (".77"), and a multiplier suffix ("500k", "1.2M", vi "2tr").
 */
#include <string.h>

#include "nz.h"

/* Exactly three digits at q (no fourth): the end, or 0. */
static size_t digits3(const nz_text *t, size_t q, double *g)
{
	size_t len;
	double v = 0;
	for (int k = 0; k < 3; k++) {
		int d = nz_digit(t, q, &len);
		if (d < 0)
			return 0;
		v = v * 10 + d;
		q += len;
	}
	if (nz_digit(t, q, &len) >= 0)
		return 0;
	*g = v;
	return q;
}

/* sep + exactly three digits at p: the end, or 0. */
static size_t group3(const nz_text *t, size_t p, char sep, double *g)
{
	return p < t->n && t->s[p] == sep ? digits3(t, p + 1, g) : 0;
}

/* A space between thousands: "500 000 đ" (vi), "1 000" with a no-break or
 * thin space anywhere.  The end of the group, or 0. */
static size_t space_group3(const nz_text *t, size_t p, double *g)
{
	static const char *const spaces[] = {"\xc2\xa0", "\xe2\x80\xaf", "\xe2\x80\x89"};
	size_t q = 0;
	if (p < t->n && t->s[p] == ' ' && t->vi_sep)
		q = p + 1;
	for (size_t k = 0; !q && k < 3; k++)
		if (p + strlen(spaces[k]) <= t->n && !memcmp(t->s + p, spaces[k], strlen(spaces[k])))
			q = p + strlen(spaces[k]);
	return q ? digits3(t, q, g) : 0;
}

/* Thousands groups after the first one to three digits: "5.000",
 * "500 000" (sep 0: spaces), "1,200,000".  At most 7 groups, which bounds
 * the work per candidate in "1 000 000 000 ...".  Returns the end (p when
 * there is none). */
static size_t grouped(const nz_text *t, size_t p, char sep, double *v, size_t *nd)
{
	double g;
	size_t q;
	while (*nd < 24 && (q = sep ? group3(t, p, sep, &g) : space_group3(t, p, &g))) {
		*v = *v * 1000 + g;
		*nd += 3;
		p = q;
	}
	return p;
}

size_t nz_digit_run(const nz_text *t, size_t p, double *v, size_t *nd, double *frac)
{
	size_t len;
	int d;
	double scale = 0.1;
	while ((d = nz_digit(t, p, &len)) >= 0) {
		if (frac) {
			*frac += d * scale;
			scale /= 10;
		} else {
			*v = *v * 10 + d;
		}
		(*nd)++;
		p += len;
	}
	return p;
}


static const nz_word suffixes[] = {
    {"k", NZ_ALL, 0, 1e3},
    {"m", NZ_ALL, 1, 1e6}, /* upper case only, see below */
    {"g", NZ_ALL, 1, 1e9},
    {"b", NZ_ALL, 1, 1e9},
    {"bn", NZ_ALL, 0, 1e9},
    {"tr", NZ_VI, 0, 1e6},
    {NULL, 0, 0, 0},
};

size_t nz_digits_at(const nz_text *t, size_t i, nz_digits *L)
{
	char dec = t->vi_sep ? ',' : '.', grp = t->vi_sep ? '.' : ',';
	size_t p = i, nd = 0, len;
	double v = 0, frac = 0;
	bool plain = true, integer = true;
	p = nz_digit_run(t, p, &v, &nd, NULL);
	if (nd == 0) {
		/* ".77", ",0012G" */
		if (p >= t->n || t->s[p] != dec || nz_digit(t, p + 1, &len) < 0)
			return 0;
	}
	if (nd >= 1 && nd <= 3) {
		size_t q = grouped(t, p, grp, &v, &nd);
		if (q == p)
			q = grouped(t, p, 0, &v, &nd);
		/* vi text with English grouping: "500,000đ", "1,200,000".  A
		 * Vietnamese decimal comma is not followed by exactly three
		 * digits ("1,5", "1,10", "$1,42"). */
		if (q == p && t->vi_sep && (q = grouped(t, p, ',', &v, &nd)) != p)
			dec = '.';
		plain = q == p;
		p = q;
	}
	/* Decimals.  In vi a '.' that does not group three digits is a
	 * decimal point too ("1.5 triệu"). */
	if (p < t->n && (t->s[p] == dec || (t->vi_sep && plain && t->s[p] == '.')) &&
	    nz_digit(t, p + 1, &len) >= 0) {
		p = nz_digit_run(t, p + 1, &v, &nd, &frac);
		plain = false;
		integer = frac == 0;
	}
	L->val = v + frac;
	L->digits = nd;
	L->scale = 1;
	/* Multiplier suffix right after the digits, not before an ASCII letter
	 * or digit: "500k", "10K$", "1.2M", "500kđ"; not "500km", "5kg". */
	for (const nz_word *s = suffixes; s->lit; s++) {
		if (!(s->loc & t->loc))
			continue;
		size_t sl = strlen(s->lit), k;
		if (p + sl > t->n)
			continue;
		for (k = 0; k < sl; k++)
			if ((t->s[p + k] | 32) != s->lit[k])
				break;
		if (k < sl)
			continue;
		if (s->tag == 1 && (t->s[p] < 'A' || t->s[p] > 'Z'))
			continue; /* "m", "g", "b" alone: upper case only */
		unsigned char after = p + sl < t->n ? (unsigned char)t->s[p + sl] : ' ';
		if ((after >= '0' && after <= '9') || ((after | 32) >= 'a' && (after | 32) <= 'z'))
			continue;
		L->scale = s->val;
		L->val *= s->val;
		p += sl;
		plain = false;
		break;
	}
	L->integer = integer;
	L->plain = plain;
	return p;
}

