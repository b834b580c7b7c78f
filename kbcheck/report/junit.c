/* junit.c - JUnit XML for Jenkins and GitLab, written with libxml2's
 * xmlTextWriter (it escapes; nothing here pastes markup).
 *
 *   <testsuites name="kbcheck">
 *     <testsuite name="order.cancel">          one per topic with claims
 *       <testcase classname="order.cancel" name="allowed"/>      consistent
 *       <testcase classname="order.cancel" name="window">
 *         <failure type="warning" message="...">the text report's blocks</failure>
 *       </testcase>
 *       <testcase classname="returns.window" name="window [tier=vip]"/>
 *     </testsuite>
 *     <testsuite name="input">                  input errors, one <error> each
 *
 * Jenkins splits classname at its last dot, so a topic reads as package
 * and class.  A test case is one attribute in one scope, named by them
 * only: its name stays when a line moves or a contradiction is fixed, so
 * Jenkins' test age and GitLab's new and fixed lists follow it.  The case
 * passes when the attribute is consistent, fails when one of its findings
 * fails the run, and is skipped with the reason when none does (existing
 * in the baseline, outside --changed-since, below --fail-on,
 * acknowledged); its text holds every finding's block.  "junit" is valid
 * against Jenkins' junit-10.xsd (tests/schemas); "junit-gitlab" adds the
 * file and line attributes on <testcase> that GitLab shows, which that
 * schema does not allow.
 */
#include "report.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"

typedef struct {
	xmlTextWriterPtr w;
	bool gitlab;
} junit;

/* XML 1.0 cannot carry C0 controls other than tab, LF and CR, nor U+FFFE
 * and U+FFFF: such characters (possible in a KB file) become U+FFFD. */
static const char *xml_text(kb_buf *b, const char *s, size_t n)
{
	kb_buf_clear(b);
	kb_buf name = KB_BUF_INIT; /* a file name that is not UTF-8: text.h */
	if (kb_utf8_name_buf(&name, s, n)) {
		s = name.ptr;
		n = name.len;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
		     ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF))) {
			kb_buf_puts(b, "\xEF\xBF\xBD");
			if (c == 0xEF)
				i += 2;
		} else {
			kb_buf_putc(b, (char)c);
		}
	}
	kb_buf_free(&name);
	return kb_buf_cstr(b);
}

static void attr(junit *j, const char *name, const char *value)
{
	kb_buf b = KB_BUF_INIT;
	xmlTextWriterWriteAttribute(j->w, BAD_CAST name,
				    BAD_CAST xml_text(&b, value, strlen(value)));
	kb_buf_free(&b);
}

static void attr_num(junit *j, const char *name, size_t v)
{
	xmlTextWriterWriteFormatAttribute(j->w, BAD_CAST name, "%zu", v);
}

static void text(junit *j, const char *s, size_t n)
{
	kb_buf b = KB_BUF_INIT;
	xmlTextWriterWriteString(j->w, BAD_CAST xml_text(&b, s, n));
	kb_buf_free(&b);
}

static void start(junit *j, const char *element) { xmlTextWriterStartElement(j->w, BAD_CAST element); }
static void end(junit *j) { xmlTextWriterEndElement(j->w); }

/* A topic attribute in one scope checked in this run, with its findings:
 * one test case. */
typedef struct {
	const char *topic, *attribute;
	const char *scope; /* kb_scope_key's form, "" for none */
	char *owned;       /* scope, when made here */
	size_t *findings;  /* indexes into r->findings */
	size_t nfindings;
} checked;

static int cmp_checked(const void *pa, const void *pb)
{
	const checked *a = pa, *b = pb;
	int c = strcmp(a->topic, b->topic);
	if (!c)
		c = strcmp(a->attribute, b->attribute);
	return c ? c : strcmp(a->scope, b->scope);
}

/* "key=value,key=value" as kb_scope_key makes it (reporters have no
 * arena): NULL for the empty scope, else a string the caller frees. */
static char *scope_key(const kb_scope *s)
{
	if (s->n == 0)
		return NULL;
	kb_buf b = KB_BUF_INIT;
	for (size_t i = 0; i < s->n; i++)
		kb_buf_printf(&b, "%s%s=%s", i ? "," : "", s->kv[i].key, s->kv[i].value);
	char *r = strdup(kb_buf_cstr(&b));
	kb_buf_free(&b);
	if (!r)
		abort();
	return r;
}

