/* find.c - kb_normalize_find: where values start, what is not a value,
 * and the bounds and ranges every numeric kind shares.
 *
 * A value is looked for at each word start from `from` on; the first one
 * that parses wins.  The numeric kinds (duration, money, number, count,
 * percent) share one grammar:
 *
 *     [bound] [range-prefix] QTY [connector QTY] [suffix-bound]
 *
 * where QTY is the kind's own quantity ("3 days", "$5", "15%", or a bare
 * number that takes its unit from the other end of a range: "3-5 days").
 * Time ranges and weekdays have grammars of their own (timerange.c,
 * weekdays.c).
 */
#include <math.h>
#include <string.h>

#include "normalize.h"
#include "nz.h"

enum { P_AT_MOST = 1, P_AT_LEAST, P_APPROX, P_BETWEEN, P_FROM, P_MASK = 0x0f };
/* A comparative ("more than", "dưới", "มากกว่า"): a negation before it
 * turns the bound round ("not more than", "không nhiều hơn", "ไม่มากกว่า"
 * are at most).  Not "within": "has not arrived within 7 days" still says
 * 7 days. */
enum { P_CMP = 0x10 };

/* Words before a value.  Approximations ("about") are read and ignored:
 * a KB that says "about 3 days" still promises 3 days. */
