/* record.c - writing a run into the store, and pruning old runs.  Each is
 * one write transaction (BEGIN IMMEDIATE ... COMMIT): concurrent writers
 * queue on the lock, and a process killed midway leaves no trace. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/hash.h"
#include "../compare/coverage.h"
#include "../compare/canon.h"

/* Claims by address: which were recorded (their row id) and which a finding
 * names as deviating.  Open addressing; sized once for every claim. */
typedef struct {
	const kb_claim *claim;
	int64_t id;
	bool deviates;
} claim_slot;

typedef struct {
	claim_slot *slots;
	size_t cap;
	kb_vec order; /* claim_slot*, in insertion order */
} claim_map;

static claim_slot *claim_get(kb_arena *a, claim_map *m, const kb_claim *c)
{
	uintptr_t h = (uintptr_t)c;
	h ^= h >> 17;
	h *= UINT64_C(0xed5ad4bb);
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		claim_slot *s = &m->slots[i];
		if (s->claim == c)
			return s;
		if (!s->claim) {
			s->claim = c;
			kb_vec_push(a, &m->order, s);
			return s;
		}
	}
}

/* Per channel and locale counts. */
typedef struct {
	const char *channel, *locale;
	int64_t units, claims;
} count_row;

static count_row *count_get(kb_arena *a, kb_vec *rows, const char *channel, const char *locale)
{
	for (size_t i = 0; i < rows->len; i++) {
		count_row *r = rows->items[i];
		if (!strcmp(r->channel, channel) && !strcmp(r->locale, locale))
			return r;
	}
	count_row *r = KB_NEW(a, count_row);
	r->channel = channel;
	r->locale = locale;
	kb_vec_push(a, rows, r);
	return r;
}

static const char *unit_locale(const kb_unit *u) { return u->locale ? u->locale : "und"; }

static const char *fmt_value(kb_arena *a, const kb_value *v)
{
	if (!v)
		return NULL;
	kb_buf b = KB_BUF_INIT;
	kb_value_format(&b, v);
	const char *s = kb_strdup(a, kb_buf_cstr(&b));
	kb_buf_free(&b);
	return s;
}

/* The fields a claims row holds, and their hash (its identity). */
typedef struct {
	const char *topic, *attribute, *scope, *path, *relpath, *channel, *locale, *format,
	    *unit_id, *question, *sentence, *quote, *value, *value_key;
	int line, col, end_line, end_col;
	char hash[33];
} claim_row;

static uint64_t hash_str(uint64_t h, const char *s)
{
	if (s)
		h = kb_hash(h, s, strlen(s));
	return kb_hash(h, "\x1f", 1);
}

static void claim_row_of(kb_arena *a, const kb_claim *c, claim_row *row)
{
	const kb_source *src = c->unit->source;
	*row = (claim_row){
	    .topic = c->topic,
	    .attribute = c->attribute,
	    .scope = kb_scope_key(a, &c->scope),
	    .path = src->path,
	    .relpath = src->relpath ? src->relpath : src->path,
	    .channel = kb_channel_name(src->channel),
	    .locale = unit_locale(c->unit),
	    .format = src->format ? src->format : "",
	    .unit_id = c->unit->id,
	    .question = c->unit->question,
	    .sentence = c->sentence,
	    .quote = c->quote ? c->quote : "",
	    .value = fmt_value(a, &c->value),
	    .value_key = kb_value_key(a, &c->value),
	    .line = c->loc.line,
	    .col = c->loc.column,
	    .end_line = c->loc.end_line,
	    .end_col = c->loc.end_column,
	};
	const char *fields[] = {row->topic,   row->attribute, row->scope,    row->path,
				row->relpath, row->channel,   row->locale,   row->format,
				row->unit_id, row->question,  row->sentence, row->quote,
				row->value,   row->value_key};
	/* Two differently seeded 64-bit hashes: collisions would merge claims. */
	uint64_t h1 = KB_HASH_INIT, h2 = KB_HASH_INIT ^ UINT64_C(0x9e3779b97f4a7c15);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		h1 = hash_str(h1, fields[i]);
		h2 = hash_str(h2, fields[i]);
	}
	int pos[] = {row->line, row->col, row->end_line, row->end_col};
	h1 = kb_hash(h1, pos, sizeof pos);
	h2 = kb_hash(h2, pos, sizeof pos);
	snprintf(row->hash, sizeof row->hash, "%016llx%016llx", (unsigned long long)h1,
		 (unsigned long long)h2);
}

