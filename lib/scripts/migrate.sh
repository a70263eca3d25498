#!/usr/bin/env bash
# migrate.sh - apply pending SQL migrations exactly once (readystack migrations Job).
#
# Env: PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD (libpq), PGCONNECT_TIMEOUT (default 10),
#      MIGRATIONS_DIR (default /migrations): *.sql files, applied in lexical (C locale) order.
#
# Everything runs in ONE psql session that holds pg_advisory_lock(MIGRATION_LOCK_KEY) for the whole
# run, so concurrent migrators serialise; inside the lock each file is re-checked against
# schema_migrations and applied together with its schema_migrations row in one transaction.
# A failing file is rolled back, earlier files stay applied, later files are not attempted, and the
# script exits non-zero naming the file. Migration files must not contain BEGIN/COMMIT themselves.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -euo pipefail
shopt -s lastpipe

SELF=migrate.sh
die() { echo "$SELF: $*" >&2; exit 1; }

MIGRATIONS_DIR=${MIGRATIONS_DIR:-/migrations}
export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}
# "readysta" in ASCII: a fixed key shared by every migrator of this stack.
MIGRATION_LOCK_KEY=8243124871055238241

[ -d "$MIGRATIONS_DIR" ] || die "MIGRATIONS_DIR '$MIGRATIONS_DIR' is not a directory"
command -v psql >/dev/null 2>&1 || die "psql not found on PATH"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum not found on PATH"
cd -- "$MIGRATIONS_DIR"

files=()
while IFS= read -r f; do
  [ -n "$f" ] || continue
  case "$f" in
    *[!A-Za-z0-9._-]*) die "unsupported migration file name '$f' (use letters, digits, '.', '_', '-')" ;;
  esac
  [ -f "$f" ] && [ -r "$f" ] || die "migration file '$MIGRATIONS_DIR/$f' is not a readable file"
  files+=("$f")
done < <(LC_ALL=C ls -1 -- | LC_ALL=C grep '\.sql$' | LC_ALL=C sort)

# Generate the session script. Names are restricted above, so they need no further quoting.
script() {
  echo '\set ON_ERROR_STOP on'
  echo 'SET client_min_messages = warning;'
  echo "SELECT pg_advisory_lock($MIGRATION_LOCK_KEY) IS NULL AS rs_locked \\gset"
  echo 'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());'
  echo '\echo rs-migrate:locked'
  local f sum
  for f in "${files[@]}"; do
    sum=$(sha256sum <"$f" | cut -d' ' -f1)
    # Re-checked inside the lock: another migrator may have applied it while we waited.
    echo "SELECT count(*) = 0 AS rs_pending, coalesce(bool_or(checksum <> '$sum'), false) AS rs_changed, coalesce(max(checksum), '') AS rs_recorded FROM schema_migrations WHERE version = '$f' \\gset"
    echo '\if :rs_pending'
    echo "\\echo rs-migrate:start $f"
    echo 'BEGIN;'
    echo "\\i '$f'"
    echo ';'
    echo "INSERT INTO schema_migrations (version, checksum) VALUES ('$f', '$sum');"
    echo 'COMMIT;'
    echo "\\echo rs-migrate:applied $f"
    echo '\elif :rs_changed'
    echo "\\echo rs-migrate:changed $f $sum :rs_recorded"
    echo '\else'
    echo "\\echo rs-migrate:skipped $f"
    echo '\endif'
  done
  echo "SELECT pg_advisory_unlock($MIGRATION_LOCK_KEY) IS NULL AS rs_unlocked \\gset"
  echo '\echo rs-migrate:done'
}

current=""
applied=0
skipped=0
locked=0
done_all=0
rc=0
# psql's own errors (naming file and line) go to stderr; markers on stdout are translated here,
# any other output of a migration passes through.
if script | psql -X -w -q -v ON_ERROR_STOP=1 -f - | while IFS= read -r line; do
  case "$line" in
    'rs-migrate:locked') locked=1 ;;
    'rs-migrate:start '*) current=${line#rs-migrate:start } ;;
    'rs-migrate:applied '*) echo "applied ${line#rs-migrate:applied }"; applied=$((applied + 1)); current="" ;;
    'rs-migrate:skipped '*) skipped=$((skipped + 1)) ;;
    'rs-migrate:changed '*)
      set -- ${line#rs-migrate:changed }
      echo "$SELF: warning: $1 was already applied with checksum $3 but the file now has checksum $2; it is NOT re-applied" >&2
      skipped=$((skipped + 1)) ;;
    'rs-migrate:done') done_all=1 ;;
    *) printf '%s\n' "$line" ;;
  esac
done; then rc=0; else rc=$?; fi

if [ "$rc" -ne 0 ] || [ "$done_all" -ne 1 ]; then
  if [ -n "$current" ]; then
    die "$current failed and was rolled back; $applied migration(s) applied before it in this run stay applied, later files were not attempted"
  elif [ "$locked" -ne 1 ]; then
    die "could not connect or take the migration lock (host=${PGHOST:-<default>} port=${PGPORT:-5432} db=${PGDATABASE:-<default>} user=${PGUSER:-<default>}); nothing applied"
  else
    die "psql failed (exit $rc) after $applied applied migration(s)"
  fi
fi
echo "migrations complete: $applied applied, $skipped already applied, ${#files[@]} file(s) in $MIGRATIONS_DIR"
