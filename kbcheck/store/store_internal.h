/* store_internal.h - shared by the store's own files; the only header in
 * kbcheck that includes sqlite3.h. */
#ifndef KB_STORE_INTERNAL_H
#define KB_STORE_INTERNAL_H

#include <sqlite3.h>
#include <sys/stat.h>

#include "store.h"

/* "kbck": marks the file as kbcheck's (PRAGMA application_id). */
#define KB_STORE_APP_ID 0x6b62636b

struct kb_store {
	sqlite3 *db;
	char *path; /* malloc'd copy, for messages */
	kb_diags *d;
	int busy_ms;
	int64_t last_run;
	/* A read-only open with no -wal file beside the database: SQLite reads
	 * it as immutable (no lock, no -shm), and `snap` is the file as it
	 * was then, to see whether a writer changed it during the read. */
	bool snapshot;
	struct stat snap;
};

/* Whether the database file is no longer the one `snap` describes (a
 * writer's checkpoint changed it, or it was replaced). */
bool kb_store_snapshot_moved(const kb_store *s);
/* Opens the snapshot again, as it is now.  false on failure (reported). */
bool kb_store_snapshot_reopen(kb_store *s);

typedef struct kb_store_migration {
	int version;
	const char *sql;
} kb_store_migration;

/* The migrations in version order (schema.c). */
const kb_store_migration *kb_store_migrations(size_t *n);

/* Reports the connection's last error as "<what>: <explanation>" on the
 * store's diagnostics and returns false. */
bool kb_store_fail(kb_store *s, const char *what);
/* Runs SQL without results; reports and returns false on failure. */
bool kb_store_exec(kb_store *s, const char *sql, const char *what);
/* Prepares a statement; reports and returns NULL on failure. */
sqlite3_stmt *kb_store_prepare(kb_store *s, const char *sql);
/* Binds a string, NULL as SQL NULL. */
void kb_store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Column text copied into arena a; NULL for SQL NULL. */
const char *kb_store_col_text(kb_arena *a, sqlite3_stmt *st, int i);

#endif
