/* cache.c - the incremental cache file; see cache.h.
 *
 *   header  "KBCACHE\x06" u32 format, u32 0, u64 key, u64 entries,
 *           u64 payload bytes, u64 hash of the 40 bytes before
 *   entry   u32 head length, u32 0, u64 body length, u64 head hash,
 *           u64 body hash, then the head: path, source key (its bytes
 *           and how it was taken), what the file was (trusted, device,
 *           inode, size, mtime, ctime) and what the walk made of it
 *           (relpath, format, channel, locale, scope, length, suppression
 *           comments); then the body: dependencies, and the results
 *           (codec.c: units without their texts, claims, diagnostics)
 *
 * A later entry for a path replaces an earlier one: a run that changed a
 * few files appends their entries (and fixes the header) instead of
 * writing the whole file again, under an exclusive lock on it; once more
 * than half the file is replaced entries, the next run writes it anew.
 * Heads are checked when the file is opened, bodies when used.  The head
 * and body hashes are SipHash tags with the user's key (trust.h), the head's
 * covering the body's length and tag too: an entry made by anyone else, or
 * a body moved to another entry's head, is not used.  The key seeds the
 * hash of each file's bytes as well, so that no one without it can make
 * other bytes with an entry's content key.
 *
 * A file whose device, inode, size, mtime and ctime are those of its entry
 * is not read at all: its source is described from the entry (the walk's
 * known hook) and its bytes are read only if something needs them.  An
 * entry is trusted so only when the file had nothing to report when read,
 * and was last changed more than a second before the run that wrote the
 * entry began: a file changed again within the same clock tick would look
 * unchanged.  Otherwise the file is read and keyed by a hash of its bytes.
 */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../base/files.h"
#include "../base/hash.h"
#include "../base/siphash.h"
#include "codec.h"
#include "trust.h"

enum { FORMAT = 8, HEADER = 48, FRAME = 32, DEP_FILE = 0, DEP_FOLDER = 1 };
static const char MAGIC[8] = {'K', 'B', 'C', 'A', 'C', 'H', 'E', FORMAT};

/* What a file was when its entry was written. */
typedef struct {
	uint64_t dev, ino, size, mtime_s, mtime_ns, ctime_s, ctime_ns;
} identity;

typedef struct {
	const char *path;
	uint64_t key;
	bool trusted;
	identity id;
	const char *relpath, *format, *locale;
	kb_channel channel;
	kb_scope scope;
	uint64_t len;
	uint32_t nsupp;
	const unsigned char *head, *body; /* head; dependencies and results */
	size_t head_len, body_len;
	uint64_t body_hash;
	bool body_checked, body_bad;
} old_entry;

/* An encoded entry (frame, head and body) waiting to be appended. */
typedef struct {
	char *bytes;
	size_t len;
} pending;

typedef struct {
	long entry;   /* the file's entry in the cache read, or -1 */
	long old;     /* the old entry reused, or -1 */
	bool lazy;    /* described from it, not read */
	bool waiting; /* its entry anew is among those waiting to be appended */
} slot;

/* Sums of H(path, key) over the sources under each folder (folder
 * dependencies compare them). */
typedef struct {
	char *dir;
	uint64_t sum;
} dir_sum;

struct kb_cache {
	kb_arena *a;
	kb_diags *d; /* where a refused cache folder is reported */
	const kb_vec *sources;
	const kb_source_index *index;
	const bool *walk_clean;
	uint64_t key;
	unsigned char mac[KB_CACHE_KEY_LEN]; /* the user's key (trust.h) */
	uint64_t seed;                       /* of content hashes, from it */
	struct timespec start;  /* when this run began (racy entries) */
	uint64_t *skeys;        /* per source */
	dir_sum *dirs;
	size_t ndirs, dirmask;
	long *sidx;             /* source index by path */
	size_t smask;
	/* The cache's folder, reached from the KB root without following
	 * symbolic links (base/files.h): -1 until it exists or when it is
	 * refused (refused: a link or not a folder, or no key: trust.h). */
	const char *root, *path;
	int dirfd;
	bool refused;
	/* The file read. */
	unsigned char *map;
	size_t maplen;
	old_entry *old;
	size_t nold, nlive;     /* entries read; the latest for each path */
	long *byhash;           /* latest old entry index by path */
	size_t hmask;
	ino_t ino;              /* the file read (appending checks it is still it) */
	uint64_t entries, payload_read;
	const char *status;
	size_t bad_entries;
	slot *slots;
	/* The file being written: entries go in as workers finish them. */
	pthread_mutex_t lock;
	kb_wfile *wf;
	FILE *out; /* its stream */
	bool write_failed, changed;
	size_t written;
	uint64_t payload;
	/* Append mode (most files described from the cache: a re-run): new
	 * entries wait here for kb_cache_save. */
	bool append;
	pending *pend;
	size_t npend, cappend, pend_bytes;
};

