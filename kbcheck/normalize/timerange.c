/* timerange.c - times of day and their ranges: "8:00–22:00", "8h-22h",
 * "8h00 - 22h00", "9am–6pm", "9 a.m. to 6 p.m.", "08.00–17.00 น.",
 * "từ 8h đến 22h", "before 2pm", "24/7".
 *
 * Values are minutes since midnight (24:00 = 1440).  A range that passes
 * midnight keeps its order ("22:00–06:00" is min 1320, max 360).  "24/7"
 * is 0–1440 with all seven days set in v->days.
 */
#include <math.h>
#include <string.h>

#include "nz.h"

enum { AM = 1, PM, NOON_PART, NIGHT_PART };

typedef struct tpoint {
	int hour, minute; /* as written */
	int ampm;         /* AM, PM, or a vi day part; 0 none */
	bool marker;      /* h, giờ, น., :MM: written as a time */
	bool strong;      /* only a time of day can look like this */
	size_t end;
} tpoint;

static const nz_word ampm[] = {
    {"am", NZ_EN, AM, 0},    {"a.m.", NZ_EN, AM, 0}, {"a.m", NZ_EN, AM, 0},
    {"pm", NZ_EN, PM, 0},    {"p.m.", NZ_EN, PM, 0}, {"p.m", NZ_EN, PM, 0},
    {"sáng", NZ_VI, AM, 0},  {"chiều", NZ_VI, PM, 0}, {"tối", NZ_VI, PM, 0},
    {"trưa", NZ_VI, NOON_PART, 0}, {"đêm", NZ_VI, NIGHT_PART, 0},
    {"เช้า", NZ_TH, AM, 0},  {NULL, 0, 0, 0},
};

/* Times written as words: value in minutes. */
static const nz_word named[] = {
    {"noon", NZ_EN, 0, 720},      {"midday", NZ_EN, 0, 720},
    {"midnight", NZ_EN, 0, 1440}, {"nửa đêm", NZ_VI, 0, 1440},
    {"เที่ยง", NZ_TH, 0, 720},     {"เที่ยงวัน", NZ_TH, 0, 720},
    {"เที่ยงคืน", NZ_TH, 0, 1440}, {NULL, 0, 0, 0},
};

enum { T_RANGE = 1, T_AT_MOST, T_AT_LEAST, T_AT };

static const nz_word prefixes[] = {
    {"from", NZ_EN, T_RANGE, 0},      {"between", NZ_EN, T_RANGE, 0},
    {"open", NZ_EN, T_AT, 0},         {"at", NZ_EN, T_AT, 0},
    {"before", NZ_EN, T_AT_MOST, 0},  {"by", NZ_EN, T_AT_MOST, 0},
    {"until", NZ_EN, T_AT_MOST, 0},   {"till", NZ_EN, T_AT_MOST, 0},
    {"no later than", NZ_EN, T_AT_MOST, 0},
    {"after", NZ_EN, T_AT_LEAST, 0},
    {"từ", NZ_VI, T_RANGE, 0},        {"giữa", NZ_VI, T_RANGE, 0},
    {"lúc", NZ_VI, T_AT, 0},          {"vào lúc", NZ_VI, T_AT, 0},
    {"trước", NZ_VI, T_AT_MOST, 0},   {"sau", NZ_VI, T_AT_LEAST, 0},
    {"ตั้งแต่", NZ_TH, T_RANGE, 0},    {"ระหว่าง", NZ_TH, T_RANGE, 0},
    {"เวลา", NZ_TH, T_AT, 0},         {"ก่อน", NZ_TH, T_AT_MOST, 0},
    {"หลัง", NZ_TH, T_AT_LEAST, 0},   {"หลังจาก", NZ_TH, T_AT_LEAST, 0},
    {NULL, 0, 0, 0},
};

