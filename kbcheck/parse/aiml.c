/* aiml.c - AIML 1.0/2.0 chatbot scripts (libxml2's XML parser).
 *
 *     <aiml version="2.0">
 *       <topic name="ORDERS">
 *         <category><pattern>CAN I CANCEL MY ORDER</pattern>
 *           <that>ANYTHING ELSE</that>
 *           <template><random><li>Yes, within 24 hours.</li>
 *                             <li>Sure, <srai>CANCEL POLICY</srai></li></random></template>
 *         </category>
 *
 * Units.  One per answer a customer can receive: a template without
 * <random> is one unit, id "<PATTERN>"; each <li> of a <random> (and each
 * branch of a <condition>, scoped aiml_condition=name=value) is a unit of
 * its own, id "<PATTERN>/<li number, from 1>" (several choices: "/2.1").
 * The question is the pattern in lower case; <topic name> gives scope
 * aiml_topic, <that> scope "that" (folded).  <star/>, <get name>, <bot
 * name> and other empty elements stay as opaque tokens ({star},
 * {get:name}, {bot:name}); <think>, <learn>, <system>... say nothing to the
 * customer and are dropped; <br/> is a space.
 *
 * <srai>X</srai> is replaced by the template of the category X matches
 * (within this file): exact pattern first (after folding case and
 * punctuation), then * _ ^ # wildcards as a glob over words; the same
 * topic and no <that> are preferred.  Redirects nest up to 16 deep; a loop
 * gives one warning, at the <srai> closing it, naming the patterns, and no
 * text.  A category whose template is only an <srai> is a redirect: it
 * makes no unit of its own (its target's unit carries the answer), though
 * its redirect is still followed to find loops.  <sr/> and <srai> holding
 * <star/> depend on the user's words and are left out.
 *
 * Positions.  libxml2 gives element lines only; the DOM is walked in
 * document order with the HTML parser's source cursor (html_cursor.c), so
 * each text node, element and entity reference gets its exact byte range;
 * a second pass builds the units from those ranges (srai needs every
 * category first).  A file in a legacy encoding (<?xml encoding=
 * "ISO-8859-1"?>) is converted by libxml2; its non-ASCII characters then
 * differ from the source bytes and map character by character (each to
 * its byte), best effort past 32 per text node.  The walker, which reads
 * every file as UTF-8, has by then replaced such bytes by '?' in real runs.
 *
 * Security.  No network (XML_PARSE_NONET), no entity substitution (no
 * XML_PARSE_NOENT), no DTD loading, libxml2's default limits (no
 * XML_PARSE_HUGE): external entities are never fetched, and expansion
 * bombs stop at libxml2's amplification check, which is reported as
 * malformed XML.  An external entity or DTD is a warning saying it was not
 * loaded; references to internal entities holding plain text are expanded
 * from the declaration, others stay as written ("&name;").
 *
 * Suppression: <!-- kbcheck-disable-next-line [topic...] --> (or
 * kbcheck-disable) before or inside a category.
 */
#include "parser.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "../base/locale.h"
#include "../base/hash.h"
#include "../base/text.h"
#include "html_internal.h"

enum {
	MAX_SRAI_DEPTH = 16,  /* redirects followed from one category */
	MAX_VARIANTS = 64,    /* units from one category's choices */
	MAX_CHOICES = 16,     /* <random>/<condition> counted per variant */
	MAX_WORK = 100000,    /* template nodes rendered per variant */
	MAX_FILE_WORK = 20000000, /* ... per file, then <srai> is not followed */
	TEXT_FLOOR = 256 << 10, /* unit text a file may expand to: this much, */
	TEXT_RATIO = 16,      /* or this many times its size, then <srai> is not followed */
	MAX_NESTING = 256,    /* element depth walked */
	MAX_REPORTS = 20,     /* libxml2 errors per file */
	GLOB_STEPS = 10000,   /* per wildcard match */
};

/* Where a DOM node is in the source; _private holds its index + 1. */
typedef struct xpos {
	size_t start, end;
	int target; /* <srai>: resolved category, -1 none, -2 not yet */
} xpos;

typedef struct cat {
	const xmlNode *tmpl;
	const char *pattern;   /* as written, whitespace collapsed, tokens */
	const char *key;       /* folded words, wildcards "*" "_" "^" "#" "{}" */
	const char **words;    /* key split, for wildcard patterns */
	size_t nwords;
	const char *topic, *that;
	const char *const *suppressed;
	size_t start, end;
	int next;              /* next category with the same key, -1 */
	bool wild, redirect;
} cat;

typedef struct ap {
	kb_parse_ctx *ctx;
	kb_arena *a;
	xmlDocPtr doc;
	xmlParserCtxtPtr pc;      /* while libxml2 parses */
	const char *last_error; /* the last libxml2 error reported */
	kb_html_cursor cur;
	xpos *pos;
	size_t npos, cappos;
	cat *cats;
	size_t ncats, capcats;
	int *slot; /* exact keys: open addressing, category index + 1 */
	size_t nslot, nkeys;
	int *wild;             /* wildcard categories, in document order */
	size_t nwild, capwild;
	/* Wildcard patterns by their rarest literal word (a pattern can only
	 * match input holding that word): slots of word -> chain of indices
	 * into wild through wnext; wany: patterns with no literal word. */
	struct wslot {
		const char *w;
		int count, head;
	} *wmap;
	size_t nwmap;
	int *wnext, wany;
	kb_faq_topics pending; /* suppressions waiting for a category */
	const char **loops;    /* loops reported: their sorted member lists */
	size_t nloops, caploops;
	kb_faq_ids ids;
	const char *lang;
	int nreported;
	long work;             /* template nodes rendered in all */
	size_t text;           /* unit text emitted in all */
	size_t text_budget;    /* ... and how much it may be (TEXT_FLOOR, TEXT_RATIO) */
	bool depth_reported, work_reported, variants_reported, file_work_reported;
	size_t unresolved;
	const char *first_unresolved;
	size_t first_unresolved_at;
} ap;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		abort();
	return p;
}

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* ---- libxml2 -------------------------------------------------------------- */

static pthread_once_t libxml_once = PTHREAD_ONCE_INIT;
static void libxml_init(void) { xmlInitParser(); }
static void silent(void *user, xmlErrorPtr e) {}
static void silent_generic(void *ctx, const char *msg, ...) {}

