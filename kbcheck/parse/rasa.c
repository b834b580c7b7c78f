/* rasa.c - Rasa chatbot responses (domain.yml, responses.yml).
 *
 *     responses:                      # Rasa 1.x: templates:
 *       utter_cancel:
 *       - text: You can cancel within 24 hours.
 *         channel: slack              # -> scope channel=slack
 *         condition:                  # -> scope slot:tier=gold
 *         - type: slot
 *           name: tier
 *           value: gold
 *       - Old files: a plain string.
 *
 * Every variation with text is one unit, id "<response>/<index>".  The
 * variations of a response are paraphrases Rasa picks from at random, so
 * they must agree; channel and condition make a variation apply only in
 * their scope, where a different answer is intended.  Buttons, images and
 * custom payloads are not answer text.
 *
 * The question a response answers comes from the project's training data
 * (rasa_data.c): every "rasa-data" source of the run under the domain's
 * folder (data/nlu.yml, data/rules.yml...), unless a nearer domain file
 * owns it, and the nlu:/rules:/stories: of the domain file itself.  The
 * project's config.yml ("language: vi") says the language of its
 * responses, as a document's lang would (base/locale.h).
 *
 * Suppression comments (libfyaml drops comments, so the lines are read
 * again) set kb_unit.suppressed: "# kbcheck-disable-next-line [topic...]"
 * on the comment lines above a variation, or above the response's key for
 * all its variations; "# kbcheck-disable [topic...]" on any line of the
 * variation.
 */
#include "rasa.h"

#include <string.h>

#include "../base/buf.h"
#include "../base/yaml.h"
#include "faq_util.h"
#include "scalar.h"

enum { MAX_DEPTH = 64 };

typedef struct rasa {
	kb_parse_ctx *ctx;
	const kb_source *src;
	kb_yaml y;
	kb_rasa_links *links; /* made when the first responses are met */
	kb_textb tb;
} rasa;

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static bool is_ws(char c) { return is_blank(c) || c == '\n' || c == '\r'; }

/* An empty value ("text:", "- ") or an explicit null. */
static bool is_null(kb_node *n)
{
	if (!n)
		return true;
	if (!kb_yaml_is_scalar(n) || kb_yaml_style(n) != 'p')
		return false;
	size_t len;
	const char *s = kb_yaml_scalar(n, &len);
	return !s || len == 0 || (len == 1 && s[0] == '~') ||
	       (len == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) ||
			     !memcmp(s, "NULL", 4)));
}

/* ---- links ---------------------------------------------------------------- */

static bool is_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return n == 0 || (strncmp(path, dir, n) == 0 && path[n] == '/');
}

/* The training data of this domain: "rasa-data" sources under its project
 * folder, except those under the folder of another, deeper domain (a
 * second bot in a subfolder owns its own data). */
static void load_links(rasa *r, kb_node *root)
{
	kb_arena *a = r->ctx->arena;
	r->links = kb_rasa_links_new();
	kb_rasa_links_add(r->links, a, root);
	if (!r->ctx->sources)
		return;
	const char *dir = kb_rasa_project_dir(a, r->src->path);
	kb_parse_read_folder(r->ctx, dir);
	size_t n = strlen(dir);
	kb_vec deeper = {0}; /* project folders of the domains below ours */
	const kb_vec *domains = kb_parse_sources_of(r->ctx, "rasa");
	for (size_t i = 0; i < domains->len; i++) {
		const kb_source *s = domains->items[i];
		if (s == r->src || !is_under(s->path, dir))
			continue;
		const char *d = kb_rasa_project_dir(a, s->path);
		if (strlen(d) > n)
			kb_vec_push(a, &deeper, (void *)d);
	}
	const kb_vec *data = kb_parse_sources_of(r->ctx, "rasa-data");
	for (size_t i = 0; i < data->len; i++) {
		const kb_source *s = data->items[i];
		if (s == r->src || !is_under(s->path, dir))
			continue;
		bool theirs = false;
		for (size_t k = 0; k < deeper.len && !theirs; k++)
			theirs = is_under(s->path, deeper.items[k]);
		if (!theirs && (s = kb_parse_use(r->ctx, s)))
			kb_rasa_links_add_source(r->links, a, s);
	}
}

/* ---- spans and suppression comments ---------------------------------------- */

