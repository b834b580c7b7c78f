/* schema.c - the database schema, as a list of migrations.
 *
 * Migration N takes a database at version N-1 to version N; a new database
 * gets all of them in order.  They run inside the store's open transaction
 * (store.c), so a migration is applied whole or not at all, and each one
 * records itself in kb_schema.  Never edit a released migration: add the
 * next one (ALTER TABLE, new tables, data moves) and raise KB_STORE_SCHEMA.
 * For version N: write migration_N below, append {N, migration_N} to the
 * list, set KB_STORE_SCHEMA to N in store.h, and read the new columns in
 * query.c.  tests/audit/schema1.sql, a frozen version-1 database, checks
 * that old files are migrated and still read (tests/audit/store.sh).
 *
 * Times are seconds since the epoch (UTC).  Identifiers avoid SQL keywords
 * (col, not column) so that ad-hoc queries need no quoting.
 */
#include "store_internal.h"

static const char migration_1[] =
    /* Which migrations were applied, when, by which kbcheck. */
    "CREATE TABLE kb_schema (\n"
    "  version INTEGER PRIMARY KEY,\n"
    "  applied_at INTEGER NOT NULL,\n"
    "  tool_version TEXT NOT NULL\n"
    ");\n"
    /* One row per recorded run. */
    "CREATE TABLE runs (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  time INTEGER NOT NULL,\n"
    "  revision TEXT,\n"
    "  tool_version TEXT NOT NULL,\n"
    "  source_url TEXT,\n"
    "  files INTEGER NOT NULL,\n"
    "  units INTEGER NOT NULL,\n"
    "  claims INTEGER NOT NULL,\n"
    "  findings INTEGER NOT NULL,\n"
    "  acked INTEGER NOT NULL,\n"
    "  input_errors INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX runs_by_time ON runs(time, id);\n"
    /* Units and claims per channel and locale. */
    "CREATE TABLE run_counts (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  channel TEXT NOT NULL,\n"
    "  locale TEXT NOT NULL,\n"
    "  units INTEGER NOT NULL,\n"
    "  claims INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run_id, channel, locale)\n"
    ") WITHOUT ROWID;\n"
    /* Claims, stored once however many runs state them (hash: of every
     * column below), and which runs state them. */
    "CREATE TABLE claims (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  hash TEXT NOT NULL UNIQUE,\n"
    "  topic TEXT NOT NULL,\n"
    "  attribute TEXT NOT NULL,\n"
    "  scope TEXT NOT NULL,\n"
    "  path TEXT NOT NULL,\n"
    "  relpath TEXT NOT NULL,\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL,\n"
    "  end_line INTEGER NOT NULL,\n"
    "  end_col INTEGER NOT NULL,\n"
    "  channel TEXT NOT NULL,\n"
    "  locale TEXT NOT NULL,\n"
    "  format TEXT NOT NULL,\n"
    "  unit_id TEXT,\n"
    "  question TEXT,\n"
    "  sentence TEXT,\n"
    "  quote TEXT NOT NULL,\n"
    "  value TEXT NOT NULL,\n"
    "  value_key TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE run_claims (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  claim_id INTEGER NOT NULL REFERENCES claims(id),\n"
    "  deviates INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run_id, claim_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX run_claims_by_claim ON run_claims(claim_id);\n"
    /* The policy file's canonical values as the run saw them. */
    "CREATE TABLE run_canonical (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  topic TEXT NOT NULL,\n"
    "  attribute TEXT NOT NULL,\n"
    "  scope TEXT NOT NULL,\n"
    "  value TEXT NOT NULL,\n"
    "  value_key TEXT NOT NULL,\n"
    "  source TEXT,\n"
    "  PRIMARY KEY (run_id, topic, attribute, scope)\n"
    ") WITHOUT ROWID;\n"
    /* A finding's identity.  first_seen is kept when old runs are pruned. */
    "CREATE TABLE findings (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  fingerprint TEXT NOT NULL UNIQUE,\n"
    "  topic TEXT NOT NULL,\n"
    "  attribute TEXT NOT NULL,\n"
    "  scope TEXT NOT NULL,\n"
    "  first_seen INTEGER NOT NULL\n"
    ");\n"
    /* A finding as one run saw it; its life (new, resolved) follows from
     * which runs have a sighting. */
    "CREATE TABLE sightings (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  finding_id INTEGER NOT NULL REFERENCES findings(id),\n"
    "  severity TEXT NOT NULL,\n"
    "  message TEXT NOT NULL,\n"
    "  majority TEXT,\n"
    "  majority_count INTEGER NOT NULL,\n"
    "  sources INTEGER NOT NULL,\n"
    "  canonical TEXT,\n"
    "  canonical_source TEXT,\n"
    "  acked INTEGER NOT NULL,\n"
    "  ack_reason TEXT,\n"
    "  ack_by TEXT,\n"
    "  PRIMARY KEY (run_id, finding_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX sightings_by_finding ON sightings(finding_id, run_id);\n"
    "CREATE TABLE sides (\n"
    "  run_id INTEGER NOT NULL,\n"
    "  finding_id INTEGER NOT NULL,\n"
    "  seq INTEGER NOT NULL,\n"
    "  claim_id INTEGER NOT NULL REFERENCES claims(id),\n"
    "  deviates INTEGER NOT NULL,\n"
    "  suggestion TEXT,\n"
    "  PRIMARY KEY (run_id, finding_id, seq),\n"
    "  FOREIGN KEY (run_id, finding_id) REFERENCES sightings(run_id, finding_id)\n"
    "    ON DELETE CASCADE\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX sides_by_claim ON sides(claim_id);\n"
    /* For people querying the file by hand. */
    "CREATE VIEW finding_sides AS\n"
    "  SELECT s.run_id, f.fingerprint, f.topic, f.attribute, f.scope, s.seq,\n"
    "         c.path, c.line, c.col, c.channel, c.locale, c.quote, c.value,\n"
    "         s.deviates, s.suggestion\n"
    "  FROM sides s JOIN findings f ON f.id = s.finding_id\n"
    "              JOIN claims c ON c.id = s.claim_id;\n";

