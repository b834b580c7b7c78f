/* parser.h - the parser table.
 *
 * A parser turns one source into answer units.  It never opens files and
 * never writes output: it reads ctx->source and emits units with
 * kb_emit_unit(), and reports bad input with kb_diag() on ctx->diags.
 * Adding a format = one parse function + one line in parsers.c.
 */
#ifndef KB_PARSER_H
#define KB_PARSER_H

#include "../base/diag.h"
#include "../base/vec.h"
#include "../source/suppress.h"
#include "../source/walk.h"
#include "unit.h"

typedef struct kb_parse_ctx {
	kb_arena *arena;
	kb_diags *diags;
	const kb_source *source;
	kb_vec *units; /* of kb_unit*, appended to by kb_emit_unit */
	/* Every source of the run, for formats that span files (Rasa's
	 * data/nlu.yml and stories, Dialogflow's *_usersays_<lang>.json).
	 * Read-only; may be NULL in tests. */
	const kb_vec *sources;
	/* sources by path, for kb_parse_find_source; NULL: searched in turn. */
	const struct kb_source_index *index;
	/* When set, what the parse read besides ctx->source is recorded here
	 * (kb_parse_find_source and kb_parse_read_folder do it): the cache
	 * keys a source's units on those files too. */
	struct kb_parse_deps *deps;
	/* Where unit texts and their source maps go, when the run drops them
	 * once the source's claims are extracted (kb_run_analyze: nothing
	 * after needs them); NULL: arena.  See kb_parse_texts. */
	kb_arena *texts;
	/* Which kbcheck-disable comments open blocks (the pipeline's, not a
	 * unit's): found on the first question.  Zeroed by the caller. */
	kb_block_openers openers;
} kb_parse_ctx;

/* The arena for a unit's text and segments (kb_textb_finish). */
static inline kb_arena *kb_parse_texts(const kb_parse_ctx *ctx)
{
	return ctx->texts ? ctx->texts : ctx->arena;
}

/* An index of a run's sources by path (read-only once built, so parsers on
 * several threads share it). */
typedef struct kb_source_index kb_source_index;
kb_source_index *kb_source_index_new(kb_arena *a, const kb_vec *sources);

/* What a parse read besides its own source: files by path (found or not)
 * and folders read as a whole. */
typedef struct kb_parse_deps {
	kb_vec files;   /* const char* paths */
	kb_vec folders; /* const char* folders ("" = everything) */
	kb_arena *arena;
} kb_parse_deps;

typedef struct kb_parser {
	const char *name;       /* CLI/config name: "markdown", "html", ... */
	kb_channel channel;     /* channel when nothing else says */
	const char *extensions; /* space-separated, with dots: ".md .markdown" */
	/* Content sniffing: 0 = not this format, higher = more certain (the
	 * extension match adds 50).  NULL: extension only.  path is the
	 * source's path ('/' separators), for formats known by their place
	 * ("intents/x.json", "data/nlu.yml"). */
	int (*detect)(const char *path, const char *data, size_t len);
	void (*parse)(kb_parse_ctx *ctx);
	/* Generic extensions (.json, .yml, .xml): the extension alone does not
	 * choose this parser; detect must say yes. */
	bool needs_detect;
	/* Why source s (its bytes loaded) of this format gave no unit, in a
	 * few words, and which kind of reason it is (*reason is
	 * KB_UNREAD_NO_ANSWERS unless the function says better); NULL:
	 * nothing to say but that.  For coverage and --verbose. */
	const char *(*why_empty)(const kb_source *s, kb_unread_reason *reason);
	/* Its files only give other files' answers context (training
	 * phrases, an agent's languages): they have no answer of their own,
	 * and giving none is no gap in coverage. */
	bool context;
} kb_parser;

/* The table, NULL-terminated. */
extern const kb_parser *const kb_parsers[];

const kb_parser *kb_parser_find(const char *name);
/* Best parser for a file name and content; NULL if none fits. */
const kb_parser *kb_parser_detect(const char *path, const char *data, size_t len);
/* The table as the walk asks it (source/walk.h): what the pipeline hands
 * the walker, which knows no parser. */
extern const kb_formats kb_parser_formats;
/* Why source s, which gave no unit, gave none (its parser's why_empty;
 * the bytes of a source the cache described are read for it); NULL when
 * its parser has nothing to say.  *reason: KB_UNREAD_NO_ANSWERS, or what
 * the parser says; -1 when s is a file of context (kb_parser.context),
 * which is no gap. */
const char *kb_parse_why_empty(kb_arena *a, const kb_source *s, int *reason);

/* A new unit for ctx->source with defaults (active, source locale); the
 * parser fills id, question, text (via kb_textb_finish) and loc, and the
 * locale when the document declares one (a language from kb_locale_tag),
 * then emits it.  kb_emit_unit decides the locale through the gate
 * (base/locale.h: kbcheck.yml, then a clearly Thai or Vietnamese text,
 * then the document, the path, a guess), applies the source scope, and
 * drops units with empty text. */
kb_unit *kb_unit_new(kb_parse_ctx *ctx);
void kb_emit_unit(kb_parse_ctx *ctx, kb_unit *u);

/* The source of the run at path (as in kb_source.path), or NULL.  Paths
 * like "dir/../x" are not normalised: build them from the current
 * source's directory with kb_path_join. */