static void on_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr pc = user;
	ap *p = pc ? pc->_private : NULL;
	if (!p || !e || e->level < XML_ERR_ERROR)
		return;
	int line = e->line > 0 ? e->line : 0, col = line && e->int2 > 0 ? e->int2 : 0;
	/* libxml2 checks an entity's content with a parser context of its
	 * own (sharing _private): its lines are the entity's.  Say where the
	 * reference is instead. */
	if (pc != p->pc && p->pc && p->pc->input) {
		line = p->pc->input->line;
		col = p->pc->input->col;
	}
	const char *msg = e->message ? e->message : "";
	size_t n = strlen(msg);
	while (n && is_ws((unsigned char)msg[n - 1]))
		n--;
	/* An expansion bomb repeats the same error for every reference. */
	const char *m = kb_sprintf(p->a, "malformed XML: %.*s", (int)n, msg);
	if (p->last_error && !strcmp(p->last_error, m))
		return;
	p->last_error = m;
	const kb_source *src = p->ctx->source;
	if (p->nreported++ >= MAX_REPORTS) {
		if (p->nreported == MAX_REPORTS + 1)
			kb_diag(p->ctx->diags, KB_DIAG_NOTE, src->path, line, 0,
				"more XML errors in this file are not reported");
		return;
	}
	kb_diag(p->ctx->diags, KB_DIAG_ERROR, src->path, line, col, "%s", m);
}

static xmlDocPtr read_xml(ap *p)
{
	const kb_source *src = p->ctx->source;
	pthread_once(&libxml_once, libxml_init);
	if (src->len > INT_MAX)
		return NULL;
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	if (!pc)
		return NULL;
	pc->sax->serror = on_error;
	pc->sax->initialized = XML_SAX2_MAGIC; /* makes libxml2 use serror */
	pc->_private = p;
	p->pc = pc;
	xmlStructuredErrorFunc old_s = xmlStructuredError;
	void *old_sc = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_g = xmlGenericError;
	void *old_gc = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(NULL, silent);
	xmlSetGenericErrorFunc(NULL, silent_generic);
	/* Never XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE. */
	xmlDocPtr doc = xmlCtxtReadMemory(pc, src->data, (int)src->len, NULL, NULL,
					  XML_PARSE_NONET | XML_PARSE_RECOVER);
	xmlSetStructuredErrorFunc(old_sc, old_s);
	xmlSetGenericErrorFunc(old_gc, old_g);
	p->pc = NULL;
	xmlFreeParserCtxt(pc);
	return doc;
}

/* ---- node helpers --------------------------------------------------------- */

static bool is_aiml(const xmlNode *n)
{
	if (!n->ns || !n->ns->href)
		return true;
	const char *h = (const char *)n->ns->href;
	return strcasestr(h, "aiml") || strcasestr(h, "alicebot");
}

/* n is the AIML element `name`. */
static bool is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && is_aiml(n) &&
	       strcmp((const char *)n->name, name) == 0;
}

static const char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->name && strcmp((const char *)a->name, name) == 0) {
			const xmlNode *t = a->children;
			return t && t->content ? (const char *)t->content : "";
		}
	}
	return NULL;
}

static xpos *pos_of(ap *p, const xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;
	return i && i <= p->npos ? &p->pos[i - 1] : NULL;
}

static void set_pos(ap *p, xmlNode *n, size_t start, size_t end)
{
	if (p->npos == p->cappos) {
		p->cappos = p->cappos ? p->cappos * 2 : 256;
		p->pos = xrealloc(p->pos, p->cappos * sizeof *p->pos);
	}
	p->pos[p->npos++] = (xpos){start, end, -2};
	n->_private = (void *)(uintptr_t)p->npos;
}

/* The tag name as written: "aiml:category" for a prefixed element. */
static const char *qname(const xmlNode *n, char *buf, size_t cap)
{
	if (!n->ns || !n->ns->prefix)
		return (const char *)n->name;
	int k = snprintf(buf, cap, "%s:%s", (const char *)n->ns->prefix,
			 (const char *)n->name);
	return k > 0 && (size_t)k < cap ? buf : (const char *)n->name;
}

/* An internal entity whose replacement is plain text, or NULL. */
static const xmlEntity *plain_entity(const xmlNode *ref)
{
	const xmlEntity *e = (const xmlEntity *)ref->children;
	if (!e || e->type != XML_ENTITY_DECL || e->etype != XML_INTERNAL_GENERAL_ENTITY ||
	    !e->content || e->length > 1024)
		return NULL;
	const char *c = (const char *)e->content;
	return strchr(c, '&') || strchr(c, '<') ? NULL : e;
}

/* ---- pass 1: positions and categories ------------------------------------- */

static void skip_ws(kb_html_cursor *c)
{
	while (c->pos < c->len && is_ws((unsigned char)c->d[c->pos]))
		c->pos++;
}

