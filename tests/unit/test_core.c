/* Unit tests: arena, text builder and its source map, globs, path-based
 * detection, scopes, Unicode helpers, folders reached without links and
 * atomic writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/files.h"
#include "base/locale.h"
#include "base/text.h"
#include "parse/textb.h"
#include "config/config.h"
#include "source/walk.h"

static kb_source make_source(kb_arena *a, const char *text)
{
	kb_source s = {.path = "t.md", .format = "markdown", .data = text, .len = strlen(text)};
	kb_source_index_lines(a, &s);
	return s;
}

static void test_arena_zeroed_and_strings(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	int *p = KB_NEWN(a, int, 1000);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(p[i], 0);
	char *big = kb_alloc(a, 1 << 20); /* larger than a chunk */
	big[(1 << 20) - 1] = 'x';
	assert_string_equal(kb_strndup(a, "abcdef", 3), "abc");
	assert_string_equal(kb_sprintf(a, "%d-%s", 42, "x"), "42-x");
	assert_true(kb_arena_used(a) >= (1 << 20));
	kb_arena_free(a);
}

static void test_source_positions(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	/* CRLF, a BOM, and multibyte characters before the column. */
	kb_source s = make_source(a, "\xEF\xBB\xBFone\r\nhai giờ: 24 giờ\r\nthree");
	int line, col;
	kb_source_pos(&s, 3, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1); /* the BOM is not a column */
	const char *p = strstr(s.data, "24");
	kb_source_pos(&s, (size_t)(p - s.data), &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 10); /* "hai giờ: " is 9 characters */
	size_t n;
	const char *l = kb_source_line(&s, 2, &n);
	assert_int_equal(n, strlen("hai giờ: 24 giờ"));
	assert_memory_equal(l, "hai giờ: 24 giờ", n);
	kb_arena_free(a);
}

/* Line ends found from the line index (LF, CRLF, lone CR, none at the
 * end) and UTF-16 columns from the column marks on a line of 40 KB with
 * emoji (two UTF-16 units) and Vietnamese (one) across the marks: the
 * same as counting from the line's start. */
static void test_source_long_line_columns(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_source s = make_source(a, "a\nbb\r\nccc\rdddd");
	const char *want[] = {"a", "bb", "ccc", "dddd"};
	for (int i = 0; i < 4; i++) {
		size_t n;
		const char *l = kb_source_line(&s, i + 1, &n);
		assert_int_equal(n, strlen(want[i]));
		assert_memory_equal(l, want[i], n);
	}
	kb_buf b = KB_BUF_INIT;
	kb_buf_puts(&b, "\xEF\xBB\xBFhead\n");
	for (int i = 0; i < 4000; i++)
		kb_buf_puts(&b, i % 7 ? "giờ x " : "\xF0\x9F\x98\x80 ");
	kb_buf_puts(&b, "\ntail");
	s = make_source(a, kb_buf_cstr(&b));
	size_t ls = kb_source_line_offset(&s, 2);
	for (size_t off = ls; off < s.len - 5; off += 997) {
		while (((unsigned char)s.data[off] & 0xC0) == 0x80)
			off++;
		assert_int_equal(kb_source_column_utf16(&s, 2, off),
				 (int)kb_utf16_count(s.data + ls, off - ls) + 1);
	}
	assert_int_equal(kb_source_column_utf16(&s, 1, 3), 1); /* after the BOM */
	assert_int_equal(kb_source_column_utf16(&s, 1, 0), 1);
	kb_buf_free(&b);
	kb_arena_free(a);
}

