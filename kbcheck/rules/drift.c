/* drift.c - the same statement with other values; see drift.h. */
#include "drift.h"

#include <string.h>

#include "../base/buf.h"
#include "../base/hash.h"
#include "../base/text.h"

enum { SHAPE_MAX = 72, MAX_TOKENS = 32 };

/* Unit words and symbols: after a number (attached or one space away) they
 * make it a value a policy states.  Folded (lower case). */
static const char *const units[] = {
    /* time */
    "seconds", "second", "secs", "sec", "minutes", "minute", "mins", "min", "hours", "hour",
    "hrs", "hr", "h", "days", "day", "weeks", "week", "months", "month", "years", "year",
    "business", "working", "giây", "phút", "giờ", "tiếng", "ngày", "tuần", "tháng", "năm",
    "วินาที", "นาที", "ชั่วโมง", "ชม", "วัน", "สัปดาห์", "อาทิตย์", "เดือน", "ปี",
    /* money */
    "usd", "dollars", "dollar", "vnd", "vnđ", "đồng", "đ", "₫", "k", "nghìn", "ngàn", "triệu",
    "tr", "บาท", "฿", "thb", "baht", "eur", "euros", "euro", "€", "£", "gbp", "rm", "myr",
    "₱", "php", "sgd", "cents", "cent",
    /* weight, size, data */
    "kg", "kgs", "kilograms", "kilogram", "kilos", "kilo", "g", "grams", "gram", "lbs", "lb",
    "pounds", "tons", "ton", "tonnes", "tonne", "tấn", "tạ", "yến", "ký", "kí", "กก",
    "กิโลกรัม", "กิโล", "km", "cm", "mm", "m", "inches", "inch", "in", "mét", "gb", "mb", "tb",
    /* things counted */
    "pieces", "piece", "pcs", "items", "item", "bags", "bag", "chiếc", "cái", "món", "kiện",
    "ชิ้น", "ใบ", "กล่อง",
    /* shares */
    "%", "percent", "phần trăm", "เปอร์เซ็นต์", NULL};

static const char *const currency_before[] = {"$", "€", "£", "฿", "₫", "₱", "rm", "s$", "us$",
					      "usd", "vnd", "thb", NULL};

static const char *const months[] = {"january", "february", "march", "april", "may", "june",
				     "july", "august", "september", "october", "november",
				     "december", NULL};
static const char *const months3[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
				      "sep", "oct", "nov", "dec", NULL};

static bool digit(char c) { return c >= '0' && c <= '9'; }
static bool ascii_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* A letter of any script (ASCII letters, and any code point from Latin-1
 * on: Vietnamese, Thai). */
static bool letter_at(const char *t, size_t i) { return ascii_alpha(t[i]) || (unsigned char)t[i] >= 0xC3; }

/* Case-insensitive prefix test of word w at t[i] (ASCII folding; the
 * non-ASCII words of the lists are lower case as written). */
static size_t word_at(const char *t, size_t i, size_t e, const char *w)
{
	char c0 = i < e ? t[i] : 0;
	if ((c0 >= 'A' && c0 <= 'Z' ? (char)(c0 | 0x20) : c0) != w[0])
		return 0; /* most words differ at once */
	size_t n = strlen(w);
	if (i + n > e)
		return 0;
	for (size_t k = 0; k < n; k++) {
		char a = t[i + k];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a | 0x20);
		if (a != w[k])
			return 0;
	}
	/* Whole word: not followed by a letter when w ends with one ("h" is
	 * not the start of "hướng"). */
	if ((ascii_alpha(w[n - 1]) || (unsigned char)w[n - 1] >= 0x80) && i + n < e &&
	    letter_at(t, i + n))
		return 0;
	return n;
}

static size_t in_list(const char *t, size_t i, size_t e, const char *const *list, int *which)
{
	for (int k = 0; list[k]; k++) {
		size_t n = word_at(t, i, e, list[k]);
		if (n) {
			if (which)
				*which = k;
			return n;
		}
	}
	return 0;
}

