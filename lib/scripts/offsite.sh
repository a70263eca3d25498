#!/bin/sh
# offsite.sh - off-site copies of the PostgreSQL dumps on S3-compatible object storage (readystack backup
# and restore-verify CronJobs). POSIX sh: it runs in the official rclone image (Alpine, no bash).
#
#   offsite.sh upload    copy the newest complete local dump set to the bucket, verify every object, prune
#   offsite.sh download  fetch the newest complete off-site set for verify-restore.sh
#
# Env (both): OFFSITE_BUCKET (required), OFFSITE_PREFIX (default: none), OFFSITE_ENDPOINT (default: AWS S3),
#   OFFSITE_REGION (default us-east-1), OFFSITE_PROVIDER (rclone s3 provider; default AWS without an endpoint,
#   else Other), OFFSITE_PATH_STYLE (true|false; default false without an endpoint, else true).
#   Credentials: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, or the pod's cloud identity (the AWS SDK chain).
# upload: BACKUP_DIR (default /backups), OFFSITE_RETENTION (complete sets kept, default 7),
#   OFFSITE_RETENTION_DAYS (also keep every set younger than this; default 0 = off),
#   OFFSITE_VERIFY (hash: compare the object's MD5 as the server reports it; download: read it back and
#   compare sha256; default hash), OFFSITE_PARTIAL_MAX_AGE (seconds after which an unfinished set of an
#   earlier run is removed, default 172800).
# download: OFFSITE_DOWNLOAD_DIR (default /tmp/offsite).
#
# Object layout under <bucket>/<prefix>/: one set per run, <db>-<UTC stamp>-<8 hex run id>.{dump,counts,sha256}
# and the manifest <set>.complete (sha256 of the three files), uploaded LAST after each object's checksum
# was verified. A set is complete only with its manifest: "newest" is the newest complete set, so an
# interrupted or concurrent upload is never picked. Pruning deletes the manifest first. Local files are
# never modified or deleted here.
set -eu

SELF=offsite.sh
say() { printf '%s\n' "$*"; }
die() { printf '%s: %s\n' "$SELF" "$*" >&2; exit 1; }

cmd=${1:-}
case "$cmd" in upload | download) ;; *) die "usage: $SELF upload|download (got '${cmd}')" ;; esac

OFFSITE_BUCKET=${OFFSITE_BUCKET:-}
[ -n "$OFFSITE_BUCKET" ] || die "OFFSITE_BUCKET is not set"
OFFSITE_ENDPOINT=${OFFSITE_ENDPOINT:-}
OFFSITE_REGION=${OFFSITE_REGION:-us-east-1}
if [ -n "$OFFSITE_ENDPOINT" ]; then default_provider=Other; default_path_style=true; else default_provider=AWS; default_path_style=false; fi
OFFSITE_PROVIDER=${OFFSITE_PROVIDER:-$default_provider}
OFFSITE_PATH_STYLE=${OFFSITE_PATH_STYLE:-$default_path_style}
case "$OFFSITE_PATH_STYLE" in true | false) ;; *) die "OFFSITE_PATH_STYLE must be true or false, got '$OFFSITE_PATH_STYLE'" ;; esac
prefix=${OFFSITE_PREFIX:-}
while :; do case "$prefix" in /*) prefix=${prefix#/} ;; */) prefix=${prefix%/} ;; *) break ;; esac; done
command -v rclone >/dev/null 2>&1 || die "rclone not found on PATH"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum not found on PATH"
command -v md5sum >/dev/null 2>&1 || die "md5sum not found on PATH"

# rclone reads its remote from the environment only: no config file, credentials never on a command line.
export RCLONE_CONFIG_OFFSITE_TYPE=s3
export RCLONE_CONFIG_OFFSITE_PROVIDER="$OFFSITE_PROVIDER"
export RCLONE_CONFIG_OFFSITE_ENV_AUTH=true
export RCLONE_CONFIG_OFFSITE_REGION="$OFFSITE_REGION"
export RCLONE_CONFIG_OFFSITE_FORCE_PATH_STYLE="$OFFSITE_PATH_STYLE"
export RCLONE_CONFIG_OFFSITE_NO_CHECK_BUCKET=true # never tries CreateBucket: the bucket must exist
if [ -n "$OFFSITE_ENDPOINT" ]; then export RCLONE_CONFIG_OFFSITE_ENDPOINT="$OFFSITE_ENDPOINT"; else unset RCLONE_CONFIG_OFFSITE_ENDPOINT || true; fi

