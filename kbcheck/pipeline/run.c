/* run.c - the pipeline, stage by stage.
 *
 * Sources are read and parsed (and their claims extracted) on the run's
 * workers, one source at a time per worker, each in its own arena; the
 * results are kept per source and merged in source order, so units, claims
 * and diagnostics are the same with one worker or many. */
#include "run.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../base/buf.h"
#include "../cache/cache.h"

#include "../compare/acked.h"
#include "changed.h"
#include "../compare/canon.h"
#include "../parse/parser.h"
#include "../rules/extract.h"
#include "../config/root.h"
#include "../source/suppress.h"
#include "../source/walk.h"

/* What one source gave, in its worker's arena, until the sources are
 * merged in order. */
typedef struct {
	kb_cached out;       /* units, claims, unclaimed values, why none */
	kb_vec suppressions; /* kb_suppression* */
	kb_diags *diags;     /* parsing */
	kb_diags *xdiags;    /* extraction (match limits: once per pattern) */
	bool cached;
} source_result;

typedef struct kb_run_work kb_run_work;

struct kb_run_work {
	source_result *res; /* per source */
	size_t nres;
	kb_source_index *index;
	bool extracted;
	/* Progress from the workers: counted atomically, drawn by whichever
	 * worker holds the lock. */
	pthread_mutex_t progress_lock;
	atomic_size_t done, units;
	/* Worker time spent parsing and extracting, in microseconds. */
	atomic_ullong parse_us, extract_us;
};

static unsigned long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000u + (unsigned long long)ts.tv_nsec / 1000u;
}

kb_run *kb_run_new(void)
{
	kb_run *r = calloc(1, sizeof *r);
	if (!r)
		abort();
	r->arena = kb_arena_new();
	r->diags = kb_diags_new(r->arena);
	return r;
}

void kb_run_free(kb_run *r)
{
	if (!r)
		return;
	kb_cache_close(r->cache);
	kb_rules_free(r->rules);
	for (size_t i = 0; i < r->sources.len; i++)
		kb_source_unmap(r->sources.items[i]);
	if (r->work)
		pthread_mutex_destroy(&r->work->progress_lock);
	kb_pool_free(r->pool);
	kb_arena_free(r->rules_arena);
	kb_arena_free(r->arena);
	free(r);
}

const char *kb_run_dir(kb_arena *a, const kb_run_opts *o)
{
	if (o->npaths == 0)
		return ".";
	const char *p = kb_path_shown(a, o->paths[0]);
	struct stat st;
	if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
		return p;
	const char *slash = strrchr(p, '/');
	return slash ? kb_strndup(a, p, (size_t)(slash - p)) : ".";
}

static void load_config(kb_run *r, const kb_run_opts *o)
{
	if (r->config)
		return;
	r->config = o->root_given && !o->config_path && o->npaths == 1
			    ? kb_config_load_root(r->arena, r->diags, o->paths[0])
			    : kb_config_load(r->arena, r->diags, o->config_path, kb_run_dir(r->arena, o));
	r->acks_path = kb_acks_path(r->arena, r->config->root);
}

/* Config, workers, and the folders listed (nothing read yet). */
static kb_walk *walk_paths(kb_run *r, const kb_run_opts *o)
{
	load_config(r, o);
	if (r->config->gitignore && !r->config->git_ignored) {
		size_t n;
		const char **ig = kb_git_ignored(r->arena, r->config->root, &n);
		r->config->git_ignored = ig ? ig : (const char **)KB_NEWN(r->arena, const char *, 1);
		r->config->ngit_ignored = n;
	}
	if (!r->pool)
		r->pool = kb_pool_new(o->jobs);
	static const char *const here[] = {"."};
	size_t npaths = o->npaths ? o->npaths : 1;
	const char **paths = KB_NEWN(r->arena, const char *, npaths);
	/* Walked as shown: every source path is then relative too. */
	for (size_t i = 0; i < npaths; i++)
		paths[i] = kb_path_shown(r->arena, o->npaths ? o->paths[i] : here[0]);
	return kb_sources_walk(r->arena, r->diags, r->config, &kb_parser_formats, paths, npaths);
}

/* Every source walked read, checked and detected (or, for the files the
 * cache knows unchanged, described by it). */
