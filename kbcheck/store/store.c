/* store.c - opening the database: what the file is, migrations, and error
 * messages that say what went wrong in the user's terms. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { DEFAULT_BUSY_MS = 10000 };

/* What an SQLite result code means for the user, and what to do. */
static const char *explain(int code)
{
	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "the database is locked by another process";
	case SQLITE_NOTADB:
		return "not an SQLite database";
	case SQLITE_CORRUPT:
		return "the database file is damaged";
	case SQLITE_READONLY:
		return "the database cannot be written (read-only file or folder)";
	case SQLITE_FULL:
		return "the disk is full";
	case SQLITE_CANTOPEN:
		return "cannot open the file";
	case SQLITE_IOERR:
		return "input/output error";
	case SQLITE_PERM:
		return "permission denied";
	default:
		return NULL;
	}
}

bool kb_store_fail(kb_store *s, const char *what)
{
	int code = sqlite3_extended_errcode(s->db);
	const char *why = explain(code);
	const char *msg = sqlite3_errmsg(s->db);
	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		kb_diag(s->d, KB_DIAG_ERROR, s->path, 0, 0,
			"%s: %s; gave up after waiting %d s (SQLite: %s)", what, why,
			(s->busy_ms + 999) / 1000, msg);
	else if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
		kb_diag(s->d, KB_DIAG_ERROR, s->path, 0, 0,
			"%s: %s (SQLite: %s); kbcheck leaves the file unchanged: restore it "
			"from a backup or give another --db",
			what, why, msg);
	else if (why)
		kb_diag(s->d, KB_DIAG_ERROR, s->path, 0, 0, "%s: %s (SQLite: %s)", what, why, msg);
	else
		kb_diag(s->d, KB_DIAG_ERROR, s->path, 0, 0, "%s: SQLite: %s", what, msg);
	return false;
}

bool kb_store_exec(kb_store *s, const char *sql, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return true;
	return kb_store_fail(s, what);
}

sqlite3_stmt *kb_store_prepare(kb_store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		kb_store_fail(s, "cannot read the database");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

void kb_store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

const char *kb_store_col_text(kb_arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	if (!t)
		return NULL;
	return kb_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i));
}

/* One integer from a query (0 when there is no row). */
static bool query_int(kb_store *s, const char *sql, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	*out = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return false;
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

typedef struct {
	int64_t version; /* 0: empty, no kbcheck schema yet */
	char tool[64];	 /* kbcheck version that applied `version` */
} schema_state;

/* What the file holds.  Reads only.  false (reported) when it cannot be
 * used: not SQLite, damaged, another program's database, locked. */
static bool inspect(kb_store *s, schema_state *st)
{
	memset(st, 0, sizeof *st);
	int64_t app = 0, objects = 0, has_schema = 0;
	if (!kb_store_exec(s, "BEGIN", "cannot read the database"))
		return false;
	bool ok = query_int(s, "PRAGMA application_id", &app) &&
		  query_int(s, "SELECT count(*) FROM sqlite_master", &objects) &&
		  query_int(s,
			    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
			    "name = 'kb_schema'",
			    &has_schema);
	if (!ok) {
		kb_store_fail(s, "cannot read the database");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return false;
	}
	if (objects > 0 && !has_schema) {
		kb_diag(s->d, KB_DIAG_ERROR, s->path, 0, 0,
			"not a kbcheck database: an SQLite database of another program "
			"(application_id %#llx, %lld schema objects, no kb_schema table); kbcheck "
			"leaves it unchanged",
			(unsigned long long)app, (long long)objects);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return false;
	}
	if (app != 0 && app != KB_STORE_APP_ID) {
		kb_diag(s->d, KB_DIAG_ERROR, s->path, 0, 0,
			"not a kbcheck database: its application_id is %#llx; kbcheck leaves it "
			"unchanged",
			(unsigned long long)app);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return false;
	}
	if (has_schema) {
		sqlite3_stmt *q = kb_store_prepare(
		    s, "SELECT version, tool_version FROM kb_schema ORDER BY version DESC LIMIT 1");
		if (!q) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return false;
		}
		int rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			st->version = sqlite3_column_int64(q, 0);
			const unsigned char *t = sqlite3_column_text(q, 1);
			snprintf(st->tool, sizeof st->tool, "%s", t ? (const char *)t : "?");
		}
		sqlite3_finalize(q);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			kb_store_fail(s, "cannot read the schema version");
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return false;
		}
	}
	sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	if (st->version > KB_STORE_SCHEMA) {
		kb_diag(s->d, KB_DIAG_ERROR, s->path, 0, 0,
			"this database was written by a newer kbcheck (schema version %lld, by "
			"kbcheck %s); kbcheck %s reads schema versions up to %d: upgrade kbcheck "
			"to use it (the file is left unchanged)",
			(long long)st->version, st->tool, KB_VERSION, KB_STORE_SCHEMA);
		return false;
	}
	return true;
}