/* Past "<!DOCTYPE ... [ internal subset ]>". */
static void skip_doctype(kb_html_cursor *c)
{
	const char *s = memmem(c->d + c->pos, c->len - c->pos, "<!DOCTYPE", 9);
	if (!s)
		return;
	char quote = 0;
	int subset = 0;
	for (size_t i = (size_t)(s - c->d) + 9; i < c->len; i++) {
		char ch = c->d[i];
		if (quote) {
			if (ch == quote)
				quote = 0;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (subset && c->len - i >= 4 && !memcmp(c->d + i, "<!--", 4)) {
			const char *e = memmem(c->d + i + 4, c->len - i - 4, "-->", 3);
			i = e ? (size_t)(e - c->d) + 2 : c->len;
		} else if (ch == '[') {
			subset++;
		} else if (ch == ']' && subset) {
			subset--;
		} else if (ch == '>' && !subset) {
			c->pos = i + 1;
			return;
		}
	}
	c->pos = c->len;
}

static void skip_pi(kb_html_cursor *c)
{
	skip_ws(c);
	if (c->len - c->pos >= 2 && !memcmp(c->d + c->pos, "<?", 2)) {
		const char *e = memmem(c->d + c->pos, c->len - c->pos, "?>", 2);
		c->pos = e ? (size_t)(e - c->d) + 2 : c->len;
	}
}

static bool in_template(const xmlNode *n)
{
	for (const xmlNode *a = n->parent; a; a = a->parent)
		if (is(a, "template"))
			return true;
	return false;
}

/* A comment's suppression, for the category it precedes or stands in.
 * "kbcheck-disable-next-line" before a category covers the category (its
 * next line is <category>, where no claim is); inside a template it is
 * left to the line-based suppression of the pipeline (source/suppress.c).
 * "kbcheck-disable" anywhere in or before the category covers it. */
static void suppression(ap *p, const xmlNode *n)
{
	static const char next[] = "kbcheck-disable-next-line";
	const char *c = (const char *)n->content;
	while (is_ws((unsigned char)*c))
		c++;
	if (!strncmp(c, next, sizeof next - 1)) {
		const char *rest = c + sizeof next - 1;
		if ((*rest && !is_ws((unsigned char)*rest)) || in_template(n))
			return;
		char *s = kb_sprintf(p->a, "kbcheck-disable%s", rest);
		kb_faq_topics_parse(&p->pending, p->a, s, strlen(s));
		return;
	}
	kb_faq_topics_parse(&p->pending, p->a, c, strlen(c));
}

/* Pattern text as written; elements (<bot name>, <set>) as tokens. */
static void pattern_text(const xmlNode *n, kb_buf *b, int depth)
{
	for (const xmlNode *c = n->children; c && depth < MAX_NESTING; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			kb_buf_puts(b, c->content ? (const char *)c->content : "");
		} else if (c->type == XML_ENTITY_REF_NODE) {
			const xmlEntity *e = plain_entity(c);
			kb_buf_puts(b, e ? (const char *)e->content : "");
		} else if (c->type == XML_ELEMENT_NODE) {
			const char *nm = attr(c, "name");
			if (!nm && !strcmp((const char *)c->name, "set") && c->children &&
			    c->children->type == XML_TEXT_NODE)
				nm = (const char *)c->children->content; /* AIML 2 <set>colors</set> */
			if (c->children && !nm) {
				pattern_text(c, b, depth + 1);
			} else {
				kb_buf_printf(b, " {%s%s%s} ", (const char *)c->name,
					      nm ? ":" : "", nm ? nm : "");
			}
		}
	}
}

/* Folded words for matching: lower case, punctuation dropped, "{...}" as
 * the wildcard word "{}".  NULL when nothing is left. */
static const char *match_key(kb_arena *a, const char *s)
{
	const char *f = kb_text_fold(a, s, strlen(s));
	size_t n = strlen(f);
	char *out = kb_alloc(a, n + 3);
	size_t k = 0;
	bool space = false;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t w = kb_utf8_next(f + i, n - i, &cp);
		bool keep = kb_cp_is_letter(cp) || (cp >= '0' && cp <= '9') || cp == '*' ||
			    cp == '_' || cp == '^' || cp == '#' || cp > 0x2FF;
		if (cp == '{') {
			const char *e = strchr(f + i, '}');
			if (space && k)
				out[k++] = ' ';
			else if (k && out[k - 1] != ' ')
				out[k++] = ' ';
			out[k++] = '{';
			out[k++] = '}';
			space = true;
			i = e ? (size_t)(e - f) + 1 : n;
			continue;
		}
		if (cp == '\'' || cp == 0x2019) {
			i += w; /* "what's" -> "whats" */
			continue;
		}
		if (!keep || kb_cp_is_space(cp)) {
			space = k > 0;
			i += w;
			continue;
		}
		if (space)
			out[k++] = ' ';
		space = false;
		memcpy(out + k, f + i, w);
		k += w;
		i += w;
	}
	out[k] = '\0';
	return k ? out : NULL;
}

static bool wild_word(const char *w)
{
	return !strcmp(w, "*") || !strcmp(w, "_") || !strcmp(w, "^") || !strcmp(w, "#") ||
	       !strcmp(w, "{}");
}

