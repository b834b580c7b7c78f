/* walk.c - collect and read sources; detect format, channel and locale. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/locale.h"
#include "../base/pool.h"
#include "../base/text.h"
#include "archive.h"

typedef struct {
	dev_t dev;
	ino_t ino;
} file_id;

/* A file found by the walk, read and checked later (in parallel when the
 * walk has a pool): the path, its path relative to the config root, whether
 * it was named on the command line, and its size; or a zip member already
 * read (src set). */
typedef struct {
	const char *path, *rel;
	bool explicit;
	size_t size;
	kb_source *src;
	bool known; /* src comes from the caller's known(): nothing to read */
	/* Listed as a regular file and not stat'ed yet: stat'ed on the pool
	 * (a walk of a big KB is mostly stat calls), then checked in walk
	 * order as add_file would have checked it. */
	bool deferred;
	bool have_st;    /* st is the file's (regular files, not zip members) */
	int err;         /* errno of a deferred stat */
	struct stat st;
	/* Not a source after all (finish_found, on a worker): why, or -1. */
	int unread;
	const char *detail;
} found_file;

struct kb_walk {
	kb_arena *a;
	kb_diags *d;
	const kb_config *cfg;
	const kb_formats *fm;
	/* Files and directories visited: an open-addressing set (a KB has
	 * hundreds of thousands of files; a list would make the walk
	 * quadratic). */
	file_id *seen;
	size_t nseen, capseen;
	found_file *files; /* in walk order */
	size_t nfiles, capfiles;
	char *top; /* realpath of the folder being walked (symlinks must stay in it) */
	size_t top_rel_len; /* length of its path relative to the root ("" for it) */
	kb_walk_known_fn known; /* files the caller knows already (the cache) */
	void *known_user;
	kb_vec unread; /* kb_unread*: found and not read, in walk order */
};
typedef struct kb_walk walker;

static size_t id_hash(const file_id *id)
{
	uint64_t h = (uint64_t)id->ino * UINT64_C(0x9E3779B97F4A7C15) ^ (uint64_t)id->dev;
	return (size_t)(h ^ (h >> 29));
}

static bool seen_before(walker *w, const struct stat *st)
{
	file_id id = {st->st_dev, st->st_ino};
	if (w->nseen * 2 >= w->capseen) {
		size_t cap = w->capseen ? w->capseen * 2 : 256;
		file_id *t = calloc(cap, sizeof *t);
		if (!t)
			abort();
		for (size_t i = 0; i < w->capseen; i++) {
			if (!w->seen[i].ino && !w->seen[i].dev)
				continue;
			size_t k = id_hash(&w->seen[i]) & (cap - 1);
			while (t[k].ino || t[k].dev)
				k = (k + 1) & (cap - 1);
			t[k] = w->seen[i];
		}
		free(w->seen);
		w->seen = t;
		w->capseen = cap;
	}
	/* (0, 0) marks a free slot; no real file has both zero. */
	size_t k = id_hash(&id) & (w->capseen - 1);
	while (w->seen[k].ino || w->seen[k].dev) {
		if (w->seen[k].ino == id.ino && w->seen[k].dev == id.dev)
			return true;
		k = (k + 1) & (w->capseen - 1);
	}
	w->seen[k] = id;
	w->nseen++;
	return false;
}

/* A file or folder the walk leaves out, for coverage ('./' dropped, as
 * sources' paths are shown). */
static void unread(walker *w, const char *path, kb_unread_reason why, const char *detail)
{
	kb_unread *u = KB_NEW(w->a, kb_unread);
	u->path = path[0] == '.' && path[1] == '/' ? path + 2 : path;
	u->reason = why;
	u->detail = detail;
	kb_vec_push(w->a, &w->unread, u);
}

/* The extension of a file name (".txt"), or NULL. */
static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	return dot && dot[1] && dot != (slash ? slash + 1 : path) ? dot : NULL;
}

/* The languages kbcheck's rules speak. */
static bool ours(const char *l)
{
	return !strcmp(l, "en") || !strcmp(l, "vi") || !strcmp(l, "th");
}

