/* test_normalize.c - the normalizers: values found in phrases (en, vi, th),
 * kb_parse_number, and what value.h promises (same, inside, key, format,
 * JSON).  Robustness: every prefix and one-byte change of the sample
 * phrases, in exact-size buffers so that ASan sees any read past the end.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/jsonw.h"
#include "normalize/normalize.h"

#define OPEN NAN
#define X KB_BOUND_EXACT
#define LE KB_BOUND_AT_MOST
#define GE KB_BOUND_AT_LEAST
#define RG KB_BOUND_RANGE
#define H 3600.0
#define DAY 86400.0

typedef struct fcase {
	kb_vkind kind;
	const char *loc, *text;
	const char *span; /* NULL: nothing is found */
	kb_bound bound;
	double min, max;
	const char *cur;  /* money */
	int business;     /* duration; -1 not checked */
	unsigned days;    /* weekdays, timerange */
} fcase;

#define DUR(l, t, s, b, lo, hi, biz) {KB_V_DURATION, l, t, s, b, lo, hi, NULL, biz, 0}
#define MON(l, t, s, b, lo, hi, c) {KB_V_MONEY, l, t, s, b, lo, hi, c, -1, 0}
#define NUM(k, l, t, s, b, lo, hi) {k, l, t, s, b, lo, hi, NULL, -1, 0}
#define TIME(l, t, s, b, lo, hi, d) {KB_V_TIMERANGE, l, t, s, b, lo, hi, NULL, -1, d}
#define DAYS(l, t, s, lo, hi, d) {KB_V_WEEKDAYS, l, t, s, 0, lo, hi, NULL, -1, d}
#define NONE(k, l, t) {k, l, t, NULL, 0, 0, 0, NULL, -1, 0}