static void push(checked **all, size_t *n, size_t *cap, const char *topic, const char *attr,
		 const char *skey, const kb_scope *scope)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*all = realloc(*all, *cap * sizeof **all);
		if (!*all)
			abort();
	}
	char *owned = skey ? NULL : scope_key(scope);
	(*all)[(*n)++] = (checked){topic, attr, skey ? skey : owned ? owned : "", owned, NULL, 0};
}

/* Every topic attribute and scope with a claim, sorted; findings attached
 * in report order.  The caller frees it with release(). */
static size_t collect(const kb_report *r, checked **out)
{
	size_t n = 0, cap = 0;
	checked *all = NULL;
	for (size_t i = 0; i < r->claims->len; i++) {
		const kb_claim *c = r->claims->items[i];
		push(&all, &n, &cap, c->topic, c->attribute, c->skey, &c->scope);
	}
	/* Findings always come from claims, but reported findings may also
	 * include acknowledged ones: add their attributes too. */
	for (size_t i = 0; i < r->findings->len; i++) {
		const kb_finding *f = r->findings->items[i];
		push(&all, &n, &cap, f->topic, f->attribute, NULL, &f->scope);
	}
	if (n)
		qsort(all, n, sizeof *all, cmp_checked);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k == 0 || cmp_checked(&all[k - 1], &all[i]) != 0)
			all[k++] = all[i];
		else
			free(all[i].owned);
	}
	for (size_t i = 0; i < r->findings->len; i++) {
		const kb_finding *f = r->findings->items[i];
		char *sk = scope_key(&f->scope);
		checked key = {f->topic, f->attribute, sk ? sk : "", NULL, NULL, 0};
		checked *c = bsearch(&key, all, k, sizeof *all, cmp_checked);
		free(sk);
		if (!c)
			continue;
		size_t *grown = realloc(c->findings, (c->nfindings + 1) * sizeof *grown);
		if (!grown)
			abort();
		c->findings = grown;
		c->findings[c->nfindings++] = i;
	}
	*out = all;
	return k;
}

static void release(checked *cs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(cs[i].findings);
		free(cs[i].owned);
	}
	free(cs);
}

static const char *why_not_failing(const kb_report *r, const kb_finding *f,
				   kb_finding_status st, kb_buf *b)
{
	kb_buf_clear(b);
	if (f->ack_reason)
		kb_buf_printf(b, "acknowledged: %s", f->ack_reason);
	else if (st.baseline == KB_BASELINE_EXISTING)
		kb_buf_puts(b, "existing finding (in the baseline)");
	else if (!st.changed)
		kb_buf_printf(b, "no deviating phrase in a file changed since %s", r->changed_since);
	else
		kb_buf_printf(b, "%s is below the --fail-on level", kb_severity_name(f->severity));
	return kb_buf_cstr(b);
}

/* The finding of c that speaks for the case: the first failing one, else
 * the first. */
static size_t lead_finding(const kb_report *r, const checked *c)
{
	for (size_t k = 0; k < c->nfindings; k++)
		if (kb_report_status(r, c->findings[k]).failing)
			return c->findings[k];
	return c->findings[0];
}

static bool case_fails(const kb_report *r, const checked *c)
{
	return c->nfindings && kb_report_status(r, lead_finding(r, c)).failing;
}

/* "window", or "window [tier=vip]" in a scope. */
static void case_name(junit *j, const checked *c)
{
	kb_buf b = KB_BUF_INIT;
	kb_buf_puts(&b, c->attribute);
	if (*c->scope)
		kb_buf_printf(&b, " [%s]", c->scope);
	attr(j, "name", kb_buf_cstr(&b));
	attr(j, "classname", c->topic);
	kb_buf_free(&b);
}

/* A case with findings: the lead finding's message (and how many more),
 * every finding's text block as `kbcheck check` prints it. */
static void findings_case(junit *j, const kb_report *r, const checked *c)
{
	size_t lead = lead_finding(r, c);
	const kb_finding *f = r->findings->items[lead];
	const kb_claim *cl = f->sides[0].claim;
	kb_finding_status st = kb_report_status(r, lead);
	kb_buf b = KB_BUF_INIT;
	start(j, "testcase");
	case_name(j, c);
	if (j->gitlab) {
		attr(j, "file", cl->unit->source->path);
		attr_num(j, "line", (size_t)cl->loc.line);
	}
	char *block = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&block, &len);
	if (!mem)
		abort();
	for (size_t k = 0; k < c->nfindings; k++)
		kb_text_finding(r, c->findings[k], mem, false);
	fclose(mem);
	if (st.failing) {
		start(j, "failure");
		attr(j, "type", kb_severity_name(f->severity));
		kb_buf_puts(&b, f->message);
	} else {
		start(j, "skipped");
		why_not_failing(r, f, st, &b);
	}
	if (c->nfindings > 1)
		kb_buf_printf(&b, " (and %zu more finding%s)", c->nfindings - 1,
			      c->nfindings > 2 ? "s" : "");
	attr(j, "message", kb_buf_cstr(&b));
	text(j, block, len);
	end(j);
	end(j);
	free(block);
	kb_buf_free(&b);
}