/* ---- keys ---- */

static int note_cb(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	uint64_t *h = data;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		const unsigned char *end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
			const unsigned char *name = p + sizeof *n;
			const unsigned char *desc = name + ((n->n_namesz + 3) & ~3u);
			if (desc + n->n_descsz > end)
				break;
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && !memcmp(name, "GNU", 4)) {
				*h = kb_hash_buf(desc, n->n_descsz, 1);
				return 1;
			}
			p = desc + ((n->n_descsz + 3) & ~3u);
		}
	}
	return 1; /* the first object is the program itself: stop there */
}

/* What identifies the code that made the results: the program's build id,
 * else its bytes. */
static uint64_t build_key(void)
{
	uint64_t h = 0;
	dl_iterate_phdr(note_cb, &h);
	if (h)
		return h;
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return 0;
	h = kb_hash_buf(m, (size_t)st.st_size, 2);
	munmap(m, (size_t)st.st_size);
	return h;
}

static uint64_t file_hash(const char *path)
{
	kb_buf b = KB_BUF_INIT;
	if (!path || !kb_read_file(path, &b, SIZE_MAX)) {
		kb_buf_free(&b);
		return 0;
	}
	uint64_t h = kb_hash_buf(b.ptr ? b.ptr : "", b.len, 3);
	kb_buf_free(&b);
	return h;
}

static uint64_t mix(uint64_t h, uint64_t v) { return kb_hash_buf(&v, sizeof v, h); }

static uint64_t mix_str(uint64_t h, const char *s)
{
	return s ? kb_hash_buf(s, strlen(s) + 1, h) : mix(h, 0x5555);
}

/* A source as its parser sees it: where it is, what it is taken for, and
 * its bytes. */
static uint64_t source_key(const kb_cache *c, const kb_source *s)
{
	uint64_t h = kb_hash_buf(s->data, s->len, c->seed);
	h = mix_str(h, s->path);
	h = mix_str(h, s->relpath);
	h = mix_str(h, s->format);
	h = mix(h, (uint64_t)s->channel);
	h = mix_str(h, s->locale);
	for (size_t i = 0; i < s->scope.n; i++) {
		h = mix_str(h, s->scope.kv[i].key);
		h = mix_str(h, s->scope.kv[i].value);
	}
	return h;
}

static size_t str_hash(const char *s, size_t n) { return (size_t)kb_hash_buf(s, n, 5); }

static identity identity_of(const struct stat *st)
{
	return (identity){(uint64_t)st->st_dev,		  (uint64_t)st->st_ino,
			  (uint64_t)st->st_size,	  (uint64_t)st->st_mtim.tv_sec,
			  (uint64_t)st->st_mtim.tv_nsec, (uint64_t)st->st_ctim.tv_sec,
			  (uint64_t)st->st_ctim.tv_nsec};
}

/* Changed before this run began (by more than the clock's coarseness)? */
static bool settled(const kb_cache *c, const struct stat *st)
{
	return st->st_mtim.tv_sec + 1 < c->start.tv_sec && st->st_ctim.tv_sec + 1 < c->start.tv_sec;
}

/* The tag of an entry's head, which vouches for its body too. */
static uint64_t head_tag(const kb_cache *c, const void *head, size_t hl, uint64_t bl,
			 uint64_t body_tag)
{
	uint64_t t[3] = {kb_siphash(c->mac, head, hl), bl, body_tag};
	return kb_siphash(c->mac, t, sizeof t);
}

/* ---- folders and sources by path ---- */

static dir_sum *dir_slot(kb_cache *c, const char *d, size_t n)
{
	size_t k = str_hash(d, n) & c->dirmask;
	while (c->dirs[k].dir && !(strlen(c->dirs[k].dir) == n && !memcmp(c->dirs[k].dir, d, n)))
		k = (k + 1) & c->dirmask;
	return &c->dirs[k];
}