/* Widens [*s, *e) to every scalar under n. */
static void widen(const rasa *r, kb_node *n, size_t *s, size_t *e, int depth)
{
	if (!n || depth > MAX_DEPTH)
		return;
	size_t a, b;
	if (kb_scalar_span(r->src, n, &a, &b)) {
		if (a < *s)
			*s = a;
		if (b > *e)
			*e = b;
		return;
	}
	void *it = NULL;
	if (kb_yaml_is_map(n)) {
		kb_pair *p;
		while ((p = kb_yaml_map_next(n, &it))) {
			widen(r, kb_yaml_key(p), s, e, depth + 1);
			widen(r, kb_yaml_value(p), s, e, depth + 1);
		}
	} else if (kb_yaml_is_seq(n)) {
		kb_node *c;
		while ((c = kb_yaml_seq_next(n, &it)))
			widen(r, c, s, e, depth + 1);
	}
}

/* The variation's span: its first to its last scalar, trailing blank lines
 * of a block scalar left out. */
static bool node_span(const rasa *r, kb_node *n, size_t *s, size_t *e)
{
	*s = (size_t)-1;
	*e = 0;
	widen(r, n, s, e, 0);
	if (*s > *e)
		return false;
	while (*e > *s && is_ws(r->src->data[*e - 1]))
		(*e)--;
	return true;
}

/* "kbcheck-disable-next-line [topics]" in comment text c[0..n) (after the
 * '#'): adds its topics.  The topic grammar is kb_faq_topics_parse's, fed
 * the same words under its directive's name. */
static void parse_next_line(rasa *r, kb_faq_topics *t, const char *c, size_t n)
{
	static const char key[] = "kbcheck-disable-next-line";
	const size_t k = sizeof key - 1;
	size_t i = 0;
	while (i < n && is_blank(c[i]))
		i++;
	if (n - i < k || memcmp(c + i, key, k) != 0 ||
	    (n - i > k && !is_ws(c[i + k]) && c[i + k] != ','))
		return;
	kb_buf b = KB_BUF_INIT;
	kb_buf_puts(&b, "kbcheck-disable ");
	kb_buf_put(&b, c + i + k, n - i - k);
	kb_faq_topics_parse(t, r->ctx->arena, b.ptr, b.len);
	kb_buf_free(&b);
}

/* Next-line directives on the comment (and blank) lines right above
 * 1-based line.  The pipeline's own scan (source/suppress.c) drops claims
 * on the one line after such a comment; here the comment covers the whole
 * variation, whose text may start lines below it (text: |). */
static void comments_above(rasa *r, kb_faq_topics *t, int line)
{
	for (int l = line - 1; l >= 1; l--) {
		size_t n;
		const char *s = kb_source_line(r->src, l, &n);
		size_t i = 0;
		while (i < n && (is_blank(s[i]) || s[i] == '\r'))
			i++;
		if (i == n)
			continue;
		if (s[i] != '#')
			return;
		parse_next_line(r, t, s + i + 1, n - i - 1);
	}
}

/* "# kbcheck-disable ..." comments on the lines of [s, e), outside the
 * text scalar [ts, te) (a '#' in a block of text is text). */
static void comments_inside(rasa *r, kb_faq_topics *t, size_t s, size_t e,
			    size_t ts, size_t te)
{
	int first, last, col;
	kb_source_pos(r->src, s, &first, &col);
	kb_source_pos(r->src, e, &last, &col);
	for (int l = first; l <= last; l++) {
		size_t n;
		const char *line = kb_source_line(r->src, l, &n);
		size_t base = (size_t)(line - r->src->data);
		for (size_t i = 0; i < n; i++) {
			if (line[i] != '#' || (i > 0 && !is_blank(line[i - 1])))
				continue;
			if (base + i >= ts && base + i < te)
				continue;
			if (!kb_suppression_opens_block(r->ctx->arena, &r->ctx->openers, r->src, l, l))
				kb_faq_topics_parse(t, r->ctx->arena, line + i + 1, n - i - 1);
			break; /* the rest of the line is the comment */
		}
	}
}

static const char *const *topics_array(kb_arena *a, const kb_faq_topics *t)
{
	if (!t->n)
		return NULL;
	const char **sup = KB_NEWN(a, const char *, t->n + 1);
	memcpy(sup, t->item, t->n * sizeof *sup);
	return sup;
}

/* ---- variations ------------------------------------------------------------ */

