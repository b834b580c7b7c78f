/* rasa.h - pieces shared by the Rasa parsers; private to parse/.
 *
 *   rasa.c       domain files (responses:, 1.x templates:) -> units
 *   rasa_data.c  training data (nlu:, rules:, stories:) -> which user
 *                question each response answers; no units of its own
 *
 * Everything handed out lives in the run's arena; kb_rasa_links owns
 * malloc'd tables released by kb_rasa_links_free().
 */
#ifndef KB_RASA_H
#define KB_RASA_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/yaml.h"
#include "parser.h"
#include "textb.h"


/* ---- sniffing (no YAML parse: detect runs on every .yml of a tree) -------- */

enum {
	KB_RASA_RESPONSES = 1u << 0,  /* top-level "responses:" */
	KB_RASA_TEMPLATES = 1u << 1,  /* top-level "templates:" (Rasa 1.x) */
	KB_RASA_NLU = 1u << 2,        /* top-level "nlu:" */
	KB_RASA_RULES = 1u << 3,      /* top-level "rules:" */
	KB_RASA_STORIES = 1u << 4,    /* top-level "stories:" */
	KB_RASA_DOMAIN_KEY = 1u << 5, /* intents:, slots:, actions:, forms:... */
	KB_RASA_VERSION = 1u << 6,    /* top-level "version:" */
	KB_RASA_KBCHECK = 1u << 7,    /* "kbcheck:": one of kbcheck's own files */
	KB_RASA_UTTER_KEY = 1u << 8,  /* an indented "utter_...:" key */
	KB_RASA_NLU_ITEM = 1u << 9,   /* "- intent:", "- synonym:", ... */
	KB_RASA_RULE_ITEM = 1u << 10, /* "- rule:" */
	KB_RASA_STORY_ITEM = 1u << 11, /* "- story:" */
	KB_RASA_LANGUAGE = 1u << 12,  /* top-level "language:" (config.yml) */
	KB_RASA_PIPELINE = 1u << 13   /* top-level "pipeline:", "policies:", "recipe:" */
};

/* Which of the keys above data[0..len) has, by a line scan. */
unsigned kb_rasa_sniff(const char *data, size_t len);
/* From the flags: is it a domain file / training data (or the project's
 * config.yml, which says the bot's language)? */
bool kb_rasa_is_domain(unsigned flags);
bool kb_rasa_is_data(unsigned flags);

/* Does data[0..len) hold anything but blank lines, comments and document
 * markers?  (libfyaml builds no document at all from such a file.) */
bool kb_rasa_has_content(const char *data, size_t len);

/* ---- links: response name -> the user question it answers ---------------- */

typedef struct kb_rasa_links kb_rasa_links;

kb_rasa_links *kb_rasa_links_new(void);
void kb_rasa_links_free(kb_rasa_links *l);
/* Reads the nlu:, rules: and stories: sections under root (a parsed
 * document's top mapping).  Strings kept are copied into a. */
void kb_rasa_links_add(kb_rasa_links *l, kb_arena *a, kb_node *root);
/* Parses source s (training data) and adds it; YAML errors are not
 * reported here (the source's own parser reports them). */
void kb_rasa_links_add_source(kb_rasa_links *l, kb_arena *a, const kb_source *s);
/* The bot's language, from a config.yml among the sources added
 * ("language: vi"; base/locale.h), or NULL. */
const char *kb_rasa_links_language(const kb_rasa_links *l);
/* The question for response name (e.g. "utter_faq/ask_x"): the first
 * example of the intent it answers, the intent's name when it has no
 * examples, or NULL when nothing links to it.  Call after all adds. */
const char *kb_rasa_links_question(const kb_rasa_links *l, const char *response);

/* The folder a domain file's training data lives under ("" for the
 * root): the file's folder, or its parent for Rasa's split "domain/"
 * folder.  In the arena. */
const char *kb_rasa_project_dir(kb_arena *a, const char *domain_path);

#endif
