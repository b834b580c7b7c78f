# store.sh - sourced by run.sh: the database under stress and abuse.
small="$here/kb"
sha() { sha256sum "$1" | cut -d' ' -f1; }
# Until another process is seen holding DB's write lock (at most TRIES
# looks, 0.05 s apart), however slow the machine.
wait_locked() {
  for _ in $(seq "$2"); do
    sqlite3 -cmd ".timeout 0" "$1" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null || return 0
    sleep 0.05
  done
}

# Two (three) processes recording at once, on a database none of them
# created yet: schema creation and both runs land.
for i in 1 2 3; do "$kbcheck" db record --db conc.db -q "$small" & done
st=0; for job in $(jobs -p); do wait "$job" || st=1; done
check "three concurrent writers all succeed" '[ $st -eq 0 ]'
check "three concurrent runs all landed" '[ "$(sql conc.db "SELECT count(*) FROM runs")" = 3 ]'
# The schema this kbcheck writes: each migration recorded once.
current=$(grep -o 'KB_STORE_SCHEMA = [0-9]*' "$here/../../kbcheck/store/store.h" | grep -o '[0-9]*$')
check "the schema was created once" '[ "$(sql conc.db "SELECT count(*) FROM kb_schema")" = "$current" ]'
check "the database is in WAL mode" '[ "$(sql conc.db "PRAGMA journal_mode")" = wal ]'

# The same race made deterministic: another connection holds the write
# lock of the new, empty file while kbcheck switches it to WAL.  SQLite
# refuses that switch at once, without the busy handler; kbcheck tries
# again until the lock is released (here after about a second).
(echo "BEGIN IMMEDIATE;"; sleep 1; echo "COMMIT;") | sqlite3 held.db &
holder=$!
wait_locked held.db 20
"$kbcheck" db record --db held.db -q "$small" 2> held.err
st=$?
wait "$holder"
check "creating a database another process holds waits for it" '[ $st -eq 0 ] && [ ! -s held.err ]'
check "…and records the run in WAL mode" '[ "$(sql held.db "PRAGMA journal_mode; SELECT count(*) FROM runs" | paste -sd" ")" = "wal 1" ]'

# kill -9 in the middle of a run's transaction.  A generated KB makes the
# write long enough to catch: a probe that asks for the write lock without
# waiting fails exactly while kbcheck's BEGIN IMMEDIATE ... COMMIT is open.
mkdir -p big/faq big/bot
awk -v n=700 'BEGIN {
  for (f = 0; f < n; f++) {
    file = sprintf("big/%s/page%04d.md", f % 2 ? "faq" : "bot", f)
    printf "# Page %d\n\n", f > file
    for (q = 0; q < 8; q++)
      printf "## Can I cancel order %d-%d?\n\nYou can cancel your order within %d hours, free of charge.\n\n", \
        f, q, (f * 8 + q) % 47 + 1 > file
    close(file)
  } }'
"$kbcheck" db record --db kill.db --now 2026-11-01 -q "$small"
sqlite3 kill.db ".backup kill0.db"
before=$(sql kill.db "SELECT count(*) FROM runs; SELECT count(*) FROM claims; SELECT count(*) FROM sightings" | tr '\n' ' ')
caught=no
for attempt in $(seq 10); do
  "$kbcheck" db record --db kill.db --now 2026-11-02 -q big &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if ! sqlite3 -cmd ".timeout 0" kill.db "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null && caught=yes
      break
    fi
  done
  wait "$pid" 2>/dev/null
  [ $caught = yes ] && break
  # The run finished before the probe saw it: start again from one run.
  rm -f kill.db kill.db-wal kill.db-shm
  sqlite3 kill0.db ".backup kill.db"
done
check "a recording process was killed inside its transaction" '[ $caught = yes ]'
check "after kill -9 the database passes integrity_check" '[ "$(sql kill.db "PRAGMA integrity_check")" = ok ]'
after=$(sql kill.db "SELECT count(*) FROM runs; SELECT count(*) FROM claims; SELECT count(*) FROM sightings" | tr '\n' ' ')
check "after kill -9 the previous run is intact and nothing of the killed one is left" '[ "$before" = "$after" ]'
"$kbcheck" db record --db kill.db --now 2026-11-03 -q "$small"
check "after kill -9 the next run records normally" \
  '[ $? -eq 0 ] && [ "$(sql kill.db "SELECT count(*) FROM runs")" = 2 ]'

# A database at schema 1 (tests/audit/schema1.sql, frozen: never regenerate
# it) is read and extended by this kbcheck.
sqlite3 old.db < "$here/schema1.sql"
"$kbcheck" db runs --db old.db > old-runs.txt
check "a schema-1 database is read" '[ $? -eq 0 ] && [ "$(tail -n +2 old-runs.txt | wc -l)" -eq 2 ]'
"$kbcheck" db record --db old.db -q "$small"
check "a schema-1 database takes new runs" '[ $? -eq 0 ] && [ "$(sql old.db "SELECT count(*) FROM runs")" = 3 ]'
check "a schema-1 database is at the current version" '[ "$(sql old.db "SELECT max(version) FROM kb_schema")" = "$current" ]'
check "…and its old runs have no coverage (unknown, not empty)" \
  '[ "$(sql old.db "SELECT count(*) FROM runs WHERE unclaimed IS NULL")" = 2 ]'
