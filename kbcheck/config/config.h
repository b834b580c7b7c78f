/* config.h - the project file kbcheck.yml at the knowledge base's root
 * (format and example: README.md, "Configuration").
 *
 * Keys: rules (extra packs), shipped_rules, policy, ignore (globs),
 * max_file_size, report ({source_url: TEMPLATE} for audit links), labels
 * ({"Label text": {qualifier: value} or ignore}), topics ({topic or
 * topic.attribute: off, or a severity}), gitignore (false: read what
 * .gitignore ignores), and
 * sources: a list of {glob, format, channel, locale,
 * scope, map} entries; for each field the first entry whose glob matches
 * wins (the map goes with the format: a map makes it "mapped").
 * Globs are relative to the directory holding kbcheck.yml: `*` and `?` do
 * not cross '/', a double star does.  A .kbcheckignore at the KB root adds
 * to ignore (one gitignore-style pattern a line).  The config lives in the
 * run's arena.
 */
#ifndef KB_CONFIG_H
#define KB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/diag.h"
#include "terms.h"

typedef struct kb_source_rule {
	const char *glob;
	const char *format;  /* NULL = detect */
	kb_channel channel;  /* UNKNOWN = detect */
	const char *locale;  /* a language (base/locale.h): wins over detection; NULL = detect */
	kb_scope scope;
	const kb_map *map;   /* NULL = none (an invalid map is reported, not used) */
} kb_source_rule;

/* labels: a label, row header or parent that names a subject is a scope
 * of its own ("label": its text); a known one can be mapped to qualifiers
 * ({tier: vip}) or to nothing (ignore: it names no subject). */
typedef struct kb_label_map {
	const char *folded; /* the label as written, case folded */
	kb_scope scope;     /* what it scopes; empty with ignore */
	bool ignore;
} kb_label_map;

/* topics: a topic or one attribute of it switched off (its claims are
 * dropped) or given a severity (error, warning, note) for its findings. */
typedef struct kb_topic_setting {
	const char *name;     /* "order.cancel" or "order.cancel.window" */
	const char *severity; /* NULL: off */
	int line, column;     /* in the config file, for diagnostics */
} kb_topic_setting;

typedef struct kb_config {
	const char *path; /* the file read, NULL when there was none */
	const char *root; /* the KB root (config/root.h): globs, relpaths and
			   * fingerprints are relative to it */
	const char *root_why; /* how it was chosen, for --verbose */
	const char *const *rules;   /* pack paths, resolved against root */
	size_t nrules;
	bool shipped_rules;
	const char *policy;         /* resolved path or NULL */
	const char *const *ignore;
	size_t nignore;
	const kb_source_rule *sources;
	size_t nsources;
	size_t max_file_size;
	/* report: {source_url: "https://git.example/kb/blob/{rev}/{path}#L{line}"}:
	 * links from the audit report to the sources; NULL when not set. */
	const char *report_source_url;
	const kb_label_map *labels;
	size_t nlabels;
	const kb_topic_setting *topics;
	size_t ntopics;
	/* gitignore: false reads what git ignores too; otherwise the untracked
	 * paths git ignores below the root (sorted, relative to it), found by
	 * the run (pipeline/changed.h), are not walked into. */
	bool gitignore;
	const char *const *git_ignored;
	size_t ngit_ignored;
} kb_config;

/* The setting for attribute of topic (one for the attribute wins over one
 * for the topic), or NULL. */
const kb_topic_setting *kb_config_topic(const kb_config *c, const char *topic,
					const char *attribute);

/* Load the config at path (explicit), or, when path is NULL, the one of
 * the KB root of dir (config/root.h: kbcheck.yml in dir or a parent up to
 * the git top level).
 * Returns a config with defaults when there is none; problems are reported
 * to d (the config is then used as far as it could be read). */
kb_config *kb_config_load(kb_arena *a, kb_diags *d, const char *path,
			  const char *dir);
/* The config of a KB whose root is dir, whatever folders hold it (a
 * labelled KB of a corpus inside another repository). */
kb_config *kb_config_load_root(kb_arena *a, kb_diags *d, const char *dir);

/* Glob match with '**' support (see above). */
bool kb_glob_match(const char *glob, const char *path);
/* path relative to the config root, or NULL when it is outside it. */
const char *kb_config_relpath(kb_arena *a, const kb_config *c, const char *path);

#endif
