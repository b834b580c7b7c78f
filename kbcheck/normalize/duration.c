/* duration.c - lengths of time: "24 hours", "3-5 business days",
 * "an hour and a half", "1 year, 2 days and 4 seconds", "trong vòng 12 giờ",
 * "ภายใน24ชั่วโมง".  Canonical unit: seconds (a month is 30 days, a year
 * 365 days).  Bounds and ranges come from find.c.
 */
#include <math.h>
#include <string.h>

#include "nz.h"

#define MINUTE 60.0
#define HOUR 3600.0
#define DAY 86400.0
#define WEEK (7 * DAY)
#define MONTH (30 * DAY)
#define YEAR (365 * DAY)

enum { U_BUSINESS = 1 };

static const nz_word units[] = {
    {"second", NZ_EN, 0, 1},
    {"seconds", NZ_EN, 0, 1},
    {"sec", NZ_EN, 0, 1},
    {"secs", NZ_EN, 0, 1},
    {"minute", NZ_EN, 0, MINUTE},
    {"minutes", NZ_EN, 0, MINUTE},
    {"min", NZ_EN, 0, MINUTE},
    {"mins", NZ_EN, 0, MINUTE},
    {"hour", NZ_EN, 0, HOUR},
    {"hours", NZ_EN, 0, HOUR},
    {"hr", NZ_EN, 0, HOUR},
    {"hrs", NZ_EN, 0, HOUR},
    {"h", NZ_EN, 0, HOUR},
    {"day", NZ_EN, 0, DAY},
    {"days", NZ_EN, 0, DAY},
    {"calendar day", NZ_EN, 0, DAY},
    {"calendar days", NZ_EN, 0, DAY},
    {"business day", NZ_EN, U_BUSINESS, DAY},
    {"business days", NZ_EN, U_BUSINESS, DAY},
    {"working day", NZ_EN, U_BUSINESS, DAY},
    {"working days", NZ_EN, U_BUSINESS, DAY},
    {"work day", NZ_EN, U_BUSINESS, DAY},
    {"work days", NZ_EN, U_BUSINESS, DAY},
    {"workday", NZ_EN, U_BUSINESS, DAY},
    {"workdays", NZ_EN, U_BUSINESS, DAY},
    {"week", NZ_EN, 0, WEEK},
    {"weeks", NZ_EN, 0, WEEK},
    {"wk", NZ_EN, 0, WEEK},
    {"wks", NZ_EN, 0, WEEK},
    {"fortnight", NZ_EN, 0, 2 * WEEK},
    {"fortnights", NZ_EN, 0, 2 * WEEK},
    {"month", NZ_EN, 0, MONTH},
    {"months", NZ_EN, 0, MONTH},
    {"year", NZ_EN, 0, YEAR},
    {"years", NZ_EN, 0, YEAR},
    {"yr", NZ_EN, 0, YEAR},
    {"yrs", NZ_EN, 0, YEAR},
    {"giây", NZ_VI, 0, 1},
    {"phút", NZ_VI, 0, MINUTE},
    {"giờ", NZ_VI, 0, HOUR},
    {"tiếng", NZ_VI, 0, HOUR},
    {"tiếng đồng hồ", NZ_VI, 0, HOUR},
    {"ngày", NZ_VI, 0, DAY},
    {"ngày làm việc", NZ_VI, U_BUSINESS, DAY},
    {"ngày làm", NZ_VI, U_BUSINESS, DAY},
    {"ngày công", NZ_VI, U_BUSINESS, DAY},
    {"tuần", NZ_VI, 0, WEEK},
    {"tháng", NZ_VI, 0, MONTH},
    {"năm", NZ_VI, 0, YEAR},
    {"วินาที", NZ_TH, 0, 1},
    {"นาที", NZ_TH, 0, MINUTE},
    {"ชั่วโมง", NZ_TH, 0, HOUR},
    {"ชม.", NZ_TH, 0, HOUR},
    {"ชม", NZ_TH, 0, HOUR},
    {"วัน", NZ_TH, 0, DAY},
    {"วันทำการ", NZ_TH, U_BUSINESS, DAY},
    {"วันทําการ", NZ_TH, U_BUSINESS, DAY}, /* sara am typed as nikhahit + aa */
    {"วันทำงาน", NZ_TH, U_BUSINESS, DAY},
    {"สัปดาห์", NZ_TH, 0, WEEK},
    {"อาทิตย์", NZ_TH, 0, WEEK},
    {"เดือน", NZ_TH, 0, MONTH},
    {"ปี", NZ_TH, 0, YEAR},
    {NULL, 0, 0, 0},
};

