/* money.c - amounts of money: "$5", "50.000đ", "฿100", "2 triệu đồng",
 * "1,000 baht", "US$4.7 billion", "20 dollars and 43 cents", "free".
 *
 * The currency is the ISO 4217 code when the text makes it certain (USD
 * for "US$" or "USD", EUR for "€") and otherwise what is written ("$" for
 * "$" and "dollars", which may be US, Canadian, Australian...; "dinar",
 * "riyal", "rial" for names several countries use).  Free is 0 with the
 * currency "" (free in any currency).
 */
#include <math.h>
#include <string.h>

#include "nz.h"

static const char *const codes[] = {
    "$",   "USD", "EUR", "GBP", "VND", "THB", "INR", "CAD",   "CHF",   "CNY",
    "JPY", "AED", "EGP", "LBP", "QAR", "SAR", "MYR", "ILS",   "MNT",   "SGD",
    "AUD", "HKD", "NZD", "KRW", "IDR", "PHP", "¥",   "dinar", "riyal", "rial",
};
enum {
	DOLLAR, USD, EUR, GBP, VND, THB, INR, CAD, CHF, CNY, JPY, AED, EGP, LBP, QAR,
	SAR, MYR, ILS, MNT, SGD, AUD, HKD, NZD, KRW, IDR, PHP, YEN, DINAR, RIYAL, RIAL,
};

/* tag = code index << 2 | where it may stand */
enum { PRE = 1, SUF = 2 };
#define CUR(lit, loc, where, code) {lit, loc, (code) << 2 | (where), 0}

