/* The CI recipes are code too: every ```yaml block of README.md parses
 * (libfyaml), the GitHub workflow uploads the SARIF file kbcheck writes,
 * skips the upload where no token may write security events (a fork's
 * pull request), the GitLab job reports the JUnit and Code Quality files it
 * writes and runs in merge-request pipelines, and .pre-commit-hooks.yaml
 * defines the hook the README uses, which names no tag that does not
 * exist.  tests/ci/recipes.sh runs actionlint and the hook. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/yaml.h"

typedef struct {
	kb_arena *a;
	kb_diags *d;
	kb_yaml docs[32];
	int line[32];
	size_t n;
} blocks;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	kb_buf b = KB_BUF_INIT;
	char tmp[4096];
	size_t k;
	while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
		kb_buf_put(&b, tmp, k);
	fclose(f);
	return kb_buf_detach(&b);
}

/* Parses every fenced yaml block of README.md into bs. */
static int setup(void **state)
{
	blocks *bs = calloc(1, sizeof *bs);
	bs->a = kb_arena_new();
	bs->d = kb_diags_new(bs->a);
	char *text = slurp(KB_SOURCE_ROOT "/README.md");
	kb_buf block = KB_BUF_INIT;
	bool in = false;
	int line = 0, start = 0;
	for (char *p = text; *p;) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		line++;
		if (!in && len >= 7 && !strncmp(p, "```yaml", 7)) {
			in = true;
			start = line + 1;
			kb_buf_clear(&block);
		} else if (in && len >= 3 && !strncmp(p, "```", 3)) {
			in = false;
			assert_true(bs->n < 32);
			const char *name = kb_sprintf(bs->a, "README.md:%d", start);
			/* libfyaml keeps pointing into the text: keep a copy. */
			const char *copy = kb_strndup(bs->a, kb_buf_cstr(&block), block.len);
			assert_true(kb_yaml_parse(&bs->docs[bs->n], bs->d, name, copy, block.len, false));
			bs->line[bs->n++] = start;
		} else if (in) {
			kb_buf_put(&block, p, len);
			kb_buf_putc(&block, '\n');
		}
		p = nl ? nl + 1 : p + len;
	}
	kb_buf_free(&block);
	free(text);
	*state = bs;
	return 0;
}

static int teardown(void **state)
{
	blocks *bs = *state;
	for (size_t i = 0; i < bs->n; i++)
		kb_yaml_close(&bs->docs[i]);
	kb_arena_free(bs->a);
	free(bs);
	return 0;
}

static void test_every_block_parses(void **state)
{
	blocks *bs = *state;
	/* kbcheck.yml, a rule pack, GitHub Actions, GitLab CI, pre-commit. */
	assert_true(bs->n >= 5);
	assert_int_equal(kb_diags_count(bs->d), 0);
}

/* The text of n's "run"/"script" entries, joined. */
static void commands(kb_arena *a, kb_node *n, kb_buf *out)
{
	if (kb_yaml_is_scalar(n)) {
		kb_buf_puts(out, kb_yaml_str(a, n));
		kb_buf_putc(out, '\n');
	} else if (kb_yaml_is_seq(n)) {
		void *it = NULL;
		kb_node *c;
		while ((c = kb_yaml_seq_next(n, &it)) != NULL)
			commands(a, c, out);
	}
}

/* "--output FILE" follows "--format FORMAT" somewhere in cmds. */
static bool writes(const char *cmds, const char *format, const char *file)
{
	char want[256];
	snprintf(want, sizeof want, "--format %s --output %s", format, file);
	return strstr(cmds, want) != NULL;
}

static void test_github_workflow_uploads_the_sarif(void **state)
{
	blocks *bs = *state;
	int found = 0;
	for (size_t i = 0; i < bs->n; i++) {
		kb_node *jobs = kb_yaml_get(kb_yaml_root(&bs->docs[i]), "jobs");
		if (!kb_yaml_is_map(jobs))
			continue;
		void *it = NULL;
		kb_pair *job;
		while ((job = kb_yaml_map_next(jobs, &it)) != NULL) {
			kb_node *steps = kb_yaml_get(kb_yaml_value(job), "steps");
			assert_true(kb_yaml_is_seq(steps));
			kb_buf run = KB_BUF_INIT;
			const char *sarif = NULL, *upload_if = NULL;
			void *it2 = NULL;
			kb_node *step;
			while ((step = kb_yaml_seq_next(steps, &it2)) != NULL) {
				commands(bs->a, kb_yaml_get(step, "run"), &run);
				const char *uses = kb_yaml_str(bs->a, kb_yaml_get(step, "uses"));
				if (uses && !strncmp(uses, "github/codeql-action/upload-sarif@", 34)) {
					sarif = kb_yaml_str(bs->a, kb_yaml_get(kb_yaml_get(step, "with"),
										"sarif_file"));
					upload_if = kb_yaml_str(bs->a, kb_yaml_get(step, "if"));
				}
			}
			assert_non_null(sarif);
			/* A fork's pull request: no upload, the annotations stay. */
			assert_non_null(upload_if);
			assert_non_null(strstr(upload_if, "always()"));
			assert_non_null(strstr(upload_if, "github.event.pull_request.head.repo.full_name "
							  "== github.repository"));
			assert_true(writes(kb_buf_cstr(&run), "sarif", sarif));
			assert_non_null(strstr(kb_buf_cstr(&run), "--format github"));
			kb_buf_free(&run);
			found++;
		}
		kb_node *perms = kb_yaml_get(kb_yaml_root(&bs->docs[i]), "permissions");
		assert_string_equal(kb_yaml_str(bs->a, kb_yaml_get(perms, "security-events")), "write");
		/* upload-sarif reads the run: in a private repository it needs it. */
		assert_string_equal(kb_yaml_str(bs->a, kb_yaml_get(perms, "actions")), "read");
	}
	assert_int_equal(found, 1);
}

