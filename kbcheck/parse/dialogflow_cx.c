/* dialogflow_cx.c - Dialogflow CX flows and pages (agent export in the
 * JSON package format).
 *
 *     flows/<flow>/<flow>.json                   the flow: its start page's
 *                                                routes and event handlers
 *     flows/<flow>/pages/<page>.json             entryFulfillment, routes...
 *     flows/<flow>/transitionRouteGroups/<g>.json  shared routes
 *     intents/<intent>/trainingPhrases/<lang>.json
 *
 * A fulfillment (a page's entryFulfillment, a route's or an event
 * handler's triggerFulfillment) sends all of its messages; each entry of a
 * message's text.text[] is an alternative, and is one unit, id
 * "<flow>/<page>/<route or entry>/<i>", i counting the fulfillment's texts.
 * A route names its intent by display name: the question is the intent's
 * first training phrase in the message's language, else the intent's name;
 * a page's entry answers the page's name.  Locale: the message's
 * languageCode, else agent.json's defaultLanguageCode, else as for every
 * source.
 */
#include "dialogflow.h"

#include <string.h>

#include "faq_util.h"

typedef struct cx {
	kb_parse_ctx *ctx;
	const char *root;  /* path prefix of the agent ("" or ".../") */
	const char *flow;  /* flow folder name */
	const char *page;  /* page, route group, or "Start Page" */
	const char *agent_locale, *agent_raw;
	kb_faq_ids ids;    /* "<flow>/<page>/<route>" labels taken */
	kb_textb tb;
} cx;

static const char *intent_phrase(cx *c, const char *intent, const char *lang)
{
	kb_arena *a = c->ctx->arena;
	const char *path = kb_sprintf(a, "%sintents/%s/trainingPhrases/%s.json", c->root,
				      intent, lang);
	df_json j;
	kb_node *root = df_open_linked(c->ctx, path, &j);
	if (!root)
		return NULL;
	const char *q = df_first_phrase(a, kb_yaml_get(root, "trainingPhrases"), NULL);
	df_json_close(&j);
	return q;
}