static const fcase cases[] = {
    /* The first topic: order cancellation windows and fees. */
    DUR("en", "Cancel within 24 hours.", "within 24 hours", LE, OPEN, 86400, 0),
    DUR("en", "You have one day to cancel", "one day", X, DAY, DAY, 0),
    DUR("vi", "Hủy trong 24 giờ", "trong 24 giờ", LE, OPEN, DAY, 0),
    DUR("vi", "trong vòng 12 giờ kể từ khi đặt", "trong vòng 12 giờ", LE, OPEN, 12 * H, 0),
    DUR("th", "ยกเลิกได้ภายใน 24 ชั่วโมง", "ภายใน 24 ชั่วโมง", LE, OPEN, DAY, 0),
    DUR("th", "ยกเลิกได้ภายใน24ชั่วโมง", "ภายใน24ชั่วโมง", LE, OPEN, DAY, 0),
    MON("en", "A $5 fee applies", "$5", X, 5, 5, "$"),
    MON("vi", "Phí hủy 50.000đ", "50.000đ", X, 50000, 50000, "VND"),
    MON("th", "ค่าธรรมเนียม ฿100", "฿100", X, 100, 100, "THB"),
    MON("en", "Cancellation is free.", "free", X, 0, 0, ""),
    MON("vi", "Hủy đơn miễn phí", "miễn phí", X, 0, 0, ""),
    MON("th", "ยกเลิกฟรี", "ฟรี", X, 0, 0, ""),
    /* durations */
    DUR("en", "3 business days", "3 business days", X, 3 * DAY, 3 * DAY, 1),
    DUR("en", "3-5 days", "3-5 days", RG, 3 * DAY, 5 * DAY, 0),
    DUR("en", "3–5 business days", "3–5 business days", RG, 3 * DAY, 5 * DAY, 1),
    DUR("en", "3 to 5 days", "3 to 5 days", RG, 3 * DAY, 5 * DAY, 0),
    DUR("en", "between 3 and 5 days", "between 3 and 5 days", RG, 3 * DAY, 5 * DAY, 0),
    DUR("en", "up to 2 weeks", "up to 2 weeks", LE, OPEN, 14 * DAY, 0),
    DUR("en", "no later than 30 days", "no later than 30 days", LE, OPEN, 30 * DAY, 0),
    DUR("en", "no more than 2 hours", "no more than 2 hours", LE, OPEN, 2 * H, 0),
    DUR("en", "at most 10 minutes", "at most 10 minutes", LE, OPEN, 600, 0),
    DUR("en", "max 5 days", "max 5 days", LE, OPEN, 5 * DAY, 0),
    DUR("en", "in under 10 minutes", "in under 10 minutes", LE, OPEN, 600, 0),
    DUR("en", "at least 1 hour", "at least 1 hour", GE, H, OPEN, 0),
    DUR("en", "minimum 2 days", "minimum 2 days", GE, 2 * DAY, OPEN, 0),
    DUR("en", "more than 3 days", "more than 3 days", GE, 3 * DAY, OPEN, 0),
    DUR("en", "escalated beyond 48 hours", "beyond 48 hours", GE, 2 * DAY, OPEN, 0),
    DUR("en", "over 2 weeks", "over 2 weeks", GE, 14 * DAY, OPEN, 0),
    DUR("en", "3 or more days", "3 or more days", GE, 3 * DAY, OPEN, 0),
    DUR("en", "30 days or less", "30 days or less", LE, OPEN, 30 * DAY, 0),
    DUR("en", "two weeks", "two weeks", X, 14 * DAY, 14 * DAY, 0),
    DUR("en", "a fortnight", "a fortnight", X, 14 * DAY, 14 * DAY, 0),
    DUR("en", "a day", "a day", X, DAY, DAY, 0),
    DUR("en", "an hour", "an hour", X, H, H, 0),
    DUR("en", "half an hour", "half an hour", X, 1800, 1800, 0),
    DUR("en", "1.5 hours", "1.5 hours", X, 5400, 5400, 0),
    DUR("en", "an hour and a half", "an hour and a half", X, 5400, 5400, 0),
    DUR("en", "1 month", "1 month", X, 30 * DAY, 30 * DAY, 0),
    DUR("en", "1 year", "1 year", X, 365 * DAY, 365 * DAY, 0),
    DUR("en", "45 seconds", "45 seconds", X, 45, 45, 0),
    DUR("en", "a 30-day return window", "30-day", X, 30 * DAY, 30 * DAY, 0),
    DUR("en", "within thirty (30) days", "within thirty (30) days", LE, OPEN, 30 * DAY, 0),
    DUR("en", "within the next 24 hours", "within the next 24 hours", LE, OPEN, DAY, 0),
    DUR("en", "1 hour 30 minutes", "1 hour 30 minutes", X, 5400, 5400, 0),
    DUR("en", "7 calendar days", "7 calendar days", X, 7 * DAY, 7 * DAY, 0),
    DUR("en", "Order #12345 ships in 2 days", "2 days", X, 2 * DAY, 2 * DAY, 0),
    DUR("vi", "5 ngày làm việc", "5 ngày làm việc", X, 5 * DAY, 5 * DAY, 1),
    DUR("vi", "từ 3 đến 5 ngày", "từ 3 đến 5 ngày", RG, 3 * DAY, 5 * DAY, 0),
    DUR("vi", "3-5 ngày", "3-5 ngày", RG, 3 * DAY, 5 * DAY, 0),
    DUR("vi", "tối đa 7 ngày", "tối đa 7 ngày", LE, OPEN, 7 * DAY, 0),
    DUR("vi", "không quá 30 phút", "không quá 30 phút", LE, OPEN, 1800, 0),
    DUR("vi", "ít nhất 2 tuần", "ít nhất 2 tuần", GE, 14 * DAY, OPEN, 0),
    DUR("vi", "tối thiểu 1 tháng", "tối thiểu 1 tháng", GE, 30 * DAY, OPEN, 0),
    DUR("vi", "một năm", "một năm", X, 365 * DAY, 365 * DAY, 0),
    DUR("vi", "năm năm", "năm năm", X, 5 * 365 * DAY, 5 * 365 * DAY, 0),
    DUR("vi", "hai mươi năm", "hai mươi năm", X, 20 * 365 * DAY, 20 * 365 * DAY, 0),
    DUR("vi", "30 giây", "30 giây", X, 30, 30, 0),
    DUR("vi", "2 tiếng", "2 tiếng", X, 2 * H, 2 * H, 0),
    DUR("vi", "1 tiếng rưỡi", "1 tiếng rưỡi", X, 5400, 5400, 0),
    DUR("vi", "nửa tiếng", "nửa tiếng", X, 1800, 1800, 0),
    DUR("vi", "giao trong 2h", "trong 2h", LE, OPEN, 2 * H, 0),
    DUR("th", "3 วันทำการ", "3 วันทำการ", X, 3 * DAY, 3 * DAY, 1),
    DUR("th", "3-5 วัน", "3-5 วัน", RG, 3 * DAY, 5 * DAY, 0),
    DUR("th", "อย่างน้อย 2 สัปดาห์", "อย่างน้อย 2 สัปดาห์", GE, 14 * DAY, OPEN, 0),
    DUR("th", "หนึ่งวัน", "หนึ่งวัน", X, DAY, DAY, 0),
    DUR("th", "ครึ่งชั่วโมง", "ครึ่งชั่วโมง", X, 1800, 1800, 0),
    DUR("th", "1 ชั่วโมงครึ่ง", "1 ชั่วโมงครึ่ง", X, 5400, 5400, 0),
    DUR("th", "30 นาที", "30 นาที", X, 1800, 1800, 0),
    DUR("th", "24 ชม.", "24 ชม.", X, DAY, DAY, 0),
    DUR("th", "1 เดือน", "1 เดือน", X, 30 * DAY, 30 * DAY, 0),
    DUR("th", "2 ปี", "2 ปี", X, 730 * DAY, 730 * DAY, 0),
    DUR("th", "ไม่สามารถยกเลิกได้หลังจาก 7 วัน", "7 วัน", X, 7 * DAY, 7 * DAY, 0),
    NONE(KB_V_DURATION, "en", "Support is available 24/7."),
    NONE(KB_V_DURATION, "en", "Our policy changed in 2024."),
    NONE(KB_V_DURATION, "en", "in days"),
    NONE(KB_V_DURATION, "en", "Take one pill once a day"),
    /* a clock time after a part of the day or "tomorrow" */
    NONE(KB_V_DURATION, "vi", "sáng mai 8h em phản hồi ạ"),
    NONE(KB_V_DURATION, "vi", "chiều nay 3 giờ shop gọi lại"),
    NONE(KB_V_DURATION, "en", "open 24 hours a day"),
    NONE(KB_V_DURATION, "en", "Call 0912 345 678"),
    NONE(KB_V_DURATION, "vi", "Hỗ trợ 8h-22h"),
    NONE(KB_V_DURATION, "vi", "ngày 5 tháng 6 năm 2024"),
    /* a time of the day, or a rate */
    NONE(KB_V_DURATION, "vi", "nhận bảo hành sau 14h hàng ngày"),
    NONE(KB_V_DURATION, "en", "agents work 10 hours daily"),
    NONE(KB_V_DURATION, "th", "เปิด 24 ชั่วโมงทุกวัน"),
    /* a line of its own (a cell, an item) is no date's day */
    DUR("vi", "Ngày\n10 ngày", "10 ngày", X, 10 * DAY, 10 * DAY, 0),
    NONE(KB_V_DURATION, "en", "check invoices from 3 months ago"),
    DUR("en", "a week or two", "a week or two", RG, 7 * DAY, 14 * DAY, 0),
    DUR("en", "a couple of days", "a couple of days", X, 2 * DAY, 2 * DAY, 0),
    DUR("en", "within 24-48 hours", "within 24-48 hours", RG, DAY, 2 * DAY, 0),
    /* A number before a percentage or a price ends no range. */
    DUR("en", "within 5 days · 100% refund", "within 5 days", LE, OPEN, 5 * DAY, 0),
    DUR("vi", "5 ngày - 100% hoàn tiền", "5 ngày", X, 5 * DAY, 5 * DAY, 0),
    DUR("vi", "đổi trong 3 ngày - phí 30.000đ", "trong 3 ngày", LE, OPEN, 3 * DAY, 0),
    NUM(KB_V_PERCENT, "vi", "5 ngày - 100% hoàn tiền", "100%", X, 100, 100),
    /* Alternatives with a slash are a range, as "10 or 20 days" is; a
     * part of a unit stays a fraction; dates and "24/7" are neither. */
    DUR("en", "10/20 days", "10/20 days", RG, 10 * DAY, 20 * DAY, 0),
    DUR("en", "10 or 20 days", "10 or 20 days", RG, 10 * DAY, 20 * DAY, 0),
    DUR("vi", "giao 2/3 ngày", "2/3 ngày", RG, 2 * DAY, 3 * DAY, 0),
    DUR("en", "1/2 day", "1/2 day", X, DAY / 2, DAY / 2, 0),
    DUR("en", "3/4 hour", "3/4 hour", X, 2700, 2700, 0),
    NONE(KB_V_DURATION, "vi", "giao ngày 15/10"),
    MON("vi", "giá 150k/200k", "150k/200k", RG, 150000, 200000, "VND"),
    MON("vi", "50k/tháng", "50k", X, 50000, 50000, "VND"),
    MON("en", "$10/month", "$10", X, 10, 10, "$"),
    NUM(KB_V_NUMBER, "en", "3/15", "3/15", X, 0.2, 0.2),
    /* Chat particles, slang and emoji after a value. */
    DUR("vi", "đổi trả trong vòng 7 ngày nha", "trong vòng 7 ngày", LE, OPEN, 7 * DAY, 0),
    DUR("vi", "hoàn tiền 24h ạ", "24h", X, DAY, DAY, 0),
    DUR("vi", "giao 2 tuần nhé", "2 tuần", X, 14 * DAY, 14 * DAY, 0),
    DUR("vi", "đổi trong 3 ngày thui", "trong 3 ngày", LE, OPEN, 3 * DAY, 0),
    DUR("vi", "7 ngày 😊", "7 ngày", X, 7 * DAY, 7 * DAY, 0),
    DUR("vi", "mất 1 tiếng 30 nha", "1 tiếng 30", X, 5400, 5400, 0),
    DUR("th", "คืนได้ 7 วันค่ะ", "7 วัน", X, 7 * DAY, 7 * DAY, 0),
    DUR("th", "ส่งภายใน 3 วันนะคะ", "ภายใน 3 วัน", LE, OPEN, 3 * DAY, 0),
    DUR("th", "2 วันจ้า", "2 วัน", X, 2 * DAY, 2 * DAY, 0),
    MON("vi", "Phí ship 30k nha bạn", "30k", X, 30000, 30000, "VND"),
    MON("vi", "phí 30k ạ", "30k", X, 30000, 30000, "VND"),
    MON("vi", "40k cho đơn hàng có 1 sản phẩm", "40k", X, 40000, 40000, "VND"),
    MON("th", "ค่าส่ง 50 บาทจ้า", "50 บาท", X, 50, 50, "THB"),
    TIME("vi", "Hỗ trợ 8h-17h nha", "8h-17h", RG, 480, 1020, 0),
    /* Comparatives with a negation; "less than" is an upper bound. */
    DUR("en", "not more than 5 days", "not more than 5 days", LE, OPEN, 5 * DAY, 0),
    DUR("en", "not later than 5 days", "not later than 5 days", LE, OPEN, 5 * DAY, 0),
    DUR("en", "never over 5 days", "never over 5 days", LE, OPEN, 5 * DAY, 0),
    DUR("en", "not less than 2 days", "not less than 2 days", GE, 2 * DAY, OPEN, 0),
    DUR("en", "less than 5 days", "less than 5 days", LE, OPEN, 5 * DAY, 0),
    DUR("en", "if it has not arrived within 7 days", "within 7 days", LE, OPEN, 7 * DAY, 0),
    DUR("vi", "không quá 5 ngày", "không quá 5 ngày", LE, OPEN, 5 * DAY, 0),
    DUR("vi", "không nhiều hơn 5 ngày", "không nhiều hơn 5 ngày", LE, OPEN, 5 * DAY, 0),
    DUR("vi", "không lâu hơn 5 ngày", "không lâu hơn 5 ngày", LE, OPEN, 5 * DAY, 0),
    DUR("vi", "không dưới 2 ngày", "không dưới 2 ngày", GE, 2 * DAY, OPEN, 0),
    DUR("vi", "dưới 5 ngày", "dưới 5 ngày", LE, OPEN, 5 * DAY, 0),
    DUR("th", "ไม่มากกว่า 5 วัน", "ไม่มากกว่า 5 วัน", LE, OPEN, 5 * DAY, 0),
    DUR("th", "ไม่นานกว่า 5 วัน", "ไม่นานกว่า 5 วัน", LE, OPEN, 5 * DAY, 0),
    DUR("th", "น้อยกว่า 5 วัน", "น้อยกว่า 5 วัน", LE, OPEN, 5 * DAY, 0),
    MON("en", "not over $50", "not over $50", LE, OPEN, 50, "$"),
    /* Spoken halves, composites, pairs and couples. */
    DUR("en", "one and a half days", "one and a half days", X, 1.5 * DAY, 1.5 * DAY, 0),
    DUR("vi", "một ngày rưỡi", "một ngày rưỡi", X, 1.5 * DAY, 1.5 * DAY, 0),
    DUR("vi", "mất tiếng rưỡi", "tiếng rưỡi", X, 1.5 * H, 1.5 * H, 0),
    DUR("th", "วันครึ่ง", "วันครึ่ง", X, 1.5 * DAY, 1.5 * DAY, 0),
    DUR("th", "ภายในวันครึ่ง", "ภายในวันครึ่ง", LE, OPEN, 1.5 * DAY, 0),
    DUR("th", "ครึ่งวัน", "ครึ่งวัน", X, DAY / 2, DAY / 2, 0),
    NONE(KB_V_DURATION, "th", "ได้รับภายในวัน"),
    DUR("en", "1 year 6 months", "1 year 6 months", X, 540 * DAY, 540 * DAY, 0),
    DUR("en", "2 years and 3 months", "2 years and 3 months", X, 810 * DAY, 810 * DAY, 0),
    DUR("vi", "1 ngày 12 giờ", "1 ngày 12 giờ", X, 1.5 * DAY, 1.5 * DAY, 0),
    DUR("en", "1 year 2 days", "1 year 2 days", X, 367 * DAY, 367 * DAY, 0),
    /* An hour with its part of the day is a time of day. */
    NONE(KB_V_DURATION, "vi", "bắt đầu lấy hàng từ 9h sáng"),
    NONE(KB_V_DURATION, "vi", "mở cửa đến 9 giờ tối"),
    DUR("vi", "giao trong 9h", "trong 9h", LE, OPEN, 9 * H, 0),
    /* Commas alone list alternatives; an "and" ends an enumeration. */
    DUR("vi", "gói 1 năm, 6 tháng", "1 năm", X, 365 * DAY, 365 * DAY, 0),
    DUR("en", "plans of 1 year, 6 months", "1 year", X, 365 * DAY, 365 * DAY, 0),
    DUR("en", "1 year, 2 days and 4 hours", "1 year, 2 days and 4 hours", X, 367 * DAY + 4 * H,
	367 * DAY + 4 * H, 0),
    MON("en", "2 dollars 50 cents", "2 dollars 50 cents", X, 2.5, 2.5, "$"),
    MON("vi", "1 triệu 500 nghìn", "1 triệu 500 nghìn", X, 1.5e6, 1.5e6, "VND"),
    MON("en", "$10-$20", "$10-$20", RG, 10, 20, "$"),
    MON("vi", "10.000đ - 20.000đ", "10.000đ - 20.000đ", RG, 10000, 20000, "VND"),
    NUM(KB_V_COUNT, "en", "a pair of socks", "a pair", X, 2, 2),
    NUM(KB_V_COUNT, "en", "a couple of items", "a couple", X, 2, 2),
    /* Currencies of the region, Thai price style, free in other words. */
    MON("en", "₱1,200", "₱1,200", X, 1200, 1200, "PHP"),
    MON("en", "PHP 500", "PHP 500", X, 500, 500, "PHP"),
    MON("en", "only Php500", "only Php500", X, 500, 500, "PHP"),
    MON("en", "500 pesos", "500 pesos", X, 500, 500, "PHP"),
    MON("en", "RM 42", "RM 42", X, 42, 42, "MYR"),
    MON("en", "42 MYR", "42 MYR", X, 42, 42, "MYR"),
    MON("en", "S$20", "S$20", X, 20, 20, "SGD"),
    MON("en", "SGD 20", "SGD 20", X, 20, 20, "SGD"),
    MON("th", "ราคา 199.-", "199.-", X, 199, 199, "THB"),
    MON("th", "ราคา 199.- บาท", "199.- บาท", X, 199, 199, "THB"),
    MON("th", "฿199.-", "฿199.-", X, 199, 199, "THB"),
    MON("th", "฿1.5k", "฿1.5k", X, 1500, 1500, "THB"),
    /* the lowest entry of a price list is a lower bound */
    MON("th", "ค่าส่งเริ่มต้น 500 บาท", "เริ่มต้น 500 บาท", GE, 500, OPEN, "THB"),
    MON("vi", "phí ship chỉ từ 15.000đ", "chỉ từ 15.000đ", GE, 15000, OPEN, "VND"),
    NONE(KB_V_MONEY, "en", "199.-"), /* ".-" is baht in Thai text only */
    MON("en", "orders of $50+", "$50+", GE, 50, OPEN, "$"),
    MON("en", "Return shipping is on us.", "on us", X, 0, 0, ""),
    MON("en", "it's on us", "on us", X, 0, 0, ""),
    NONE(KB_V_MONEY, "en", "You can count on us"),
    MON("en", "complimentary gift wrapping", "complimentary", X, 0, 0, ""),
    MON("en", "at no extra cost", "at no extra cost", X, 0, 0, ""),
    MON("en", "a dollar", "a dollar", X, 1, 1, "$"),
    MON("en", "for a buck more", "a buck", X, 1, 1, "$"),
    MON("en", "a $5 fee", "$5", X, 5, 5, "$"),
    NONE(KB_V_MONEY, "en", "a pound of coffee"),
    /* money */
    MON("en", "under $50", "under $50", LE, OPEN, 50, "$"),
    MON("en", "from $10 to $20", "from $10 to $20", RG, 10, 20, "$"),
    MON("en", "between 5 and 10 dollars", "between 5 and 10 dollars", RG, 5, 10, "$"),
    MON("en", "US$3.14", "US$3.14", X, 3.14, 3.14, "USD"),
    MON("en", "USD 10", "USD 10", X, 10, 10, "USD"),
    MON("en", "€20", "€20", X, 20, 20, "EUR"),
    MON("en", "20 EUR", "20 EUR", X, 20, 20, "EUR"),
    MON("en", "£10", "£10", X, 10, 10, "GBP"),
    MON("en", "1,000 baht", "1,000 baht", X, 1000, 1000, "THB"),
    MON("en", "$10K", "$10K", X, 10000, 10000, "$"),
    MON("en", "$5+", "$5+", GE, 5, OPEN, "$"),
    MON("en", "free of charge", "free of charge", X, 0, 0, ""),
    MON("en", "Free shipping on all orders", "Free", X, 0, 0, ""),
    NONE(KB_V_MONEY, "en", "Feel free to contact us"),
    NONE(KB_V_MONEY, "en", "Call our toll-free number"),
    NONE(KB_V_MONEY, "en", "over 500k"), /* en: no currency */
    MON("vi", "500.000 VNĐ", "500.000 VNĐ", X, 500000, 500000, "VND"),
    MON("vi", "500.000 ₫", "500.000 ₫", X, 500000, 500000, "VND"),
    MON("vi", "500k", "500k", X, 500000, 500000, "VND"),
    MON("vi", "trên 500K", "trên 500K", GE, 500000, OPEN, "VND"),
    MON("vi", "1.5 triệu", "1.5 triệu", X, 1.5e6, 1.5e6, "VND"),
    MON("vi", "2 triệu đồng", "2 triệu đồng", X, 2e6, 2e6, "VND"),
    MON("vi", "1 triệu 500 nghìn đồng", "1 triệu 500 nghìn đồng", X, 1.5e6, 1.5e6, "VND"),
    MON("vi", "từ 1 đến 2 triệu đồng", "từ 1 đến 2 triệu đồng", RG, 1e6, 2e6, "VND"),
    MON("vi", "$10.000", "$10.000", X, 10000, 10000, "$"),
    NONE(KB_V_MONEY, "vi", "2 triệu người dùng"),
    MON("vi", "500,000đ", "500,000đ", X, 500000, 500000, "VND"),
    MON("vi", "500 000 đ", "500 000 đ", X, 500000, 500000, "VND"),
    MON("vi", "25.000 - 30.000đ", "25.000 - 30.000đ", RG, 25000, 30000, "VND"),
    MON("vi", "$1,42", "$1,42", X, 1.42, 1.42, "$"),
    MON("en", "a compensation of$1499", "$1499", X, 1499, 1499, "$"),
    MON("th", "100 บาท", "100 บาท", X, 100, 100, "THB"),
    MON("th", "100บาท", "100บาท", X, 100, 100, "THB"),
    MON("th", "ห้าพันบาท", "ห้าพันบาท", X, 5000, 5000, "THB"),
    MON("th", "1 ล้านบาท", "1 ล้านบาท", X, 1e6, 1e6, "THB"),
    MON("th", "THB 250", "THB 250", X, 250, 250, "THB"),
    MON("th", "ไม่มีค่าใช้จ่าย", "ไม่มีค่าใช้จ่าย", X, 0, 0, ""),
    /* numbers and counts */
    NUM(KB_V_NUMBER, "en", "5,000", "5,000", X, 5000, 5000),
    NUM(KB_V_NUMBER, "vi", "5.000", "5.000", X, 5000, 5000),
    NUM(KB_V_NUMBER, "vi", "1,5", "1,5", X, 1.5, 1.5),
    NUM(KB_V_NUMBER, "en", "a dozen", "a dozen", X, 12, 12),
    NUM(KB_V_NUMBER, "en", "3-5", "3-5", RG, 3, 5),
    NUM(KB_V_NUMBER, "th", "๑๒๓", "๑๒๓", X, 123, 123),
    NONE(KB_V_NUMBER, "en", "order #12345"),
    NONE(KB_V_NUMBER, "en", "on 12/05/2024"),
    NONE(KB_V_NUMBER, "en", "call 1900 1234"),
    NONE(KB_V_NUMBER, "en", "at 8:30"),
    NONE(KB_V_NUMBER, "en", "the 3rd time"),
    NONE(KB_V_NUMBER, "th", "ห้ามยกเลิก"),
    NONE(KB_V_NUMBER, "th", "ไม่สามารถยกเลิก"),
    NONE(KB_V_NUMBER, "th", "ติดต่อศูนย์บริการ"),
    NONE(KB_V_NUMBER, "vi", "một số sản phẩm"),
    NONE(KB_V_NUMBER, "vi", "không được hủy"),
    NUM(KB_V_COUNT, "en", "up to 3 items", "up to 3", LE, OPEN, 3),
    NUM(KB_V_COUNT, "en", "Within 24 hours, at most five orders", "at most five", LE, OPEN, 5),
    NUM(KB_V_COUNT, "en", "$5 for 2 items", "2", X, 2, 2),
    NUM(KB_V_COUNT, "vi", "tối đa 3 sản phẩm", "tối đa 3", LE, OPEN, 3),
    NONE(KB_V_COUNT, "en", "Open 24 hours a day"),
    NONE(KB_V_COUNT, "en", "Order 00123842 is late"),
    NONE(KB_V_COUNT, "en", "one of our agents will call"),
    NONE(KB_V_COUNT, "en", "I need to create one."),
    NONE(KB_V_COUNT, "vi", "Hotline 1900 1234 (8h-22h)"),
    /* percent */
    NUM(KB_V_PERCENT, "en", "15%", "15%", X, 15, 15),
    NUM(KB_V_PERCENT, "en", "fifteen percent", "fifteen percent", X, 15, 15),
    NUM(KB_V_PERCENT, "en", "up to 50% off", "up to 50%", LE, OPEN, 50),
    NUM(KB_V_PERCENT, "en", "10-15%", "10-15%", RG, 10, 15),
    NUM(KB_V_PERCENT, "vi", "15 phần trăm", "15 phần trăm", X, 15, 15),
    NUM(KB_V_PERCENT, "th", "15 เปอร์เซ็นต์", "15 เปอร์เซ็นต์", X, 15, 15),
    NUM(KB_V_PERCENT, "th", "ร้อยละ 15", "ร้อยละ 15", X, 15, 15),
    NONE(KB_V_PERCENT, "en", "15 days"),
    /* time ranges */
    TIME("en", "8:00–22:00", "8:00–22:00", RG, 480, 1320, 0),
    TIME("en", "9am–6pm", "9am–6pm", RG, 540, 1080, 0),
    TIME("en", "9 a.m. to 6 p.m.", "9 a.m. to 6 p.m.", RG, 540, 1080, 0),
    TIME("en", "9-6pm", "9-6pm", RG, 540, 1080, 0),
    TIME("en", "before 2pm", "before 2pm", LE, OPEN, 840, 0),
    TIME("en", "noon to midnight", "noon to midnight", RG, 720, 1440, 0),
    TIME("en", "We answer 24/7", "24/7", RG, 0, 1440, 0x7f),
    TIME("vi", "8h-22h", "8h-22h", RG, 480, 1320, 0),
    TIME("vi", "lúc 8h", "lúc 8h", X, 480, 480, 0),
    NONE(KB_V_TIMERANGE, "vi", "trong vòng 24 giờ"),
    TIME("vi", "đặt trước 14h giao trong ngày", "trước 14h", LE, OPEN, 840, 0),
    TIME("vi", "trước 16 giờ", "trước 16 giờ", LE, OPEN, 960, 0),
    NONE(KB_V_TIMERANGE, "vi", "hủy trước 24h"),
    NONE(KB_V_TIMERANGE, "vi", "báo trước 2h"),
    TIME("vi", "8h00 - 22h00", "8h00 - 22h00", RG, 480, 1320, 0),
    TIME("vi", "từ 8h đến 22h", "từ 8h đến 22h", RG, 480, 1320, 0),
    TIME("vi", "từ 8 giờ sáng đến 10 giờ tối", "từ 8 giờ sáng đến 10 giờ tối", RG, 480, 1320, 0),
    TIME("th", "08.00–17.00 น.", "08.00–17.00 น.", RG, 480, 1020, 0),
    TIME("th", "เวลา 8.00 น. ถึง 17.00 น.", "เวลา 8.00 น. ถึง 17.00 น.", RG, 480, 1020, 0),
    /* Clock times with day parts, and the Thai spoken clock. */
    TIME("vi", "8 giờ sáng đến 10 giờ tối", "8 giờ sáng đến 10 giờ tối", RG, 480, 1320, 0),
    TIME("vi", "làm việc 8h sáng - 5h chiều", "8h sáng - 5h chiều", RG, 480, 1020, 0),
    TIME("vi", "Hotline 9h–18h", "9h–18h", RG, 540, 1080, 0),
    NONE(KB_V_TIMERANGE, "vi", "giao 8hàng"),
    TIME("en", "Mon–Fri 9am–6pm", "9am–6pm", RG, 540, 1080, 0),
    DAYS("en", "Mon–Fri 9am–6pm", "Mon–Fri", 1, 5, 0x1f),
    TIME("th", "เปิด 8 โมงเช้าถึง 2 ทุ่ม", "8 โมงเช้าถึง 2 ทุ่ม", RG, 480, 1200, 0),
    TIME("th", "แปดโมงถึงสองทุ่มค่ะ", "แปดโมงถึงสองทุ่ม", RG, 480, 1200, 0),
    TIME("th", "ก่อนบ่าย 3 โมง", "ก่อนบ่าย 3 โมง", LE, OPEN, 900, 0),
    TIME("th", "บ่ายโมง", "บ่ายโมง", X, 780, 780, 0),
    TIME("th", "บ่ายสามโมงครึ่ง", "บ่ายสามโมงครึ่ง", X, 930, 930, 0),
    TIME("th", "ตั้งแต่ตี 5", "ตั้งแต่ตี 5", GE, 300, OPEN, 0),
    TIME("th", "9 โมงเช้า - 6 โมงเย็น", "9 โมงเช้า - 6 โมงเย็น", RG, 540, 1080, 0),
    TIME("th", "ห้าโมงเย็น", "ห้าโมงเย็น", X, 1020, 1020, 0),
    NONE(KB_V_TIMERANGE, "th", "สินค้าตีกลับ"),
    /* The time of a stamp, after its date, is no hours anybody keeps. */
    NONE(KB_V_TIMERANGE, "en", "Last updated: Dec 16, 2022 01:27 AM"),
    NONE(KB_V_TIMERANGE, "en", "Updated 2024-03-01 08:15"),
    NONE(KB_V_TIMERANGE, "vi", "Cập nhật ngày 12/03/2024 lúc 9h30"),
    NONE(KB_V_TIMERANGE, "th", "แก้ไขล่าสุด 15/01/2567 14:20 น."),
    TIME("en", "Since Jan 2024 we are open 9am–6pm", "open 9am–6pm", RG, 540, 1080, 0),
    NONE(KB_V_DURATION, "th", "เปิด 8 โมงเช้าถึง 2 ทุ่ม"),
    NONE(KB_V_COUNT, "th", "เปิด 8 โมงเช้าถึง 2 ทุ่ม"),
    /* weekdays */
    DAYS("en", "Mon–Fri", "Mon–Fri", 1, 5, 0x1f),
    DAYS("en", "Monday to Friday", "Monday to Friday", 1, 5, 0x1f),
    DAYS("en", "Mon-Sat", "Mon-Sat", 1, 6, 0x3f),
    DAYS("en", "on weekdays", "weekdays", 1, 5, 0x1f),
    DAYS("en", "every day", "every day", 1, 7, 0x7f),
    DAYS("en", "open daily", "daily", 1, 7, 0x7f),
    DAYS("en", "7 days a week", "7 days a week", 1, 7, 0x7f),
    DAYS("en", "24/7", "24/7", 1, 7, 0x7f),
    DAYS("en", "Mon, Wed and Fri", "Mon, Wed and Fri", 1, 5, 0x15),
    DAYS("en", "Fri-Mon", "Fri-Mon", 5, 1, 0x71),
    NONE(KB_V_WEEKDAYS, "en", "we sat down"),
    DAYS("vi", "T2–T7", "T2–T7", 1, 6, 0x3f),
    DAYS("vi", "thứ 2 đến thứ 6", "thứ 2 đến thứ 6", 1, 5, 0x1f),
    DAYS("vi", "Thứ Hai – Thứ Sáu", "Thứ Hai – Thứ Sáu", 1, 5, 0x1f),
    DAYS("vi", "thứ 2 - 6", "thứ 2 - 6", 1, 5, 0x1f),
    DAYS("vi", "CN", "CN", 7, 7, 0x40),
    DAYS("vi", "Chủ nhật", "Chủ nhật", 7, 7, 0x40),
    DAYS("vi", "hàng ngày", "hàng ngày", 1, 7, 0x7f),
    DAYS("th", "จันทร์–ศุกร์", "จันทร์–ศุกร์", 1, 5, 0x1f),
    DAYS("th", "วันจันทร์ถึงวันศุกร์", "วันจันทร์ถึงวันศุกร์", 1, 5, 0x1f),
    DAYS("th", "ทุกวัน", "ทุกวัน", 1, 7, 0x7f),
    DAYS("th", "ทุกวันจันทร์", "ทุกวันจันทร์", 1, 1, 0x01),
    /* Ordinals are no weekdays: vi "thứ ba" is Tuesday and "the third". */
    NONE(KB_V_WEEKDAYS, "vi", "Đây là lần thứ ba bạn đổi hàng"),
    NONE(KB_V_WEEKDAYS, "vi", "không chia sẻ với bên thứ ba"),
    NONE(KB_V_WEEKDAYS, "vi", "từ lần thứ 2 trở đi"),
    NONE(KB_V_WEEKDAYS, "vi", "vào ngày thứ 3 kể từ khi nhận hàng"),
    NONE(KB_V_WEEKDAYS, "vi", "Thứ nhất, đăng nhập. Thứ hai, chọn đơn hàng"),
    NONE(KB_V_WEEKDAYS, "en", "we never share it with the third party"),
    NONE(KB_V_WEEKDAYS, "th", "เป็นครั้งที่สามแล้ว"),
    /* vi "thu" (collect, autumn) is no Thursday, even capitalised; in a
     * range it is. */
    NONE(KB_V_WEEKDAYS, "vi", "chỉ thu thập các thông tin cần thiết"),
    NONE(KB_V_WEEKDAYS, "vi", "Thu phí đổi hàng"),
    DAYS("vi", "Hỗ trợ Mon - Thu", "Mon - Thu", 1, 4, 0x0f),
    DAYS("en", "Open Thu", "Thu", 4, 4, 0x08),
    DAYS("vi", "Hỗ trợ vào thứ ba hàng tuần", "thứ ba", 2, 2, 0x02),
    DAYS("vi", "các ngày trong tuần thứ 2 - thứ 6", "thứ 2 - thứ 6", 1, 5, 0x1f),
    /* Thai bare อาทิตย์ is also "week": a day only beside another day. */
    NONE(KB_V_WEEKDAYS, "th", "ส่งภายใน 2 อาทิตย์ค่ะ"),
    NONE(KB_V_WEEKDAYS, "th", "อาทิตย์ละ 2 ครั้ง"),
    DAYS("th", "เปิดเสาร์-อาทิตย์", "เสาร์-อาทิตย์", 6, 7, 0x60),
    DAYS("th", "ปิดวันอาทิตย์", "วันอาทิตย์", 7, 7, 0x40),
    /* Exceptions take days out. */
    DAYS("en", "open daily except Mondays", "daily except Mondays", 2, 7, 0x7e),
    DAYS("en", "Mon-Sat (except Wednesdays).", "Mon-Sat (except Wednesdays)", 1, 6, 0x3b),
    DAYS("en", "every day except public holidays", "every day", 1, 7, 0x7f),
    DAYS("vi", "T2-CN (trừ thứ 4)", "T2-CN (trừ thứ 4)", 1, 7, 0x7b),
    DAYS("vi", "hàng ngày trừ chủ nhật", "hàng ngày trừ chủ nhật", 1, 6, 0x3f),
    DAYS("th", "ทุกวัน ยกเว้นวันจันทร์", "ทุกวัน ยกเว้นวันจันทร์", 2, 7, 0x7e),
    /* A number in an ordinal is no amount. */
    NONE(KB_V_COUNT, "vi", "lần thứ 3"),
    NONE(KB_V_COUNT, "vi", "Mở cửa thứ 2 - thứ 7"),
    NONE(KB_V_COUNT, "th", "ซื้อชิ้นที่ 2 ลด 50%"),
    NONE(KB_V_NUMBER, "th", "ครั้งที่สาม"),
    NUM(KB_V_COUNT, "vi", "lần thứ 2 được đổi tối đa 3 sản phẩm", "tối đa 3", LE, OPEN, 3),
    /* A minus sign is a sign: a negative amount is no value, never the
     * amount without its sign.  A dash between numbers, in a name or
     * opening a list item is no sign. */
    NONE(KB_V_DURATION, "en", "Cancel within -3 days."),
    NONE(KB_V_DURATION, "en", "Cancel within \u22123 days."),
    NONE(KB_V_DURATION, "en", "(-3 days)"),
    NONE(KB_V_MONEY, "en", "a fee of -$5"),
    NONE(KB_V_MONEY, "en", "a fee of $-5"),
    NONE(KB_V_PERCENT, "en", "-5% off"),
    NONE(KB_V_DURATION, "vi", "trong vòng -7 ngày"),
    DUR("en", "Refunds take 3-5 days", "3-5 days", RG, 3 * DAY, 5 * DAY, 0),
    DUR("en", "- 3 days", "3 days", X, 3 * DAY, 3 * DAY, 0),
    NUM(KB_V_NUMBER, "en", "set it to -5", "-5", X, -5, -5),
    /* Past KB_VALUE_LIMIT (or past a double: 400 digits) a number is no
     * value, not "inf seconds". */
    NONE(KB_V_DURATION, "en", "within 99999999999999999999 days"),
    NONE(KB_V_DURATION, "en", "within 3 to 99999999999999999999 days"),
    NONE(KB_V_MONEY, "en", "$10,000,000,000,000,000,000"),
    NONE(KB_V_COUNT, "en", "up to 10000000000000000000 items"),
    NONE(KB_V_DURATION, "en",
	 "within 99999999999999999999999999999999999999999999999999999999999999999999999999999999"
	 "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
	 "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
	 "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
	 "99999999999999999999999999999999999999999999999999999999999999999999999999999999 days"),
    MON("en", "$999,999,999,999", "$999,999,999,999", X, 999999999999.0, 999999999999.0, "$"),
};