static const nz_word prefixes[] = {
    {"within", NZ_EN, P_AT_MOST, 0},
    {"up to", NZ_EN, P_AT_MOST, 0},
    {"upto", NZ_EN, P_AT_MOST, 0},
    {"no later than", NZ_EN, P_AT_MOST, 0},
    {"not later than", NZ_EN, P_AT_MOST, 0},
    {"no more than", NZ_EN, P_AT_MOST, 0},
    {"not more than", NZ_EN, P_AT_MOST, 0},
    {"no longer than", NZ_EN, P_AT_MOST, 0},
    {"not longer than", NZ_EN, P_AT_MOST, 0},
    {"at most", NZ_EN, P_AT_MOST, 0},
    {"at the most", NZ_EN, P_AT_MOST, 0},
    {"max", NZ_EN, P_AT_MOST, 0},
    {"max.", NZ_EN, P_AT_MOST, 0},
    {"maximum", NZ_EN, P_AT_MOST, 0},
    {"maximum of", NZ_EN, P_AT_MOST, 0},
    {"a maximum of", NZ_EN, P_AT_MOST, 0},
    {"in under", NZ_EN, P_AT_MOST | P_CMP, 0},
    {"in less than", NZ_EN, P_AT_MOST | P_CMP, 0},
    {"in no more than", NZ_EN, P_AT_MOST, 0},
    {"under", NZ_EN, P_AT_MOST | P_CMP, 0},
    {"less than", NZ_EN, P_AT_MOST | P_CMP, 0},
    {"fewer than", NZ_EN, P_AT_MOST | P_CMP, 0},
    {"below", NZ_EN, P_AT_MOST | P_CMP, 0},
    {"not exceeding", NZ_EN, P_AT_MOST, 0},
    {"not to exceed", NZ_EN, P_AT_MOST, 0},
    {"at least", NZ_EN, P_AT_LEAST, 0},
    {"minimum", NZ_EN, P_AT_LEAST, 0},
    {"minimum of", NZ_EN, P_AT_LEAST, 0},
    {"a minimum of", NZ_EN, P_AT_LEAST, 0},
    {"min.", NZ_EN, P_AT_LEAST, 0},
    {"more than", NZ_EN, P_AT_LEAST | P_CMP, 0},
    {"over", NZ_EN, P_AT_LEAST | P_CMP, 0},
    {"above", NZ_EN, P_AT_LEAST | P_CMP, 0},
    {"beyond", NZ_EN, P_AT_LEAST | P_CMP, 0},
    {"no less than", NZ_EN, P_AT_LEAST, 0},
    {"not less than", NZ_EN, P_AT_LEAST, 0},
    {"no fewer than", NZ_EN, P_AT_LEAST, 0},
    {"greater than", NZ_EN, P_AT_LEAST | P_CMP, 0},
    {"higher than", NZ_EN, P_AT_LEAST | P_CMP, 0},
    {"longer than", NZ_EN, P_AT_LEAST | P_CMP, 0},
    {"in more than", NZ_EN, P_AT_LEAST | P_CMP, 0},
    {"upwards of", NZ_EN, P_AT_LEAST, 0},
    {"starting at", NZ_EN, P_AT_LEAST, 0},
    {"starting from", NZ_EN, P_AT_LEAST, 0},
    {"about", NZ_EN, P_APPROX, 0},
    {"around", NZ_EN, P_APPROX, 0},
    {"approximately", NZ_EN, P_APPROX, 0},
    {"approx.", NZ_EN, P_APPROX, 0},
    {"approx", NZ_EN, P_APPROX, 0},
    {"roughly", NZ_EN, P_APPROX, 0},
    {"exactly", NZ_EN, P_APPROX, 0},
    {"just", NZ_EN, P_APPROX, 0},
    {"only", NZ_EN, P_APPROX, 0},
    {"circa", NZ_EN, P_APPROX, 0},
    {"~", NZ_ALL, P_APPROX, 0},
    {"between", NZ_EN, P_BETWEEN, 0},
    {"anywhere between", NZ_EN, P_BETWEEN, 0},
    {"from", NZ_EN, P_FROM, 0},
    {"anywhere from", NZ_EN, P_FROM, 0},
    /* Vietnamese */
    {"trong vòng", NZ_VI, P_AT_MOST, 0},
    {"trong", NZ_VI, P_AT_MOST, 0},
    {"trong thời hạn", NZ_VI, P_AT_MOST, 0},
    {"trong thời gian", NZ_VI, P_AT_MOST, 0},
    {"tối đa", NZ_VI, P_AT_MOST, 0},
    {"tối đa là", NZ_VI, P_AT_MOST, 0},
    {"không quá", NZ_VI, P_AT_MOST, 0},
    {"không vượt quá", NZ_VI, P_AT_MOST, 0},
    {"không lâu hơn", NZ_VI, P_AT_MOST, 0},
    {"không dài hơn", NZ_VI, P_AT_MOST, 0},
    {"không trễ hơn", NZ_VI, P_AT_MOST, 0},
    {"không muộn hơn", NZ_VI, P_AT_MOST, 0},
    {"chậm nhất", NZ_VI, P_AT_MOST, 0},
    {"muộn nhất", NZ_VI, P_AT_MOST, 0},
    {"nhiều nhất", NZ_VI, P_AT_MOST, 0},
    {"dưới", NZ_VI, P_AT_MOST | P_CMP, 0},
    {"không tới", NZ_VI, P_AT_MOST, 0},
    {"không đến", NZ_VI, P_AT_MOST, 0},
    {"không hơn", NZ_VI, P_AT_MOST, 0},
    {"chưa đến", NZ_VI, P_AT_MOST, 0},
    {"chưa tới", NZ_VI, P_AT_MOST, 0},
    {"ít hơn", NZ_VI, P_AT_MOST | P_CMP, 0},
    {"thấp hơn", NZ_VI, P_AT_MOST | P_CMP, 0},
    {"nhỏ hơn", NZ_VI, P_AT_MOST | P_CMP, 0},
    {"ít nhất", NZ_VI, P_AT_LEAST, 0},
    {"tối thiểu", NZ_VI, P_AT_LEAST, 0},
    {"trên", NZ_VI, P_AT_LEAST | P_CMP, 0},
    {"hơn", NZ_VI, P_AT_LEAST | P_CMP, 0},
    {"nhiều hơn", NZ_VI, P_AT_LEAST | P_CMP, 0},
    {"không ít hơn", NZ_VI, P_AT_LEAST, 0},
    {"không dưới", NZ_VI, P_AT_LEAST, 0},
    {"cao hơn", NZ_VI, P_AT_LEAST | P_CMP, 0},
    {"lớn hơn", NZ_VI, P_AT_LEAST | P_CMP, 0},
    {"sớm nhất", NZ_VI, P_AT_LEAST, 0},
    {"không sớm hơn", NZ_VI, P_AT_LEAST, 0},
    {"khoảng", NZ_VI, P_APPROX, 0},
    {"khoảng chừng", NZ_VI, P_APPROX, 0},
    {"tầm", NZ_VI, P_APPROX, 0},
    {"tầm khoảng", NZ_VI, P_APPROX, 0},
    {"xấp xỉ", NZ_VI, P_APPROX, 0},
    {"chừng", NZ_VI, P_APPROX, 0},
    {"chỉ", NZ_VI, P_APPROX, 0},
    {"trong khoảng", NZ_VI, P_APPROX, 0},
    {"từ", NZ_VI, P_FROM, 0},
    {"bắt đầu từ", NZ_VI, P_AT_LEAST, 0},
    {"chỉ từ", NZ_VI, P_AT_LEAST, 0},
    {"khoảng từ", NZ_VI, P_FROM, 0},
    {"giữa", NZ_VI, P_BETWEEN, 0},
    /* Thai */
    {"ภายใน", NZ_TH, P_AT_MOST, 0},
    {"ไม่เกิน", NZ_TH, P_AT_MOST, 0},
    {"ไม่เกินกว่า", NZ_TH, P_AT_MOST, 0},
    {"ไม่นานกว่า", NZ_TH, P_AT_MOST, 0},
    {"ไม่ช้ากว่า", NZ_TH, P_AT_MOST, 0},
    {"สูงสุด", NZ_TH, P_AT_MOST, 0},
    {"อย่างมาก", NZ_TH, P_AT_MOST, 0},
    {"ไม่ถึง", NZ_TH, P_AT_MOST, 0},
    {"น้อยกว่า", NZ_TH, P_AT_MOST | P_CMP, 0},
    {"ต่ำกว่า", NZ_TH, P_AT_MOST | P_CMP, 0},
    {"อย่างน้อย", NZ_TH, P_AT_LEAST, 0},
    {"ขั้นต่ำ", NZ_TH, P_AT_LEAST, 0},
    {"มากกว่า", NZ_TH, P_AT_LEAST | P_CMP, 0},
    {"เกิน", NZ_TH, P_AT_LEAST | P_CMP, 0},
    {"เกินกว่า", NZ_TH, P_AT_LEAST | P_CMP, 0},
    {"ไม่ต่ำกว่า", NZ_TH, P_AT_LEAST, 0},
    {"ไม่น้อยกว่า", NZ_TH, P_AT_LEAST, 0},
    {"ประมาณ", NZ_TH, P_APPROX, 0},
    {"ราว", NZ_TH, P_APPROX, 0},
    {"ราวๆ", NZ_TH, P_APPROX, 0},
    {"เพียง", NZ_TH, P_APPROX, 0},
    {"แค่", NZ_TH, P_APPROX, 0},
    {"เพียงแค่", NZ_TH, P_APPROX, 0},
    {"ตั้งแต่", NZ_TH, P_FROM, 0},
    /* a price list's lowest entry: "ค่าส่งเริ่มต้น 500 บาท" */
    {"เริ่มต้น", NZ_TH, P_AT_LEAST, 0},
    {"เริ่มต้นที่", NZ_TH, P_AT_LEAST, 0},
    {"เริ่มที่", NZ_TH, P_AT_LEAST, 0},
    {"ระหว่าง", NZ_TH, P_BETWEEN, 0},
    {NULL, 0, 0, 0},
};

