/* sarif.c - SARIF 2.1.0, as GitHub code scanning reads it.
 *
 * One run: tool.driver.rules has one rule per topic attribute with a
 * finding (id "topic.attribute"), results point at the deviating phrase
 * with the other sides as relatedLocations, a partial fingerprint that
 * survives line moves, and a fix per suggested rewording.  Regions count
 * columns in UTF-16 code units (columnKind), as GitHub expects; URIs are
 * relative to %SRCROOT% (the directory kbcheck runs in, normally the
 * repository's root).  Input diagnostics become tool execution
 * notifications.  Checked with Microsoft's SARIF validator in tests/ci.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "../base/jsonw.h"
#include "../base/text.h"

static const char schema_uri[] =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

static const char *level_name(kb_severity s)
{
	return s == KB_SEV_ERROR ? "error" : s == KB_SEV_WARNING ? "warning" : "note";
}

/* A relative path as a URI reference: bytes other than unreserved ones and
 * '/' are percent-encoded (UTF-8 file names stay valid URIs); an absolute
 * path becomes a file: URI. */
static void uri_of(kb_buf *b, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	if (path[0] == '/')
		kb_buf_puts(b, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			kb_buf_putc(b, (char)*p);
		} else {
			kb_buf_putc(b, '%');
			kb_buf_putc(b, hex[*p >> 4]);
			kb_buf_putc(b, hex[*p & 15]);
		}
	}
}

static void artifact(kb_jsonw *w, const char *path)
{
	kb_buf b = KB_BUF_INIT;
	uri_of(&b, path);
	kb_jsonw_key(w, "artifactLocation");
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "uri", kb_buf_cstr(&b));
	if (path[0] != '/')
		kb_jsonw_kstr(w, "uriBaseId", "%SRCROOT%");
	kb_jsonw_end(w);
	kb_buf_free(&b);
}

static void region(kb_jsonw *w, const kb_claim *c, bool with_snippet)
{
	kb_span s = kb_claim_span(c, KB_COL_UTF16);
	kb_jsonw_key(w, "region");
	kb_jsonw_obj(w);
	kb_jsonw_kint(w, "startLine", s.line);
	kb_jsonw_kint(w, "startColumn", s.column);
	kb_jsonw_kint(w, "endLine", s.end_line);
	kb_jsonw_kint(w, "endColumn", s.end_column);
	if (with_snippet) {
		const kb_source *src = c->unit->source;
		kb_jsonw_key(w, "snippet");
		kb_jsonw_obj(w);
		kb_jsonw_key(w, "text");
		if (c->loc.end > c->loc.start && c->loc.end <= src->len)
			kb_jsonw_strn(w, src->data + c->loc.start, c->loc.end - c->loc.start);
		else
			kb_jsonw_str(w, c->quote);
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
}

/* The lines around the phrase, so a viewer without the file can still
 * show it in context: whole when they hold at most CONTEXT_WHOLE
 * characters, else CONTEXT_AROUND characters on each side of the phrase
 * (with the columns they start and end at).  A whole 3.6 MB line in each
 * of a finding's thousand locations made a SARIF file of 3.68 GB. */
enum { CONTEXT_WHOLE = 1000, CONTEXT_AROUND = 200 };

static void context_region(kb_jsonw *w, const kb_claim *c)
{
	const kb_source *src = c->unit->source;
	int last = c->loc.end_line > c->loc.line ? c->loc.end_line : c->loc.line;
	size_t ls = kb_source_line_offset(src, c->loc.line), n;
	const char *end_line = kb_source_line(src, last, &n);
	size_t le = (size_t)(end_line - src->data) + n;
	if (c->loc.line <= 0 || le < ls)
		return;
	size_t s = c->loc.start > ls ? c->loc.start - ls : 0;
	size_t e = c->loc.end > ls + s ? c->loc.end - ls : s;
	size_t from, to;
	kb_quote_window(src->data + ls, le - ls, s, e, CONTEXT_WHOLE, CONTEXT_AROUND, &from, &to);
	kb_jsonw_key(w, "contextRegion");
	kb_jsonw_obj(w);
	kb_jsonw_kint(w, "startLine", c->loc.line);
	if (from > 0)
		kb_jsonw_kint(w, "startColumn", kb_source_column_utf16(src, c->loc.line, ls + from));
	kb_jsonw_kint(w, "endLine", last);
	if (to < le - ls)
		kb_jsonw_kint(w, "endColumn", kb_source_column_utf16(src, last, ls + to));
	kb_jsonw_key(w, "snippet");
	kb_jsonw_obj(w);
	kb_jsonw_key(w, "text");
	kb_jsonw_strn(w, src->data + ls + from, to - from);
	kb_jsonw_end(w);
	kb_jsonw_end(w);
}

static void physical(kb_jsonw *w, const kb_claim *c, bool with_snippet)
{
	kb_jsonw_key(w, "physicalLocation");
	kb_jsonw_obj(w);
	artifact(w, c->unit->source->path);
	region(w, c, with_snippet);
	if (with_snippet)
		context_region(w, c);
	kb_jsonw_end(w);
}

/* Message text is plain text with embedded links "[text](id)": literal
 * brackets and backslashes are escaped (SARIF 3.11.6). */
static void put_plain(kb_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '[' || *s == ']' || *s == '\\')
			kb_buf_putc(b, '\\');
		kb_buf_putc(b, *s);
	}
}