"$kbcheck" audit --db old.db --now 2026-11-20 --format markdown > old.md
check "a schema-1 database can be audited" '[ $? -eq 0 ] && grep -q "^## Policy matrix" old.md'

# A database from a newer kbcheck is refused, untouched.
cp conc.db newer.db
sql newer.db "INSERT INTO kb_schema VALUES ($((current + 1)), 0, '9.9.9')"
sql newer.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
h=$(sha newer.db)
"$kbcheck" db record --db newer.db -q "$small" 2> err.txt
check "a newer schema is refused" '[ $? -eq 2 ]'
check "…with a clear message" 'grep -q "newer.db: error: this database was written by a newer kbcheck (schema version $((current + 1)), by kbcheck 9.9.9)" err.txt'
check "…and the file is unchanged" '[ "$(sha newer.db)" = "$h" ] && [ "$(sql newer.db "SELECT count(*) FROM runs")" = 3 ]'

# Not a database at all: reported with the path and SQLite's message, never
# overwritten.
printf 'Meeting notes, not a database.\n%.0s' $(seq 200) > notes.txt
h=$(sha notes.txt)
"$kbcheck" db record --db notes.txt -q "$small" 2> err.txt
check "a text file is refused" '[ $? -eq 2 ]'
check "…naming the file and SQLite's reason" \
  'grep -q "^notes.txt: error: cannot read the database: not an SQLite database (SQLite: file is not a database)" err.txt'
check "…and it is unchanged, with no journal left beside it" \
  '[ "$(sha notes.txt)" = "$h" ] && ! ls notes.txt-* >/dev/null 2>&1'
"$kbcheck" audit --db notes.txt > /dev/null 2>&1
check "audit refuses it too" '[ $? -eq 2 ] && [ "$(sha notes.txt)" = "$h" ]'

# Another program's SQLite database.
sql other.db "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('x')"
h=$(sha other.db)
"$kbcheck" db record --db other.db -q "$small" 2> err.txt
check "another program's database is refused, unchanged" \
  '[ $? -eq 2 ] && grep -q "not a kbcheck database" err.txt && [ "$(sha other.db)" = "$h" ] && [ "$(sql other.db "PRAGMA journal_mode")" = delete ]'

# A damaged kbcheck database (its schema page overwritten from its b-tree
# header on: the page holds many tables, so its middle may be free space).
cp conc.db damaged.db
sql damaged.db "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
rm -f damaged.db-wal damaged.db-shm
printf 'garbage%.0s' $(seq 300) | dd of=damaged.db bs=1 seek=100 conv=notrunc status=none
h=$(sha damaged.db)
"$kbcheck" db runs --db damaged.db > /dev/null 2> err.txt
check "a damaged database is reported" \
  '[ $? -eq 2 ] && grep -q "^damaged.db: error: .*damaged (SQLite: .*malformed" err.txt'
"$kbcheck" db record --db damaged.db -q "$small" 2> /dev/null
check "…and never written to" '[ $? -eq 2 ] && [ "$(sha damaged.db)" = "$h" ]'

# A missing database: readers say so; nothing is created.
"$kbcheck" db runs --db missing.db > /dev/null 2> err.txt
check "a missing database is an error for readers, and not created" \
  '[ $? -eq 2 ] && grep -q "missing.db: error: no such database" err.txt && [ ! -e missing.db ]'

# A locked database: a writer waits for the lock, then gives up clearly;
# readers are not blocked (WAL).
# The locker holds the write lock until told to let go (a file appears);
# the test goes on once the lock is seen held, however slow the machine.
cp conc.db locked.db
rm -f release
{ echo "BEGIN IMMEDIATE;"; while [ ! -e release ]; do sleep 0.05; done; echo "COMMIT;"; } |
  sqlite3 locked.db &
locker=$!
wait_locked locked.db 400
start=$(date +%s%N)
"$kbcheck" db record --db locked.db --busy-timeout 1 -q "$small" 2> err.txt
st=$?
waited=$(( ($(date +%s%N) - start) / 1000000 ))
check "a locked database fails the writer (exit 2)" '[ $st -eq 2 ]'
check "…after waiting for the lock (${waited} ms)" '[ $waited -ge 900 ]'
check "…with a clear message" \
  'grep -q "^locked.db: error: cannot record the run: the database is locked by another process; gave up after waiting 1 s" err.txt'
"$kbcheck" db runs --db locked.db > /dev/null
check "readers are not blocked by a writer" '[ $? -eq 0 ]'
( sleep 1; touch release ) &
"$kbcheck" db record --db locked.db --busy-timeout 10 -q "$small"
check "a writer that waits long enough gets the lock" \
  '[ $? -eq 0 ] && [ "$(sql locked.db "SELECT count(*) FROM runs")" = 4 ]'