/* Words between a bound and its value: "within the next 24 hours". */
static const nz_word fillers[] = {
    {"the next", NZ_EN, 0, 0},
    {"the first", NZ_EN, 0, 0},
    {"the", NZ_EN, 0, 0},
    {"là", NZ_VI, 0, 0},
    {"เวลา", NZ_TH, 0, 0},
    {"ระยะเวลา", NZ_TH, 0, 0},
    {NULL, 0, 0, 0},
};

static const nz_word suffix_bounds[] = {
    {"or less", NZ_EN, P_AT_MOST, 0},
    {"or fewer", NZ_EN, P_AT_MOST, 0},
    {"or under", NZ_EN, P_AT_MOST, 0},
    {"or below", NZ_EN, P_AT_MOST, 0},
    {"or lower", NZ_EN, P_AT_MOST, 0},
    {"or sooner", NZ_EN, P_AT_MOST, 0},
    {"or earlier", NZ_EN, P_AT_MOST, 0},
    {"at most", NZ_EN, P_AT_MOST, 0},
    {"at the most", NZ_EN, P_AT_MOST, 0},
    {"max", NZ_EN, P_AT_MOST, 0},
    {"max.", NZ_EN, P_AT_MOST, 0},
    {"maximum", NZ_EN, P_AT_MOST, 0},
    {"or more", NZ_EN, P_AT_LEAST, 0},
    {"or longer", NZ_EN, P_AT_LEAST, 0},
    {"or above", NZ_EN, P_AT_LEAST, 0},
    {"or over", NZ_EN, P_AT_LEAST, 0},
    {"or higher", NZ_EN, P_AT_LEAST, 0},
    {"or later", NZ_EN, P_AT_LEAST, 0},
    {"and up", NZ_EN, P_AT_LEAST, 0},
    {"and above", NZ_EN, P_AT_LEAST, 0},
    {"and over", NZ_EN, P_AT_LEAST, 0},
    {"at least", NZ_EN, P_AT_LEAST, 0},
    {"minimum", NZ_EN, P_AT_LEAST, 0},
    {"+", NZ_ALL, P_AT_LEAST, 0},
    {"trở xuống", NZ_VI, P_AT_MOST, 0},
    {"đổ xuống", NZ_VI, P_AT_MOST, 0},
    {"tối đa", NZ_VI, P_AT_MOST, 0},
    {"trở lên", NZ_VI, P_AT_LEAST, 0},
    {"đổ lên", NZ_VI, P_AT_LEAST, 0},
    {"tối thiểu", NZ_VI, P_AT_LEAST, 0},
    {"หรือน้อยกว่า", NZ_TH, P_AT_MOST, 0},
    {"ลงมา", NZ_TH, P_AT_MOST, 0},
    {"หรือมากกว่า", NZ_TH, P_AT_LEAST, 0},
    {"ขึ้นไป", NZ_TH, P_AT_LEAST, 0},
    {NULL, 0, 0, 0},
};

