/* audit_coverage.c - what the latest run did not read or claim, in the
 * audit: the files that gave no answer (by reason), the values in answers
 * about a topic that no claim was made of, and the topics without a claim
 * in a channel that has answers.  A week without conflicts means little
 * when half the knowledge base was not read; this section says how much. */
#include "audit_page.h"

#include <string.h>

#include "../source/source.h"

/* Files shown per reason (the database keeps more). */
enum { FILES_SHOWN = 10 };

const char *kb_audit_reason_label(const char *reason)
{
	static const struct {
		const char *name, *label;
	} labels[] = {
	    {"unknown-format", "a format kbcheck does not read"},
	    {"unrecognised", "named like a format kbcheck reads, content not recognised"},
	    {"ignored", "ignored (kbcheck.yml)"},
	    {"dependencies", "installed packages"},
	    {"too-large", "larger than max_file_size"},
	    {"binary", "binary, not text"},
	    {"empty", "empty"},
	    {"encoding", "an encoding kbcheck does not read (UTF-32)"},
	    {"unreadable", "could not be read"},
	    {"outside", "a link out of the knowledge base"},
	    {"template-code-only", "template code only, no static text"},
	    {"no-answers", "read, but no answer found in it"},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(labels[i].name, reason))
			return labels[i].label;
	return reason;
}

/* Channels in kb_channel order (faq, chatbot, macro), then any other. */
static int channel_rank(const char *ch)
{
	kb_channel c = kb_channel_parse(ch);
	return c == KB_CHANNEL_UNKNOWN ? 99 : (int)c;
}

static size_t index_of(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return i;
	return n;
}

const char *kb_audit_coverage_summary(kb_arena *a, const kb_audit_model *m)
{
	const kb_acoverage *c = &m->cov;
	return kb_sprintf(a,
			  "%lld file%s gave no answer; %lld value%s in answers about a topic "
			  "without a claim; %zu of %zu topics with claims in some channels only, "
			  "%zu without any claim.",
			  (long long)c->unread, c->unread == 1 ? "" : "s", (long long)c->unclaimed,
			  c->unclaimed == 1 ? "" : "s", c->partial, c->ntopics, c->none);
}

void kb_audit_coverage_build(kb_arena *a, kb_audit_model *m)
{
	const kb_history *h = m->h;
	kb_acoverage *c = &m->cov;
	if (!m->ref || m->ref->unclaimed < 0)
		return;
	c->known = true;
	c->unclaimed = m->ref->unclaimed;
	for (size_t i = 0; i < h->nunread; i++)
		c->unread += h->unread[i].files;
	/* h->topics is by topic, then channel: gather the names first. */
	const char **chs = KB_NEWN(a, const char *, h->ntopics + 1);
	const char **ts = KB_NEWN(a, const char *, h->ntopics + 1);
	for (size_t i = 0; i < h->ntopics; i++) {
		const kb_htopic *t = &h->topics[i];
		if (index_of(chs, c->nchannels, t->channel) == c->nchannels)
			chs[c->nchannels++] = t->channel;
		if (!c->ntopics || strcmp(ts[c->ntopics - 1], t->topic))
			ts[c->ntopics++] = t->topic;
	}
	for (size_t i = 1; i < c->nchannels; i++) /* a few: insertion sort */
		for (size_t k = i; k > 0 && channel_rank(chs[k]) < channel_rank(chs[k - 1]); k--) {
			const char *x = chs[k];
			chs[k] = chs[k - 1];
			chs[k - 1] = x;
		}
	int64_t *claims = KB_NEWN(a, int64_t, c->ntopics * c->nchannels + 1);
	for (size_t i = 0; i < h->ntopics; i++) {
		const kb_htopic *t = &h->topics[i];
		size_t r = index_of(ts, c->ntopics, t->topic);
		size_t k = index_of(chs, c->nchannels, t->channel);
		claims[r * c->nchannels + k] = t->claims;
	}
	bool *any = KB_NEWN(a, bool, c->ntopics + 1);
	for (size_t r = 0; r < c->ntopics; r++) {
		size_t zeros = 0;
		for (size_t k = 0; k < c->nchannels; k++)
			zeros += !claims[r * c->nchannels + k];
		any[r] = zeros < c->nchannels;
		c->none += !any[r];
		c->partial += any[r] && zeros;
	}
	c->any = any;
	c->channels = chs;
	c->topics = ts;
	c->claims = claims;
}

