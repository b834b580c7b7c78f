/* gen_text.c - phrase banks of the benchmark corpus generator.
 *
 * Fact sentences are taken from the shipped packs' own tests (the tests in rules/),
 * so the pack recognises them; filler sentences talk about accounts, the
 * app, privacy and the like, and must yield no claim.  Filler never names a
 * qualifier (region, product class, payment...) or a value next to a cue, so
 * the only claims in a generated corpus are the facts'.
 */
#include <stdio.h>
#include <string.h>

#include "gen.h"

const char *const gen_locale_name[NLOC] = {"en", "vi", "th"};

uint64_t gen_next(gen_rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

size_t gen_below(gen_rng *r, size_t n) { return n ? (size_t)(gen_next(r) % n) : 0; }

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- values ---- */

static void fmt_plain(char *out, size_t n, int loc, int v)
{
	(void)loc;
	snprintf(out, n, "%d", v);
}

/* Money thresholds: $50 (en), 500.000đ (vi, thousands of dong), 1,000 (th). */
static void fmt_money(char *out, size_t n, int loc, int v)
{
	if (loc == LOC_VI) {
		if (v >= 1000)
			snprintf(out, n, "%d.%03d.000đ", v / 1000, v % 1000);
		else
			snprintf(out, n, "%d.000đ", v);
	} else if (loc == LOC_TH && v >= 1000) {
		snprintf(out, n, "%d,%03d", v / 1000, v % 1000);
	} else {
		snprintf(out, n, "%d", v);
	}
}

/* ---- facts: the policy statements ---- */

const gen_fact gen_facts[] = {
    {
	.topic = "order.cancel",
	.attribute = "window",
	.questions = {L("Can I cancel my order?", "How long do I have to cancel an order?"),
		      L("Tôi có thể hủy đơn hàng không?", "Hủy đơn trong bao lâu?"),
		      L("ยกเลิกคำสั่งซื้อได้ไหม", "ยกเลิกออเดอร์ได้ภายในกี่ชั่วโมง")},
	.templates = {L("You can cancel your order within %s hours of placing it.",
			"Orders can be cancelled within %s hours."),
		      L("Bạn có thể hủy đơn hàng trong vòng %s giờ sau khi đặt.",
			"Quý khách có thể huỷ đơn trong vòng %s giờ kể từ khi đặt hàng."),
		      L("คุณสามารถยกเลิกคำสั่งซื้อได้ภายใน %s ชั่วโมง",
			"ลูกค้าสามารถยกเลิกออเดอร์ได้ภายใน %s ชั่วโมงหลังสั่งซื้อ")},
	.canonical = {24, 24, 24},
	.lo = {2, 2, 2},
	.hi = {720, 720, 720},
	.plantable = true,
	.format = fmt_plain,
    },
    {
	.topic = "returns.window",
	.attribute = "window",
	.questions = {L("How long do I have to return an item?", "What is your return policy?"),
		      L("Tôi có thể trả hàng trong bao lâu?"),
		      L("คืนสินค้าได้ภายในกี่วัน")},
	.templates = {L("You can return unused items within %s days of delivery.",
			"You have %s days to return an item from the date you received it."),
		      L("Quý khách có thể trả hàng trong vòng %s ngày kể từ ngày nhận hàng."),
		      L("ลูกค้าสามารถคืนสินค้าได้ภายใน %s วันนับจากวันที่ได้รับสินค้า")},
	.canonical = {30, 30, 30},
	.lo = {2, 2, 2},
	.hi = {365, 365, 365},
	.plantable = true,
	.format = fmt_plain,
    },
    {
	.topic = "warranty.period",
	.attribute = "period",
	.questions = {L("How long is the warranty?", "What does the warranty cover?"),
		      L("Sản phẩm được bảo hành bao lâu?"),
		      L("รับประกันสินค้ากี่เดือน")},
	.templates = {L("All our products come with a %s-month warranty."),
		      L("Tất cả sản phẩm được bảo hành %s tháng."),
		      L("สินค้าทุกชิ้นรับประกัน %s เดือน")},
	.canonical = {12, 12, 12},
	.lo = {2, 2, 2},
	.hi = {240, 240, 240},
	.plantable = true,
	.format = fmt_plain,
    },
    {
	.topic = "refund.time",
	.attribute = "time",
	.questions = {L("How long does a refund take?", "When will I get my money back?"),
		      L("Bao lâu thì tôi nhận được tiền hoàn?"),
		      L("คืนเงินภายในกี่วัน")},
	.templates = {L("Refunds are processed within %s business days.",
			"Once approved, you will get your money back in %s business days."),
		      L("Hoàn tiền trong vòng %s ngày làm việc."),
		      L("เราจะคืนเงินภายใน %s วันทำการ")},
	.canonical = {7, 7, 7},
	.lo = {2, 2, 2},
	.hi = {90, 90, 90},
	.plantable = true,
	.format = fmt_plain,
    },
    {
	.topic = "shipping.free_threshold",
	.attribute = "threshold",
	.questions = {L("Do you offer free shipping?"),
		      L("Có miễn phí vận chuyển không?"),
		      L("ส่งฟรีไหม")},
	.templates = {L("Free shipping on orders over $%s."),
		      L("Miễn phí vận chuyển cho đơn từ %s."),
		      L("ส่งฟรีเมื่อซื้อครบ %s บาท")},
	.canonical = {50, 500, 1000},
	.lo = {5, 50, 100},
	.hi = {3000, 9999, 30000},
	.per_locale_groups = true,
	.plantable = true,
	.format = fmt_money,
    },
    {
	.topic = "payment.online_discount",
	.attribute = "discount",
	.questions = {L("Is there a discount for paying online?"),
		      L("Thanh toán online có được giảm giá không?"),
		      L("จ่ายออนไลน์มีส่วนลดไหม")},
	.templates = {L("Paying online saves you %s%% on every order."),
		      L("Giảm %s%% khi thanh toán online."),
		      L("รับส่วนลด %s%% เมื่อชำระเงินออนไลน์")},
	.canonical = {5, 5, 5},
	.lo = {1, 1, 1},
	.hi = {40, 40, 40},
	.plantable = true,
	.format = fmt_plain,
    },
    {
	/* Never planted: hours are a small value space. */
	.topic = "support.hours",
	.attribute = "hours",
	.questions = {L("When can I reach customer service?"),
		      L("Giờ làm việc?"),
		      L("เวลาทำการ")},
	.templates = {L("Customer service is available from 8 a.m. to 10 p.m. every day.%s"),
		      L("Giờ làm việc 8h - 22h, tất cả các ngày trong tuần.%s"),
		      L("เวลาทำการ 8:00–22:00 น. ทุกวัน%s")},
	.format = NULL,
    },
};
const size_t gen_nfacts = sizeof gen_facts / sizeof gen_facts[0];

/* ---- filler ---- */

static const char *const *const filler_q[NLOC] = {
    L("How do I reset my password?", "Which devices can run the app?",
      "How do I turn off notifications?", "Can I save things for later?", "How do I sign in?",
      "Is my personal data safe?", "Why does the page not load?",
      "How does two-step verification work?", "Which languages does the website have?",
      "How do I link my social media account?", "How are reviews checked?",
      "Can I compare models?", "Where is the size guide?", "How do I write a review?",
      "Can I use the website with a screen reader?", "How do I delete my account?"),
    L("Làm sao để đặt lại mật khẩu?", "Ứng dụng chạy trên thiết bị nào?",
      "Làm sao để tắt thông báo?", "Tôi có thể lưu lại để xem sau không?",
      "Đăng nhập bằng cách nào?", "Thông tin cá nhân có được bảo mật không?",
      "Vì sao trang không tải được?", "Xác thực hai bước là gì?",
      "Trang web có những ngôn ngữ nào?", "Làm sao để liên kết tài khoản mạng xã hội?",
      "Đánh giá được kiểm duyệt thế nào?", "Làm sao để xóa tài khoản?"),
    L("ลืมรหัสผ่านต้องทำอย่างไร", "แอปใช้กับอุปกรณ์อะไรได้บ้าง", "ปิดการแจ้งเตือนอย่างไร",
      "บันทึกไว้ดูภายหลังได้ไหม", "เข้าสู่ระบบอย่างไร", "ข้อมูลส่วนตัวปลอดภัยไหม",
      "ทำไมหน้าเว็บไม่โหลด", "การยืนยันตัวตนสองขั้นตอนคืออะไร", "เว็บไซต์มีภาษาอะไรบ้าง",
      "เชื่อมบัญชีโซเชียลอย่างไร", "รีวิวได้รับการตรวจสอบอย่างไร", "ลบบัญชีอย่างไร"),
};

/* {A} app name, {M} menu, {N} a small number, {K} an article number. */
static const char *const *const filler_s[NLOC] = {
    L("To reset your password, open {M} and choose Reset password.",
      "You can sign in with your Google or Facebook account.",
      "The {A} app runs on Android {N} or later.",
      "Your wishlist is saved to your account and synced across devices.",
      "Reviews are checked by our team before they appear on the site.",
      "You can turn notifications on or off under {M}.",
      "Your personal data is processed according to our privacy policy.",
      "Cookies help us remember your language and the contents of your cart.",
      "Click the heart icon to keep something for later.",
      "Our website is available in English, Vietnamese and Thai.",
      "Screen readers work on every page of the site.",
      "Two-step verification adds a one-time code to every sign-in.",
      "If the page does not load, clear your browser cache and try again.",
      "The {A} app shows your recent searches so you can find things again quickly.",
      "Photos are taken in natural light to show true colours.",
      "Article {K} explains how to link your social media account.",
      "You can compare up to {N} models side by side.",
      "Search results can be filtered by brand and rating.",
      "We never share your data with advertisers.",
      "To delete your account, open {M} and follow the steps at the bottom of the page.",
      "Most questions are answered in the help centre, article {K}.",
      "Write a review from the page of the model you bought; photos are welcome.",
      "Dark mode follows the setting of your device.",
      "You stay signed in on this device until you sign out."),
    L("Để đặt lại mật khẩu, vào mục {M} và chọn Quên mật khẩu.",
      "Bạn có thể đăng nhập bằng tài khoản Google hoặc Facebook.",
      "Ứng dụng {A} chạy trên Android {N} trở lên.",
      "Danh sách yêu thích được lưu trong tài khoản và đồng bộ trên mọi thiết bị.",
      "Các đánh giá được kiểm duyệt trước khi hiển thị trên trang.",
      "Bạn có thể bật hoặc tắt thông báo trong mục {M}.",
      "Thông tin cá nhân của bạn được xử lý theo chính sách bảo mật.",
      "Trang web có tiếng Việt, tiếng Anh và tiếng Thái.",
      "Nhấn vào biểu tượng trái tim để lưu lại xem sau.",
      "Nếu trang không tải được, hãy xóa bộ nhớ đệm của trình duyệt rồi thử lại.",
      "Xác thực hai bước thêm một mã dùng một lần cho mỗi lần đăng nhập.",
      "Bạn có thể so sánh tối đa {N} mẫu cùng lúc.",
      "Ảnh được chụp dưới ánh sáng tự nhiên để thể hiện đúng màu.",
      "Bài viết số {K} hướng dẫn cách liên kết tài khoản mạng xã hội.",
      "Kết quả tìm kiếm có thể lọc theo thương hiệu và đánh giá.",
      "Ứng dụng lưu các tìm kiếm gần đây để bạn tìm lại nhanh hơn.",
      "Chúng tôi không bao giờ chia sẻ dữ liệu của bạn cho bên quảng cáo.",
      "Chế độ tối tự động theo cài đặt của thiết bị."),
    L("หากลืมรหัสผ่าน ให้กดลืมรหัสผ่านที่หน้าเข้าสู่ระบบ",
      "เข้าสู่ระบบด้วยบัญชี Google หรือ Facebook ได้",
      "แอป {A} ใช้งานได้บน Android {N} ขึ้นไป",
      "รายการโปรดจะถูกบันทึกไว้ในบัญชีและซิงค์ทุกอุปกรณ์",
      "รีวิวทุกชิ้นจะได้รับการตรวจสอบก่อนแสดงบนเว็บไซต์",
      "เปิดหรือปิดการแจ้งเตือนได้ที่เมนู {M}",
      "ข้อมูลส่วนตัวของคุณได้รับการคุ้มครองตามนโยบายความเป็นส่วนตัว",
      "เว็บไซต์มีภาษาไทย ภาษาอังกฤษ และภาษาเวียดนาม",
      "กดรูปหัวใจเพื่อบันทึกไว้ดูภายหลัง",
      "หากหน้าเว็บไม่โหลด ให้ล้างแคชของเบราว์เซอร์แล้วลองใหม่",
      "การยืนยันตัวตนสองขั้นตอนจะส่งรหัสใช้ครั้งเดียวทุกครั้งที่เข้าสู่ระบบ",
      "เปรียบเทียบได้สูงสุด {N} รุ่นพร้อมกัน",
      "ภาพถ่ายทุกภาพถ่ายด้วยแสงธรรมชาติเพื่อให้เห็นสีจริง",
      "บทความที่ {K} อธิบายวิธีเชื่อมบัญชีโซเชียลมีเดีย",
      "กรองผลการค้นหาตามแบรนด์และคะแนนรีวิวได้",
      "แอปจะจำคำค้นหาล่าสุดเพื่อให้ค้นหาได้เร็วขึ้น",
      "เราไม่เปิดเผยข้อมูลของคุณให้ผู้ลงโฆษณา"),
};

static const char *const *const apps[NLOC] = {
    L("ShopNow", "Aurora", "Lotus Mart", "Nimbus"),
    L("ShopNow", "Aurora", "Sen Vàng", "Nimbus"),
    L("ShopNow", "Aurora", "บัวทอง", "Nimbus"),
};
static const char *const *const menus[NLOC] = {
    L("Account > Settings", "Profile > Security", "Settings > Privacy", "My account"),
    L("Tài khoản > Cài đặt", "Hồ sơ > Bảo mật", "Cài đặt > Quyền riêng tư"),
    L("บัญชี > การตั้งค่า", "โปรไฟล์ > ความปลอดภัย", "การตั้งค่า > ความเป็นส่วนตัว"),
};
static const char *const *const titles[NLOC] = {
    L("Help centre", "Frequently asked questions", "Your account", "Using our website",
      "Account and app"),
    L("Trung tâm trợ giúp", "Câu hỏi thường gặp", "Tài khoản và ứng dụng"),
    L("ศูนย์ช่วยเหลือ", "คำถามที่พบบ่อย", "บัญชีและแอป"),
};

static size_t count(const char *const *l)
{
	size_t n = 0;
	while (l[n])
		n++;
	return n;
}

static const char *pick(gen_rng *r, const char *const *l) { return l[gen_below(r, count(l))]; }

const char *gen_title(gen_rng *r, int loc) { return pick(r, titles[loc]); }

/* Append template t to out with its slots filled. */
static void fill(gen_rng *r, int loc, const char *t, char *out, size_t cap)
{
	size_t n = strlen(out);
	for (const char *p = t; *p && n + 1 < cap;) {
		if (p[0] == '{' && p[1] && p[2] == '}') {
			char tmp[64] = "";
			switch (p[1]) {
			case 'A':
				snprintf(tmp, sizeof tmp, "%s", pick(r, apps[loc]));
				break;
			case 'M':
				snprintf(tmp, sizeof tmp, "%s", pick(r, menus[loc]));
				break;
			case 'N':
				snprintf(tmp, sizeof tmp, "%zu", 4 + gen_below(r, 9));
				break;
			case 'K':
				snprintf(tmp, sizeof tmp, "%zu", 1000 + gen_below(r, 9000));
				break;
			}
			size_t k = strlen(tmp);
			if (n + k + 1 >= cap)
				break;
			memcpy(out + n, tmp, k);
			n += k;
			p += 3;
			continue;
		}
		out[n++] = *p++;
	}
	out[n] = '\0';
}

static void sentence(gen_rng *r, int loc, const char *t, char *out, size_t cap)
{
	size_t n = strlen(out);
	if (n && n + 2 < cap) {
		out[n++] = ' ';
		out[n] = '\0';
	}
	fill(r, loc, t, out, cap);
}

void gen_filler(gen_rng *r, int loc, gen_unit *u)
{
	u->loc = loc;
	u->fact = -1;
	u->planted = false;
	u->question[0] = u->text[0] = '\0';
	fill(r, loc, pick(r, filler_q[loc]), u->question, sizeof u->question);
	size_t k = 3 + gen_below(r, 4);
	for (size_t i = 0; i < k; i++)
		sentence(r, loc, pick(r, filler_s[loc]), u->text, sizeof u->text);
}

void gen_fact_unit(gen_rng *r, int loc, size_t fi, int v, gen_unit *u)
{
	const gen_fact *f = &gen_facts[fi];
	u->loc = loc;
	u->fact = (int)fi;
	u->value = v;
	u->question[0] = u->text[0] = '\0';
	fill(r, loc, pick(r, f->questions[loc]), u->question, sizeof u->question);
	char value[32] = "";
	if (f->format)
		f->format(value, sizeof value, loc, v);
	char s[512];
	snprintf(s, sizeof s, pick(r, f->templates[loc]), value);
	/* The fact first or after a filler sentence; filler after it. */
	if (gen_below(r, 3) == 0)
		sentence(r, loc, pick(r, filler_s[loc]), u->text, sizeof u->text);
	size_t n = strlen(u->text);
	snprintf(u->text + n, sizeof u->text - n, "%s%s", n ? " " : "", s);
	size_t k = gen_below(r, 3);
	for (size_t i = 0; i < k; i++)
		sentence(r, loc, pick(r, filler_s[loc]), u->text, sizeof u->text);
}
