/* gen.c - kbcheck-gen: writes a realistic knowledge base for the benchmark
 * and the determinism test.
 *
 *     kbcheck-gen [--units N] [--seed S] [--contradictions P] DIR
 *
 * N answer units (default 10000) across every channel and format kbcheck
 * reads -- FAQ pages in Markdown and HTML (headings, details, dl, JSON-LD,
 * microdata), Rasa bots, Dialogflow ES agents, AIML sets and Zendesk macro
 * pages -- in en, vi and th.  About a quarter of the units state a policy
 * fact with its canonical value; P of them (default N/2000, at least 3)
 * state another value, each unique in its group, so that each is exactly
 * one finding.  DIR/expected-findings.yml lists them for `kbcheck corpus
 * test`.  The output depends only on N, S and P.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gen.h"

/* ---- output buffer that counts lines ---- */

typedef struct {
	char *p;
	size_t len, cap;
	int line; /* 1-based line of the next byte */
} obuf;

static void reserve(obuf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap * 2 : 1 << 16;
	while (cap < b->len + n + 1)
		cap *= 2;
	b->p = realloc(b->p, cap);
	if (!b->p)
		abort();
	b->cap = cap;
}

static void putn(obuf *b, const char *s, size_t n)
{
	reserve(b, n);
	for (size_t i = 0; i < n; i++)
		b->line += s[i] == '\n';
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void put(obuf *b, const char *s) { putn(b, s, strlen(s)); }

__attribute__((format(printf, 2, 3))) static void putf(obuf *b, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		putn(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* JSON and YAML double-quoted strings share these escapes. */
static void put_quoted(obuf *b, const char *s)
{
	put(b, "\"");
	for (const char *p = s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			char e[2] = {'\\', *p};
			putn(b, e, 2);
		} else if ((unsigned char)*p < 0x20) {
			putf(b, "\\u%04x", (unsigned)(unsigned char)*p);
		} else {
			putn(b, p, 1);
		}
	}
	put(b, "\"");
}

static void put_markup(obuf *b, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == '&')
			put(b, "&amp;");
		else if (*p == '<')
			put(b, "&lt;");
		else if (*p == '>')
			put(b, "&gt;");
		else
			putn(b, p, 1);
	}
}

/* ---- the corpus being written ---- */

typedef struct {
	char path[256];
	int line;
	int fact;
} planted;

typedef struct {
	const char *dir;
	gen_rng rng;
	size_t target, made;       /* units wanted, units written */
	size_t plants_target, plants_chosen, plants_due;
	planted *plants;
	size_t nplants;
	/* Planted values already used, per fact and locale group. */
	unsigned char *used[16][NLOC];
	size_t files;
	unsigned long long bytes;
} corpus;

static void mkdirs(const char *path)
{
	/* Files come folder by folder: the last folder made is remembered. */
	static char last[512];
	const char *slash = strrchr(path, '/');
	size_t dn = slash ? (size_t)(slash - path) : 0;
	if (dn && dn < sizeof last && strlen(last) == dn && !memcmp(last, path, dn))
		return;
	if (dn < sizeof last) {
		memcpy(last, path, dn);
		last[dn] = '\0';
	}
	char tmp[512];
	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
				fprintf(stderr, "kbcheck-gen: cannot create %s: %s\n", tmp, strerror(errno));
				exit(2);
			}
			*p = '/';
		}
}

static void write_file(corpus *c, const char *rel, obuf *b)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", c->dir, rel);
	mkdirs(path);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(b->p, 1, b->len, f) != b->len || fclose(f) != 0) {
		fprintf(stderr, "kbcheck-gen: cannot write %s: %s\n", path, strerror(errno));
		exit(2);
	}
	c->files++;
	c->bytes += b->len;
	b->len = 0;
	b->line = 1;
	if (b->p)
		b->p[0] = '\0';
}

static size_t left(const corpus *c) { return c->made < c->target ? c->target - c->made : 0; }

/* A planted value for fact f in locale loc: unused in its group, not the
 * canonical one; -1 when the range is used up. */