where="bucket '$OFFSITE_BUCKET' at ${OFFSITE_ENDPOINT:-AWS S3 (region $OFFSITE_REGION)}"
remote_dir="offsite:$OFFSITE_BUCKET${prefix:+/$prefix}"
url() { printf 's3://%s/%s%s' "$OFFSITE_BUCKET" "${prefix:+$prefix/}" "$1"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/offsite.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf -- "$work"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# rclone with the remote above; its output goes to $work/rclone.out. A first call fails fast (one try) so
# an unreachable endpoint or refused credentials surface in seconds, not after minutes of retries.
# stdin is /dev/null: rclone runs inside `while read` loops and must never eat their input.
rcl() { rclone --config "" --contimeout 15s --timeout 5m --retries 3 --low-level-retries 5 "$@" </dev/null 2>"$work/rclone.out"; }
rcl_once() { rclone --config "" --contimeout 15s --timeout 60s --retries 1 --low-level-retries 1 "$@" </dev/null 2>"$work/rclone.out"; }

# rclone's last lines, with any secret value from the environment masked (rclone does not print them;
# this keeps it so whatever a server echoes back).
rclone_said() {
  tail -n 4 "$work/rclone.out" | awk '
    BEGIN { n = split("AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN", names, " ") }
    { line = $0
      for (i = 1; i <= n; i++) { s = ENVIRON[names[i]]; if (s == "") continue
        while ((p = index(line, s)) > 0) line = substr(line, 1, p - 1) "<redacted>" substr(line, p + length(s)) }
      printf "%s%s", sep, line; sep = " | " }'
}

# Why rclone failed, in words naming the check or the cause.
reason() {
  out=$(cat "$work/rclone.out")
  case "$out" in
    *"hash differ"* | *"corrupted on transfer"*) say "FAILED the client's hash check (rclone: the MD5 of the bytes received differs from the object's stored MD5/ETag)" ;;
    *InvalidAccessKeyId* | *SignatureDoesNotMatch* | *AccessDenied* | *Forbidden* | *"status code: 403"* | *NoCredentialProviders* | *"no valid providers"*)
      say "access denied: check the credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY from the Secret, or the pod's cloud identity) and the bucket policy" ;;
    *NoSuchBucket* | *"directory not found"* | *"bucket not found"*) say "the bucket does not exist (it is never created here)" ;;
    *"connection refused"* | *"no such host"* | *"i/o timeout"* | *"dial tcp"* | *"send request failed"* | *"network is unreachable"* | *"TLS handshake"*)
      say "endpoint unreachable (DNS, NetworkPolicy egress, firewall or TLS)" ;;
    *) say "rclone failed" ;;
  esac
}
rfail() { die "$1 $where: $(reason): $(rclone_said)"; }

# Files directly under the prefix (one name a line). Also the preflight: endpoint, credentials, bucket.
list_remote() {
  rcl_once lsf --files-only "$remote_dir/" >"$work/listing" || rfail "cannot list $(url '')"
}

hash_of() { "$1" <"$2" | cut -d' ' -f1; }
STAMP='[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z'
RUNID='[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'

# "<stamp> <runid> <db> <set>" for every listed manifest whose set has all four objects.
complete_sets() { # $1 = listing file, $2 = db or empty for all
  while IFS= read -r n; do
    case "$n" in *-$STAMP-$RUNID.complete) ;; *) continue ;; esac
    set_name=${n%.complete}
    rest=${set_name%-*}
    db=${rest%-*}
    [ -z "$2" ] || [ "$db" = "$2" ] || continue
    for ext in dump sha256 counts; do grep -qxF -- "$set_name.$ext" "$1" || continue 2; done
    printf '%s %s %s %s\n' "${rest##*-}" "${set_name##*-}" "$db" "$set_name"
  done <"$1"
}

upload_one() { # $1 = local file, $2 = object name
  obj="$remote_dir/$2"
  uploaded="$uploaded $2" # removed again if the run fails (before its manifest is written)
  rcl copyto "$1" "$obj" || rfail "upload of $1 to $(url "$2") failed,"
  if [ "${OFFSITE_VERIFY:-hash}" = hash ]; then
    rcl md5sum "$obj" >"$work/md5.out" || rfail "cannot read the checksum of $(url "$2") from"
    remote_md5=$(cut -d' ' -f1 <"$work/md5.out")
  else
    remote_md5=""
  fi
  if [ -n "$remote_md5" ]; then
    local_md5=$(hash_of md5sum "$1")
    [ "$remote_md5" = "$local_md5" ] || die "$(url "$2") in $where FAILED the client's hash check after upload: MD5 $remote_md5, local file $local_md5"
  else
    # No MD5 from the server (or OFFSITE_VERIFY=download): read the object back and compare sha256.
    rm -f -- "$work/readback.status"
    got=$({ rcl cat "$obj" || : >"$work/readback.status"; } | sha256sum | cut -d' ' -f1)
    [ ! -e "$work/readback.status" ] || rfail "cannot read back $(url "$2") from"
    want=$(hash_of sha256sum "$1")
    [ "$got" = "$want" ] || die "$(url "$2") in $where FAILED the sha256 check after upload (read back): $got, local file $want"
  fi
}

