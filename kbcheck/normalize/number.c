/* number.c - numbers in digits and in words (en, vi, th).
 *
 * Digits follow the locale's separators (vi "5.000" = 5000, "1,5" = 1.5;
 * en/th "5,000" = 5000) and may carry a multiplier suffix ("500k", "1.2M").
 * Words are read by one small state machine over "atoms" shared by the
 * three languages, which all build numbers the same way: digit words
 * times place words (ten, hundred; vi mươi/trăm; th สิบ/ร้อย/พัน/หมื่น/แสน)
 * make a group, and a big scale word (thousand, million; vi nghìn/triệu;
 * th ล้าน) multiplies the groups before it.  After every atom the machine
 * knows whether what it has read is a complete number; the parse ends at
 * the last complete one, which is how lookahead rules such as Vietnamese
 * "một trăm linh năm" (105) versus "một trăm năm" (100 + "year") fall out.
 */
#include <math.h>
#include <string.h>

#include "normalize.h"
#include "nz.h"

enum {
	A_LIT = 1, /* digits (not in the table) */
	A_DIGIT,   /* 0-9 */
	A_TEEN,    /* en ten..nineteen, "a couple": nothing may follow */
	A_TENS,    /* en twenty..ninety: a digit may follow */
	A_TEN,     /* vi mười (10, a digit may follow) */
	A_PLACE,   /* hundred; vi mươi chục trăm; th สิบ ร้อย พัน หมื่น แสน */
	A_BIG,     /* thousand, million...; vi nghìn triệu tỷ; th ล้าน */
	A_DOZEN,
	A_ART,     /* en "a", "an" before hundred/thousand/dozen */
	A_AND,     /* en "and" in "one hundred and five" */
	A_LINH,    /* vi linh/lẻ: zero tens, "một trăm linh năm" */
	A_POINT,   /* point; vi phẩy; th จุด */
	A_HALF,    /* half; vi nửa rưỡi; th ครึ่ง */
	A_STOP,    /* a word that starts like a number but is not one */
	A_MASK = 0xff,
	AF_TENS_ONLY = 0x100,     /* vi mốt tư lăm: only after mươi/mười */
	AF_NOT_AFTER_TEN = 0x200, /* vi năm: after mươi/mười five is "lăm" */
	AF_NEEDS_NEXT = 0x400,    /* vi không (+trăm), th ยี่ (+สิบ) */
	AF_PLACE_ONLY = 0x800,    /* th เอ็ด: one, only after a place */
	AF_STRICT = 0x1000,       /* vi/th: a digit after this needs a place */
	AF_MULGROUP = 0x2000,     /* en hundred: multiplies the group */
	AF_ONE_OK = 0x4000,       /* th สิบ: alone means ten */
	AF_START = 0x8000,        /* half word usable alone ("half") */
	AF_TAIL = 0x10000,        /* half word after a place ("hai trăm rưỡi") */
};