static void grow_dirs(kb_cache *c)
{
	size_t oldcap = c->dirs ? c->dirmask + 1 : 0, cap = oldcap ? oldcap * 2 : 64;
	dir_sum *old = c->dirs;
	c->dirs = calloc(cap, sizeof *c->dirs);
	if (!c->dirs)
		abort();
	c->dirmask = cap - 1;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].dir)
			*dir_slot(c, old[i].dir, strlen(old[i].dir)) = old[i];
	free(old);
}

static void index_dirs(kb_cache *c)
{
	grow_dirs(c);
	for (size_t i = 0; i < c->sources->len; i++) {
		const kb_source *s = c->sources->items[i];
		uint64_t h = mix_str(c->skeys[i], s->path);
		/* Every folder above the file, "" (everything) included. */
		for (const char *p = s->path;; p++) {
			if (*p == '/' || p == s->path) {
				size_t n = *p == '/' ? (size_t)(p - s->path) : 0;
				dir_sum *d = dir_slot(c, s->path, n);
				if (!d->dir) {
					if ((c->ndirs + 1) * 2 > c->dirmask + 1) {
						grow_dirs(c);
						d = dir_slot(c, s->path, n);
					}
					d->dir = kb_strndup(c->a, s->path, n);
					c->ndirs++;
				}
				d->sum += h;
			}
			if (!*p)
				break;
		}
	}
}

static void index_sources(kb_cache *c)
{
	size_t cap = 16;
	while (cap < c->sources->len * 2)
		cap *= 2;
	c->sidx = malloc(cap * sizeof *c->sidx);
	if (!c->sidx)
		abort();
	memset(c->sidx, 0xff, cap * sizeof *c->sidx);
	c->smask = cap - 1;
	for (size_t i = 0; i < c->sources->len; i++) {
		const kb_source *s = c->sources->items[i];
		size_t k = str_hash(s->path, strlen(s->path)) & c->smask;
		while (c->sidx[k] >= 0)
			k = (k + 1) & c->smask;
		c->sidx[k] = (long)i;
	}
}

/* What a dependency is now: a file's key (or its absence), a folder's sum. */
static uint64_t dep_hash(kb_cache *c, int kind, const char *path)
{
	if (kind == DEP_FOLDER) {
		dir_sum *d = dir_slot(c, path, strlen(path));
		return d->dir ? d->sum : UINT64_C(0x9e3779b97f4a7c15);
	}
	for (size_t k = str_hash(path, strlen(path)) & c->smask; c->sidx[k] >= 0;
	     k = (k + 1) & c->smask)
		if (!strcmp(((const kb_source *)c->sources->items[c->sidx[k]])->path, path))
			return c->skeys[c->sidx[k]];
	return 0xabcdef;
}

/* ---- the file read ---- */

static void set_status(kb_cache *c, const char *s) { c->status = kb_strdup(c->a, s); }

/* An entry's head: what the file was and what the walk made of it. */
static bool read_head(kbc_rd *r, kb_arena *a, old_entry *e)
{
	e->path = kbc_str(r);
	e->key = kbc_u64(r);
	e->trusted = kbc_u(r, 1) != 0;
	uint64_t *f = &e->id.dev;
	for (int i = 0; i < 7; i++)
		f[i] = kbc_u64(r);
	e->relpath = kbc_str(r);
	e->format = kbc_str(r);
	e->channel = (kb_channel)kbc_u32(r);
	e->locale = kbc_str(r);
	e->scope = kbc_read_scope(r, a);
	e->len = kbc_u64(r);
	e->nsupp = kbc_u32(r);
	return !r->bad && r->p == r->end && e->path && e->relpath && e->format &&
	       e->channel <= KB_CHANNEL_MACRO;
}

/* The cache folder, when it exists inside the KB (or is made, with
 * create).  A symbolic link or a file in its place is refused once, with a
 * warning: the cache is then neither read nor written. */
static int cache_dir(kb_cache *c, bool create)
{
	if (c->dirfd >= 0 || c->refused)
		return c->dirfd;
	c->dirfd = kb_dir_beneath(c->root, ".kbcheck/cache", create);
	if (c->dirfd < 0 && (errno == ELOOP || errno == ENOTDIR)) {
		c->refused = true;
		set_status(c, "not a folder inside the knowledge base (a symbolic link?): not used");
		kb_diag(c->d, KB_DIAG_WARNING, c->path, 0, 0,
			"the cache's folder (.kbcheck or .kbcheck/cache) is a symbolic link or not "
			"a folder: kbcheck neither reads nor writes its cache there");
	}
	return c->dirfd;
}