/* "and" joins a range only after "between"; a slash joins alternatives
 * whose second end has its own unit ("10/20 days", "150k/200k"), read
 * as a range like "10 or 20 days". */
enum { C_ANY = 1, C_BETWEEN, C_SLASH };

static const nz_word connectors[] = {
    {"-", NZ_ALL, C_ANY, 0},
    {"\xe2\x80\x93", NZ_ALL, C_ANY, 0}, /* en dash */
    {"\xe2\x80\x94", NZ_ALL, C_ANY, 0}, /* em dash */
    {"~", NZ_ALL, C_ANY, 0},
    {"to", NZ_EN, C_ANY, 0},
    {"through", NZ_EN, C_ANY, 0},
    {"thru", NZ_EN, C_ANY, 0},
    {"or", NZ_EN, C_ANY, 0},
    {"and", NZ_EN, C_BETWEEN, 0},
    {"&", NZ_ALL, C_BETWEEN, 0},
    {"/", NZ_ALL, C_SLASH, 0},
    {"đến", NZ_VI, C_ANY, 0},
    {"tới", NZ_VI, C_ANY, 0},
    {"hoặc", NZ_VI, C_ANY, 0},
    {"và", NZ_VI, C_BETWEEN, 0},
    {"ถึง", NZ_TH, C_ANY, 0},
    {"จนถึง", NZ_TH, C_ANY, 0},
    {"หรือ", NZ_TH, C_ANY, 0},
    {"และ", NZ_TH, C_BETWEEN, 0},
    {NULL, 0, 0, 0},
};

bool nz_bare_qty(const nz_text *t, size_t i, unsigned flags, nz_qty *q)
{
	nz_num num;
	memset(q, 0, sizeof *q);
	if (!nz_number(t, i, flags, &num))
		return false;
	q->num = q->val = num.val;
	q->factor = 1;
	q->scale = num.scale;
	q->start = i;
	q->end = num.end;
	return true;
}

enum { AF_PARTICLE = 1, AF_FUNCTION };

