/* weekdays.c - days of the week: "Mon–Fri", "Monday to Friday",
 * "Mon, Wed and Fri", "weekdays", "every day", "T2–T7", "thứ 2 đến thứ 6",
 * "Thứ Hai – Thứ Sáu", "Chủ nhật", "hàng ngày", "จันทร์–ศุกร์",
 * "วันจันทร์ถึงวันศุกร์", "ทุกวัน", "24/7".
 *
 * The value is a bit set (Monday = bit 0 ... Sunday = bit 6); min and max
 * are the first and last day (1 = Monday ... 7 = Sunday): as written for
 * one range ("Fri–Mon" is 5..1), else the lowest and highest day named.
 */
#include <math.h>
#include <string.h>

#include "nz.h"

enum {
	D_WEAK = 0x10,  /* a common word too ("sat", "sun", "wed", "จ."): only
			   with another day or upper case */
	D_VINUM = 0x20, /* vi "thứ 2", "T2": a bare digit may end its range */
	D_SET = 0x40,   /* val is the bit set: "weekdays", "every day" */
};

#define DAY(lit, loc, d, f) {lit, loc, (d) | (f), 0}
#define SET(lit, loc, bits) {lit, loc, D_SET, bits}

static const nz_word days[] = {
    DAY("monday", NZ_EN, 0, 0),     DAY("mondays", NZ_EN, 0, 0),
    DAY("mon", NZ_EN, 0, 0),        DAY("mon.", NZ_EN, 0, 0),
    DAY("tuesday", NZ_EN, 1, 0),    DAY("tuesdays", NZ_EN, 1, 0),
    DAY("tue", NZ_EN, 1, 0),        DAY("tues", NZ_EN, 1, 0),
    DAY("tue.", NZ_EN, 1, 0),       DAY("tues.", NZ_EN, 1, 0),
    DAY("wednesday", NZ_EN, 2, 0),  DAY("wednesdays", NZ_EN, 2, 0),
    DAY("wed", NZ_EN, 2, D_WEAK),   DAY("wed.", NZ_EN, 2, 0),
    DAY("thursday", NZ_EN, 3, 0),   DAY("thursdays", NZ_EN, 3, 0),
    DAY("thu", NZ_EN, 3, 0),        DAY("thur", NZ_EN, 3, 0),
    DAY("thurs", NZ_EN, 3, 0),      DAY("thu.", NZ_EN, 3, 0),
    DAY("thurs.", NZ_EN, 3, 0),     DAY("friday", NZ_EN, 4, 0),
    DAY("fridays", NZ_EN, 4, 0),    DAY("fri", NZ_EN, 4, 0),
    DAY("fri.", NZ_EN, 4, 0),       DAY("saturday", NZ_EN, 5, 0),
    DAY("saturdays", NZ_EN, 5, 0),  DAY("sat", NZ_EN, 5, D_WEAK),
    DAY("sat.", NZ_EN, 5, 0),       DAY("sunday", NZ_EN, 6, 0),
    DAY("sundays", NZ_EN, 6, 0),    DAY("sun", NZ_EN, 6, D_WEAK),
    DAY("sun.", NZ_EN, 6, 0),
    DAY("thứ hai", NZ_VI, 0, 0),    DAY("thứ 2", NZ_VI, 0, D_VINUM),
    DAY("t2", NZ_VI, 0, D_VINUM | D_WEAK),
    DAY("thứ ba", NZ_VI, 1, 0),     DAY("thứ 3", NZ_VI, 1, D_VINUM),
    DAY("t3", NZ_VI, 1, D_VINUM | D_WEAK),
    DAY("thứ tư", NZ_VI, 2, 0),     DAY("thứ 4", NZ_VI, 2, D_VINUM),
    DAY("t4", NZ_VI, 2, D_VINUM | D_WEAK),
    DAY("thứ năm", NZ_VI, 3, 0),    DAY("thứ 5", NZ_VI, 3, D_VINUM),
    DAY("t5", NZ_VI, 3, D_VINUM | D_WEAK),
    DAY("thứ sáu", NZ_VI, 4, 0),    DAY("thứ 6", NZ_VI, 4, D_VINUM),
    DAY("t6", NZ_VI, 4, D_VINUM | D_WEAK),
    DAY("thứ bảy", NZ_VI, 5, 0),    DAY("thứ bẩy", NZ_VI, 5, 0),
    DAY("thứ 7", NZ_VI, 5, D_VINUM),
    DAY("t7", NZ_VI, 5, D_VINUM | D_WEAK),
    DAY("chủ nhật", NZ_VI, 6, 0),   DAY("cn", NZ_VI, 6, D_WEAK),
    DAY("จันทร์", NZ_TH, 0, 0),      DAY("วันจันทร์", NZ_TH, 0, 0),
    DAY("จ.", NZ_TH, 0, D_WEAK),
    DAY("อังคาร", NZ_TH, 1, 0),      DAY("วันอังคาร", NZ_TH, 1, 0),
    DAY("อ.", NZ_TH, 1, D_WEAK),
    DAY("พุธ", NZ_TH, 2, 0),         DAY("วันพุธ", NZ_TH, 2, 0),
    DAY("พ.", NZ_TH, 2, D_WEAK),
    DAY("พฤหัสบดี", NZ_TH, 3, 0),    DAY("วันพฤหัสบดี", NZ_TH, 3, 0),
    DAY("พฤหัส", NZ_TH, 3, 0),       DAY("วันพฤหัส", NZ_TH, 3, 0),
    DAY("พฤหัสฯ", NZ_TH, 3, 0),      DAY("พฤ.", NZ_TH, 3, D_WEAK),
    DAY("ศุกร์", NZ_TH, 4, 0),       DAY("วันศุกร์", NZ_TH, 4, 0),
    DAY("ศ.", NZ_TH, 4, D_WEAK),
    DAY("เสาร์", NZ_TH, 5, 0),       DAY("วันเสาร์", NZ_TH, 5, 0),
    DAY("ส.", NZ_TH, 5, D_WEAK),
    DAY("อาทิตย์", NZ_TH, 6, 0),     DAY("วันอาทิตย์", NZ_TH, 6, 0),
    DAY("อา.", NZ_TH, 6, D_WEAK),
    SET("weekdays", NZ_EN, 0x1f),   SET("weekday", NZ_EN, 0x1f),
    SET("weekends", NZ_EN, 0x60),   SET("weekend", NZ_EN, 0x60),
    SET("every day", NZ_EN, 0x7f),  SET("everyday", NZ_EN, 0x7f),
    SET("daily", NZ_EN, 0x7f),      SET("each day", NZ_EN, 0x7f),
    SET("all week", NZ_EN, 0x7f),   SET("7 days a week", NZ_EN, 0x7f),
    SET("seven days a week", NZ_EN, 0x7f),
    SET("365 days a year", NZ_EN, 0x7f),
    SET("hàng ngày", NZ_VI, 0x7f),  SET("hằng ngày", NZ_VI, 0x7f),
    SET("mỗi ngày", NZ_VI, 0x7f),   SET("tất cả các ngày", NZ_VI, 0x7f),
    SET("cả tuần", NZ_VI, 0x7f),    SET("7 ngày trong tuần", NZ_VI, 0x7f),
    SET("7 ngày/tuần", NZ_VI, 0x7f),
    SET("ngày thường", NZ_VI, 0x1f), SET("cuối tuần", NZ_VI, 0x60),
    SET("ทุกวัน", NZ_TH, 0x7f),      SET("วันธรรมดา", NZ_TH, 0x1f),
    SET("สุดสัปดาห์", NZ_TH, 0x60),   SET("วันหยุดสุดสัปดาห์", NZ_TH, 0x60),
    {NULL, 0, 0, 0},
};