const kb_source *kb_parse_find_source(const kb_parse_ctx *ctx, const char *path);
/* The run's sources of one format (a parser name), in run order: a
 * parser looking for its project's other files walks these, not every
 * source of a big KB (read-only; with no index, made in ctx->arena). */
const kb_vec *kb_parse_sources_of(const kb_parse_ctx *ctx, const char *format);

/* s with its bytes: a source the cache described without reading them
 * (data NULL) is read now; NULL if that fails.  Use it on every source of
 * ctx->sources a parser reads (kb_parse_find_source does). */
const kb_source *kb_parse_use(const kb_parse_ctx *ctx, const kb_source *s);
/* A parser that reads other sources by walking ctx->sources (Rasa reads its
 * project's training data) says so first: everything under folder ("" =
 * the whole run) counts as read. */
void kb_parse_read_folder(const kb_parse_ctx *ctx, const char *folder);
/* dir of base (its folder) joined with rel, "." and ".." resolved. */
const char *kb_path_join(kb_arena *a, const char *base, const char *rel);

/* A unique, stable id derived from text ("Can I cancel?" -> "can-i-cancel"),
 * made unique within the source by the caller's seen-list. */
const char *kb_slug(kb_arena *a, const char *text);

/* Parsers (one per file in parse/). */
void kb_parse_markdown(kb_parse_ctx *ctx);
void kb_parse_html(kb_parse_ctx *ctx);
int kb_detect_markdown(const char *path, const char *data, size_t len);
const char *kb_markdown_why_empty(const kb_source *s, kb_unread_reason *reason);
int kb_detect_markdown_erb(const char *path, const char *data, size_t len);
int kb_detect_html(const char *path, const char *data, size_t len);
void kb_parse_rasa(kb_parse_ctx *ctx);      /* responses: of domain.yml */
void kb_parse_rasa_data(kb_parse_ctx *ctx); /* nlu/rules/stories: no units */
int kb_detect_rasa(const char *path, const char *data, size_t len);
int kb_detect_rasa_data(const char *path, const char *data, size_t len);

/* Dialogflow ES intents, CX flows and pages; agent.json and training
 * phrases only give context (no units). */
void kb_parse_dialogflow(kb_parse_ctx *ctx);
void kb_parse_dialogflow_cx(kb_parse_ctx *ctx);
void kb_parse_dialogflow_usersays(kb_parse_ctx *ctx);
void kb_parse_dialogflow_agent(kb_parse_ctx *ctx);
int kb_detect_dialogflow(const char *path, const char *data, size_t len);
int kb_detect_dialogflow_cx(const char *path, const char *data, size_t len);
int kb_detect_dialogflow_usersays(const char *path, const char *data, size_t len);
int kb_detect_dialogflow_agent(const char *path, const char *data, size_t len);

void kb_parse_aiml(kb_parse_ctx *ctx);
int kb_detect_aiml(const char *path, const char *data, size_t len);
void kb_parse_zendesk_macros(kb_parse_ctx *ctx); /* helpdesk.c */
void kb_parse_freshdesk(kb_parse_ctx *ctx);
void kb_parse_helpscout(kb_parse_ctx *ctx);
void kb_parse_zendesk_hc(kb_parse_ctx *ctx);     /* helpdesk_hc.c */
int kb_detect_zendesk_macros(const char *path, const char *data, size_t len);
int kb_detect_freshdesk(const char *path, const char *data, size_t len);
int kb_detect_helpscout(const char *path, const char *data, size_t len);
int kb_detect_zendesk_hc(const char *path, const char *data, size_t len);
void kb_parse_csv(kb_parse_ctx *ctx);               /* question/answer tables */
int kb_detect_csv(const char *path, const char *data, size_t len);
void kb_parse_intent_responses(kb_parse_ctx *ctx);  /* responses_json.c */
int kb_detect_intent_responses(const char *path, const char *data, size_t len);
void kb_parse_mapped(kb_parse_ctx *ctx);            /* any JSON/YAML, kbcheck.yml's map */
int kb_detect_mapped(const char *path, const char *data, size_t len);

/* Template pages (template.c): one parse function for every engine (the
 * source's format names it), a detect function per engine. */
void kb_parse_template(kb_parse_ctx *ctx);
const char *kb_template_why_empty(const kb_source *s, kb_unread_reason *reason);
int kb_detect_php(const char *path, const char *data, size_t len);
int kb_detect_blade(const char *path, const char *data, size_t len);
int kb_detect_twig(const char *path, const char *data, size_t len);
int kb_detect_jinja(const char *path, const char *data, size_t len);
int kb_detect_liquid(const char *path, const char *data, size_t len);
int kb_detect_nunjucks(const char *path, const char *data, size_t len);
int kb_detect_handlebars(const char *path, const char *data, size_t len);
int kb_detect_erb(const char *path, const char *data, size_t len);
int kb_detect_jsp(const char *path, const char *data, size_t len);
int kb_detect_ejs(const char *path, const char *data, size_t len);
int kb_detect_vue(const char *path, const char *data, size_t len);

/* Texts kept in source code (codestr_parse.c): JS/TS string data and JSX
 * markup, PHP language arrays; one parse for the three formats. */
void kb_parse_code_strings(kb_parse_ctx *ctx);
int kb_detect_js_strings(const char *path, const char *data, size_t len);
int kb_detect_jsx(const char *path, const char *data, size_t len);
int kb_detect_php_strings(const char *path, const char *data, size_t len);

#endif