static int planted_value(corpus *c, size_t f, int loc)
{
	const gen_fact *ft = &gen_facts[f];
	int g = ft->per_locale_groups ? loc : 0;
	int lo = ft->lo[loc], hi = ft->hi[loc];
	if (!c->used[f][g]) {
		c->used[f][g] = calloc((size_t)hi + 1, 1);
		if (!c->used[f][g])
			abort();
	}
	unsigned char *used = c->used[f][g];
	size_t span = (size_t)(hi - lo + 1);
	for (int tries = 0; tries < 64; tries++) {
		int v = lo + (int)gen_below(&c->rng, span);
		if (v != ft->canonical[loc] && !used[v]) {
			used[v] = 1;
			return v;
		}
	}
	for (int v = lo; v <= hi; v++)
		if (v != ft->canonical[loc] && !used[v]) {
			used[v] = 1;
			return v;
		}
	return -1;
}

/* The next unit in locale loc.  can_plant: the writer can place a planted
 * contradiction here (not an inactive macro, not a redirect target...). */
static void next_unit(corpus *c, int loc, bool can_plant, gen_unit *u)
{
	/* Selection sampling: exactly plants_target units over the run are
	 * chosen; a choice that falls where no plant can go waits for the next
	 * unit that can take it. */
	size_t remaining = left(c);
	if (c->plants_chosen < c->plants_target &&
	    gen_below(&c->rng, remaining ? remaining : 1) < c->plants_target - c->plants_chosen) {
		c->plants_chosen++;
		c->plants_due++;
	}
	c->made++;
	if (can_plant && c->plants_due > 0) {
		for (int tries = 0; tries < 32; tries++) {
			size_t f = gen_below(&c->rng, gen_nfacts);
			if (!gen_facts[f].plantable)
				continue;
			int v = planted_value(c, f, loc);
			if (v < 0)
				continue;
			gen_fact_unit(&c->rng, loc, f, v, u);
			u->planted = true;
			c->plants_due--;
			return;
		}
	}
	if (gen_below(&c->rng, 4) == 0) {
		size_t f = gen_below(&c->rng, gen_nfacts);
		gen_fact_unit(&c->rng, loc, f, gen_facts[f].canonical[loc], u);
		u->planted = false;
		return;
	}
	gen_filler(&c->rng, loc, u);
}

/* Remember where a planted unit's text went (line of the sentence). */
static void note_plant(corpus *c, const gen_unit *u, const char *rel, int line)
{
	if (!u->planted)
		return;
	c->plants = realloc(c->plants, (c->nplants + 1) * sizeof *c->plants);
	if (!c->plants)
		abort();
	planted *p = &c->plants[c->nplants++];
	snprintf(p->path, sizeof p->path, "%s", rel);
	p->line = line;
	p->fact = u->fact;
}

static int pick_locale(corpus *c)
{
	size_t r = gen_below(&c->rng, 4); /* en 2/4, vi 1/4, th 1/4 */
	return r < 2 ? LOC_EN : r == 2 ? LOC_VI : LOC_TH;
}

static size_t take(corpus *c, size_t lo, size_t hi)
{
	size_t n = lo + gen_below(&c->rng, hi - lo + 1);
	return n < left(c) ? n : left(c);
}

/* ---- FAQ: Markdown ---- */

static void write_markdown(corpus *c, size_t units, size_t *seq)
{
	obuf b = {.line = 1};
	while (units > 0 && left(c) > 0) {
		int loc = pick_locale(c);
		char rel[256];
		snprintf(rel, sizeof rel, "help/%s/faq-%05zu.md", gen_locale_name[loc], (*seq)++);
		const char *title = gen_title(&c->rng, loc);
		putf(&b, "---\ntitle: %s\nlang: %s\n---\n\n# %s\n\n", title, gen_locale_name[loc], title);
		size_t n = take(c, 8, 40);
		n = n < units ? n : units;
		for (size_t i = 0; i < n; i++) {
			gen_unit u;
			next_unit(c, loc, true, &u);
			/* Some pages ask in bold lines instead of headings. */
			if (i % 7 == 6)
				putf(&b, "**%s**\n\n", u.question);
			else
				putf(&b, "## %s\n\n", u.question);
			note_plant(c, &u, rel, b.line);
			putf(&b, "%s\n\n", u.text);
		}
		units -= n;
		write_file(c, rel, &b);
	}
	free(b.p);
}

/* ---- FAQ: HTML in five styles ---- */