typedef struct {
	kb_store *s;
	kb_arena *a;
	const char *root; /* the KB root + "/", removed from stored texts; or NULL */
	sqlite3_stmt *claim_find, *claim_ins, *run_claim_ins;
	sqlite3_stmt *finding_find, *finding_ins, *finding_first, *sight_ins, *side_ins;
} recorder;

/* Text with the KB root's path removed ("/ci/build/kb/policy.yml:4" ->
 * "policy.yml:4"), so that what is stored does not depend on where the KB
 * was checked out, as relpath and fingerprints do not. */
static const char *unrooted(recorder *w, const char *s)
{
	if (!s || !w->root || !strstr(s, w->root))
		return s;
	kb_buf b = KB_BUF_INIT;
	size_t n = strlen(w->root);
	for (const char *p = s, *hit; *p; p = hit + n) {
		hit = strstr(p, w->root);
		if (!hit) {
			kb_buf_puts(&b, p);
			break;
		}
		kb_buf_put(&b, p, (size_t)(hit - p));
	}
	const char *out = kb_strdup(w->a, kb_buf_cstr(&b));
	kb_buf_free(&b);
	return out;
}

static bool step_done(recorder *w, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || kb_store_fail(w->s, "cannot record the run");
}

static bool record_claim(recorder *w, claim_slot *slot, int64_t run_id)
{
	claim_row row;
	claim_row_of(w->a, slot->claim, &row);
	sqlite3_bind_text(w->claim_find, 1, row.hash, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(w->claim_find);
	if (rc == SQLITE_ROW)
		slot->id = sqlite3_column_int64(w->claim_find, 0);
	sqlite3_reset(w->claim_find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return kb_store_fail(w->s, "cannot record the run");
	if (rc == SQLITE_DONE) {
		sqlite3_stmt *st = w->claim_ins;
		const char *text[] = {row.hash,	  row.topic,   row.attribute, row.scope,
				      row.path,	  row.relpath, row.channel,   row.locale,
				      row.format, row.unit_id, row.question,  row.sentence,
				      row.quote,  row.value,   row.value_key};
		int n = (int)(sizeof text / sizeof text[0]);
		for (int i = 0; i < n; i++)
			kb_store_bind_text(st, i + 1, text[i]);
		sqlite3_bind_int(st, n + 1, row.line);
		sqlite3_bind_int(st, n + 2, row.col);
		sqlite3_bind_int(st, n + 3, row.end_line);
		sqlite3_bind_int(st, n + 4, row.end_col);
		if (!step_done(w, st))
			return false;
		slot->id = sqlite3_last_insert_rowid(w->s->db);
	}
	sqlite3_bind_int64(w->run_claim_ins, 1, run_id);
	sqlite3_bind_int64(w->run_claim_ins, 2, slot->id);
	sqlite3_bind_int(w->run_claim_ins, 3, slot->deviates);
	return step_done(w, w->run_claim_ins);
}

static bool record_finding(recorder *w, claim_map *claims, const kb_finding *f, int64_t run_id,
			   int64_t time)
{
	const char *scope = kb_scope_key(w->a, &f->scope);
	int64_t id = 0, first_seen = 0;
	sqlite3_bind_text(w->finding_find, 1, f->fingerprint, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(w->finding_find);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(w->finding_find, 0);
		first_seen = sqlite3_column_int64(w->finding_find, 1);
	}
	sqlite3_reset(w->finding_find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return kb_store_fail(w->s, "cannot record the run");
	if (rc == SQLITE_DONE) {
		sqlite3_stmt *st = w->finding_ins;
		kb_store_bind_text(st, 1, f->fingerprint);
		kb_store_bind_text(st, 2, f->topic);
		kb_store_bind_text(st, 3, f->attribute);
		kb_store_bind_text(st, 4, scope);
		sqlite3_bind_int64(st, 5, time);
		if (!step_done(w, st))
			return false;
		id = sqlite3_last_insert_rowid(w->s->db);
	} else if (time < first_seen) {
		/* A run recorded late with an earlier time (backfill). */
		sqlite3_bind_int64(w->finding_first, 1, time);
		sqlite3_bind_int64(w->finding_first, 2, id);
		if (!step_done(w, w->finding_first))
			return false;
	}
	sqlite3_stmt *st = w->sight_ins;
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_int64(st, 2, id);
	kb_store_bind_text(st, 3, kb_severity_name(f->severity));
	kb_store_bind_text(st, 4, f->message ? unrooted(w, f->message) : "");
	kb_store_bind_text(st, 5, fmt_value(w->a, f->majority));
	sqlite3_bind_int64(st, 6, (int64_t)f->majority_count);
	sqlite3_bind_int64(st, 7, (int64_t)f->sources);
	kb_store_bind_text(st, 8, fmt_value(w->a, f->canonical));
	kb_store_bind_text(st, 9, f->canonical ? unrooted(w, f->canonical_source) : NULL);
	sqlite3_bind_int(st, 10, f->ack_reason != NULL);
	kb_store_bind_text(st, 11, f->ack_reason);
	kb_store_bind_text(st, 12, f->ack_reason ? f->ack_by : NULL);
	if (!step_done(w, st))
		return false;
	for (size_t i = 0; i < f->nsides; i++) {
		const kb_side *sd = &f->sides[i];
		claim_slot *slot = claim_get(w->a, claims, sd->claim);
		sqlite3_bind_int64(w->side_ins, 1, run_id);
		sqlite3_bind_int64(w->side_ins, 2, id);
		sqlite3_bind_int64(w->side_ins, 3, (int64_t)i);
		sqlite3_bind_int64(w->side_ins, 4, slot->id);
		sqlite3_bind_int(w->side_ins, 5, sd->deviates);
		kb_store_bind_text(w->side_ins, 6, sd->suggestion);
		if (!step_done(w, w->side_ins))
			return false;
	}
	return true;
}

/* The policy's canonical value for every topic attribute and scope that
 * some claim states: the policy the run compared with (kb_run.policy). */
static bool record_canonical(recorder *w, const kb_run *r, int64_t run_id)
{
	const kb_policy *p = r->policy;
	if (!p)
		return true;
	sqlite3_stmt *st = kb_store_prepare(
	    w->s, "INSERT OR IGNORE INTO run_canonical(run_id, topic, attribute, scope, value, "
		  "value_key, source) VALUES (?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return false;
	bool ok = true;
	for (size_t i = 0; ok && i < r->claims.len; i++) {
		const kb_claim *c = r->claims.items[i];
		const char *where = NULL;
		const kb_value *v = kb_policy_value(p, c->topic, c->attribute, &c->scope, &where);
		if (!v)
			continue;
		sqlite3_bind_int64(st, 1, run_id);
		kb_store_bind_text(st, 2, c->topic);
		kb_store_bind_text(st, 3, c->attribute);
		kb_store_bind_text(st, 4, kb_scope_key(w->a, &c->scope));
		kb_store_bind_text(st, 5, fmt_value(w->a, v));
		kb_store_bind_text(st, 6, kb_value_key(w->a, v));
		kb_store_bind_text(st, 7, unrooted(w, where));
		ok = step_done(w, st);
	}
	sqlite3_finalize(st);
	return ok;
}

static bool record_counts(recorder *w, const kb_run *r, int64_t run_id)
{
	kb_vec rows = {0};
	for (size_t i = 0; i < r->units.len; i++) {
		const kb_unit *u = r->units.items[i];
		count_get(w->a, &rows, kb_channel_name(u->source->channel), unit_locale(u))
		    ->units++;
	}
	for (size_t i = 0; i < r->claims.len; i++) {
		const kb_unit *u = ((const kb_claim *)r->claims.items[i])->unit;
		count_get(w->a, &rows, kb_channel_name(u->source->channel), unit_locale(u))
		    ->claims++;
	}
	sqlite3_stmt *st = kb_store_prepare(w->s, "INSERT INTO run_counts(run_id, channel, locale, "
						  "units, claims) VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return false;
	bool ok = true;
	for (size_t i = 0; ok && i < rows.len; i++) {
		const count_row *c = rows.items[i];
		sqlite3_bind_int64(st, 1, run_id);
		kb_store_bind_text(st, 2, c->channel);
		kb_store_bind_text(st, 3, c->locale);
		sqlite3_bind_int64(st, 4, c->units);
		sqlite3_bind_int64(st, 5, c->claims);
		ok = step_done(w, st);
	}
	sqlite3_finalize(st);
	return ok;
}

/* Files that gave no answer, by reason (each reason's first files). */
static bool record_unread(recorder *w, const kb_coverage *cov, int64_t run_id)
{
	sqlite3_stmt *st = kb_store_prepare(
	    w->s, "INSERT INTO run_unread(run_id, reason, files) VALUES (?, ?, ?)");
	sqlite3_stmt *fst = kb_store_prepare(w->s, "INSERT INTO run_unread_files(run_id, reason, "
						   "seq, path, format, detail) VALUES (?, ?, ?, ?, ?, ?)");
	bool ok = st && fst;
	for (size_t i = 0; ok && i < cov->nreasons; i++) {
		const kb_cov_reason *r = &cov->reasons[i];
		const char *reason = kb_unread_reason_name(r->reason);
		sqlite3_bind_int64(st, 1, run_id);
		kb_store_bind_text(st, 2, reason);
		sqlite3_bind_int64(st, 3, (int64_t)r->count);
		ok = step_done(w, st);
		for (size_t k = 0; ok && k < r->nfiles; k++) {
			sqlite3_bind_int64(fst, 1, run_id);
			kb_store_bind_text(fst, 2, reason);
			sqlite3_bind_int64(fst, 3, (int64_t)k);
			kb_store_bind_text(fst, 4, r->files[k]->path);
			kb_store_bind_text(fst, 5, r->files[k]->format);
			kb_store_bind_text(fst, 6, r->files[k]->detail);
			ok = step_done(w, fst);
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(fst);
	return ok;
}

/* The first values without a claim, and the claims per topic and channel. */
static bool record_claimless(recorder *w, const kb_coverage *cov, int64_t run_id)
{
	sqlite3_stmt *st = kb_store_prepare(
	    w->s, "INSERT INTO run_unclaimed(run_id, seq, topic, attribute, path, relpath, line, "
		  "col, end_line, end_col, channel, locale, unit_id, quote, weak) VALUES (?, ?, ?, "
		  "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	bool ok = st != NULL;
	for (size_t i = 0; ok && i < cov->nlisted; i++) {
		const kb_unclaimed *n = cov->unclaimed[i];
		const kb_source *src = n->unit->source;
		sqlite3_bind_int64(st, 1, run_id);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		const char *text[] = {n->topic, n->attribute, src->path,
				      src->relpath ? src->relpath : src->path};
		for (int k = 0; k < 4; k++)
			kb_store_bind_text(st, 3 + k, text[k]);
		const int pos[] = {n->loc.line, n->loc.column, n->loc.end_line, n->loc.end_column};
		for (int k = 0; k < 4; k++)
			sqlite3_bind_int(st, 7 + k, pos[k]);
		kb_store_bind_text(st, 11, kb_channel_name(src->channel));
		kb_store_bind_text(st, 12, unit_locale(n->unit));
		kb_store_bind_text(st, 13, n->unit->id);
		kb_store_bind_text(st, 14, n->quote);
		sqlite3_bind_int(st, 15, n->weak);
		ok = step_done(w, st);
	}
	sqlite3_finalize(st);
	st = ok ? kb_store_prepare(w->s, "INSERT INTO run_topics(run_id, topic, channel, claims) "
					 "VALUES (?, ?, ?, ?)")
		: NULL;
	ok = st != NULL;
	for (size_t i = 0; ok && i < cov->ntopics; i++)
		for (int ch = 0; ok && ch < KB_NCHANNELS; ch++) {
			if (!cov->present[ch])
				continue;
			sqlite3_bind_int64(st, 1, run_id);
			kb_store_bind_text(st, 2, cov->topics[i].topic);
			kb_store_bind_text(st, 3, kb_channel_name((kb_channel)ch));
			sqlite3_bind_int64(st, 4, (int64_t)cov->topics[i].claims[ch]);
			ok = step_done(w, st);
		}
	sqlite3_finalize(st);
	return ok;
}

/* Findings to record: r->findings then r->acked, each fingerprint once
 * (`check --show-acked` puts acknowledged findings in both). */
static void collect_findings(kb_arena *a, const kb_run *r, kb_vec *out, int64_t *open,
			     int64_t *acked)
{
	const kb_vec *lists[2] = {&r->findings, &r->acked};
	size_t cap = 16;
	while (cap < 2 * (r->findings.len + r->acked.len) + 1)
		cap *= 2;
	const char **seen = KB_NEWN(a, const char *, cap);
	*open = *acked = 0;
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->len; i++) {
			const kb_finding *f = lists[l]->items[i];
			size_t k = kb_hash(KB_HASH_INIT, f->fingerprint, strlen(f->fingerprint)) &
				   (cap - 1);
			while (seen[k] && strcmp(seen[k], f->fingerprint))
				k = (k + 1) & (cap - 1);
			if (seen[k])
				continue;
			seen[k] = f->fingerprint;
			kb_vec_push(a, out, (void *)f);
			if (f->ack_reason)
				++*acked;
			else
				++*open;
		}
}

static bool prepare_all(recorder *w)
{
	struct {
		sqlite3_stmt **st;
		const char *sql;
	} list[] = {
	    {&w->claim_find, "SELECT id FROM claims WHERE hash = ?"},
	    {&w->claim_ins,
	     "INSERT INTO claims(hash, topic, attribute, scope, path, relpath, channel, locale, "
	     "format, unit_id, question, sentence, quote, value, value_key, line, col, end_line, "
	     "end_col) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
	    {&w->run_claim_ins,
	     "INSERT OR IGNORE INTO run_claims(run_id, claim_id, deviates) VALUES (?, ?, ?)"},
	    {&w->finding_find, "SELECT id, first_seen FROM findings WHERE fingerprint = ?"},
	    {&w->finding_ins, "INSERT INTO findings(fingerprint, topic, attribute, scope, "
			      "first_seen) VALUES (?, ?, ?, ?, ?)"},
	    {&w->finding_first, "UPDATE findings SET first_seen = ? WHERE id = ?"},
	    {&w->sight_ins,
	     "INSERT INTO sightings(run_id, finding_id, severity, message, majority, "
	     "majority_count, sources, canonical, canonical_source, acked, ack_reason, ack_by) "
	     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
	    {&w->side_ins, "INSERT INTO sides(run_id, finding_id, seq, claim_id, deviates, "
			   "suggestion) VALUES (?, ?, ?, ?, ?, ?)"},
	};
	for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
		if (!(*list[i].st = kb_store_prepare(w->s, list[i].sql)))
			return false;
	return true;
}

static void finalize_all(recorder *w)
{
	sqlite3_stmt *all[] = {w->claim_find,  w->claim_ins,	 w->run_claim_ins, w->finding_find,
			       w->finding_ins, w->finding_first, w->sight_ins,	   w->side_ins};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		sqlite3_finalize(all[i]);
}

static bool insert_run(recorder *w, const kb_run *r, const kb_store_run_info *info, int64_t open,
		       int64_t acked, int64_t *run_id)
{
	int64_t errors = 0;
	for (size_t i = 0; i < kb_diags_count(r->diags); i++)
		errors += kb_diags_get(r->diags, i)->level == KB_DIAG_ERROR;
	const char *url = info->source_url;
	if (!url && r->config)
		url = r->config->report_source_url;
	sqlite3_stmt *st = kb_store_prepare(
	    w->s, "INSERT INTO runs(time, revision, tool_version, source_url, files, units, "
		  "claims, findings, acked, input_errors, unclaimed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
		  "?, ?, ?)");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, info->time);
	kb_store_bind_text(st, 2, info->revision);
	kb_store_bind_text(st, 3, info->tool_version ? info->tool_version : KB_VERSION);
	kb_store_bind_text(st, 4, url);
	sqlite3_bind_int64(st, 5, (int64_t)r->sources.len);
	sqlite3_bind_int64(st, 6, (int64_t)r->units.len);
	sqlite3_bind_int64(st, 7, (int64_t)r->claims.len);
	sqlite3_bind_int64(st, 8, open);
	sqlite3_bind_int64(st, 9, acked);
	sqlite3_bind_int64(st, 10, errors);
	sqlite3_bind_int64(st, 11, (int64_t)r->unclaimed.len);
	bool ok = step_done(w, st);
	sqlite3_finalize(st);
	*run_id = sqlite3_last_insert_rowid(w->s->db);
	return ok;
}

bool kb_store_record_run(kb_store *s, const kb_run *r, const kb_store_run_info *info)
{
	kb_arena *a = kb_arena_new();
	recorder w = {.s = s, .a = a};
	if (r->config && r->config->root && strcmp(r->config->root, "."))
		w.root = kb_sprintf(a, "%s/", r->config->root);

	/* Everything that needs no database first, to keep the write lock short. */
	kb_vec findings = {0};
	int64_t open, acked;
	collect_findings(a, r, &findings, &open, &acked);
	size_t nsides = 0;
	for (size_t i = 0; i < findings.len; i++)
		nsides += ((const kb_finding *)findings.items[i])->nsides;
	claim_map claims = {.cap = 16};
	while (claims.cap < 2 * (r->claims.len + nsides) + 1)
		claims.cap *= 2;
	claims.slots = KB_NEWN(a, claim_slot, claims.cap);
	const kb_coverage *cov =
	    kb_coverage_make(a, &r->units, &r->claims, &r->unread, &r->unclaimed, r->rules);
	for (size_t i = 0; i < r->claims.len; i++)
		claim_get(a, &claims, r->claims.items[i]);
	for (size_t i = 0; i < findings.len; i++) {
		const kb_finding *f = findings.items[i];
		for (size_t k = 0; k < f->nsides; k++)
			if (f->sides[k].deviates)
				claim_get(a, &claims, f->sides[k].claim)->deviates = true;
			else
				claim_get(a, &claims, f->sides[k].claim);
	}

	bool ok = kb_store_exec(s, "BEGIN IMMEDIATE", "cannot record the run");
	if (!ok) {
		kb_arena_free(a);
		return false;
	}
	int64_t run_id = 0;
	ok = prepare_all(&w) && insert_run(&w, r, info, open, acked, &run_id) &&
	     record_counts(&w, r, run_id);
	for (size_t i = 0; ok && i < claims.order.len; i++)
		ok = record_claim(&w, claims.order.items[i], run_id);
	for (size_t i = 0; ok && i < findings.len; i++)
		ok = record_finding(&w, &claims, findings.items[i], run_id, info->time);
	ok = ok && record_canonical(&w, r, run_id) && record_unread(&w, cov, run_id) &&
	     record_claimless(&w, cov, run_id);
	finalize_all(&w);
	if (ok && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		ok = kb_store_fail(s, "cannot record the run");
	if (!ok)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	else
		s->last_run = run_id;
	kb_arena_free(a);
	return ok;
}

bool kb_store_prune(kb_store *s, int64_t before, int64_t *runs, int64_t *findings)
{
	*runs = *findings = 0;
	if (!kb_store_exec(s, "BEGIN IMMEDIATE", "cannot prune the database"))
		return false;
	sqlite3_stmt *del =
	    kb_store_prepare(s, "DELETE FROM runs WHERE time < ? AND id <> "
				"(SELECT id FROM runs ORDER BY time DESC, id DESC LIMIT 1)");
	bool ok = del != NULL;
	if (ok) {
		/* Cascades to run_counts, run_claims, run_canonical, sightings
		 * and their sides. */
		sqlite3_bind_int64(del, 1, before);
		ok = sqlite3_step(del) == SQLITE_DONE ||
		     kb_store_fail(s, "cannot prune the database");
		*runs = sqlite3_changes(s->db);
	}
	sqlite3_finalize(del);
	/* Findings no run saw any more; claims nothing refers to.  Findings
	 * still seen keep first_seen, so their age stays true. */
	ok = ok && kb_store_exec(s,
				 "DELETE FROM findings WHERE id NOT IN "
				 "(SELECT finding_id FROM sightings)",
				 "cannot prune the database");
	if (ok)
		*findings = sqlite3_changes(s->db);
	ok = ok && kb_store_exec(s,
				 "DELETE FROM claims WHERE id NOT IN (SELECT claim_id FROM "
				 "run_claims) AND id NOT IN (SELECT claim_id FROM sides)",
				 "cannot prune the database");
	if (ok && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		ok = kb_store_fail(s, "cannot prune the database");
	if (!ok) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		*runs = *findings = 0;
	}
	return ok;
}