static const nz_word connectors[] = {
    {"-", NZ_ALL, 0, 0},        {"\xe2\x80\x93", NZ_ALL, 0, 0},
    {"\xe2\x80\x94", NZ_ALL, 0, 0}, {"~", NZ_ALL, 0, 0},
    {"to", NZ_EN, 0, 0},        {"till", NZ_EN, 0, 0},
    {"until", NZ_EN, 0, 0},     {"and", NZ_EN, 0, 0},
    {"đến", NZ_VI, 0, 0},       {"tới", NZ_VI, 0, 0},
    {"và", NZ_VI, 0, 0},        {"ถึง", NZ_TH, 0, 0},
    {"จนถึง", NZ_TH, 0, 0},      {NULL, 0, 0, 0},
};

/* Exactly two digits at p: the end, or 0. */
static size_t two_digits(const nz_text *t, size_t p, int *v)
{
	size_t len1, len2, len3;
	int a = nz_digit(t, p, &len1);
	int b = a < 0 ? -1 : nz_digit(t, p + len1, &len2);
	if (b < 0 || nz_digit(t, p + len1 + len2, &len3) >= 0)
		return 0;
	*v = a * 10 + b;
	return p + len1 + len2;
}

/* Thai spoken clock: the day in six-hour watches.  tag: how the hour
 * word is read; lo..hi the hours it takes. */
enum { TH_TI = 1, TH_BAI, TH_MONG, TH_MONG_CHAO, TH_MONG_YEN, TH_THUM };

static const nz_word th_before[] = {
    {"ตี", NZ_TH, TH_TI, 0},     /* ตี 5 = 05:00 (1-5) */
    {"บ่าย", NZ_TH, TH_BAI, 0},  /* บ่าย 3 โมง = 15:00, บ่ายโมง = 13:00 */
    {NULL, 0, 0, 0},
};

static const nz_word th_after[] = {
    {"โมง", NZ_TH, TH_MONG, 0},           /* 7-11 morning, 1-5 afternoon */
    {"โมงเช้า", NZ_TH, TH_MONG_CHAO, 0},  /* 6-11 */
    {"โมงตรง", NZ_TH, TH_MONG, 0},
    {"โมงเย็น", NZ_TH, TH_MONG_YEN, 0},   /* 4-6 = 16:00-18:00 */
    {"ทุ่ม", NZ_TH, TH_THUM, 0},          /* 1-5 = 19:00-23:00, 6 = 24:00 */
    {"ทุ่มตรง", NZ_TH, TH_THUM, 0},
    {NULL, 0, 0, 0},
};

/* A small whole number at p in digits or Thai words: its value and end,
 * or 0. */
static size_t th_hour_number(const nz_text *t, size_t p, int *h)
{
	nz_num n;
	if (!nz_number(t, p, NZ_NUM_WORDS, &n) || n.val != floor(n.val) || n.val < 1 ||
	    n.val > 12 || n.scale != 1)
		return 0;
	*h = (int)n.val;
	return n.end;
}

/* 24-hour clock hour of Thai hour h read as tag, or -1. */
static int th_hour(int tag, int h)
{
	switch (tag) {
	case TH_TI:
		return h <= 5 ? h : -1;
	case TH_BAI:
		return h <= 5 ? h + 12 : -1;
	case TH_MONG:
		return h >= 7 && h <= 12 ? h : h <= 5 ? h + 12 : -1;
	case TH_MONG_CHAO:
		return h >= 6 && h <= 11 ? h : -1;
	case TH_MONG_YEN:
		return h >= 1 && h <= 6 ? h + 12 : -1;
	case TH_THUM:
		return h <= 6 ? h + 18 : -1;
	default:
		return -1;
	}
}

/* "8 โมงเช้า", "บ่าย 3 โมง", "บ่ายโมง", "ตี 5", "5 โมงเย็น", "2 ทุ่ม",
 * with "ครึ่ง" for half past ("บ่ายสามโมงครึ่ง" = 15:30). */