static const char **split_words(kb_arena *a, const char *key, size_t *n)
{
	size_t k = 1;
	for (const char *s = key; *s; s++)
		k += *s == ' ';
	const char **w = KB_NEWN(a, const char *, k);
	char *copy = kb_strdup(a, key);
	*n = 0;
	/* strtok_r: files are parsed on several threads at once. */
	char *save = NULL;
	for (char *tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		w[(*n)++] = tok;
	return w;
}

static size_t key_hash(const char *s)
{
	return (size_t)kb_hash(KB_HASH_INIT, s, strlen(s));
}

/* Puts category ci (its key not yet in the table) in slot order. */
static void slot_put(ap *p, int ci)
{
	size_t mask = p->nslot - 1;
	size_t i = key_hash(p->cats[ci].key) & mask;
	while (p->slot[i])
		i = (i + 1) & mask;
	p->slot[i] = ci + 1;
}

static void index_exact(ap *p, int ci)
{
	if ((p->nkeys + 1) * 2 > p->nslot) {
		int *old = p->slot;
		size_t nold = p->nslot;
		p->nslot = nold ? nold * 2 : 1024;
		p->slot = calloc(p->nslot, sizeof *p->slot);
		if (!p->slot)
			abort();
		for (size_t i = 0; i < nold; i++)
			if (old[i])
				slot_put(p, old[i] - 1);
		free(old);
	}
	size_t mask = p->nslot - 1;
	for (size_t i = key_hash(p->cats[ci].key) & mask;; i = (i + 1) & mask) {
		int s = p->slot[i];
		if (!s) {
			p->slot[i] = ci + 1;
			p->nkeys++;
			return;
		}
		if (!strcmp(p->cats[s - 1].key, p->cats[ci].key)) {
			/* Same pattern again (another topic or <that>): chained in
			 * document order behind the first. */
			int j = s - 1;
			while (p->cats[j].next >= 0)
				j = p->cats[j].next;
			p->cats[j].next = ci;
			return;
		}
	}
}

static int find_exact(const ap *p, const char *key)
{
	if (!p->nslot)
		return -1;
	size_t mask = p->nslot - 1;
	for (size_t i = key_hash(key) & mask; p->slot[i]; i = (i + 1) & mask)
		if (!strcmp(p->cats[p->slot[i] - 1].key, key))
			return p->slot[i] - 1;
	return -1;
}

/* Template holds nothing but one <srai>/<sr> (thinking aside). */
static bool redirect_only(const xmlNode *t)
{
	int n = 0;
	for (const xmlNode *c = t->children; c; c = c->next) {
		if (c->type == XML_COMMENT_NODE || is(c, "think"))
			continue;
		if (c->type == XML_TEXT_NODE) {
			for (const char *s = c->content ? (const char *)c->content : ""; *s; s++)
				if (!is_ws((unsigned char)*s))
					return false;
			continue;
		}
		if (!is(c, "srai") && !is(c, "sr"))
			return false;
		n++;
	}
	return n == 1;
}

static const char *clean_text(ap *p, const xmlNode *n)
{
	kb_buf b = KB_BUF_INIT;
	pattern_text(n, &b, 0);
	const char *r = kb_faq_clean(p->a, kb_buf_cstr(&b), b.len);
	kb_buf_free(&b);
	return r;
}

static void add_category(ap *p, const xmlNode *e, const char *topic)
{
	const xmlNode *pat = NULL, *that = NULL, *tmpl = NULL;
	for (const xmlNode *c = e->children; c; c = c->next) {
		if (is(c, "pattern") && !pat)
			pat = c;
		else if (is(c, "that") && !that)
			that = c;
		else if (is(c, "template") && !tmpl)
			tmpl = c;
		else if (is(c, "topic")) /* AIML 2: <topic> inside the category */
			topic = clean_text(p, c);
	}
	if (!pat || !tmpl) {
		const xpos *xp = pos_of(p, e);
		int line = 0, col = 0;
		if (xp)
			kb_source_pos(p->ctx->source, xp->start, &line, &col);
		kb_diag(p->ctx->diags, KB_DIAG_WARNING, p->ctx->source->path, line, col,
			"<category> without %s: skipped", pat ? "<template>" : "<pattern>");
		p->pending.n = 0;
		return;
	}
	if (p->ncats == p->capcats) {
		p->capcats = p->capcats ? p->capcats * 2 : 64;
		p->cats = xrealloc(p->cats, p->capcats * sizeof *p->cats);
	}
	int ci = (int)p->ncats++;
	cat *c = &p->cats[ci];
	memset(c, 0, sizeof *c);
	c->tmpl = tmpl;
	c->next = -1;
	c->pattern = clean_text(p, pat);
	c->key = c->pattern ? match_key(p->a, c->pattern) : NULL;
	if (topic && (!strcmp(topic, "*") || !*topic))
		topic = NULL;
	c->topic = topic;
	const char *th = that ? clean_text(p, that) : NULL;
	if (th && strcmp(th, "*") != 0)
		c->that = kb_text_fold(p->a, th, strlen(th));
	const xpos *xp = pos_of(p, e);
	c->start = xp ? xp->start : 0;
	c->end = xp ? xp->end : 0;
	c->redirect = redirect_only(tmpl);
	if (p->pending.n) {
		const char **sup = KB_NEWN(p->a, const char *, p->pending.n + 1);
		memcpy(sup, p->pending.item, p->pending.n * sizeof *sup);
		c->suppressed = sup;
		p->pending.n = 0;
	}
	if (!c->key)
		return;
	c->words = split_words(p->a, c->key, &c->nwords);
	for (size_t i = 0; i < c->nwords; i++)
		c->wild |= wild_word(c->words[i]);
	if (!c->wild) {
		index_exact(p, ci);
	} else {
		if (p->nwild == p->capwild) {
			p->capwild = p->capwild ? p->capwild * 2 : 64;
			p->wild = xrealloc(p->wild, p->capwild * sizeof *p->wild);
		}
		p->wild[p->nwild++] = ci;
	}
}

/* Walks the DOM in document order, keeping the cursor in step and
 * recording each node's bytes; collects the categories. */
static void scan(ap *p, xmlNode *parent, const char *topic, int depth)
{
	kb_html_cursor *c = &p->cur;
	for (xmlNode *n = parent->children; n; n = n->next) {
		size_t s = c->pos;
		switch (n->type) {
		case XML_ELEMENT_NODE: {
			char buf[128];
			const char *qn = qname(n, buf, sizeof buf);
			s = kb_html_enter(c, qn);
			const char *t = topic;
			if (is(n, "topic") && depth < 2) {
				const char *nm = attr(n, "name");
				t = nm ? kb_faq_clean(p->a, nm, strlen(nm)) : NULL;
			}
			if (depth < MAX_NESTING)
				scan(p, n, t, depth + 1);
			kb_html_leave(c, qn);
			set_pos(p, n, s, c->pos);
			if (is(n, "category"))
				add_category(p, n, t);
			break;
		}
		case XML_TEXT_NODE:
			if (n->content)
				kb_html_text(c, NULL, (const char *)n->content,
					     strlen((const char *)n->content));
			set_pos(p, n, s, c->pos);
			break;
		case XML_CDATA_SECTION_NODE: {
			size_t lim = c->len - c->pos < 256 ? c->len - c->pos : 256;
			const char *o = memmem(c->d + c->pos, lim, "<![CDATA[", 9);
			const char *e = o ? memmem(o + 9, c->len - (size_t)(o + 9 - c->d), "]]>", 3)
					  : NULL;
			if (e) {
				set_pos(p, n, (size_t)(o + 9 - c->d), (size_t)(e - c->d));
				c->pos = (size_t)(e - c->d) + 3;
			} else {
				set_pos(p, n, s, s);
			}
			break;
		}
		case XML_ENTITY_REF_NODE: {
			if (c->pos < c->len && c->d[c->pos] == '&') {
				const char *e = memchr(c->d + c->pos, ';', c->len - c->pos);
				if (e)
					c->pos = (size_t)(e - c->d) + 1;
			}
			set_pos(p, n, s, c->pos);
			break;
		}
		case XML_COMMENT_NODE:
			if (!kb_html_block_comment(p->ctx, c, kb_html_comment(c),
						   (const char *)n->content) && n->content)
				suppression(p, n);
			break;
		case XML_PI_NODE:
			skip_pi(c);
			break;
		case XML_DTD_NODE:
			skip_doctype(c);
			break;
		default:
			break;
		}
	}
}

/* ---- external entities ---------------------------------------------------- */

static void external_warnings(ap *p)
{
	xmlDtdPtr dtd = p->doc->intSubset;
	const kb_source *src = p->ctx->source;
	if (!dtd)
		return;
	const char *dt = memmem(src->data, src->len, "<!DOCTYPE", 9);
	size_t at = dt ? (size_t)(dt - src->data) : 0;
	int line = 0, col = 0;
	if (dt)
		kb_source_pos(src, at, &line, &col);
	if (dtd->SystemID || dtd->ExternalID)
		kb_diag(p->ctx->diags, KB_DIAG_WARNING, src->path, line, col,
			"external DTD \"%s\" was not loaded",
			dtd->SystemID ? (const char *)dtd->SystemID : (const char *)dtd->ExternalID);
	for (xmlNode *n = dtd->children; n; n = n->next) {
		if (n->type != XML_ENTITY_DECL)
			continue;
		const xmlEntity *e = (const xmlEntity *)n;
		if (e->etype != XML_EXTERNAL_GENERAL_PARSED_ENTITY &&
		    e->etype != XML_EXTERNAL_GENERAL_UNPARSED_ENTITY &&
		    e->etype != XML_EXTERNAL_PARAMETER_ENTITY)
			continue;
		/* The declaration's position: "<!ENTITY" then the name. */
		int l = line, cl = col;
		for (const char *s = dt; s && (size_t)(s - src->data) < src->len;) {
			s = memmem(s, src->len - (size_t)(s - src->data), "<!ENTITY", 8);
			if (!s)
				break;
			const char *q = s + 8;
			while (is_ws((unsigned char)*q) || *q == '%')
				q++;
			size_t k = strlen((const char *)e->name);
			if (!strncmp(q, (const char *)e->name, k) && is_ws((unsigned char)q[k])) {
				kb_source_pos(src, (size_t)(s - src->data), &l, &cl);
				break;
			}
			s += 8;
		}
		const char *sys = e->SystemID ? (const char *)e->SystemID : "";
		kb_diag(p->ctx->diags, KB_DIAG_WARNING, src->path, l, cl,
			"external entity '%s' (\"%s\") was not loaded: its references are "
			"left out",
			(const char *)e->name, sys);
	}
}

/* ---- wildcard index ------------------------------------------------------ */

static struct wslot *wmap_slot(ap *p, const char *w)
{
	size_t mask = p->nwmap - 1;
	size_t i = key_hash(w) & mask;
	while (p->wmap[i].w && strcmp(p->wmap[i].w, w) != 0)
		i = (i + 1) & mask;
	return &p->wmap[i];
}

static void index_wild(ap *p)
{
	size_t nwords = 0;
	for (size_t k = 0; k < p->nwild; k++)
		nwords += p->cats[p->wild[k]].nwords;
	p->nwmap = 64;
	while (p->nwmap < nwords * 2)
		p->nwmap *= 2;
	p->wmap = calloc(p->nwmap, sizeof *p->wmap);
	p->wnext = malloc((p->nwild ? p->nwild : 1) * sizeof *p->wnext);
	if (!p->wmap || !p->wnext)
		abort();
	for (size_t k = 0; k < p->nwild; k++) {
		const cat *c = &p->cats[p->wild[k]];
		for (size_t i = 0; i < c->nwords; i++) {
			if (wild_word(c->words[i]))
				continue;
			struct wslot *sl = wmap_slot(p, c->words[i]);
			if (!sl->w) {
				sl->w = c->words[i];
				sl->head = -1;
			}
			sl->count++;
		}
	}
	p->wany = -1;
	for (size_t k = p->nwild; k-- > 0;) { /* chains end up in document order */
		const cat *c = &p->cats[p->wild[k]];
		struct wslot *best = NULL;
		for (size_t i = 0; i < c->nwords; i++) {
			if (wild_word(c->words[i]))
				continue;
			struct wslot *sl = wmap_slot(p, c->words[i]);
			if (!best || sl->count < best->count)
				best = sl;
		}
		int *head = best ? &best->head : &p->wany;
		p->wnext[k] = *head;
		*head = (int)k;
	}
}

/* ---- srai resolution ------------------------------------------------------ */

typedef struct glob_in {
	const char **w;
	size_t n;
	int steps;
} glob_in;

static bool glob(const char *const *pw, size_t np, glob_in *in, size_t at)
{
	if (--in->steps < 0)
		return false;
	if (np == 0)
		return at == in->n;
	if (wild_word(pw[0])) {
		size_t min = pw[0][0] == '^' || pw[0][0] == '#' ? 0 : 1;
		for (size_t k = at + min; k <= in->n; k++)
			if (glob(pw + 1, np - 1, in, k))
				return true;
		return false;
	}
	return at < in->n && !strcmp(pw[0], in->w[at]) && glob(pw + 1, np - 1, in, at + 1);
}

static int score(const cat *c, const char *topic)
{
	bool same = (!c->topic && !topic) || (c->topic && topic && !strcmp(c->topic, topic));
	return (same ? 2 : 0) + (c->that ? 0 : 1);
}

static void note_unresolved(ap *p, const char *text, size_t at)
{
	if (p->unresolved++ == 0) {
		p->first_unresolved = text;
		p->first_unresolved_at = at;
	}
}

/* The category <srai> e redirects to, or -1 (cached). */
static int resolve(ap *p, const xmlNode *e, const char *topic)
{
	xpos *xp = pos_of(p, e);
	if (xp && xp->target != -2)
		return xp->target;
	int best = -1;
	bool dynamic = false;
	for (const xmlNode *c = e->children; c; c = c->next)
		dynamic |= c->type == XML_ELEMENT_NODE;
	const char *text = dynamic ? NULL : clean_text(p, e);
	const char *key = text ? match_key(p->a, text) : NULL;
	if (key) {
		int bs = -1;
		for (int i = find_exact(p, key); i >= 0; i = p->cats[i].next) {
			int s = score(&p->cats[i], topic);
			if (s > bs)
				best = i, bs = s;
		}
		if (best < 0) {
			size_t nw;
			glob_in in = {split_words(p->a, key, &nw), 0, 0};
			in.n = nw;
			/* Candidates: the chains of the input's words, and the
			 * patterns made of wildcards only. */
			for (size_t w = 0; w <= nw; w++) {
				int k = p->wany;
				if (w < nw) {
					bool seen = false;
					for (size_t v = 0; v < w && !seen; v++)
						seen = !strcmp(in.w[v], in.w[w]);
					struct wslot *sl = p->nwmap ? wmap_slot(p, in.w[w]) : NULL;
					if (seen || !sl || !sl->w)
						continue;
					k = sl->head;
				}
				for (; k >= 0; k = p->wnext[k]) {
					int ci = p->wild[k];
					const cat *c = &p->cats[ci];
					int s = score(c, topic);
					if (s < bs || (s == bs && ci > best))
						continue;
					in.steps = GLOB_STEPS;
					if (glob(c->words, c->nwords, &in, 0))
						best = ci, bs = s;
				}
			}
		}
		if (best < 0)
			note_unresolved(p, text, xp ? xp->start : 0);
	}
	if (xp)
		xp->target = best;
	return best;
}

/* ---- pass 2: rendering templates ------------------------------------------ */

typedef struct rs {
	ap *p;
	kb_textb tb;
	kb_scope scope;
	int choice[MAX_CHOICES], count[MAX_CHOICES], nchoices;
	int stack[MAX_SRAI_DEPTH + 1], depth;
	long work;
} rs;

static void render(rs *r, const xmlNode *parent, int nesting);

static void token(rs *r, const xmlNode *e, const char *fmt, const char *arg)
{
	ap *p = r->p;
	const xpos *xp = pos_of(p, e);
	char buf[160];
	snprintf(buf, sizeof buf, fmt, arg ? arg : "");
	for (char *s = buf; *s; s++)
		if (is_ws((unsigned char)*s))
			*s = '_';
	size_t s = xp ? xp->start : 0, n = xp ? xp->end - xp->start : 0;
	kb_textb_add_derived(&r->tb, buf, strlen(buf), s, n);
}

static void text_node(rs *r, const xmlNode *n)
{
	const xpos *xp = pos_of(r->p, n);
	if (!n->content || !xp)
		return;
	const kb_source *src = r->p->ctx->source;
	/* CDATA content ends where "]]>" starts. */
	size_t lim = n->type == XML_CDATA_SECTION_NODE ? xp->end : src->len;
	kb_html_cursor c = {.d = src->data, .len = lim, .pos = xp->start};
	kb_html_text(&c, &r->tb, (const char *)n->content, strlen((const char *)n->content));
}

static void entity_ref(rs *r, const xmlNode *n)
{
	const xpos *xp = pos_of(r->p, n);
	if (!xp)
		return;
	const xmlEntity *e = plain_entity(n);
	const xmlEntity *decl = (const xmlEntity *)n->children;
	const char *d = r->p->ctx->source->data;
	if (!decl || decl->etype != XML_INTERNAL_GENERAL_ENTITY)
		return; /* external or undeclared: never loaded, left out */
	if (e)
		kb_textb_add_derived(&r->tb, (const char *)e->content,
				     strlen((const char *)e->content), xp->start,
				     xp->end - xp->start);
	else if (xp->end > xp->start)
		kb_textb_add_at(&r->tb, d + xp->start, xp->end - xp->start, xp->start);
}

static const char *pattern_of(const ap *p, int ci)
{
	return p->cats[ci].pattern ? p->cats[ci].pattern : "";
}

static void loop_warning(rs *r, const xmlNode *e, int from)
{
	ap *p = r->p;
	/* Members, sorted: the same loop entered elsewhere is one loop. */
	int m[MAX_SRAI_DEPTH + 1], k = 0;
	for (int i = from; i < r->depth; i++)
		m[k++] = r->stack[i];
	for (int i = 1; i < k; i++)
		for (int j = i; j > 0 && m[j - 1] > m[j]; j--) {
			int t = m[j];
			m[j] = m[j - 1];
			m[j - 1] = t;
		}
	kb_buf key = KB_BUF_INIT;
	for (int i = 0; i < k; i++)
		kb_buf_printf(&key, "%d,", m[i]);
	char *ks = kb_strndup(p->a, kb_buf_cstr(&key), key.len);
	kb_buf_free(&key);
	for (size_t i = 0; i < p->nloops; i++)
		if (!strcmp(p->loops[i], ks))
			return;
	if (p->nloops == p->caploops) {
		p->caploops = p->caploops ? p->caploops * 2 : 8;
		p->loops = xrealloc(p->loops, p->caploops * sizeof *p->loops);
	}
	p->loops[p->nloops++] = ks;

	kb_buf msg = KB_BUF_INIT;
	for (int i = from; i < r->depth; i++)
		kb_buf_printf(&msg, "%s -> ", pattern_of(p, r->stack[i]));
	kb_buf_puts(&msg, pattern_of(p, r->stack[from]));
	const xpos *xp = pos_of(p, e);
	int line = 0, col = 0;
	if (xp)
		kb_source_pos(p->ctx->source, xp->start, &line, &col);
	kb_diag(p->ctx->diags, KB_DIAG_WARNING, p->ctx->source->path, line, col,
		"<srai> loop: %s; the loop gives no text", kb_buf_cstr(&msg));
	kb_buf_free(&msg);
}

static void srai(rs *r, const xmlNode *e, int nesting)
{
	ap *p = r->p;
	const cat *self = &p->cats[r->stack[r->depth - 1]];
	/* A small file whose redirects and choices multiply (each variant of
	 * each category quoting others) could expand to gigabytes of text:
	 * past a budget its redirects are not followed any more. */
	if (p->work > MAX_FILE_WORK || p->text + r->tb.text.len > p->text_budget) {
		if (!p->file_work_reported) {
			p->file_work_reported = true;
			if (p->work > MAX_FILE_WORK)
				kb_diag(p->ctx->diags, KB_DIAG_WARNING, p->ctx->source->path, 0, 0,
					"<srai> redirects expand to more than %d elements in all: "
					"the rest of the file's redirects are not followed",
					MAX_FILE_WORK);
			else
				kb_diag(p->ctx->diags, KB_DIAG_WARNING, p->ctx->source->path, 0, 0,
					"<srai> redirects expand this file to more than %zu bytes of "
					"answers: the rest of the file's redirects are not followed",
					p->text_budget);
		}
		return;
	}
	int t = resolve(p, e, self->topic);
	if (t < 0)
		return;
	for (int i = 0; i < r->depth; i++)
		if (r->stack[i] == t) {
			loop_warning(r, e, i);
			return;
		}
	if (r->depth > MAX_SRAI_DEPTH) {
		if (!p->depth_reported) {
			p->depth_reported = true;
			const xpos *xp = pos_of(p, e);
			int line = 0, col = 0;
			if (xp)
				kb_source_pos(p->ctx->source, xp->start, &line, &col);
			kb_diag(p->ctx->diags, KB_DIAG_WARNING, p->ctx->source->path, line, col,
				"<srai> redirects nested more than %d deep from '%s': not "
				"followed further",
				MAX_SRAI_DEPTH, pattern_of(p, r->stack[0]));
		}
		return;
	}
	r->stack[r->depth++] = t;
	kb_textb_space(&r->tb);
	render(r, p->cats[t].tmpl, nesting + 1);
	kb_textb_space(&r->tb);
	r->depth--;
}

/* The <li> children of a <random> or <condition>. */
static size_t items(const xmlNode *e, const xmlNode **out, size_t cap)
{
	size_t n = 0;
	for (const xmlNode *c = e->children; c; c = c->next)
		if (is(c, "li")) {
			if (n < cap)
				out[n] = c;
			n++;
		}
	return n < cap ? n : cap;
}

/* Which alternative this variant takes at the next choice point. */
static size_t choose(rs *r, size_t n)
{
	if (r->nchoices >= MAX_CHOICES)
		return 0;
	int k = r->nchoices++;
	r->count[k] = (int)n;
	if (r->choice[k] >= (int)n)
		r->choice[k] = 0;
	return (size_t)r->choice[k];
}

static void condition(rs *r, const xmlNode *e, int nesting)
{
	const xmlNode *li[64];
	size_t n = items(e, li, 64);
	const char *name = attr(e, "name"), *value = attr(e, "value");
	const xmlNode *body = e;
	if (n) {
		body = li[choose(r, n)];
		if (attr(body, "name"))
			name = attr(body, "name");
		value = attr(body, "value");
	}
	const char *label = value ? kb_sprintf(r->p->a, "%s=%s", name ? name : "", value)
				  : "default";
	r->scope = kb_scope_with(r->p->a, &r->scope, "aiml_condition", label);
	render(r, body, nesting + 1);
}

static void element(rs *r, const xmlNode *e, int nesting)
{
	const char *name = (const char *)e->name;
	if (!is_aiml(e)) {
		/* XHTML inside templates (<html:br/>, <html:p>). */
		bool block = kb_html_block(e);
		if (!strcmp(name, "br"))
			kb_textb_space(&r->tb);
		if (block)
			kb_textb_break(&r->tb);
		render(r, e, nesting + 1);
		if (block)
			kb_textb_break(&r->tb);
		return;
	}
	static const char *const silent_elems[] = {
	    "think", "learn", "learnf", "system", "javascript", "gossip", "sraix",
	    "eval", "loop", "sr", "addtriple", "deletetriple", "select", "uniq",
	    "resetlearn", "resetlearnf", NULL};
	for (size_t i = 0; silent_elems[i]; i++)
		if (!strcmp(name, silent_elems[i]))
			return;
	if (!strcmp(name, "srai")) {
		srai(r, e, nesting);
	} else if (!strcmp(name, "random")) {
		const xmlNode *li[64];
		size_t n = items(e, li, 64);
		if (n)
			render(r, li[choose(r, n)], nesting + 1);
	} else if (!strcmp(name, "condition")) {
		condition(r, e, nesting);
	} else if (!strcmp(name, "br")) {
		kb_textb_space(&r->tb);
	} else if (!strcmp(name, "get") || !strcmp(name, "bot")) {
		const char *nm = attr(e, "name");
		if (!nm)
			nm = attr(e, "var");
		token(r, e, !strcmp(name, "get") ? "{get:%s}" : "{bot:%s}", nm ? nm : "?");
	} else if (!strcmp(name, "star") || !strcmp(name, "thatstar") ||
		   !strcmp(name, "topicstar")) {
		const char *ix = attr(e, "index");
		if (ix && strcmp(ix, "1") != 0)
			token(r, e, !strcmp(name, "star") ? "{star:%s}"
				    : !strcmp(name, "thatstar") ? "{thatstar:%s}"
								 : "{topicstar:%s}", ix);
		else
			token(r, e, "{%s}", name);
	} else if (!e->children) {
		token(r, e, "{%s}", name); /* <date/>, <input/>, <person/>... */
	} else {
		bool block = !strcmp(name, "li") || !strcmp(name, "p") || !strcmp(name, "ul") ||
			     !strcmp(name, "ol");
		if (block)
			kb_textb_break(&r->tb);
		render(r, e, nesting + 1);
		if (block)
			kb_textb_break(&r->tb);
	}
}

static void render(rs *r, const xmlNode *parent, int nesting)
{
	if (nesting > MAX_NESTING)
		return;
	for (const xmlNode *n = parent->children; n; n = n->next) {
		r->p->work++;
		if (++r->work > MAX_WORK) {
			ap *p = r->p;
			if (!p->work_reported) {
				p->work_reported = true;
				kb_diag(p->ctx->diags, KB_DIAG_WARNING, p->ctx->source->path, 0, 0,
					"the <srai> redirects of '%s' expand to more than %d "
					"elements: its text is cut short",
					pattern_of(p, r->stack[0]), MAX_WORK);
			}
			return;
		}
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			text_node(r, n);
			break;
		case XML_ENTITY_REF_NODE:
			entity_ref(r, n);
			break;
		case XML_ELEMENT_NODE:
			element(r, n, nesting);
			break;
		default:
			break;
		}
	}
}