static const nz_word atoms[] = {
    /* English */
    {"zero", NZ_EN, A_DIGIT, 0},
    {"naught", NZ_EN, A_DIGIT, 0},
    {"nought", NZ_EN, A_DIGIT, 0},
    {"nil", NZ_EN, A_DIGIT, 0},
    {"one", NZ_EN, A_DIGIT, 1},
    {"two", NZ_EN, A_DIGIT, 2},
    {"three", NZ_EN, A_DIGIT, 3},
    {"four", NZ_EN, A_DIGIT, 4},
    {"five", NZ_EN, A_DIGIT, 5},
    {"six", NZ_EN, A_DIGIT, 6},
    {"seven", NZ_EN, A_DIGIT, 7},
    {"eight", NZ_EN, A_DIGIT, 8},
    {"nine", NZ_EN, A_DIGIT, 9},
    {"ten", NZ_EN, A_TEEN, 10},
    {"eleven", NZ_EN, A_TEEN, 11},
    {"twelve", NZ_EN, A_TEEN, 12},
    {"thirteen", NZ_EN, A_TEEN, 13},
    {"fourteen", NZ_EN, A_TEEN, 14},
    {"fifteen", NZ_EN, A_TEEN, 15},
    {"sixteen", NZ_EN, A_TEEN, 16},
    {"seventeen", NZ_EN, A_TEEN, 17},
    {"eighteen", NZ_EN, A_TEEN, 18},
    {"nineteen", NZ_EN, A_TEEN, 19},
    {"a couple", NZ_EN, A_TEEN, 2},
    {"a pair", NZ_EN, A_TEEN, 2},
    {"twenty", NZ_EN, A_TENS, 20},
    {"thirty", NZ_EN, A_TENS, 30},
    {"forty", NZ_EN, A_TENS, 40},
    {"fourty", NZ_EN, A_TENS, 40},
    {"fifty", NZ_EN, A_TENS, 50},
    {"sixty", NZ_EN, A_TENS, 60},
    {"seventy", NZ_EN, A_TENS, 70},
    {"eighty", NZ_EN, A_TENS, 80},
    {"ninety", NZ_EN, A_TENS, 90},
    {"hundred", NZ_EN, A_PLACE | AF_MULGROUP, 100},
    {"thousand", NZ_EN, A_BIG, 1e3},
    {"million", NZ_EN, A_BIG, 1e6},
    {"billion", NZ_EN, A_BIG, 1e9},
    {"trillion", NZ_EN, A_BIG, 1e12},
    {"lakh", NZ_EN, A_BIG, 1e5},
    {"lakhs", NZ_EN, A_BIG, 1e5},
    {"lac", NZ_EN, A_BIG, 1e5},
    {"lacs", NZ_EN, A_BIG, 1e5},
    {"lkh", NZ_EN, A_BIG, 1e5},
    {"lkhs", NZ_EN, A_BIG, 1e5},
    {"crore", NZ_EN, A_BIG, 1e7},
    {"crores", NZ_EN, A_BIG, 1e7},
    {"cr", NZ_EN, A_BIG, 1e7},
    {"dozen", NZ_EN, A_DOZEN, 12},
    {"dozens", NZ_EN, A_DOZEN, 12},
    {"a", NZ_EN, A_ART, 1},
    {"an", NZ_EN, A_ART, 1},
    {"and", NZ_EN, A_AND, 0},
    {"point", NZ_EN, A_POINT, 0},
    {"half", NZ_EN, A_HALF | AF_START, 0.5},
    /* Vietnamese */
    {"không", NZ_VI, A_DIGIT | AF_NEEDS_NEXT, 0},
    {"một", NZ_VI, A_DIGIT, 1},
    {"mốt", NZ_VI, A_DIGIT | AF_TENS_ONLY, 1},
    {"hai", NZ_VI, A_DIGIT, 2},
    {"ba", NZ_VI, A_DIGIT, 3},
    {"bốn", NZ_VI, A_DIGIT, 4},
    {"tư", NZ_VI, A_DIGIT | AF_TENS_ONLY, 4},
    {"năm", NZ_VI, A_DIGIT | AF_NOT_AFTER_TEN, 5},
    {"lăm", NZ_VI, A_DIGIT | AF_TENS_ONLY, 5},
    {"nhăm", NZ_VI, A_DIGIT | AF_TENS_ONLY, 5},
    {"sáu", NZ_VI, A_DIGIT, 6},
    {"bảy", NZ_VI, A_DIGIT, 7},
    {"bẩy", NZ_VI, A_DIGIT, 7},
    {"tám", NZ_VI, A_DIGIT, 8},
    {"chín", NZ_VI, A_DIGIT, 9},
    {"mười", NZ_VI, A_TEN, 10},
    {"mươi", NZ_VI, A_PLACE, 10},
    {"chục", NZ_VI, A_PLACE, 10},
    {"trăm", NZ_VI, A_PLACE | AF_STRICT, 100},
    {"nghìn", NZ_VI, A_BIG | AF_STRICT, 1e3},
    {"ngàn", NZ_VI, A_BIG | AF_STRICT, 1e3},
    {"triệu", NZ_VI, A_BIG | AF_STRICT, 1e6},
    {"tỷ", NZ_VI, A_BIG | AF_STRICT, 1e9},
    {"tỉ", NZ_VI, A_BIG | AF_STRICT, 1e9},
    {"linh", NZ_VI, A_LINH, 0},
    {"lẻ", NZ_VI, A_LINH, 0},
    {"phẩy", NZ_VI, A_POINT, 0},
    {"nửa", NZ_VI, A_HALF | AF_START, 0.5},
    {"rưỡi", NZ_VI, A_HALF | AF_TAIL, 0.5},
    {"một số", NZ_VI, A_STOP, 0}, /* "some" */
    {"một vài", NZ_VI, A_STOP, 0}, /* "a few" */
    {"một chút", NZ_VI, A_STOP, 0},
    {"một ít", NZ_VI, A_STOP, 0},
    {"một cách", NZ_VI, A_STOP, 0},
    /* Thai */
    {"ศูนย์", NZ_TH, A_DIGIT, 0},
    {"หนึ่ง", NZ_TH, A_DIGIT, 1},
    {"เอ็ด", NZ_TH, A_DIGIT | AF_PLACE_ONLY, 1},
    {"สอง", NZ_TH, A_DIGIT, 2},
    {"ยี่", NZ_TH, A_DIGIT | AF_NEEDS_NEXT, 2},
    {"สาม", NZ_TH, A_DIGIT, 3},
    {"สี่", NZ_TH, A_DIGIT, 4},
    {"ห้า", NZ_TH, A_DIGIT, 5},
    {"หก", NZ_TH, A_DIGIT, 6},
    {"เจ็ด", NZ_TH, A_DIGIT, 7},
    {"แปด", NZ_TH, A_DIGIT, 8},
    {"เก้า", NZ_TH, A_DIGIT, 9},
    {"สิบ", NZ_TH, A_PLACE | AF_ONE_OK, 10},
    {"ร้อย", NZ_TH, A_PLACE, 100},
    {"พัน", NZ_TH, A_PLACE, 1e3},
    {"หมื่น", NZ_TH, A_PLACE, 1e4},
    {"แสน", NZ_TH, A_PLACE, 1e5},
    {"ล้าน", NZ_TH, A_BIG | AF_STRICT, 1e6},
    {"โหล", NZ_TH, A_DOZEN, 12},
    {"จุด", NZ_TH, A_POINT, 0},
    {"ครึ่ง", NZ_TH, A_HALF | AF_START | AF_TAIL, 0.5},
    /* Thai words that begin with a number word (unspaced script). */
    {"ห้าม", NZ_TH, A_STOP, 0},     /* forbid */
    {"ห้าง", NZ_TH, A_STOP, 0},     /* store */
    {"เก้าอี้", NZ_TH, A_STOP, 0},  /* chair */
    {"สี่เหลี่ยม", NZ_TH, A_STOP, 0}, /* square */
    {"สองสาม", NZ_TH, A_STOP, 0},   /* "a few" */
    {"ศูนย์กลาง", NZ_TH, A_STOP, 0}, /* centre */
    {"ศูนย์บริการ", NZ_TH, A_STOP, 0},
    {"ศูนย์ช่วยเหลือ", NZ_TH, A_STOP, 0},
    {"ศูนย์การค้า", NZ_TH, A_STOP, 0},
    {"ศูนย์รวม", NZ_TH, A_STOP, 0},
    {"พันธ", NZ_TH, A_STOP, 0},     /* พันธมิตร partner, พันธุ์ */
    {"หกล้ม", NZ_TH, A_STOP, 0},
    {NULL, 0, 0, 0},
};

