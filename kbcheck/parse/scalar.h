/* scalar.h - a YAML or JSON scalar's value as unit text, mapped to the
 * file; private to parse/.
 *
 * The one place where kbcheck reads quoted strings back to their bytes:
 * the Rasa, Dialogflow, helpdesk and mapped parsers all go through it.
 * libfyaml gives a scalar's decoded value and the byte range of its
 * token; kb_scalar_text reads that range again the way YAML (and JSON, a
 * subset of YAML's double-quoted style) reads it, so every word maps to
 * its own bytes and every escape (\n, \", \u00e9, a JSON surrogate pair
 * \ud83d\ude00) to the escape itself, decoded by kb_yaml_escape (the one
 * kb_json_strmap uses too).
 */
#ifndef KB_SCALAR_H
#define KB_SCALAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/yaml.h"
#include "textb.h"


/* Adds scalar n's value to tb, each word mapped to its bytes in tb's
 * source: exact for plain, block and quoted scalars, derived (pointing at
 * the escape) for escapes such as \u00e9 or ''.  Whitespace runs become one
 * space, runs holding a line break of the value one break; other control
 * characters are spaces.  The reading is checked against libfyaml's value;
 * when they differ the value's words are searched for in the token instead.
 * Returns false (and adds nothing) when n is not a scalar. */
bool kb_scalar_text(kb_textb *tb, kb_node *n);
/* Bytes [*start, *end) of scalar n in the file, quotes included. */
bool kb_scalar_span(const kb_source *src, kb_node *n, size_t *start, size_t *end);

#endif
