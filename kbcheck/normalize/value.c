/* value.c - names, JSON, English wording, comparison and keys of values.
 *
 * JSON shape (the `kbcheck normalize` output and the "value" object of
 * reports), keys always in this order, absent keys omitted:
 *
 *   kind      "duration" | "money" | "number" | "percent" | "count" |
 *             "timerange" | "weekdays" | "bool" | "enum" | "none"
 *   min, max  numbers in canonical units, equal for one value, null for an
 *             open bound ("within 2 days": min null, max 172800).  Weekdays:
 *             first and last day, 1 = Monday ... 7 = Sunday.
 *   unit      "s" for durations, "min" for time ranges
 *   business  durations only: counted in business/working days
 *   currency  money only: ISO 4217 code when certain, else the symbol or
 *             name as written ("$"); "" for free
 *   days      weekdays, and time ranges that name days ("24/7"): names
 *             ["mon", ... "sun"]
 *   value     bool (true/false) and enum (the label)
 *   bound     "exact" | "at_most" | "at_least" | "range"
 *   text      the matched span, when given
 *
 * Kind none is written as {"kind": "none", "text": null}: the text key is
 * always there so that a consumer can tell "nothing found" at a glance.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "value.h"

static const char *const kind_names[] = {
    [KB_V_NONE] = "none",         [KB_V_BOOL] = "bool",
    [KB_V_DURATION] = "duration", [KB_V_MONEY] = "money",
    [KB_V_NUMBER] = "number",     [KB_V_PERCENT] = "percent",
    [KB_V_COUNT] = "count",       [KB_V_ENUM] = "enum",
    [KB_V_TIMERANGE] = "timerange", [KB_V_WEEKDAYS] = "weekdays",
};

static const char *const bound_names[] = {
    [KB_BOUND_EXACT] = "exact", [KB_BOUND_AT_MOST] = "at_most",
    [KB_BOUND_AT_LEAST] = "at_least", [KB_BOUND_RANGE] = "range",
};

static const char *const day_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const day_titles[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

#define EN_DASH "\xe2\x80\x93"

const char *kb_vkind_name(kb_vkind k)
{
	if ((unsigned)k < sizeof kind_names / sizeof kind_names[0] && kind_names[k])
		return kind_names[k];
	return "none";
}

kb_vkind kb_vkind_parse(const char *name)
{
	if (!name)
		return KB_V_NONE;
	for (size_t k = 0; k < sizeof kind_names / sizeof kind_names[0]; k++)
		if (kind_names[k] && !strcmp(kind_names[k], name))
			return (kb_vkind)k;
	return KB_V_NONE;
}

const char *kb_bound_name(kb_bound b)
{
	if ((unsigned)b < sizeof bound_names / sizeof bound_names[0])
		return bound_names[b];
	return "exact";
}

/* ---- JSON ---- */

void kb_value_json(kb_jsonw *w, const kb_value *v, const char *text)
{
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "kind", kb_vkind_name(v->kind));
	switch (v->kind) {
	case KB_V_NONE:
		kb_jsonw_key(w, "text");
		kb_jsonw_null(w);
		kb_jsonw_end(w);
		return;
	case KB_V_BOOL:
		kb_jsonw_kbool(w, "value", v->flag);
		break;
	case KB_V_ENUM:
		kb_jsonw_kstr(w, "value", v->label);
		break;
	default:
		kb_jsonw_knum(w, "min", v->min);
		kb_jsonw_knum(w, "max", v->max);
		if (v->kind == KB_V_DURATION) {
			kb_jsonw_kstr(w, "unit", "s");
			kb_jsonw_kbool(w, "business", v->business);
		} else if (v->kind == KB_V_TIMERANGE) {
			kb_jsonw_kstr(w, "unit", "min");
		} else if (v->kind == KB_V_MONEY) {
			kb_jsonw_kstr(w, "currency", v->currency);
		}
		if (v->days && (v->kind == KB_V_WEEKDAYS || v->kind == KB_V_TIMERANGE)) {
			kb_jsonw_key(w, "days");
			kb_jsonw_arr(w);
			for (int d = 0; d < 7; d++)
				if (v->days & (1u << d))
					kb_jsonw_str(w, day_names[d]);
			kb_jsonw_end(w);
		}
		break;
	}
	kb_jsonw_kstr(w, "bound", kb_bound_name(v->bound));
	if (text)
		kb_jsonw_kstr(w, "text", text);
	kb_jsonw_end(w);
}