static void test_gitlab_job_reports_junit_and_code_quality(void **state)
{
	blocks *bs = *state;
	int found = 0;
	for (size_t i = 0; i < bs->n; i++) {
		kb_node *root = kb_yaml_root(&bs->docs[i]);
		if (!kb_yaml_is_map(root))
			continue;
		void *it = NULL;
		kb_pair *job;
		while ((job = kb_yaml_map_next(root, &it)) != NULL) {
			kb_node *j = kb_yaml_value(job);
			kb_node *reports = kb_yaml_get(kb_yaml_get(j, "artifacts"), "reports");
			if (!reports)
				continue;
			const char *junit = kb_yaml_str(bs->a, kb_yaml_get(reports, "junit"));
			const char *cq = kb_yaml_str(bs->a, kb_yaml_get(reports, "codequality"));
			assert_non_null(junit);
			assert_non_null(cq);
			kb_buf script = KB_BUF_INIT;
			commands(bs->a, kb_yaml_get(j, "script"), &script);
			assert_true(writes(kb_buf_cstr(&script), "junit-gitlab", junit));
			assert_true(writes(kb_buf_cstr(&script), "gitlab", cq));
			/* --changed-since the merge request's base, which only a
			 * merge-request pipeline sets: a job without rules never
			 * runs there. */
			assert_non_null(strstr(kb_buf_cstr(&script), "${CI_MERGE_REQUEST_DIFF_BASE_SHA:+"
								     "--changed-since"));
			kb_node *rules = kb_yaml_get(j, "rules");
			assert_true(kb_yaml_is_seq(rules));
			const char *first = kb_yaml_str(
			    bs->a, kb_yaml_get(kb_yaml_seq_at(rules, 0), "if"));
			assert_string_equal(first, "$CI_PIPELINE_SOURCE == \"merge_request_event\"");
			kb_buf_free(&script);
			found++;
		}
	}
	assert_int_equal(found, 1);
}

static void test_pre_commit_hook(void **state)
{
	blocks *bs = *state;
	char *text = slurp(KB_SOURCE_ROOT "/.pre-commit-hooks.yaml");
	kb_yaml y;
	assert_true(kb_yaml_parse(&y, bs->d, ".pre-commit-hooks.yaml", text, strlen(text), false));
	kb_node *root = kb_yaml_root(&y);
	assert_true(kb_yaml_is_seq(root));
	kb_node *hook = kb_yaml_seq_at(root, 0);
	assert_string_equal(kb_yaml_str(bs->a, kb_yaml_get(hook, "id")), "kbcheck");
	assert_string_equal(kb_yaml_str(bs->a, kb_yaml_get(hook, "language")), "system");
	assert_string_equal(kb_yaml_str(bs->a, kb_yaml_get(hook, "entry")),
			    "kbcheck check --changed-files");
	bool ok;
	/* The files a commit changes, every file under --all-files. */
	assert_true(kb_yaml_bool(kb_yaml_get(hook, "pass_filenames"), &ok));
	assert_true(ok);
	kb_yaml_close(&y);
	free(text); /* after closing: the document points into it */
	/* The README's pre-commit config uses that hook. */
	int uses = 0;
	for (size_t i = 0; i < bs->n; i++) {
		kb_node *repos = kb_yaml_get(kb_yaml_root(&bs->docs[i]), "repos");
		if (!kb_yaml_is_seq(repos))
			continue;
		kb_node *repo = kb_yaml_seq_at(repos, 0);
		kb_node *h = kb_yaml_seq_at(kb_yaml_get(repo, "hooks"), 0);
		assert_string_equal(kb_yaml_str(bs->a, kb_yaml_get(h, "id")), "kbcheck");
		/* kbcheck has no release tag: a local hook (the same command as
		 * .pre-commit-hooks.yaml's), or a remote one pinned to a commit. */
		if (!strcmp(kb_yaml_str(bs->a, kb_yaml_get(repo, "repo")), "local")) {
			assert_string_equal(kb_yaml_str(bs->a, kb_yaml_get(h, "entry")),
					    "kbcheck check --changed-files");
			assert_string_equal(kb_yaml_str(bs->a, kb_yaml_get(h, "language")), "system");
		} else {
			const char *rev = kb_yaml_str(bs->a, kb_yaml_get(repo, "rev"));
			assert_int_equal(strspn(rev, "0123456789abcdef"), 40);
		}
		uses++;
	}
	assert_int_equal(uses, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_block_parses),
	    cmocka_unit_test(test_github_workflow_uploads_the_sarif),
	    cmocka_unit_test(test_gitlab_job_reports_junit_and_code_quality),
	    cmocka_unit_test(test_pre_commit_hook),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