/* Coverage (compare/coverage.h): what each run did not read and what it
 * read without a claim, so that the audit can say how far a quiet week is
 * to be trusted.  Runs recorded before have NULL in runs.unclaimed (and no
 * rows below): their coverage is unknown, not empty. */
static const char migration_2[] =
    /* Values without a claim in all (the rows below list the first). */
    "ALTER TABLE runs ADD COLUMN unclaimed INTEGER;\n"
    /* Files that gave no answer, by reason: how many in all... */
    "CREATE TABLE run_unread (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  reason TEXT NOT NULL,\n"
    "  files INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run_id, reason)\n"
    ") WITHOUT ROWID;\n"
    /* ...and the first of them (by path). */
    "CREATE TABLE run_unread_files (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  reason TEXT NOT NULL,\n"
    "  seq INTEGER NOT NULL,\n"
    "  path TEXT NOT NULL,\n"
    "  format TEXT,\n"
    "  detail TEXT,\n"
    "  PRIMARY KEY (run_id, reason, seq)\n"
    ") WITHOUT ROWID;\n"
    /* Values in answers about a topic that made no confident claim (the
     * first, by path and line). */
    "CREATE TABLE run_unclaimed (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL,\n"
    "  topic TEXT NOT NULL,\n"
    "  attribute TEXT NOT NULL,\n"
    "  path TEXT NOT NULL,\n"
    "  relpath TEXT NOT NULL,\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL,\n"
    "  end_line INTEGER NOT NULL,\n"
    "  end_col INTEGER NOT NULL,\n"
    "  channel TEXT NOT NULL,\n"
    "  locale TEXT NOT NULL,\n"
    "  unit_id TEXT,\n"
    "  quote TEXT NOT NULL,\n"
    "  weak INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run_id, seq)\n"
    ") WITHOUT ROWID;\n"
    /* Confident claims per topic of the rule packs and channel present in
     * the KB (0: the channel says nothing of the topic). */
    "CREATE TABLE run_topics (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  topic TEXT NOT NULL,\n"
    "  channel TEXT NOT NULL,\n"
    "  claims INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run_id, topic, channel)\n"
    ") WITHOUT ROWID;\n";

static const kb_store_migration migrations[] = {
    {1, migration_1},
    {2, migration_2},
};

const kb_store_migration *kb_store_migrations(size_t *n)
{
	*n = sizeof migrations / sizeof migrations[0];
	return migrations;
}