static void topic_suite(junit *j, const kb_report *r, const checked *cs, size_t n)
{
	size_t failures = 0, skipped = 0;
	for (size_t i = 0; i < n; i++) {
		bool failing = case_fails(r, &cs[i]);
		failures += failing;
		skipped += cs[i].nfindings && !failing;
	}
	start(j, "testsuite");
	attr(j, "name", cs[0].topic);
	attr_num(j, "tests", n);
	attr_num(j, "failures", failures);
	attr_num(j, "errors", 0);
	attr_num(j, "skipped", skipped);
	for (size_t i = 0; i < n; i++) {
		if (cs[i].nfindings) {
			findings_case(j, r, &cs[i]);
			continue;
		}
		start(j, "testcase");
		case_name(j, &cs[i]);
		end(j);
	}
	end(j);
}

static void input_suite(junit *j, const kb_report *r, size_t nerrors)
{
	kb_buf b = KB_BUF_INIT;
	start(j, "testsuite");
	attr(j, "name", "input");
	attr_num(j, "tests", nerrors);
	attr_num(j, "failures", 0);
	attr_num(j, "errors", nerrors);
	for (size_t i = 0; i < kb_diags_count(r->diags); i++) {
		const kb_diag_entry *e = kb_diags_get(r->diags, i);
		if (e->level != KB_DIAG_ERROR)
			continue;
		kb_buf_clear(&b);
		kb_buf_puts(&b, e->path ? e->path : "kbcheck");
		if (e->path && e->line > 0)
			kb_buf_printf(&b, ":%d", e->line);
		if (e->path && e->line > 0 && e->column > 0)
			kb_buf_printf(&b, ":%d", e->column);
		start(j, "testcase");
		attr(j, "name", kb_buf_cstr(&b));
		attr(j, "classname", "input");
		if (j->gitlab && e->path) {
			attr(j, "file", e->path);
			if (e->line > 0)
				attr_num(j, "line", (size_t)e->line);
		}
		start(j, "error");
		attr(j, "type", "input");
		attr(j, "message", e->message);
		kb_buf_puts(&b, ": error: ");
		kb_buf_puts(&b, e->message);
		kb_buf_putc(&b, '\n');
		text(j, b.ptr, b.len);
		end(j);
		end(j);
	}
	end(j);
	kb_buf_free(&b);
}

static void write_junit(const kb_report *r, FILE *out, bool gitlab)
{
	xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(out, NULL);
	junit j = {xmlNewTextWriter(ob), gitlab};
	if (!j.w)
		abort();
	xmlTextWriterSetIndent(j.w, 1);
	xmlTextWriterSetIndentString(j.w, BAD_CAST "  ");
	xmlTextWriterStartDocument(j.w, NULL, "UTF-8", NULL);

	checked *cs;
	size_t n = collect(r, &cs);
	size_t tests = n, failures = 0, nerrors = 0;
	for (size_t i = 0; i < n; i++)
		failures += case_fails(r, &cs[i]);
	for (size_t i = 0; i < kb_diags_count(r->diags); i++)
		nerrors += kb_diags_get(r->diags, i)->level == KB_DIAG_ERROR;

	start(&j, "testsuites");
	attr(&j, "name", "kbcheck");
	attr_num(&j, "tests", tests + nerrors);
	attr_num(&j, "failures", failures);
	attr_num(&j, "errors", nerrors);
	for (size_t i = 0; i < n;) {
		size_t k = i + 1;
		while (k < n && !strcmp(cs[k].topic, cs[i].topic))
			k++;
		topic_suite(&j, r, cs + i, k - i);
		i = k;
	}
	if (nerrors)
		input_suite(&j, r, nerrors);
	end(&j);
	xmlTextWriterEndDocument(j.w);
	xmlFreeTextWriter(j.w);
	release(cs, n);
}

void kb_report_junit(const kb_report *r, FILE *out) { write_junit(r, out, false); }
void kb_report_junit_gitlab(const kb_report *r, FILE *out) { write_junit(r, out, true); }
