/* rasa_data.c - Rasa training data: which user question a response answers.
 *
 *     nlu:                          rules:  (or stories:)
 *     - intent: ask_cancel          - rule: cancel
 *       examples: |                   steps:
 *         - Can I cancel my order?    - intent: ask_cancel
 *         - cancel it                 - action: utter_cancel
 *
 * A response answers the intent of the step before the first utter_
 * action that follows it in a rule or story; a retrieval response
 * "utter_faq/ask_x" answers the retrieval intent "faq/ask_x" by its name.
 * The question shown for it is the intent's first example, without entity
 * markup ("[black](color) shoes" -> "black shoes").
 *
 * Training data files are sources of their own (format "rasa-data") so the
 * walker reads them; their parser only checks them and emits no units.
 * The domain parser (rasa.c) reads them again through ctx->sources.
 */
#include "rasa.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/hash.h"
#include "../base/locale.h"
#include "../base/yaml.h"

/* ---- sniffing ------------------------------------------------------------- */

enum {
	SNIFF_MAX = 4 << 20, /* bytes read by detect; Rasa files are small */
	MAX_DEPTH = 64,      /* nested "or:" steps */
};

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* "word:" at l[0..n) followed by the end of the line, a blank or a comment. */
static bool key_is(const char *l, size_t n, const char *word)
{
	size_t k = strlen(word);
	return n > k && memcmp(l, word, k) == 0 && l[k] == ':' &&
	       (k + 1 == n || is_blank(l[k + 1]) || l[k + 1] == '#');
}