static void load(kb_cache *c)
{
	int fd = cache_dir(c, false) >= 0 ? kb_open_regular(c->dirfd, "kbcheck.cache") : -1;
	int err = errno; /* of the call that failed: the folder's or the file's */
	if (fd < 0 && c->refused)
		return;
	if (fd < 0) {
		/* Say what happened: an unreadable cache is no "none yet". */
		if (err == ENOENT)
			set_status(c, "none yet: building it");
		else if (err == EINVAL || err == ELOOP)
			set_status(c, "not a regular file: rebuilt");
		else {
			const char *what = c->dirfd < 0 ? "in a folder kbcheck cannot open" :
							  "unreadable";
			c->status = kb_sprintf(c->a, "%s (%s): rebuilt", what, strerror(err));
			kb_diag(c->d, KB_DIAG_WARNING, c->path, 0, 0,
				"the cache is %s (%s): every file is parsed again", what,
				strerror(err));
		}
		return;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < HEADER) {
		close(fd);
		set_status(c, "truncated: rebuilt");
		return;
	}
	/* MAP_POPULATE: the whole file is used; mapping it in one go costs
	 * far less than a page fault per page. */
	void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED) {
		set_status(c, "unreadable: rebuilt");
		return;
	}
	c->map = m;
	c->maplen = (size_t)st.st_size;
	kbc_rd r = {c->map, c->map + c->maplen, false};
	const unsigned char *magic = kbc_take(&r, 8);
	uint32_t format = kbc_u32(&r);
	(void)kbc_u32(&r);
	uint64_t key = kbc_u64(&r), n = kbc_u64(&r), payload = kbc_u64(&r), check = kbc_u64(&r);
	if (memcmp(magic, MAGIC, 8) != 0 || format != FORMAT) {
		set_status(c, "not a kbcheck cache of this format: rebuilt");
		return;
	}
	if (check != kb_hash_buf(c->map, 40, 6)) {
		set_status(c, "damaged header: rebuilt");
		return;
	}
	if (key != c->key) {
		set_status(c, "made by another kbcheck build, rule packs, kbcheck.yml, user or "
			      "machine: rebuilt");
		return;
	}
	if (payload != c->maplen - HEADER || n > payload / FRAME) {
		set_status(c, "truncated: rebuilt");
		return;
	}
	c->entries = n;
	c->payload_read = payload;
	c->old = calloc(n ? n : 1, sizeof *c->old);
	if (!c->old)
		abort();
	for (uint64_t i = 0; i < n && !r.bad; i++) {
		uint32_t hl = kbc_u32(&r);
		(void)kbc_u32(&r);
		uint64_t bl = kbc_u64(&r), hh = kbc_u64(&r), bh = kbc_u64(&r);
		const unsigned char *head = kbc_take(&r, hl);
		const unsigned char *body = kbc_take(&r, bl);
		if (!head || !body)
			break;
		/* Heads are checked now (they describe files unread); bodies
		 * when used: a damaged entry is a file read again. */
		old_entry *e = &c->old[c->nold];
		kbc_rd h = {head, head + hl, false};
		if (head_tag(c, head, hl, bl, bh) != hh || !read_head(&h, c->a, e)) {
			c->bad_entries++;
			continue;
		}
		e->head = head;
		e->head_len = hl;
		e->body = body;
		e->body_len = (size_t)bl;
		e->body_hash = bh;
		c->nold++;
	}
	if (r.bad || r.p != r.end) {
		set_status(c, "truncated: rebuilt");
		c->nold = 0;
		return;
	}
	size_t cap = 16;
	while (cap < c->nold * 2)
		cap *= 2;
	c->byhash = malloc(cap * sizeof *c->byhash);
	if (!c->byhash)
		abort();
	memset(c->byhash, 0xff, cap * sizeof *c->byhash);
	c->hmask = cap - 1;
	for (size_t i = 0; i < c->nold; i++) {
		size_t k = str_hash(c->old[i].path, strlen(c->old[i].path)) & c->hmask;
		while (c->byhash[k] >= 0 && strcmp(c->old[c->byhash[k]].path, c->old[i].path))
			k = (k + 1) & c->hmask;
		if (c->byhash[k] < 0)
			c->nlive++;
		c->byhash[k] = (long)i; /* a later entry replaces an earlier one */
	}
	c->ino = st.st_ino;
}

