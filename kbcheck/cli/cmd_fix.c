/* cmd_fix.c - `kbcheck fix`: the suggested wording of findings applied to
 * the source files (fix/fix.h plans the edits).
 *
 * A dry run by default: the unified diff on stdout.  With --write each
 * file is written only if its bytes are still those the run read (a hash
 * of them), atomically and never through a symbolic link out of the KB
 * (base/files.h); then the knowledge base is read again, and a file in
 * which a fixed claim does not now state its target value is put back as
 * it was, and said so.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/files.h"
#include "../base/hash.h"
#include "../base/text.h"
#include "../fix/fix.h"
#include "../pipeline/run.h"
#include "cli.h"
#include "exit.h"
#include "runopts.h"

static const char usage[] =
    "usage: kbcheck fix [options] [PATH...]\n"
    "\n"
    "Apply the suggested wording of findings to the source files.  Prints the\n"
    "changes as a unified diff; --write makes them.  By default only statements\n"
    "that deviate from the policy file (policy.yml) are fixed.\n"
    "\n"
    "      --write            change the files (each is checked again after:\n"
    "                         an edit that does not give the value is undone)\n"
    "      --only policy      only deviations from the policy file (the default)\n"
    "      --majority         also findings with no policy, toward the majority\n"
    "                         value (asks for each file, unless --yes)\n"
    "  -y, --yes              do not ask\n"
    "      --fingerprint FP   only this finding (repeatable)\n"
    "      --topic ID         only this topic (repeatable)\n"
    "  -c, --config FILE      project config\n"
    "  -r, --rules PATH       rule pack file or directory (repeatable)\n"
    "  -j, --jobs N           sources read at once (default: one per CPU)\n"
    "      --no-cache         parse every file (.kbcheck/cache/ not used)\n"
    "  -h, --help             this help\n"
    "\n"
    "Exit status: 0 every selected statement fixed (or shown), 1 some could not be\n"
    "(each said on stderr with its reason), 2 usage or input error.\n";

enum { MAX_LIST = 64 };

typedef struct {
	kb_run_opts run;
	kb_cli_rules rules;
	const char *fps[MAX_LIST], *topics[MAX_LIST];
	size_t nfps, ntopics;
	bool write, majority, yes;
} xopts;

/* One statement to fix: its claim and the value it must state after. */
typedef struct fixone {
	const kb_claim *claim;
	const kb_value *target;
	const char *finding; /* topic.attribute, for messages */
} fixone;

/* A file to change. */
typedef struct xfile {
	const kb_source *src;
	kb_vec edits; /* kb_edit* */
	kb_vec fixes; /* fixone* */
	bool majority; /* a fix toward the majority only: ask first */
	bool refused;
	uint64_t hash; /* of the bytes the run read */
	kb_buf old;    /* the bytes replaced, for putting them back */
	bool written;
} xfile;

typedef struct {
	kb_run *r;
	const xopts *o;
	kb_vec files; /* xfile* */
	size_t fixed, refused, declined;
	bool error;
} xrun;

static int parse(int argc, char **argv, xopts *o)
{
	enum { OPT_WRITE = 256, OPT_ONLY, OPT_MAJORITY, OPT_FP, OPT_TOPIC };
	static const struct option longopts[] = {
	    {"write", no_argument, NULL, OPT_WRITE},
	    {"only", required_argument, NULL, OPT_ONLY},
	    {"majority", no_argument, NULL, OPT_MAJORITY},
	    {"yes", no_argument, NULL, 'y'},
	    {"fingerprint", required_argument, NULL, OPT_FP},
	    {"topic", required_argument, NULL, OPT_TOPIC},
	    {"config", required_argument, NULL, 'c'},
	    {"rules", required_argument, NULL, 'r'},
	    {"jobs", required_argument, NULL, 'j'},
	    {"no-cache", no_argument, NULL, KB_CLI_NO_CACHE},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	o->run.argv0 = argv[0];
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "yc:r:j:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_WRITE:
			o->write = true;
			break;
		case OPT_ONLY:
			if (strcmp(optarg, "policy") != 0) {
				kb_say("kbcheck: --only takes 'policy' (--majority fixes more), not '%s'",
				    optarg);
				return KB_EXIT_ERROR;
			}
			o->majority = false;
			break;
		case OPT_MAJORITY:
			o->majority = true;
			break;
		case 'y':
			o->yes = true;
			break;
		case OPT_FP:
		case OPT_TOPIC: {
			const char **list = c == OPT_FP ? o->fps : o->topics;
			size_t *n = c == OPT_FP ? &o->nfps : &o->ntopics;
			if (*n < MAX_LIST)
				list[(*n)++] = optarg;
			break;
		}
		case 'h':
			fputs(usage, stdout);
			return KB_EXIT_OK;
		default:
			if (kb_cli_run_option(c, optarg, &o->run, &o->rules))
				break;
			return kb_cli_bad_option(argv[optind - 1], longopts, usage);
		}
	}
	kb_cli_run_paths(&o->run, &o->rules, argc, argv, optind);
	return -1;
}