const char *kb_locale_from_path(kb_arena *a, const char *path)
{
	(void)a;
	const char *found = NULL;
	const char *seg = path;
	for (const char *p = path;; p++) {
		if (*p == '/' || *p == '\0') {
			size_t n = (size_t)(p - seg);
			if (*p == '/') {
				const char *l = kb_locale_of_name(seg, n);
				if (l)
					found = l;
			} else {
				/* File name: the last part of the stem, "faq.vi.md",
				 * "faq_th.html", "returns-en.md" ('-' only for en/vi/th,
				 * so "how-to-do-it.md" is not Italian). */
				const char *dot = strrchr(seg, '.');
				size_t stem = dot ? (size_t)(dot - seg) : strlen(seg);
				/* A file named for its language: "vi.js",
				 * "lang/th.php", "en-US.ts", "pt-br.md" (a bare
				 * two letters only for en/vi/th: "id.js" is no
				 * Indonesian; with a region any known language). */
				const char *own = kb_locale_of_name(seg, stem);
				if (own && (ours(own) || stem > 3)) {
					found = own;
				} else if (stem > 3) {
					char sep = seg[stem - 3];
					const char *l = kb_locale_of_name(seg + stem - 2, 2);
					if (l && (sep == '.' || sep == '_' || (sep == '-' && ours(l))))
						found = l;
				}
				break;
			}
			seg = p + 1;
		}
	}
	return found;
}

kb_channel kb_channel_from_path(const char *path)
{
	static const struct {
		const char *word;
		kb_channel ch;
	} words[] = {
	    {"macros", KB_CHANNEL_MACRO},     {"macro", KB_CHANNEL_MACRO},
	    {"canned", KB_CHANNEL_MACRO},     {"saved-replies", KB_CHANNEL_MACRO},
	    {"chatbot", KB_CHANNEL_CHATBOT},  {"bot", KB_CHANNEL_CHATBOT},
	    {"rasa", KB_CHANNEL_CHATBOT},     {"dialogflow", KB_CHANNEL_CHATBOT},
	    {"aiml", KB_CHANNEL_CHATBOT},     {"faq", KB_CHANNEL_FAQ},
	    {"help", KB_CHANNEL_FAQ},         {"help-center", KB_CHANNEL_FAQ},
	    {"helpcenter", KB_CHANNEL_FAQ},   {"articles", KB_CHANNEL_FAQ},
	};
	kb_channel found = KB_CHANNEL_UNKNOWN;
	const char *seg = path;
	for (const char *p = path;; p++) {
		if (*p == '/' || *p == '\0') {
			if (*p == '\0')
				break; /* directory names only */
			size_t n = (size_t)(p - seg);
			for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
				if (strlen(words[i].word) == n && strncasecmp(seg, words[i].word, n) == 0)
					found = words[i].ch;
			seg = p + 1;
		}
	}
	return found;
}

static bool ignored(walker *w, const char *rel)
{
	for (size_t i = 0; i < w->cfg->nignore; i++)
		if (kb_glob_match(w->cfg->ignore[i], rel))
			return true;
	return false;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether git ignores rel (or a folder holding it below the folder being
 * walked): the walk does not go there, but goes into a folder the user
 * named. */
static bool git_ignored(walker *w, const char *rel)
{
	const kb_config *c = w->cfg;
	if (!c->ngit_ignored)
		return false;
	char *p = strdup(rel);
	if (!p)
		abort();
	bool hit = false;
	for (char *end = p + strlen(p); !hit;) {
		const char *key = p;
		hit = bsearch(&key, c->git_ignored, c->ngit_ignored, sizeof *c->git_ignored,
			      cmp_cstr) != NULL;
		while (end > p && *end != '/')
			end--;
		if (end == p || (size_t)(end - p) <= w->top_rel_len)
			break;
		*end = '\0';
	}
	free(p);
	return hit;
}

/* Folders of installed packages (node_modules...): never the KB's own
 * content, and often larger than the KB; not walked into. */
static bool dependencies(const char *name)
{
	return !strcmp(name, "node_modules") || !strcmp(name, "bower_components");
}

/* Files that belong to kbcheck itself, not to the knowledge base. */
static bool is_own_file(const char *name)
{
	return !strcmp(name, "kbcheck.yml") || !strcmp(name, "policy.yml") ||
	       !strcmp(name, "expected-findings.yml") || !strcmp(name, "expected-findings.json");
}

/* Files at least this big are mapped (see kb_source.map): their pages can
 * leave memory once parsed, which bounds a big KB's peak memory. */
enum { MAP_MIN = 4097 }; /* more than a page */

static char *read_file(kb_arena *a, kb_diags *d, const char *path, size_t size, size_t *len,
		       size_t *map_len)
{
	*map_len = 0;
	/* O_NONBLOCK: a FIFO put in the file's place since the walk saw it
	 * must not hang the run (fstat then refuses it). */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "not a regular file: skipped");
		close(fd);
		return NULL;
	}
	/* A private mapping reads as the file and can be repaired in place
	 * (copy on write); the byte after the end is on the zero-filled rest
	 * of the last page, so the size must not be a multiple of a page. */
	size_t fsize = (size_t)st.st_size;
	long page = sysconf(_SC_PAGESIZE);
	if (fsize >= MAP_MIN && fsize == size && page > 0 && fsize % (size_t)page != 0) {
		void *m = mmap(NULL, fsize, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
		if (m != MAP_FAILED) {
			close(fd);
			*len = fsize;
			*map_len = fsize;
			return m;
		}
	}
	/* No zeroing (kb_alloc would): read fills it. */
	char *data = kb_alloc_raw(a, size + 1);
	size_t n = 0;
	while (n < size) {
		ssize_t r = read(fd, data + n, size - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "read error: %s", strerror(errno));
			close(fd);
			return NULL;
		}
		if (r == 0)
			break; /* shorter than when the walk saw it */
		n += (size_t)r;
	}
	close(fd);
	data[n] = '\0';
	*len = n;
	return data;
}