/* "CAN I  cancel" -> "CAN I CANCEL": the id of a pattern. */
static const char *pattern_id(kb_arena *a, const char *pattern)
{
	char *s = kb_strdup(a, pattern ? pattern : "category");
	for (char *q = s; *q; q++)
		if (*q >= 'a' && *q <= 'z')
			*q = (char)(*q - 'a' + 'A');
	return s;
}

static void emit(rs *r, int ci)
{
	ap *p = r->p;
	const cat *c = &p->cats[ci];
	if (kb_textb_empty(&r->tb))
		return;
	kb_parse_ctx *ctx = p->ctx;
	kb_unit *u = kb_unit_new(ctx);
	kb_textb_finish(&r->tb, kb_parse_texts(ctx), u);
	p->text += u->text_len;
	u->question = c->pattern ? kb_text_fold(p->a, c->pattern, strlen(c->pattern)) : NULL;
	kb_buf id = KB_BUF_INIT;
	kb_buf_puts(&id, pattern_id(p->a, c->pattern));
	for (int i = 0; i < r->nchoices; i++)
		kb_buf_printf(&id, "%c%d", i ? '.' : '/', r->choice[i] + 1);
	u->id = kb_faq_ids_take(p->a, &p->ids, kb_buf_cstr(&id));
	kb_buf_free(&id);
	if (p->lang)
		u->locale = p->lang;
	u->scope = r->scope;
	u->suppressed = c->suppressed;
	u->loc = kb_loc_of(ctx->source, c->start, c->end);
	kb_emit_unit(ctx, u);
}

