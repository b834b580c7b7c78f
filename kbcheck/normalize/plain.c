/* plain.c - the kinds that are a number with at most a sign after it:
 * numbers ("5,000", "twenty-four", "-3"), counts ("up to 3 items") and
 * percentages ("15%", "fifteen percent", "15 phần trăm", "15 เปอร์เซ็นต์",
 * "ร้อยละ 15"; the value is 15).  Bounds and ranges come from find.c.
 */
#include <string.h>

#include "nz.h"

static const nz_word signs[] = {
    {"%", NZ_ALL, 0, 0},
    {"\xef\xbc\x85", NZ_ALL, 0, 0}, /* fullwidth % */
    {"percent", NZ_EN, 0, 0},
    {"per cent", NZ_EN, 0, 0},
    {"pct", NZ_EN, 0, 0},
    {"phần trăm", NZ_VI, 0, 0},
    {"เปอร์เซ็นต์", NZ_TH, 0, 0},
    {"เปอร์เซนต์", NZ_TH, 0, 0},
    {"เปอร์เซ็น", NZ_TH, 0, 0},
    {NULL, 0, 0, 0},
};

size_t nz_percent_sign(const nz_text *t, size_t i)
{
	size_t e;
	return nz_table_ws(t, i, signs, &e) ? e : 0;
}

static bool percent_unit(const nz_text *t, size_t i, nz_qty *q)
{
	size_t e = nz_percent_sign(t, i);
	if (!e)
		return false;
	q->val = q->num;
	q->factor = 1;
	q->unit = true;
	q->end = e;
	return true;
}

static bool percent_qty(const nz_text *t, size_t i, nz_qty *q)
{
	size_t e = nz_lit(t, i, "ร้อยละ");
	if (e && (t->loc & NZ_TH)) {
		if (!nz_bare_qty(t, nz_ws(t, e), NZ_NUM_WORDS, q))
			return false;
		q->start = i;
		q->unit = true;
		return true;
	}
	if (!nz_bare_qty(t, i, NZ_NUM_WORDS, q))
		return false;
	percent_unit(t, q->end, q);
	return true;
}

const nz_kind nz_percent_kind = {KB_V_PERCENT, false, percent_qty, percent_unit};

static bool number_qty(const nz_text *t, size_t i, nz_qty *q)
{
	return nz_bare_qty(t, i, NZ_NUM_SIGN | NZ_NUM_FRAC | NZ_NUM_WORDS, q);
}

/* "one" as a pronoun: "one of our agents", "create one". */
static bool pronoun_one(const nz_text *t, size_t i, size_t end)
{
	static const char *const before[] = {"the", "this", "that", "which", "any", "each",
					     "every", "no", "another", "create", "open",
					     "get", "need", "want", "new", NULL};
	size_t len, q = nz_ws(t, end);
	if (nz_lit(t, i, "one") != end)
		return false;
	if (nz_lit(t, q, "of"))
		return true;
	int32_t next = nz_cp(t, q, &len);
	return !nz_is_word(next) && !nz_is_thai(next) && nz_prev_word_in(t, i, before);
}

static bool count_qty(const nz_text *t, size_t i, nz_qty *q)
{
	size_t len;
	if (!nz_bare_qty(t, i, NZ_NUM_WORDS, q))
		return false;
	/* "00123842" is an id, not a count */
	if (t->s[i] == '0' && nz_digit(t, i + 1, &len) >= 0 && q->end - i >= 3)
		return false;
	return !pronoun_one(t, i, q->end);
}

static bool no_unit(const nz_text *t, size_t i, nz_qty *q)
{
	(void)t;
	(void)i;
	(void)q;
	return false;
}

const nz_kind nz_number_kind = {KB_V_NUMBER, true, number_qty, no_unit};
const nz_kind nz_count_kind = {KB_V_COUNT, true, count_qty, no_unit};