static bool thai_clock(const nz_text *t, size_t i, tpoint *tp)
{
	size_t e, p = i;
	int h = 1, tag;
	const nz_word *w = nz_table(t, p, th_before, &e);
	if (w) {
		tag = w->tag;
		p = nz_ws(t, e);
		size_t ne = th_hour_number(t, p, &h);
		if (ne)
			p = ne;
		else if (tag == TH_TI)
			return false; /* "ตี" alone is "hit" */
		const nz_word *m = nz_table_ws(t, p, th_after, &e);
		if (m && m->tag == TH_MONG)
			p = e; /* บ่าย 3 โมง */
		else if (!ne)
			return false;
	} else {
		/* An hour word is at most "สิบเอ็ด": look for what must follow
		 * before reading number words at every Thai word. */
		if (!nz_near(t, p, 48, "โมง") && !nz_near(t, p, 48, "ทุ่ม"))
			return false;
		if (!(p = th_hour_number(t, p, &h)))
			return false;
		if (!(w = nz_table_ws(t, p, th_after, &e)))
			return false;
		tag = w->tag;
		p = e;
	}
	int hour = th_hour(tag, h);
	if (hour < 0)
		return false;
	memset(tp, 0, sizeof *tp);
	tp->hour = hour;
	if ((e = nz_lit(t, p, "ครึ่ง")) && hour < 24) {
		tp->minute = 30;
		p = e;
	}
	tp->marker = tp->strong = true;
	tp->end = p;
	return true;
}

static bool time_at(const nz_text *t, size_t i, tpoint *tp)
{
	size_t e, len, p = i;
	memset(tp, 0, sizeof *tp);
	const nz_word *w = nz_table(t, i, named, &e);
	if (w) {
		tp->hour = (int)w->val / 60;
		tp->marker = tp->strong = true;
		tp->end = e;
		return true;
	}
	/* (Thai letters and digits begin with byte E0) */
	unsigned char c0 = i < t->n ? (unsigned char)t->s[i] : 0;
	if ((t->loc & NZ_TH) && (c0 == 0xE0 || (c0 >= '0' && c0 <= '9')) && thai_clock(t, i, tp))
		return true;
	int d, nd = 0, h = 0;
	while (nd < 3 && (d = nz_digit(t, p, &len)) >= 0) {
		h = h * 10 + d;
		p += len;
		nd++;
	}
	if (nd == 0 || nd > 2)
		return false;
	tp->hour = h;
	char c = p < t->n ? t->s[p] : 0;
	if ((c == ':' || c == '.') && (e = two_digits(t, p + 1, &tp->minute))) {
		p = e;
		tp->marker = true;
		tp->strong = c == ':';
	} else if (c == 'h' || c == 'H' || (c == 'g' && (t->loc & NZ_VI))) {
		if ((e = two_digits(t, p + 1, &tp->minute))) {
			p = e;
			tp->strong = true;
		} else {
			/* not "8hrs", "8hàng"; "9h–18h" is */
			size_t alen;
			int32_t after = nz_cp(t, p + 1, &alen);
			if (nz_is_word(after) || nz_is_thai(after))
				return false;
			p++;
		}
		tp->marker = true;
	} else if ((t->loc & NZ_VI) && (e = nz_lit(t, nz_ws(t, p), "giờ"))) {
		p = e;
		tp->marker = true;
		size_t q = nz_ws(t, p);
		int m = 0, k = 0;
		while (k < 2 && (d = nz_digit(t, q, &len)) >= 0) {
			m = m * 10 + d;
			q += len;
			k++;
		}
		if (k && nz_digit(t, q, &len) < 0 && m < 60) {
			tp->minute = m;
			p = q;
			if ((e = nz_lit(t, nz_ws(t, p), "phút")))
				p = e;
		}
	}
	if ((w = nz_table_ws(t, p, ampm, &e))) {
		tp->ampm = w->tag;
		tp->strong = tp->marker = true;
		p = e;
	}
	if ((e = nz_lit(t, nz_ws(t, p), "น.")) || (e = nz_lit(t, nz_ws(t, p), "นาฬิกา"))) {
		tp->strong = tp->marker = true;
		p = e;
	}
	if (tp->minute >= 60)
		return false;
	if (tp->ampm == AM || tp->ampm == PM) {
		if (h < 1 || h > 12)
			return false;
	} else if (h > 24 || (h == 24 && tp->minute)) {
		return false;
	}
	tp->end = p;
	return true;
}