delete_object() { rcl deletefile "$remote_dir/$1"; }

do_upload() {
  BACKUP_DIR=${BACKUP_DIR:-/backups}
  OFFSITE_RETENTION=${OFFSITE_RETENTION:-7}
  OFFSITE_RETENTION_DAYS=${OFFSITE_RETENTION_DAYS:-0}
  OFFSITE_PARTIAL_MAX_AGE=${OFFSITE_PARTIAL_MAX_AGE:-172800}
  case "$OFFSITE_RETENTION" in '' | *[!0-9]* | 0) die "OFFSITE_RETENTION must be a positive integer, got '$OFFSITE_RETENTION'" ;; esac
  case "$OFFSITE_RETENTION_DAYS" in '' | *[!0-9]*) die "OFFSITE_RETENTION_DAYS must be a whole number of days (0 = off), got '$OFFSITE_RETENTION_DAYS'" ;; esac
  case "$OFFSITE_PARTIAL_MAX_AGE" in '' | *[!0-9]*) die "OFFSITE_PARTIAL_MAX_AGE must be a number of seconds, got '$OFFSITE_PARTIAL_MAX_AGE'" ;; esac
  case "${OFFSITE_VERIFY:-hash}" in hash | download) ;; *) die "OFFSITE_VERIFY must be hash or download, got '$OFFSITE_VERIFY'" ;; esac
  [ -d "$BACKUP_DIR" ] || die "BACKUP_DIR '$BACKUP_DIR' is not a directory"

  # The newest complete local set (what backup.sh just published: its .dump appears last).
  newest=""
  for f in "$BACKUP_DIR"/*-$STAMP.dump; do
    [ -f "$f" ] || continue
    b=${f%.dump}
    [ -f "$b.sha256" ] && [ -f "$b.counts" ] || continue
    if [ -z "$newest" ] || [ "${b##*-}" \> "${newest##*-}" ]; then newest=$b; fi
  done
  [ -n "$newest" ] || die "no complete dump in $BACKUP_DIR to upload"
  name=${newest##*/}
  db=${name%-*}
  stamp=${name##*-}

  # Never ship a dump that does not match its own checksum.
  want=$(awk 'NR == 1 { print $1 }' "$newest.sha256")
  have=$(hash_of sha256sum "$newest.dump")
  [ -n "$want" ] && [ "$want" = "$have" ] || die "$newest.dump FAILED the sha256 check before upload (expected '$want', got $have): not uploaded"

  list_remote
  runid=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
  case "$runid" in $RUNID) ;; *) die "cannot read a run id from /dev/urandom" ;; esac
  set_name="$db-$stamp-$runid"

  printf '%s  %s\n' "$have" "$set_name.dump" >"$work/$set_name.sha256"
  {
    say "# readystack-offsite v1"
    printf '%s  %s\n' "$have" "$set_name.dump"
    printf '%s  %s\n' "$(hash_of sha256sum "$newest.counts")" "$set_name.counts"
    printf '%s  %s\n' "$(hash_of sha256sum "$work/$set_name.sha256")" "$set_name.sha256"
  } >"$work/$set_name.complete"

  uploaded=""
  trap 'rc=$?; if [ "$rc" -ne 0 ] && [ -n "$uploaded" ]; then for o in $uploaded; do rcl_once deletefile "$remote_dir/$o" || true; done; printf "%s: removed this run'"'"'s unfinished objects (best effort); the local dumps are untouched\n" "$SELF" >&2; fi; rm -rf -- "$work"; exit "$rc"' EXIT
  upload_one "$newest.dump" "$set_name.dump"
  upload_one "$newest.counts" "$set_name.counts"
  upload_one "$work/$set_name.sha256" "$set_name.sha256"
  upload_one "$work/$set_name.complete" "$set_name.complete" # last: from now on the set is complete
  uploaded=""
  say "uploaded $newest.dump to $(url "$set_name.dump") with .counts, .sha256 and the manifest .complete; every object's checksum verified ($where)"

  # --- retention off-site: complete sets of this database, newest first ---
  list_remote
  complete_sets "$work/listing" "$db" | LC_ALL=C sort -r >"$work/sets"
  cutoff=""
  now=$(date -u +%s)
  if [ "$OFFSITE_RETENTION_DAYS" -gt 0 ]; then
    cutoff=$(date -u -d "@$((now - OFFSITE_RETENTION_DAYS * 86400))" +%Y%m%dT%H%M%SZ) || die "cannot compute the retention cutoff"
  fi
  kept=0
  i=0
  while read -r s_stamp _ _ s_set; do
    i=$((i + 1))
    if [ "$i" -le "$OFFSITE_RETENTION" ] || [ "$s_set" = "$set_name" ] || { [ -n "$cutoff" ] && ! [ "$s_stamp" \< "$cutoff" ]; }; then
      kept=$((kept + 1))
      continue
    fi
    # The manifest goes first so a half-pruned set never looks complete.
    for ext in complete dump sha256 counts; do
      delete_object "$s_set.$ext" || rfail "pruning $(url "$s_set.$ext") (upload succeeded) failed,"
    done
    say "pruned $(url "$s_set")"
  done <"$work/sets"

  # Unfinished sets of this database (no manifest) older than OFFSITE_PARTIAL_MAX_AGE: a run that died.
  stale=$(date -u -d "@$((now - OFFSITE_PARTIAL_MAX_AGE))" +%Y%m%dT%H%M%SZ) || die "cannot compute the stale cutoff"
  while IFS= read -r n; do
    case "$n" in "$db"-$STAMP-$RUNID.dump | "$db"-$STAMP-$RUNID.counts | "$db"-$STAMP-$RUNID.sha256) ;; *) continue ;; esac
    s_set=${n%.*}
    grep -qxF -- "$s_set.complete" "$work/listing" && continue
    s_rest=${s_set%-*}
    [ "${s_rest##*-}" \< "$stale" ] || continue
    delete_object "$n" || rfail "removing the stale unfinished object $(url "$n") failed,"
    say "removed stale unfinished $(url "$n")"
  done <"$work/listing"
  say "kept $kept complete off-site set(s) of '$db' (retention $OFFSITE_RETENTION${cutoff:+, or younger than $OFFSITE_RETENTION_DAYS days})"
}