static bool same_num(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) <= 1e-9 * (fabs(a) + 1);
}

static bool check_case(const fcase *c)
{
	kb_value v;
	size_t n = strlen(c->text);
	bool found = kb_normalize_find(c->kind, c->loc, c->text, n, 0, &v);
	char got[256];
	snprintf(got, sizeof got, "found=%d kind=%s span='%.*s' bound=%s min=%g max=%g cur='%s' biz=%d days=%02x",
		 found, kb_vkind_name(v.kind), found ? (int)(v.end - v.start) : 0,
		 found ? c->text + v.start : "", kb_bound_name(v.bound), v.min, v.max,
		 v.currency, v.business, v.days);
	bool ok;
	if (!c->span) {
		ok = !found && v.kind == KB_V_NONE;
	} else {
		ok = found && v.kind == c->kind && v.end <= n && v.start < v.end &&
		     strlen(c->span) == v.end - v.start &&
		     !memcmp(c->text + v.start, c->span, v.end - v.start) &&
		     same_num(v.min, c->min) && same_num(v.max, c->max);
		if (c->kind != KB_V_WEEKDAYS)
			ok = ok && v.bound == c->bound;
		if (c->cur)
			ok = ok && !strcmp(v.currency, c->cur);
		if (c->business >= 0)
			ok = ok && v.business == (c->business != 0);
		if (c->kind == KB_V_WEEKDAYS || c->kind == KB_V_TIMERANGE)
			ok = ok && v.days == c->days;
	}
	if (!ok)
		print_error("%s/%s '%s': %s\n", kb_vkind_name(c->kind), c->loc, c->text, got);
	return ok;
}