/* ---- words ---- */

typedef struct st {
	double total, group, lastplace, maxbig, lastmul;
	int pending; /* a digit waiting for its place word, -1 none */
	int prev;    /* A_* of the previous atom, 0 at the start */
	bool need;   /* what was read so far is not a complete number */
	bool strict; /* the previous place/big word was AF_STRICT */
	bool point;  /* a decimal point was read */
	bool stop;   /* nothing may follow */
} st;

static double st_value(const st *s)
{
	return s->total + s->group + (s->pending > 0 ? s->pending : 0);
}

static bool on_lit(st *s, const nz_digits *L)
{
	if (s->prev == 0 || (s->prev == A_BIG && !s->point)) {
		bool after_big = s->prev == A_BIG;
		if (L->scale > 1) {
			s->group = L->val;
			s->stop = true;
		} else if (L->integer && L->val < 10) {
			s->pending = (int)L->val;
		} else {
			s->group = L->val;
		}
		/* "1 triệu 500 nghìn": a literal after a big word needs a
		 * smaller one after it, or "5 thousand 3 days" would be 5003. */
		s->need = after_big && L->scale == 1;
		return true;
	}
	return false;
}

static bool on_digit(st *s, int d, unsigned f)
{
	if (s->pending >= 0 || s->point || s->stop)
		return false;
	bool after_ten = s->prev == A_TEN || (s->prev == A_PLACE && s->lastplace == 10);
	if ((f & AF_TENS_ONLY) && !after_ten)
		return false;
	if ((f & AF_NOT_AFTER_TEN) && after_ten)
		return false;
	if ((f & AF_PLACE_ONLY) && s->prev != A_PLACE)
		return false;
	switch (s->prev) {
	case 0: case A_TENS: case A_AND: case A_LINH: case A_TEN:
	case A_PLACE: case A_BIG:
		break;
	default:
		return false;
	}
	s->need = (f & AF_NEEDS_NEXT) != 0;
	/* vi "hai trăm năm" is 200 + "year", "hai nghìn năm" 2000 + "year":
	 * a digit after trăm/nghìn must be followed by its place word. */
	if ((s->prev == A_PLACE || s->prev == A_BIG) && s->strict)
		s->need = true;
	s->pending = d;
	return true;
}

