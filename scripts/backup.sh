#!/usr/bin/env bash
# Backs up the CaseManager database: one pg_dump in PostgreSQL's custom format (compressed, read
# by pg_restore) into a folder, named with the database and the UTC time, keeping the N newest.
# Everything is in the database, the uploaded documents included, and Hangfire's schema.
#
#   scripts/backup.sh [--dir DIR] [--keep N] [--conninfo "host=… port=… dbname=… user=…"]
#
#   --dir DIR     where the copies go (default: $CASEMANAGER_BACKUP_DIR, else ./backups)
#   --keep N      how many copies of this database to keep, newest first (default 14)
#   --conninfo    a libpq connection string; otherwise ConnectionStrings__CaseManager (the app's
#                 setting), otherwise PGHOST/PGPORT/PGDATABASE/PGUSER/PGPASSWORD
#
# Prints the file it wrote (and those it removed) and exits non-zero when the dump failed; a failed
# dump leaves no file behind and removes no older copy.
set -euo pipefail
source "$(dirname "$0")/lib/pgconn.sh"

dir=${CASEMANAGER_BACKUP_DIR:-backups}
keep=14
conninfo=
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=${2:?--dir needs a folder}; shift 2 ;;
    --keep) keep=${2:?--keep needs a number}; shift 2 ;;
    --conninfo) conninfo=${2:?--conninfo needs a connection string}; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) pgconn_die "Unknown argument: $1 (see --help)" ;;
  esac
done
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || pgconn_die "--keep must be a whole number of at least 1, not '$keep'."

pgconn_resolve "$conninfo"
pg_dump=$(pgconn_tool pg_dump)
# Personal information: the copies are readable by their owner only.
umask 077
mkdir -p "$dir"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
prefix="casemanager-$PGDATABASE-"
file="$dir/$prefix$stamp.dump"
partial="$file.partial"
trap 'rm -f "$partial"' EXIT

started=$(date +%s)
"$pg_dump" --format=custom --compress=6 --no-password --file="$partial" "$PGDATABASE"
mv "$partial" "$file"
trap - EXIT
size=$(du -h "$file" | cut -f1)
echo "Wrote $file ($size, $(( $(date +%s) - started )) s)"

# Retention: the names sort by time; everything but the newest $keep copies goes.
mapfile -t copies < <(find "$dir" -maxdepth 1 -type f -name "$prefix*.dump" -printf '%f\n' | sort -r)
for old in "${copies[@]:$keep}"; do
  rm -f "$dir/$old"
  echo "Removed $dir/$old (keeping the $keep newest)"
done