static const nz_word currencies[] = {
    CUR("$", NZ_ALL, PRE | SUF, DOLLAR),
    CUR("us$", NZ_ALL, PRE | SUF, USD),
    CUR("usd", NZ_ALL, PRE | SUF, USD),
    CUR("dollar", NZ_EN, SUF, DOLLAR),
    CUR("dollars", NZ_EN, SUF, DOLLAR),
    CUR("buck", NZ_EN, SUF, DOLLAR),
    CUR("bucks", NZ_EN, SUF, DOLLAR),
    CUR("us dollar", NZ_EN, SUF, USD),
    CUR("us dollars", NZ_EN, SUF, USD),
    CUR("u.s. dollars", NZ_EN, SUF, USD),
    CUR("đô la", NZ_VI, SUF, DOLLAR),
    CUR("đô", NZ_VI, SUF, DOLLAR),
    CUR("đô la mỹ", NZ_VI, SUF, USD),
    CUR("đô mỹ", NZ_VI, SUF, USD),
    CUR("ดอลลาร์", NZ_TH, SUF, DOLLAR),
    CUR("ดอลลาร์สหรัฐ", NZ_TH, SUF, USD),
    CUR("c$", NZ_ALL, PRE, CAD),
    CUR("cad", NZ_ALL, PRE | SUF, CAD),
    CUR("canadian dollars", NZ_EN, SUF, CAD),
    CUR("a$", NZ_ALL, PRE, AUD),
    CUR("au$", NZ_ALL, PRE, AUD),
    CUR("aud", NZ_ALL, PRE | SUF, AUD),
    CUR("s$", NZ_ALL, PRE, SGD),
    CUR("sgd", NZ_ALL, PRE | SUF, SGD),
    CUR("hk$", NZ_ALL, PRE, HKD),
    CUR("hkd", NZ_ALL, PRE | SUF, HKD),
    CUR("nz$", NZ_ALL, PRE, NZD),
    CUR("nzd", NZ_ALL, PRE | SUF, NZD),
    CUR("€", NZ_ALL, PRE | SUF, EUR),
    CUR("€ur", NZ_ALL, SUF, EUR),
    CUR("eur", NZ_ALL, PRE | SUF, EUR),
    CUR("euro", NZ_EN | NZ_VI, SUF, EUR),
    CUR("euros", NZ_EN | NZ_VI, SUF, EUR),
    CUR("£", NZ_ALL, PRE | SUF, GBP),
    CUR("gbp", NZ_ALL, PRE | SUF, GBP),
    CUR("pound", NZ_EN, SUF, GBP),
    CUR("pounds", NZ_EN, SUF, GBP),
    CUR("pounds sterling", NZ_EN, SUF, GBP),
    CUR("lebanese pound", NZ_EN, SUF, LBP),
    CUR("lebanese pounds", NZ_EN, SUF, LBP),
    CUR("lbp", NZ_ALL, PRE | SUF, LBP),
    CUR("egyptian pound", NZ_EN, SUF, EGP),
    CUR("egyptian pounds", NZ_EN, SUF, EGP),
    CUR("l.e.", NZ_EN, SUF, EGP),
    CUR("genihat masriya", NZ_EN, SUF, EGP),
    CUR("egp", NZ_ALL, PRE | SUF, EGP),
    CUR("₫", NZ_ALL, PRE | SUF, VND),
    CUR("đ", NZ_ALL, SUF, VND),
    CUR("vnd", NZ_ALL, PRE | SUF, VND),
    CUR("vnđ", NZ_ALL, PRE | SUF, VND),
    CUR("vnð", NZ_ALL, PRE | SUF, VND), /* eth typed for Đ */
    CUR("đồng", NZ_VI, SUF, VND),
    CUR("việt nam đồng", NZ_VI, SUF, VND),
    CUR("dong", NZ_EN, SUF, VND),
    CUR("฿", NZ_ALL, PRE | SUF, THB),
    CUR("บาท", NZ_TH, SUF, THB),
    CUR("thb", NZ_ALL, PRE | SUF, THB),
    CUR("baht", NZ_EN, SUF, THB),
    CUR("₹", NZ_ALL, PRE | SUF, INR),
    CUR("rs", NZ_EN, PRE, INR),
    CUR("rs.", NZ_EN, PRE, INR),
    CUR("inr", NZ_ALL, PRE | SUF, INR),
    CUR("rupee", NZ_EN | NZ_VI, SUF, INR),
    CUR("rupees", NZ_EN | NZ_VI, SUF, INR),
    CUR("chf", NZ_ALL, PRE | SUF, CHF),
    CUR("swiss francs", NZ_EN, SUF, CHF),
    CUR("cny", NZ_ALL, PRE | SUF, CNY),
    CUR("rmb", NZ_ALL, PRE | SUF, CNY),
    CUR("yuan", NZ_EN, SUF, CNY),
    CUR("jpy", NZ_ALL, PRE | SUF, JPY),
    CUR("yen", NZ_EN, SUF, JPY),
    CUR("¥", NZ_ALL, PRE | SUF, YEN),
    CUR("aed", NZ_ALL, PRE | SUF, AED),
    CUR("dirham", NZ_EN | NZ_VI, SUF, AED),
    CUR("dirhams", NZ_EN | NZ_VI, SUF, AED),
    CUR("qar", NZ_ALL, PRE | SUF, QAR),
    CUR("qatari riyal", NZ_EN, SUF, QAR),
    CUR("qatari riyals", NZ_EN, SUF, QAR),
    CUR("sar", NZ_ALL, PRE | SUF, SAR),
    CUR("saudi riyal", NZ_EN, SUF, SAR),
    CUR("saudi riyals", NZ_EN, SUF, SAR),
    CUR("riyal", NZ_EN, SUF, RIYAL),
    CUR("riyals", NZ_EN, SUF, RIYAL),
    CUR("rial", NZ_EN, SUF, RIAL),
    CUR("rials", NZ_EN, SUF, RIAL),
    CUR("dinar", NZ_EN, SUF, DINAR),
    CUR("dinars", NZ_EN, SUF, DINAR),
    CUR("myr", NZ_ALL, PRE | SUF, MYR),
    CUR("rm", NZ_EN, PRE | SUF, MYR),
    CUR("ringgit", NZ_EN, PRE | SUF, MYR),
    CUR("ringgits", NZ_EN, PRE | SUF, MYR),
    CUR("malaysia ringgit", NZ_EN, PRE | SUF, MYR),
    CUR("malaysian ringgit", NZ_EN, PRE | SUF, MYR),
    CUR("malaysian ringgits", NZ_EN, PRE | SUF, MYR),
    CUR("ils", NZ_ALL, PRE | SUF, ILS),
    CUR("₪", NZ_ALL, PRE | SUF, ILS),
    CUR("shekel", NZ_EN, SUF, ILS),
    CUR("shekels", NZ_EN, SUF, ILS),
    CUR("mnt", NZ_ALL, PRE | SUF, MNT),
    CUR("krw", NZ_ALL, PRE | SUF, KRW),
    CUR("₩", NZ_ALL, PRE | SUF, KRW),
    CUR("idr", NZ_ALL, PRE | SUF, IDR),
    CUR("rupiah", NZ_EN, SUF, IDR),
    CUR("₱", NZ_ALL, PRE | SUF, PHP),
    CUR("php", NZ_ALL, PRE | SUF, PHP),
    CUR("peso", NZ_EN, SUF, PHP), /* the product's markets: the Philippine peso */
    CUR("pesos", NZ_EN, SUF, PHP),
    CUR("philippine peso", NZ_EN, SUF, PHP),
    CUR("philippine pesos", NZ_EN, SUF, PHP),
    {NULL, 0, 0, 0},
};

