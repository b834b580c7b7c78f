/* dialogflow_es.c - Dialogflow ES intents (intents/<Name>.json of an agent
 * export).
 *
 *     {"name": "Return Policy", "webhookUsed": false,
 *      "responses": [{"messages": [
 *        {"type": 0, "lang": "en", "speech": ["Within 30 days.", "30 days."]},
 *        {"type": 0, "lang": "vi", "speech": "Trong 30 ngày."},
 *        {"type": 4, "lang": "en", "payload": {"richContent": [[...]]}}]}]}
 *
 * Each variant of a text message (type 0; `speech` is a string or a list
 * of alternatives the bot picks from) is one unit, id
 * "<intent>/<message>/<variant>"; a custom payload (type 4) is one unit of
 * all its text, variant 0.  The message's `lang` is the unit's locale, else
 * agent.json's `language`, else the source's, else the script's guess.  The
 * question is the intent's first training phrase in that language, from
 * intents/<Name>_usersays_<lang>.json (found among the run's sources) or
 * the embedded `userSays` of old exports, else the intent's name.
 *
 * An intent answered only by its webhook has no text to check: one note.
 */
#include "dialogflow.h"

#include <string.h>

typedef struct es {
	kb_parse_ctx *ctx;
	const char *name;             /* the intent's name */
	const char *stem;             /* its file name without ".json" */
	kb_node *user_says;    /* embedded training phrases, or NULL */
	const char *agent_locale, *agent_raw;
	kb_textb tb;
	size_t emitted;
	/* Questions by language tag: an intent has a few languages at most. */
	const char *qlang[8], *qtext[8];
	size_t nq;
} es;

static const char *usersays_phrase(es *e, const char *lang)
{
	kb_arena *a = e->ctx->arena;
	const char *rel = kb_sprintf(a, "%s_usersays_%s.json", e->stem, lang);
	const char *path = kb_path_join(a, e->ctx->source->path, rel);
	df_json j;
	kb_node *root = df_open_linked(e->ctx, path, &j);
	if (!root)
		return NULL;
	const char *q = df_first_phrase(a, root, NULL);
	df_json_close(&j);
	return q;
}

/* The question for a message in language raw/locale (NULL: unknown). */
static const char *question(es *e, const char *raw, const char *locale)
{
	if (!raw) {
		raw = e->agent_raw;
		locale = e->agent_locale;
	}
	const char *key = raw ? raw : "";
	for (size_t i = 0; i < e->nq; i++)
		if (strcmp(e->qlang[i], key) == 0)
			return e->qtext[i];
	const char *q = NULL, *base;
	if (raw) {
		q = usersays_phrase(e, raw);
		/* "pt-br" has no file of its own: "pt". */
		if (!q && (base = kb_locale_of(raw)) && strcmp(base, raw))
			q = usersays_phrase(e, base);
	}
	if (!q)
		q = df_first_phrase(e->ctx->arena, e->user_says, locale);
	if (!q)
		q = e->name;
	if (e->nq < sizeof e->qlang / sizeof e->qlang[0]) {
		e->qlang[e->nq] = key;
		e->qtext[e->nq++] = q;
	}
	return q;
}

typedef struct message {
	size_t index;
	const char *locale, *raw;
	const char *platform; /* "facebook", "slack"...; NULL: the default */
} message;

/* Turns the text collected in e->tb, from source bytes [start, end), into
 * unit "<intent>/<m>/<variant>". */
static void emit(es *e, const message *m, size_t variant, size_t start, size_t end)
{
	kb_parse_ctx *ctx = e->ctx;
	if (kb_textb_empty(&e->tb))
		return;
	kb_unit *u = kb_unit_new(ctx);
	kb_textb_finish(&e->tb, kb_parse_texts(ctx), u);
	u->id = kb_sprintf(ctx->arena, "%s/%zu/%zu", e->name, m->index, variant);
	u->question = question(e, m->raw, m->locale);
	if (m->locale)
		u->locale = m->locale;
	else if (e->agent_locale)
		u->locale = e->agent_locale;
	/* Platform responses replace the default ones on that platform only. */
	if (m->platform)
		u->scope = kb_scope_with(ctx->arena, &u->scope, "platform", m->platform);
	u->loc = kb_loc_of(ctx->source, start, end);
	kb_emit_unit(ctx, u);
	e->emitted++;
}