static bool on_tens(st *s, double v, int tag)
{
	if (s->point || s->stop || s->prev == A_TEEN || s->prev == A_TENS)
		return false;
	if (s->prev == A_DIGIT && s->pending >= 1 && s->group == 0 && s->total == 0) {
		/* "one twenty-two" = 122 */
		s->group = s->pending * 100 + v;
		s->pending = -1;
	} else {
		if (s->pending >= 0 || fmod(s->group, 100) != 0 || s->prev == A_ART)
			return false;
		if (s->prev == A_LIT)
			return false;
		s->group += v;
	}
	s->need = false;
	return true;
}

static bool on_place(st *s, double P, unsigned f)
{
	if (s->point || s->stop)
		return false;
	if (f & AF_MULGROUP) {
		double base = s->group + (s->pending > 0 ? s->pending : 0);
		if (s->prev == A_ART)
			base = 1;
		if (base < 1 || base >= 100 || s->lastplace <= P)
			return false;
		s->group = base * P;
	} else {
		int m = s->pending;
		if (m < 0) {
			if (!(f & AF_ONE_OK) || s->prev == A_LIT)
				return false;
			m = 1;
		}
		if (P >= s->lastplace || (m == 0 && P != 100))
			return false;
		if (s->prev == A_TEN || s->prev == A_TENS || s->prev == A_TEEN)
			return false;
		s->group += m * P;
	}
	s->pending = -1;
	s->lastplace = P;
	s->lastmul = P;
	s->strict = (f & AF_STRICT) != 0;
	s->need = false;
	return true;
}

static bool on_big(st *s, double B, unsigned f)
{
	if (s->stop && s->prev != A_LIT)
		return false;
	double base = s->group + (s->pending > 0 ? s->pending : 0);
	if (s->prev == A_ART)
		base = 1;
	if (base <= 0 || s->prev == A_AND || s->prev == A_LINH)
		return false;
	if (s->prev == A_LIT && s->stop)
		return false; /* "500k thousand" */
	if (B > s->maxbig) {
		s->total = (s->total + base) * B;
		s->maxbig = B;
	} else {
		s->total += base * B;
	}
	s->group = 0;
	s->pending = -1;
	s->lastplace = INFINITY;
	s->lastmul = B;
	s->strict = (f & AF_STRICT) != 0;
	s->need = false;
	s->point = false;
	return true;
}