static void write_html(corpus *c, size_t units, size_t *seq)
{
	obuf b = {.line = 1};
	while (units > 0 && left(c) > 0) {
		int loc = pick_locale(c);
		size_t style = *seq % 5;
		char rel[256];
		snprintf(rel, sizeof rel, "help/%s/article-%05zu.html", gen_locale_name[loc], (*seq)++);
		const char *title = gen_title(&c->rng, loc);
		putf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n  <meta charset=\"utf-8\">\n"
			 "  <title>%s</title>\n</head>\n<body>\n<main>\n<article>\n  <h1>%s</h1>\n",
		     gen_locale_name[loc], title, title);
		size_t n = take(c, 8, 30);
		n = n < units ? n : units;
		if (style == 2)
			put(&b, "  <dl>\n");
		if (style == 3)
			put(&b, "<script type=\"application/ld+json\">\n{\"@context\": \"https://schema.org\", "
				"\"@type\": \"FAQPage\", \"mainEntity\": [\n");
		if (style == 4)
			put(&b, "  <div itemscope itemtype=\"https://schema.org/FAQPage\">\n");
		for (size_t i = 0; i < n; i++) {
			gen_unit u;
			next_unit(c, loc, true, &u);
			switch (style) {
			case 0:
				put(&b, "  <h2>");
				put_markup(&b, u.question);
				put(&b, "</h2>\n");
				note_plant(c, &u, rel, b.line);
				put(&b, "  <p>");
				put_markup(&b, u.text);
				put(&b, "</p>\n");
				break;
			case 1:
				put(&b, "  <details>\n    <summary>");
				put_markup(&b, u.question);
				put(&b, "</summary>\n");
				note_plant(c, &u, rel, b.line);
				put(&b, "    <p>");
				put_markup(&b, u.text);
				put(&b, "</p>\n  </details>\n");
				break;
			case 2:
				put(&b, "    <dt>");
				put_markup(&b, u.question);
				put(&b, "</dt>\n");
				note_plant(c, &u, rel, b.line);
				put(&b, "    <dd>");
				put_markup(&b, u.text);
				put(&b, "</dd>\n");
				break;
			case 3: {
				put(&b, "  {\"@type\": \"Question\", \"name\": ");
				put_quoted(&b, u.question);
				put(&b, ",\n");
				note_plant(c, &u, rel, b.line);
				put(&b, "   \"acceptedAnswer\": {\"@type\": \"Answer\", \"text\": ");
				char html[2048];
				snprintf(html, sizeof html, "<p>%s</p>", u.text);
				put_quoted(&b, html);
				put(&b, i + 1 < n ? "}},\n" : "}}\n");
				break;
			}
			default:
				put(&b, "    <div itemscope itemprop=\"mainEntity\" itemtype=\"https://schema.org/Question\">\n"
					"      <h3 itemprop=\"name\">");
				put_markup(&b, u.question);
				put(&b, "</h3>\n      <div itemscope itemprop=\"acceptedAnswer\" "
					"itemtype=\"https://schema.org/Answer\">\n");
				note_plant(c, &u, rel, b.line);
				put(&b, "        <div itemprop=\"text\">");
				put_markup(&b, u.text);
				put(&b, "</div>\n      </div>\n    </div>\n");
			}
		}
		if (style == 2)
			put(&b, "  </dl>\n");
		if (style == 3)
			put(&b, "]}\n</script>\n");
		if (style == 4)
			put(&b, "  </div>\n");
		put(&b, "</article>\n</main>\n</body>\n</html>\n");
		units -= n;
		write_file(c, rel, &b);
	}
	free(b.p);
}

/* ---- chatbot: Rasa 3 projects (domain, nlu, rules) ---- */