static void collect_walked(kb_run *r, kb_walk *walked)
{
	kb_sources_finish(walked, r->pool, r->cache ? kb_cache_known : NULL, r->cache,
			  &r->sources, &r->unread);
	kb_run_work *w = KB_NEW(r->arena, kb_run_work);
	w->nres = r->sources.len;
	w->res = KB_NEWN(r->arena, source_result, w->nres ? w->nres : 1);
	for (size_t i = 0; i < w->nres; i++)
		w->res[i].out.empty = -1;
	w->index = kb_source_index_new(r->arena, &r->sources);
	pthread_mutex_init(&w->progress_lock, NULL);
	atomic_init(&w->done, 0);
	atomic_init(&w->units, 0);
	atomic_init(&w->parse_us, 0);
	atomic_init(&w->extract_us, 0);
	r->work = w;
}

static void collect(kb_run *r, const kb_run_opts *o)
{
	collect_walked(r, walk_paths(r, o));
}

/* ---- the per-source stage ---- */

typedef struct {
	kb_run *r;
	const kb_run_opts *o;
	bool extract;                /* claims too (rules loaded) */
	kb_extractor **extractors;   /* per worker */
	/* Per worker, when extracting in the same pass: the texts of the
	 * source at hand, dropped once its claims are made (a big KB's
	 * answers are not all held at once). */
	kb_arena **texts;
	/* Per worker: the diagnostics of the source at hand (most sources have
	 * none: a list is kept only for those that do). */
	kb_diags **pdiags, **xdiags;
} stage;

static kb_diags *scratch_diags(kb_diags **slot, kb_arena *a)
{
	if (!*slot)
		*slot = kb_diags_new(a);
	else
		kb_diags_clear(*slot);
	return *slot;
}

/* The source's own list: a copy of the worker's, or NULL when empty. */
static kb_diags *keep_diags(kb_diags *from, kb_arena *a)
{
	size_t n = kb_diags_count(from);
	if (n == 0)
		return NULL;
	kb_diags *d = kb_diags_new(a);
	for (size_t k = 0; k < n; k++) {
		const kb_diag_entry *e = kb_diags_get(from, k);
		kb_diag(d, e->level, e->path, e->line, e->column, "%s", e->message);
	}
	return d;
}

static void report_progress(stage *st, size_t units)
{
	kb_run_work *w = st->r->work;
	size_t done = atomic_fetch_add(&w->done, 1) + 1;
	size_t total_units = atomic_fetch_add(&w->units, units) + units;
	if (!st->o || !st->o->progress)
		return;
	/* The bar is not thread-safe; a worker that finds it busy skips a
	 * redraw (the next one shows the count). */
	if (done == w->nres) {
		pthread_mutex_lock(&w->progress_lock);
		st->o->progress(st->o->progress_user, done, w->nres, total_units);
		pthread_mutex_unlock(&w->progress_lock);
	} else if (pthread_mutex_trylock(&w->progress_lock) == 0) {
		st->o->progress(st->o->progress_user, done, w->nres, total_units);
		pthread_mutex_unlock(&w->progress_lock);
	}
}

static kb_extractor *extractor_of(stage *st, int worker, kb_arena *a, kb_diags *d)
{
	if (!st->extractors[worker])
		st->extractors[worker] = kb_extractor_new(st->r->rules, a, d);
	else
		kb_extractor_retarget(st->extractors[worker], a, d);
	return st->extractors[worker];
}

/* Claims of the source's units; messages go to xd. */
static void extract_source(stage *st, source_result *res, int worker, kb_arena *a,
			   kb_diags *xd)
{
	unsigned long long t0 = now_us();
	kb_extractor *x = extractor_of(st, worker, a, xd);
	size_t first = res->out.claims.len;
	for (size_t k = 0; k < res->out.units.len; k++) {
		const kb_unit *u = res->out.units.items[k];
		if (u->active)
			kb_extract_unit(x, u, &res->out.claims, &res->out.unclaimed);
	}
	kb_extract_sections(x, &res->out.claims, first);
	atomic_fetch_add(&st->r->work->extract_us, now_us() - t0);
}