static void speech(es *e, const message *m, kb_node *n, size_t variant)
{
	size_t s, end;
	kb_textb_reset(&e->tb);
	if (df_add_string(&e->tb, n, &s, &end))
		emit(e, m, variant, s, end);
}

static bool is_payload(kb_node *type)
{
	return df_scalar_is(type, "4") || df_scalar_is(type, "custom_payload") ||
	       df_scalar_is(type, "payload");
}

static void on_message(es *e, kb_node *msg, size_t index)
{
	kb_arena *a = e->ctx->arena;
	if (!kb_yaml_is_map(msg))
		return;
	message m = {.index = index};
	m.locale = df_locale(a, kb_yaml_get(msg, "lang"), &m.raw);
	m.platform = df_strdup(a, kb_yaml_get(msg, "platform"));
	kb_node *type = kb_yaml_get(msg, "type");
	if (df_scalar_is(type, "0")) {
		kb_node *sp = kb_yaml_get(msg, "speech");
		if (kb_yaml_is_seq(sp)) {
			void *it = NULL;
			kb_node *v;
			for (size_t k = 0; (v = kb_yaml_seq_next(sp, &it)); k++)
				speech(e, &m, v, k);
		} else {
			speech(e, &m, sp, 0);
		}
	} else if (is_payload(type) || kb_yaml_is_map(kb_yaml_get(msg, "payload"))) {
		size_t s = (size_t)-1, end = 0;
		kb_textb_reset(&e->tb);
		df_add_payload(&e->tb, kb_yaml_get(msg, "payload"), &s, &end);
		if (s != (size_t)-1)
			emit(e, &m, 0, s, end);
	}
	/* Cards, quick replies and images: labels, not answers. */
}

void kb_parse_dialogflow(kb_parse_ctx *ctx)
{
	const kb_source *src = ctx->source;
	df_json j;
	kb_node *root = df_json_open(&j, ctx->diags, src);
	if (!root)
		return;
	size_t top = df_doc_start(src);
	kb_node *responses = kb_yaml_get(root, "responses");
	es e = {.ctx = ctx, .stem = df_stem(ctx->arena, src->path)};
	e.name = df_strdup(ctx->arena, kb_yaml_get(root, "name"));
	if (!kb_yaml_is_map(root)) {
		df_diag(ctx, KB_DIAG_ERROR, top,
			"not a Dialogflow intent: the file is not a JSON object");
		goto out;
	}
	if (!kb_yaml_is_seq(responses) || !e.name) {
		size_t at = responses ? df_offset(responses, top) : top;
		df_diag(ctx, KB_DIAG_ERROR, at, "not a Dialogflow intent: %s",
			!kb_yaml_is_seq(responses) ? "no \"responses\" list" : "no \"name\"");
		goto out;
	}
	e.user_says = kb_yaml_get(root, "userSays");
	e.agent_locale = df_agent_locale(ctx, kb_path_join(ctx->arena, src->path, "../agent.json"),
					 &e.agent_raw);
	kb_textb_init(&e.tb, src);

	void *rit = NULL;
	kb_node *r;
	size_t index = 0;
	while ((r = kb_yaml_seq_next(responses, &rit))) {
		kb_node *msgs = kb_yaml_get(r, "messages");
		if (!kb_yaml_is_seq(msgs))
			continue;
		void *mit = NULL;
		kb_node *msg;
		while ((msg = kb_yaml_seq_next(msgs, &mit)))
			on_message(&e, msg, index++);
	}
	kb_textb_free(&e.tb);

	kb_node *webhook = kb_yaml_get(root, "webhookUsed");
	if (e.emitted == 0 && kb_json_is(webhook, "true"))
		df_diag(ctx, KB_DIAG_NOTE, df_offset(webhook, top),
			"intent '%s' has no static answer (webhook only)", e.name);
out:
	df_json_close(&j);
}

/* Intent files sit in intents/ and have "responses"; the training phrase
 * files beside them are dialogflow-usersays. */
int kb_detect_dialogflow(const char *path, const char *data, size_t len)
{
	const char *slash = strrchr(path, '/');
	if (!df_path_has_dir(path, "intents") || strstr(slash ? slash : path, "_usersays_") ||
	    !df_has_key(data, len, "responses"))
		return 0;
	return df_has_key(data, len, "messages") ? 60 : 50;
}