static const nz_word afters[] = {
    /* Vietnamese chat particles and their spellings */
    {"nha", NZ_VI, AF_PARTICLE, 0},  {"nhaa", NZ_VI, AF_PARTICLE, 0},
    {"nhé", NZ_VI, AF_PARTICLE, 0},  {"nhe", NZ_VI, AF_PARTICLE, 0},
    {"nhá", NZ_VI, AF_PARTICLE, 0},  {"nhen", NZ_VI, AF_PARTICLE, 0},
    {"nghen", NZ_VI, AF_PARTICLE, 0}, {"nhoa", NZ_VI, AF_PARTICLE, 0},
    {"nka", NZ_VI, AF_PARTICLE, 0},  {"ạ", NZ_VI, AF_PARTICLE, 0},
    {"à", NZ_VI, AF_PARTICLE, 0},    {"á", NZ_VI, AF_PARTICLE, 0},
    {"ha", NZ_VI, AF_PARTICLE, 0},   {"hen", NZ_VI, AF_PARTICLE, 0},
    {"nè", NZ_VI, AF_PARTICLE, 0},   {"ne", NZ_VI, AF_PARTICLE, 0},
    {"đó", NZ_VI, AF_PARTICLE, 0},   {"đấy", NZ_VI, AF_PARTICLE, 0},
    {"ấy", NZ_VI, AF_PARTICLE, 0},   {"thôi", NZ_VI, AF_PARTICLE, 0},
    {"thui", NZ_VI, AF_PARTICLE, 0}, {"luôn", NZ_VI, AF_PARTICLE, 0},
    {"nhỉ", NZ_VI, AF_PARTICLE, 0},  {"hả", NZ_VI, AF_PARTICLE, 0},
    {"ak", NZ_VI, AF_PARTICLE, 0},   {"ah", NZ_VI, AF_PARTICLE, 0},
    /* Thai polite and softening particles */
    {"ค่ะ", NZ_TH, AF_PARTICLE, 0},   {"คะ", NZ_TH, AF_PARTICLE, 0},
    {"ค่า", NZ_TH, AF_PARTICLE, 0},   {"ครับ", NZ_TH, AF_PARTICLE, 0},
    {"คับ", NZ_TH, AF_PARTICLE, 0},   {"นะ", NZ_TH, AF_PARTICLE, 0},
    {"นะคะ", NZ_TH, AF_PARTICLE, 0},  {"นะครับ", NZ_TH, AF_PARTICLE, 0},
    {"จ้า", NZ_TH, AF_PARTICLE, 0},   {"จ้ะ", NZ_TH, AF_PARTICLE, 0},
    {"จ๊ะ", NZ_TH, AF_PARTICLE, 0},   {"ฮะ", NZ_TH, AF_PARTICLE, 0},
    {"เลย", NZ_TH, AF_PARTICLE, 0},
    /* vi words after a price */
    {"cho", NZ_VI, AF_FUNCTION, 0},  {"một", NZ_VI, AF_FUNCTION, 0},
    {"mỗi", NZ_VI, AF_FUNCTION, 0},  {"với", NZ_VI, AF_FUNCTION, 0},
    {"khi", NZ_VI, AF_FUNCTION, 0},  {"nếu", NZ_VI, AF_FUNCTION, 0},
    {"và", NZ_VI, AF_FUNCTION, 0},   {"hoặc", NZ_VI, AF_FUNCTION, 0},
    {"là", NZ_VI, AF_FUNCTION, 0},   {"thì", NZ_VI, AF_FUNCTION, 0},
    {"nhưng", NZ_VI, AF_FUNCTION, 0}, {"mà", NZ_VI, AF_FUNCTION, 0},
    {"để", NZ_VI, AF_FUNCTION, 0},   {"trở", NZ_VI, AF_FUNCTION, 0},
    {"đến", NZ_VI, AF_FUNCTION, 0},  {"tới", NZ_VI, AF_FUNCTION, 0},
    {"nên", NZ_VI, AF_FUNCTION, 0},  {"rồi", NZ_VI, AF_FUNCTION, 0},
    {"nữa", NZ_VI, AF_FUNCTION, 0},  {"bao gồm", NZ_VI, AF_FUNCTION, 0},
    {"đã", NZ_VI, AF_FUNCTION, 0},   {"sẽ", NZ_VI, AF_FUNCTION, 0},
    {"được", NZ_VI, AF_FUNCTION, 0}, {"trên", NZ_VI, AF_FUNCTION, 0},
    {NULL, 0, 0, 0},
};

bool nz_value_end(const nz_text *t, size_t i, bool function_words)
{
	size_t q = nz_ws(t, i), len, e;
	int32_t next = nz_cp(t, q, &len);
	if (next < 0 || (!nz_is_word(next) && !nz_is_thai(next)))
		return true;
	const nz_word *w = nz_table(t, q, afters, &e);
	return w && (w->tag == AF_PARTICLE || function_words);
}

/* Give a bare end of a range the unit of the other end: "3-5 days",
 * "$10-20", "1-2 triệu đồng" (the scale word carries over too). */
static bool unify(const nz_kind *k, nz_qty *a, nz_qty *b)
{
	if (!a->unit && !b->unit) {
		if (!k->bare_ok)
			return false;
	} else if (!a->unit) {
		if (a->scale == 1 && b->scale > 1 && a->num * b->scale <= b->num)
			a->num *= b->scale;
		a->val = a->num * b->factor;
		a->factor = b->factor;
		a->shown = b->shown;
		a->business = b->business;
		memcpy(a->currency, b->currency, sizeof a->currency);
	} else if (!b->unit) {
		b->val = b->num * a->factor;
		b->shown = a->shown;
		b->business = a->business;
		memcpy(b->currency, a->currency, sizeof b->currency);
	} else if (strcmp(a->currency, b->currency) != 0) {
		return false;
	}
	if (k->kind == KB_V_MONEY && !a->currency[0] && a->unit)
		return false; /* "free" is no range end */
	return a->val <= b->val;
}

