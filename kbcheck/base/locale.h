/* locale.h - the locale gate: every place kbcheck learns a language goes
 * through here, so that they all agree.
 *
 * A locale in kbcheck is a language: "en", "vi", "th", "fr"... in lower
 * case.  Each language has one interned string (the same pointer wherever
 * it comes from), so rules compare locales by pointer first.  What says
 * which language a text is in, strongest first:
 *
 *   1. kbcheck.yml (`sources: - glob: ... locale: vi-VN`): wins over
 *      everything, text included;
 *   2. the script of the text, when it is clearly Thai or Vietnamese (a
 *      Thai answer on a page that says lang="en" is Thai);
 *   3. what the document declares: an HTML or front-matter `lang`, a
 *      Dialogflow `lang` or `languageCode`, a Help Center `locale`, a
 *      column or field of the export;
 *   4. the path: a folder or file named for the language ("help/vi/",
 *      "faq.th.md", "en-US.ts");
 *   5. a guess from the script (Latin letters: English), else "und".
 *
 * Tags are BCP 47 ("vi-VN", "zh-Hant-TW", "en-GB-oxendict") or POSIX
 * ("en_US", "th_TH.UTF-8", "de_DE@euro"), in any case: they select their
 * language's rules.  Thread-safe; no memory to free.
 */
#ifndef KB_LOCALE_H
#define KB_LOCALE_H

#include <stdbool.h>
#include <stddef.h>

/* The language of tag s[0..n) ("vi-VN" -> "vi"), interned; NULL when s is
 * no tag, or "und"/"mul"/"zxx" (no language). */
const char *kb_locale_tag(const char *s, size_t n);
/* kb_locale_tag of a NUL-terminated string (NULL gives NULL). */
const char *kb_locale_of(const char *s);

/* The language a folder or file name is named for ("vi", "en-US",
 * "pt_BR", "zh-Hant"): only a language with, at most, a script and a
 * region, and only a language kbcheck knows by name (so "js", "ui" or
 * "it-services" are no languages); else NULL. */
const char *kb_locale_of_name(const char *s, size_t n);

/* The language a text is clearly written in by its script: "th" when
 * Thai letters are at least as many as Latin ones, "vi" when Vietnamese
 * letters (đ, ơ, ư, tone marks) are frequent; else NULL. */
const char *kb_locale_script(const char *s, size_t n);
/* A guess with nothing else to go by: "th", "vi" (a couple of Vietnamese
 * letters are enough), "en" for other Latin text, NULL without letters. */
const char *kb_locale_guess(const char *s, size_t n);

/* What says a text's language (each a language from kb_locale_tag, or
 * NULL): see the order above. */
typedef struct kb_locale_says {
	const char *config;   /* kbcheck.yml */
	const char *declared; /* the document */
	const char *path;     /* the file's path */
} kb_locale_says;

/* The gate: the locale of an answer with text t[0..n) and its question
 * (may be NULL); never NULL ("und" when nothing tells). */
const char *kb_locale_decide(const kb_locale_says *says, const char *t, size_t n,
			     const char *question);

#endif