/* condition: [{type: slot, name: tier, value: gold}] -> slot:tier=gold */
static void condition_scope(rasa *r, kb_unit *u, kb_node *cond)
{
	kb_arena *a = r->ctx->arena;
	if (is_null(cond))
		return;
	if (!kb_yaml_is_seq(cond)) {
		kb_yaml_diag(&r->y, cond, KB_DIAG_WARNING,
			     "condition: should be a list of {type, name, value}; ignored");
		return;
	}
	void *it = NULL;
	kb_node *c;
	while ((c = kb_yaml_seq_next(cond, &it))) {
		const char *type = kb_yaml_str(a, kb_yaml_get(c, "type"));
		const char *name = kb_yaml_str(a, kb_yaml_get(c, "name"));
		kb_node *vn = kb_yaml_get(c, "value");
		if (!kb_yaml_is_map(c) || !name || !*name ||
		    (vn && !kb_yaml_is_scalar(vn))) {
			kb_yaml_diag(&r->y, c, KB_DIAG_WARNING,
				     "condition item needs a name and a single value; ignored");
			continue;
		}
		const char *value = is_null(vn) ? "null" : kb_yaml_str(a, vn);
		const char *key = kb_sprintf(a, "%s:%s", type && *type ? type : "slot", name);
		u->scope = kb_scope_with(a, &u->scope, key, value);
	}
}

/* The value of key in mapping n; *present tells "key:" (null) from no key. */
static kb_node *member(kb_node *n, const char *key, bool *present)
{
	*present = false;
	void *it = NULL;
	kb_pair *p;
	while ((p = kb_yaml_map_next(n, &it))) {
		size_t len;
		kb_node *k = kb_yaml_key(p);
		const char *s = kb_yaml_is_scalar(k) ? kb_yaml_scalar(k, &len) : NULL;
		if (s && len == strlen(key) && memcmp(s, key, len) == 0) {
			*present = true;
			return kb_yaml_value(p);
		}
	}
	return NULL;
}

/* Keys of a variation that carry content other than text. */
static bool has_rich_content(kb_node *v)
{
	static const char *const keys[] = {"image",   "custom",  "attachment",
					   "elements", "buttons", "quick_replies"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		bool present;
		if (member(v, keys[i], &present) || present)
			return true;
	}
	return false;
}

static void variation(rasa *r, const char *name, const char *question, int index,
		      kb_node *v, int key_line)
{
	kb_parse_ctx *ctx = r->ctx;
	kb_node *text = v;
	if (kb_yaml_is_map(v)) {
		bool present;
		text = member(v, "text", &present);
		if (!present) {
			if (has_rich_content(v))
				return; /* an image or payload only: nothing to compare */
			kb_yaml_diag(&r->y, v, KB_DIAG_WARNING,
				     "variation %d of '%s' has no text", index, name);
			return;
		}
	} else if (!kb_yaml_is_scalar(v)) {
		kb_yaml_diag(&r->y, v, KB_DIAG_WARNING,
			     "variation %d of '%s' should be a mapping with text: "
			     "(or a string)", index, name);
		return;
	}
	if (is_null(text) || !kb_yaml_is_scalar(text)) {
		kb_yaml_diag(&r->y, is_null(text) ? v : text, KB_DIAG_WARNING,
			     "variation %d of '%s': text %s", index, name,
			     text && !is_null(text) ? "should be a string" : "is empty");
		return;
	}
	kb_scalar_text(&r->tb, text);
	if (kb_textb_empty(&r->tb)) {
		if (!kb_yaml_is_map(v) || !has_rich_content(v)) /* text: "" + image */
			kb_yaml_diag(&r->y, text, KB_DIAG_WARNING,
				     "variation %d of '%s': text is empty", index, name);
		kb_textb_reset(&r->tb);
		return;
	}

	kb_unit *u = kb_unit_new(ctx);
	if (kb_rasa_links_language(r->links))
		u->locale = kb_rasa_links_language(r->links); /* config.yml's */
	kb_textb_finish(&r->tb, kb_parse_texts(ctx), u);
	u->id = kb_sprintf(ctx->arena, "%s/%d", name, index);
	u->question = question;
	size_t s, e, ts = 0, te = 0;
	if (!node_span(r, v, &s, &e))
		s = e = 0;
	u->loc = kb_loc_of(r->src, s, e);
	kb_scalar_span(r->src, text, &ts, &te);

	if (kb_yaml_is_map(v)) {
		bool present;
		kb_node *ch = member(v, "channel", &present);
		if (kb_yaml_is_scalar(ch) && !is_null(ch))
			u->scope = kb_scope_with(ctx->arena, &u->scope, "channel",
						 kb_yaml_str(ctx->arena, ch));
		else if (ch && !is_null(ch))
			kb_yaml_diag(&r->y, ch, KB_DIAG_WARNING,
				     "channel: should be a name; ignored");
		condition_scope(r, u, member(v, "condition", &present));
	}

	kb_faq_topics t = {0};
	comments_above(r, &t, key_line);
	comments_above(r, &t, u->loc.line);
	comments_inside(r, &t, s, e, ts, te);
	u->suppressed = topics_array(ctx->arena, &t);
	kb_faq_topics_free(&t);
	kb_emit_unit(ctx, u);
}

