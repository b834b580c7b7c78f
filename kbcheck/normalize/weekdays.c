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
	D_ORD = 0x80,   /* vi "thứ ba", "thứ 3": also an ordinal ("the third") */
	D_VIWORD = 0x100, /* "thu" is a Vietnamese word ("thu thập", "thu phí"):
			     in Vietnamese text weak even capitalised */
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
    DAY("thu", NZ_EN, 3, D_VIWORD),       DAY("thur", NZ_EN, 3, 0),
    DAY("thurs", NZ_EN, 3, 0),      DAY("thu.", NZ_EN, 3, 0),
    DAY("thurs.", NZ_EN, 3, 0),     DAY("friday", NZ_EN, 4, 0),
    DAY("fridays", NZ_EN, 4, 0),    DAY("fri", NZ_EN, 4, 0),
    DAY("fri.", NZ_EN, 4, 0),       DAY("saturday", NZ_EN, 5, 0),
    DAY("saturdays", NZ_EN, 5, 0),  DAY("sat", NZ_EN, 5, D_WEAK),
    DAY("sat.", NZ_EN, 5, 0),       DAY("sunday", NZ_EN, 6, 0),
    DAY("sundays", NZ_EN, 6, 0),    DAY("sun", NZ_EN, 6, D_WEAK),
    DAY("sun.", NZ_EN, 6, 0),
    DAY("thứ hai", NZ_VI, 0, D_ORD),    DAY("thứ 2", NZ_VI, 0, D_VINUM | D_ORD),
    DAY("t2", NZ_VI, 0, D_VINUM | D_WEAK),
    DAY("thứ ba", NZ_VI, 1, D_ORD),     DAY("thứ 3", NZ_VI, 1, D_VINUM | D_ORD),
    DAY("t3", NZ_VI, 1, D_VINUM | D_WEAK),
    DAY("thứ tư", NZ_VI, 2, D_ORD),     DAY("thứ 4", NZ_VI, 2, D_VINUM | D_ORD),
    DAY("t4", NZ_VI, 2, D_VINUM | D_WEAK),
    DAY("thứ năm", NZ_VI, 3, D_ORD),    DAY("thứ 5", NZ_VI, 3, D_VINUM | D_ORD),
    DAY("t5", NZ_VI, 3, D_VINUM | D_WEAK),
    DAY("thứ sáu", NZ_VI, 4, D_ORD),    DAY("thứ 6", NZ_VI, 4, D_VINUM | D_ORD),
    DAY("t6", NZ_VI, 4, D_VINUM | D_WEAK),
    DAY("thứ bảy", NZ_VI, 5, D_ORD),    DAY("thứ bẩy", NZ_VI, 5, D_ORD),
    DAY("thứ 7", NZ_VI, 5, D_VINUM | D_ORD),
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
    /* Bare อาทิตย์ is "week" as often as Sunday ("2 อาทิตย์", "อาทิตย์ละ
     * 2 ครั้ง", "อาทิตย์หน้า"): a day only beside another day. */
    DAY("อาทิตย์", NZ_TH, 6, D_WEAK), DAY("วันอาทิตย์", NZ_TH, 6, 0),
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
	out->flags = (unsigned)w->tag & 0x1f0;
	out->start = i;
	out->end = e;
	/* A weak Latin word counts alone only when capitalised ("Sat"). */
	if ((out->flags & D_WEAK) && t->s[i] >= 'A' && t->s[i] <= 'Z')
		out->flags &= ~(unsigned)D_WEAK;
	if ((out->flags & D_VIWORD) && (t->loc & NZ_VI))
		out->flags |= D_WEAK;
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

/* Nouns that "thứ" follows as an ordinal: "lần thứ ba" (the third time),
 * "bên thứ ba" (a third party), "bước thứ 2" (the second step). */
static const char *const vi_ordinal_nouns[] = {
    "lần", "lượt", "bước", "người", "bên", "hạng", "giải", "phần", "điều", "mục",
    "chương", "trang", "dòng", "câu", "quý", "kỳ", "đợt", "đoạn", "tầng", "lớp",
    "cấp", "hệ", "con", "đứa", "chiếc", "cái", "món", "phẩm", "khách", "vòng",
    "tuần", "tháng", "năm", NULL,
};

/* Is the vi day a at its place an ordinal?  A noun before it, "kể từ" or
 * "trở đi" after it ("ngày thứ 3 kể từ khi nhận hàng"), or, for a day
 * spelled out, "thứ nhất" (first) shortly before it: an enumeration
 * ("Thứ nhất, ... Thứ hai, ..."). */