/* UTF-32 is refused; UTF-16 with a byte order mark is converted to UTF-8
 * (without the mark).  Lines and code points are the same in both, so every
 * line:column kbcheck reports is the one an editor shows for the original
 * file.  Unpaired surrogates become '?' and *bad receives the offset of the
 * first in the converted text (SIZE_MAX when there is none).  Returns false
 * when the file cannot be used at all. */
static bool convert_utf16(kb_arena *a, kb_diags *d, kb_source *s, size_t *bad, int *why)
{
	const unsigned char *p = (const unsigned char *)s->data;
	size_t n = s->len;
	*bad = SIZE_MAX;
	if (n >= 4 && ((p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) ||
		       (p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF))) {
		kb_diag(d, KB_DIAG_ERROR, s->path, 1, 1,
			"UTF-32 file: convert it to UTF-8 to check it");
		*why = KB_UNREAD_ENCODING;
		return false;
	}
	bool le = n >= 2 && p[0] == 0xFF && p[1] == 0xFE;
	bool be = n >= 2 && p[0] == 0xFE && p[1] == 0xFF;
	if (!le && !be)
		return true;
	/* A code unit becomes at most 3 bytes, a surrogate pair 4. */
	char *out = kb_alloc(a, (n / 2) * 3 + 2);
	size_t k = 0;
	for (size_t i = 2; i < n; i += 2) {
		uint32_t u = '?';
		if (i + 1 < n)
			u = le ? (uint32_t)p[i] | (uint32_t)p[i + 1] << 8
			       : (uint32_t)p[i] << 8 | (uint32_t)p[i + 1];
		else if (*bad == SIZE_MAX)
			*bad = k; /* an odd byte at the end */
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
			uint32_t lo = le ? (uint32_t)p[i + 2] | (uint32_t)p[i + 3] << 8
					 : (uint32_t)p[i + 2] << 8 | (uint32_t)p[i + 3];
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF) {
			if (*bad == SIZE_MAX)
				*bad = k;
			u = '?';
		}
		k += kb_utf8_encode((int32_t)u, out + k);
	}
	out[k] = '\0';
	s->data = out;
	s->len = k;
	if (k == 0) {
		kb_diag(d, KB_DIAG_ERROR, s->path, 0, 0, "empty file: no answers to check");
		*why = KB_UNREAD_EMPTY;
		return false;
	}
	return true;
}

/* Checks encoding; returns false when the file cannot be used at all. */
/* "<?xml ... encoding="ISO-8859-1"?>" with an encoding other than UTF-8. */
static bool xml_declares_legacy_encoding(const char *d, size_t n)
{
	if (n < 6 || memcmp(d, "<?xml", 5) != 0)
		return false;
	const char *end = memchr(d, '>', n < 200 ? n : 200);
	if (!end)
		return false;
	const char *e = memmem(d, (size_t)(end - d), "encoding", 8);
	if (!e)
		return false;
	e += 8;
	while (e < end && (*e == ' ' || *e == '=' || *e == '"' || *e == '\''))
		e++;
	return end - e >= 5 && strncasecmp(e, "utf-8", 5) != 0 && strncasecmp(e, "utf8", 4) != 0 &&
	       strncasecmp(e, "us-ascii", 8) != 0;
}