/* Hundredths of the main unit. */
static const nz_word cents[] = {
    {"cent", NZ_EN, 0, 0},   {"cents", NZ_EN, 0, 0}, {"c", NZ_EN, 0, 0},
    {"¢", NZ_ALL, 0, 0},     {"sen", NZ_EN, 0, 0},   {"sens", NZ_EN, 0, 0},
    {"xen", NZ_VI, 0, 0},    {"xu", NZ_VI, 0, 0},    {"สตางค์", NZ_TH, 0, 0},
    {NULL, 0, 0, 0},
};

enum { FREE = 1, FREE_WORD, FREE_ON_US };

static const nz_word frees[] = {
    {"free", NZ_EN, FREE_WORD, 0},
    {"free of charge", NZ_EN, FREE, 0},
    {"free of cost", NZ_EN, FREE, 0},
    {"for free", NZ_EN, FREE, 0},
    {"at no cost", NZ_EN, FREE, 0},
    {"at no charge", NZ_EN, FREE, 0},
    {"at no extra cost", NZ_EN, FREE, 0},
    {"at no extra charge", NZ_EN, FREE, 0},
    {"at no additional cost", NZ_EN, FREE, 0},
    {"at no additional charge", NZ_EN, FREE, 0},
    {"no charge", NZ_EN, FREE, 0},
    {"no fee", NZ_EN, FREE, 0},
    {"no fees", NZ_EN, FREE, 0},
    {"without charge", NZ_EN, FREE, 0},
    {"complimentary", NZ_EN, FREE, 0},
    {"on the house", NZ_EN, FREE, 0},
    {"on us", NZ_EN, FREE_ON_US, 0},
    {"miễn phí", NZ_VI, FREE, 0},
    {"không mất phí", NZ_VI, FREE, 0},
    {"không tính phí", NZ_VI, FREE, 0},
    {"không thu phí", NZ_VI, FREE, 0},
    {"không mất tiền", NZ_VI, FREE, 0},
    {"ฟรี", NZ_TH, FREE, 0},
    {"ไม่มีค่าใช้จ่าย", NZ_TH, FREE, 0},
    {"ไม่เสียค่าใช้จ่าย", NZ_TH, FREE, 0},
    {"ไม่คิดค่าใช้จ่าย", NZ_TH, FREE, 0},
    {"ไม่มีค่าธรรมเนียม", NZ_TH, FREE, 0},
    {"ไม่เสียค่าธรรมเนียม", NZ_TH, FREE, 0},
    {"ไม่คิดค่าธรรมเนียม", NZ_TH, FREE, 0},
    {"ไม่มีค่าบริการ", NZ_TH, FREE, 0},
    {"ไม่คิดค่าบริการ", NZ_TH, FREE, 0},
    {NULL, 0, 0, 0},
};