static unsigned top_key(const char *l, size_t n)
{
	static const struct {
		const char *key;
		unsigned flag;
	} keys[] = {
	    {"responses", KB_RASA_RESPONSES},    {"templates", KB_RASA_TEMPLATES},
	    {"nlu", KB_RASA_NLU},                {"rules", KB_RASA_RULES},
	    {"stories", KB_RASA_STORIES},        {"version", KB_RASA_VERSION},
	    {"kbcheck", KB_RASA_KBCHECK},        {"intents", KB_RASA_DOMAIN_KEY},
	    {"entities", KB_RASA_DOMAIN_KEY},    {"slots", KB_RASA_DOMAIN_KEY},
	    {"actions", KB_RASA_DOMAIN_KEY},     {"forms", KB_RASA_DOMAIN_KEY},
	    {"session_config", KB_RASA_DOMAIN_KEY},
	    {"language", KB_RASA_LANGUAGE},      {"pipeline", KB_RASA_PIPELINE},
	    {"policies", KB_RASA_PIPELINE},      {"recipe", KB_RASA_PIPELINE},
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (key_is(l, n, keys[i].key))
			return keys[i].flag;
	return 0;
}

static unsigned item_key(const char *l, size_t n)
{
	if (key_is(l, n, "intent") || key_is(l, n, "synonym") ||
	    key_is(l, n, "regex") || key_is(l, n, "lookup"))
		return KB_RASA_NLU_ITEM;
	if (key_is(l, n, "rule"))
		return KB_RASA_RULE_ITEM;
	if (key_is(l, n, "story"))
		return KB_RASA_STORY_ITEM;
	return 0;
}

/* Length of the line at l (m bytes left), without its ending ("\n",
 * "\r\n" or a lone "\r", as YAML has them); *next: bytes to its end. */
static size_t line_len(const char *l, size_t m, size_t *next)
{
	size_t n = 0;
	while (n < m && l[n] != '\n' && l[n] != '\r')
		n++;
	*next = n + (n < m) + (n + 1 < m && l[n] == '\r' && l[n + 1] == '\n');
	return n;
}

unsigned kb_rasa_sniff(const char *d, size_t len)
{
	if (len > SNIFF_MAX)
		len = SNIFF_MAX;
	size_t p = len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	unsigned f = 0;
	while (p < len) {
		const char *l = d + p;
		size_t next, n = line_len(l, len - p, &next);
		p += next;
		if (n && is_key_char(l[0]) && l[0] != '-') {
			f |= top_key(l, n);
			continue;
		}
		size_t i = 0;
		while (i < n && is_blank(l[i]))
			i++;
		if (i + 1 < n && l[i] == '-' && is_blank(l[i + 1])) {
			i += 2;
			while (i < n && is_blank(l[i]))
				i++;
			f |= item_key(l + i, n - i);
		} else if (i > 0 && n - i > 6 && memcmp(l + i, "utter_", 6) == 0) {
			size_t k = i + 6;
			while (k < n && l[k] != ':' && !is_blank(l[k]))
				k++;
			if (k < n && l[k] == ':' && (k + 1 == n || is_blank(l[k + 1])))
				f |= KB_RASA_UTTER_KEY;
		}
	}
	return f;
}

bool kb_rasa_is_domain(unsigned f)
{
	return !(f & KB_RASA_KBCHECK) && (f & (KB_RASA_RESPONSES | KB_RASA_TEMPLATES)) &&
	       (f & (KB_RASA_UTTER_KEY | KB_RASA_DOMAIN_KEY));
}

bool kb_rasa_is_data(unsigned f)
{
	return !(f & KB_RASA_KBCHECK) && !kb_rasa_is_domain(f) &&
	       (((f & KB_RASA_NLU) && (f & KB_RASA_NLU_ITEM)) ||
		((f & KB_RASA_RULES) && (f & KB_RASA_RULE_ITEM)) ||
		((f & KB_RASA_STORIES) && (f & KB_RASA_STORY_ITEM)) ||
		((f & KB_RASA_LANGUAGE) && (f & KB_RASA_PIPELINE)));
}

bool kb_rasa_has_content(const char *d, size_t len)
{
	for (size_t p = 0; p < len;) {
		const char *l = d + p;
		size_t next, n = line_len(l, len - p, &next);
		p += next;
		size_t i = l == d && n >= 3 && memcmp(l, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		while (i < n && (is_blank(l[i]) || l[i] == '\r'))
			i++;
		if (i == n || l[i] == '#')
			continue;
		if (n - i >= 3 && (memcmp(l + i, "---", 3) == 0 || memcmp(l + i, "...", 3) == 0)) {
			size_t k = i + 3;
			while (k < n && (is_blank(l[k]) || l[k] == '\r'))
				k++;
			if (k == n || l[k] == '#')
				continue;
		}
		return true;
	}
	return false;
}

int kb_detect_rasa_data(const char *path, const char *data, size_t len)
{
	unsigned f = kb_rasa_sniff(data, len);
	if (!kb_rasa_is_data(f))
		return 0;
	return f & KB_RASA_VERSION ? 50 : 40;
}

/* ---- the training data parser: checks only -------------------------------- */

void kb_parse_rasa_data(kb_parse_ctx *ctx)
{
	const kb_source *src = ctx->source;
	kb_yaml y;
	if (!kb_rasa_has_content(src->data, src->len) ||
	    !kb_yaml_parse(&y, ctx->diags, src->path, src->data, src->len, false))
		return;
	kb_node *root = kb_yaml_root(&y);
	static const char *const sections[] = {"nlu", "rules", "stories"};
	for (size_t i = 0; kb_yaml_is_map(root) && i < 3; i++) {
		kb_node *sec = kb_yaml_get(root, sections[i]);
		size_t n;
		if (sec && !kb_yaml_is_seq(sec) &&
		    !(kb_yaml_is_scalar(sec) && kb_yaml_scalar(sec, &n) && n == 0))
			kb_yaml_diag(&y, sec, KB_DIAG_WARNING,
				     "%s: should be a list; not read", sections[i]);
	}
	kb_yaml_close(&y);
}

/* ---- a small string map --------------------------------------------------- */

typedef struct strmap {
	const char **key; /* arena strings; NULL = free slot */
	const void **val;
	size_t cap, n;
} strmap;

static size_t map_slot(const strmap *m, const char *k)
{
	size_t mask = m->cap - 1;
	size_t i = (size_t)kb_hash(KB_HASH_INIT, k, strlen(k)) & mask;
	while (m->key[i] && strcmp(m->key[i], k) != 0)
		i = (i + 1) & mask;
	return i;
}

/* The slot of k, or NULL when k is not in m. */
static const void **map_find(const strmap *m, const char *k, bool *found)
{
	*found = false;
	if (!m->cap)
		return NULL;
	size_t i = map_slot(m, k);
	if (!m->key[i])
		return NULL;
	*found = true;
	return &m->val[i];
}

/* Adds k (an arena string) with value v unless k is there; returns the
 * value slot either way. */
static const void **map_add(strmap *m, const char *k, const void *v)
{
	if ((m->n + 1) * 2 > m->cap) {
		strmap old = *m;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->key = calloc(m->cap, sizeof *m->key);
		m->val = calloc(m->cap, sizeof *m->val);
		if (!m->key || !m->val)
			abort();
		for (size_t i = 0; i < old.cap; i++)
			if (old.key[i]) {
				size_t j = map_slot(m, old.key[i]);
				m->key[j] = old.key[i];
				m->val[j] = old.val[i];
			}
		free(old.key);
		free(old.val);
	}
	size_t i = map_slot(m, k);
	if (!m->key[i]) {
		m->key[i] = k;
		m->val[i] = v;
		m->n++;
	}
	return &m->val[i];
}

static void map_free(strmap *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof *m);
}

/* ---- links ---------------------------------------------------------------- */

/* What a response answers: an intent, or (end-to-end stories) a user
 * message given as text. */
typedef struct answer {
	const char *intent;
	const char *user;
} answer;

struct kb_rasa_links {
	strmap intents; /* intent -> its first example (NULL: none) */
	strmap answers; /* response -> answer */
	const char *language; /* config.yml's, through the locale gate */
};

kb_rasa_links *kb_rasa_links_new(void)
{
	kb_rasa_links *l = calloc(1, sizeof *l);
	if (!l)
		abort();
	return l;
}

void kb_rasa_links_free(kb_rasa_links *l)
{
	if (!l)
		return;
	map_free(&l->intents);
	map_free(&l->answers);
	free(l);
}

/* A scalar's value as an arena string, NULL when it is not a non-empty
 * scalar. */
static const char *str_of(kb_arena *a, kb_node *n)
{
	if (!kb_yaml_is_scalar(n))
		return NULL;
	size_t len;
	const char *s = kb_yaml_scalar(n, &len);
	return s && len ? kb_strndup(a, s, len) : NULL;
}

/* An example as a question: entity markup "[text](entity)",
 * "[text](entity:value)" and "[text]{...}" reduced to its text, whitespace
 * collapsed.  NULL when nothing is left. */
static const char *clean_example(kb_arena *a, const char *s, size_t n)
{
	kb_buf b = KB_BUF_INIT;
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '[') {
			const char *close = memchr(s + i, ']', n - i);
			size_t k = close ? (size_t)(close - s) : n;
			char open = k + 1 < n ? s[k + 1] : 0;
			const char *end = open == '(' ? memchr(s + k, ')', n - k)
					  : open == '{' ? memchr(s + k, '}', n - k)
							: NULL;
			if (close && end) {
				for (size_t j = i + 1; j < k; j++) {
					if (is_blank(s[j])) {
						space = b.len > 0;
						continue;
					}
					if (space)
						kb_buf_putc(&b, ' ');
					space = false;
					kb_buf_putc(&b, s[j]);
				}
				i = (size_t)(end - s);
				continue;
			}
		}
		if (is_blank(c) || c == '\n' || c == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			kb_buf_putc(&b, ' ');
		space = false;
		kb_buf_putc(&b, c);
	}
	const char *r = b.len ? kb_strndup(a, b.ptr, b.len) : NULL;
	kb_buf_free(&b);
	return r;
}