static void parse_one(void *arg, size_t i, int worker)
{
	stage *st = arg;
	kb_run *r = st->r;
	kb_arena *a = kb_pool_arena(r->pool, worker);
	const kb_source *s = r->sources.items[i];
	source_result *res = &r->work->res[i];
	kb_diags *pd = scratch_diags(&st->pdiags[worker], a);
	kb_diags *xd = scratch_diags(&st->xdiags[worker], a);
	kb_parse_deps deps = {.arena = a};
	bool caching = r->cache && st->extract;
	kb_arena *texts = NULL;
	if (st->extract) {
		if (!st->texts[worker])
			st->texts[worker] = kb_arena_new();
		texts = st->texts[worker];
	}
	size_t nsupp = 0;
	if (caching)
		res->cached = kb_cache_get(r->cache, i, a, &res->out, pd, xd, &nsupp);
	/* A source the cache described without reading it: read it now if
	 * it must be parsed, or has suppression comments to read. */
	if (!s->data && (!res->cached || nsupp) && !kb_source_load((kb_source *)s, a)) {
		kb_diag(pd, KB_DIAG_ERROR, s->path, 0, 0, "cannot read: the file changed or went "
							 "away during the run");
		res->cached = true; /* nothing more to do with it */
	}
	if (!res->cached) {
		unsigned long long t0 = now_us();
		const kb_parser *p = kb_parser_find(s->format);
		kb_parse_ctx ctx = {.arena = a,
				    .diags = pd,
				    .source = s,
				    .units = &res->out.units,
				    .sources = &r->sources,
				    .index = r->work->index,
				    .deps = caching ? &deps : NULL,
				    .texts = texts};
		p->parse(&ctx);
		/* Said while its bytes are at hand: a cached run reads it
		 * from the entry. */
		if (res->out.units.len == 0)
			res->out.empty_why = kb_parse_why_empty(a, s, &res->out.empty);
		atomic_fetch_add(&r->work->parse_us, now_us() - t0);
		if (st->extract)
			extract_source(st, res, worker, a, xd);
		kb_suppressions_scan(a, s, &res->suppressions);
		if (caching)
			kb_cache_put(r->cache, i, &deps, &res->out, pd, xd, res->suppressions.len);
	} else if (nsupp && s->data) {
		/* From the cache: its comments are read again only if it has
		 * some (a file without is most files: no scan). */
		kb_suppressions_scan(a, s, &res->suppressions);
	}
	res->diags = keep_diags(pd, a);
	res->xdiags = keep_diags(xd, a);
	/* Done with its units' texts (extracted and cached) and its bytes (a
	 * report quoting it brings them back). */
	if (texts) {
		for (size_t k = 0; k < res->out.units.len; k++) {
			kb_unit *u = res->out.units.items[k];
			u->text = NULL;
			u->segs = NULL;
			u->nsegs = 0;
			u->blocks = NULL;
			u->nblocks = 0;
		}
		kb_arena_reset(texts);
	}
	kb_source_release(s);
	report_progress(st, res->out.units.len);
}

static void extract_one(void *arg, size_t i, int worker)
{
	stage *st = arg;
	kb_arena *a = kb_pool_arena(st->r->pool, worker);
	source_result *res = &st->r->work->res[i];
	kb_diags *xd = scratch_diags(&st->xdiags[worker], a);
	extract_source(st, res, worker, a, xd);
	res->xdiags = keep_diags(xd, a);
}

static void run_stage(stage *st, void (*fn)(void *, size_t, int))
{
	int n = kb_pool_size(st->r->pool);
	kb_extractor *xs[n];
	kb_diags *pd[n], *xd[n];
	kb_arena *tx[n];
	memset(xs, 0, sizeof xs);
	memset(pd, 0, sizeof pd);
	memset(xd, 0, sizeof xd);
	memset(tx, 0, sizeof tx);
	st->extractors = xs;
	st->pdiags = pd;
	st->xdiags = xd;
	st->texts = tx;
	kb_pool_run(st->r->pool, st->r->work->nres, fn, st);
	for (int i = 0; i < n; i++) {
		kb_extractor_free(xs[i]);
		kb_arena_free(tx[i]);
	}
	st->extractors = NULL;
	st->pdiags = st->xdiags = NULL;
	st->texts = NULL;
}

/* Diagnostics of each source in source order (each list sorted): the same
 * whatever worker ran when.  A pattern over the match limit is reported
 * once, at its first unit. */
