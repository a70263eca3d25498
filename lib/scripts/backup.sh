#!/usr/bin/env bash
# backup.sh - logical backup of one PostgreSQL database (readystack backup CronJob).
#
# Env: PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD (libpq), PGCONNECT_TIMEOUT (default 10),
#      BACKUP_DIR (default /backups), BACKUP_RETENTION (complete dumps to keep, default 7).
#
# Writes <db>-<UTC YYYYmmddTHHMMSSZ>.dump (pg_dump -Fc) with <same>.counts (per-table row count and
# content checksum, taken from the very snapshot pg_dump dumps) and <same>.sha256 beside it. Everything
# is written under *.partial names and renamed into place, the .dump LAST: a .dump file always has
# its .sha256 and .counts. On failure only this run's own files are removed and nothing is pruned.
# After success the BACKUP_RETENTION newest complete dumps of this database are kept, older complete
# dumps are deleted with their side files; files this script does not recognise are never touched.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -euo pipefail

SELF=backup.sh
die() { echo "$SELF: $*" >&2; exit 1; }

# The per-table counts SQL is shared with verify-restore.sh: table-counts.sql beside this script (both are
# mounted from the same ConfigMap at /scripts), so both sides of the comparison run the same bytes.
script_dir=$(CDPATH='' cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd) || die "cannot resolve the directory of $0"
COUNTS_SQL="$script_dir/table-counts.sql"
[ -f "$COUNTS_SQL" ] || die "missing $COUNTS_SQL (table-counts.sql must sit beside $SELF)"
[ -r "$COUNTS_SQL" ] || die "cannot read $COUNTS_SQL"

BACKUP_DIR=${BACKUP_DIR:-/backups}
BACKUP_RETENTION=${BACKUP_RETENTION:-7}
export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}

case "$BACKUP_RETENTION" in
  '' | *[!0-9]*) die "BACKUP_RETENTION must be a positive integer, got '$BACKUP_RETENTION'" ;;
esac
[ "$BACKUP_RETENTION" -ge 1 ] || die "BACKUP_RETENTION must be a positive integer, got '$BACKUP_RETENTION'"
[ -d "$BACKUP_DIR" ] || die "BACKUP_DIR '$BACKUP_DIR' is not a directory"
[ -w "$BACKUP_DIR" ] || die "BACKUP_DIR '$BACKUP_DIR' is not writable"
command -v pg_dump >/dev/null 2>&1 || die "pg_dump not found on PATH"
command -v psql >/dev/null 2>&1 || die "psql not found on PATH"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum not found on PATH"

# Fail fast (PGCONNECT_TIMEOUT, never prompt) and learn the real database name.
if ! db=$(psql -X -w -q -A -t -v ON_ERROR_STOP=1 -c 'SELECT current_database()' 2>&1); then
  die "cannot connect to PostgreSQL (host=${PGHOST:-<default>} port=${PGPORT:-5432} db=${PGDATABASE:-<default>} user=${PGUSER:-<default>}): $(printf '%s' "$db" | tr '\n' ' ')"
fi
[ -n "$db" ] || die "cannot determine the database name"
export PGDATABASE="$db"
# The database name becomes part of a file name: keep it to a safe alphabet.
dbfile=$(printf '%s' "$db" | LC_ALL=C tr -c 'A-Za-z0-9._-' '_')

stamp=$(date -u +%Y%m%dT%H%M%SZ)
name="$dbfile-$stamp"
base="$BACKUP_DIR/$name"
dump_partial="$base.dump.partial"
counts_partial="$base.counts.partial"
sha_partial="$base.sha256.partial"
dumped_marker="$base.dumped.partial"

[ ! -e "$base.dump" ] || die "$base.dump already exists (two runs in the same second?)"
# Claim this run's name exclusively; a concurrent run with the same name fails here and touches nothing.
if ! (set -C; : >"$dump_partial") 2>/dev/null; then
  die "$dump_partial already exists: another backup run is writing it"
fi