static void test_find_cases(void **state)
{
	(void)state;
	int bad = 0;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		bad += !check_case(&cases[k]);
	assert_int_equal(bad, 0);
}

static void test_find_from(void **state)
{
	(void)state;
	const char *s = "Cancel within 24 hours, refunds in 3-5 business days.";
	kb_value v;
	assert_true(kb_normalize_find(KB_V_DURATION, "en", s, strlen(s), 0, &v));
	assert_int_equal(v.start, 7);
	assert_int_equal(v.end, 22);
	assert_true(kb_normalize_find(KB_V_DURATION, "en", s, strlen(s), v.end, &v));
	assert_int_equal(v.bound, KB_BOUND_RANGE);
	assert_true(v.business);
	assert_string_equal(s + v.start, "3-5 business days.");
	size_t end = v.end;
	assert_false(kb_normalize_find(KB_V_DURATION, "en", s, strlen(s), end, &v));
	assert_int_equal(v.kind, KB_V_NONE);
	/* from in the middle of a word starts at the next word */
	assert_true(kb_normalize_find(KB_V_DURATION, "en", s, strlen(s), 15, &v));
	assert_string_equal(s + v.start, "3-5 business days.");
	/* A negation before a comparative joins the value's span, never
	 * before from. */
	const char *neg = "Giao không nhiều hơn 5 ngày";
	assert_true(kb_normalize_find(KB_V_DURATION, "vi", neg, strlen(neg), 0, &v));
	assert_int_equal(v.start, strlen("Giao "));
	assert_int_equal(v.bound, KB_BOUND_AT_MOST);
	size_t mid = strlen("Giao không ");
	assert_true(kb_normalize_find(KB_V_DURATION, "vi", neg, strlen(neg), mid, &v));
	assert_int_equal(v.start, mid);
}