static void fill(const nz_kind *k, kb_value *v, kb_bound bound, const nz_qty *a,
		 const nz_qty *b, size_t start, size_t end)
{
	memset(v, 0, sizeof *v);
	v->kind = k->kind;
	v->bound = bound;
	v->business = a->business || (b && b->business);
	if (k->kind == KB_V_DURATION) /* "1 week to 10 days": in days */
		v->unit = nz_tunit(b && b->shown < a->shown ? b->shown : a->shown);
	memcpy(v->currency, a->currency, sizeof v->currency);
	v->currency[sizeof v->currency - 1] = 0;
	switch (bound) {
	case KB_BOUND_EXACT:
		v->min = v->max = a->val;
		break;
	case KB_BOUND_AT_MOST:
		v->min = NAN;
		v->max = a->val;
		break;
	case KB_BOUND_AT_LEAST:
		v->min = a->val;
		v->max = NAN;
		break;
	case KB_BOUND_RANGE:
		v->min = a->val;
		v->max = b->val;
		break;
	}
	v->start = start;
	v->end = end;
}

/* A bare number b followed by another kind's unit ("5 ngày - 100% hoàn
 * tiền", "3 days - 100,000đ") ends no range of kind k: it is a value of
 * its own. */
static bool foreign_unit(const nz_kind *k, const nz_text *t, const nz_qty *b)
{
	static const nz_kind *const kinds[] = {&nz_duration_kind, &nz_money_kind,
					       &nz_percent_kind};
	if (b->unit)
		return false;
	for (size_t j = 0; j < sizeof kinds / sizeof kinds[0]; j++) {
		nz_qty q = *b;
		if (kinds[j]->kind != k->kind && kinds[j]->unit(t, b->end, &q))
			return true;
	}
	return false;
}

/* The second end of a range after connector c at p, into b. */
static bool range_end(const nz_kind *k, const nz_text *t, const nz_word *c, int range_prefix,
		      size_t p, nz_qty *a, nz_qty *b)
{
	if (!c || !(c->tag == C_ANY || (c->tag == C_BETWEEN && range_prefix == P_BETWEEN) ||
		    c->tag == C_SLASH))
		return false;
	if (!k->qty(t, nz_ws(t, p), b) || foreign_unit(k, t, b))
		return false;
	if (c->tag == C_SLASH && !b->unit)
		return false;
	return unify(k, a, b);
}

/* Does the text before i end with lit (bytes, after skipping spaces)?
 * The start of lit, or (size_t)-1. */
static size_t ends_with(const nz_text *t, size_t i, const char *lit)
{
	size_t s, len = strlen(lit);
	while (nz_is_space(nz_cp_before(t, i, &s)))
		i = s;
	return i >= len && !memcmp(t->s + i - len, lit, len) ? i - len : (size_t)-1;
}

/* A negation right before a comparative at i: "not", "never", "không",
 * "chưa", Thai "ไม่".  Its start (not before t->from) into *start. */
static bool negated_before(const nz_text *t, size_t i, size_t *start)
{
	static const char *const words[] = {"not", "no", "never", "không", "chẳng", "chưa", NULL};
	size_t b = nz_prev_word(t, i, words);
	if (b == (size_t)-1 && (t->loc & NZ_TH))
		b = ends_with(t, i, "ไม่");
	if (b == (size_t)-1 || b < t->from)
		return false;
	*start = b;
	return true;
}

/* A quantity no knowledge base states: a number past KB_VALUE_LIMIT, or
 * one that overflowed to infinity (a 400-digit "days"), is no value
 * rather than "inf seconds" in a report or a suggestion. */
static bool in_range(const nz_qty *q)
{
	return isfinite(q->val) && fabs(q->val) < KB_VALUE_LIMIT;
}

bool nz_generic_at(const nz_kind *k, const nz_text *t, size_t i, kb_value *v)
{
	size_t p = i, e, start = i;
	kb_bound bound = KB_BOUND_EXACT;
	int range_prefix = 0;
	bool beyond = false;
	for (int n = 0; n < 3; n++) {
		const nz_word *w = nz_table(t, p, prefixes, &e);
		if (!w)
			break;
		int tag = w->tag & P_MASK;
		bool flip = n == 0 && (w->tag & P_CMP) && negated_before(t, i, &start);
		if (tag == P_AT_MOST)
			bound = flip ? KB_BOUND_AT_LEAST : KB_BOUND_AT_MOST;
		else if (tag == P_AT_LEAST)
			bound = flip ? KB_BOUND_AT_MOST : KB_BOUND_AT_LEAST;
		else if (tag == P_BETWEEN || tag == P_FROM)
			range_prefix = tag;
		beyond = tag == P_AT_LEAST && (w->tag & P_CMP) && !flip;
		p = nz_ws(t, e);
		if (nz_table(t, p, fillers, &e))
			p = nz_ws(t, e);
		if (range_prefix)
			break;
	}
	nz_qty a, b;
	if (!k->qty(t, p, &a) || !in_range(&a))
		return false;
	size_t end = a.end;
	const nz_word *c = nz_table_ws(t, a.end, connectors, &e);
	if (range_end(k, t, c, range_prefix, e, &a, &b)) {
		if (!in_range(&b))
			return false;
		fill(k, v, KB_BOUND_RANGE, &a, &b, start, b.end);
		return true;
	}
	if (range_prefix == P_BETWEEN)
		return false;
	if (range_prefix == P_FROM)
		bound = KB_BOUND_AT_LEAST;
	const nz_word *sb = nz_table_ws(t, end, suffix_bounds, &e);
	if (!a.unit && !k->bare_ok) {
		/* "3 or more days", "3+ days" */
		if (!sb || !k->unit(t, e, &a))
			return false;
		end = a.end;
		bound = sb->tag == P_AT_MOST ? KB_BOUND_AT_MOST : KB_BOUND_AT_LEAST;
	} else if (sb) {
		bound = sb->tag == P_AT_MOST ? KB_BOUND_AT_MOST : KB_BOUND_AT_LEAST;
		end = e;
	}
	fill(k, v, bound, &a, NULL, start, end);
	v->beyond = beyond && bound == KB_BOUND_AT_LEAST;
	return true;
}