static bool check_encoding(kb_diags *d, kb_source *s, char *data)
{
	size_t n = s->len;
	size_t nuls = 0;
	for (const char *p = data, *end = data + n; (p = memchr(p, '\0', (size_t)(end - p))); p++)
		nuls++;
	/* A stray NUL in a text (a bad paste) is read as a space; many, or
	 * more than one in a hundred bytes, make a binary file. */
	if (nuls > 16 || (nuls > 1 && nuls * 100 > n)) {
		kb_diag(d, KB_DIAG_ERROR, s->path, 0, 0,
			"binary file (%zu NUL bytes): not a knowledge-base text, skipped", nuls);
		return false;
	}
	/* An XML file (AIML) that declares a legacy encoding in its prolog is
	 * converted by libxml2: its bytes are not UTF-8 and must stay as they are. */
	if (xml_declares_legacy_encoding(data, n))
		return true;
	size_t off = 0, bad, reported = 0;
	while (off < n && !kb_utf8_valid(data + off, n - off, &bad)) {
		size_t at = off + bad;
		if (reported++ == 0) {
			int line, col;
			kb_source_pos(s, at, &line, &col);
			kb_diag(d, KB_DIAG_ERROR, s->path, line, col, "%s",
				data[at] == '\0' ? "NUL byte in text (read as a space)"
						 : "invalid UTF-8 byte sequence (read as '?')");
		}
		data[at] = data[at] == '\0' ? ' ' : '?';
		s->modified = true;
		off = at + 1;
	}
	if (reported > 1)
		kb_diag(d, KB_DIAG_NOTE, s->path, 0, 0, "%zu bad bytes in all", reported);
	return true;
}

/* kb_source_prepare, and when it fails, *why (a kb_unread_reason). */
static bool prepare(kb_arena *a, kb_diags *d, kb_source *s, int *why)
{
	size_t bad;
	bool ok = s->len > 0;
	*why = KB_UNREAD_EMPTY;
	if (!ok)
		kb_diag(d, KB_DIAG_ERROR, s->path, 0, 0, "empty file: no answers to check");
	else
		ok = convert_utf16(a, d, s, &bad, why);
	kb_source_index_lines(a, s);
	if (!ok)
		return false;
	if (bad != SIZE_MAX) {
		int line, col;
		kb_source_pos(s, bad, &line, &col);
		kb_diag(d, KB_DIAG_ERROR, s->path, line, col,
			"invalid UTF-16 (unpaired surrogate or odd length; read as '?')");
	}
	*why = KB_UNREAD_BINARY;
	return check_encoding(d, s, (char *)s->data);
}

bool kb_source_prepare(kb_arena *a, kb_diags *d, kb_source *s)
{
	int why;
	return prepare(a, d, s, &why);
}

static const kb_source_rule *find_rule(walker *w, const char *rel, int field)
{
	if (!rel)
		return NULL;
	for (size_t i = 0; i < w->cfg->nsources; i++) {
		const kb_source_rule *r = &w->cfg->sources[i];
		bool has = (field == 0 && r->format) || (field == 1 && r->channel) ||
			   (field == 2 && r->locale) || (field == 3 && r->scope.n);
		if (has && kb_glob_match(r->glob, rel))
			return r;
	}
	return NULL;
}

enum { WANTED = -1, OWN = -2 };

/* Whether a file found at path (rel: relative to the config root, or
 * NULL) is to be read: not ignored, not kbcheck's own, and, unless named
 * explicitly or given a format in kbcheck.yml, claimed by a parser's
 * extension.  WANTED, OWN (kbcheck's files: said nowhere) or why not. */
static int wanted_why(walker *w, const char *path, const char *rel, bool explicit)
{
	if (rel && (ignored(w, rel) || (!explicit && git_ignored(w, rel))))
		return KB_UNREAD_IGNORED;
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	if (!explicit && is_own_file(name))
		return OWN;
	if (explicit || find_rule(w, rel, 0))
		return WANTED;
	/* In a directory, only files a format claims by name are read. */
	return w->fm->claims(name) ? WANTED : KB_UNREAD_FORMAT;
}

static bool wanted(walker *w, const char *path, const char *rel, bool explicit)
{
	return wanted_why(w, path, rel, explicit) == WANTED;
}

/* Wanted, or recorded as not read (kbcheck's own files are neither). */
static bool wanted_or_said(walker *w, const char *path, const char *rel, bool explicit)
{
	int why = wanted_why(w, path, rel, explicit);
	if (why >= 0)
		unread(w, path, (kb_unread_reason)why,
		       why == KB_UNREAD_FORMAT ? extension(path) : NULL);
	return why == WANTED;
}

/* s has its path, data and len: check the encoding, detect the format,
 * channel and locale.  Returns s, or NULL when it is not a source of the
 * run, with *why (a kb_unread_reason) set.  Memory comes from a (the
 * walker's or a worker's arena). */
