/* cmd_normalize.c - `kbcheck normalize --type T --locale L TEXT...`
 *
 * Joins the TEXT words with spaces, NFC-normalises them, finds the first
 * value of the type and prints it as one line of JSON (kb_value_json).
 */
#include "cmd_normalize.h"

#include <stdio.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/jsonw.h"
#include "../base/locale.h"
#include "../base/text.h"
#include "../normalize/normalize.h"

static const char usage[] =
    "usage: kbcheck normalize --type TYPE --locale LOCALE [--] TEXT...\n"
    "\n"
    "Print, as one line of JSON, the first value of TYPE found in TEXT.\n"
    "\n"
    "  --type TYPE      duration, money, number, percent, count, timerange,\n"
    "                   weekdays\n"
    "  --locale LOCALE  en, vi or th (decides number separators and words)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Output: {\"kind\", \"min\", \"max\", \"unit\", \"business\", \"currency\",\n"
    "\"days\", \"bound\", \"text\"}; {\"kind\":\"none\",\"text\":null} when TEXT\n"
    "states no such value.  Exit status 0, or 2 on bad usage.\n";

static const kb_vkind types[] = {KB_V_DURATION, KB_V_MONEY,     KB_V_NUMBER,  KB_V_PERCENT,
				 KB_V_COUNT,    KB_V_TIMERANGE, KB_V_WEEKDAYS};

static int bad(const char *msg, const char *arg)
{
	fprintf(stderr, "kbcheck normalize: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	fputs("Try 'kbcheck normalize --help'.\n", stderr);
	return 2;
}

/* "--name VALUE" or "--name=VALUE" at argv[*i]; NULL if not this option. */
static const char *option(int argc, char **argv, int *i, const char *name, bool *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != 0)
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

int kb_cmd_normalize(int argc, char **argv)
{
	const char *type = NULL, *locale = NULL;
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i], *val;
		bool missing = false;
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		}
		if ((val = option(argc, argv, &i, "--type", &missing)))
			type = val;
		else if ((val = option(argc, argv, &i, "--locale", &missing)))
			locale = val;
		else if (missing)
			return bad("option needs a value", a);
		else if (a[0] == '-' && a[1] == '-')
			return bad("unknown option", a);
		else
			break;
	}
	if (!type)
		return bad("--type is required", NULL);
	if (!locale)
		return bad("--locale is required", NULL);
	kb_vkind kind = kb_vkind_parse(type);
	bool known = false;
	for (size_t k = 0; k < sizeof types / sizeof types[0]; k++)
		known |= types[k] == kind;
	if (!known)
		return bad("unknown --type (duration, money, number, percent, count, "
			   "timerange, weekdays)", type);
	/* A tag as anywhere else ("vi-VN", "th_TH"): its language's rules. */
	const char *lang = kb_locale_of(locale);
	if (!lang || (strcmp(lang, "en") && strcmp(lang, "vi") && strcmp(lang, "th")))
		return bad("unknown --locale (en, vi, th, or a tag of them such as vi-VN)", locale);
	locale = lang;
	if (i >= argc)
		return bad("no TEXT given", NULL);

	kb_buf joined = KB_BUF_INIT;
	for (int k = i; k < argc; k++) {
		if (k > i)
			kb_buf_putc(&joined, ' ');
		kb_buf_puts(&joined, argv[k]);
	}
	size_t badpos;
	if (!kb_utf8_valid(joined.ptr, joined.len, &badpos)) {
		kb_buf_free(&joined);
		char where[32];
		snprintf(where, sizeof where, "byte %zu", badpos);
		return bad("TEXT is not valid UTF-8", where);
	}
	kb_arena *arena = kb_arena_new();
	size_t n;
	char *text = kb_text_nfc(arena, joined.ptr, joined.len, &n, NULL);
	kb_buf_free(&joined);

	kb_value v;
	const char *matched = NULL;
	if (kb_normalize_find(kind, locale, text, n, 0, &v))
		matched = kb_strndup(arena, text + v.start, v.end - v.start);
	kb_jsonw *w = kb_jsonw_new(stdout, false);
	kb_value_json(w, &v, matched);
	kb_jsonw_free(w);
	kb_arena_free(arena);
	return 0;
}