/* ---- English ---- */

/* v in decimal, at least width digits (zero-padded), into out (24 bytes
 * hold any); returns the length.  Value keys format two numbers per claim,
 * and snprintf was a visible part of comparing a big knowledge base. */
static int put_digits(char *out, unsigned long long v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width && n < (int)sizeof tmp)
		tmp[n++] = '0';
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

/* x with `decimals` decimals (trailing zeros dropped unless fixed) and,
 * when grouped, commas between thousands: 1234567.5 -> "1,234,567.5".
 * Digits are written by hand: printf's %f and %g follow LC_NUMERIC and
 * would write "1,5" under a German locale. */
static void put_num(kb_buf *b, double x, int decimals, bool fixed, bool grouped)
{
	if (!isfinite(x)) {
		kb_buf_puts(b, isnan(x) ? "nan" : x < 0 ? "-inf" : "inf");
		return;
	}
	if (x < 0) {
		kb_buf_putc(b, '-');
		x = -x;
	}
	if (x >= 1e18) { /* past what an integer holds: "1.2e+24" */
		int exp = (int)floor(log10(x));
		double m = x / pow(10, exp);
		if (m >= 9.995) {
			m /= 10;
			exp++;
		}
		put_num(b, m, 2, false, false);
		kb_buf_puts(b, "e+");
		put_num(b, exp, 0, false, false);
		return;
	}
	long long scale = 1;
	for (int k = 0; k < decimals; k++)
		scale *= 10;
	if (x * scale >= 9e18) { /* too big for decimals to matter */
		decimals = 0;
		scale = 1;
	}
	char ip[32];
	unsigned long long scaled = (unsigned long long)llround(x * scale);
	int ilen = put_digits(ip, scaled / (unsigned long long)scale, 1);
	for (int k = 0; k < ilen; k++) {
		if (grouped && k && (ilen - k) % 3 == 0)
			kb_buf_putc(b, ',');
		kb_buf_putc(b, ip[k]);
	}
	char fp[24];
	int flen = decimals;
	if (decimals)
		put_digits(fp, scaled % (unsigned long long)scale, decimals);
	if (!fixed)
		while (flen > 0 && fp[flen - 1] == '0')
			flen--;
	if (flen > 0) {
		kb_buf_putc(b, '.');
		kb_buf_put(b, fp, (size_t)flen);
	}
}

static void put_bound(kb_buf *b, const kb_value *v)
{
	if (v->bound == KB_BOUND_AT_MOST)
		kb_buf_puts(b, "at most ");
	else if (v->bound == KB_BOUND_AT_LEAST)
		kb_buf_puts(b, "at least ");
}

/* The one value of a bounded or exact value. */
static double single(const kb_value *v)
{
	return v->bound == KB_BOUND_AT_LEAST ? v->min : v->max;
}

static bool whole(double x, double unit)
{
	double q = x / unit;
	return isfinite(q) && fabs(q - round(q)) < 1e-9 * (fabs(q) + 1);
}

/* Duration units by kb_tunit, for showing. */
static const struct {
	double secs;
	const char *name;
} tunits[] = {
    [KB_TU_NONE] = {0, NULL},           [KB_TU_SECOND] = {1, "second"},
    [KB_TU_MINUTE] = {60, "minute"},    [KB_TU_HOUR] = {3600, "hour"},
    [KB_TU_DAY] = {86400, "day"},       [KB_TU_WEEK] = {604800, "week"},
    [KB_TU_MONTH] = {2592000, "month"}, [KB_TU_YEAR] = {31536000, "year"},
};

enum { NTUNITS = sizeof tunits / sizeof tunits[0] };

/* The unit a duration [lo,hi] is shown in: the author's when the amounts
 * in it are at least 1 and in quarters ("12 months", "1.5 hours"; not
 * "0.5 hours" for "half an hour"), else the largest whole one ("30
 * minutes"). */