/* Every variant of category ci: one per combination of choices. */
static void category_units(ap *p, int ci)
{
	const cat *c = &p->cats[ci];
	rs r = {.p = p};
	kb_textb_init(&r.tb, p->ctx->source);
	int variants = 0;
	for (;;) {
		kb_textb_reset(&r.tb);
		r.scope = (kb_scope){0};
		if (c->topic)
			r.scope = kb_scope_with(p->a, &r.scope, "aiml_topic", c->topic);
		if (c->that)
			r.scope = kb_scope_with(p->a, &r.scope, "that", c->that);
		r.nchoices = 0;
		r.stack[0] = ci;
		r.depth = 1;
		r.work = 0;
		render(&r, c->tmpl, 0);
		if (c->redirect)
			break; /* followed for its loops only */
		emit(&r, ci);
		/* Next combination: the last choice point moves first. */
		int k = r.nchoices - 1;
		while (k >= 0 && ++r.choice[k] >= r.count[k])
			r.choice[k--] = 0;
		if (k < 0)
			break;
		if (++variants >= MAX_VARIANTS) {
			if (!p->variants_reported) {
				p->variants_reported = true;
				int line, col;
				kb_source_pos(p->ctx->source, c->start, &line, &col);
				kb_diag(p->ctx->diags, KB_DIAG_NOTE, p->ctx->source->path, line,
					col, "'%s' has more than %d combinations of <random> "
					"choices: only the first %d are checked",
					pattern_of(p, ci), MAX_VARIANTS, MAX_VARIANTS);
			}
			break;
		}
	}
	kb_textb_free(&r.tb);
}