typedef struct {
	size_t start, end;  /* the value with its unit, currency, month */
	size_t ds, de;      /* the digits (masked in the shape) */
	size_t ms, me;      /* a month name (masked), or ms == me */
	bool compared;
	bool clock, date;   /* a time of day; a date (a month, or its year) */
	char canon[48];     /* what is compared */
} token;

/* Digits with separators from t[i]: "500.000", "8:00", "0,5", "2024". */
static size_t number_end(const char *t, size_t i, size_t e)
{
	while (i < e && (digit(t[i]) || ((t[i] == '.' || t[i] == ',' || t[i] == ':' || t[i] == '/') &&
					 i + 1 < e && digit(t[i + 1]))))
		i++;
	return i;
}

/* A phone number from t[i]: digits with spaces, dashes, dots, parentheses
 * and a leading '+', at least 7 digits in at least two groups. */
static size_t phone_end(const char *t, size_t i, size_t e)
{
	size_t j = i, digits = 0, groups = 0, last = i;
	bool in = false;
	while (j < e && (digit(t[j]) || t[j] == ' ' || t[j] == '-' || t[j] == '.' || t[j] == '(' ||
			 t[j] == ')' || (t[j] == '+' && j == i))) {
		if (digit(t[j])) {
			digits++;
			if (!in)
				groups++;
			in = true;
			last = j + 1;
		} else {
			in = false;
			if (t[j] == ' ' && j + 1 < e && !digit(t[j + 1]) && t[j + 1] != '(' && t[j + 1] != '-')
				break;
		}
		j++;
	}
	return digits >= 7 && groups >= 2 ? last : 0;
}

/* Canonical digits: grouping separators (a '.' or ',' before exactly three
 * digits) dropped, so "500.000" and "500,000" compare equal. */
static void canon_digits(const char *t, size_t s, size_t e, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = s; i < e && k + 1 < cap; i++) {
		if (t[i] == '.' || t[i] == ',') {
			size_t j = i + 1;
			while (j < e && digit(t[j]))
				j++;
			if (j - i - 1 == 3)
				continue; /* a thousands separator */
		}
		out[k++] = t[i] == ',' ? '.' : t[i];
	}
	out[k] = '\0';
}

/* Does a date ("July 8th, ") end right before t[i]? */
static bool after_date(const char *t, size_t s, size_t i)
{
	size_t b = i;
	while (b > s && (t[b - 1] == ' ' || t[b - 1] == ','))
		b--;
	while (b > s && ascii_alpha(t[b - 1]) && i - b < 16)
		b--; /* an ordinal suffix */
	if (b == s || !digit(t[b - 1]))
		return false;
	while (b > s && digit(t[b - 1]))
		b--;
	size_t ws = b;
	while (ws > s && t[ws - 1] == ' ')
		ws--;
	size_t we = ws;
	while (ws > s && ascii_alpha(t[ws - 1]))
		ws--;
	return we > ws && (in_list(t, ws, we, months, NULL) == we - ws ||
			   in_list(t, ws, we, months3, NULL) == we - ws);
}

/* The token at t[i] (a digit, or '(' / '+' of a phone number); its end in
 * tok->end; false when there is none. */