/* A scrolling table (class and id: name) under sec; *head receives the
 * row of its head, and the body is returned. */
static xmlNodePtr table_of(ap_page *p, xmlNodePtr sec, const char *name, xmlNodePtr *head)
{
	xmlNodePtr table = ap_el(ap_el(sec, "div", "scroll"), "table", name);
	ap_attr(p, table, "id", name);
	*head = ap_el(ap_el(table, "thead", NULL), "tr", NULL);
	return ap_el(table, "tbody", NULL);
}

static void unread_table(ap_page *p, xmlNodePtr sec)
{
	const kb_history *h = p->m->h;
	ap_text_el(p, sec, "h3", NULL, "Files that gave no answer");
	if (!h->nunread) {
		ap_text_el(p, sec, "p", "muted", "None: every file found gave answers.");
		return;
	}
	xmlNodePtr tr, tb = table_of(p, sec, "unread", &tr);
	ap_text_el(p, tr, "th", NULL, "Why");
	ap_text_el(p, tr, "th", "num", "Files");
	ap_text_el(p, tr, "th", NULL, "Which");
	for (size_t i = 0; i < h->nunread; i++) {
		const kb_hunread *u = &h->unread[i];
		tr = ap_el(tb, "tr", NULL);
		ap_attr(p, tr, "data-reason", u->reason);
		ap_text_el(p, tr, "td", NULL, kb_audit_reason_label(u->reason));
		ap_num_cell(p, tr, "td", u->files);
		xmlNodePtr ul = ap_el(ap_el(tr, "td", NULL), "ul", "files");
		size_t shown = u->npaths < FILES_SHOWN ? u->npaths : FILES_SHOWN;
		for (size_t k = 0; k < shown; k++) {
			xmlNodePtr li = ap_el(ul, "li", NULL);
			ap_text_el(p, li, "code", NULL, u->paths[k]);
			if (u->details[k])
				ap_text_el(p, li, "span", "muted", kb_sprintf(p->a, " %s", u->details[k]));
		}
		if (u->files > (int64_t)shown)
			ap_text_el(p, ul, "li", "muted",
				   kb_sprintf(p->a, "and %lld more", (long long)(u->files - (int64_t)shown)));
	}
}

static void unclaimed_table(ap_page *p, xmlNodePtr sec)
{
	const kb_audit_model *m = p->m;
	const kb_history *h = m->h;
	ap_text_el(p, sec, "h3", NULL, "Values without a claim");
	ap_text_el(p, sec, "p", "muted",
		   "Answers about a topic that hold a value of the kind its rules look for "
		   "(a duration, an amount...) but from which no claim was made: statements "
		   "the rules may have missed.");
	if (!h->nunclaimed) {
		ap_text_el(p, sec, "p", "muted", "None.");
		return;
	}
	size_t limit = m->o->limit ? m->o->limit : 50;
	size_t shown = h->nunclaimed < limit ? h->nunclaimed : limit;
	xmlNodePtr tr, tb = table_of(p, sec, "unclaimed", &tr);
	ap_text_el(p, tr, "th", NULL, "Where");
	ap_text_el(p, tr, "th", NULL, "Topic attribute");
	ap_text_el(p, tr, "th", NULL, "Value");
	for (size_t i = 0; i < shown; i++) {
		const kb_hunclaimed *u = &h->unclaimed[i];
		tr = ap_el(tb, "tr", NULL);
		ap_location(p, ap_el(tr, "td", NULL), &u->at, NULL);
		ap_text_el(p, ap_el(tr, "td", NULL), "code", NULL,
			   kb_sprintf(p->a, "%s.%s", u->at.topic, u->at.attribute));
		xmlNodePtr td = ap_text_el(p, tr, "td", NULL, u->at.quote);
		if (u->weak)
			ap_text_el(p, td, "span", "muted", " (weak claim)");
	}
	if (m->cov.unclaimed > (int64_t)shown)
		ap_text_el(p, sec, "p", "muted",
			   kb_sprintf(p->a, "And %lld more.", (long long)(m->cov.unclaimed - (int64_t)shown)));
}