static kb_source *add_source(walker *w, kb_arena *a, kb_diags *d, kb_source *s,
			     const char *rel, bool explicit, int *why)
{
	const kb_source_rule *fr = find_rule(w, rel, 0);
	kb_channel pchannel = KB_CHANNEL_UNKNOWN;
	const char *format = fr ? w->fm->find(fr->format, &pchannel) : NULL;
	*why = KB_UNREAD_CONTENT;
	if (fr && !format) {
		kb_diag(d, KB_DIAG_ERROR, s->path, 0, 0,
			"kbcheck.yml names unknown format '%s'", fr->format);
		return NULL;
	}
	s->relpath = rel ? rel : s->path;
	if (!prepare(a, d, s, why))
		return NULL;
	*why = KB_UNREAD_CONTENT;
	if (!format)
		format = w->fm->detect(s->path, s->data, s->len, &pchannel);
	if (!format && !explicit)
		return NULL; /* e.g. package.json beside the KB: not knowledge-base content */
	if (!format) {
		kb_diag(d, KB_DIAG_ERROR, s->path, 0, 0,
			"cannot tell the format of this file; name it in kbcheck.yml (sources: - glob: ... format: ...)");
		return NULL;
	}
	s->format = format;
	const kb_source_rule *r;
	s->channel = (r = find_rule(w, rel, 1)) ? r->channel : KB_CHANNEL_UNKNOWN;
	if (!s->channel)
		s->channel = kb_channel_from_path(rel ? rel : s->path);
	if (!s->channel)
		s->channel = pchannel;
	/* kbcheck.yml's locale wins over everything the file says
	 * (base/locale.h); a path's only over a guess. */
	s->locale = (r = find_rule(w, rel, 2)) ? r->locale : NULL;
	s->locale_fixed = s->locale != NULL;
	if (!s->locale)
		s->locale = kb_locale_from_path(a, rel ? rel : s->path);
	if ((r = find_rule(w, rel, 3)))
		s->scope = r->scope;
	s->answer_map = fr ? fr->map : NULL;
	return s;
}

/* Found files are read, checked and detected after the walk: on the
 * pool's workers when there is one, and added to the run in walk order. */
static void add_found(walker *w, const char *path, const char *rel, bool explicit,
		      size_t size, kb_source *src)
{
	if (w->nfiles == w->capfiles) {
		w->capfiles = w->capfiles ? w->capfiles * 2 : 256;
		w->files = realloc(w->files, w->capfiles * sizeof *w->files);
		if (!w->files)
			abort();
	}
	w->files[w->nfiles++] = (found_file){.path = path, .rel = rel, .explicit = explicit,
					     .size = size, .src = src, .unread = -1};
}

/* A regular file listed in a folder: wanted or not, by its name; stat'ed
 * later (settle_files), on the pool. */
static void add_listed(walker *w, const char *path, const char *rel)
{
	if (!wanted_or_said(w, path, rel, false))
		return;
	add_found(w, path, rel, false, 0, NULL);
	w->files[w->nfiles - 1].deferred = true;
}

static kb_source *finish_found(walker *w, kb_arena *a, found_file *f)
{
	if (f->known) { /* described by the caller, read when needed */
		const kb_source_rule *fr = find_rule(w, f->rel, 0);
		f->src->answer_map = fr ? fr->map : NULL;
		f->src->locale_fixed = find_rule(w, f->rel, 2) != NULL;
		return f->src;
	}
	kb_source *s = f->src;
	if (!s) {
		s = KB_NEW(a, kb_source);
		s->path = f->path[0] == '.' && f->path[1] == '/' ? f->path + 2 : f->path;
		size_t len = 0, map_len = 0;
		char *data = read_file(a, w->d, f->path, f->size, &len, &map_len);
		if (!data) {
			f->unread = KB_UNREAD_UNREADABLE;
			return NULL;
		}
		s->data = data;
		s->len = len;
		if (map_len) {
			s->map = data;
			s->map_len = map_len;
		}
	}
	int why;
	kb_source *added = add_source(w, a, w->d, s, f->rel, f->explicit, &why);
	if (!added) {
		kb_source_unmap(s); /* not a source of the run: nobody else will */
		f->unread = why;
		f->detail = why == KB_UNREAD_CONTENT ? extension(f->path) : NULL;
	}
	return added;
}

static bool within_size(const walker *w, const struct stat *st)
{
	return (size_t)st->st_size <= w->cfg->max_file_size;
}

/* Within max_file_size?  Said when not. */
static bool size_allowed(walker *w, const char *path, const struct stat *st)
{
	if (within_size(w, st))
		return true;
	unread(w, path, KB_UNREAD_TOO_LARGE, NULL);
	kb_diag(w->d, KB_DIAG_ERROR, path, 0, 0,
		"file is %lld bytes, over the limit of %zu (max_file_size in kbcheck.yml): skipped",
		(long long)st->st_size, w->cfg->max_file_size);
	return false;
}

