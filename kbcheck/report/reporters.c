/* reporters.c - the reporter table. */
#include "report.h"

#include <string.h>

static const kb_reporter text = {
    .name = "text",
    .help = "compiler-style messages with the quoted line and a caret (default)",
    .write = kb_report_text,
};

static const kb_reporter json = {
    .name = "json",
    .help = "the versioned JSON report (docs/json-schema.md)",
    .write = kb_report_json,
};

static const kb_reporter sarif = {
    .name = "sarif",
    .help = "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers",
    .write = kb_report_sarif,
};

static const kb_reporter junit = {
    .name = "junit",
    .help = "JUnit XML (Jenkins; valid against junit-10.xsd)",
    .write = kb_report_junit,
};

static const kb_reporter junit_gitlab = {
    .name = "junit-gitlab",
    .help = "JUnit XML with the file and line attributes GitLab shows",
    .write = kb_report_junit_gitlab,
};

static const kb_reporter github = {
    .name = "github",
    .help = "GitHub Actions annotations (workflow commands)",
    .write = kb_report_github,
};

static const kb_reporter gitlab = {
    .name = "gitlab",
    .help = "GitLab Code Quality report (JSON)",
    .write = kb_report_gitlab,
};

static const kb_reporter rdjsonl = {
    .name = "rdjsonl",
    .help = "reviewdog diagnostics, one JSON object per line",
    .write = kb_report_rdjsonl,
};

const kb_reporter *const kb_reporters[] = {
    &text,
    &json,
    &sarif,
    &junit,
    &junit_gitlab,
    &github,
    &gitlab,
    &rdjsonl,
    NULL,
};

const kb_reporter *kb_reporter_find(const char *name)
{
	for (size_t i = 0; kb_reporters[i]; i++)
		if (!strcmp(kb_reporters[i]->name, name))
			return kb_reporters[i];
	return NULL;
}