/* The check every command runs (kb_run_check, with the cache); the units
 * to rewrite get their text and map back in plan() (the check drops
 * them). */
static kb_run *run_all(const xopts *o)
{
	kb_run *r = kb_run_new();
	kb_run_opts ro = o->run;
	ro.today = kb_today(r->arena, NULL);
	kb_run_check(r, &ro);
	return r;
}

static bool listed(const char *s, const char *const *list, size_t n)
{
	if (!n)
		return true;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

static bool selected(const xopts *o, const kb_finding *f)
{
	if (!listed(f->fingerprint, o->fps, o->nfps) || !listed(f->topic, o->topics, o->ntopics))
		return false;
	/* A possible conflict (a value inside a range) is no deviation to
	 * rewrite unless asked for by its fingerprint. */
	if (f->severity == KB_SEV_NOTE && !o->nfps)
		return false;
	return f->canonical || (o->majority && f->majority);
}

static void refuse(xrun *x, const kb_claim *c, const char *why)
{
	kb_say("%s:%d:%d: not fixed [%s.%s]: %s", c->unit->source->path, c->loc.line, c->loc.column,
	    c->topic, c->attribute, why);
	x->refused++;
}

/* A member of a zip export: "<...>.zip/<member>". */
static bool in_zip(const char *path)
{
	for (const char *p = path; (p = strchr(p, '/')) != NULL; p++)
		if (p - path >= 4 && !strncasecmp(p - 4, ".zip", 4))
			return true;
	return false;
}

static xfile *file_of(xrun *x, const kb_source *s)
{
	for (size_t i = 0; i < x->files.len; i++) {
		xfile *f = x->files.items[i];
		if (f->src == s)
			return f;
	}
	xfile *f = KB_NEW(x->r->arena, xfile);
	f->src = s;
	f->hash = kb_hash_buf(s->data, s->len, 0);
	kb_vec_push(x->r->arena, &x->files, f);
	return f;
}

static void plan_side(xrun *x, const kb_finding *f, const kb_side *sd)
{
	const kb_claim *c = sd->claim;
	const kb_source *s = c->unit->source;
	const char *why = NULL;
	if (!sd->suggestion)
		why = "no suggested wording (no value to rewrite it with in its language)";
	else if (in_zip(s->path))
		why = "inside a .zip export: not fixable in place (fix the KB it was exported from)";
	else if (s->modified)
		why = "the file's bytes were repaired on reading (a byte order mark, UTF-16, NUL "
		      "bytes): fix it by hand";
	else if (!s->relpath || !strncmp(s->relpath, "../", 3))
		why = "the file is outside the knowledge base's root";
	if (why) {
		refuse(x, c, why);
		return;
	}
	xfile *xf = file_of(x, s);
	if (!kb_fix_plan(x->r->arena, c, sd->suggestion, &xf->edits, &why)) {
		refuse(x, c, why);
		return;
	}
	fixone *one = KB_NEW(x->r->arena, fixone);
	one->claim = c;
	one->target = f->canonical ? f->canonical : f->majority;
	one->finding = kb_sprintf(x->r->arena, "%s.%s", f->topic, f->attribute);
	kb_vec_push(x->r->arena, &xf->fixes, one);
	xf->majority |= !f->canonical;
}

static int cmp_file(const void *pa, const void *pb)
{
	const xfile *a = *(xfile *const *)pa, *b = *(xfile *const *)pb;
	return strcmp(a->src->path, b->src->path);
}

static void plan(xrun *x)
{
	const kb_vec *fs = &x->r->findings;
	for (size_t i = 0; i < fs->len; i++) {
		const kb_finding *f = fs->items[i];
		if (!selected(x->o, f))
			continue;
		kb_run_finding_texts(x->r, f);
		for (size_t j = 0; j < f->nsides; j++)
			if (f->sides[j].deviates)
				plan_side(x, f, &f->sides[j]);
	}
	if (x->files.len > 1)
		qsort(x->files.items, x->files.len, sizeof(void *), cmp_file);
	for (size_t i = 0; i < x->files.len; i++) {
		xfile *xf = x->files.items[i];
		size_t at;
		if (kb_fix_sort(&xf->edits, &at))
			continue;
		int line, col;
		kb_source_pos(xf->src, at, &line, &col);
		kb_say("%s:%d:%d: not fixed: two findings ask for different wording of the same words "
		    "(ambiguous): decide by hand, or fix one with --fingerprint",
		    xf->src->path, line, col);
		xf->refused = true;
		x->refused += xf->fixes.len;
	}
}

/* Ask whether to change a file fixed toward the majority: y or yes. */
static bool confirm(const xfile *xf)
{
	kb_fprintf_safe(stderr, "kbcheck: %s: no policy says these values; apply the change "
				"toward the majority? [y/N] ", xf->src->path);
	fflush(stderr);
	char line[64];
	if (!fgets(line, sizeof line, stdin))
		return false;
	return !strcasecmp(line, "y\n") || !strcasecmp(line, "yes\n") || !strcasecmp(line, "y") ||
	       !strcasecmp(line, "yes");
}

static const char *root_of(const xrun *x) { return x->r->config->root; }

static void write_file(xrun *x, xfile *xf)
{
	const kb_source *s = xf->src;
	int got = kb_read_beneath(root_of(x), s->relpath, &xf->old, SIZE_MAX);
	if (got <= 0) {
		kb_say("%s: not fixed: %s", s->path,
		    got == 0 ? "it is gone"
		    : errno == ELOOP || errno == ENOTDIR
			? "it is a symbolic link, or a folder on its way is, and kbcheck never "
			  "writes through one: fix the file it leads to"
			: strerror(errno));
		x->refused += xf->fixes.len;
		return;
	}
	if (kb_hash_buf(xf->old.ptr, xf->old.len, 0) != xf->hash || xf->old.len != s->len) {
		kb_say("%s: not fixed: the file changed since kbcheck read it; run kbcheck fix again",
		    s->path);
		x->refused += xf->fixes.len;
		return;
	}
	kb_buf nb = KB_BUF_INIT;
	kb_fix_apply(xf->old.ptr, xf->old.len, &xf->edits, &nb);
	if (!kb_write_beneath(root_of(x), s->relpath, nb.ptr, nb.len)) {
		kb_say("%s: cannot write it: %s", s->path,
		    errno == ELOOP || errno == ENOTDIR
			? "a folder on its way is a symbolic link, which kbcheck never follows"
			: strerror(errno));
		x->error = true;
	} else {
		xf->written = true;
	}
	kb_buf_free(&nb);
}

/* Read the KB again; a written file in which a fix does not hold is put
 * back as it was. */
static void verify(xrun *x)
{
	bool any = false;
	for (size_t i = 0; i < x->files.len; i++)
		any |= ((xfile *)x->files.items[i])->written;
	if (!any)
		return;
	kb_run *r2 = run_all(x->o);
	for (size_t i = 0; i < x->files.len; i++) {
		xfile *xf = x->files.items[i];
		if (!xf->written)
			continue;
		const char *why = NULL;
		const fixone *bad = NULL;
		for (size_t j = 0; j < xf->fixes.len && !why; j++)
			{
			bad = xf->fixes.items[j];
			why = kb_fix_holds(r2->arena, &r2->claims, &xf->edits, bad->claim, bad->target);
		}
		if (!why) {
			x->fixed += xf->fixes.len;
			continue;
		}
		bool back = kb_write_beneath(root_of(x), xf->src->relpath, xf->old.ptr, xf->old.len);
		kb_say("%s:%d:%d: rolled back [%s]: after the edit, %s%s", xf->src->path,
		    bad->claim->loc.line, bad->claim->loc.column, bad->finding, why,
		    back ? "" : "; and putting the file back failed: restore it from version control");
		x->refused += xf->fixes.len;
		x->error |= !back;
	}
	kb_run_free(r2);
}

static void apply_all(xrun *x)
{
	for (size_t i = 0; i < x->files.len; i++) {
		xfile *xf = x->files.items[i];
		if (xf->refused || !xf->edits.len)
			continue;
		if (!x->o->write) {
			kb_fix_diff(stdout, xf->src->path, xf->src->data, xf->src->len, &xf->edits);
			x->fixed += xf->fixes.len;
			continue;
		}
		if (xf->majority && !x->o->yes) {
			kb_fix_diff(stdout, xf->src->path, xf->src->data, xf->src->len, &xf->edits);
			fflush(stdout);
			if (!confirm(xf)) {
				x->declined += xf->fixes.len;
				continue;
			}
		}
		write_file(x, xf);
	}
	if (x->o->write)
		verify(x);
}

int kb_cmd_fix(int argc, char **argv)
{
	xopts o;
	int st = parse(argc, argv, &o);
	if (st >= 0)
		return st;
	xrun x = {.o = &o};
	x.r = run_all(&o);
	kb_run *r = x.r;
	if (!o.majority && !r->config->policy)
		kb_say("kbcheck: no policy file, so no statement deviates from one: draft it with "
		    "'kbcheck policy init', or fix toward the majority with --majority");
	plan(&x);
	apply_all(&x);
	for (size_t i = 0; i < x.files.len; i++)
		kb_buf_free(&((xfile *)x.files.items[i])->old);
	kb_say("kbcheck: %zu statement%s %s%s, %zu not fixed%s", x.fixed, x.fixed == 1 ? "" : "s",
	    o.write ? "fixed" : "to fix",
	    o.write ? "" : " (a dry run: --write changes the files)", x.refused,
	    x.declined ? kb_sprintf(r->arena, ", %zu declined", x.declined) : "");
	kb_diags_print(r->diags, stderr, KB_DIAG_WARNING, kb_use_color(stderr, "auto"));
	bool errors = x.error || kb_diags_have(r->diags, KB_DIAG_ERROR);
	kb_run_free(r);
	return errors ? KB_EXIT_ERROR : x.refused ? KB_EXIT_FINDINGS : KB_EXIT_OK;
}