/* Decimal digits after "point"/"phẩy"/"จุด": digits ("hai phẩy 23") or
 * digit words ("หนึ่งจุดสอง").  Returns the end or 0. */
static size_t point_digits(const nz_text *t, size_t p, double *frac)
{
	size_t q = nz_ws(t, p), len, nd = 0;
	double v = 0;
	if (nz_digit(t, q, &len) >= 0) {
		*frac = 0;
		return nz_digit_run(t, q, &v, &nd, frac);
	}
	double scale = 0.1, f = 0;
	size_t end = 0;
	for (;;) {
		size_t e;
		const nz_word *w = nz_table(t, q, atoms, &e);
		if (!w || (w->tag & A_MASK) != A_DIGIT || (w->tag & AF_TENS_ONLY))
			break;
		f += w->val * scale;
		scale /= 10;
		end = e;
		q = nz_ws(t, e);
	}
	*frac = f;
	return end;
}

/* How many quarters (or halves): "a quarter", "three quarters". */
static const nz_word how_many[] = {
    {"a", NZ_EN, 0, 1},   {"one", NZ_EN, 0, 1}, {"two", NZ_EN, 0, 2},
    {"three", NZ_EN, 0, 3}, {NULL, 0, 0, 0},
};

/* en "[a|one|two|three] quarter(s)" or, when half_ok, "[a] half" at q:
 * the end and the value, or 0. */
static size_t fraction_words(const nz_text *t, size_t q, bool half_ok, double *v)
{
	size_t e;
	double k = 1;
	if (!(t->loc & NZ_EN))
		return 0;
	const nz_word *c = nz_table(t, q, how_many, &e);
	if (c) {
		k = c->val;
		q = nz_ws(t, e);
	}
	if (half_ok && k == 1 && (e = nz_lit(t, q, "half"))) {
		*v = 0.5;
		return e;
	}
	if ((e = nz_lit(t, q, "quarters")) || (e = nz_lit(t, q, "quarter"))) {
		*v = k * 0.25;
		return e;
	}
	return 0;
}

/* en fractions after a number: "and a half", "and three quarters". */
static size_t and_fraction(const nz_text *t, size_t p, double *add)
{
	size_t q = nz_lit(t, nz_ws(t, p), "and");
	return q ? fraction_words(t, nz_ws(t, q), true, add) : 0;
}

/* One number word w in state s (start: it is the first atom).  *e is its
 * end, moved past the decimals of "point".  False: w cannot go on here. */