static bool read_token(const char *t, size_t s, size_t e, size_t i, token *tok)
{
	memset(tok, 0, sizeof *tok);
	size_t pe = phone_end(t, i, e);
	if (pe) {
		tok->start = tok->ds = i;
		tok->end = tok->de = pe;
		tok->compared = true;
		size_t k = 0;
		for (size_t j = i; j < pe && k + 1 < sizeof tok->canon; j++)
			if (digit(t[j]))
				tok->canon[k++] = t[j];
		return true;
	}
	if (!digit(t[i]))
		return false;
	size_t de = number_end(t, i, e);
	tok->start = tok->ds = i;
	tok->end = tok->de = de;
	canon_digits(t, i, de, tok->canon, sizeof tok->canon);
	/* "8th", "2nd": an ordinal's suffix goes with the digits. */
	static const char *const ord[] = {"st", "nd", "rd", "th", NULL};
	size_t on = in_list(t, de, e, ord, NULL);
	if (on) {
		tok->end = tok->de = de + on;
	}
	/* A time of day ("8:00"), a share, a unit attached or a word away. */
	bool clock = de - i >= 4 && memchr(t + i, ':', de - i);
	size_t u = tok->end;
	size_t un = in_list(t, u, e, units, NULL);
	if (!un && u < e && t[u] == ' ')
		un = in_list(t, u + 1, e, units, NULL) ? in_list(t, u + 1, e, units, NULL) + 1 : 0;
	if (un) {
		tok->end = u + un;
		tok->compared = true;
	}
	if (clock)
		tok->compared = tok->clock = true;
	/* A currency before it ("$50", "RM 50"). */
	for (size_t back = 1; back <= 4 && back <= i - s; back++) {
		size_t b = i - back;
		if (t[b] == ' ' && back == 1)
			continue;
		if (in_list(t, b, i, currency_before, NULL) == i - b ||
		    (t[i - 1] == ' ' && in_list(t, b, i - 1, currency_before, NULL) == i - 1 - b)) {
			tok->start = b;
			tok->compared = true;
			break;
		}
	}
	/* A date: a month name right before or after ("July 8th", "8 July"). */
	int m;
	for (size_t b = i; b > s && i - b <= 11; b--) {
		if (t[b - 1] != ' ' || b - 1 == s)
			continue;
		size_t ws = b - 1;
		while (ws > s && ascii_alpha(t[ws - 1]))
			ws--;
		size_t mn = in_list(t, ws, b - 1, months, &m);
		if (!mn)
			mn = in_list(t, ws, b - 1, months3, &m);
		if (mn && ws + mn == b - 1) {
			tok->ms = ws;
			tok->me = b - 1;
			tok->start = ws;
			tok->compared = true;
		}
		break;
	}
	if (tok->ms == tok->me && tok->end < e && t[tok->end] == ' ') {
		size_t w = tok->end + 1, mn = in_list(t, w, e, months, &m);
		if (!mn)
			mn = in_list(t, w, e, months3, &m);
		if (mn) {
			tok->ms = w;
			tok->me = w + mn;
			tok->end = w + mn;
			tok->compared = true;
		}
	}
	if (tok->ms != tok->me) {
		tok->date = true;
		size_t k = strlen(tok->canon);
		if (k + 4 < sizeof tok->canon) {
			tok->canon[k] = '@';
			tok->canon[k + 1] = (char)('a' + m);
			tok->canon[k + 2] = '\0';
		}
	}
	/* A year compares as part of a date: after a month and its day
	 * ("July 8th, 2024"), never alone ("founded in 1909"). */
	if (!tok->compared && de - i == 4 && (!memcmp(t + i, "19", 2) || !memcmp(t + i, "20", 2)) &&
	    after_date(t, s, i))
		tok->compared = tok->date = true;
	/* A bare number inside a word ("A123", "3D") is no value. */
	if (i > s && letter_at(t, i - 1) && tok->start == i)
		tok->compared = false;
	return true;
}

/* Letters and words of text[s, e) outside the tokens. */
static bool enough_words(const char *t, size_t s, size_t e, const token *tk, size_t n)
{
	size_t words = 0, thai = 0, k = 0;
	bool in = false;
	for (size_t i = s; i < e; i++) {
		while (k < n && i >= tk[k].end)
			k++;
		if (k < n && i >= tk[k].start && i < tk[k].end) {
			in = false;
			continue;
		}
		unsigned char c = (unsigned char)t[i];
		bool let = letter_at(t, i) && !(c >= 0x80 && c < 0xC0);
		if (c == 0xE0 && i + 1 < e && ((unsigned char)t[i + 1] == 0xB8 || (unsigned char)t[i + 1] == 0xB9))
			thai++;
		if (let && !in)
			words++;
		in = let || (in && c >= 0x80 && c < 0xC0);
	}
	return words >= DRIFT_MIN_WORDS || thai >= DRIFT_MIN_THAI_LETTERS;
}