/* ---- things that look like numbers but are not values ---- */

/* Digits at p: count and end. */
static size_t run(const nz_text *t, size_t p, size_t *nd)
{
	double v = 0;
	*nd = 0;
	return nz_digit_run(t, p, &v, nd, NULL);
}

/* Phone numbers: "0912 345 678", "1900 1234", "+66 2 123 4567",
 * "(028) 3823 4567"; also long digit strings (ids). */
static size_t phone_end(const nz_text *t, size_t i)
{
	size_t p = i, nd, total = 0, groups = 0, e;
	bool intl = false, odd = false, lead0;
	if (p < t->n && t->s[p] == '+') {
		intl = true;
		p++;
	}
	if (p < t->n && t->s[p] == '(') {
		intl = true;
		p++;
	}
	lead0 = p < t->n && t->s[p] == '0';
	size_t last = 0;
	while (groups < 8) { /* no phone number has more */
		e = run(t, p, &nd);
		if (!nd)
			break;
		if (groups > 0 && nd != 3)
			odd = true;
		total += nd;
		groups++;
		last = e;
		p = e;
		if (p < t->n && t->s[p] == ')')
			p++;
		if (p < t->n && (t->s[p] == ' ' || t->s[p] == '-' || t->s[p] == '.'))
			p++;
		size_t len;
		if (nz_digit(t, p, &len) < 0)
			break;
	}
	if (!last)
		return 0;
	if ((groups == 1 && total >= 10) ||
	    (groups > 1 && total >= 8 && (intl || lead0 || odd)))
		return last;
	return 0;
}

/* Dates: "2024-05-12", "12/05/2024", "12.05.2024". */
static size_t date_end(const nz_text *t, size_t i)
{
	size_t nd1, nd2, nd3;
	size_t p = run(t, i, &nd1);
	if (!nd1 || nd1 > 4 || p >= t->n)
		return 0;
	char sep = t->s[p];
	if (sep != '/' && sep != '-' && sep != '.')
		return 0;
	size_t q = run(t, p + 1, &nd2);
	if (!nd2 || nd2 > 2 || q >= t->n || t->s[q] != sep)
		return 0;
	size_t r = run(t, q + 1, &nd3);
	return nd3 && nd3 <= 4 ? r : 0;
}

/* Clock times "8:30", "8h30", "14.00 น." are times of day, not numbers. */
static size_t clock_end(const nz_text *t, size_t i)
{
	size_t nd1, nd2;
	size_t p = run(t, i, &nd1);
	if (!nd1 || nd1 > 2 || p + 1 >= t->n)
		return 0;
	char c = t->s[p];
	if (c != ':' && c != 'h' && c != 'H' && c != 'g')
		return 0;
	size_t q = run(t, p + 1, &nd2);
	return nd2 == 2 ? q : 0;
}

/* End of a run at i that is not a value of kind, or 0. */
static size_t not_a_value(const nz_text *t, size_t i, kb_vkind kind)
{
	size_t e, len;
	bool allweek;
	if (kind != KB_V_TIMERANGE && kind != KB_V_WEEKDAYS && (e = nz_always(t, i, &allweek)))
		return e;
	if (nz_digit(t, i, &len) < 0 && t->s[i] != '+' && t->s[i] != '(')
		return 0;
	if ((e = phone_end(t, i)) || (e = date_end(t, i)))
		return e;
	if (kind != KB_V_TIMERANGE && (e = clock_end(t, i)))
		return e;
	return 0;
}