/* ---- entry points --------------------------------------------------------- */

void kb_parse_aiml(kb_parse_ctx *ctx)
{
	const kb_source *src = ctx->source;
	ap p = {.ctx = ctx, .a = ctx->arena, .cur = {.d = src->data, .len = src->len},
		.text_budget = src->len > TEXT_FLOOR / TEXT_RATIO ? src->len * TEXT_RATIO
								  : TEXT_FLOOR};
	if (src->len >= 3 && memcmp(src->data, "\xEF\xBB\xBF", 3) == 0)
		p.cur.pos = 3;
	p.doc = read_xml(&p);
	if (!p.doc) {
		if (!p.nreported)
			kb_diag(ctx->diags, KB_DIAG_ERROR, src->path, 0, 0,
				"could not read the file as XML");
		return;
	}
	xmlNode *root = xmlDocGetRootElement(p.doc);
	if (root && !is(root, "aiml"))
		kb_diag(ctx->diags, KB_DIAG_WARNING, src->path, root->line, 0,
			"root element is <%s>, not <aiml>", (const char *)root->name);
	if (root) {
		xmlChar *lang = xmlNodeGetLang(root);
		if (lang) {
			p.lang = kb_locale_tag((const char *)lang, strlen((const char *)lang));
			xmlFree(lang);
		}
	}
	external_warnings(&p);
	scan(&p, (xmlNode *)p.doc, NULL, 0);
	index_wild(&p);
	for (size_t i = 0; i < p.ncats; i++)
		category_units(&p, (int)i);
	if (p.unresolved) {
		int line, col;
		kb_source_pos(src, p.first_unresolved_at, &line, &col);
		kb_diag(ctx->diags, KB_DIAG_NOTE, src->path, line, col,
			"%zu <srai> target%s not found in this file (first: '%s'); "
			"redirects into other files are not followed",
			p.unresolved, p.unresolved == 1 ? "" : "s", p.first_unresolved);
	}
	xmlFreeDoc(p.doc);
	free(p.pos);
	free(p.cats);
	free(p.slot);
	free(p.wild);
	free(p.wmap);
	free(p.wnext);
	free(p.loops);
	kb_faq_topics_free(&p.pending);
	kb_faq_ids_free(&p.ids);
}