static void write_rasa(corpus *c, size_t units, size_t *seq)
{
	obuf dom = {.line = 1}, nlu = {.line = 1}, rules = {.line = 1};
	while (units > 0 && left(c) > 0) {
		int loc = pick_locale(c);
		size_t bot = (*seq)++;
		char rel[256];
		snprintf(rel, sizeof rel, "chatbot/rasa/bot-%04zu/domain.yml", bot);
		put(&dom, "version: \"3.1\"\n\nresponses:\n");
		put(&nlu, "version: \"3.1\"\nnlu:\n");
		put(&rules, "version: \"3.1\"\nrules:\n");
		size_t n = take(c, 60, 250);
		n = n < units ? n : units;
		for (size_t i = 0; i < n;) {
			gen_unit u;
			next_unit(c, loc, true, &u);
			i++;
			putf(&dom, "  utter_faq_%04zu:\n", i);
			note_plant(c, &u, rel, dom.line);
			put(&dom, "    - text: ");
			put_quoted(&dom, u.text);
			put(&dom, "\n");
			/* A filler answer may have a paraphrase (another unit). */
			if (u.fact < 0 && i < n && gen_below(&c->rng, 4) == 0) {
				gen_unit v;
				gen_filler(&c->rng, loc, &v);
				c->made++;
				i++;
				put(&dom, "    - text: ");
				put_quoted(&dom, v.text);
				put(&dom, "\n");
			}
			putf(&nlu, "  - intent: faq_%04zu\n    examples: |\n      - %s\n", i, u.question);
			putf(&rules, "  - rule: faq %04zu\n    steps:\n      - intent: faq_%04zu\n"
				     "      - action: utter_faq_%04zu\n", i, i, i);
		}
		units -= n;
		write_file(c, rel, &dom);
		snprintf(rel, sizeof rel, "chatbot/rasa/bot-%04zu/data/nlu.yml", bot);
		write_file(c, rel, &nlu);
		snprintf(rel, sizeof rel, "chatbot/rasa/bot-%04zu/data/rules.yml", bot);
		write_file(c, rel, &rules);
	}
	free(dom.p);
	free(nlu.p);
	free(rules.p);
}

/* ---- chatbot: Dialogflow ES agents (one intent per file) ---- */

static void write_dialogflow(corpus *c, size_t units, size_t *seq)
{
	obuf b = {.line = 1}, says = {.line = 1};
	while (units > 0 && left(c) > 0) {
		size_t agent = (*seq)++;
		char rel[256];
		snprintf(rel, sizeof rel, "chatbot/dialogflow/agent-%03zu/agent.json", agent);
		put(&b, "{\n  \"displayName\": \"support-bot\",\n  \"language\": \"en\",\n"
			"  \"supportedLanguages\": [\"vi\", \"th\"],\n  \"webhook\": {\"url\": \"\", "
			"\"available\": false}\n}\n");
		write_file(c, rel, &b);
		size_t n = take(c, 100, 400);
		n = n < units ? n : units;
		size_t done = 0;
		for (size_t intent = 1; done < n; intent++) {
			snprintf(rel, sizeof rel, "chatbot/dialogflow/agent-%03zu/intents/FAQ %04zu.json",
				 agent, intent);
			putf(&b, "{\n  \"id\": \"00000000-0000-4000-8000-%012zu\",\n  \"name\": \"FAQ %04zu\",\n"
				 "  \"webhookUsed\": false,\n  \"responses\": [\n    {\n      \"messages\": [\n",
			     agent * 100000 + intent, intent);
			/* One to three languages, a message each. */
			size_t nl = 1 + gen_below(&c->rng, 3);
			if (nl > n - done)
				nl = n - done;
			int first = pick_locale(c);
			char questions[NLOC][256];
			bool has[NLOC] = {false};
			for (size_t k = 0; k < nl; k++) {
				int loc = (first + (int)k) % NLOC;
				gen_unit u;
				next_unit(c, loc, true, &u);
				done++;
				snprintf(questions[loc], sizeof questions[loc], "%s", u.question);
				has[loc] = true;
				note_plant(c, &u, rel, b.line);
				putf(&b, "        {\"type\": \"0\", \"lang\": \"%s\", \"speech\": ",
				     gen_locale_name[loc]);
				put_quoted(&b, u.text);
				put(&b, k + 1 < nl ? "},\n" : "}\n");
			}
			put(&b, "      ]\n    }\n  ]\n}\n");
			write_file(c, rel, &b);
			for (int loc = 0; loc < NLOC; loc++) {
				if (!has[loc])
					continue;
				snprintf(rel, sizeof rel,
					 "chatbot/dialogflow/agent-%03zu/intents/FAQ %04zu_usersays_%s.json",
					 agent, intent, gen_locale_name[loc]);
				put(&says, "[\n  {\"id\": \"a1\", \"data\": [{\"text\": ");
				put_quoted(&says, questions[loc]);
				put(&says, ", \"userDefined\": false}], \"isTemplate\": false, \"count\": 0}\n]\n");
				write_file(c, rel, &says);
			}
		}
		units -= n;
	}
	free(b.p);
	free(says.p);
}

/* ---- chatbot: AIML 2.0 sets ---- */

static void put_pattern(obuf *b, const char *q)
{
	/* Upper case ASCII, no punctuation: the way AIML patterns are written. */
	for (const char *p = q; *p; p++) {
		char ch = *p;
		if (ch == '?' || ch == '.' || ch == ',' || ch == '!')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (ch == '&' || ch == '<' || ch == '>')
			continue;
		putn(b, &ch, 1);
	}
}