static void test_textb_maps_back_to_source(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	const char *doc = "# Q\n\nYou can  cancel\nwithin 24 hours &amp; more.\n";
	kb_source s = make_source(a, doc);
	kb_textb tb;
	kb_textb_init(&tb, &s);
	kb_textb_find(&tb, "You can  cancel", 15);
	kb_textb_space(&tb);
	kb_textb_find(&tb, "within 24 hours ", 16);
	kb_textb_find(&tb, "&", 1); /* decoded entity: found as the '&' of &amp; */
	kb_textb_find(&tb, " more.", 6);
	kb_unit u = {.source = &s};
	kb_textb_finish(&tb, a, &u);
	assert_string_equal(u.text, "You can cancel within 24 hours & more.");
	const char *w = strstr(u.text, "within 24 hours");
	size_t ts = (size_t)(w - u.text);
	kb_loc l = kb_unit_text_loc(&u, ts, ts + strlen("within 24 hours"));
	assert_int_equal(l.line, 4);
	assert_int_equal(l.column, 1);
	assert_int_equal(l.end_line, 4);
	assert_int_equal(l.end_column, 16);
	/* "cancel" comes after a collapsed double space. */
	const char *c = strstr(u.text, "cancel");
	l = kb_unit_text_loc(&u, (size_t)(c - u.text), (size_t)(c - u.text) + 6);
	assert_int_equal(l.line, 3);
	assert_int_equal(l.column, 10);
	kb_textb_free(&tb);
	kb_arena_free(a);
}

static void test_textb_nfc_decomposed_vietnamese(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	/* "hủy" with a combining hook above (U+0309) after "u". */
	const char *doc = "Bạn có thể hu\xCC\x89y đơn trong vòng 24 giờ.";
	kb_source s = make_source(a, doc);
	kb_textb tb;
	kb_textb_init(&tb, &s);
	kb_textb_find(&tb, doc, strlen(doc));
	kb_unit u = {.source = &s};
	kb_textb_finish(&tb, a, &u);
	assert_non_null(strstr(u.text, "hủy")); /* composed */
	const char *p = strstr(u.text, "24 giờ");
	kb_loc l = kb_unit_text_loc(&u, (size_t)(p - u.text), (size_t)(p - u.text) + strlen("24 giờ"));
	assert_int_equal(l.line, 1);
	assert_int_equal(l.column, 32); /* code points of the original, decomposed text */
	kb_textb_free(&tb);
	kb_arena_free(a);
}

static void test_glob(void **state)
{
	(void)state;
	assert_true(kb_glob_match("help/**", "help/en/orders.md"));
	assert_true(kb_glob_match("**/*.md", "a/b/c.md"));
	assert_true(kb_glob_match("**/*.md", "c.md"));
	assert_false(kb_glob_match("*.md", "a/c.md"));
	assert_true(kb_glob_match("help/*/faq.[mh]*", "help/vi/faq.md"));
	assert_false(kb_glob_match("help/?/x", "help/ab/x"));
	assert_true(kb_glob_match("macros/north/**", "macros/north/a/b.json"));
}

static void test_locale_and_channel_from_path(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	assert_string_equal(kb_locale_from_path(a, "help/vi/don-hang.md"), "vi");
	assert_string_equal(kb_locale_from_path(a, "help/faq.th.md"), "th");
	assert_string_equal(kb_locale_from_path(a, "kb/en-US/returns.html"), "en");
	assert_string_equal(kb_locale_from_path(a, "returns_vi.html"), "vi");
	assert_null(kb_locale_from_path(a, "help/how-to-do-it.md"));
	assert_null(kb_locale_from_path(a, "docs/orders.md"));
	/* A file named for its language (en, vi, th: "id.js" is not one). */
	assert_string_equal(kb_locale_from_path(a, "resources/lang/th.php"), "th");
	assert_string_equal(kb_locale_from_path(a, "src/i18n/vi.ts"), "vi");
	assert_string_equal(kb_locale_from_path(a, "src/i18n/en-US.js"), "en");
	assert_null(kb_locale_from_path(a, "src/utils/id.js"));
	assert_null(kb_locale_from_path(a, "src/it.md"));
	/* With a region, any known language: a help centre's pt-br.md. */
	assert_string_equal(kb_locale_from_path(a, "articles/payouts/pt-br.md"), "pt");
	assert_string_equal(kb_locale_from_path(a, "src/i18n/id-ID.json"), "id");
	/* Folders named with a tag, and folders that only look like one. */
	assert_string_equal(kb_locale_from_path(a, "help/pt-BR/faq.md"), "pt");
	assert_string_equal(kb_locale_from_path(a, "help/zh-Hant-TW/faq.md"), "zh");
	assert_string_equal(kb_locale_from_path(a, "help/th_TH/faq.md"), "th");
	assert_null(kb_locale_from_path(a, "it-services/faq.md"));
	assert_null(kb_locale_from_path(a, "js/faq.md"));
	assert_string_equal(kb_locale_of_name("vi_VN", 5), "vi");
	assert_null(kb_locale_of_name("vie", 3));
	assert_int_equal(kb_channel_from_path("kb/macros/refunds.json"), KB_CHANNEL_MACRO);
	assert_int_equal(kb_channel_from_path("bot/domain.yml"), KB_CHANNEL_CHATBOT);
	assert_int_equal(kb_channel_from_path("help/en/a.md"), KB_CHANNEL_FAQ);
	assert_int_equal(kb_channel_from_path("faq.md"), KB_CHANNEL_UNKNOWN);
	kb_arena_free(a);
}