static void test_parse_number(void **state)
{
	(void)state;
	static const struct {
		const char *loc, *text;
		double val;
		size_t used;
	} nums[] = {
	    {"en", "twenty-four", 24, 11},
	    {"en", "one hundred and five", 105, 20},
	    {"en", "a dozen eggs", 12, 7},
	    {"en", "half", 0.5, 4},
	    {"en", "1,200,000", 1.2e6, 9},
	    {"en", "-1200K", -1.2e6, 6},
	    {"en", "two point two million", 2.2e6, 21},
	    {"en", "3/15", 0.2, 4},
	    {"en", "forty-five (45)", 45, 15},
	    {"en", "5 and a half", 5.5, 12},
	    {"vi", "hai mươi tư", 24, strlen("hai mươi tư")},
	    {"vi", "mười lăm", 15, strlen("mười lăm")},
	    {"vi", "một trăm linh năm", 105, strlen("một trăm linh năm")},
	    {"vi", "một trăm năm", 100, strlen("một trăm")},
	    {"vi", "hai mươi mốt nghìn không trăm mười một", 21011,
	     strlen("hai mươi mốt nghìn không trăm mười một")},
	    {"vi", "1.200.000", 1.2e6, 9},
	    {"vi", "1,5", 1.5, 3},
	    {"vi", "hai trăm rưỡi", 250, strlen("hai trăm rưỡi")},
	    {"th", "ยี่สิบสี่", 24, strlen("ยี่สิบสี่")},
	    {"th", "สิบเอ็ด", 11, strlen("สิบเอ็ด")},
	    {"th", "หนึ่งร้อย", 100, strlen("หนึ่งร้อย")},
	    {"th", "สองล้านสองแสน", 2.2e6, strlen("สองล้านสองแสน")},
	    {"th", "๒๔", 24, 6},
	};
	for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++) {
		double v;
		size_t used;
		bool ok = kb_parse_number(nums[k].loc, nums[k].text, strlen(nums[k].text), &v, &used);
		if (!ok || !same_num(v, nums[k].val) || used != nums[k].used)
			print_error("%s '%s': ok=%d v=%g used=%zu\n", nums[k].loc, nums[k].text, ok, v, used);
		assert_true(ok);
		assert_true(same_num(v, nums[k].val));
		assert_int_equal(used, nums[k].used);
	}
	double v;
	assert_false(kb_parse_number("en", "days", 4, &v, NULL));
	assert_false(kb_parse_number("vi", "không", strlen("không"), &v, NULL));
	assert_false(kb_parse_number("en", "", 0, &v, NULL));
}