static long find_old(const kb_cache *c, const char *path)
{
	if (!c->byhash)
		return -1;
	for (size_t k = str_hash(path, strlen(path)) & c->hmask; c->byhash[k] >= 0;
	     k = (k + 1) & c->hmask)
		if (!strcmp(c->old[c->byhash[k]].path, path))
			return c->byhash[k];
	return -1;
}

kb_cache *kb_cache_open(kb_arena *a, kb_diags *d, const kb_config *cfg,
			 const kb_rules *rules)
{
	kb_cache *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	c->a = a;
	c->d = d;
	c->dirfd = -1;
	clock_gettime(CLOCK_REALTIME, &c->start);
	pthread_mutex_init(&c->lock, NULL);
	const char *root = cfg && cfg->root ? cfg->root : ".";
	c->root = root;
	c->path = strcmp(root, ".") ? kb_sprintf(a, "%s/.kbcheck/cache/kbcheck.cache", root)
				    : ".kbcheck/cache/kbcheck.cache";
	uint64_t k = mix_str(kb_hash_buf(KB_VERSION, strlen(KB_VERSION), 8), "format 3");
	k = mix(k, build_key());
	k = mix(k, rules ? kb_rules_hash(rules) : 0);
	k = mix(k, file_hash(cfg ? cfg->path : NULL));
	const char *why;
	if (!kb_cache_key(c->mac, &why)) {
		/* Without a key no entry can be trusted, nor signed. */
		c->refused = true;
		c->status = kb_sprintf(a, "not used: %s", why);
		return c;
	}
	c->seed = kb_siphash(c->mac, "content", 7);
	c->key = mix(k, kb_siphash(c->mac, "header", 6));
	load(c);
	return c;
}

kb_source *kb_cache_known(void *user, kb_arena *a, const char *path, const char *rel,
			  const struct stat *st)
{
	kb_cache *c = user;
	const char *shown = path[0] == '.' && path[1] == '/' ? path + 2 : path;
	long oi = find_old(c, shown);
	if (oi < 0)
		return NULL;
	const old_entry *e = &c->old[oi];
	identity now = identity_of(st);
	if (!e->trusted || memcmp(&now, &e->id, sizeof now) != 0 ||
	    strcmp(rel ? rel : shown, e->relpath) != 0)
		return NULL;
	kb_source *s = KB_NEW(a, kb_source);
	s->path = shown;
	s->relpath = e->relpath;
	s->format = e->format;
	s->channel = e->channel;
	s->locale = e->locale;
	s->scope = e->scope;
	s->len = e->len;
	return s; /* data NULL: read only if needed (kb_source_load) */
}

void kb_cache_bind(kb_cache *c, const kb_vec *sources, const kb_source_index *index,
		   const bool *walk_clean)
{
	c->sources = sources;
	c->index = index;
	c->walk_clean = walk_clean;
	size_t n = sources->len ? sources->len : 1;
	c->skeys = KB_NEWN(c->a, uint64_t, n);
	c->slots = KB_NEWN(c->a, slot, n);
	for (size_t i = 0; i < sources->len; i++) {
		const kb_source *s = sources->items[i];
		long oi = find_old(c, s->path);
		c->slots[i].entry = oi;
		c->slots[i].old = -1;
		if (!s->data) {
			/* Described from its entry: its key is the entry's. */
			c->skeys[i] = oi >= 0 ? c->old[oi].key : 0;
			c->slots[i].lazy = true;
		} else {
			c->skeys[i] = source_key(c, s);
		}
	}
	index_dirs(c);
	index_sources(c);
	/* A re-run: nearly every file described from the cache.  The few
	 * entries to write wait in memory, to be appended. */
	size_t lazy = 0;
	for (size_t i = 0; i < sources->len; i++)
		lazy += c->slots[i].lazy;
	c->append = c->map && c->nold && !c->bad_entries && lazy * 10 >= sources->len * 9;
}