static int minutes(const tpoint *tp)
{
	int h = tp->hour;
	switch (tp->ampm) {
	case AM:
		h = h % 12;
		break;
	case PM:
		h = h % 12 + 12;
		break;
	case NOON_PART: /* "1 giờ trưa" = 13:00, "12 giờ trưa" = 12:00 */
		if (h < 11)
			h += 12;
		break;
	case NIGHT_PART: /* "10 giờ đêm" = 22:00, "12 giờ đêm" = 24:00 */
		if (h >= 6 && h <= 12)
			h += 12;
		break;
	}
	return h * 60 + tp->minute;
}

/* Does a date end right before i ("Dec 16, 2022 01:27 AM", "16/12/2022
 * 10:30", "2024-03-01 08:00", "ngày 12/03/2024 lúc 9h")?  Then the time is
 * the moment of a stamp ("Last updated: ..."), not hours anybody keeps:
 * a year or a day/month written with a slash or a dash, then at most
 * blanks, a comma, a 'T' or "at"/"lúc"/"เวลา". */
static bool after_date(const nz_text *t, size_t i)
{
	size_t p = i;
	while (p > 0 && (t->s[p - 1] == ' ' || t->s[p - 1] == ','))
		p--;
	static const char *const joins[] = {"at", "lúc", "เวลา", "T"};
	for (size_t k = 0; k < sizeof joins / sizeof *joins; k++) {
		size_t n = strlen(joins[k]);
		if (p >= n && !strncmp(t->s + p - n, joins[k], n) &&
		    (p == n || t->s[p - n - 1] == ' ' || (n == 1 && t->s[p - n - 1] >= '0' &&
							  t->s[p - n - 1] <= '9'))) {
			p -= n;
			while (p > 0 && (t->s[p - 1] == ' ' || t->s[p - 1] == ','))
				p--;
			break;
		}
	}
	size_t d = 0; /* the digits ending at p */
	while (d < p && t->s[p - 1 - d] >= '0' && t->s[p - 1 - d] <= '9')
		d++;
	if (d == 0 || d == p)
		return false;
	char before = t->s[p - 1 - d];
	/* "16/12/2022", "2024-03-01", "12/03": a date written with its marks */
	if ((before == '/' || before == '-' || before == '.') && p - d >= 2 &&
	    t->s[p - 2 - d] >= '0' && t->s[p - 2 - d] <= '9')
		return true;
	/* "Dec 16, 2022": a year of four digits after a day and a comma */
	return d == 4 && (t->s[p - 4] == '1' || t->s[p - 4] == '2') && before == ' ' &&
	       p - d >= 2 && t->s[p - 2 - d] == ',';
}