bool kb_drift_statement(kb_arena *a, const char *t, size_t s, size_t e, kb_drift *out)
{
	token tk[MAX_TOKENS];
	size_t n = 0;
	bool any = false;
	for (size_t i = s; i < e && n < MAX_TOKENS;) {
		bool at = digit(t[i]) || ((t[i] == '(' || t[i] == '+') && i + 1 < e && digit(t[i + 1]));
		if (at && (i == s || !digit(t[i - 1])) && read_token(t, s, e, i, &tk[n])) {
			if (n && tk[n].start < tk[n - 1].end)
				tk[n].start = tk[n - 1].end;
			any |= tk[n].compared;
			i = tk[n].end > i ? tk[n].end : i + 1;
			n++;
			continue;
		}
		i++;
	}
	/* A date and the time right after it are a stamp ("Last updated:
	 * Oct 9, 2023 14:58"): when a page was written, not what it says. */
	for (size_t k = 1; k < n; k++) {
		if (!tk[k].clock || !tk[k - 1].date || tk[k].start - tk[k - 1].end > 3)
			continue;
		/* ... one moment, not hours ("Dec 24: 9:00-14:00") */
		if (k + 1 < n && tk[k + 1].clock && tk[k + 1].start - tk[k].end <= 4)
			continue;
		for (size_t j = k + 1; j-- > 0 && (j == k || tk[j].date);)
			tk[j].compared = false;
	}
	any = false;
	for (size_t k = 0; k < n; k++)
		any |= tk[k].compared;
	if (!any || !enough_words(t, s, e, tk, n))
		return false;
	/* The shape: folded, digits and months masked, markup and outer
	 * punctuation gone. */
	kb_buf raw = KB_BUF_INIT, shape = KB_BUF_INIT, vals = KB_BUF_INIT, key = KB_BUF_INIT;
	size_t p = s, first = (size_t)-1, last = 0;
	for (size_t k = 0; k <= n; k++) {
		size_t upto = k < n ? tk[k].ds : e;
		if (k < n && tk[k].ms != tk[k].me && tk[k].ms < upto)
			upto = tk[k].ms;
		for (size_t i = p; i < upto; i++)
			if (t[i] != '*' && t[i] != '_' && t[i] != '`' && t[i] != '"')
				kb_buf_putc(&raw, t[i]);
		if (k == n)
			break;
		const token *x = &tk[k];
		kb_buf_puts(&raw, x->compared ? "§" : "#");
		p = x->me > x->de ? x->me : x->de;
		if (x->ms < x->ds && x->ms != x->me)
			p = x->de; /* month before: "july §" -> "§" */
		if (!x->compared)
			continue;
		kb_buf_printf(&vals, "%s%.*s", vals.len ? ", " : "", (int)(x->end - x->start),
			      t + x->start);
		kb_buf_printf(&key, "%s|", x->canon);
		if (first == (size_t)-1)
			first = x->start;
		last = x->end;
	}
	kb_text_lower_buf(&shape, raw.ptr, raw.len); /* lower case, spaces as one */
	kb_buf_free(&raw);
	/* Trailing punctuation and spaces say nothing. */
	while (shape.len && (shape.ptr[shape.len - 1] == '.' || shape.ptr[shape.len - 1] == ' ' ||
			     shape.ptr[shape.len - 1] == '!' || shape.ptr[shape.len - 1] == ':'))
		shape.ptr[--shape.len] = '\0';
	out->key = kb_hash_buf(shape.ptr, shape.len, 17);
	size_t clip = shape.len;
	if (clip > SHAPE_MAX) {
		clip = SHAPE_MAX;
		while (clip > 0 && ((unsigned char)shape.ptr[clip] & 0xC0) == 0x80)
			clip--;
	}
	out->shape = kb_sprintf(a, "%.*s%s #%06llx", (int)clip, shape.ptr, clip < shape.len ? "…" : "",
				(unsigned long long)(out->key & 0xFFFFFF));
	out->values = kb_strndup(a, vals.ptr, vals.len);
	out->canon = kb_strndup(a, key.ptr, key.len);
	out->start = first;
	out->end = last;
	kb_buf_free(&shape);
	kb_buf_free(&vals);
	kb_buf_free(&key);
	return true;
}