static void write_aiml(corpus *c, size_t units, size_t *seq)
{
	obuf b = {.line = 1};
	while (units > 0 && left(c) > 0) {
		int loc = pick_locale(c);
		char rel[256];
		snprintf(rel, sizeof rel, "chatbot/aiml/%s/faq-%04zu.aiml", gen_locale_name[loc], (*seq)++);
		put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<aiml version=\"2.0\">\n");
		size_t n = take(c, 50, 200);
		n = n < units ? n : units;
		for (size_t i = 0; i < n;) {
			gen_unit u;
			next_unit(c, loc, true, &u);
			i++;
			put(&b, "  <category>\n    <pattern>");
			put_pattern(&b, u.question);
			putf(&b, " %zu</pattern>\n", i);
			if (u.fact < 0 && i < n && gen_below(&c->rng, 5) == 0) {
				/* Alternatives: each <li> is an answer of its own. */
				gen_unit v;
				gen_filler(&c->rng, loc, &v);
				c->made++;
				i++;
				put(&b, "    <template>\n      <random>\n        <li>");
				put_markup(&b, u.text);
				put(&b, "</li>\n        <li>");
				put_markup(&b, v.text);
				put(&b, "</li>\n      </random>\n    </template>\n  </category>\n");
				continue;
			}
			note_plant(c, &u, rel, b.line);
			put(&b, "    <template>");
			put_markup(&b, u.text);
			put(&b, "</template>\n  </category>\n");
		}
		put(&b, "</aiml>\n");
		units -= n;
		write_file(c, rel, &b);
	}
	free(b.p);
}

/* ---- macros: Zendesk API pages ---- */

static const char *const greeting[NLOC] = {
    "Hi {{ticket.requester.first_name}}, ",
    "Chào {{ticket.requester.first_name}}, ",
    "สวัสดีค่ะ คุณ{{ticket.requester.first_name}} ",
};

static void write_zendesk(corpus *c, size_t units, size_t *seq)
{
	obuf b = {.line = 1};
	while (units > 0 && left(c) > 0) {
		char rel[256];
		size_t page = (*seq)++;
		snprintf(rel, sizeof rel, "macros/zendesk/macros-%04zu.json", page);
		put(&b, "{\n  \"macros\": [\n");
		size_t n = take(c, 50, 100);
		n = n < units ? n : units;
		for (size_t i = 0; i < n; i++) {
			int loc = pick_locale(c);
			/* A few retired macros: inactive, never compared. */
			bool active = gen_below(&c->rng, 20) != 0;
			gen_unit u;
			next_unit(c, loc, active, &u);
			putf(&b, "    {\n      \"id\": %zu,\n      \"title\": ", 360000000 + page * 1000 + i);
			char title[300];
			snprintf(title, sizeof title, "FAQ::%s", u.question);
			put_quoted(&b, title);
			putf(&b, ",\n      \"active\": %s,\n      \"actions\": [\n"
				 "        {\"field\": \"status\", \"value\": \"solved\"},\n",
			     active ? "true" : "false");
			char text[2048];
			snprintf(text, sizeof text, "%s%s", greeting[loc], u.text);
			note_plant(c, &u, rel, b.line);
			if (i % 3 == 0) {
				put(&b, "        {\"field\": \"comment_value\", \"value\": [\"channel:all\", ");
				put_quoted(&b, text);
				put(&b, "]}\n");
			} else {
				put(&b, "        {\"field\": \"comment_value\", \"value\": ");
				put_quoted(&b, text);
				put(&b, "}\n");
			}
			put(&b, i + 1 < n ? "      ]\n    },\n" : "      ]\n    }\n");
		}
		putf(&b, "  ],\n  \"next_page\": null,\n  \"count\": %zu\n}\n", n);
		units -= n;
		write_file(c, rel, &b);
	}
	free(b.p);
}

/* ---- expected findings ---- */

static int cmp_plant(const void *pa, const void *pb)
{
	const planted *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);
	return c ? c : (a->line > b->line) - (a->line < b->line);
}