static void add_file(walker *w, const char *path, const char *rel, const struct stat *st,
		     bool explicit)
{
	if (!wanted_or_said(w, path, rel, explicit) || !size_allowed(w, path, st))
		return;
	add_found(w, path, rel, explicit, (size_t)st->st_size, NULL);
	found_file *f = &w->files[w->nfiles - 1];
	f->have_st = true;
	f->st = *st; /* known to the caller? the same file twice? settle_files */
}

/* A zip is read as a directory: its members, "<zip>/<member>", are
 * filtered, checked and detected as files found in a walk. */
typedef struct zip_walk {
	walker *w;
	const char *rel;   /* the zip's path relative to the config root */
	size_t shown_len;  /* length of the zip's path as shown */
} zip_walk;

static const char *member_rel(zip_walk *z, const char *path)
{
	return z->rel ? kb_sprintf(z->w->a, "%s%s", z->rel, path + z->shown_len) : NULL;
}

static bool zip_member_wanted(void *ctx, const char *path)
{
	zip_walk *z = ctx;
	return wanted_or_said(z->w, path, member_rel(z, path), false);
}

static void add_zip(walker *w, const char *path)
{
	const char *shown = path[0] == '.' && path[1] == '/' ? path + 2 : path;
	zip_walk z = {w, kb_config_relpath(w->a, w->cfg, path), strlen(shown)};
	if (z.rel && ignored(w, z.rel)) {
		unread(w, path, KB_UNREAD_IGNORED, NULL);
		return;
	}
	kb_vec members = {0};
	kb_archive_read_zip(w->a, w->d, path, shown, w->cfg->max_file_size,
			    zip_member_wanted, &z, &members);
	for (size_t i = 0; i < members.len; i++) {
		kb_source *s = members.items[i];
		add_found(w, s->path, member_rel(&z, s->path), false, s->len, s);
	}
}

static int name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* What a directory entry is known to be without a system call: listed as a
 * regular file or directory (d_type), not a symlink.  Then its path
 * relative to the config root is its folder's plus its name, and it needs
 * no lstat: on a KB of a hundred thousand files, stat calls are most of a
 * walk. */
typedef struct {
	bool plain;             /* listed as a regular file or directory */
	const char *parent_rel; /* the folder's relative path, or NULL */
	const char *name;
} entry_hint;

/* dir, sep and name, in a's memory: a path per file of the walk, so no
 * printf. */
static char *join(kb_arena *a, const char *dir, const char *sep, const char *name)
{
	size_t nd = strlen(dir), ns = strlen(sep), nn = strlen(name);
	char *p = kb_alloc_raw(a, nd + ns + nn + 1);
	memcpy(p, dir, nd);
	memcpy(p + nd, sep, ns);
	memcpy(p + nd + ns, name, nn + 1);
	return p;
}

static const char *rel_of(walker *w, const char *path, const entry_hint *h)
{
	/* A folder with no relative path is outside the root, or is the root
	 * itself: its entries are asked about the long way. */
	if (!h || !h->plain || !h->parent_rel)
		return kb_config_relpath(w->a, w->cfg, path);
	if (!*h->parent_rel || !strcmp(h->parent_rel, "."))
		return h->name;
	return join(w->a, h->parent_rel, "/", h->name);
}

/* A folder's path as coverage shows it: with a '/' at the end. */
static const char *folder(walker *w, const char *path)
{
	size_t n = strlen(path);
	return n && path[n - 1] == '/' ? path : join(w->a, path, "/", "");
}