bool kb_cache_get(kb_cache *c, size_t i, kb_arena *a, kb_cached *out, kb_diags *diags,
		  kb_diags *xdiags, size_t *nsupp)
{
	*nsupp = 0;
	if (!c)
		return false;
	const kb_source *s = c->sources->items[i];
	long oi = c->slots[i].entry;
	if (oi < 0 || c->old[oi].key != c->skeys[i])
		return false;
	old_entry *e = &c->old[oi];
	/* Each entry is looked at by one worker only (one per source). */
	if (!e->body_checked) {
		e->body_bad = kb_siphash(c->mac, e->body, e->body_len) != e->body_hash;
		e->body_checked = true;
	}
	if (e->body_bad)
		return false;
	kbc_rd r = {e->body, e->body + e->body_len, false};
	/* What else the parse read must not have changed either. */
	size_t ndeps = kbc_count(&r, 13);
	for (size_t k = 0; k < ndeps && !r.bad; k++) {
		int kind = (int)kbc_u(&r, 1);
		const char *path = kbc_str(&r);
		uint64_t h = kbc_u64(&r);
		if (r.bad || !path || dep_hash(c, kind, path) != h)
			return false;
	}
	if (!kbc_read_results(&r, a, s, out, diags, xdiags))
		return false;
	c->slots[i].old = oi;
	*nsupp = e->nsupp;
	return true;
}

/* The temporary file, made at the first entry to write; NULL when the
 * cache cannot be written (read-only KB): the run goes on without.  Called
 * by workers (under the lock): no arena allocation here. */
static FILE *output(kb_cache *c)
{
	if (c->out || c->write_failed)
		return c->out;
	int dir = cache_dir(c, true);
	if (dir < 0) {
		c->write_failed = true;
		return NULL;
	}
	/* The folder ignores itself: the cache is never committed.  O_EXCL:
	 * whatever is there already (a link included) is left alone. */
	int g = openat(dir, ".gitignore", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		       0666);
	if (g >= 0) {
		static const char text[] =
		    "# kbcheck's cache (kbcheck check --no-cache to do without)\n*\n";
		(void)!write(g, text, sizeof text - 1);
		close(g);
	}
	c->wf = kb_wfile_at(dir, "kbcheck.cache");
	if (!c->wf) {
		c->write_failed = true;
		return NULL;
	}
	c->out = kb_wfile_stream(c->wf);
	static const char zero[HEADER] = {0};
	if (fwrite(zero, 1, HEADER, c->out) != HEADER)
		c->write_failed = true;
	return c->out;
}

/* The head of source i's entry: as it is now (stat) unless described from
 * the old entry. */
static void write_head(kb_cache *c, kb_buf *b, size_t i, uint32_t nsupp)
{
	const kb_source *s = c->sources->items[i];
	const slot *sl = &c->slots[i];
	kbc_wstr(b, s->path);
	kbc_w64(b, c->skeys[i]);
	identity id = {0};
	bool trusted = false;
	if (sl->lazy && sl->old >= 0) {
		id = c->old[sl->old].id;
		trusted = true;
	} else {
		struct stat st;
		if (stat(s->path, &st) == 0) {
			id = identity_of(&st);
			trusted = c->walk_clean[i] && s->data && !s->modified && settled(c, &st) &&
				  (uint64_t)st.st_size == (uint64_t)s->len;
		}
	}
	kb_buf_putc(b, (char)trusted);
	const uint64_t *f = &id.dev;
	for (int k = 0; k < 7; k++)
		kbc_w64(b, f[k]);
	kbc_wstr(b, s->relpath);
	kbc_wstr(b, s->format);
	kbc_w32(b, (uint32_t)s->channel);
	kbc_wstr(b, s->locale);
	kbc_write_scope(b, &s->scope);
	kbc_w64(b, s->len);
	kbc_w32(b, nsupp);
}

/* Frame, head and body as one entry, in out. */
static void frame(const kb_cache *c, kb_buf *out, const char *head, size_t hl,
		  const char *body, size_t bl, uint64_t body_hash)
{
	kbc_w32(out, (uint32_t)hl);
	kbc_w32(out, 0);
	kbc_w64(out, bl);
	kbc_w64(out, head_tag(c, head, hl, bl, body_hash));
	kbc_w64(out, body_hash);
	kb_buf_put(out, head, hl);
	kb_buf_put(out, body, bl);
}

/* An entry to the file being written, or to those waiting to be appended
 * (the caller holds the lock when workers may run).  Takes e. */