touch release
wait "$locker" 2>/dev/null

# Read-only history (issue 16, item 9).  Readers (audit, db runs, db
# findings) open the database read-only and create nothing beside it: a
# user who cannot write the file or its folder can read it, and leaves no
# -wal/-shm of theirs that would make the owner's next `db record` fail.
# as USER CMD...: runs CMD as another user (root only); the rest run as us.
as() { local u=$1; shift; setpriv --reuid="$u" --regid="$u" --clear-groups "$@"; }
readers_ok() { # label, runner prefix
  local who=$2
  $who "$kbcheck" db runs --db "$ro/h.db" > /dev/null 2> ro.err &&
    $who "$kbcheck" db findings --db "$ro/h.db" > /dev/null 2>> ro.err &&
    $who "$kbcheck" audit --db "$ro/h.db" --now 2026-11-05 -o - > /dev/null 2>> ro.err
  check "$1: audit, db runs, db findings succeed" '[ $? -eq 0 ] && [ ! -s ro.err ]'
  check "$1: …and leave no -wal or -shm" '[ ! -e "$ro/h.db-wal" ] && [ ! -e "$ro/h.db-shm" ]'
}
ro=$(mktemp -d "$tmp/ro.XXXXXX")
"$kbcheck" db record --db "$ro/h.db" --now 2026-11-01 -q "$small"
chmod 0444 "$ro/h.db"; chmod 0555 "$ro"
readers_ok "a 0444 database in a 0555 folder" ""
chmod 0755 "$ro"; chmod 0644 "$ro/h.db"
readers_ok "a database we may write" ""
"$kbcheck" db record --db "$ro/h.db" --now 2026-11-02 -q "$small"
check "the owner records after readers" '[ $? -eq 0 ] && [ "$(sql "$ro/h.db" "SELECT count(*) FROM runs")" = 2 ]'
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
  # root ignores file modes: the owner is nobody (65534), the reader
  # daemon (1), in a folder both may write (the worst case: a reader could
  # leave files there) and then in one only the owner may write.
  chown -R 65534 "$ro"; chmod 0777 "$ro"; chmod 0644 "$ro/h.db"
  chmod o+x "$tmp"
  readers_ok "another user, shared folder" "as 1"
  as 65534 "$kbcheck" db record --db "$ro/h.db" --now 2026-11-03 -q "$small" 2> ro.err
  check "…the owner's next record works" '[ $? -eq 0 ] && [ ! -s ro.err ]'
  chmod 0755 "$ro"
  readers_ok "another user, folder they cannot write" "as 1"
  chmod o-x "$tmp"
else
  echo "audit: not root: reading as another user is not tested (needs root and setpriv)"
fi

# Times past the calendar (issue 16, item 12): --now is a date with four
# digits of year; times and spans past that are usage errors (exit 2)
# rather than arithmetic that overflows (UBSan under make test-asan).
for t in 9223372036854775807 -9223372036854775808 9999999999999 -9999999999999 10000-01-01; do
  "$kbcheck" audit --db conc.db --now "$t" -o out.html 2> err.txt
  check "audit --now $t is refused" \
    '[ $? -eq 2 ] && grep -q "from 0000-01-01 to 9999-12-31, not '"'$t'"'" err.txt'
  "$kbcheck" db findings --db conc.db --now "$t" > /dev/null 2> err.txt
  check "db findings --now $t is refused" '[ $? -eq 2 ] && grep -q "from 0000-01-01 to 9999-12-31" err.txt'
done
"$kbcheck" check --now 9223372036854775807 "$small" > /dev/null 2> err.txt
check "check --now past any calendar is refused" '[ $? -eq 2 ] && grep -q "^kbcheck: --now takes" err.txt'
for t in 9999-12-31T23:59:59Z 253402300799 0000-01-01 -62167219200; do
  "$kbcheck" audit --db conc.db --now "$t" --since 10000y -o out.html 2> err.txt
  check "audit --now $t --since 10000y (the limits) works" '[ $? -eq 0 ] && [ ! -s err.txt ]'
done
"$kbcheck" audit --db conc.db --since 10001y -o out.html 2> err.txt
check "a span over 10000 years is refused" '[ $? -eq 2 ] && grep -q "at most 10000y" err.txt'
"$kbcheck" db prune --db conc.db --keep 10001y 2> err.txt
check "…also for db prune --keep" '[ $? -eq 2 ] && grep -q "at most 10000y" err.txt'
# -o names a FIFO (or a device, /dev/null): written in place, never
# replaced by a renamed file (which, run as root, would replace /dev/null).
rm -f out.fifo && mkfifo out.fifo
cat out.fifo > fifo.html &
reader=$!
"$kbcheck" audit --db conc.db --now 2026-11-05 -o out.fifo 2> err.txt
st=$?
wait "$reader"
check "audit -o FIFO writes through it" '[ $st -eq 0 ] && [ -p out.fifo ] && grep -q "<html" fifo.html'