static void text_message(kb_jsonw *w, const char *key, const char *text)
{
	kb_jsonw_key(w, key);
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "text", text);
	kb_jsonw_end(w);
}

/* GitHub code scanning's limits: it takes at most 25,000 results per run
 * and 1,000 locations per result (the primary one and the related ones);
 * beyond, it drops them or refuses the upload.  A statement repeated on
 * thousands of pages must not cost a team its code scanning. */
enum { MAX_RESULTS = 25000, MAX_RELATED = 999 };

/* Code scanning also takes at most 10 MB of gzipped SARIF: the related
 * locations of a run (about 1 KB each, quoting their context) are shared
 * out so that all of them make at most RELATED_PER_RUN, each result
 * getting the same share: 25,000 results have 2 each, 50 results 999. */
enum { RELATED_PER_RUN = 50000 };

static size_t related_share(const kb_report *r)
{
	size_t n = r->findings->len < MAX_RESULTS ? r->findings->len : MAX_RESULTS;
	size_t share = n ? RELATED_PER_RUN / n : MAX_RELATED;
	return share < MAX_RELATED ? share : MAX_RELATED;
}

/* How many of f's other sides are related locations, at most share. */
static size_t related_count(const kb_finding *f, size_t share)
{
	return f->nsides - 1 < share ? f->nsides - 1 : share;
}

/* The side that is related location k (1, 2...): the sides in order,
 * the primary one left out. */
static const kb_side *related_side(const kb_finding *f, size_t primary, size_t k)
{
	return &f->sides[k <= primary ? k - 1 : k];
}

/* "MESSAGE: [path:line](1), [path:line](2)." - GitHub renders each link as
 * a jump to that related location.  The message says what the other
 * sources say ("but 3 of 4 sources say 24 hours"), so only the sides
 * that do not deviate are linked -- another deviating page is no part of
 * the majority (it is a related location with its own message); the
 * first KB_MAX_OTHER_SIDES are linked, the rest counted. */
static void result_message(kb_jsonw *w, const kb_finding *f, size_t primary, size_t nrelated)
{
	kb_buf b = KB_BUF_INIT;
	put_plain(&b, f->message);
	size_t linked = 0, others = 0;
	for (size_t k = 1; k < f->nsides; k++) {
		const kb_side *s = related_side(f, primary, k);
		if (s->deviates && (f->majority || f->canonical))
			continue;
		if (k > nrelated || linked == KB_MAX_OTHER_SIDES) {
			others++;
			continue;
		}
		kb_buf_puts(&b, linked++ ? ", [" : ": [");
		put_plain(&b, s->claim->unit->source->path);
		kb_buf_printf(&b, ":%d](%zu)", s->claim->loc.line, k);
	}
	if (others)
		kb_buf_printf(&b, " and %zu more", others);
	kb_buf_putc(&b, '.');
	text_message(w, "message", kb_buf_cstr(&b));
	kb_buf_free(&b);
}

static int cmp_rule(const void *pa, const void *pb)
{
	const kb_finding *a = *(const kb_finding *const *)pa, *b = *(const kb_finding *const *)pb;
	int c = strcmp(a->topic, b->topic);
	return c ? c : strcmp(a->attribute, b->attribute);
}