static void forward_diags(kb_run *r, kb_diags *from, kb_vec *seen_patterns)
{
	if (!from)
		return;
	for (size_t k = 0; k < kb_diags_count(from); k++) {
		const kb_diag_entry *e = kb_diags_get(from, k);
		if (seen_patterns) {
			bool dup = false;
			for (size_t j = 0; j < seen_patterns->len && !dup; j++) {
				const kb_diag_entry *o = seen_patterns->items[j];
				dup = o->line == e->line && o->column == e->column &&
				      !strcmp(o->path ? o->path : "", e->path ? e->path : "");
			}
			if (dup)
				continue;
			kb_vec_push(r->arena, seen_patterns, (void *)e);
		}
		kb_diag(r->diags, e->level, e->path, e->line, e->column, "%s", e->message);
	}
}

/* A source that gave no unit, for coverage (a file of context is none). */
static void note_empty(kb_run *r, const kb_source *s, const kb_cached *out)
{
	if (out->units.len || out->empty < 0)
		return;
	kb_unread *u = KB_NEW(r->arena, kb_unread);
	*u = (kb_unread){s->path, (kb_unread_reason)out->empty, out->empty_why, s->format};
	kb_vec_push(r->arena, &r->unread, u);
}

static void merge_units(kb_run *r)
{
	kb_run_work *w = r->work;
	size_t n = 0;
	for (size_t i = 0; i < w->nres; i++)
		n += w->res[i].out.units.len;
	r->units.items = KB_NEWN(r->arena, void *, n ? n : 1);
	r->units.cap = n ? n : 1;
	for (size_t i = 0; i < w->nres; i++) {
		kb_vec_extend(r->arena, &r->units, &w->res[i].out.units);
		note_empty(r, r->sources.items[i], &w->res[i].out);
		kb_vec_extend(r->arena, &r->suppressions, &w->res[i].suppressions);
		forward_diags(r, w->res[i].diags, NULL);
	}
}

static void merge_claims(kb_run *r)
{
	kb_run_work *w = r->work;
	size_t n = 0;
	for (size_t i = 0; i < w->nres; i++)
		n += w->res[i].out.claims.len;
	r->claims.items = KB_NEWN(r->arena, void *, n ? n : 1);
	r->claims.cap = n ? n : 1;
	kb_vec seen = {0};
	for (size_t i = 0; i < w->nres; i++) {
		kb_vec_extend(r->arena, &r->claims, &w->res[i].out.claims);
		kb_vec_extend(r->arena, &r->unclaimed, &w->res[i].out.unclaimed);
		forward_diags(r, w->res[i].xdiags, &seen);
	}
	w->extracted = true;
}

/* ---- silent emptiness ---- */

/* No answer at all: say why, rather than "0 files" and exit 0 (an
 * `ignore: ["*"]`, a folder of files kbcheck does not read, a wrong
 * path).  The reasons are counted as --verbose lists them. */
static void warn_no_answers(kb_run *r, const kb_run_opts *o)
{
	if (r->units.len)
		return;
	size_t count[KB_UNREAD_NREASONS] = {0};
	for (size_t i = 0; i < r->unread.len; i++)
		count[((const kb_unread *)r->unread.items[i])->reason]++;
	kb_buf why = KB_BUF_INIT;
	for (int k = 0; k < KB_UNREAD_NREASONS; k++)
		if (count[k])
			kb_buf_printf(&why, "%s%zu %s", why.len ? ", " : "", count[k],
				      kb_unread_reason_name((kb_unread_reason)k));
	const char *where = kb_path_shown(r->arena, o->npaths ? o->paths[0] : ".");
	if (why.len)
		kb_diag(r->diags, KB_DIAG_WARNING, where, 0, 0,
			"no answer to check: %zu file%s found, none read as answers (%s; "
			"--verbose lists them)",
			r->unread.len, r->unread.len == 1 ? "" : "s", kb_buf_cstr(&why));
	else
		kb_diag(r->diags, KB_DIAG_WARNING, where, 0, 0,
			"no answer to check: no file found");
	kb_buf_free(&why);
}

/* Answers in a language no rule pack has patterns for (a locale in
 * kbcheck.yml kbcheck has no rules for, a typo) state no topic's value
 * (only value drift compares them): one warning per language, at its
 * first answer. */