static kb_tunit shown_unit(const kb_value *v, double lo, double hi)
{
	static const kb_tunit largest[] = {KB_TU_YEAR, KB_TU_WEEK, KB_TU_DAY, KB_TU_HOUR,
					   KB_TU_MINUTE};
	kb_tunit u = v->unit < NTUNITS ? (kb_tunit)v->unit : KB_TU_NONE;
	if (u != KB_TU_NONE && lo >= tunits[u].secs && whole(lo, tunits[u].secs / 4) &&
	    whole(hi, tunits[u].secs / 4))
		return u;
	for (size_t k = 0; k < sizeof largest / sizeof largest[0]; k++)
		if (whole(lo, tunits[largest[k]].secs) && whole(hi, tunits[largest[k]].secs) && lo != 0)
			return largest[k];
	return KB_TU_SECOND;
}

static void format_duration(kb_buf *b, const kb_value *v)
{
	bool range = v->bound == KB_BOUND_RANGE;
	double lo = range ? v->min : single(v), hi = range ? v->max : lo;
	const char *name = "business day";
	double secs = 86400;
	if (!v->business) {
		kb_tunit u = shown_unit(v, lo, hi);
		name = tunits[u].name;
		secs = tunits[u].secs;
	}
	put_bound(b, v);
	put_num(b, lo / secs, 2, false, true);
	if (range) {
		kb_buf_puts(b, EN_DASH);
		put_num(b, hi / secs, 2, false, true);
	}
	kb_buf_printf(b, " %s%s", name, range || lo != secs ? "s" : "");
}

static bool is_code(const char *c)
{
	if (!*c)
		return false;
	for (; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z')))
			return false;
	return true;
}

static void put_money(kb_buf *b, const char *cur, double x)
{
	int dec = whole(x, 1) ? 0 : 2;
	if (is_code(cur)) {
		put_num(b, x, dec, true, true);
		kb_buf_printf(b, " %s", cur);
	} else {
		kb_buf_puts(b, cur);
		put_num(b, x, dec, true, true);
	}
}

static void format_money(kb_buf *b, const kb_value *v)
{
	if (!v->currency[0] && single(v) == 0) {
		kb_buf_puts(b, "free");
		return;
	}
	put_bound(b, v);
	if (v->bound != KB_BOUND_RANGE) {
		put_money(b, v->currency, single(v));
	} else if (is_code(v->currency)) {
		put_num(b, v->min, whole(v->min, 1) ? 0 : 2, true, true);
		kb_buf_puts(b, EN_DASH);
		put_money(b, v->currency, v->max);
	} else {
		put_money(b, v->currency, v->min);
		kb_buf_puts(b, EN_DASH);
		put_money(b, v->currency, v->max);
	}
}

static void put_clock(kb_buf *b, double m)
{
	int x = (int)m;
	kb_buf_printf(b, "%02d:%02d", x / 60, x % 60);
}

static void format_days(kb_buf *b, unsigned days)
{
	if ((days & 0x7f) == 0x7f) {
		kb_buf_puts(b, "every day");
		return;
	}
	int starts = 0, start = -1;
	for (int d = 0; d < 7; d++)
		if ((days & (1u << d)) && !(days & (1u << ((d + 6) % 7)))) {
			starts++;
			start = d;
		}
	if (starts == 1) {
		int end = start;
		while (days & (1u << ((end + 1) % 7)))
			end = (end + 1) % 7;
		kb_buf_puts(b, day_titles[start]);
		if (end != start)
			kb_buf_printf(b, EN_DASH "%s", day_titles[end]);
		return;
	}
	const char *sep = "";
	for (int d = 0; d < 7; d++)
		if (days & (1u << d)) {
			kb_buf_printf(b, "%s%s", sep, day_titles[d]);
			sep = ", ";
		}
}

void kb_value_format(kb_buf *b, const kb_value *v)
{
	switch (v->kind) {
	case KB_V_NONE:
		kb_buf_puts(b, "nothing");
		return;
	case KB_V_BOOL:
		kb_buf_puts(b, v->flag ? "yes" : "no");
		return;
	case KB_V_ENUM:
		kb_buf_puts(b, v->label ? v->label : "?");
		return;
	case KB_V_DURATION:
		format_duration(b, v);
		return;
	case KB_V_MONEY:
		format_money(b, v);
		return;
	case KB_V_WEEKDAYS:
		format_days(b, v->days);
		return;
	case KB_V_TIMERANGE:
		if (v->bound == KB_BOUND_RANGE) {
			put_clock(b, v->min);
			kb_buf_puts(b, EN_DASH);
			put_clock(b, v->max);
		} else {
			kb_buf_puts(b, v->bound == KB_BOUND_AT_MOST    ? "until "
				       : v->bound == KB_BOUND_AT_LEAST ? "from "
								       : "");
			put_clock(b, single(v));
		}
		if (v->days) {
			kb_buf_putc(b, ' ');
			format_days(b, v->days);
		}
		return;
	default: /* number, count, percent */
		put_bound(b, v);
		if (v->bound == KB_BOUND_RANGE) {
			put_num(b, v->min, 2, false, true);
			kb_buf_puts(b, EN_DASH);
			put_num(b, v->max, 2, false, true);
		} else {
			put_num(b, single(v), 2, false, true);
		}
		if (v->kind == KB_V_PERCENT)
			kb_buf_putc(b, '%');
		return;
	}
}

/* ---- comparison ---- */

static bool eq(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) <= 1e-9 * (fabs(a) + fabs(b) + 1);
}