static bool same_rule(const kb_finding *a, const kb_finding *b)
{
	return !strcmp(a->topic, b->topic) && !strcmp(a->attribute, b->attribute);
}

/* One finding per topic attribute, sorted by id: the rules, in order. */
static size_t collect_rules(const kb_report *r, const kb_finding ***out)
{
	size_t n = r->findings->len, k = 0;
	const kb_finding **all = malloc((n ? n : 1) * sizeof *all);
	if (!all)
		abort();
	if (n) {
		memcpy(all, r->findings->items, n * sizeof *all);
		qsort(all, n, sizeof *all, cmp_rule);
	}
	for (size_t i = 0; i < n; i++)
		if (k == 0 || !same_rule(all[k - 1], all[i]))
			all[k++] = all[i];
	*out = all;
	return k;
}

static size_t rule_index(const kb_finding **rules, size_t n, const kb_finding *f)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = cmp_rule(&rules[mid], &f);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0; /* not reached: every finding has its rule */
}

/* Appends s in Pascal case, for a rule's friendly name:
 * order.cancel + window -> OrderCancelWindow. */
static void pascal(kb_buf *b, const char *s)
{
	bool up = true;
	for (; *s; s++) {
		if (*s == '.' || *s == '_' || *s == '-') {
			up = true;
			continue;
		}
		kb_buf_putc(b, up && *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s);
		up = false;
	}
}

static void rule(kb_jsonw *w, const kb_report *r, const kb_finding *f)
{
	const kb_rule_doc *doc = kb_report_rule_doc(r, f->topic, f->attribute);
	const char *topic_title = doc && doc->topic_title ? doc->topic_title : f->topic;
	kb_buf b = KB_BUF_INIT;
	kb_jsonw_obj(w);
	kb_buf_printf(&b, "%s.%s", f->topic, f->attribute);
	kb_jsonw_kstr(w, "id", kb_buf_cstr(&b));
	kb_buf_clear(&b);
	pascal(&b, f->topic);
	pascal(&b, f->attribute);
	kb_jsonw_kstr(w, "name", kb_buf_cstr(&b));
	kb_buf_clear(&b);
	if (doc && doc->attribute_title)
		kb_buf_printf(&b, "Answers disagree on %s (%s).", doc->attribute_title, topic_title);
	else
		kb_buf_printf(&b, "Answers disagree on the %s of %s.", f->attribute, topic_title);
	text_message(w, "shortDescription", kb_buf_cstr(&b));
	kb_buf_clear(&b);
	kb_buf_printf(&b, "Answers about \"%s\" (topic %s) state different values for its %s",
		      topic_title, f->topic, f->attribute);
	if (doc && doc->type)
		kb_buf_printf(&b, " (%s)", doc->type);
	kb_buf_puts(&b, " across pages, channels or languages, so customers get different "
			"answers to the same question.");
	text_message(w, "fullDescription", kb_buf_cstr(&b));
	kb_buf_clear(&b);
	kb_buf_printf(&b,
		      "Make every answer state the same %s: the value of the policy file when "
		      "there is one, else the value most sources state (kbcheck suggests a "
		      "rewording of the deviating phrase). 'kbcheck explain FINGERPRINT' shows "
		      "every claim and the rule that found it; 'kbcheck ack FINGERPRINT --reason "
		      "TEXT' records an intended difference.",
		      f->attribute);
	text_message(w, "help", kb_buf_cstr(&b));
	kb_jsonw_key(w, "defaultConfiguration");
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "level", "warning");
	kb_jsonw_end(w);
	kb_jsonw_key(w, "properties");
	kb_jsonw_obj(w);
	kb_jsonw_key(w, "tags");
	kb_jsonw_arr(w);
	kb_jsonw_str(w, "knowledge-base");
	kb_jsonw_str(w, "consistency");
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_buf_free(&b);
}