published_side=0 # 1 once .counts/.sha256 were renamed into place (removed again if the .dump never follows)
completed=0
cleanup() {
  local rc=$?
  if [ "$completed" -ne 1 ]; then
    rm -f -- "$dump_partial" "$counts_partial" "$sha_partial" "$dumped_marker"
    if [ "$published_side" -eq 1 ] && [ ! -e "$base.dump" ]; then
      rm -f -- "$base.counts" "$base.sha256"
    fi
    [ "$rc" -ne 0 ] || rc=1
    echo "$SELF: backup of '$db' failed; removed this run's partial files, pruned nothing" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# table-counts.sql sets what makes row text deterministic; verify-restore.sh runs the same file.
counts_sql() { cat -- "$COUNTS_SQL"; }

# One session exports a REPEATABLE READ snapshot, runs pg_dump on exactly that snapshot (psql blocks
# on \! while the transaction stays open) and then computes the counts in the same snapshot, so the
# .counts file describes precisely what the dump contains even while the database is being written.
export RS_DUMP_PARTIAL="$dump_partial" RS_DUMPED_MARKER="$dumped_marker"
if ! {
  echo 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;'
  echo 'SELECT pg_export_snapshot() AS rs_snapshot \gset'
  echo '\setenv RS_SNAPSHOT :rs_snapshot'
  echo '\! pg_dump --format=custom --no-password --snapshot="$RS_SNAPSHOT" --file="$RS_DUMP_PARTIAL" && : > "$RS_DUMPED_MARKER"'
  counts_sql
  echo 'COMMIT;'
} | psql -X -w -q -A -t -F "$(printf '\t')" -v ON_ERROR_STOP=1 -f - >"$counts_partial"; then
  die "dump/count session for '$db' failed (see psql/pg_dump messages above)"
fi
[ -e "$dumped_marker" ] || die "pg_dump of '$db' failed (see pg_dump messages above)"
[ -s "$dump_partial" ] || die "pg_dump of '$db' produced an empty file"
head -n 1 "$counts_partial" | grep -q '^# readystack-counts v1' || die "counts for '$db' are malformed"

sum=$(sha256sum <"$dump_partial" | cut -d' ' -f1)
printf '%s  %s\n' "$sum" "$name.dump" >"$sha_partial"
sync -- "$dump_partial" "$counts_partial" "$sha_partial" 2>/dev/null || true

# Publish: side files first, the .dump last (rename(2) within one directory is atomic).
published_side=1
mv -f -- "$counts_partial" "$base.counts"
mv -f -- "$sha_partial" "$base.sha256"
mv -f -- "$dump_partial" "$base.dump"
rm -f -- "$dumped_marker"
completed=1
sync -- "$BACKUP_DIR" 2>/dev/null || true
echo "backed up '$db' to $base.dump ($(wc -c <"$base.dump" | tr -d ' ') bytes, sha256 $sum)"

# Prune: complete dumps of this database only, newest first by the timestamp in the name.
complete=()
for f in "$BACKUP_DIR/$dbfile"-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z.dump; do
  [ -f "$f" ] || continue
  b=${f%.dump}
  [ -f "$b.sha256" ] && [ -f "$b.counts" ] || continue
  complete+=("$f")
done
if [ "${#complete[@]}" -gt "$BACKUP_RETENTION" ]; then
  # Same prefix, fixed-width timestamp: a reverse C-locale sort is newest first.
  mapfile -t ordered < <(printf '%s\n' "${complete[@]}" | LC_ALL=C sort -r)
  for f in "${ordered[@]:$BACKUP_RETENTION}"; do
    b=${f%.dump}
    # The .dump goes first so a half-pruned set never looks complete.
    rm -f -- "$f" && rm -f -- "$b.sha256" "$b.counts"
    echo "pruned $f"
  done
fi
echo "kept $(( ${#complete[@]} < BACKUP_RETENTION ? ${#complete[@]} : BACKUP_RETENTION )) complete dump(s) of '$db' (retention $BACKUP_RETENTION)"
