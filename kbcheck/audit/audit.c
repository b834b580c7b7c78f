/* audit.c - the audit formats, by CLI name (`kbcheck audit --format`). */
#include "audit.h"

#include <string.h>

static const kb_audit_format html = {
    .name = "html",
    .help = "one self-contained page: figures, trend chart, heat map, matrix (default)",
    .write = kb_audit_html,
};

static const kb_audit_format markdown = {
    .name = "markdown",
    .help = "the same sections as Markdown tables",
    .write = kb_audit_markdown,
};

static const kb_audit_format csv = {
    .name = "csv",
    .help = "one row per side of every open, acknowledged and resolved conflict",
    .write = kb_audit_csv,
};

const kb_audit_format *const kb_audit_formats[] = {&html, &markdown, &csv, NULL};

const kb_audit_format *kb_audit_format_find(const char *name)
{
	for (size_t i = 0; kb_audit_formats[i]; i++)
		if (!strcmp(kb_audit_formats[i]->name, name))
			return kb_audit_formats[i];
	if (!strcmp(name, "md"))
		return &markdown;
	return NULL;
}