static const char *question(cx *c, const char *intent, const char *raw)
{
	const char *q = NULL, *base;
	if (!raw)
		raw = c->agent_raw;
	if (raw) {
		q = intent_phrase(c, intent, raw);
		/* "pt-br" has no file of its own: "pt". */
		if (!q && (base = kb_locale_of(raw)) && strcmp(base, raw))
			q = intent_phrase(c, intent, base);
	}
	return q ? q : intent;
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Unit "<base>/<i>" from the text collected in c->tb, source [s, e). */
static void emit(cx *c, const char *base, size_t i, const char *q, const char *loc,
		 size_t s, size_t e)
{
	kb_parse_ctx *ctx = c->ctx;
	if (kb_textb_empty(&c->tb))
		return;
	kb_unit *u = kb_unit_new(ctx);
	kb_textb_finish(&c->tb, kb_parse_texts(ctx), u);
	u->id = kb_sprintf(ctx->arena, "%s/%zu", base, i);
	u->question = q;
	if (loc)
		u->locale = loc;
	else if (c->agent_locale)
		u->locale = c->agent_locale;
	u->loc = kb_loc_of(ctx->source, s, e);
	kb_emit_unit(ctx, u);
}

/* One fulfillment: label names it in ids (the route's intent or event,
 * "entry"); a route's intent gives the question, else q does (NULL:
 * none). */
static void fulfillment(cx *c, kb_node *f, const char *label, const char *intent,
			const char *q)
{
	kb_parse_ctx *ctx = c->ctx;
	kb_node *msgs = kb_yaml_get(f, "messages");
	if (!kb_yaml_is_seq(msgs))
		return;
	const char *base = kb_faq_ids_take(ctx->arena, &c->ids,
					   kb_sprintf(ctx->arena, "%s/%s/%s", c->flow, c->page, label));
	size_t i = 0;
	const char *qraw = NULL;
	bool asked = false;
	void *mit = NULL;
	kb_node *msg;
	while ((msg = kb_yaml_seq_next(msgs, &mit))) {
		const char *raw,
		    *loc = df_locale(ctx->arena, kb_yaml_get(msg, "languageCode"), &raw);
		if (intent && (!asked || !same(raw, qraw))) {
			q = question(c, intent, raw);
			qraw = raw;
			asked = true;
		}
		/* Each text is an alternative; a payload's text is one more. */
		kb_node *texts = kb_yaml_get(kb_yaml_get(msg, "text"), "text");
		if (kb_yaml_is_seq(texts)) {
			void *tit = NULL;
			kb_node *t;
			for (; (t = kb_yaml_seq_next(texts, &tit)); i++) {
				size_t s, e;
				kb_textb_reset(&c->tb);
				if (df_add_string(&c->tb, t, &s, &e))
					emit(c, base, i, q, loc, s, e);
			}
		}
		kb_node *pl = kb_yaml_get(msg, "payload");
		if (pl) {
			size_t s = (size_t)-1, e = 0;
			kb_textb_reset(&c->tb);
			df_add_payload(&c->tb, pl, &s, &e);
			if (s != (size_t)-1)
				emit(c, base, i, q, loc, s, e);
			i++;
		}
	}
}

/* transitionRoutes or eventHandlers of a flow, page or route group. */
static void routes(cx *c, kb_node *list, bool events)
{
	if (!kb_yaml_is_seq(list))
		return;
	kb_arena *a = c->ctx->arena;
	void *it = NULL;
	kb_node *r;
	for (size_t k = 0; (r = kb_yaml_seq_next(list, &it)); k++) {
		const char *intent = events ? NULL : df_strdup(a, kb_yaml_get(r, "intent"));
		const char *event = events ? df_strdup(a, kb_yaml_get(r, "event")) : NULL;
		const char *label = intent ? intent
				    : event ? event
					    : kb_sprintf(a, "%s-%zu", events ? "event" : "route", k);
		fulfillment(c, kb_yaml_get(r, "triggerFulfillment"), label, intent, NULL);
	}
}

/* Splits ".../flows/<flow>/<rest>": sets c->root and c->flow; returns rest,
 * or NULL when the path is not laid out that way. */
static const char *split_path(cx *c, const char *path)
{
	kb_arena *a = c->ctx->arena;
	const char *f = NULL;
	for (const char *p = path; (p = strstr(p, "flows/")); p++)
		if (p == path || p[-1] == '/')
			f = p;
	const char *name = f ? f + 6 : NULL;
	const char *slash = name ? strchr(name, '/') : NULL;
	if (!slash)
		return NULL;
	c->root = kb_strndup(a, path, (size_t)(f - path));
	c->flow = kb_strndup(a, name, (size_t)(slash - name));
	return slash + 1;
}

void kb_parse_dialogflow_cx(kb_parse_ctx *ctx)
{
	const kb_source *src = ctx->source;
	df_json j;
	kb_node *root = df_json_open(&j, ctx->diags, src);
	if (!root)
		return;
	cx c = {.ctx = ctx, .root = ""};
	const char *rest = split_path(&c, src->path);
	const char *stem = df_stem(ctx->arena, src->path);
	const char *name = df_strdup(ctx->arena, kb_yaml_get(root, "displayName"));
	if (!kb_yaml_is_map(root)) {
		df_diag(ctx, KB_DIAG_ERROR, df_doc_start(src),
			"not a Dialogflow CX flow or page: the file is not a JSON object");
		goto out;
	}
	if (!c.flow)
		c.flow = name ? name : stem;
	bool is_flow = !rest || !strchr(rest, '/');
	c.page = is_flow ? "Start Page" : name ? name : stem;
	c.agent_locale = df_agent_locale(ctx, kb_sprintf(ctx->arena, "%sagent.json", c.root),
					 &c.agent_raw);
	kb_textb_init(&c.tb, src);
	if (!is_flow)
		fulfillment(&c, kb_yaml_get(root, "entryFulfillment"), "entry", NULL, c.page);
	routes(&c, kb_yaml_get(root, "transitionRoutes"), false);
	routes(&c, kb_yaml_get(root, "eventHandlers"), true);
	kb_textb_free(&c.tb);
	kb_faq_ids_free(&c.ids);
out:
	df_json_close(&j);
}

int kb_detect_dialogflow_cx(const char *path, const char *data, size_t len)
{
	if (!df_path_has_dir(path, "flows"))
		return 0;
	if (df_has_key(data, len, "transitionRoutes") || df_has_key(data, len, "entryFulfillment") ||
	    df_has_key(data, len, "eventHandlers") || df_has_key(data, len, "triggerFulfillment"))
		return 60;
	return 0;
}