static void warn_unspoken(kb_run *r)
{
	enum { MAXLANG = 16 };
	const kb_unit *first[MAXLANG];
	size_t n[MAXLANG], nl = 0;
	if (!r->rules || !kb_rules_speak(r->rules, NULL))
		return; /* no pattern at all (packs that failed): said already */
	for (size_t i = 0; i < r->units.len; i++) {
		const kb_unit *u = r->units.items[i];
		size_t k = 0;
		while (k < nl && strcmp(first[k]->locale, u->locale))
			k++;
		if (k < nl) {
			n[k]++;
		} else if (nl < MAXLANG) {
			first[nl] = u;
			n[nl++] = 1;
		}
	}
	for (size_t k = 0; k < nl; k++) {
		const char *loc = first[k]->locale;
		if (!strcmp(loc, "und") || kb_rules_speak(r->rules, loc))
			continue;
		kb_diag(r->diags, KB_DIAG_WARNING, first[k]->source->path, first[k]->loc.line, first[k]->loc.column,
			"%zu answer%s in locale '%s' (the first here): no rule pack has "
			"patterns for '%s', so no topic's value is read from %s",
			n[k], n[k] == 1 ? "" : "s", loc, loc, n[k] == 1 ? "it" : "them");
	}
}

void kb_run_load(kb_run *r, const kb_run_opts *o)
{
	collect(r, o);
	stage st = {.r = r, .o = o, .extract = false};
	run_stage(&st, parse_one);
	merge_units(r);
	warn_no_answers(r, o);
}

/* The rule packs into a's memory (the run's arena, or one of their own
 * while the walk uses the run's). */
static void load_rules_into(kb_run *r, const kb_run_opts *o, kb_arena *a)
{
	r->rules = kb_rules_new(a);
	bool shipped = !o->no_shipped_rules && (!r->config || r->config->shipped_rules);
	if (shipped && o->nrule_paths == 0)
		kb_rules_load(r->rules, r->diags, kb_rules_default_dir(a, o->argv0));
	for (size_t i = 0; i < o->nrule_paths; i++)
		kb_rules_load(r->rules, r->diags, o->rule_paths[i]);
	/* Packs the KB's kbcheck.yml names are read only inside the KB and
	 * within its max_file_size; the shipped ones and those named on the
	 * command line are the user's (at most 64 MiB all the same). */
	if (r->config)
		kb_rules_set_reads(r->rules, r->config->root, r->config->max_file_size);
	for (size_t i = 0; r->config && i < r->config->nrules; i++)
		kb_rules_load(r->rules, r->diags, r->config->rules[i]);
	if (r->config)
		kb_rules_set_labels(r->rules, r->config->labels, r->config->nlabels);
}

void kb_run_load_rules(kb_run *r, const kb_run_opts *o)
{
	load_config(r, o);
	load_rules_into(r, o, r->arena);
}

typedef struct {
	kb_run *r;
	const kb_run_opts *o;
} rules_job;

static void *rules_thread(void *arg)
{
	rules_job *j = arg;
	load_rules_into(j->r, j->o, j->r->rules_arena);
	return NULL;
}

/* Does an inline comment drop topic at loc of u's file?  Which kind. */
static kb_suppression *suppressed_at(const kb_run *r, const kb_unit *u, const kb_loc *loc,
				     const char *topic)
{
	for (size_t j = 0; j < r->suppressions.len; j++) {
		kb_suppression *s = r->suppressions.items[j];
		if (s->source == u->source && kb_suppression_drops(s, loc->line, loc->start, topic))
			return s;
	}
	return NULL;
}

/* "'a', 'b'" */
static const char *topic_list(kb_arena *a, const char *const *topics)
{
	kb_buf b = {0};
	for (size_t k = 0; topics && topics[k]; k++)
		kb_buf_printf(&b, "%s'%s'", k ? ", " : "", topics[k]);
	const char *out = kb_strndup(a, b.ptr ? b.ptr : "", b.len);
	kb_buf_free(&b);
	return out;
}

/* What is wrong with an inline comment: a topic no pack knows, an enable
 * that closes nothing, a block that runs to the end of its file. */