static kb_value find1(kb_vkind k, const char *loc, const char *text)
{
	kb_value v;
	bool found = kb_normalize_find(k, loc, text, strlen(text), 0, &v);
	if (!found)
		print_error("no %s in '%s'\n", kb_vkind_name(k), text);
	assert_true(found);
	return v;
}

static void test_same_inside_key(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_value within = find1(KB_V_DURATION, "en", "within 30 days");
	kb_value exact = find1(KB_V_DURATION, "en", "30 days");
	kb_value upto = find1(KB_V_DURATION, "en", "up to 30 days");
	kb_value least = find1(KB_V_DURATION, "en", "at least 30 days");
	kb_value month = find1(KB_V_DURATION, "en", "one month");
	kb_value vi = find1(KB_V_DURATION, "vi", "trong vòng 30 ngày");
	kb_value biz = find1(KB_V_DURATION, "en", "30 business days");
	assert_true(kb_value_same(&within, &exact));
	assert_true(kb_value_same(&exact, &upto));
	assert_true(kb_value_same(&within, &month));
	assert_true(kb_value_same(&within, &vi));
	assert_false(kb_value_same(&within, &least));
	assert_false(kb_value_same(&exact, &biz));
	assert_string_equal(kb_value_key(a, &within), kb_value_key(a, &exact));
	assert_string_equal(kb_value_key(a, &within), kb_value_key(a, &vi));
	assert_string_not_equal(kb_value_key(a, &within), kb_value_key(a, &least));
	assert_string_not_equal(kb_value_key(a, &exact), kb_value_key(a, &biz));
	kb_value cents = find1(KB_V_MONEY, "en", "$9.05");
	kb_value dimes = find1(KB_V_MONEY, "en", "$9.50");
	assert_string_not_equal(kb_value_key(a, &cents), kb_value_key(a, &dimes));

	/* Whole years are twelve 30-day months when compared. */
	kb_value year = find1(KB_V_DURATION, "en", "1 year");
	kb_value twelve = find1(KB_V_DURATION, "vi", "12 tháng");
	kb_value two = find1(KB_V_DURATION, "en", "two years");
	kb_value days365 = find1(KB_V_DURATION, "en", "365 days");
	kb_value eleven = find1(KB_V_DURATION, "en", "11 months");
	assert_true(kb_value_same(&year, &twelve));
	assert_true(kb_value_same(&year, &days365));
	assert_false(kb_value_same(&two, &twelve));
	assert_false(kb_value_same(&eleven, &year));
	assert_string_equal(kb_value_key(a, &year), kb_value_key(a, &twelve));
	/* Calendar units compare exactly, whatever their mix. */
	kb_value y1m6 = find1(KB_V_DURATION, "en", "1 year 6 months");
	kb_value m18 = find1(KB_V_DURATION, "vi", "18 tháng");
	kb_value y15 = find1(KB_V_DURATION, "en", "one and a half years");
	kb_value m73 = find1(KB_V_DURATION, "en", "73 months");
	kb_value y6 = find1(KB_V_DURATION, "en", "6 years");
	kb_value y12 = find1(KB_V_DURATION, "en", "1-2 years");
	assert_true(y1m6.min == 540 * DAY && y1m6.max == 540 * DAY);
	assert_true(kb_value_same(&y1m6, &m18));
	assert_true(kb_value_same(&y15, &m18));
	assert_string_equal(kb_value_key(a, &y1m6), kb_value_key(a, &y15));
	assert_false(kb_value_same(&m73, &y6)); /* 73 x 30 days = 6 x 365, by chance */
	assert_true(kb_value_inside(&twelve, &y12));
	assert_true(kb_value_inside(&m18, &y12));
	/* A strict bound is the same promise as the bound: "less than 5 days"
	 * is "within 5 days". */
	kb_value below = find1(KB_V_DURATION, "en", "less than 5 days");
	kb_value below_vi = find1(KB_V_DURATION, "vi", "dưới 5 ngày");
	kb_value below_th = find1(KB_V_DURATION, "th", "น้อยกว่า 5 วัน");
	kb_value within5 = find1(KB_V_DURATION, "en", "within 5 days");
	assert_true(kb_value_same(&below, &within5));
	assert_true(kb_value_same(&below_vi, &within5));
	assert_true(kb_value_same(&below_th, &within5));

	kb_value day = find1(KB_V_DURATION, "en", "1 day");
	kb_value hours = find1(KB_V_DURATION, "th", "24 ชั่วโมง");
	assert_true(kb_value_same(&day, &hours));
	kb_value weeks = find1(KB_V_DURATION, "en", "2 weeks");
	kb_value days14 = find1(KB_V_DURATION, "vi", "14 ngày");
	assert_true(kb_value_same(&weeks, &days14));

	kb_value k500 = find1(KB_V_MONEY, "vi", "500k");
	kb_value d500 = find1(KB_V_MONEY, "vi", "500.000đ");
	kb_value usd = find1(KB_V_MONEY, "en", "USD 500,000");
	assert_true(kb_value_same(&k500, &d500));
	assert_false(kb_value_same(&k500, &usd));
	assert_string_equal(kb_value_key(a, &k500), kb_value_key(a, &d500));
	kb_value zero = find1(KB_V_MONEY, "en", "a fee of $0");
	kb_value free = find1(KB_V_MONEY, "en", "free of charge");
	kb_value five = find1(KB_V_MONEY, "en", "$5");
	assert_true(kb_value_same(&zero, &free));
	assert_false(kb_value_same(&five, &free));
	assert_string_equal(kb_value_key(a, &zero), kb_value_key(a, &free));

	kb_value r35 = find1(KB_V_DURATION, "en", "3-5 days");
	kb_value r57 = find1(KB_V_DURATION, "en", "5-7 days");
	kb_value d4 = find1(KB_V_DURATION, "en", "4 days");
	kb_value d5 = find1(KB_V_DURATION, "en", "within 5 days");
	kb_value d6 = find1(KB_V_DURATION, "en", "6 days");
	kb_value b4 = find1(KB_V_DURATION, "en", "4 business days");
	kb_value l4 = find1(KB_V_DURATION, "en", "at least 4 days");
	assert_false(kb_value_same(&r35, &r57));
	assert_true(kb_value_inside(&d4, &r35));
	assert_true(kb_value_inside(&d5, &r35));
	assert_false(kb_value_inside(&d6, &r35));
	assert_false(kb_value_inside(&b4, &r35));
	assert_false(kb_value_inside(&l4, &r35));
	assert_false(kb_value_inside(&r35, &r57));
	assert_false(kb_value_inside(&r35, &d4));
	/* "within 5 days" and "3-5 days": one promise */
	assert_true(kb_value_agree(&d5, &r35));
	assert_true(kb_value_agree(&r35, &d5));
	assert_false(kb_value_agree(&d4, &r35));
	assert_false(kb_value_agree(&d5, &r57));
	/* a lower bound that the others keep */
	kb_value l3 = find1(KB_V_DURATION, "en", "at least 3 days");
	assert_true(kb_value_meets(&l3, &d4));
	assert_true(kb_value_meets(&l3, &r35));
	assert_true(kb_value_meets(&l4, &r57));
	assert_false(kb_value_meets(&l3, &l4)); /* two lower bounds: two thresholds */
	kb_value m800 = find1(KB_V_MONEY, "en", "over $800");
	kb_value m1000 = find1(KB_V_MONEY, "en", "$1,000");
	assert_false(kb_value_meets(&m800, &m1000));
	assert_false(kb_value_meets(&l4, &r35));
	assert_false(kb_value_meets(&l4, &b4));
	assert_false(kb_value_meets(&d4, &l3));
	kb_value y1 = find1(KB_V_DURATION, "en", "at least 1 year");
	kb_value m24 = find1(KB_V_DURATION, "en", "24 months");
	assert_true(kb_value_meets(&y1, &m24));

	kb_value wd = find1(KB_V_WEEKDAYS, "en", "Mon-Fri");
	kb_value vd = find1(KB_V_WEEKDAYS, "vi", "thứ 2 đến thứ 6");
	kb_value td = find1(KB_V_WEEKDAYS, "th", "จันทร์–ศุกร์");
	kb_value sat = find1(KB_V_WEEKDAYS, "vi", "T2–T7");
	assert_true(kb_value_same(&wd, &vd));
	assert_true(kb_value_same(&wd, &td));
	assert_false(kb_value_same(&wd, &sat));
	assert_string_equal(kb_value_key(a, &wd), kb_value_key(a, &td));

	kb_value yes = {.kind = KB_V_BOOL, .flag = true}, no = {.kind = KB_V_BOOL};
	kb_value e1 = {.kind = KB_V_ENUM, .label = "store_credit"};
	kb_value e2 = {.kind = KB_V_ENUM, .label = "refund"};
	assert_false(kb_value_same(&yes, &no));
	assert_true(kb_value_same(&yes, &yes));
	assert_false(kb_value_same(&e1, &e2));
	assert_false(kb_value_same(&yes, &e1));
	assert_string_not_equal(kb_value_key(a, &yes), kb_value_key(a, &no));
	kb_arena_free(a);
}

