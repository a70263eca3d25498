#!/usr/bin/env bash
# verify-restore.sh - prove the newest backup restores (readystack restore-verify CronJob).
#
# Env: BACKUP_DIR (default /backups), VERIFY_WORKDIR (default /tmp/verify: initdb data, socket, log),
#      VERIFY_PORT (default 5433; unix socket only, never TCP), PG_BIN (optional directory holding
#      initdb/pg_ctl; else found on PATH, else the highest /usr/lib/postgresql/*/bin).
#
# Picks the newest complete dump (<name>.dump with <name>.sha256 and <name>.counts), checks its
# sha256, reads its table of contents, restores it into a throwaway server (initdb, trust auth,
# socket in VERIFY_WORKDIR), recomputes per-table row counts and content checksums and compares them
# with <name>.counts. Prints "VERIFIED <file>" on success only; otherwise exits non-zero with a
# message naming the file and the failed check ("FAILED the sha256 check", "FAILED the counts check", or
# the restore step that failed). For an off-site copy, offsite.sh download fills BACKUP_DIR first. The server is always stopped and the workdir cleaned.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -euo pipefail

SELF=verify-restore.sh
die() { echo "$SELF: $*" >&2; exit 1; }

# The per-table counts SQL is shared with backup.sh: table-counts.sql beside this script (both are
# mounted from the same ConfigMap at /scripts), so both sides of the comparison run the same bytes.
script_dir=$(CDPATH='' cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd) || die "cannot resolve the directory of $0"
COUNTS_SQL="$script_dir/table-counts.sql"
[ -f "$COUNTS_SQL" ] || die "missing $COUNTS_SQL (table-counts.sql must sit beside $SELF)"
[ -r "$COUNTS_SQL" ] || die "cannot read $COUNTS_SQL"

BACKUP_DIR=${BACKUP_DIR:-/backups}
VERIFY_WORKDIR=${VERIFY_WORKDIR:-/tmp/verify}
VERIFY_PORT=${VERIFY_PORT:-5433}
case "$VERIFY_PORT" in '' | *[!0-9]*) die "VERIFY_PORT must be a port number, got '$VERIFY_PORT'" ;; esac
[ -d "$BACKUP_DIR" ] || die "no complete backup in $BACKUP_DIR (not a directory)"
[ "$(id -u)" -ne 0 ] || die "must not run as root: initdb/postgres refuse it (run as the postgres user, e.g. runuser -u postgres)"

# --- server binaries ---
if [ -n "${PG_BIN:-}" ]; then
  [ -x "$PG_BIN/initdb" ] || die "PG_BIN='$PG_BIN' has no executable initdb"
elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  PG_BIN=$(dirname "$(readlink -f "$(command -v initdb)" 2>/dev/null || command -v initdb)")
else
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | tail -n 1 || true)
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || die "initdb not found (PATH, /usr/lib/postgresql/*/bin); set PG_BIN"
fi
for tool in initdb pg_ctl; do
  [ -x "$PG_BIN/$tool" ] || die "$tool not found in $PG_BIN"
done
tool() { # client tools: same directory as the server if present there, else PATH
  if [ -x "$PG_BIN/$1" ]; then printf '%s\n' "$PG_BIN/$1"
  elif command -v "$1" >/dev/null 2>&1; then command -v "$1"
  else die "$1 not found in $PG_BIN or on PATH"; fi
}
PG_RESTORE=$(tool pg_restore)
PSQL=$(tool psql)
CREATEDB=$(tool createdb)