static const nz_word prefixes[] = {
    {"from", NZ_EN, 0, 0},  {"every", NZ_EN, 0, 0}, {"on", NZ_EN, 0, 0},
    {"từ", NZ_VI, 0, 0},    {"các ngày", NZ_VI, 0, 0}, {"ngày", NZ_VI, 0, 0},
    {"ตั้งแต่", NZ_TH, 0, 0}, {"ทุก", NZ_TH, 0, 0},   {NULL, 0, 0, 0},
};

static const nz_word range_words[] = {
    {"-", NZ_ALL, 0, 0},     {"\xe2\x80\x93", NZ_ALL, 0, 0},
    {"\xe2\x80\x94", NZ_ALL, 0, 0}, {"~", NZ_ALL, 0, 0},
    {"to", NZ_EN, 0, 0},     {"through", NZ_EN, 0, 0},
    {"thru", NZ_EN, 0, 0},   {"till", NZ_EN, 0, 0},
    {"until", NZ_EN, 0, 0},  {"đến", NZ_VI, 0, 0},
    {"tới", NZ_VI, 0, 0},    {"ถึง", NZ_TH, 0, 0},
    {"จนถึง", NZ_TH, 0, 0},   {NULL, 0, 0, 0},
};

static const nz_word list_words[] = {
    {",", NZ_ALL, 0, 0},     {"and", NZ_EN, 0, 0}, {", and", NZ_EN, 0, 0},
    {"&", NZ_ALL, 0, 0},     {"/", NZ_ALL, 0, 0},  {"và", NZ_VI, 0, 0},
    {"và các ngày", NZ_VI, 0, 0}, {"และ", NZ_TH, 0, 0}, {NULL, 0, 0, 0},
};

