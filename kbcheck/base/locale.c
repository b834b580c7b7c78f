/* locale.c - the locale gate (locale.h): language tags, names, scripts,
 * and which of them decides. */
#include "locale.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "text.h"

/* Every two- and three-letter language subtag, interned: written once,
 * read by every thread after. */
static char two[26 * 26][3];
static char three[26 * 26 * 26][4];
static pthread_once_t filled = PTHREAD_ONCE_INIT;

static void fill(void)
{
	for (int a = 0; a < 26; a++)
		for (int b = 0; b < 26; b++) {
			char *t = two[a * 26 + b];
			t[0] = (char)('a' + a);
			t[1] = (char)('a' + b);
			for (int c = 0; c < 26; c++) {
				char *u = three[(a * 26 + b) * 26 + c];
				u[0] = t[0];
				u[1] = t[1];
				u[2] = (char)('a' + c);
			}
		}
}

static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static int lower(char c) { return (c | 0x20) - 'a'; }

static const char *intern(const char *s, size_t n)
{
	pthread_once(&filled, fill);
	if (n == 2)
		return two[lower(s[0]) * 26 + lower(s[1])];
	return three[(lower(s[0]) * 26 + lower(s[1])) * 26 + lower(s[2])];
}

/* The language of a tag, and whether the tag is plain: the language with
 * at most a script (4 letters) and a region (2 letters or 3 digits), as
 * folders and files are named. */
static const char *parse(const char *s, size_t n, bool *plain)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	/* POSIX: "th_TH.UTF-8", "de_DE@euro": the rest is no subtag. */
	for (size_t i = 0; i < n; i++)
		if (s[i] == '.' || s[i] == '@') {
			n = i;
			break;
		}
	size_t k = 0;
	while (k < n && is_alpha(s[k]))
		k++;
	if (k < 2 || k > 3 || (k < n && s[k] != '-' && s[k] != '_'))
		return NULL;
	*plain = true;
	int seen = 0; /* 1: a script, 2: a region */
	for (size_t i = k; i < n;) {
		size_t j = ++i; /* past the separator */
		bool letters = true, digits = true;
		while (j < n && s[j] != '-' && s[j] != '_') {
			letters &= is_alpha(s[j]);
			digits &= is_digit(s[j]);
			if (!is_alpha(s[j]) && !is_digit(s[j]))
				return NULL;
			j++;
		}
		size_t len = j - i;
		if (len < 1 || len > 8)
			return NULL;
		if (len == 4 && letters && seen < 1)
			seen = 1;
		else if (((len == 2 && letters) || (len == 3 && digits)) && seen < 2)
			seen = 2;
		else
			*plain = false;
		i = j;
	}
	const char *lang = intern(s, k);
	static const char *const none[] = {"und", "mul", "zxx", "mis", NULL};
	for (int i = 0; none[i]; i++)
		if (!strcmp(lang, none[i]))
			return NULL;
	return lang;
}

const char *kb_locale_tag(const char *s, size_t n)
{
	bool plain;
	return s ? parse(s, n, &plain) : NULL;
}

const char *kb_locale_of(const char *s) { return s ? kb_locale_tag(s, strlen(s)) : NULL; }

/* Languages a path may name: the common ones of support sites.  A folder
 * or file named with any other two letters is not taken for a language. */
static const char *const known[] = {
    "en", "vi", "th", "fr", "de", "es", "it", "pt", "nl", "ja", "ko", "zh",
    "id", "ms", "ru", "pl", "tr", "ar", "sv", "da", "fi", "no", "cs", "he", NULL};

const char *kb_locale_of_name(const char *s, size_t n)
{
	bool plain;
	const char *lang = parse(s, n, &plain);
	if (!lang || !plain)
		return NULL;
	for (int i = 0; known[i]; i++)
		if (!strcmp(known[i], lang))
			return lang;
	return NULL;
}

/* ---- scripts --------------------------------------------------------------- */

static bool is_vi_letter(int32_t cp)
{
	/* Latin Extended Additional: Vietnamese tone-marked vowels. */
	if (cp >= 0x1EA0 && cp <= 0x1EF9)
		return true;
	switch (cp) {
	case 0x0110: case 0x0111: /* Đ đ */
	case 0x01A0: case 0x01A1: /* Ơ ơ */
	case 0x01AF: case 0x01B0: /* Ư ư */
	case 0x0102: case 0x0103: /* Ă ă */
	case 0x0128: case 0x0129: /* Ĩ ĩ */
	case 0x0168: case 0x0169: /* Ũ ũ */
		return true;
	}
	return false;
}

typedef struct {
	size_t thai, vi, latin;
} letters;

static letters count(const char *s, size_t n)
{
	letters c = {0, 0, 0};
	for (size_t i = 0; i < n;) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) { /* ASCII, most of most texts: no decoding */
			c.latin += (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
			i++;
			continue;
		}
		if (b == 0xE0 && i + 2 < n && ((unsigned char)s[i + 1] & 0xFE) == 0xB8) {
			c.thai++; /* U+0E00..U+0E7F: E0 B8 xx, E0 B9 xx */
			i += 3;
			continue;
		}
		int32_t cp;
		i += kb_utf8_next(s + i, n - i, &cp);
		if (cp >= 0x0E00 && cp <= 0x0E7F)
			c.thai++;
		else if (is_vi_letter(cp))
			c.vi++;
		else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
			c.latin++;
	}
	return c;
}

/* Thai words run to several code points (vowels and tone marks are code
 * points of their own), so Thai text has at least as many as the Latin
 * letters of the English words around it; Vietnamese has a letter of its
 * own in most words, an English text quoting a Vietnamese name one in
 * dozens of letters. */
enum { THAI_MIN = 4, VI_MIN = 3, VI_LATIN_PER_LETTER = 8 };

const char *kb_locale_script(const char *s, size_t n)
{
	letters c = count(s, n);
	if (c.thai >= THAI_MIN && c.thai >= c.latin)
		return kb_locale_tag("th", 2);
	if (c.vi >= VI_MIN && c.vi * VI_LATIN_PER_LETTER >= c.latin)
		return kb_locale_tag("vi", 2);
	return NULL;
}

const char *kb_locale_guess(const char *s, size_t n)
{
	letters c = count(s, n);
	if (c.thai && c.thai * 4 >= c.latin)
		return kb_locale_tag("th", 2);
	/* A couple of Vietnamese letters in a sentence is decisive: English
	 * text almost never has them, Vietnamese text has them in most words. */
	if (c.vi >= 2 || (c.vi == 1 && c.latin < 40))
		return kb_locale_tag("vi", 2);
	if (c.latin)
		return kb_locale_tag("en", 2);
	return NULL;
}

const char *kb_locale_decide(const kb_locale_says *says, const char *t, size_t n,
			     const char *question)
{
	if (says->config)
		return says->config;
	const char *l = t ? kb_locale_script(t, n) : NULL;
	if (!l)
		l = says->declared ? says->declared : says->path;
	if (!l && t)
		l = kb_locale_guess(t, n);
	if (!l && question)
		l = kb_locale_guess(question, strlen(question));
	return l ? l : "und";
}