static void warn_suppression(kb_run *r, const kb_suppression *s)
{
	static const char *const what[] = {
	    [KB_SUPPRESS_NEXT_LINE] = "kbcheck-disable-next-line",
	    [KB_SUPPRESS_BLOCK] = "kbcheck-disable",
	    [KB_SUPPRESS_STRAY] = "kbcheck-enable",
	};
	const char *path = s->source->path;
	if (s->kind == KB_SUPPRESS_STRAY) {
		kb_diag(r->diags, KB_DIAG_WARNING, path, s->line, s->column,
			s->topics[0] ? "kbcheck-enable %s: no kbcheck-disable block above is open for it"
				     : "kbcheck-enable%s: no kbcheck-disable block above is open",
			topic_list(r->arena, s->topics));
		return;
	}
	if (s->open_at_eof && s->origin)
		kb_diag(r->diags, KB_DIAG_WARNING, path, s->line, s->column,
			"kbcheck-disable block left open at the end of the file for %s%s "
			"(add kbcheck-enable)",
			s->topics[0] ? "" : "every topic but ",
			topic_list(r->arena, s->topics[0] ? s->topics : s->except));
	if (s->origin)
		return; /* its topics were said at its comment */
	for (size_t k = 0; s->topics[k]; k++)
		if (!kb_rules_find(r->rules, s->topics[k]))
			kb_diag(r->diags, KB_DIAG_WARNING, path, s->line, s->column,
				"%s names unknown topic '%s' (see kbcheck rules list)", what[s->kind],
				s->topics[k]);
}

/* Drops from v the claims (unclaimed: the kb_unclaimed values) an inline
 * comment covers; counts the claims, and those blocks dropped, in r. */
static void drop_suppressed(kb_run *r, kb_vec *v, bool unclaimed)
{
	size_t k = 0;
	for (size_t i = 0; i < v->len; i++) {
		const kb_unit *u;
		const kb_loc *loc;
		const char *topic;
		if (unclaimed) {
			const kb_unclaimed *n = v->items[i];
			u = n->unit, loc = &n->loc, topic = n->topic;
		} else {
			const kb_claim *c = v->items[i];
			u = c->unit, loc = &c->loc, topic = c->topic;
		}
		const kb_suppression *s = suppressed_at(r, u, loc, topic);
		if (!s) {
			v->items[k++] = v->items[i];
			continue;
		}
		if (unclaimed)
			continue;
		r->suppressed++;
		r->suppressed_by_block += s->kind == KB_SUPPRESS_BLOCK;
	}
	v->len = k;
}

/* Inline comments (kbcheck-disable-next-line, kbcheck-disable ...
 * kbcheck-enable blocks: source/suppress.h) drop the claims and the
 * unclaimed values of their topics; what is wrong with them is warned
 * about. */
static void apply_suppressions(kb_run *r)
{
	if (r->suppressions.len == 0)
		return;
	r->suppressed_no_reason = 0;
	for (size_t i = 0; i < r->suppressions.len; i++) {
		const kb_suppression *s = r->suppressions.items[i];
		warn_suppression(r, s);
		r->suppressed_no_reason += s->kind != KB_SUPPRESS_STRAY && !s->origin && !s->reason;
	}
	drop_suppressed(r, &r->claims, false);
	drop_suppressed(r, &r->unclaimed, true);
}

/* Whether name (kbcheck.yml topics:) is a topic or a topic.attribute the
 * rule packs know. */
static bool known_topic(const kb_rules *rules, const char *name)
{
	if (kb_rules_find(rules, name))
		return true;
	const char *dot = strrchr(name, '.');
	char topic[256];
	if (!dot || (size_t)(dot - name) >= sizeof topic)
		return false;
	memcpy(topic, name, (size_t)(dot - name));
	topic[dot - name] = '\0';
	const kb_topic *t = kb_rules_find(rules, topic);
	for (size_t i = 0; t && i < t->nattrs; i++)
		if (!strcmp(t->attrs[i].name, dot + 1))
			return true;
	return false;
}

/* kbcheck.yml topics: the claims and unclaimed values of a topic (or an
 * attribute) switched off are dropped, as suppressed ones are; names the
 * packs do not know are warned about. */