static bool on_word(const nz_text *t, st *s, const nz_word *w, bool start, size_t *e,
		    bool *half)
{
	unsigned f = (unsigned)w->tag & ~(unsigned)A_MASK;
	int tag = w->tag & A_MASK;
	bool ok;
	switch (tag) {
	case A_DIGIT:
		ok = on_digit(s, (int)w->val, f);
		break;
	case A_TEEN:
	case A_TENS:
		ok = on_tens(s, w->val, tag);
		break;
	case A_TEN:
		ok = !s->point && !s->stop && s->pending < 0 &&
		     fmod(s->group, 100) == 0 && s->prev != A_LIT &&
		     s->prev != A_TEN && s->prev != A_ART;
		if (ok) {
			s->group += 10;
			s->need = false;
		}
		break;
	case A_PLACE:
		ok = on_place(s, w->val, f);
		break;
	case A_BIG:
		ok = on_big(s, w->val, f);
		break;
	case A_DOZEN:
		ok = !s->point || s->prev == A_POINT;
		if (ok) {
			double base = s->group + (s->pending > 0 ? s->pending : 0);
			if (base <= 0 || s->prev == A_ART)
				base = 1;
			s->group = base * 12;
			s->pending = -1;
			s->lastmul = 12;
			s->need = false;
			s->stop = true;
		}
		break;
	case A_ART:
		ok = start;
		if (ok) {
			s->pending = 1;
			s->need = true;
		}
		break;
	case A_AND:
		ok = s->prev == A_PLACE || s->prev == A_BIG;
		s->need = true;
		break;
	case A_LINH:
		ok = (s->prev == A_PLACE && s->lastplace == 100) || s->prev == A_BIG;
		s->need = true;
		break;
	case A_POINT: {
		ok = !s->point && s->total == 0 && !s->need &&
		     (s->prev == A_DIGIT || s->prev == A_LIT || s->prev == A_TEEN ||
		      s->prev == A_TENS || s->prev == A_TEN);
		double frac;
		size_t fe = ok ? point_digits(t, *e, &frac) : 0;
		ok = fe != 0;
		if (ok) {
			s->group = s->group + (s->pending > 0 ? s->pending : 0) + frac;
			s->pending = -1;
			s->point = true;
			*e = fe;
		}
		break;
	}
	case A_HALF:
		if (start && (f & AF_START)) {
			s->group = w->val;
			*half = true;
			ok = true;
		} else if ((f & AF_TAIL) && (s->prev == A_PLACE || s->prev == A_BIG) &&
			   s->pending < 0) {
			if (s->prev == A_BIG)
				s->total += s->lastmul * w->val;
			else
				s->group += s->lastmul * w->val;
			ok = true;
		} else {
			ok = false;
		}
		s->stop = true;
		break;
	default: /* A_STOP */
		ok = false;
		break;
	}
	return ok;
}

static bool parse_unsigned(const nz_text *t, size_t i, unsigned flags, nz_num *out);

/* Internal flag: the number inside "(...)" is not itself restated (no
 * recursion on "1 (1 (1 (..."). */
enum { NUM_INNER = 0x100 };

/* "thirty (30)", "45 (forty five)": the same number restated. */
static size_t restated(const nz_text *t, size_t p, double v)
{
	size_t q = nz_ws(t, p);
	if (q >= t->n || t->s[q] != '(')
		return 0;
	nz_num r;
	if (!parse_unsigned(t, nz_ws(t, q + 1), NZ_NUM_WORDS | NUM_INNER, &r) ||
	    !NZ_NEAR(r.val, v))
		return 0;
	q = nz_ws(t, r.end);
	return q < t->n && t->s[q] == ')' ? q + 1 : 0;
}