static void fix(kb_jsonw *w, const kb_side *s)
{
	kb_buf b = KB_BUF_INIT;
	kb_buf_printf(&b, "Replace '%s' with '%s'.", s->claim->quote, s->suggestion);
	kb_jsonw_obj(w);
	text_message(w, "description", kb_buf_cstr(&b));
	kb_jsonw_key(w, "artifactChanges");
	kb_jsonw_arr(w);
	kb_jsonw_obj(w);
	artifact(w, s->claim->unit->source->path);
	kb_jsonw_key(w, "replacements");
	kb_jsonw_arr(w);
	kb_jsonw_obj(w);
	kb_jsonw_key(w, "deletedRegion");
	kb_jsonw_obj(w);
	kb_span sp = kb_claim_span(s->claim, KB_COL_UTF16);
	kb_jsonw_kint(w, "startLine", sp.line);
	kb_jsonw_kint(w, "startColumn", sp.column);
	kb_jsonw_kint(w, "endLine", sp.end_line);
	kb_jsonw_kint(w, "endColumn", sp.end_column);
	kb_jsonw_end(w);
	kb_jsonw_key(w, "insertedContent");
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "text", s->suggestion);
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_buf_free(&b);
}

static void result(kb_jsonw *w, const kb_report *r, size_t i, const kb_finding **rules,
		   size_t nrules, size_t share)
{
	const kb_finding *f = r->findings->items[i];
	size_t nrelated = related_count(f, share);
	kb_finding_status st = kb_report_status(r, i);
	kb_buf b = KB_BUF_INIT;
	kb_jsonw_obj(w);
	kb_buf_printf(&b, "%s.%s", f->topic, f->attribute);
	kb_jsonw_kstr(w, "ruleId", kb_buf_cstr(&b));
	kb_jsonw_kint(w, "ruleIndex", (long long)rule_index(rules, nrules, f));
	kb_jsonw_kstr(w, "level", level_name(f->severity));
	size_t primary = st.primary < f->nsides ? st.primary : 0;
	result_message(w, f, primary, nrelated);
	kb_jsonw_key(w, "locations");
	kb_jsonw_arr(w);
	kb_jsonw_obj(w);
	physical(w, f->sides[primary].claim, true);
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	if (nrelated > 0) {
		kb_jsonw_key(w, "relatedLocations");
		kb_jsonw_arr(w);
		for (size_t k = 1; k <= nrelated; k++) {
			const kb_side *s = related_side(f, primary, k);
			kb_jsonw_obj(w);
			kb_jsonw_kint(w, "id", (long long)k);
			physical(w, s->claim, true);
			kb_buf_clear(&b);
			kb_side_describe(&b, s);
			kb_buf_putc(&b, '.');
			text_message(w, "message", kb_buf_cstr(&b));
			kb_jsonw_end(w);
		}
		kb_jsonw_end(w);
	}
	kb_jsonw_key(w, "partialFingerprints");
	kb_jsonw_obj(w);
	/* One key per fingerprint recipe (compare.h): the previous one's
	 * value keeps an alert's identity across the upgrade. */
	kb_jsonw_kstr(w, "kbcheck/v1", f->fingerprint_prev ? f->fingerprint_prev : f->fingerprint);
	kb_jsonw_kstr(w, "kbcheck/v2", f->fingerprint);
	kb_jsonw_end(w);
	/* A fix for each of the result's locations that has one (not for
	 * each of 10,000 deviating sides: 8.9 MB for one result). */
	bool any_fix = f->sides[primary].suggestion != NULL;
	for (size_t k = 1; k <= nrelated; k++)
		any_fix |= related_side(f, primary, k)->suggestion != NULL;
	if (any_fix) {
		kb_jsonw_key(w, "fixes");
		kb_jsonw_arr(w);
		if (f->sides[primary].suggestion)
			fix(w, &f->sides[primary]);
		for (size_t k = 1; k <= nrelated; k++)
			if (related_side(f, primary, k)->suggestion)
				fix(w, related_side(f, primary, k));
		kb_jsonw_end(w);
	}
	/* With a baseline or --changed-since, a finding that does not fail
	 * for being in the baseline or outside the changed files is
	 * "unchanged", one that is new there "new". */
	if (r->baseline || r->changed_since)
		kb_jsonw_kstr(w, "baselineState",
			      st.baseline == KB_BASELINE_EXISTING || !st.changed ? "unchanged"
										 : "new");
	if (f->ack_reason) {
		/* Acknowledged (--show-acked): an accepted external suppression,
		 * which code scanning shows as dismissed. */
		kb_jsonw_key(w, "suppressions");
		kb_jsonw_arr(w);
		kb_jsonw_obj(w);
		kb_jsonw_kstr(w, "kind", "external");
		kb_jsonw_kstr(w, "status", "accepted");
		kb_jsonw_kstr(w, "justification", f->ack_reason);
		kb_jsonw_end(w);
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
	kb_buf_free(&b);
}

/* Results left out for code scanning's limit: said, so that nobody takes
 * the upload for the whole story. */
static void results_left_out(kb_jsonw *w, const kb_report *r)
{
	if (r->findings->len <= MAX_RESULTS)
		return;
	kb_buf b = KB_BUF_INIT;
	kb_buf_printf(&b, "%zu findings are not in this file: code scanning takes at most %d "
			  "results per run (the most severe come first; the JSON report has them all).",
		      r->findings->len - MAX_RESULTS, MAX_RESULTS);
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "level", "warning");
	text_message(w, "message", kb_buf_cstr(&b));
	kb_jsonw_end(w);
	kb_buf_free(&b);
}