static void test_guess_locale(void **state)
{
	(void)state;
	assert_string_equal(kb_locale_guess("ยกเลิกคำสั่งซื้อได้ภายใน 24 ชั่วโมง", 60), "th");
	const char *vi = "Bạn có thể hủy đơn hàng trong vòng 24 giờ.";
	assert_string_equal(kb_locale_guess(vi, strlen(vi)), "vi");
	const char *en = "You can cancel your order within 24 hours.";
	assert_string_equal(kb_locale_guess(en, strlen(en)), "en");
	assert_null(kb_locale_guess("24 / 7 - 123", 12));
}

/* One parser of language tags: BCP 47 and POSIX select the language,
 * interned (the same pointer wherever it comes from). */
static void test_locale_tags(void **state)
{
	(void)state;
	static const struct {
		const char *tag, *lang;
	} cases[] = {
	    {"vi", "vi"},        {"vi-VN", "vi"},       {"th-TH", "th"},
	    {"en_US", "en"},     {"EN-us", "en"},       {"zh-Hant-TW", "zh"},
	    {"en-GB-oxendict", "en"}, {"th_TH.UTF-8", "th"}, {"de_DE@euro", "de"},
	    {"fil", "fil"},      {" vi ", "vi"},        {"pt-BR\n", "pt"},
	    {"und", NULL},       {"mul", NULL},         {"", NULL},
	    {"*", NULL},         {"v", NULL},           {"vi-", NULL},
	    {"english", NULL},   {"vi VN", NULL},       {"en-toolongsubtag", NULL},
	    {"x-klingon", NULL}, {"vi--VN", NULL},      {"1a", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = kb_locale_of(cases[i].tag);
		if (cases[i].lang)
			assert_string_equal(got, cases[i].lang);
		else
			assert_null(got);
	}
	assert_ptr_equal(kb_locale_of("vi-VN"), kb_locale_of("vi"));
	assert_ptr_equal(kb_locale_of("TH"), kb_locale_tag("th_TH", 5));
	assert_null(kb_locale_of(NULL));
	/* Names: a language with at most a script and a region, and a
	 * language known by name. */
	assert_string_equal(kb_locale_of_name("en-US", 5), "en");
	assert_string_equal(kb_locale_of_name("zh-Hant", 7), "zh");
	assert_null(kb_locale_of_name("en-GB-oxendict", 14));
	assert_null(kb_locale_of_name("ui", 2));
	assert_null(kb_locale_of_name("fil", 3));
}

/* The gate's order: kbcheck.yml, a clearly Thai or Vietnamese text, the
 * document, the path, a guess. */
static void test_locale_gate(void **state)
{
	(void)state;
	const char *th = "คุณสามารถยกเลิกคำสั่งซื้อได้ภายใน 24 ชั่วโมง";
	const char *vi = "Bạn có thể hủy đơn hàng trong vòng 24 giờ.";
	const char *en = "You can cancel your order within 24 hours.";
	const char *en_vi_name = "Ask Nguyễn Văn Đức at our shop in Hà Nội about returns within 30 "
				 "days of delivery, any day.";
	const char *mixed = "Returns: 30 days (คืนสินค้าได้ภายใน 30 วัน)";
	const char *en_th_word = "Our Bangkok store (สาขา) is open from 9 to 5 every day of the week.";
	kb_locale_says page_en = {.declared = "en"};
	assert_string_equal(kb_locale_decide(&page_en, th, strlen(th), NULL), "th");
	assert_string_equal(kb_locale_decide(&page_en, vi, strlen(vi), NULL), "vi");
	assert_string_equal(kb_locale_decide(&page_en, en_vi_name, strlen(en_vi_name), NULL), "en");
	assert_string_equal(kb_locale_decide(&page_en, mixed, strlen(mixed), NULL), "th");
	assert_string_equal(kb_locale_decide(&page_en, en_th_word, strlen(en_th_word), NULL), "en");
	/* A Vietnamese page written without diacritics stays Vietnamese; an
	 * English text is not taken from a page declared Thai. */
	kb_locale_says page_vi = {.declared = "vi", .path = "en"};
	const char *plain = "Ban co the huy don hang trong vong 24 gio.";
	assert_string_equal(kb_locale_decide(&page_vi, plain, strlen(plain), NULL), "vi");
	kb_locale_says page_th = {.declared = "th"};
	assert_string_equal(kb_locale_decide(&page_th, en, strlen(en), NULL), "th");
	/* kbcheck.yml wins over everything, the script of the text included. */
	kb_locale_says config = {.config = kb_locale_of("vi-VN"), .declared = "en", .path = "th"};
	assert_ptr_equal(kb_locale_decide(&config, th, strlen(th), NULL), kb_locale_of("vi"));
	/* The document over the path; the path over a guess. */
	kb_locale_says both = {.declared = "th", .path = "en"};
	assert_string_equal(kb_locale_decide(&both, "24/7", 4, NULL), "th");
	kb_locale_says path = {.path = "vi"};
	assert_string_equal(kb_locale_decide(&path, en, strlen(en), NULL), "vi");
	/* Nothing but the text, then the question, then "und". */
	kb_locale_says none = {0};
	assert_string_equal(kb_locale_decide(&none, en, strlen(en), NULL), "en");
	assert_string_equal(kb_locale_decide(&none, "24/7", 4, "Mở cửa lúc mấy giờ?"), "vi");
	assert_string_equal(kb_locale_decide(&none, "24/7", 4, NULL), "und");
}

static void test_scope(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	kb_scope s = {0};
	s = kb_scope_with(a, &s, "region", "north");
	s = kb_scope_with(a, &s, "product", "phones");
	s = kb_scope_with(a, &s, "region", "south");
	assert_int_equal(s.n, 2);
	assert_string_equal(kb_scope_key(a, &s), "product=phones,region=south");
	assert_string_equal(kb_scope_get(&s, "region"), "south");
	assert_null(kb_scope_get(&s, "tier"));
	kb_arena_free(a);
}

static void test_utf8_checks(void **state)
{
	(void)state;
	size_t bad = 0;
	assert_true(kb_utf8_valid("giờ", strlen("giờ"), &bad));
	assert_false(kb_utf8_valid("ab\xC3(", 4, &bad));
	assert_int_equal(bad, 2);
	assert_false(kb_utf8_valid("a\0b", 3, &bad));
	assert_int_equal(bad, 1);
	assert_int_equal(kb_utf16_count("a😀b", strlen("a😀b")), 4);
	assert_int_equal(kb_display_width("ไทย", strlen("ไทย")), 3);
	kb_arena *a = kb_arena_new();
	assert_string_equal(kb_text_fold(a, "  Within\n 24  HOURS ", 20), "within 24 hours");
	kb_arena_free(a);
}

/* A file name that is not UTF-8, as valid UTF-8 that percent-decodes back
 * to its bytes; a valid one (with its %) unchanged; a NUL kept. */
static void test_utf8_name(void **state)
{
	(void)state;
	kb_buf b = KB_BUF_INIT;
	assert_false(kb_utf8_name_buf(&b, "faq, 100%.md", 12));
	assert_string_equal(kb_buf_cstr(&b), "faq, 100%.md");
	kb_buf_clear(&b);
	assert_false(kb_utf8_name_buf(&b, "giờ\0x", 6));
	assert_memory_equal(b.ptr, "giờ\0x", 6);
	kb_buf_clear(&b);
	assert_true(kb_utf8_name_buf(&b, "faq-\xe9%.md", 9));
	assert_string_equal(kb_buf_cstr(&b), "faq-%E9%25.md");
	kb_buf_clear(&b);
	/* a truncated sequence, an overlong one, a surrogate; valid text kept */
	assert_true(kb_utf8_name_buf(&b, "\xc3" "giờ\xc0\xaf\xed\xa0\x80\xff", 12));
	assert_string_equal(kb_buf_cstr(&b), "%C3giờ%C0%AF%ED%A0%80%FF");
	kb_buf_free(&b);
}

/* Text shown to people and runners: control characters, C1 controls,
 * bidirectional overrides and bytes that are not UTF-8 are escaped; tab
 * and every script are kept, and a clean string is not copied. */
static void test_text_escape(void **state)
{
	(void)state;
	kb_arena *a = kb_arena_new();
	const char *vi = "Bạn có thể hủy đơn trong vòng 24 giờ.\tยกเลิกได้ภายใน 24 ชั่วโมง";
	assert_ptr_equal(kb_text_safe(a, vi), vi);
	assert_null(kb_text_safe(a, NULL));
	assert_string_equal(kb_text_safe(a, "x\n::stop-commands::pwn\r\n.md"),
			    "x\\n::stop-commands::pwn\\r\\n.md");
	assert_string_equal(kb_text_safe(a, "a\x1b]0;t\x07" "b\x1b[2J\x7f"),
			    "a\\x1b]0;t\\x07b\\x1b[2J\\x7f");
	/* U+009B (a one-character CSI), U+202E, a lone 0xFF byte */
	assert_string_equal(kb_text_safe(a, "c\xc2\x9b" "d\xe2\x80\xae" "e\xff"),
			    "c\\u009bd\\u202ee\\xff");
	kb_buf b = KB_BUF_INIT;
	kb_text_escape_buf(&b, "é\x01", 3);
	assert_string_equal(kb_buf_cstr(&b), "é\\x01");
	kb_buf_free(&b);
	kb_arena_free(a);
}

static void test_dir_beneath_never_follows_links(void **state)
{
	(void)state;
	char root[] = "/tmp/kbfiles.XXXXXX";
	assert_non_null(mkdtemp(root));
	char p[256], out[256];
	snprintf(out, sizeof out, "%s/outside", root);
	assert_int_equal(mkdir(out, 0777), 0);
	snprintf(p, sizeof p, "%s/kb", root);
	assert_int_equal(mkdir(p, 0777), 0);
	/* Made on demand, component by component. */
	int d = kb_dir_beneath(p, ".kbcheck/cache", true);
	assert_true(d >= 0);
	close(d);
	/* A link in the middle or at the end is refused, wherever it points;
	 * nothing is made behind it. */
	snprintf(p, sizeof p, "%s/kb/.kbcheck/cache", root);
	assert_int_equal(rmdir(p), 0);
	assert_int_equal(symlink("../../outside", p), 0);
	snprintf(p, sizeof p, "%s/kb", root);
	errno = 0;
	assert_int_equal(kb_dir_beneath(p, ".kbcheck/cache/x", true), -1);
	assert_true(errno == ELOOP || errno == ENOTDIR);
	snprintf(p, sizeof p, "%s/outside/x", root);
	assert_int_equal(access(p, F_OK), -1);
	snprintf(p, sizeof p, "%s/kb", root);
	assert_int_equal(kb_dir_beneath(p, "../outside", false), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(kb_dir_beneath(p, "/tmp", false), -1);
	/* The root itself is taken as given (the user named it). */
	snprintf(p, sizeof p, "%s/kb/.kbcheck/cache", root);
	d = kb_dir_beneath(p, "", false);
	assert_true(d >= 0);
	close(d);

	/* An atomic write replaces a link at the target, and a FIFO is not a
	 * file to read. */
	snprintf(p, sizeof p, "%s/kb/.kbcheck", root);
	d = kb_dir_beneath(p, "", false);
	assert_true(d >= 0);
	assert_int_equal(symlinkat("../../outside/target", d, "acks.yml"), 0);
	kb_wfile *w = kb_wfile_at(d, "acks.yml");
	assert_non_null(w);
	fputs("kbcheck: acks/1\n", kb_wfile_stream(w));
	assert_true(kb_wfile_commit(w));
	struct stat st;
	assert_int_equal(fstatat(d, "acks.yml", &st, AT_SYMLINK_NOFOLLOW), 0);
	assert_true(S_ISREG(st.st_mode));
	snprintf(p, sizeof p, "%s/outside/target", root);
	assert_int_equal(access(p, F_OK), -1);
	int fd = kb_open_regular(d, "acks.yml");
	assert_true(fd >= 0);
	kb_buf b = KB_BUF_INIT;
	assert_true(kb_read_all(fd, &b, 100));
	assert_string_equal(kb_buf_cstr(&b), "kbcheck: acks/1\n");
	close(fd);
	kb_buf_clear(&b);
	fd = kb_open_regular(d, "acks.yml");
	assert_false(kb_read_all(fd, &b, 4)); /* larger than allowed */
	assert_int_equal(errno, EFBIG);
	close(fd);
	kb_buf_free(&b);
	assert_int_equal(mkfifoat(d, "fifo", 0600), 0);
	assert_int_equal(kb_open_regular(d, "fifo"), -1);
	assert_int_equal(errno, EINVAL);
	/* A file the user names (a baseline) is read through a link, but a
	 * FIFO, a device or a folder is refused before any read. */
	assert_int_equal(symlinkat("acks.yml", d, "link.yml"), 0);
	snprintf(p, sizeof p, "%s/kb/.kbcheck/link.yml", root);
	b = (kb_buf)KB_BUF_INIT;
	assert_true(kb_read_file(p, &b, 100));
	assert_string_equal(kb_buf_cstr(&b), "kbcheck: acks/1\n");
	assert_false(kb_read_path(p, &b, 100)); /* kb_read_path follows none */
	assert_false(kb_read_file(p, &b, 4));
	assert_int_equal(errno, EFBIG);
	const char *refused[] = {"fifo", "", "/dev/zero"};
	for (size_t i = 0; i < 3; i++) {
		if (refused[i][0] == '/')
			snprintf(p, sizeof p, "%s", refused[i]);
		else
			snprintf(p, sizeof p, "%s/kb/.kbcheck/%s", root, refused[i]);
		kb_buf_clear(&b);
		errno = 0;
		assert_false(kb_read_file(p, &b, 100));
		assert_int_equal(errno, EINVAL);
		assert_int_equal(b.len, 0);
	}
	kb_buf_free(&b);
	assert_int_equal(unlinkat(d, "link.yml", 0), 0);
	/* An aborted write leaves the file as it was, and no temporary one. */
	w = kb_wfile_at(d, "acks.yml");
	fputs("half", kb_wfile_stream(w));
	kb_wfile_abort(w);
	fd = kb_open_regular(d, "acks.yml");
	b = (kb_buf)KB_BUF_INIT;
	assert_true(kb_read_all(fd, &b, 100));
	assert_string_equal(kb_buf_cstr(&b), "kbcheck: acks/1\n");
	close(fd);
	kb_buf_free(&b);
	close(d);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "ls -A %s/kb/.kbcheck | tr '\\n' ' '", root);
	FILE *ls = popen(cmd, "r");
	char got[200] = "";
	assert_non_null(fgets(got, sizeof got, ls));
	pclose(ls);
	assert_string_equal(got, "acks.yml cache fifo ");
	/* A device named on the command line is written in place, never
	 * replaced (`-o /dev/null`). */
	w = kb_wfile_open("/dev/null");
	assert_non_null(w);
	fputs("x", kb_wfile_stream(w));
	assert_true(kb_wfile_commit(w));
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_arena_zeroed_and_strings),
	    cmocka_unit_test(test_source_positions),
	    cmocka_unit_test(test_source_long_line_columns),
	    cmocka_unit_test(test_textb_maps_back_to_source),
	    cmocka_unit_test(test_textb_nfc_decomposed_vietnamese),
	    cmocka_unit_test(test_glob),
	    cmocka_unit_test(test_locale_and_channel_from_path),
	    cmocka_unit_test(test_guess_locale),
	    cmocka_unit_test(test_locale_tags),
	    cmocka_unit_test(test_locale_gate),
	    cmocka_unit_test(test_scope),
	    cmocka_unit_test(test_utf8_checks),
	    cmocka_unit_test(test_utf8_name),
	    cmocka_unit_test(test_text_escape),
	    cmocka_unit_test(test_dir_beneath_never_follows_links),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