static bool parse_unsigned(const nz_text *t, size_t i, unsigned flags, nz_num *out)
{
	st s = {.pending = -1, .lastplace = INFINITY, .lastmul = 1};
	size_t p = i, ok_end = 0;
	double ok_val = 0, ok_scale = 1;
	bool words = false, half = false, plain = false;
	size_t ndigits = 0;
	memset(out, 0, sizeof *out);

	if (flags & NZ_NUM_WORDS) {
		double qv;
		size_t e = fraction_words(t, i, false, &qv);
		if (e) {
			*out = (nz_num){.val = qv, .start = i, .end = e, .scale = 1,
					.words = true, .half = true};
			return true;
		}
	}
	for (int k = 0; k < 48 && !s.stop; k++) {
		size_t q = k == 0 ? p : nz_ws(t, p);
		/* en "twenty-four" */
		if (k > 0 && q == p && s.prev == A_TENS && q < t->n && t->s[q] == '-')
			q++;
		size_t len;
		nz_digits L;
		size_t e;
		bool ok;
		int tag;
		if (nz_digit(t, q, &len) >= 0 ||
		    (q < t->n && (t->s[q] == '.' || t->s[q] == ',') && nz_digit(t, q + 1, &len) >= 0)) {
			e = nz_digits_at(t, q, &L);
			if (!e)
				break;
			ok = on_lit(&s, &L);
			tag = A_LIT;
			if (ok) {
				ndigits += L.digits;
				plain = k == 0 && L.plain;
				if (L.scale > 1)
					s.lastmul = L.scale;
			}
		} else {
			if (!(flags & NZ_NUM_WORDS))
				break;
			const nz_word *w = nz_table(t, q, atoms, &e);
			if (!w)
				break;
			tag = w->tag & A_MASK;
			ok = on_word(t, &s, w, k == 0, &e, &half);
			if (ok)
				words = true;
		}
		if (!ok)
			break;
		s.prev = tag;
		p = e;
		if (!s.need) {
			ok_end = p;
			ok_val = st_value(&s);
			ok_scale = (tag == A_BIG || (tag == A_LIT && s.lastmul > 1)) ? s.lastmul : 1;
		}
	}
	if (!ok_end)
		return false;
	out->val = ok_val;
	out->start = i;
	out->end = ok_end;
	out->scale = ok_scale;
	out->words = words;
	out->half = half;
	out->plain = plain && !words && ok_end == p && ok_scale == 1;
	out->digits = ndigits;
	if (flags & NZ_NUM_WORDS) {
		double add;
		size_t e = and_fraction(t, out->end, &add);
		if (e) {
			out->val += add;
			out->end = e;
			out->half = true;
			out->plain = false;
		}
	}
	/* Fractions "1/2", "3/15" (not dates, not "24/7"). */
	if ((flags & (NZ_NUM_FRAC | NZ_NUM_PART)) && out->plain && out->end < t->n &&
	    t->s[out->end] == '/') {
		size_t len, nd = 0;
		double den = 0;
		if (nz_digit(t, out->end + 1, &len) >= 0) {
			size_t e = nz_digit_run(t, out->end + 1, &den, &nd, NULL);
			bool more = e < t->n && (t->s[e] == '/' || t->s[e] == '.' || t->s[e] == ',') &&
				    nz_digit(t, e + 1, &len) >= 0;
			bool always = out->val == 24 && (den == 7 || den == 24);
			bool part = (out->val == 1 && den >= 2 && den <= 4) ||
				    (out->val == 3 && den == 4);
			if (den > 0 && !more && !always && nd <= 3 &&
			    ((flags & NZ_NUM_FRAC) || part)) {
				out->val /= den;
				out->end = e;
				out->plain = false;
			}
		}
	}
	/* "3rd", "21st": ordinals are positions, not amounts. */
	static const char *const ordinals[] = {"st", "nd", "rd", "th"};
	for (size_t k = 0; out->plain && k < 4; k++)
		if (nz_lit(t, out->end, ordinals[k]))
			return false;
	size_t r = flags & NUM_INNER ? 0 : restated(t, out->end, out->val);
	if (r)
		out->end = r;
	return true;
}

bool nz_number(const nz_text *t, size_t i, unsigned flags, nz_num *out)
{
	if (flags & NZ_NUM_SIGN) {
		static const nz_word signs[] = {
		    {"-", NZ_ALL, 0, 0}, {"\xe2\x88\x92", NZ_ALL, 0, 0}, /* U+2212 */
		    {"minus", NZ_EN, 0, 0}, {"negative", NZ_EN, 0, 0},
		    {"âm", NZ_VI, 0, 0}, {"ลบ", NZ_TH, 0, 0}, {NULL, 0, 0, 0}};
		size_t e;
		if (nz_table(t, i, signs, &e)) {
			size_t q = nz_ws(t, e);
			if (parse_unsigned(t, q, flags, out)) {
				out->val = -out->val;
				out->start = i;
				out->plain = false;
				return true;
			}
		}
	}
	return parse_unsigned(t, i, flags, out);
}

size_t nz_article(const nz_text *t, size_t i)
{
	size_t e;
	if (!(t->loc & NZ_EN))
		return 0;
	if ((e = nz_lit(t, i, "an")) || (e = nz_lit(t, i, "a")))
		return e;
	return 0;
}

bool kb_parse_number(const char *locale, const char *text, size_t n, double *out,
		     size_t *used)
{
	nz_text t;
	nz_num num;
	nz_text_init(&t, locale, text, n);
	if (!nz_number(&t, 0, NZ_NUM_SIGN | NZ_NUM_FRAC | NZ_NUM_WORDS, &num))
		return false;
	*out = num.val;
	if (used)
		*used = num.end;
	return true;
}