static void notifications(kb_jsonw *w, const kb_report *r)
{
	kb_jsonw_key(w, "toolExecutionNotifications");
	kb_jsonw_arr(w);
	results_left_out(w, r);
	for (size_t i = 0; i < kb_diags_count(r->diags); i++) {
		const kb_diag_entry *e = kb_diags_get(r->diags, i);
		kb_jsonw_obj(w);
		kb_jsonw_kstr(w, "level",
			      e->level == KB_DIAG_ERROR     ? "error"
			      : e->level == KB_DIAG_WARNING ? "warning"
							    : "note");
		kb_buf b = KB_BUF_INIT;
		kb_buf_puts(&b, e->message);
		if (b.len && b.ptr[b.len - 1] != '.')
			kb_buf_putc(&b, '.');
		text_message(w, "message", kb_buf_cstr(&b));
		kb_buf_free(&b);
		if (e->path) {
			kb_jsonw_key(w, "locations");
			kb_jsonw_arr(w);
			kb_jsonw_obj(w);
			kb_jsonw_key(w, "physicalLocation");
			kb_jsonw_obj(w);
			artifact(w, e->path);
			if (e->line > 0) {
				kb_jsonw_key(w, "region");
				kb_jsonw_obj(w);
				kb_jsonw_kint(w, "startLine", e->line);
				if (e->column > 0)
					kb_jsonw_kint(w, "startColumn", kb_diag_column(r, e, KB_COL_UTF16));
				kb_jsonw_end(w);
			}
			kb_jsonw_end(w);
			kb_jsonw_end(w);
			kb_jsonw_end(w);
		}
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
}

void kb_report_sarif(const kb_report *r, FILE *out)
{
	const kb_finding **rules;
	size_t nrules = collect_rules(r, &rules);
	kb_jsonw *w = kb_jsonw_new(out, true);
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "$schema", schema_uri);
	kb_jsonw_kstr(w, "version", "2.1.0");
	kb_jsonw_key(w, "runs");
	kb_jsonw_arr(w);
	kb_jsonw_obj(w);

	kb_jsonw_key(w, "tool");
	kb_jsonw_obj(w);
	kb_jsonw_key(w, "driver");
	kb_jsonw_obj(w);
	kb_jsonw_kstr(w, "name", "kbcheck");
	kb_jsonw_kstr(w, "version", KB_VERSION);
	kb_jsonw_kstr(w, "semanticVersion", KB_VERSION);
	/* No web site to point to: the manual is where to learn more. */
	kb_jsonw_kstr(w, "informationUri", "man:kbcheck(1)");
	kb_jsonw_key(w, "rules");
	kb_jsonw_arr(w);
	for (size_t i = 0; i < nrules; i++)
		rule(w, r, rules[i]);
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_jsonw_end(w);

	kb_jsonw_key(w, "invocations");
	kb_jsonw_arr(w);
	kb_jsonw_obj(w);
	kb_jsonw_kbool(w, "executionSuccessful", !kb_diags_have(r->diags, KB_DIAG_ERROR));
	notifications(w, r);
	kb_jsonw_end(w);
	kb_jsonw_end(w);

	kb_jsonw_key(w, "results");
	kb_jsonw_arr(w);
	size_t share = related_share(r);
	for (size_t i = 0; i < r->findings->len && i < MAX_RESULTS; i++)
		result(w, r, i, rules, nrules, share);
	kb_jsonw_end(w);
	kb_jsonw_kstr(w, "columnKind", "utf16CodeUnits");

	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_jsonw_end(w);
	kb_jsonw_free(w);
	free(rules);
}