static void walk(walker *w, const char *path, bool explicit, int depth, const entry_hint *hint)
{
	struct stat st, lst;
	if (stat(path, &st) != 0) {
		int err = errno;
		if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
			kb_diag(w->d, KB_DIAG_ERROR, path, 0, 0, "%s: skipped",
				err == ELOOP ? "symlink loop" : "broken symlink (its target does not exist)");
		else
			kb_diag(w->d, KB_DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(err));
		unread(w, path, KB_UNREAD_UNREADABLE, NULL);
		return;
	}
	/* A symlink in the knowledge base that leads out of it is not
	 * followed: CI would otherwise read, and quote in its reports, files
	 * the repository does not hold (/etc/passwd, a runner's secrets). */
	if (!explicit && w->top && !(hint && hint->plain) && lstat(path, &lst) == 0 &&
	    S_ISLNK(lst.st_mode)) {
		char *target = realpath(path, NULL);
		size_t n = strlen(w->top);
		bool inside = target && strncmp(target, w->top, n) == 0 &&
			      (target[n] == '/' || target[n] == '\0' || n == 1);
		if (!inside) {
			kb_diag(w->d, KB_DIAG_WARNING, path, 0, 0,
				"symlink to %s, outside the folder being checked: not followed",
				target ? target : "?");
			free(target);
			unread(w, path, KB_UNREAD_OUTSIDE, NULL);
			return;
		}
		free(target);
	}
	if (S_ISDIR(st.st_mode)) {
		if (seen_before(w, &st)) {
			kb_diag(w->d, KB_DIAG_WARNING, path, 0, 0,
				"directory reached twice (symlink loop?): skipped");
			return;
		}
		if (depth > 64) {
			kb_diag(w->d, KB_DIAG_ERROR, path, 0, 0, "directories nested too deep: skipped");
			unread(w, folder(w, path), KB_UNREAD_UNREADABLE, NULL);
			return;
		}
		const char *rel = rel_of(w, path, hint);
		if (rel && *rel && (ignored(w, rel) || (!explicit && git_ignored(w, rel)))) {
			unread(w, folder(w, path), KB_UNREAD_IGNORED, NULL);
			return;
		}
		struct dirent **list;
		int n = scandir(path, &list, NULL, name_cmp);
		if (n < 0) {
			kb_diag(w->d, KB_DIAG_ERROR, path, 0, 0, "cannot list: %s", strerror(errno));
			unread(w, folder(w, path), KB_UNREAD_UNREADABLE, NULL);
			return;
		}
		for (int i = 0; i < n; i++) {
			const char *nm = list[i]->d_name;
			if (nm[0] != '.' && dependencies(nm))
				unread(w, folder(w, join(w->a, path, "/", nm)), KB_UNREAD_DEPENDENCY, NULL);
			if (nm[0] != '.' && !dependencies(nm)) {
				const char *child = strcmp(path, ".") == 0
							? kb_strdup(w->a, nm)
							: join(w->a, path,
							       path[strlen(path) - 1] == '/' ? "" : "/", nm);
				entry_hint h = {list[i]->d_type == DT_REG || list[i]->d_type == DT_DIR,
						rel, child + strlen(child) - strlen(nm)};
				if (list[i]->d_type == DT_REG && rel && !kb_archive_is_zip(child))
					add_listed(w, child, rel_of(w, child, &h));
				else
					walk(w, child, false, depth + 1, &h);
			}
			free(list[i]);
		}
		free(list);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		/* A FIFO, socket or device: never opened (a FIFO would block).
		 * Said when it is named, or named like a knowledge-base file. */
		bool said = explicit || wanted(w, path, rel_of(w, path, hint), false);
		if (explicit)
			kb_diag(w->d, KB_DIAG_ERROR, path, 0, 0, "not a regular file: skipped");
		else if (said)
			kb_diag(w->d, KB_DIAG_WARNING, path, 0, 0, "not a regular file: skipped");
		if (said)
			unread(w, path, KB_UNREAD_UNREADABLE, NULL);
		return;
	}
	if (!kb_archive_is_zip(path))
		add_file(w, path, rel_of(w, path, hint), &st, explicit);
	else if (!seen_before(w, &st)) /* else the same zip through another path */
		add_zip(w, path);
}

typedef struct {
	walker *w;
	kb_pool *pool;
	kb_source **made; /* per found file */
} finish_job;

static void finish_one(void *ctx, size_t i, int worker)
{
	finish_job *j = ctx;
	j->made[i] = finish_found(j->w, kb_pool_arena(j->pool, worker), &j->w->files[i]);
}

typedef struct {
	walker *w;
	kb_pool *pool;
} settle_job;

/* A deferred file's stat, and what the caller knows of it (known() only
 * reads, and allocates in the worker's arena): kept if the file passes
 * the checks of settle_files. */
static void stat_one(void *ctx, size_t i, int worker)
{
	settle_job *j = ctx;
	found_file *f = &j->w->files[i];
	if (f->deferred && stat(f->path, &f->st) != 0) {
		f->err = errno ? errno : EIO;
		return;
	}
	if ((f->deferred || f->have_st) && j->w->known && S_ISREG(f->st.st_mode) &&
	    within_size(j->w, &f->st)) {
		kb_arena *a = j->pool ? kb_pool_arena(j->pool, worker) : j->w->a;
		f->src = j->w->known(j->w->known_user, a, f->path, f->rel, &f->st);
	}
}

/* The files the walk listed without a stat are stat'ed on the pool and
 * checked as add_file checks the others (not a regular file any more, too
 * big, known to the caller); then, in walk order, a file reached a second
 * time through another path (a symlink, a hard link) is dropped. */