static bool parse(const nz_text *t, size_t i, kb_value *v, bool *strong)
{
	size_t p = i, e;
	int prefix = 0;
	bool allweek;
	memset(v, 0, sizeof *v);
	v->kind = KB_V_TIMERANGE;
	if ((e = nz_always(t, i, &allweek))) {
		v->bound = KB_BOUND_RANGE;
		v->min = 0;
		v->max = 1440;
		v->days = allweek ? 0x7f : 0;
		v->start = i;
		v->end = e;
		*strong = true;
		return true;
	}
	const nz_word *w = nz_table(t, p, prefixes, &e);
	if (w) {
		prefix = w->tag;
		p = nz_ws(t, e);
	}
	tpoint a, b;
	if (!time_at(t, p, &a))
		return false;
	if (nz_table_ws(t, a.end, connectors, &e) && time_at(t, nz_ws(t, e), &b) &&
	    (a.marker || b.marker)) {
		/* "9-6pm", "10-11pm", "8-22h": the bare end borrows the other's. */
		if (!a.ampm && b.ampm && !a.marker) {
			tpoint pm = a;
			pm.ampm = b.ampm;
			a.ampm = minutes(&pm) <= minutes(&b) ? b.ampm : AM;
		} else if (a.ampm && !b.ampm && !b.marker) {
			b.ampm = b.hour > a.hour ? a.ampm : PM;
		}
		int ma = minutes(&a), mb = minutes(&b);
		if (ma == 1440 && !a.marker)
			return false;
		if (ma == 1440)
			ma = 0; /* from midnight */
		v->bound = KB_BOUND_RANGE;
		v->min = ma;
		v->max = mb == 0 ? 1440 : mb; /* "to midnight" */
		v->start = i;
		v->end = b.end;
		/* "8h-22h" can only be hours of the day; "2h-4h" may be a
		 * duration. */
		*strong = a.strong || b.strong || (b.hour >= 13 && a.hour >= 5 && mb > ma);
		return true;
	}
	/* One time alone: "9am", "14:00", "lúc 8h"; not "24 giờ", which is
	 * more often a duration.  A deadline at a daytime hour is a time:
	 * "trước 14h" is before 2 pm (order cut-offs), while the waits written
	 * so are whole days ("trước 24h", "trước 48h"). */
	bool deadline = prefix == T_AT_MOST && a.marker && a.hour >= 10 && a.hour <= 23;
	if (!a.strong && !(prefix == T_AT && a.marker) && !deadline)
		return false;
	if ((!prefix || prefix == T_AT) && after_date(t, i))
		return false;
	int m = minutes(&a);
	v->bound = prefix == T_AT_MOST ? KB_BOUND_AT_MOST
		   : prefix == T_AT_LEAST || prefix == T_RANGE ? KB_BOUND_AT_LEAST
							       : KB_BOUND_EXACT;
	v->min = v->bound == KB_BOUND_AT_MOST ? NAN : m;
	v->max = v->bound == KB_BOUND_AT_LEAST ? NAN : m;
	v->start = i;
	v->end = a.end;
	*strong = a.strong;
	return true;
}

bool nz_timerange_at(const nz_text *t, size_t i, kb_value *v)
{
	bool strong;
	return parse(t, i, v, &strong);
}

bool nz_timerange_span(const nz_text *t, size_t i, size_t *end, bool *strong)
{
	kb_value v;
	if (!parse(t, i, &v, strong))
		return false;
	*end = v.end;
	return true;
}

/* ---- round the clock ---- */

enum { ALL_DAYS = 1, ALL_DAY };

static const nz_word always[] = {
    {"24/7", NZ_ALL, ALL_DAYS, 0},
    {"24 / 7", NZ_ALL, ALL_DAYS, 0},
    {"24x7", NZ_ALL, ALL_DAYS, 0},
    {"24/7/365", NZ_ALL, ALL_DAYS, 0},
    {"24 hours a day, 7 days a week", NZ_EN, ALL_DAYS, 0},
    {"24 hours a day 7 days a week", NZ_EN, ALL_DAYS, 0},
    {"24 hours a day", NZ_EN, ALL_DAY, 0},
    {"round the clock", NZ_EN, ALL_DAY, 0},
    {"around the clock", NZ_EN, ALL_DAY, 0},
    {"24/24", NZ_ALL, ALL_DAY, 0},
    {"24/24h", NZ_ALL, ALL_DAY, 0},
    {"24h/24", NZ_ALL, ALL_DAY, 0},
    {"24h/24h", NZ_ALL, ALL_DAY, 0},
    {"24h/7", NZ_ALL, ALL_DAYS, 0},
    {"24 giờ/ngày", NZ_VI, ALL_DAY, 0},
    {"24 giờ mỗi ngày", NZ_VI, ALL_DAY, 0},
    {"ตลอด 24 ชั่วโมง", NZ_TH, ALL_DAY, 0},
    {"ตลอด24ชั่วโมง", NZ_TH, ALL_DAY, 0},
    {NULL, 0, 0, 0},
};

size_t nz_always(const nz_text *t, size_t i, bool *allweek)
{
	size_t e;
	const nz_word *w = nz_table(t, i, always, &e);
	if (!w)
		return 0;
	*allweek = w->tag == ALL_DAYS;
	return e;
}