/* Skips the prolog (XML declaration, comments, doctype) and tells whether
 * the root element is <aiml> (or <prefix:aiml>). */
int kb_detect_aiml(const char *path, const char *d, size_t len)
{
	const char *dot = strrchr(path, '.');
	bool ext = dot && !strcasecmp(dot, ".aiml");
	if (len > 8192)
		len = 8192;
	size_t i = len >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while (i < len) {
		while (i < len && is_ws((unsigned char)d[i]))
			i++;
		if (i + 1 >= len || d[i] != '<')
			break;
		const char *end;
		if (len - i >= 4 && !memcmp(d + i, "<!--", 4)) {
			end = memmem(d + i + 4, len - i - 4, "-->", 3);
			if (end)
				end += 2; /* its '>' */
		} else if (d[i + 1] == '?' || d[i + 1] == '!')
			end = memchr(d + i, '>', len - i);
		else {
			size_t j = i + 1, k = j;
			while (k < len && !is_ws((unsigned char)d[k]) && d[k] != '>' && d[k] != '/')
				k++;
			const char *colon = memchr(d + j, ':', k - j);
			if (colon)
				j = (size_t)(colon - d) + 1;
			return k - j == 4 && !memcmp(d + j, "aiml", 4) ? 90 : ext ? 10 : 0;
		}
		if (!end)
			break;
		/* A doctype's internal subset: past its "]>" */
		if (d[i + 1] == '!' && memchr(d + i, '[', (size_t)(end - d) - i)) {
			const char *close = memmem(d + i, len - i, "]>", 2);
			if (close)
				end = close + 1;
		}
		i = (size_t)(end - d) + 1;
	}
	return ext ? 10 : 0;
}