static void apply_topics_off(kb_run *r)
{
	const kb_config *c = r->config;
	if (!c || c->ntopics == 0)
		return;
	for (size_t i = 0; i < c->ntopics; i++)
		if (r->rules && !known_topic(r->rules, c->topics[i].name))
			kb_diag(r->diags, KB_DIAG_WARNING, c->path, c->topics[i].line,
				c->topics[i].column,
				"topics: unknown topic or attribute '%s' (see kbcheck rules list)",
				c->topics[i].name);
	size_t k = 0;
	for (size_t i = 0; i < r->claims.len; i++) {
		const kb_claim *cl = r->claims.items[i];
		const kb_topic_setting *t = kb_config_topic(c, cl->topic, cl->attribute);
		if (!t || t->severity)
			r->claims.items[k++] = r->claims.items[i];
	}
	r->claims.len = k;
	k = 0;
	for (size_t i = 0; i < r->unclaimed.len; i++) {
		const kb_unclaimed *n = r->unclaimed.items[i];
		const kb_topic_setting *t = kb_config_topic(c, n->topic, n->attribute);
		if (!t || t->severity)
			r->unclaimed.items[k++] = r->unclaimed.items[i];
	}
	r->unclaimed.len = k;
}

/* What inline suppressions and kbcheck.yml topics: leave out. */
static void drop_claims(kb_run *r)
{
	apply_suppressions(r);
	apply_topics_off(r);
}

/* kbcheck.yml topics: a severity for a topic's (or attribute's) findings. */
static void apply_topic_severity(kb_run *r)
{
	if (!r->config || !r->config->ntopics)
		return;
	for (size_t i = 0; i < r->findings.len; i++) {
		kb_finding *f = r->findings.items[i];
		const kb_topic_setting *t = kb_config_topic(r->config, f->topic, f->attribute);
		if (t && t->severity)
			kb_severity_parse(t->severity, &f->severity);
	}
	kb_findings_sort(&r->findings); /* worst first, as compared */
}

void kb_run_extract(kb_run *r)
{
	if (!r->work) {
		/* Units made by hand (tests): one source's worth. */
		kb_extractor *x = kb_extractor_new(r->rules, r->arena, r->diags);
		for (size_t i = 0; i < r->units.len; i++) {
			const kb_unit *u = r->units.items[i];
			if (u->active)
				kb_extract_unit(x, u, &r->claims, &r->unclaimed);
		}
		kb_extract_sections(x, &r->claims, 0);
		kb_extractor_free(x);
		drop_claims(r);
		return;
	}
	if (!r->work->extracted) {
		stage st = {.r = r, .extract = true};
		run_stage(&st, extract_one);
		merge_claims(r);
	}
	drop_claims(r);
}

/* Which sources were read without a diagnostic (the cache trusts only
 * those unread later): the walk's diagnostics name their files. */
static int cmp_ptr(const void *a, const void *b)
{
	const void *x = *(const void *const *)a, *y = *(const void *const *)b;
	return x < y ? -1 : x > y;
}

static const bool *walk_clean(kb_run *r)
{
	kb_vec named = {0};
	kb_parse_ctx ctx = {.sources = &r->sources, .index = r->work->index};
	for (size_t k = 0; k < kb_diags_count(r->diags); k++) {
		const kb_diag_entry *e = kb_diags_get(r->diags, k);
		const kb_source *s = e->path ? kb_parse_find_source(&ctx, e->path) : NULL;
		if (s)
			kb_vec_push(r->arena, &named, (void *)s);
	}
	if (named.len > 1)
		qsort(named.items, named.len, sizeof(void *), cmp_ptr);
	bool *clean = KB_NEWN(r->arena, bool, r->sources.len ? r->sources.len : 1);
	for (size_t i = 0; i < r->sources.len; i++)
		clean[i] = !named.len || !bsearch(&r->sources.items[i], named.items, named.len,
						  sizeof(void *), cmp_ptr);
	return clean;
}