static void settle_files(walker *w, kb_pool *pool)
{
	settle_job j = {w, pool};
	if (pool)
		kb_pool_run(pool, w->nfiles, stat_one, &j);
	else
		for (size_t i = 0; i < w->nfiles; i++)
			stat_one(&j, i, 0);
	size_t n = 0;
	for (size_t i = 0; i < w->nfiles; i++) {
		found_file *f = &w->files[i];
		bool listed = f->deferred;
		if (listed) {
			f->deferred = false;
			if (f->err) {
				kb_diag(w->d, KB_DIAG_ERROR, f->path, 0, 0, "cannot read: %s",
					strerror(f->err));
				unread(w, f->path, KB_UNREAD_UNREADABLE, NULL);
				continue;
			}
			/* Replaced between the listing and now: skipped, as the
			 * walk skips what is not a regular file. */
			if (!S_ISREG(f->st.st_mode))
				continue;
			f->have_st = true;
			f->size = (size_t)f->st.st_size;
		}
		if (f->have_st) { /* not a zip member */
			/* The same file twice is dropped before its size is
			 * checked (said once). */
			if (seen_before(w, &f->st) || (listed && !size_allowed(w, f->path, &f->st)))
				continue;
			f->known = f->src != NULL;
		}
		w->files[n++] = *f;
	}
	w->nfiles = n;
}

kb_walk *kb_sources_walk(kb_arena *a, kb_diags *d, const kb_config *cfg, const kb_formats *fm,
			 const char *const *paths, size_t npaths)
{
	walker *w = calloc(1, sizeof *w);
	if (!w)
		abort();
	*w = (walker){.a = a, .d = d, .cfg = cfg, .fm = fm};
	for (size_t i = 0; i < npaths; i++) {
		struct stat st;
		w->top = stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode) ? realpath(paths[i], NULL)
									 : NULL;
		const char *rel = w->top ? kb_config_relpath(a, cfg, paths[i]) : NULL;
		w->top_rel_len = rel && strcmp(rel, ".") ? strlen(rel) : 0;
		walk(w, paths[i], true, 0, NULL);
		free(w->top);
		w->top = NULL;
	}
	return w;
}

void kb_sources_finish(kb_walk *wk, kb_pool *pool, kb_walk_known_fn known, void *user,
		       kb_vec *out, kb_vec *unread_out)
{
	walker w = *wk;
	free(wk);
	kb_arena *a = w.a;
	w.known = known;
	w.known_user = user;
	settle_files(&w, pool);
	free(w.seen);
	/* Reading, checking and detecting are per file: in parallel, each
	 * worker in its own arena; the sources join the run in walk order.
	 * Diagnostics are per file, so their order does not depend on which
	 * worker ran first either. */
	kb_source **made = calloc(w.nfiles ? w.nfiles : 1, sizeof *made);
	if (!made)
		abort();
	if (pool) {
		finish_job j = {&w, pool, made};
		kb_pool_run(pool, w.nfiles, finish_one, &j);
	} else {
		for (size_t i = 0; i < w.nfiles; i++)
			made[i] = finish_found(&w, a, &w.files[i]);
	}
	for (size_t i = 0; i < w.nfiles; i++) {
		if (made[i])
			kb_vec_push(a, out, made[i]);
		else if (w.files[i].unread >= 0)
			unread(&w, w.files[i].path, (kb_unread_reason)w.files[i].unread,
			       w.files[i].detail);
	}
	if (unread_out)
		kb_vec_extend(a, unread_out, &w.unread);
	free(made);
	free(w.files);
}

void kb_sources_collect(kb_arena *a, kb_diags *d, const kb_config *cfg, const kb_formats *fm,
			const char *const *paths, size_t npaths, kb_vec *out)
{
	kb_sources_finish(kb_sources_walk(a, d, cfg, fm, paths, npaths), NULL, NULL, NULL, out,
			  NULL);
}

/* One lock for every lazy load: they are few (files another parser reads,
 * files a report quotes) and may be asked for by several workers. */
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

bool kb_source_load(kb_source *s, kb_arena *a)
{
	pthread_mutex_lock(&load_lock);
	bool ok = s->data != NULL;
	if (!ok) {
		/* The file was read in an earlier run, its problems reported
		 * then and now (from the cache): read it as it was read then,
		 * quietly. */
		kb_arena *scratch = kb_arena_new();
		kb_diags *quiet = kb_diags_new(scratch);
		struct stat st;
		size_t len = 0, map_len = 0;
		char *data = stat(s->path, &st) == 0
				 ? read_file(a, quiet, s->path, (size_t)st.st_size, &len, &map_len)
				 : NULL;
		if (data) {
			kb_source t = *s;
			t.data = data;
			t.len = len;
			t.map = map_len ? data : NULL;
			t.map_len = map_len;
			if (kb_source_prepare(a, quiet, &t)) {
				*s = t;
				ok = true;
			} else if (map_len) {
				munmap(data, map_len);
			}
		}
		kb_arena_free(scratch);
	}
	pthread_mutex_unlock(&load_lock);
	return ok;
}