static void responses(rasa *r, kb_node *root, kb_node *key,
		      kb_node *map)
{
	kb_arena *a = r->ctx->arena;
	const char *section = kb_yaml_str(a, key);
	if (strcmp(section, "templates") == 0)
		kb_yaml_diag(&r->y, key, KB_DIAG_NOTE,
			     "templates: is Rasa 1.x; Rasa 3 calls it responses:");
	if (is_null(map))
		return;
	if (!kb_yaml_is_map(map)) {
		kb_yaml_diag(&r->y, map, KB_DIAG_WARNING,
			     "%s: should map response names to lists of variations; "
			     "not read", section);
		return;
	}
	if (!r->links)
		load_links(r, root);
	void *it = NULL;
	kb_pair *p;
	while ((p = kb_yaml_map_next(map, &it))) {
		kb_node *k = kb_yaml_key(p), *list = kb_yaml_value(p);
		const char *name = kb_yaml_str(a, k);
		if (!name || !*name) {
			kb_yaml_diag(&r->y, k, KB_DIAG_WARNING,
				     "a response name should be a string; not read");
			continue;
		}
		if (!kb_yaml_is_seq(list)) {
			kb_yaml_diag(&r->y, is_null(list) ? k : list, KB_DIAG_WARNING,
				     "response '%s' should be a list of variations; not read",
				     name);
			continue;
		}
		const char *question = kb_rasa_links_question(r->links, name);
		int key_line, col;
		kb_yaml_pos(k, &key_line, &col);
		void *vit = NULL;
		kb_node *v;
		for (int i = 0; (v = kb_yaml_seq_next(list, &vit)); i++) {
			if (is_null(v))
				kb_yaml_diag(&r->y, k, KB_DIAG_WARNING,
					     "variation %d of '%s' is empty", i, name);
			else
				variation(r, name, question, i, v, key_line);
		}
	}
}

void kb_parse_rasa(kb_parse_ctx *ctx)
{
	const kb_source *src = ctx->source;
	rasa r = {.ctx = ctx, .src = src};
	if (!kb_rasa_has_content(src->data, src->len) ||
	    !kb_yaml_parse(&r.y, ctx->diags, src->path, src->data, src->len, false))
		return;
	kb_textb_init(&r.tb, src);
	kb_node *root = kb_yaml_root(&r.y);
	if (!is_null(root) && !kb_yaml_is_map(root))
		kb_yaml_diag(&r.y, root, KB_DIAG_WARNING,
			     "a Rasa domain file should be a mapping at the top; not read");
	void *it = NULL;
	kb_pair *p;
	while (kb_yaml_is_map(root) && (p = kb_yaml_map_next(root, &it))) {
		size_t len;
		kb_node *k = kb_yaml_key(p);
		const char *s = kb_yaml_is_scalar(k) ? kb_yaml_scalar(k, &len) : NULL;
		if (s && ((len == 9 && memcmp(s, "responses", 9) == 0) ||
			  (len == 9 && memcmp(s, "templates", 9) == 0)))
			responses(&r, root, k, kb_yaml_value(p));
	}
	kb_textb_free(&r.tb);
	kb_rasa_links_free(r.links);
	kb_yaml_close(&r.y);
}

int kb_detect_rasa(const char *path, const char *data, size_t len)
{
	unsigned f = kb_rasa_sniff(data, len);
	if (!kb_rasa_is_domain(f))
		return 0;
	return f & (KB_RASA_VERSION | KB_RASA_DOMAIN_KEY) ? 50 : 40;
}