do_download() {
  OFFSITE_DOWNLOAD_DIR=${OFFSITE_DOWNLOAD_DIR:-/tmp/offsite}
  mkdir -p -- "$OFFSITE_DOWNLOAD_DIR" || die "cannot create OFFSITE_DOWNLOAD_DIR '$OFFSITE_DOWNLOAD_DIR'"
  list_remote
  newest=$(complete_sets "$work/listing" "" | LC_ALL=C sort | tail -n 1)
  [ -n "$newest" ] || die "no complete off-site backup under $(url '') in $where"
  s_set=${newest##* }
  s_rest=${s_set%-*}
  local_name=${s_rest} # <db>-<stamp>: the local naming verify-restore.sh reads
  dir=$OFFSITE_DOWNLOAD_DIR
  for ext in complete sha256 counts dump; do
    rm -f -- "$dir/$local_name.$ext" "$dir/$local_name.$ext.partial"
    rcl copyto "$remote_dir/$s_set.$ext" "$dir/$local_name.$ext.partial" || rfail "download of $(url "$s_set.$ext") from"
  done
  # The side files against the manifest (the dump itself is checked by verify-restore.sh against .sha256).
  for ext in sha256 counts; do
    want=$(awk -v f="$s_set.$ext" '$2 == f { print $1 }' "$dir/$local_name.complete.partial")
    got=$(hash_of sha256sum "$dir/$local_name.$ext.partial")
    [ -n "$want" ] && [ "$want" = "$got" ] || die "$(url "$s_set.$ext") FAILED the sha256 check against the manifest $(url "$s_set.complete") (manifest '$want', object $got)"
  done
  dump_in_manifest=$(awk -v f="$s_set.dump" '$2 == f { print $1 }' "$dir/$local_name.complete.partial")
  dump_in_sha=$(awk 'NR == 1 { print $1 }' "$dir/$local_name.sha256.partial")
  [ -n "$dump_in_manifest" ] && [ "$dump_in_manifest" = "$dump_in_sha" ] || die "$(url "$s_set.sha256") disagrees with the manifest about the dump's sha256"
  # Publish for verify-restore.sh: side files first, the .dump last.
  for ext in complete counts sha256 dump; do mv -f -- "$dir/$local_name.$ext.partial" "$dir/$local_name.$ext"; done
  say "downloaded $(url "$s_set.dump") (the newest complete off-site set, $where) to $dir/$local_name.dump; client's hash check passed, side files match the manifest"
}

case "$cmd" in
  upload) do_upload ;;
  download) do_download ;;
esac