typedef struct day {
	int d;
	unsigned flags;
	size_t start, end;
} day;

static bool day_at(const nz_text *t, size_t i, day *out)
{
	size_t e;
	const nz_word *w = nz_table(t, i, days, &e);
	if (!w || (w->tag & D_SET))
		return false;
	out->d = w->tag & 0x0f;
	out->flags = (unsigned)w->tag & 0xf0;
	out->start = i;
	out->end = e;
	/* A weak Latin word counts alone only when capitalised ("Sat"). */
	if ((out->flags & D_WEAK) && t->s[i] >= 'A' && t->s[i] <= 'Z')
		out->flags &= ~(unsigned)D_WEAK;
	return true;
}

/* The end of a range started by `a` ("Mon-Fri", "thứ 2 - 6"), or 0. */
static size_t range_end(const nz_text *t, const day *a, day *b)
{
	size_t e;
	if (!nz_table_ws(t, a->end, range_words, &e))
		return 0;
	size_t q = nz_ws(t, e), len, len2;
	if (day_at(t, q, b))
		return b->end;
	int d = nz_digit(t, q, &len);
	if ((a->flags & D_VINUM) && d >= 2 && d <= 7 && nz_digit(t, q + len, &len2) < 0) {
		b->d = d - 2;
		b->flags = 0;
		return b->end = q + len;
	}
	return 0;
}

static unsigned span_bits(int from, int to)
{
	unsigned bits = 0;
	for (int d = from;; d = (d + 1) % 7) {
		bits |= 1u << d;
		if (d == to)
			break;
	}
	return bits;
}

static void set_minmax(kb_value *v)
{
	int lo = -1, hi = -1;
	for (int d = 0; d < 7; d++)
		if (v->days & (1u << d)) {
			if (lo < 0)
				lo = d;
			hi = d;
		}
	v->min = lo + 1;
	v->max = hi + 1;
}

bool nz_weekdays_at(const nz_text *t, size_t i, kb_value *v)
{
	size_t p = i, e;
	bool allweek;
	memset(v, 0, sizeof *v);
	v->kind = KB_V_WEEKDAYS;
	v->start = i;
	if ((e = nz_always(t, i, &allweek)) && allweek) {
		v->days = 0x7f;
		v->bound = KB_BOUND_RANGE;
		v->end = e;
		set_minmax(v);
		return true;
	}
	if (nz_table(t, p, prefixes, &e))
		p = nz_ws(t, e);
	day a, b;
	int items = 0, ranges = 0, weak = 0, first = -1, last = -1;
	size_t end = 0;
	while (day_at(t, p, &a)) {
		size_t re = range_end(t, &a, &b);
		if (re) {
			v->days |= span_bits(a.d, b.d);
			ranges++;
			first = a.d;
			last = b.d;
			end = re;
		} else {
			v->days |= 1u << a.d;
			weak += (a.flags & D_WEAK) != 0;
			end = a.end;
		}
		items++;
		if (!nz_table_ws(t, end, list_words, &e))
			break;
		p = nz_ws(t, e);
	}
	if (items == 0) {
		/* "every day", "ทุกวัน": the set word includes what looked
		 * like a prefix. */
		const nz_word *w = nz_table(t, i, days, &e);
		if (!w || !(w->tag & D_SET))
			return false;
		v->days = (unsigned)w->val;
		v->bound = KB_BOUND_RANGE;
		v->end = e;
		set_minmax(v);
		return true;
	}
	if (items == 1 && ranges == 0 && weak)
		return false;
	v->end = end;
	v->bound = (v->days & (v->days - 1)) ? KB_BOUND_RANGE : KB_BOUND_EXACT;
	set_minmax(v);
	if (items == 1 && ranges == 1) {
		v->min = first + 1;
		v->max = last + 1;
	}
	return true;
}