static void test_names(void **state)
{
	(void)state;
	for (int k = KB_V_NONE; k <= KB_V_WEEKDAYS; k++)
		assert_int_equal(kb_vkind_parse(kb_vkind_name((kb_vkind)k)), k);
	assert_int_equal(kb_vkind_parse("bogus"), KB_V_NONE);
	assert_int_equal(kb_vkind_parse(NULL), KB_V_NONE);
	assert_string_equal(kb_bound_name(KB_BOUND_AT_MOST), "at_most");
	assert_string_equal(kb_bound_name(KB_BOUND_RANGE), "range");
}

static void expect_format(kb_vkind k, const char *loc, const char *text, const char *want)
{
	kb_value v = find1(k, loc, text);
	kb_buf b = KB_BUF_INIT;
	kb_value_format(&b, &v);
	if (strcmp(kb_buf_cstr(&b), want))
		print_error("format '%s': got '%s' want '%s'\n", text, kb_buf_cstr(&b), want);
	assert_string_equal(kb_buf_cstr(&b), want);
	kb_buf_free(&b);
}

static void test_format(void **state)
{
	(void)state;
	/* Durations in the author's unit. */
	expect_format(KB_V_DURATION, "en", "24 hours", "24 hours");
	expect_format(KB_V_DURATION, "en", "within 48 hours", "at most 48 hours");
	expect_format(KB_V_DURATION, "en", "an hour", "1 hour");
	expect_format(KB_V_DURATION, "en", "90 minutes", "90 minutes");
	expect_format(KB_V_DURATION, "en", "3-5 business days", "3–5 business days");
	expect_format(KB_V_DURATION, "en", "14 days", "14 days");
	expect_format(KB_V_DURATION, "en", "2 weeks", "2 weeks");
	expect_format(KB_V_DURATION, "en", "a fortnight", "2 weeks");
	expect_format(KB_V_DURATION, "en", "30 days", "30 days");
	expect_format(KB_V_DURATION, "en", "12 months", "12 months");
	expect_format(KB_V_DURATION, "en", "at least 1 year", "at least 1 year");
	expect_format(KB_V_DURATION, "en", "1.5 years", "1.5 years");
	expect_format(KB_V_DURATION, "en", "1 year 6 months", "18 months");
	expect_format(KB_V_DURATION, "en", "1 hour 30 minutes", "90 minutes");
	expect_format(KB_V_DURATION, "en", "an hour and a half", "1.5 hours");
	expect_format(KB_V_DURATION, "en", "1 week to 10 days", "7–10 days");
	expect_format(KB_V_DURATION, "vi", "trong vòng 7 ngày", "at most 7 days");
	expect_format(KB_V_DURATION, "th", "ภายใน 24 ชั่วโมง", "at most 24 hours");
	/* Below one of the author's unit, or not in quarters: the largest
	 * whole unit. */
	expect_format(KB_V_DURATION, "en", "half an hour", "30 minutes");
	expect_format(KB_V_DURATION, "en", "1/2 day", "12 hours");
	kb_value noted = {.kind = KB_V_DURATION, .bound = KB_BOUND_EXACT, .min = 86400, .max = 86400};
	kb_buf nb = KB_BUF_INIT;
	kb_value_format(&nb, &noted);
	assert_string_equal(kb_buf_cstr(&nb), "1 day"); /* no unit known */
	kb_buf_free(&nb);
	expect_format(KB_V_MONEY, "vi", "500.000đ", "500,000 VND");
	expect_format(KB_V_MONEY, "en", "$5", "$5");
	expect_format(KB_V_MONEY, "en", "$3.5", "$3.50");
	/* Digits are written by hand: zeros after the point, thousands. */
	expect_format(KB_V_MONEY, "en", "$9.05", "$9.05");
	expect_format(KB_V_MONEY, "en", "$1,234,567.5", "$1,234,567.50");
	expect_format(KB_V_MONEY, "en", "from $10 to $20", "$10–$20");
	expect_format(KB_V_MONEY, "en", "free", "free");
	expect_format(KB_V_PERCENT, "en", "up to 15%", "at most 15%");
	expect_format(KB_V_COUNT, "en", "1,000 items", "1,000");
	expect_format(KB_V_WEEKDAYS, "en", "Mon-Fri", "Mon–Fri");
	expect_format(KB_V_WEEKDAYS, "en", "Mon, Wed and Fri", "Mon, Wed, Fri");
	expect_format(KB_V_WEEKDAYS, "en", "Fri-Mon", "Fri–Mon");
	expect_format(KB_V_WEEKDAYS, "en", "daily", "every day");
	expect_format(KB_V_TIMERANGE, "vi", "8h-22h", "08:00–22:00");
	expect_format(KB_V_TIMERANGE, "en", "24/7", "00:00–24:00 every day");
	/* A value too big for an integer is shown as a power of ten, never
	 * as 9,223,372,036,854,775,808 (llround's overflow). */
	kb_value big = {.kind = KB_V_MONEY, .bound = KB_BOUND_EXACT, .min = 1.5e19, .max = 1.5e19,
			.currency = "$"};
	kb_buf bb = KB_BUF_INIT;
	kb_value_format(&bb, &big);
	assert_string_equal(kb_buf_cstr(&bb), "$1.5e+19");
	kb_buf_free(&bb);
	big.kind = KB_V_COUNT;
	big.min = big.max = 9.99999e22;
	kb_value_format(&bb, &big);
	assert_string_equal(kb_buf_cstr(&bb), "1e+23");
	kb_buf_free(&bb);
	kb_value yes = {.kind = KB_V_BOOL, .flag = true};
	kb_buf b = KB_BUF_INIT;
	kb_value_format(&b, &yes);
	assert_string_equal(kb_buf_cstr(&b), "yes");
	kb_buf_free(&b);
}