/* "a, b, c": the topics without any claim. */
const char *kb_audit_claimless_topics(kb_arena *a, const kb_acoverage *c)
{
	kb_buf b = KB_BUF_INIT;
	for (size_t r = 0; r < c->ntopics; r++)
		if (!c->any[r])
			kb_buf_printf(&b, "%s%s", b.len ? ", " : "", c->topics[r]);
	const char *s = kb_strdup(a, kb_buf_cstr(&b));
	kb_buf_free(&b);
	return s;
}

static void topics_table(ap_page *p, xmlNodePtr sec)
{
	const kb_acoverage *c = &p->m->cov;
	ap_text_el(p, sec, "h3", NULL, "Claims per topic and channel");
	if (c->none == c->ntopics) {
		ap_text_el(p, sec, "p", "muted", "No claim on any topic in the latest run.");
		return;
	}
	xmlNodePtr tr, tb = table_of(p, sec, "topic-channels", &tr);
	ap_text_el(p, tr, "th", NULL, "Topic");
	for (size_t k = 0; k < c->nchannels; k++)
		ap_attr(p, ap_text_el(p, tr, "th", "num", kb_audit_channel_label(c->channels[k])),
			"scope", "col");
	for (size_t r = 0; r < c->ntopics; r++) {
		if (!c->any[r])
			continue;
		tr = ap_el(tb, "tr", NULL);
		xmlNodePtr th = ap_el(tr, "th", NULL);
		ap_attr(p, th, "scope", "row");
		ap_text_el(p, th, "code", NULL, c->topics[r]);
		for (size_t k = 0; k < c->nchannels; k++) {
			int64_t n = c->claims[r * c->nchannels + k];
			ap_textf(p, ap_el(tr, "td", n ? "num" : "num gap"), "%lld", (long long)n);
		}
	}
	if (c->none) {
		xmlNodePtr para = ap_el(sec, "p", "muted");
		ap_attr(p, para, "id", "claimless-topics");
		ap_textf(p, para, "No claim at all on %zu of %zu topics: %s.", c->none, c->ntopics,
			 kb_audit_claimless_topics(p->a, c));
	}
}

void ap_coverage(ap_page *p, xmlNodePtr main)
{
	const kb_audit_model *m = p->m;
	const kb_acoverage *c = &m->cov;
	xmlNodePtr sec = ap_el(main, "section", NULL);
	ap_attr(p, sec, "id", "coverage");
	ap_text_el(p, sec, "h2", NULL, "Coverage: what the latest run did not read or claim");
	if (!m->ref) {
		ap_text_el(p, sec, "p", "muted", "No run in this period.");
		return;
	}
	if (!c->known) {
		ap_text_el(p, sec, "p", "muted",
			   "Not recorded: the latest run was recorded by a kbcheck that did not "
			   "keep its coverage.");
		return;
	}
	xmlNodePtr para = ap_el(sec, "p", NULL);
	ap_attr(p, para, "id", "coverage-summary");
	ap_textf(p, para, "%s", kb_audit_coverage_summary(p->a, m));
	unread_table(p, sec);
	unclaimed_table(p, sec);
	topics_table(p, sec);
}