# --- newest complete dump (by the UTC timestamp in its name) ---
newest=""
newest_key=""
for f in "$BACKUP_DIR"/*-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z.dump; do
  [ -f "$f" ] || continue
  b=${f%.dump}
  [ -f "$b.sha256" ] && [ -f "$b.counts" ] || continue
  key="${b: -16}/$f" # timestamp first, then the name: a plain string comparison orders them
  if [ -z "$newest_key" ] || [[ "$key" > "$newest_key" ]]; then newest_key=$key; newest=$f; fi
done
[ -n "$newest" ] || die "no complete backup in $BACKUP_DIR"
dump=$newest
b=${dump%.dump}
fail() { die "$dump: $*"; }

# --- checksum ---
expected=$(awk 'NR == 1 { print $1 }' "$b.sha256")
[ -n "$expected" ] || fail "checksum file $b.sha256 is empty"
actual=$(sha256sum <"$dump" | cut -d' ' -f1)
[ "$expected" = "$actual" ] || fail "FAILED the sha256 check: checksum mismatch (sha256 expected $expected, got $actual)"

# --- archive readable ---
if ! list_err=$("$PG_RESTORE" --list "$dump" 2>&1 >/dev/null); then
  fail "archive unreadable: pg_restore --list failed: $(printf '%s' "$list_err" | tr '\n' ' ')"
fi
encoding=$(awk 'NR == 1 && /^# readystack-counts v1/ { for (i = 1; i < NF; i++) if ($i == "encoding") print $(i + 1) }' "$b.counts")
[ -n "$encoding" ] || fail "counts file $b.counts is malformed (no readystack-counts v1 header)"

# --- throwaway server ---
created_workdir=0
if [ ! -d "$VERIFY_WORKDIR" ]; then mkdir -p -- "$VERIFY_WORKDIR"; created_workdir=1; fi
[ -w "$VERIFY_WORKDIR" ] || die "VERIFY_WORKDIR '$VERIFY_WORKDIR' is not writable"
data="$VERIFY_WORKDIR/data"
log="$VERIFY_WORKDIR/postgres.log"
actual_counts="$VERIFY_WORKDIR/restored.counts"
started=0
cleanup() {
  local rc=$?
  if [ "$started" -eq 1 ]; then
    "$PG_BIN/pg_ctl" -D "$data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf -- "$data" "$log" "$actual_counts" "$VERIFY_WORKDIR/.s.PGSQL.$VERIFY_PORT" "$VERIFY_WORKDIR/.s.PGSQL.$VERIFY_PORT.lock"
  if [ "$created_workdir" -eq 1 ]; then rmdir -- "$VERIFY_WORKDIR" 2>/dev/null || true; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf -- "$data" # left over from a killed run in the same emptyDir
if ! out=$("$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync 2>&1); then
  die "initdb in $data failed: $(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')"
fi
sqlpath=${VERIFY_WORKDIR//\'/\'\'}
cat >>"$data/postgresql.conf" <<EOF
# readystack verify-restore: unix socket only, no durability needed
listen_addresses = ''
port = $VERIFY_PORT
unix_socket_directories = '$sqlpath'
fsync = off
synchronous_commit = off
full_page_writes = off
max_wal_size = '1GB'
logging_collector = off
EOF
started=1
if ! "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 120 start >/dev/null 2>&1; then
  die "throwaway postgres did not start: $(tail -n 5 "$log" 2>/dev/null | tr '\n' ' ')"
fi
export PGHOST="$VERIFY_WORKDIR" PGPORT="$VERIFY_PORT" PGUSER=postgres PGDATABASE=restore_verify
unset PGPASSWORD PGSERVICE PGSSLMODE PGOPTIONS || true

if ! out=$("$CREATEDB" -T template0 -E "$encoding" --locale=C restore_verify 2>&1); then
  fail "createdb (encoding $encoding) failed: $(printf '%s' "$out" | tr '\n' ' ')"
fi
if ! out=$("$PG_RESTORE" --no-owner --no-acl --exit-on-error -d restore_verify "$dump" 2>&1); then
  fail "restore failed: $(printf '%s' "$out" | tail -n 5 | tr '\n' ' ')"
fi

# The same table-counts.sql backup.sh ran, now against the restored database.
counts_sql() { cat -- "$COUNTS_SQL"; }

if ! counts_sql | "$PSQL" -X -w -q -A -t -F "$(printf '\t')" -v ON_ERROR_STOP=1 -f - >"$actual_counts" 2>"$actual_counts.err"; then
  err=$(tr '\n' ' ' <"$actual_counts.err"); rm -f -- "$actual_counts.err"
  fail "computing counts on the restored database failed: $err"
fi
rm -f -- "$actual_counts.err"

# --- compare: every line of the backup's .counts must match the restored database ---
if ! mismatches=$(awk -F '\t' '
  FNR == NR { if ($0 !~ /^#/ && NF >= 4) { want[$1 FS $2] = $3; wsum[$1 FS $2] = $4; order[++n] = $1 FS $2 } next }
  $0 !~ /^#/ && NF >= 4 { got[$1 FS $2] = $3; gsum[$1 FS $2] = $4; if (!(($1 FS $2) in want)) extra[$1 FS $2] = 1 }
  END {
    bad = 0
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, p, FS); what = (p[1] == "table") ? "table " p[2] : "large objects"
      if (!(k in got)) { print what ": missing after restore (row count check)"; bad = 1; continue }
      if (got[k] != want[k]) { print what ": row count mismatch (backup " want[k] ", restored " got[k] ")"; bad = 1; continue }
      if (wsum[k] != "-" && gsum[k] != wsum[k]) { print what ": content checksum mismatch (backup " wsum[k] ", restored " gsum[k] ")"; bad = 1 }
    }
    for (k in extra) { split(k, p, FS); print "table " p[2] ": present after restore but not in the backup counts"; bad = 1 }
    exit bad
  }' "$b.counts" "$actual_counts"); then
  while IFS= read -r line; do echo "$SELF: $dump: FAILED the counts check: $line" >&2; done <<<"$mismatches"
  exit 1
fi

tables=$(grep -c '^table' "$b.counts" || true)
echo "restored $dump into a throwaway server; $tables table(s) and large objects match the backup counts"
echo "VERIFIED $dump"