static char *json_of(const kb_value *v, const char *text)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	kb_jsonw *w = kb_jsonw_new(f, false);
	kb_value_json(w, v, text);
	kb_jsonw_free(w);
	fclose(f);
	return out;
}

static void test_json(void **state)
{
	(void)state;
	kb_value v = find1(KB_V_DURATION, "en", "within 24 hours");
	char *j = json_of(&v, "within 24 \"hours\"");
	assert_string_equal(j, "{\"kind\": \"duration\", \"min\": null, \"max\": 86400, \"unit\": "
			       "\"s\", \"business\": false, \"bound\": \"at_most\", \"text\": "
			       "\"within 24 \\\"hours\\\"\"}\n");
	free(j);
	v = find1(KB_V_MONEY, "th", "฿100");
	j = json_of(&v, NULL);
	assert_string_equal(j, "{\"kind\": \"money\", \"min\": 100, \"max\": 100, \"currency\": "
			       "\"THB\", \"bound\": \"exact\"}\n");
	free(j);
	v = find1(KB_V_WEEKDAYS, "en", "Sat-Sun");
	j = json_of(&v, "Sat-Sun");
	assert_string_equal(j, "{\"kind\": \"weekdays\", \"min\": 6, \"max\": 7, \"days\": "
			       "[\"sat\", \"sun\"], \"bound\": \"range\", \"text\": \"Sat-Sun\"}\n");
	free(j);
	kb_value none;
	assert_false(kb_normalize_find(KB_V_MONEY, "en", "nothing here", 12, 0, &none));
	j = json_of(&none, NULL);
	assert_string_equal(j, "{\"kind\": \"none\", \"text\": null}\n");
	free(j);
}

/* Every prefix and every one-byte change of the sample phrases, for every
 * kind, in exact-size heap buffers (no NUL after the text). */
static void test_robust(void **state)
{
	(void)state;
	static const kb_vkind kinds[] = {KB_V_DURATION, KB_V_MONEY, KB_V_NUMBER, KB_V_PERCENT,
					 KB_V_COUNT, KB_V_TIMERANGE, KB_V_WEEKDAYS};
	static const char noise[] = {'\0', '-', ' ', '9', '.', ',', '\xe0', '\xff', 'a'};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		const char *s = cases[c].text;
		size_t n = strlen(s);
		for (size_t cut = 0; cut <= n; cut++) {
			for (size_t x = 0; x <= sizeof noise; x++) {
				if (x && cut == n)
					break;
				char *buf = malloc(n ? n : 1);
				memcpy(buf, s, n);
				size_t len = x ? n : cut;
				if (x)
					buf[cut] = noise[x - 1];
				for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
					kb_value v;
					if (kb_normalize_find(kinds[k], cases[c].loc, buf, len, 0, &v)) {
						assert_true(v.start < v.end);
						assert_true(v.end <= len);
					}
				}
				double d;
				size_t used;
				if (kb_parse_number(cases[c].loc, buf, len, &d, &used))
					assert_true(used <= len);
				free(buf);
			}
		}
	}
}

/* Long repetitive inputs: every find must stay linear (ctest's timeout
 * catches a regression; each of these took minutes when quadratic). */
static void test_pathological(void **state)
{
	(void)state;
	static const char *const pats[] = {
	    "123 456 ", "1 (", "(1 ", "one hundred and ", "Mon, ", "1-", "$1 and ", "1 000 ",
	    "ภายใน", "a ", "1.", "24/", "thứ 2, ", "8h-", "2 hours ", "hai mươi ", "สิบ", "- ",
	};
	static const char *const locs[] = {"en", "vi", "th"};
	static const kb_vkind kinds[] = {KB_V_DURATION, KB_V_MONEY, KB_V_NUMBER, KB_V_PERCENT,
					 KB_V_COUNT, KB_V_TIMERANGE, KB_V_WEEKDAYS};
	enum { N = 20000 };
	char *buf = malloc(N);
	for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++) {
		size_t n = 0, pl = strlen(pats[p]);
		while (n + pl <= N) {
			memcpy(buf + n, pats[p], pl);
			n += pl;
		}
		for (size_t l = 0; l < 3; l++)
			for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
				kb_value v;
				size_t from = 0;
				while (kb_normalize_find(kinds[k], locs[l], buf, n, from, &v)) {
					assert_true(v.start >= from && v.end > v.start && v.end <= n);
					from = v.end;
				}
			}
	}
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_find_cases),
	    cmocka_unit_test(test_find_from),
	    cmocka_unit_test(test_parse_number),
	    cmocka_unit_test(test_same_inside_key),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_robust),
	    cmocka_unit_test(test_pathological),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