static void write_expected(corpus *c, unsigned long long seed)
{
	obuf b = {.line = 1};
	qsort(c->plants, c->nplants, sizeof *c->plants, cmp_plant);
	putf(&b, "# Written by kbcheck-gen --units %zu --seed %llu --contradictions %zu.\n"
		 "# Each planted statement states a value no other statement of its\n"
		 "# topic attribute states: one finding each.\n"
		 "kbcheck: expected/1\nfindings:\n",
	     c->target, seed, c->plants_target);
	for (size_t i = 0; i < c->nplants; i++) {
		const planted *p = &c->plants[i];
		putf(&b, "  - topic: %s\n    attribute: %s\n    severity: warning\n    deviating: [",
		     gen_facts[p->fact].topic, gen_facts[p->fact].attribute);
		char where[300];
		snprintf(where, sizeof where, "%s:%d", p->path, p->line);
		put_quoted(&b, where);
		put(&b, "]\n");
	}
	if (c->nplants == 0)
		put(&b, "  []\n");
	write_file(c, "expected-findings.yml", &b);
	put(&b, "# Generated by kbcheck-gen: a benchmark knowledge base.\nignore: [\"README.md\"]\n");
	write_file(c, "kbcheck.yml", &b);
	free(b.p);
}

static void usage(FILE *f)
{
	fputs("usage: kbcheck-gen [--units N] [--seed S] [--contradictions P] DIR\n"
	      "\n"
	      "Write a generated knowledge base of N answer units (default 10000) in all\n"
	      "formats and channels, in en/vi/th, with P planted contradictions (default\n"
	      "N/2000, at least 3) listed in DIR/expected-findings.yml.  The same N, S\n"
	      "and P always give the same bytes.\n",
	      f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"units", required_argument, NULL, 'n'},
	    {"seed", required_argument, NULL, 's'},
	    {"contradictions", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	size_t units = 10000;
	unsigned long long seed = 1;
	long plants = -1;
	int ch;
	while ((ch = getopt_long(argc, argv, "n:s:c:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			units = strtoull(optarg, NULL, 10);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 10);
			break;
		case 'c':
			plants = strtol(optarg, NULL, 10);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind + 1 != argc || units == 0) {
		usage(stderr);
		return 2;
	}
	corpus c = {.dir = argv[optind], .target = units};
	c.rng.s = seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
	c.plants_target = plants >= 0 ? (size_t)plants : units / 2000 < 3 ? 3 : units / 2000;
	if (c.plants_target > units / 4)
		c.plants_target = units / 4;
	struct stat st;
	if (stat(c.dir, &st) == 0) {
		fprintf(stderr, "kbcheck-gen: %s exists; give a new directory\n", c.dir);
		return 2;
	}
	/* Channels: FAQ half (Markdown 30%, HTML 20%), chatbots a third (Rasa,
	 * Dialogflow, AIML), macros the rest. */
	size_t seq[6] = {0};
	size_t share[6] = {30, 20, 12, 10, 10, 18};
	size_t done = 0;
	/* Interleave the writers in rounds so each format is spread over the
	 * run (and the planted units over every format). */
	while (left(&c) > 0) {
		size_t round = units / 20 > 100 ? units / 20 : 100;
		for (int k = 0; k < 6 && left(&c) > 0; k++) {
			size_t n = round * share[k] / 100;
			if (n == 0)
				n = 1;
			switch (k) {
			case 0: write_markdown(&c, n, &seq[0]); break;
			case 1: write_html(&c, n, &seq[1]); break;
			case 2: write_rasa(&c, n, &seq[2]); break;
			case 3: write_dialogflow(&c, n, &seq[3]); break;
			case 4: write_aiml(&c, n, &seq[4]); break;
			default: write_zendesk(&c, n, &seq[5]); break;
			}
		}
		done++;
	}
	/* Plants chosen where none could go (the last units were inactive
	 * macros or paraphrases): one more page takes them. */
	c.plants_due += c.plants_target - c.plants_chosen;
	c.plants_chosen = c.plants_target;
	while (c.plants_due > 0) {
		c.target += c.plants_due;
		write_markdown(&c, c.plants_due, &seq[0]);
	}
	write_expected(&c, seed);
	printf("kbcheck-gen: %zu units, %zu planted contradictions, %zu files, %.1f MB in %s\n",
	       c.made, c.nplants, c.files, (double)c.bytes / 1e6, c.dir);
	for (size_t f = 0; f < 16; f++)
		for (int l = 0; l < NLOC; l++)
			free(c.used[f][l]);
	free(c.plants);
	(void)done;
	return 0;
}