static bool vi_ordinal(const nz_text *t, const day *a)
{
	size_t e;
	static const nz_word after[] = {
	    {"kể từ", NZ_VI, 0, 0}, {"trở đi", NZ_VI, 0, 0}, {NULL, 0, 0, 0}};
	if (!(a->flags & D_ORD))
		return false;
	if (nz_prev_word_in(t, a->start, vi_ordinal_nouns) || nz_table_ws(t, a->end, after, &e))
		return true;
	if (a->flags & D_VINUM)
		return false;
	size_t lo = a->start > 600 ? a->start - 600 : 0;
	for (size_t k = a->start; k-- > lo;)
		if ((t->s[k] == 't' || t->s[k] == 'T') && nz_word_start(t, k) && nz_lit(t, k, "thứ nhất"))
			return true;
	return false;
}

typedef struct dayset {
	unsigned days;
	int items, ranges, weak, first, last;
	size_t end;
} dayset;

/* Days, ranges of days and lists of them at p: "Mon, Wed and Fri",
 * "T2-T7", "thứ 2 - 6".  False when p holds no day. */
static bool day_list(const nz_text *t, size_t p, dayset *ds)
{
	size_t e;
	day a, b;
	memset(ds, 0, sizeof *ds);
	ds->first = ds->last = -1;
	while (day_at(t, p, &a)) {
		/* "tuần thứ 2 - thứ 6": a range of days all the same */
		size_t re = range_end(t, &a, &b);
		if (!re && vi_ordinal(t, &a))
			break;
		if (re) {
			ds->days |= span_bits(a.d, b.d);
			ds->ranges++;
			ds->first = a.d;
			ds->last = b.d;
			ds->end = re;
		} else {
			ds->days |= 1u << a.d;
			ds->weak += (a.flags & D_WEAK) != 0;
			ds->end = a.end;
		}
		ds->items++;
		if (!nz_table_ws(t, ds->end, list_words, &e))
			break;
		p = nz_ws(t, e);
	}
	return ds->items > 0;
}

static const nz_word except_words[] = {
    {"except", NZ_EN, 0, 0},     {"except for", NZ_EN, 0, 0},
    {"except on", NZ_EN, 0, 0},  {"excluding", NZ_EN, 0, 0},
    {"but not", NZ_EN, 0, 0},    {"other than", NZ_EN, 0, 0},
    {"trừ", NZ_VI, 0, 0},        {"ngoại trừ", NZ_VI, 0, 0},
    {"không kể", NZ_VI, 0, 0},   {"ยกเว้น", NZ_TH, 0, 0},
    {"เว้น", NZ_TH, 0, 0},        {NULL, 0, 0, 0},
};

/* "daily except Mondays", "T2-CN (trừ thứ 4)", "ทุกวัน ยกเว้นวันจันทร์":
 * the days after the exception word leave v; v->end moves past them (and
 * a closing parenthesis).  Nothing changes when no day follows ("except
 * public holidays") or none would be left. */
static void except_days(const nz_text *t, kb_value *v)
{
	size_t p = nz_ws(t, v->end), e;
	bool paren = false;
	if (p < t->n && (t->s[p] == ',' || t->s[p] == '(')) {
		paren = t->s[p] == '(';
		p = nz_ws(t, p + 1);
	}
	if (!nz_table(t, p, except_words, &e))
		return;
	p = nz_ws(t, e);
	if (nz_table(t, p, prefixes, &e))
		p = nz_ws(t, e);
	dayset ex;
	if (!day_list(t, p, &ex) || !(v->days & ~ex.days))
		return;
	v->days &= ~ex.days;
	v->end = ex.end;
	p = nz_ws(t, ex.end);
	if (paren && p < t->n && t->s[p] == ')')
		v->end = p + 1;
	v->bound = (v->days & (v->days - 1)) ? KB_BOUND_RANGE : KB_BOUND_EXACT;
	set_minmax(v);
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
	dayset ds;
	if (!day_list(t, p, &ds)) {
		/* "every day", "ทุกวัน": the set word includes what looked
		 * like a prefix. */
		const nz_word *w = nz_table(t, i, days, &e);
		if (!w || !(w->tag & D_SET))
			return false;
		v->days = (unsigned)w->val;
		v->bound = KB_BOUND_RANGE;
		v->end = e;
		set_minmax(v);
		except_days(t, v);
		return true;
	}
	if (ds.items == 1 && ds.ranges == 0 && ds.weak)
		return false;
	v->days = ds.days;
	v->end = ds.end;
	v->bound = (v->days & (v->days - 1)) ? KB_BOUND_RANGE : KB_BOUND_EXACT;
	set_minmax(v);
	if (ds.items == 1 && ds.ranges == 1) {
		v->min = ds.first + 1;
		v->max = ds.last + 1;
	}
	except_days(t, v);
	return true;
}