/* "2 extra minutes", "3 full days" */
static const nz_word adjectives[] = {
    {"additional", NZ_EN, 0, 0}, {"extra", NZ_EN, 0, 0},
    {"more", NZ_EN, 0, 0},       {"less", NZ_EN, 0, 0},
    {"further", NZ_EN, 0, 0},    {"full", NZ_EN, 0, 0},
    {"whole", NZ_EN, 0, 0},      {"consecutive", NZ_EN, 0, 0},
    {"straight", NZ_EN, 0, 0},   {NULL, 0, 0, 0},
};

/* "and a half" after a unit: "an hour and a half", "1 tiếng rưỡi". */
static const nz_word halves[] = {
    {"and a half", NZ_EN, 0, 0.5},
    {"and half", NZ_EN, 0, 0.5},
    {"rưỡi", NZ_VI, 0, 0.5},
    {"ครึ่ง", NZ_TH, 0, 0.5},
    {NULL, 0, 0, 0},
};

/* Words joining parts: "1 year, 2 days and 4 seconds". */
static const nz_word joins[] = {
    {"and", NZ_EN, 0, 0}, {"&", NZ_ALL, 0, 0}, {"và", NZ_VI, 0, 0},
    {"และ", NZ_TH, 0, 0}, {NULL, 0, 0, 0},
};

/* After a duration these make it a rate: "24 hours a day", "8 giờ/ngày". */
static const nz_word per[] = {
    {"a", NZ_EN, 0, 0},     {"an", NZ_EN, 0, 0},    {"per", NZ_EN, 0, 0},
    {"each", NZ_EN, 0, 0},  {"every", NZ_EN, 0, 0}, {"/", NZ_ALL, 0, 0},
    {"mỗi", NZ_VI, 0, 0},   {"một", NZ_VI, 0, 0},   {"ต่อ", NZ_TH, 0, 0},
    {NULL, 0, 0, 0},
};

typedef struct part {
	double val, factor;
	size_t end;
	bool business;
} part;

/* The unit after a number that ends at p.  words/half say which fillers
 * the number allows: "a couple of days", "half an hour". */
static bool unit_after(const nz_text *t, size_t p, bool words, bool half, part *u)
{
	size_t q = nz_ws(t, p), e;
	if (q < t->n && t->s[q] == '-') /* "30-day" */
		q = nz_ws(t, q + 1);
	while (nz_table(t, q, adjectives, &e))
		q = nz_ws(t, e);
	if ((words || half) && (e = nz_lit(t, q, "of"))) {
		q = nz_ws(t, e);
		half = true; /* "three quarters of an hour" */
	}
	if (half && (e = nz_article(t, q)))
		q = nz_ws(t, e);
	const nz_word *w = nz_table(t, q, units, &e);
	if (!w)
		return false;
	u->factor = w->val;
	u->business = w->tag & U_BUSINESS;
	u->end = e;
	return true;
}

/* A unit word with no number and a half after it: vi "tiếng rưỡi", th
 * "วันครึ่ง" (a day and a half). */
static bool unit_and_half(const nz_text *t, size_t i)
{
	size_t e;
	if (!(t->loc & NZ_TH && nz_near(t, i, 40, "ครึ่ง")) &&
	    !(t->loc & NZ_VI && nz_near(t, i, 40, "rưỡi")))
		return false; /* the common case, cheaply */
	return nz_table(t, i, units, &e) && nz_table_ws(t, e, halves, &e);
}

/* One "number unit" part, or the article form "a day".  *bare is set when
 * a number stands alone (it may take its unit from a range's other end). */