/* The first example of an nlu entry: "examples: |" holds lines "- text";
 * Rasa 3 also takes a list of strings or of {text: ...}. */
static const char *first_example(kb_arena *a, kb_node *ex)
{
	size_t len;
	if (kb_yaml_is_scalar(ex)) {
		const char *s = kb_yaml_scalar(ex, &len);
		for (size_t p = 0; s && p < len;) {
			const char *nl = memchr(s + p, '\n', len - p);
			size_t e = nl ? (size_t)(nl - s) : len;
			size_t i = p;
			while (i < e && is_blank(s[i]))
				i++;
			if (i < e && s[i] == '-') {
				const char *q = clean_example(a, s + i + 1, e - i - 1);
				if (q)
					return q;
			}
			p = e + 1;
		}
		return NULL;
	}
	if (!kb_yaml_is_seq(ex))
		return NULL;
	void *it = NULL;
	kb_node *c;
	while ((c = kb_yaml_seq_next(ex, &it))) {
		kb_node *t = kb_yaml_is_map(c) ? kb_yaml_get(c, "text") : c;
		const char *s = kb_yaml_is_scalar(t) ? kb_yaml_scalar(t, &len) : NULL;
		const char *q = s ? clean_example(a, s, len) : NULL;
		if (q)
			return q;
	}
	return NULL;
}

static void add_nlu(kb_rasa_links *l, kb_arena *a, kb_node *nlu)
{
	void *it = NULL;
	kb_node *item;
	while ((item = kb_yaml_seq_next(nlu, &it))) {
		const char *intent = str_of(a, kb_yaml_get(item, "intent"));
		if (!intent)
			continue;
		const char *ex = first_example(a, kb_yaml_get(item, "examples"));
		const void **v = map_add(&l->intents, intent, ex);
		if (!*v) /* the intent's examples may be split over files */
			*v = ex;
	}
}