static void add_entry(kb_cache *c, kb_buf *e)
{
	c->written++;
	c->payload += e->len;
	if (c->append) {
		if (c->npend == c->cappend) {
			c->cappend = c->cappend ? c->cappend * 2 : 16;
			c->pend = realloc(c->pend, c->cappend * sizeof *c->pend);
			if (!c->pend)
				abort();
		}
		c->pend_bytes += e->len;
		c->pend[c->npend].len = e->len;
		c->pend[c->npend++].bytes = kb_buf_detach(e);
		return;
	}
	FILE *f = output(c);
	if (f && fwrite(e->ptr, 1, e->len, f) != e->len)
		c->write_failed = true;
	kb_buf_free(e);
}

void kb_cache_put(kb_cache *c, size_t i, const kb_parse_deps *deps, const kb_cached *in,
		  kb_diags *diags, kb_diags *xdiags, size_t nsupp)
{
	if (!c)
		return;
	kb_buf head = KB_BUF_INIT, body = KB_BUF_INIT, e = KB_BUF_INIT;
	write_head(c, &head, i, (uint32_t)nsupp);
	size_t nd = deps ? deps->files.len + deps->folders.len : 0;
	kbc_w32(&body, (uint32_t)nd);
	for (size_t k = 0; deps && k < deps->files.len; k++) {
		kb_buf_putc(&body, DEP_FILE);
		kbc_wstr(&body, deps->files.items[k]);
		kbc_w64(&body, dep_hash(c, DEP_FILE, deps->files.items[k]));
	}
	for (size_t k = 0; deps && k < deps->folders.len; k++) {
		kb_buf_putc(&body, DEP_FOLDER);
		kbc_wstr(&body, deps->folders.items[k]);
		kbc_w64(&body, dep_hash(c, DEP_FOLDER, deps->folders.items[k]));
	}
	kbc_write_results(&body, diags, xdiags, in);
	frame(c, &e, head.ptr, head.len, body.ptr, body.len,
	      kb_siphash(c->mac, body.ptr, body.len));
	kb_buf_free(&head);
	kb_buf_free(&body);
	pthread_mutex_lock(&c->lock);
	c->changed = true;
	add_entry(c, &e);
	pthread_mutex_unlock(&c->lock);
}

static void header(kb_cache *c, kb_buf *h, uint64_t entries, uint64_t payload)
{
	kb_buf_put(h, MAGIC, 8);
	kbc_w32(h, FORMAT);
	kbc_w32(h, 0);
	kbc_w64(h, c->key);
	kbc_w64(h, entries);
	kbc_w64(h, payload);
	kbc_w64(h, kb_hash_buf(h->ptr, 40, 6));
}

/* Append the waiting entries to the file read, if it is still the one
 * read (same inode and size), under an exclusive lock; false otherwise
 * (then the whole file is written). */