static bool part_at(const nz_text *t, size_t i, part *pt, nz_num *num, bool *bare,
		    bool *article)
{
	size_t e;
	*bare = *article = false;
	if (nz_number(t, i, NZ_NUM_PART | NZ_NUM_WORDS, num)) {
		part u;
		if (!unit_after(t, num->end, num->words, num->half, &u)) {
			*bare = true;
			return true;
		}
		pt->val = num->val * u.factor;
		pt->factor = u.factor;
		pt->business = u.business;
		pt->end = u.end;
	} else if ((e = nz_article(t, i)) || unit_and_half(t, i)) {
		/* "a day"; "วันครึ่ง", "tiếng rưỡi": one unit (and a half) */
		const nz_word *w = nz_table(t, e ? nz_ws(t, e) : i, units, &e);
		if (!w)
			return false;
		pt->val = pt->factor = w->val;
		pt->business = w->tag & U_BUSINESS;
		pt->end = e;
		memset(num, 0, sizeof *num);
		num->val = 1;
		num->scale = 1;
		*article = true;
	} else {
		return false;
	}
	const nz_word *h = nz_table_ws(t, pt->end, halves, &e);
	if (h) {
		pt->val += h->val * pt->factor;
		pt->end = e;
	}
	return true;
}

static size_t join_how(const nz_text *t, size_t p, bool *comma_only)
{
	size_t q = nz_ws(t, p), e;
	bool comma = q < t->n && t->s[q] == ',';
	if (comma)
		q = nz_ws(t, q + 1);
	bool word = nz_table(t, q, joins, &e) != NULL;
	if (word)
		q = nz_ws(t, e);
	if (comma_only)
		*comma_only = comma && !word;
	return q;
}

static size_t join(const nz_text *t, size_t p) { return join_how(t, p, NULL); }

/* "2 hours ten", "1 hour and thirty": a bare number after hours or minutes
 * counts the next smaller unit, only at the end of the phrase. */
static bool implied_tail(const nz_text *t, size_t p, double factor, part *pt)
{
	nz_num n;
	size_t q = join(t, p);
	if (factor != HOUR && factor != MINUTE)
		return false;
	if (!nz_number(t, q, NZ_NUM_WORDS, &n) || n.val < 1 || n.val >= 60 ||
	    n.val != floor(n.val) || n.digits > 2)
		return false;
	if (!nz_value_end(t, n.end, false))
		return false;
	pt->val += n.val * factor / 60;
	pt->end = n.end;
	return true;
}

/* After a duration these make it a point in time: "3 months ago". */
static const nz_word ago[] = {
    {"ago", NZ_EN, 0, 0}, {"ที่แล้ว", NZ_TH, 0, 0}, {"ที่ผ่านมา", NZ_TH, 0, 0},
    {NULL, 0, 0, 0},
};

/* After a duration these make it a time of the day or a rate: "sau 14h
 * hàng ngày" (after 2 pm daily), "10 hours daily", "24 ชั่วโมงทุกวัน". */
static const nz_word daily[] = {
    {"daily", NZ_EN, 0, 0},     {"hàng ngày", NZ_VI, 0, 0}, {"hằng ngày", NZ_VI, 0, 0},
    {"ทุกวัน", NZ_TH, 0, 0},    {NULL, 0, 0, 0},
};

bool nz_duration_context_ok(const nz_text *t, const kb_value *v)
{
	size_t e;
	if (nz_table_ws(t, v->end, ago, &e) || nz_table_ws(t, v->end, daily, &e))
		return false;
	/* a rate: "24 hours a day" */
	return !(nz_table_ws(t, v->end, per, &e) && nz_table_ws(t, e, units, &e));
}

/* "once a day", "24 hours a day", "$5 a month": not durations. */
static bool rate_before(const nz_text *t, size_t i)
{
	static const char *const words[] = {"once", "twice", "thrice", "times", "per", NULL};
	size_t e = i, s, ue;
	int32_t c;
	while (nz_is_space(c = nz_cp_before(t, e, &s)))
		e = s;
	if ((c >= '0' && c <= '9') || c == '$' || nz_prev_word_in(t, i, words))
		return true;
	size_t b = e; /* the word before: a unit ("hours a day")? */
	while (nz_is_word(nz_cp_before(t, b, &s)))
		b = s;
	return b < e && nz_table(t, b, units, &ue) && ue == e;
}

/* vi dates: "ngày 5 tháng 6 năm 2024" holds no durations. */
static bool vi_date_before(const nz_text *t, size_t i)
{
	static const char *const words[] = {"ngày", "tháng", "năm", NULL};
	return (t->loc & NZ_VI) && nz_prev_word_in(t, i, words);
}

/* vi clock times after a part of the day or "tomorrow": "sáng mai 8h",
 * "chiều nay 3 giờ", "tối 9h" are times of day, not durations. */