/* "free" that says nothing about a price: "feel free to", "toll-free",
 * "free up space", "free from defects". */
static bool free_word_ok(const nz_text *t, size_t i, size_t end)
{
	static const char *const before[] = {"feel", "toll", "duty", "hands", "set", NULL};
	static const nz_word after[] = {
	    {"to", NZ_EN, 0, 0}, {"from", NZ_EN, 0, 0}, {"up", NZ_EN, 0, 0},
	    {"of", NZ_EN, 0, 0}, {"-", NZ_EN, 0, 0},    {NULL, 0, 0, 0}};
	size_t e;
	if (nz_cp_before(t, i, NULL) == '-' || nz_prev_word_in(t, i, before))
		return false;
	return !nz_table_ws(t, end, after, &e);
}

/* "shipping is on us", "it's on us"; not "count on us". */
static bool on_us_ok(const nz_text *t, size_t i)
{
	static const char *const be[] = {"is", "are", "be", "was", "were", "s", NULL};
	return nz_prev_word_in(t, i, be);
}

/* "not free", "isn't free", "no longer free", "không miễn phí", "ไม่ฟรี":
 * a price denied states none. */
static bool free_denied(const nz_text *t, size_t i)
{
	static const char *const neg[] = {"not", "never", "longer", "không", "chưa", "chẳng", NULL};
	static const char *const t_[] = {"t", NULL};
	if (nz_prev_word_in(t, i, neg))
		return true;
	size_t b = nz_prev_word(t, i, t_), s;
	if (b != (size_t)-1) {
		int32_t cp = nz_cp_before(t, b, &s);
		if (cp == '\'' || cp == 0x2019) /* isn't, aren't, wasn't */
			return true;
	}
	size_t j = i;
	while (nz_is_space(nz_cp_before(t, j, &s)))
		j = s;
	static const char mai[] = "ไม่";
	return j >= sizeof mai - 1 && !memcmp(t->s + j - (sizeof mai - 1), mai, sizeof mai - 1);
}

static void set_currency(nz_qty *q, int tag)
{
	strncpy(q->currency, codes[tag >> 2], sizeof q->currency - 1);
	q->currency[sizeof q->currency - 1] = 0;
	q->unit = true;
	q->factor = 1;
}

/* "... 43 cents", "... và 23 xu", and at the very end of a phrase a bare
 * "$20 43" / "3 GBP and one".  Adds to q->val. */
static void cents_tail(const nz_text *t, size_t i, nz_qty *q)
{
	static const char *const range_words[] = {"between", "from", "giữa", "từ", NULL};
	static const nz_word joins[] = {
	    {"and", NZ_EN, 0, 0}, {"&", NZ_ALL, 0, 0}, {"và", NZ_VI, 0, 0}, {NULL, 0, 0, 0}};
	nz_num n;
	size_t p = nz_ws(t, q->end), e, len;
	if (q->val != floor(q->val))
		return;
	if (nz_table(t, p, joins, &e))
		p = nz_ws(t, e);
	if (!nz_number(t, p, NZ_NUM_WORDS, &n) || n.val < 1 || n.val >= 100 ||
	    n.val != floor(n.val) || n.digits > 2)
		return;
	if (nz_table_ws(t, n.end, cents, &e)) {
		q->val += n.val / 100;
		q->end = e;
		return;
	}
	int32_t next = nz_cp(t, nz_ws(t, n.end), &len);
	if (next >= 0 && (nz_is_word(next) || nz_is_thai(next) || next == '$'))
		return;
	if (nz_prev_word_in(t, q->start, range_words))
		return; /* "between $10 and 20" is a range */
	q->val += n.val / 100;
	q->end = n.end;
}

