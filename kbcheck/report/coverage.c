/* coverage.c - the run's coverage (compare/coverage.h) as the JSON
 * report's "coverage" object and as --verbose lines. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "../base/jsonw.h"
#include "../base/text.h"

/* Lines per list in --verbose (the JSON report lists up to
 * KB_COVERAGE_LIST_MAX). */
enum { TEXT_LIST_MAX = 10 };

static void json_unread(kb_jsonw *w, const kb_coverage *cov)
{
	kb_jsonw_obj(w);
	kb_jsonw_kint(w, "count", (long long)cov->unread);
	kb_jsonw_key(w, "reasons");
	kb_jsonw_arr(w);
	for (size_t i = 0; i < cov->nreasons; i++) {
		const kb_cov_reason *r = &cov->reasons[i];
		kb_jsonw_obj(w);
		kb_jsonw_kstr(w, "reason", kb_unread_reason_name(r->reason));
		kb_jsonw_kint(w, "count", (long long)r->count);
		kb_jsonw_key(w, "files");
		kb_jsonw_arr(w);
		for (size_t k = 0; k < r->nfiles; k++) {
			kb_jsonw_obj(w);
			kb_jsonw_kstr(w, "path", r->files[k]->path);
			kb_jsonw_kstr(w, "format", r->files[k]->format);
			kb_jsonw_kstr(w, "detail", r->files[k]->detail);
			kb_jsonw_end(w);
		}
		kb_jsonw_end(w);
		kb_jsonw_kint(w, "unlisted", (long long)(r->count - r->nfiles));
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
	kb_jsonw_end(w);
}

static void json_unclaimed(kb_jsonw *w, const kb_coverage *cov)
{
	kb_jsonw_obj(w);
	kb_jsonw_kint(w, "count", (long long)cov->nunclaimed);
	kb_jsonw_key(w, "values");
	kb_jsonw_arr(w);
	for (size_t i = 0; i < cov->nlisted; i++) {
		const kb_unclaimed *n = cov->unclaimed[i];
		const kb_unit *u = n->unit;
		kb_jsonw_obj(w);
		kb_jsonw_kstr(w, "path", u->source->path);
		kb_json_loc(w, &n->loc);
		kb_jsonw_kstr(w, "channel", kb_channel_name(u->source->channel));
		kb_jsonw_kstr(w, "locale", u->locale);
		kb_jsonw_kstr(w, "unit_id", u->id);
		kb_jsonw_kstr(w, "topic", n->topic);
		kb_jsonw_kstr(w, "attribute", n->attribute);
		kb_jsonw_kstr(w, "quote", n->quote);
		kb_jsonw_kbool(w, "weak", n->weak);
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
	kb_jsonw_kint(w, "unlisted", (long long)(cov->nunclaimed - cov->nlisted));
	kb_jsonw_end(w);
}

static void json_topics(kb_jsonw *w, const kb_coverage *cov)
{
	kb_jsonw_arr(w);
	for (size_t i = 0; i < cov->ntopics; i++) {
		const kb_cov_topic *t = &cov->topics[i];
		kb_jsonw_obj(w);
		kb_jsonw_kstr(w, "topic", t->topic);
		kb_jsonw_key(w, "claims");
		kb_jsonw_obj(w);
		for (int ch = 0; ch < KB_NCHANNELS; ch++)
			if (cov->present[ch])
				kb_jsonw_kint(w, kb_channel_name((kb_channel)ch), (long long)t->claims[ch]);
		kb_jsonw_end(w);
		kb_jsonw_key(w, "missing");
		kb_jsonw_arr(w);
		for (int ch = 0; ch < KB_NCHANNELS; ch++)
			if (cov->present[ch] && !t->claims[ch])
				kb_jsonw_str(w, kb_channel_name((kb_channel)ch));
		kb_jsonw_end(w);
		kb_jsonw_end(w);
	}
	kb_jsonw_end(w);
}

void kb_json_coverage(kb_jsonw *w, const kb_coverage *cov)
{
	kb_jsonw_obj(w);
	kb_jsonw_key(w, "not_read");
	json_unread(w, cov);
	kb_jsonw_key(w, "unclaimed");
	json_unclaimed(w, cov);
	kb_jsonw_key(w, "channels");
	kb_jsonw_arr(w);
	for (int ch = 0; ch < KB_NCHANNELS; ch++)
		if (cov->present[ch])
			kb_jsonw_str(w, kb_channel_name((kb_channel)ch));
	kb_jsonw_end(w);
	kb_jsonw_key(w, "topics");
	json_topics(w, cov);
	kb_jsonw_end(w);
}

/* ---- --verbose ----------------------------------------------------------- */

/* ".txt 2, .png 1": the extensions of a reason's files, most first (the
 * order of first appearance on a tie). */
static void extensions(kb_buf *b, const kb_cov_reason *r)
{
	size_t n = r->count;
	const char **ext = calloc(n ? n : 1, sizeof *ext);
	size_t *cnt = calloc(n ? n : 1, sizeof *cnt);
	if (!ext || !cnt)
		abort();
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *e = r->files[i]->detail ? r->files[i]->detail : "(none)";
		size_t j = 0;
		while (j < k && strcmp(ext[j], e))
			j++;
		if (j == k)
			ext[k++] = e;
		cnt[j]++;
	}
	for (size_t shown = 0; shown < k && shown < 8; shown++) {
		size_t best = 0;
		for (size_t j = 1; j < k; j++)
			if (cnt[j] > cnt[best])
				best = j;
		kb_buf_printf(b, "%s%s %zu", shown ? ", " : "", ext[best], cnt[best]);
		cnt[best] = 0;
	}
	if (k > 8)
		kb_buf_puts(b, ", ...");
	free(ext);
	free(cnt);
}

static void text_unread(const kb_coverage *cov, FILE *out)
{
	for (size_t i = 0; i < cov->nreasons; i++) {
		const kb_cov_reason *r = &cov->reasons[i];
		kb_buf b = KB_BUF_INIT;
		kb_buf_printf(&b, "kbcheck: no answer, %s: %zu file%s", kb_unread_reason_name(r->reason),
			      r->count, r->count == 1 ? "" : "s");
		if (r->reason == KB_UNREAD_FORMAT || r->reason == KB_UNREAD_CONTENT) {
			kb_buf_puts(&b, " (");
			extensions(&b, r);
			kb_buf_putc(&b, ')');
		}
		fprintf(out, "%s\n", kb_buf_cstr(&b));
		kb_buf_free(&b);
		size_t shown = r->count < TEXT_LIST_MAX ? r->count : TEXT_LIST_MAX;
		for (size_t k = 0; k < shown; k++) {
			const kb_unread *u = r->files[k];
			bool words = u->detail && r->reason != KB_UNREAD_FORMAT &&
				     r->reason != KB_UNREAD_CONTENT;
			kb_fprintf_safe(out, "kbcheck:   %s%s%s%s%s%s", u->path, u->format ? " (" : "",
					u->format ? u->format : "", u->format ? ")" : "",
					words ? ": " : "", words ? u->detail : "");
			fputc('\n', out);
		}
		if (r->count > shown)
			fprintf(out, "kbcheck:   ... and %zu more\n", r->count - shown);
	}
}

static void text_unclaimed(const kb_coverage *cov, FILE *out)
{
	if (!cov->nunclaimed)
		return;
	fprintf(out, "kbcheck: no claim made of %zu value%s in answers about a topic:\n",
		cov->nunclaimed, cov->nunclaimed == 1 ? "" : "s");
	size_t shown = cov->nunclaimed < TEXT_LIST_MAX ? cov->nunclaimed : TEXT_LIST_MAX;
	for (size_t i = 0; i < shown; i++) {
		const kb_unclaimed *n = cov->unclaimed[i];
		kb_fprintf_safe(out, "kbcheck:   %s:%d:%d: %s (%s): \"%s\"%s", n->unit->source->path,
				n->loc.line, n->loc.column, n->topic, n->attribute, n->quote,
				n->weak ? " (weak claim)" : "");
		fputc('\n', out);
	}
	if (cov->nunclaimed > shown)
		fprintf(out, "kbcheck:   ... and %zu more\n", cov->nunclaimed - shown);
}

static void text_topics(const kb_coverage *cov, FILE *out)
{
	size_t partial = 0, none = 0;
	for (size_t i = 0; i < cov->ntopics; i++) {
		const kb_cov_topic *t = &cov->topics[i];
		size_t gaps = kb_coverage_gaps(cov, t), present = cov->npresent;
		if (gaps == present)
			none++;
		else if (gaps && !partial++)
			fprintf(out, "kbcheck: topics without a claim in a channel:\n");
		if (!gaps || gaps == present)
			continue;
		kb_buf b = KB_BUF_INIT;
		for (int ch = 0; ch < KB_NCHANNELS; ch++)
			if (cov->present[ch])
				kb_buf_printf(&b, ", %s %zu", kb_channel_name((kb_channel)ch),
					      t->claims[ch]);
		fprintf(out, "kbcheck:   %s: %s\n", t->topic, kb_buf_cstr(&b) + 2);
		kb_buf_free(&b);
	}
	if (!none)
		return;
	fprintf(out, "kbcheck: topics without any claim: %zu of %zu:", none, cov->ntopics);
	for (size_t i = 0, k = 0; i < cov->ntopics; i++) {
		const kb_cov_topic *t = &cov->topics[i];
		if (kb_coverage_gaps(cov, t) == cov->npresent)
			fprintf(out, "%s %s", k++ ? "," : "", t->topic);
	}
	fputc('\n', out);
}

void kb_coverage_text(const kb_coverage *cov, FILE *out)
{
	size_t partial = 0, none = 0;
	for (size_t i = 0; i < cov->ntopics; i++) {
		size_t gaps = kb_coverage_gaps(cov, &cov->topics[i]);
		none += gaps == cov->npresent;
		partial += gaps && gaps < cov->npresent;
	}
	fprintf(out,
		"kbcheck: coverage: %zu file%s gave no answer; %zu value%s in answers about a "
		"topic without a claim; %zu of %zu topics with claims in some channels only, "
		"%zu without any claim\n",
		cov->unread, cov->unread == 1 ? "" : "s", cov->nunclaimed,
		cov->nunclaimed == 1 ? "" : "s", partial, cov->ntopics, none);
	text_unread(cov, out);
	text_unclaimed(cov, out);
	text_topics(cov, out);
}