static bool append_pending(kb_cache *c)
{
	int fd = c->dirfd >= 0 ? openat(c->dirfd, "kbcheck.cache",
					O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
			       : -1;
	if (fd < 0)
		return false;
	struct stat st;
	bool ok = flock(fd, LOCK_EX) == 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		  st.st_ino == c->ino &&
		  (size_t)st.st_size == c->maplen;
	off_t at = (off_t)c->maplen;
	for (size_t k = 0; ok && k < c->npend; k++) {
		ssize_t w = pwrite(fd, c->pend[k].bytes, c->pend[k].len, at);
		ok = w == (ssize_t)c->pend[k].len;
		at += w > 0 ? w : 0;
	}
	if (ok) {
		kb_buf h = KB_BUF_INIT;
		header(c, &h, c->entries + c->npend, c->payload_read + c->pend_bytes);
		ok = pwrite(fd, h.ptr, h.len, 0) == (ssize_t)h.len;
		kb_buf_free(&h);
	}
	if (!ok && (size_t)at > c->maplen)
		(void)ftruncate(fd, (off_t)c->maplen); /* take back a partial append */
	close(fd); /* and the lock */
	return ok;
}

void kb_cache_save(kb_cache *c)
{
	if (!c || !c->sources)
		return;
	size_t hits = 0, lazy = 0, live = 0, damaged = c->bad_entries;
	for (size_t i = 0; i < c->sources->len; i++) {
		const slot *sl = &c->slots[i];
		if (sl->old < 0)
			continue;
		hits++;
		lazy += sl->lazy;
		live += FRAME + c->old[sl->old].head_len + c->old[sl->old].body_len;
	}
	for (size_t i = 0; i < c->nold; i++)
		damaged += c->old[i].body_bad;
	const char *was = c->status;
	c->status = kb_sprintf(c->a, "reused %zu of %zu sources (%zu not read)%s%s", hits,
			       c->sources->len, lazy, was ? "; cache was " : "", was ? was : "");
	if (damaged)
		c->status = kb_sprintf(c->a, "%s; %zu damaged entr%s parsed again", c->status,
				       damaged, damaged == 1 ? "y" : "ies");
	/* Nothing new, nothing gone, every file described from its entry:
	 * the file on disk is this run's. */
	if (!c->changed && hits == c->nlive && lazy == hits && !damaged && c->map)
		return;
	if (cache_dir(c, false) >= 0)
		kb_cache_sweep(c->dirfd, "kbcheck.cache");
	/* A few changed files: their entries are appended; a file read again
	 * (its head changes: identity) counts as changed too. */
	if (c->append && !damaged) {
		for (size_t i = 0; i < c->sources->len; i++) {
			slot *sl = &c->slots[i];
			if (sl->old < 0 || sl->lazy)
				continue;
			sl->waiting = true;
			const old_entry *e = &c->old[sl->old];
			kb_buf head = KB_BUF_INIT, en = KB_BUF_INIT;
			write_head(c, &head, i, e->nsupp);
			frame(c, &en, head.ptr, head.len, (const char *)e->body, e->body_len, e->body_hash);
			kb_buf_free(&head);
			add_entry(c, &en);
		}
		/* Replaced entries may take up to half the file. */
		if (c->maplen + c->pend_bytes <= 2 * (live + c->pend_bytes) && append_pending(c))
			return;
	}
	/* The whole file anew: what waited to be appended, then every entry
	 * reused as it was (with its head as the file is now). */
	bool was_append = c->append;
	c->append = false;
	if (was_append) {
		/* Nothing was written yet: the waiting entries go first. */
		c->written = 0;
		c->payload = 0;
	}
	for (size_t k = 0; k < c->npend && was_append; k++) {
		kb_buf e = {.ptr = c->pend[k].bytes, .len = c->pend[k].len, .cap = c->pend[k].len};
		c->pend[k].bytes = NULL;
		add_entry(c, &e);
	}
	for (size_t i = 0; i < c->sources->len; i++) {
		const slot *sl = &c->slots[i];
		if (sl->old < 0 || sl->waiting)
			continue;
		const old_entry *e = &c->old[sl->old];
		kb_buf head = KB_BUF_INIT, en = KB_BUF_INIT;
		write_head(c, &head, i, e->nsupp);
		frame(c, &en, head.ptr, head.len, (const char *)e->body, e->body_len, e->body_hash);
		kb_buf_free(&head);
		add_entry(c, &en);
	}
	if (!c->out || c->write_failed) {
		if (c->wf) {
			kb_wfile_abort(c->wf);
			c->wf = NULL;
			c->out = NULL;
		}
		if (c->write_failed)
			c->status = kb_sprintf(c->a, "%s; cannot be written here: not kept",
					       c->status);
		return;
	}
	kb_buf h = KB_BUF_INIT;
	header(c, &h, c->written, c->payload);
	bool ok = fseek(c->out, 0, SEEK_SET) == 0 && fwrite(h.ptr, 1, h.len, c->out) == h.len;
	kb_buf_free(&h);
	if (!ok) {
		kb_wfile_abort(c->wf);
		c->wf = NULL;
	}
	ok = ok && kb_wfile_commit(c->wf);
	c->wf = NULL;
	c->out = NULL;
	if (!ok) {
		c->status = kb_sprintf(c->a, "%s; cannot be written here: not kept", c->status);
	}
}

void kb_cache_close(kb_cache *c)
{
	if (!c)
		return;
	if (c->wf)
		kb_wfile_abort(c->wf);
	if (c->dirfd >= 0)
		close(c->dirfd);
	for (size_t k = 0; k < c->npend; k++)
		free(c->pend[k].bytes);
	free(c->pend);
	if (c->map)
		munmap(c->map, c->maplen);
	free(c->old);
	free(c->byhash);
	free(c->sidx);
	free(c->dirs);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

const char *kb_cache_path(const kb_cache *c) { return c ? c->path : NULL; }
const char *kb_cache_status(const kb_cache *c) { return c && c->status ? c->status : "unused"; }