/* The promise a numeric value makes: "at most X" and "exactly X" are one
 * promise (a KB saying "30 days" and one saying "within 30 days" agree). */
typedef struct promise {
	int cls; /* 0 = at most/exactly hi, 1 = at least lo, 2 = lo..hi */
	double lo, hi;
} promise;

/* A month counts 30 days and a year 365, so "12 months" (360 days) and
 * "1 year" (365) would differ by five days.  For comparing, a year is
 * twelve 30-day months: any amount written in years ("1.5 years" = "18
 * months"), and a whole number of 365-day years written in a unit below
 * the month ("365 days", which the author counts as a year) or unknown.
 * Amounts written in months or weeks stay as they are ("73 months"). */
static double calendar(double secs, unsigned char unit)
{
	const double year = 365.0 * 86400, cal_year = 360.0 * 86400;
	if (!isfinite(secs))
		return secs;
	if (unit == KB_TU_YEAR)
		return secs / year * cal_year;
	if (unit == KB_TU_MONTH || unit == KB_TU_WEEK || secs < year)
		return secs;
	double n = secs / year;
	return fabs(n - round(n)) < 1e-9 ? round(n) * cal_year : secs;
}

static promise promise_of(const kb_value *v)
{
	promise p = {0, NAN, v->max};
	if (v->bound == KB_BOUND_AT_LEAST) {
		p.cls = 1;
		p.lo = v->min;
		p.hi = NAN;
	} else if (v->bound == KB_BOUND_RANGE && !eq(v->min, v->max)) {
		/* ("3-3 days" is just 3 days) */
		p.cls = 2;
		p.lo = v->min;
	}
	if (v->kind == KB_V_DURATION) {
		p.lo = calendar(p.lo, v->unit);
		p.hi = calendar(p.hi, v->unit);
	}
	return p;
}

static bool numeric(kb_vkind k)
{
	return k == KB_V_DURATION || k == KB_V_MONEY || k == KB_V_NUMBER ||
	       k == KB_V_PERCENT || k == KB_V_COUNT;
}

bool kb_value_same(const kb_value *a, const kb_value *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case KB_V_NONE:
		return true;
	case KB_V_BOOL:
		return a->flag == b->flag;
	case KB_V_ENUM:
		return a->label && b->label ? !strcmp(a->label, b->label) : a->label == b->label;
	case KB_V_WEEKDAYS:
		return a->days == b->days;
	case KB_V_TIMERANGE:
		return a->bound == b->bound && eq(a->min, b->min) && eq(a->max, b->max) &&
		       a->days == b->days;
	default:
		break;
	}
	promise pa = promise_of(a), pb = promise_of(b);
	/* Nothing costs nothing in every currency: "$0" is "free". */
	bool zero = a->kind == KB_V_MONEY && pa.cls == 0 && pb.cls == 0 && pa.hi == 0 && pb.hi == 0;
	if ((!zero && strcmp(a->currency, b->currency) != 0) || a->business != b->business)
		return false;
	return pa.cls == pb.cls && eq(pa.lo, pb.lo) && eq(pa.hi, pb.hi);
}

/* Endpoints count as inside: "5 days" against "3-5 days" is a possible
 * conflict, not a plain disagreement. */