/* Numeric kinds skip what another kind claims: a duration or a number is
 * not the "8h-22h" of opening hours, a count not the "3" of "3 days" or
 * "$3" either. */
static size_t claimed_by_other(const nz_text *t, size_t i, kb_vkind kind)
{
	kb_value o;
	static const nz_kind *const others[] = {&nz_duration_kind, &nz_money_kind,
						&nz_percent_kind};
	size_t end;
	bool strong;
	if (nz_timerange_span(t, i, &end, &strong) && (strong || kind == KB_V_COUNT))
		return end;
	if (kind != KB_V_COUNT)
		return 0;
	for (size_t k = 0; k < sizeof others / sizeof others[0]; k++)
		if (nz_generic_at(others[k], t, i, &o))
			return o.end;
	return 0;
}

/* A number that is a position, not an amount: after vi "thứ" ("lần thứ
 * 3", and "thứ 7" is Saturday) or after Thai "ที่" that follows a
 * classifier ("ครั้งที่ 3" the third time, "ชิ้นที่ 2" the second piece). */
static bool ordinal_before(const nz_text *t, size_t i)
{
	static const char *const vi[] = {"thứ", NULL};
	static const char *const th[] = {"ครั้ง", "ชิ้น", "อันดับ", "ลำดับ", "คน", "ข้อ",
					 "ขั้นตอน", "รอบ", "งวด", "ตัว", "ชุด", "อัน",
					 "สัปดาห์", "เดือน", "ปี", "วัน", "ฉบับ", "เล่ม", NULL};
	if ((t->loc & NZ_VI) && nz_prev_word_in(t, i, vi))
		return true;
	size_t k;
	if (!(t->loc & NZ_TH) || (k = ends_with(t, i, "ที่")) == (size_t)-1)
		return false;
	for (const char *const *w = th; *w; w++)
		if (ends_with(t, k, *w) == k - strlen(*w))
			return true;
	return false;
}

/* A minus sign right before i that is a sign, not a dash: "-3 days",
 * "within −3 days", "-$5", but not "3-5 days", "COVID-19" or a list's
 * "- 3 days".  A negative amount is no duration, price or percentage a
 * KB promises; reading it without its sign would state the opposite. */
static bool minus_before(const nz_text *t, size_t i)
{
	size_t s;
	int32_t c = nz_cp_before(t, i, &s);
	if (c != '-' && c != 0x2212)
		return false;
	c = nz_cp_before(t, s, &s);
	return !nz_is_word(c) && c != '.' && c != ',';
}

static bool value_at(kb_vkind kind, const nz_text *t, size_t i, kb_value *v)
{
	switch (kind) {
	case KB_V_DURATION:
		return nz_generic_at(&nz_duration_kind, t, i, v);
	case KB_V_MONEY:
		return nz_generic_at(&nz_money_kind, t, i, v);
	case KB_V_PERCENT:
		return nz_generic_at(&nz_percent_kind, t, i, v);
	case KB_V_NUMBER:
		return nz_generic_at(&nz_number_kind, t, i, v);
	case KB_V_COUNT:
		return nz_generic_at(&nz_count_kind, t, i, v);
	case KB_V_TIMERANGE:
		return nz_timerange_at(t, i, v);
	case KB_V_WEEKDAYS:
		return nz_weekdays_at(t, i, v);
	default:
		return false;
	}
}

bool kb_normalize_find(kb_vkind kind, const char *locale, const char *text,
		       size_t n, size_t from, kb_value *v)
{
	nz_text t;
	nz_text_init(&t, locale, text, n);
	t.from = from;
	size_t p = from;
	while (p < n) {
		size_t len, e;
		nz_cp(&t, p, &len);
		if (!len)
			len = 1;
		if (nz_word_start(&t, p)) {
			if ((e = not_a_value(&t, p, kind)) ||
			    (kind != KB_V_TIMERANGE && kind != KB_V_WEEKDAYS &&
			     (e = claimed_by_other(&t, p, kind)))) {
				p = e;
				continue;
			}
			if (value_at(kind, &t, p, v)) {
				if (kind != KB_V_NUMBER && minus_before(&t, p)) {
					p = v->end; /* "-3 days": no value */
					continue;
				}
				bool numeric = kind != KB_V_TIMERANGE && kind != KB_V_WEEKDAYS;
				if ((kind != KB_V_DURATION || nz_duration_context_ok(&t, v)) &&
				    !(numeric && ordinal_before(&t, v->start)))
					return true;
				p = v->end;
				continue;
			}
		}
		p += len;
	}
	memset(v, 0, sizeof *v);
	v->kind = KB_V_NONE;
	v->min = v->max = NAN;
	return false;
}