static bool vi_daypart_before(const nz_text *t, size_t i)
{
	static const char *const words[] = {"sáng", "chiều", "tối", "trưa", "đêm", "mai", "nay", NULL};
	return (t->loc & NZ_VI) && nz_prev_word_in(t, i, words);
}

/* "9h sáng", "8 giờ tối", "5 giờ chiều": an hour with its part of the day
 * is a time of day, not a number of hours. */
static bool vi_daypart_after(const nz_text *t, const part *pt)
{
	static const nz_word words[] = {{"sáng", NZ_VI, 0, 0}, {"chiều", NZ_VI, 0, 0},
					{"tối", NZ_VI, 0, 0},  {"trưa", NZ_VI, 0, 0},
					{"đêm", NZ_VI, 0, 0},  {NULL, 0, 0, 0}};
	size_t e;
	return (t->loc & NZ_VI) && pt->factor == HOUR && nz_table_ws(t, pt->end, words, &e);
}

unsigned char nz_tunit(double secs)
{
	static const struct {
		double secs;
		kb_tunit unit;
	} map[] = {{1, KB_TU_SECOND}, {MINUTE, KB_TU_MINUTE}, {HOUR, KB_TU_HOUR},
		   {DAY, KB_TU_DAY},  {WEEK, KB_TU_WEEK},     {2 * WEEK, KB_TU_WEEK},
		   {MONTH, KB_TU_MONTH}, {YEAR, KB_TU_YEAR}};
	for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
		if (secs == map[k].secs)
			return (unsigned char)map[k].unit;
	return KB_TU_NONE;
}

static bool duration_qty(const nz_text *t, size_t i, nz_qty *q)
{
	part pt;
	nz_num num;
	bool bare, article;
	memset(q, 0, sizeof *q);
	if (!part_at(t, i, &pt, &num, &bare, &article))
		return false;
	q->start = i;
	q->num = num.val;
	q->scale = num.scale;
	if (bare) {
		q->factor = 1;
		q->end = num.end;
		return true;
	}
	if (article && rate_before(t, i))
		return false;
	if (vi_date_before(t, i) || vi_daypart_before(t, i) || vi_daypart_after(t, &pt))
		return false;
	double total = pt.val, factor = pt.factor;
	size_t end = pt.end;
	bool business = pt.business, halved = pt.val != num.val * pt.factor;
	/* Parts joined by commas only are a list of alternatives ("packages
	 * of 1 năm, 6 tháng"), unless an "and" ends the enumeration ("1 year,
	 * 2 days and 4 seconds"): what the duration was before the first. */
	struct upto {
		bool set;
		double total, factor;
		size_t end;
		bool halved;
	} before_comma = {0};
	bool last_comma = false;
	for (;;) {
		part next;
		nz_num n2;
		bool b2, a2, comma_only;
		size_t p = join_how(t, end, &comma_only);
		if (p == end && !(t->loc & NZ_TH))
			break;
		if (!part_at(t, p, &next, &n2, &b2, &a2) || b2 || next.factor >= factor)
			break;
		if (comma_only && !before_comma.set)
			before_comma = (struct upto){true, total, factor, end, halved};
		last_comma = comma_only;
		/* "1 year 6 months" is 18 months: a year of twelve */
		if (factor == YEAR && next.factor == MONTH)
			total = total / YEAR * 12 * MONTH;
		total += next.val;
		factor = next.factor;
		end = next.end;
		halved = false;
	}
	if (before_comma.set && last_comma) {
		total = before_comma.total;
		factor = before_comma.factor;
		end = before_comma.end;
		halved = before_comma.halved;
	}
	if (!halved) {
		part tail = {.val = total, .end = end};
		if (implied_tail(t, end, factor, &tail)) {
			total = tail.val;
			end = tail.end;
		}
	}
	q->val = total;
	q->factor = pt.factor;
	q->shown = factor;
	q->business = business;
	q->unit = true;
	q->end = end;
	return true;
}

static bool duration_unit(const nz_text *t, size_t i, nz_qty *q)
{
	part u;
	if (!unit_after(t, i, false, false, &u))
		return false;
	q->val = q->num * u.factor;
	q->factor = q->shown = u.factor;
	q->business = u.business;
	q->unit = true;
	q->end = u.end;
	return true;
}

const nz_kind nz_duration_kind = {KB_V_DURATION, false, duration_qty, duration_unit};