bool kb_value_inside(const kb_value *a, const kb_value *b)
{
	if (a->kind != b->kind || !numeric(a->kind) || b->bound != KB_BOUND_RANGE)
		return false;
	if (strcmp(a->currency, b->currency) != 0 || a->business != b->business)
		return false;
	if (a->bound != KB_BOUND_EXACT && a->bound != KB_BOUND_AT_MOST)
		return false;
	if (a->bound == KB_BOUND_AT_MOST && !isnan(a->min))
		return false;
	promise pa = promise_of(a), pb = promise_of(b); /* "12 months" in "1-2 years" */
	double x = pa.hi;
	return isfinite(x) && isfinite(pb.lo) && isfinite(pb.hi) && pb.lo < pb.hi &&
	       x >= pb.lo && x <= pb.hi;
}

/* "Within 3 days" and "1-3 days" make one promise: no later than 3 days
 * (a range and "at most" its own upper end). */
bool kb_value_agree(const kb_value *a, const kb_value *b)
{
	if (a->bound == KB_BOUND_RANGE && b->bound == KB_BOUND_AT_MOST)
		return kb_value_agree(b, a);
	if (a->kind != b->kind || !numeric(a->kind) || a->bound != KB_BOUND_AT_MOST ||
	    !isnan(a->min) || b->bound != KB_BOUND_RANGE)
		return false;
	if (strcmp(a->currency, b->currency) != 0 || a->business != b->business)
		return false;
	promise pa = promise_of(a), pb = promise_of(b);
	return isfinite(pa.hi) && eq(pa.hi, pb.hi);
}

/* "At least 1 year" is kept by "24 months" and by "12-24 months": every
 * value b allows lies at or above a's lower bound.  Durations only, and b
 * no lower bound itself: "orders over 800 THB" and "over 1,000 THB" are two
 * thresholds, not one kept by the other. */
bool kb_value_meets(const kb_value *a, const kb_value *b)
{
	if (a->kind != b->kind || a->kind != KB_V_DURATION || a->bound != KB_BOUND_AT_LEAST ||
	    b->bound == KB_BOUND_AT_LEAST)
		return false;
	if (strcmp(a->currency, b->currency) != 0 || a->business != b->business)
		return false;
	promise pa = promise_of(a), pb = promise_of(b);
	double lo = pb.cls == 0 ? pb.hi : pb.lo; /* exact: its value */
	return isfinite(pa.lo) && isfinite(lo) && lo >= pa.lo;
}

/* Keys keep six decimals: canonical values are seconds, minutes, money in
 * main units and percent, where a millionth is noise. */
static void put_key_num(kb_buf *b, double x)
{
	put_num(b, x, 6, false, false);
}

const char *kb_value_key(kb_arena *arena, const kb_value *v)
{
	kb_buf b = KB_BUF_INIT;
	kb_buf_puts(&b, kb_vkind_name(v->kind));
	switch (v->kind) {
	case KB_V_NONE:
		break;
	case KB_V_BOOL:
		kb_buf_puts(&b, v->flag ? ":yes" : ":no");
		break;
	case KB_V_ENUM:
		kb_buf_printf(&b, ":%s", v->label ? v->label : "");
		break;
	case KB_V_WEEKDAYS:
		kb_buf_printf(&b, ":%02x", v->days & 0x7f);
		break;
	case KB_V_TIMERANGE:
		kb_buf_printf(&b, ":%s:", kb_bound_name(v->bound));
		put_key_num(&b, v->min);
		kb_buf_puts(&b, "..");
		put_key_num(&b, v->max);
		kb_buf_printf(&b, ":%02x", v->days & 0x7f);
		break;
	default: {
		promise p = promise_of(v);
		kb_buf_puts(&b, p.cls == 0 ? ":=" : p.cls == 1 ? ":>=" : ":");
		if (p.cls != 0)
			put_key_num(&b, p.lo);
		if (p.cls == 2)
			kb_buf_puts(&b, "..");
		if (p.cls != 1)
			put_key_num(&b, p.hi);
		if (v->kind == KB_V_DURATION)
			kb_buf_puts(&b, v->business ? ":biz" : ":cal");
		else if (v->kind == KB_V_MONEY) /* "$0" is "free": no currency */
			kb_buf_printf(&b, ":%s", p.cls == 0 && p.hi == 0 ? "" : v->currency);
		break;
	}
	}
	const char *key = kb_strndup(arena, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	return key;
}