/* The ".-" of a price written "199.-" (whole baht): its end, or 0. */
static size_t price_mark(const nz_text *t, size_t i)
{
	size_t len;
	if (i + 2 > t->n || t->s[i] != '.' || t->s[i + 1] != '-' || nz_digit(t, i + 2, &len) >= 0)
		return 0;
	return i + 2;
}

static bool money_qty(const nz_text *t, size_t i, nz_qty *q)
{
	size_t e;
	nz_num num;
	memset(q, 0, sizeof *q);
	q->start = i;
	q->scale = 1;
	const nz_word *w = nz_table(t, i, frees, &e);
	if (w && !free_denied(t, i) &&
	    (w->tag == FREE || (w->tag == FREE_WORD && free_word_ok(t, i, e)) ||
	     (w->tag == FREE_ON_US && on_us_ok(t, i)))) {
		q->unit = true;
		q->end = e;
		return true;
	}
	/* "a dollar", "a buck": one (a currency written only after a number,
	 * so never the "$" of "a $5 fee" or "a US$4.7 billion"; not "a pound
	 * of coffee") */
	if ((e = nz_article(t, i)) && (w = nz_table_ws(t, e, currencies, &e)) &&
	    (w->tag & SUF) && !(w->tag & PRE) && !nz_lit(t, nz_ws(t, e), "of")) {
		set_currency(q, w->tag);
		q->num = q->val = 1;
		q->end = e;
		return true;
	}
	/* "$5", "US$ 3.14", "VND1000", "RM 42" */
	w = nz_table_glued(t, i, currencies, &e);
	if (w && (w->tag & PRE)) {
		if (!nz_number(t, nz_ws(t, e), NZ_NUM_WORDS, &num))
			return false;
		set_currency(q, w->tag);
		q->num = q->val = num.val;
		q->scale = num.scale;
		q->end = num.end;
		if ((e = price_mark(t, num.end)))
			q->end = e;
		else
			cents_tail(t, i, q);
		return true;
	}
	if (!nz_number(t, i, NZ_NUM_WORDS, &num))
		return false;
	q->num = q->val = num.val;
	q->scale = num.scale;
	q->end = num.end;
	size_t mark = price_mark(t, num.end);
	if ((w = nz_table_ws(t, mark ? mark : num.end, currencies, &e)) && (w->tag & SUF)) {
		set_currency(q, w->tag);
		q->end = e;
		cents_tail(t, i, q);
	} else if (mark && (t->loc & NZ_TH) && !(t->loc & NZ_VI)) {
		/* Thai price style "199.-": baht */
		set_currency(q, THB << 2);
		q->end = mark;
	} else if (nz_table_ws(t, num.end, cents, &e)) {
		/* "10 cents" alone: a tenth of a dollar */
		set_currency(q, DOLLAR << 2);
		q->val = num.val / 100;
		q->end = e;
	} else if ((t->loc & NZ_VI) && num.scale >= 1e3) {
		/* vi "500k", "1.5 triệu": đồng unless a noun follows ("2 triệu
		 * người" is two million people). */
		if (nz_value_end(t, num.end, true))
			set_currency(q, VND << 2);
	}
	return true;
}

static bool money_unit(const nz_text *t, size_t i, nz_qty *q)
{
	size_t e;
	const nz_word *w = nz_table_ws(t, i, currencies, &e);
	if (!w || !(w->tag & SUF))
		return false;
	set_currency(q, w->tag);
	q->val = q->num;
	q->end = e;
	return true;
}

const nz_kind nz_money_kind = {KB_V_MONEY, false, money_qty, money_unit};