void kb_run_analyze(kb_run *r, const kb_run_opts *o)
{
	/* The rule packs load on a thread of their own while the folders are
	 * listed (the diagnostics are thread-safe; the memory is apart); the
	 * cache, keyed by them, opens before any file is looked at. */
	load_config(r, o);
	r->rules_arena = kb_arena_new();
	rules_job job = {r, o};
	pthread_t rt;
	bool threaded = pthread_create(&rt, NULL, rules_thread, &job) == 0;
	if (!threaded)
		rules_thread(&job);
	kb_walk *walked = walk_paths(r, o);
	if (threaded)
		pthread_join(rt, NULL);
	if (!o->no_cache)
		r->cache = kb_cache_open(r->arena, r->diags, r->config, r->rules);
	collect_walked(r, walked);
	if (r->cache)
		kb_cache_bind(r->cache, &r->sources, r->work->index, walk_clean(r));
	stage st = {.r = r, .o = o, .extract = true};
	run_stage(&st, parse_one);
	merge_units(r);
	merge_claims(r);
	for (size_t i = 0; i < r->work->nres; i++) {
		if (r->work->res[i].cached)
			r->cached_sources++;
		else
			r->parsed_sources++;
	}
	if (r->cache)
		kb_cache_save(r->cache);
	drop_claims(r);
	warn_no_answers(r, o);
	warn_unspoken(r);
}

/* Sources the cache described without reading them have no bytes yet:
 * the reports quote the lines of findings and diagnostics, so those files
 * are read now (the same bytes: they are unchanged since they were). */
static void materialize(kb_run *r)
{
	if (!r->cache)
		return;
	const kb_vec *lists[2] = {&r->findings, &r->acked};
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->len; i++) {
			const kb_finding *f = lists[l]->items[i];
			for (size_t k = 0; k < f->nsides; k++) {
				kb_source *s = (kb_source *)f->sides[k].claim->unit->source;
				if (!s->data)
					kb_source_load(s, r->arena);
			}
		}
	kb_parse_ctx ctx = {.sources = &r->sources, .index = r->work ? r->work->index : NULL};
	for (size_t k = 0; k < kb_diags_count(r->diags); k++) {
		const kb_diag_entry *e = kb_diags_get(r->diags, k);
		kb_source *s = e->path ? (kb_source *)kb_parse_find_source(&ctx, e->path) : NULL;
		if (s && !s->data)
			kb_source_load(s, r->arena);
	}
}

void kb_run_compare(kb_run *r, const kb_run_opts *o)
{
	if (r->config && r->config->policy && r->rules)
		r->policy = kb_policy_load(r->arena, r->diags, r->config->policy,
					   r->config->root, r->config->max_file_size, r->rules);
	kb_compare(r->arena, &r->claims, r->policy, &r->findings);
	apply_topic_severity(r);
	/* Baselines and acknowledgements made before the KB root rule name
	 * paths relative to the folder given (compare.h, recipe 1). */
	kb_fingerprints_previous(r->arena, &r->findings,
				 kb_config_relpath(r->arena, r->config, kb_run_dir(r->arena, o)));
	/* Acknowledgements first: one that covers a weak finding is not
	 * stale. */
	kb_vec acks = {0};
	kb_acks_load(r->arena, r->diags, r->config->root, &acks);
	if (acks.len)
		r->acked_prev = kb_acks_apply(r->arena, r->diags, &acks,
					      o->today ? o->today : kb_today(r->arena, NULL),
					      &r->findings, &r->acked);
	if (!o->show_weak) {
		size_t k = 0;
		for (size_t i = 0; i < r->findings.len; i++) {
			kb_finding *f = r->findings.items[i];
			if (f->weak)
				kb_vec_push(r->arena, &r->weak, f);
			else
				r->findings.items[k++] = f;
		}
		r->findings.len = k;
	}
	materialize(r);
}

void kb_run_stage_times(const kb_run *r, double *parse, double *extract)
{
	*parse = r->work ? (double)atomic_load(&r->work->parse_us) / 1e6 : 0;
	*extract = r->work ? (double)atomic_load(&r->work->extract_us) / 1e6 : 0;
}

const char *kb_today(kb_arena *a, const char *now_arg)
{
	const char *arg = now_arg;
	if (!arg) {
		const char *sde = getenv("SOURCE_DATE_EPOCH");
		if (sde && *sde)
			arg = sde;
	}
	time_t t = time(NULL);
	if (arg) {
		int y, m, d;
		char tail;
		if (sscanf(arg, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 &&
		    d >= 1 && d <= 31)
			return kb_sprintf(a, "%04d-%02d-%02d", y, m, d);
		char *end;
		long long v = strtoll(arg, &end, 10);
		if (*end || end == arg)
			return NULL;
		t = (time_t)v;
	}
	/* A time past any calendar (9223372036854775807) has no day. */
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return NULL;
	return kb_sprintf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