/* Runs the journal-mode pragma jm, retried while the file is locked, until
 * the busy timeout has passed.  Switching to WAL needs the file to itself:
 * a connection that holds a read lock and asks for the write lock while
 * another does the same is refused at once, without the busy handler
 * (SQLite avoids the deadlock) -- which is what processes creating the
 * database together meet. */
static int step_retrying(kb_store *s, sqlite3_stmt *jm)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int pause = 1;; pause = pause < 64 ? pause * 2 : 64) {
		int rc = sqlite3_step(jm);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			return rc;
		clock_gettime(CLOCK_MONOTONIC, &t);
		long long ms = (t.tv_sec - t0.tv_sec) * 1000LL + (t.tv_nsec - t0.tv_nsec) / 1000000;
		if (ms >= s->busy_ms)
			return rc;
		sqlite3_reset(jm);
		sqlite3_sleep(pause);
	}
}

/* Brings the schema to KB_STORE_SCHEMA in one write transaction.  Another
 * process may have done it meanwhile: the version is read again under the
 * write lock. */
static bool migrate(kb_store *s)
{
	/* WAL is a property of the file; set it before the first write (it
	 * cannot change inside a transaction). */
	sqlite3_stmt *jm = kb_store_prepare(s, "PRAGMA journal_mode=WAL");
	if (!jm)
		return false;
	int rc = step_retrying(s, jm);
	const unsigned char *mode = rc == SQLITE_ROW ? sqlite3_column_text(jm, 0) : NULL;
	bool wal = mode && !strcmp((const char *)mode, "wal");
	sqlite3_finalize(jm);
	if (rc != SQLITE_ROW)
		return kb_store_fail(s, "cannot switch the database to WAL mode");
	if (!wal)
		kb_diag(s->d, KB_DIAG_WARNING, s->path, 0, 0,
			"the database could not use WAL mode (journal mode '%s'): readers will "
			"wait for writers",
			mode ? (const char *)mode : "?");
	if (!kb_store_exec(s, "BEGIN IMMEDIATE", "cannot update the database schema"))
		return false;
	int64_t version = 0, has_schema = 0;
	if (!query_int(s,
		       "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
		       "name = 'kb_schema'",
		       &has_schema) ||
	    (has_schema && !query_int(s, "SELECT max(version) FROM kb_schema", &version))) {
		kb_store_fail(s, "cannot read the schema version");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return false;
	}
	size_t n;
	const kb_store_migration *m = kb_store_migrations(&n);
	sqlite3_stmt *ins = NULL;
	bool ok = true;
	char what[64];
	for (size_t i = 0; ok && i < n; i++) {
		if (m[i].version <= version)
			continue;
		snprintf(what, sizeof what, "cannot apply schema migration %d", m[i].version);
		ok = kb_store_exec(s, m[i].sql, what);
		if (ok && !ins)
			ok =
			    (ins = kb_store_prepare(s, "INSERT INTO kb_schema(version, applied_at, "
						       "tool_version) VALUES (?, ?, ?)")) != NULL;
		if (ok) {
			sqlite3_reset(ins);
			sqlite3_bind_int(ins, 1, m[i].version);
			sqlite3_bind_int64(ins, 2, (sqlite3_int64)time(NULL));
			sqlite3_bind_text(ins, 3, KB_VERSION, -1, SQLITE_STATIC);
			ok = sqlite3_step(ins) == SQLITE_DONE || kb_store_fail(s, what);
		}
	}
	sqlite3_finalize(ins);
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA application_id=%d", KB_STORE_APP_ID);
	if (ok)
		ok = kb_store_exec(s, pragma, "cannot mark the database as kbcheck's");
	if (ok && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		ok = kb_store_fail(s, "cannot update the database schema");
	if (!ok)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return ok;
}

bool kb_store_parse_busy(const char *s, int *ms)
{
	char *end;
	double secs = strtod(s, &end);
	/* written so that NaN, which compares false, fails */
	if (end == s || *end || !(secs > 0 && secs <= 3600))
		return false;
	*ms = (int)(secs * 1000 + 0.5);
	return true;
}

kb_store *kb_store_open(const char *path, kb_diags *d)
{
	static const kb_store_opts defaults = {0};
	return kb_store_open_opts(path, &defaults, d);
}

static kb_store *new_store(const char *path, const kb_store_opts *o, kb_diags *d)
{
	kb_store *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->path = strdup(path);
	if (!s->path)
		abort();
	s->d = d;
	s->busy_ms = o->busy_timeout_ms > 0 ? o->busy_timeout_ms : DEFAULT_BUSY_MS;
	return s;
}

/* Opens the connection to name (a path, or a URI with SQLITE_OPEN_URI). */
static bool connect(kb_store *s, const char *name, int flags)
{
	if (sqlite3_open_v2(name, &s->db, flags, NULL) != SQLITE_OK) {
		if (s->db)
			kb_store_fail(s, "cannot open the database");
		else
			kb_diag(s->d, KB_DIAG_ERROR, s->path, 0, 0,
				"cannot open the database: out of memory");
		return false;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, s->busy_ms);
	return true;
}

/* "file:PATH?mode=ro", PATH percent-encoded (a '?', '#' or '%' in a file
 * name is a name), with "&immutable=1" for a snapshot.  malloc'd. */
static char *ro_uri(const char *path, bool immutable)
{
	static const char hex[] = "0123456789ABCDEF";
	char *u = malloc(strlen(path) * 3 + 32);
	if (!u)
		abort();
	char *p = u + sprintf(u, "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if (strchr("?#%", *c) || *c < 0x20 || *c >= 0x7f) {
			*p++ = '%';
			*p++ = hex[*c >> 4];
			*p++ = hex[*c & 15];
		} else {
			*p++ = (char)*c;
		}
	}
	strcpy(p, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
	return u;
}

/* Connects read-only.  A database with a -wal file has a writer now (or
 * had one that was killed): it is read through the WAL, with SQLite's
 * locks, and its -shm, as any reader would.  Without one, every committed
 * run is in the file itself, and it is read as immutable: SQLite then
 * takes no lock and creates nothing, which is what lets a user who cannot
 * write the folder read it, and what leaves no -wal or -shm of another
 * user in the owner's way.  A writer that starts meanwhile writes to its
 * WAL; only its checkpoint changes the file, which the reader sees
 * (kb_store_snapshot_moved) and answers by reading again. */
static bool connect_ro(kb_store *s)
{
	char *wal = malloc(strlen(s->path) + 5);
	if (!wal)
		abort();
	sprintf(wal, "%s-wal", s->path);
	struct stat sb;
	s->snapshot = stat(wal, &sb) != 0 && stat(s->path, &s->snap) == 0;
	free(wal);
	char *uri = ro_uri(s->path, s->snapshot);
	bool ok = connect(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
	free(uri);
	return ok;
}

bool kb_store_snapshot_moved(const kb_store *s)
{
	struct stat now;
	if (!s->snapshot)
		return false;
	if (stat(s->path, &now) != 0)
		return true;
	return now.st_ino != s->snap.st_ino || now.st_dev != s->snap.st_dev ||
	       now.st_size != s->snap.st_size || now.st_mtim.tv_sec != s->snap.st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != s->snap.st_mtim.tv_nsec;
}

bool kb_store_snapshot_reopen(kb_store *s)
{
	sqlite3_close_v2(s->db);
	s->db = NULL;
	return connect_ro(s);
}

/* A read-only store, or NULL: reported, or (*older set, nothing
 * reported) the schema is older than this kbcheck's. */
static kb_store *open_ro(const char *path, const kb_store_opts *o, kb_diags *d, bool *older)
{
	kb_store *s = new_store(path, o, d);
	schema_state st;
	if (!connect_ro(s) || !inspect(s, &st)) {
		kb_store_close(s);
		return NULL;
	}
	if (st.version < KB_STORE_SCHEMA) {
		*older = true;
		kb_store_close(s);
		return NULL;
	}
	return s;
}

kb_store *kb_store_open_opts(const char *path, const kb_store_opts *o, kb_diags *d)
{
	struct stat sb;
	bool exists = stat(path, &sb) == 0;
	if (!exists && o->must_exist) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0,
			"no such database (runs are recorded by 'kbcheck check --db FILE' or "
			"'kbcheck db record --db FILE')");
		return NULL;
	}
	if (exists && S_ISDIR(sb.st_mode)) {
		kb_diag(d, KB_DIAG_ERROR, path, 0, 0, "is a directory, not a database file");
		return NULL;
	}
	bool older = false;
	if (o->read_only && exists) {
		kb_store *s = open_ro(path, o, d, &older);
		if (s || !older)
			return s;
	}
	kb_store *s = new_store(path, o, d);
	int flags = SQLITE_OPEN_READWRITE | (o->must_exist ? 0 : SQLITE_OPEN_CREATE);
	schema_state st;
	if (!connect(s, path, flags) || !inspect(s, &st)) {
		kb_store_close(s);
		return NULL;
	}
	/* Per connection: cascades on delete; WAL with synchronous=NORMAL
	 * survives a killed process (not a power cut mid-commit, which may
	 * lose the last run but never damages the file). */
	if (!kb_store_exec(s, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL",
			   "cannot configure the database connection") ||
	    (st.version < KB_STORE_SCHEMA && !migrate(s))) {
		kb_store_close(s);
		return NULL;
	}
	return s;
}

void kb_store_close(kb_store *s)
{
	if (!s)
		return;
	sqlite3_close_v2(s->db);
	free(s->path);
	free(s);
}

int64_t kb_store_last_run_id(const kb_store *s) { return s->last_run; }