/* The intent (or user text) a step stands for; false for other steps. */
static bool user_step(kb_arena *a, kb_node *step, answer *out, int depth)
{
	if (depth > MAX_DEPTH)
		return false;
	out->intent = str_of(a, kb_yaml_get(step, "intent"));
	out->user = NULL;
	if (out->intent)
		return true;
	kb_node *user = kb_yaml_get(step, "user");
	size_t len;
	const char *s = kb_yaml_is_scalar(user) ? kb_yaml_scalar(user, &len) : NULL;
	if (s && (out->user = clean_example(a, s, len)))
		return true;
	kb_node *alts = kb_yaml_get(step, "or"); /* - or: [intent: a, ...] */
	if (kb_yaml_is_seq(alts)) {
		void *it = NULL;
		kb_node *c;
		while ((c = kb_yaml_seq_next(alts, &it)))
			if (user_step(a, c, out, depth + 1))
				return true;
	}
	return false;
}

static void add_flows(kb_rasa_links *l, kb_arena *a, kb_node *flows)
{
	void *it = NULL;
	kb_node *flow;
	while ((flow = kb_yaml_seq_next(flows, &it))) {
		kb_node *steps = kb_yaml_get(flow, "steps");
		if (!kb_yaml_is_seq(steps))
			continue;
		answer pending = {0};
		bool have = false;
		void *sit = NULL;
		kb_node *step;
		while ((step = kb_yaml_seq_next(steps, &sit))) {
			if (!kb_yaml_is_map(step))
				continue;
			answer s;
			if (user_step(a, step, &s, 0)) {
				pending = s;
				have = true;
				continue;
			}
			const char *act = str_of(a, kb_yaml_get(step, "action"));
			if (have && act && strncmp(act, "utter_", 6) == 0) {
				answer *ans = KB_NEW(a, answer);
				*ans = pending;
				map_add(&l->answers, act, ans);
				have = false;
			}
		}
	}
}

const char *kb_rasa_links_language(const kb_rasa_links *l) { return l->language; }

void kb_rasa_links_add(kb_rasa_links *l, kb_arena *a, kb_node *root)
{
	if (!kb_yaml_is_map(root))
		return;
	kb_node *lang = kb_yaml_get(root, "language");
	size_t ln;
	const char *tag = kb_yaml_is_scalar(lang) ? kb_yaml_scalar(lang, &ln) : NULL;
	if (tag && kb_locale_tag(tag, ln))
		l->language = kb_locale_tag(tag, ln);
	kb_node *n = kb_yaml_get(root, "nlu");
	if (kb_yaml_is_seq(n))
		add_nlu(l, a, n);
	static const char *const flows[] = {"rules", "stories"};
	for (int i = 0; i < 2; i++) {
		n = kb_yaml_get(root, flows[i]);
		if (kb_yaml_is_seq(n))
			add_flows(l, a, n);
	}
}

void kb_rasa_links_add_source(kb_rasa_links *l, kb_arena *a, const kb_source *s)
{
	/* The source's own parser reports its errors: these go nowhere. */
	kb_arena *scratch = kb_arena_new();
	kb_diags *quiet = kb_diags_new(scratch);
	kb_yaml y;
	if (kb_rasa_has_content(s->data, s->len) &&
	    kb_yaml_parse(&y, quiet, s->path, s->data, s->len, false)) {
		kb_rasa_links_add(l, a, kb_yaml_root(&y));
		kb_yaml_close(&y);
	}
	kb_arena_free(scratch);
}

/* An intent as a question: its first example, else its name. */
static const char *intent_question(const kb_rasa_links *l, const char *intent,
				   bool must_exist)
{
	bool found;
	const void **v = map_find(&l->intents, intent, &found);
	if (found && *v)
		return (const char *)*v;
	return found || !must_exist ? intent : NULL;
}

const char *kb_rasa_links_question(const kb_rasa_links *l, const char *response)
{
	/* Retrieval: utter_faq/ask_x answers faq/ask_x, if the nlu has it. */
	if (strncmp(response, "utter_", 6) == 0 && strchr(response + 6, '/')) {
		const char *q = intent_question(l, response + 6, true);
		if (q)
			return q;
	}
	bool found;
	const void **v = map_find(&l->answers, response, &found);
	if (!found)
		return NULL;
	const answer *ans = (const answer *)*v;
	return ans->intent ? intent_question(l, ans->intent, false) : ans->user;
}

const char *kb_rasa_project_dir(kb_arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return "";
	size_t n = (size_t)(slash - path);
	const char *up = n ? memrchr(path, '/', n) : NULL;
	const char *last = up ? up + 1 : path;
	if ((size_t)(slash - last) == 6 && memcmp(last, "domain", 6) == 0)
		n = up ? (size_t)(up - path) : 0;
	return kb_strndup(a, path, n);
}
