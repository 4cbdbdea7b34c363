#!/usr/bin/env bash
# Restores a backup of scripts/backup.sh into a NEW database, beside the one in use: nothing is
# overwritten unless asked. Then point the application at it (ConnectionStrings__CaseManager).
#
#   scripts/restore.sh FILE NEW_DATABASE [--force] [--conninfo "host=… port=… user=…"]
#
#   FILE           a .dump written by scripts/backup.sh (pg_dump custom format)
#   NEW_DATABASE   the database to create and fill; an existing one must be empty
#   --force        drop and recreate NEW_DATABASE even when it holds tables
#   --conninfo     the server and user, as for backup.sh (its dbname is ignored; otherwise
#                  ConnectionStrings__CaseManager, otherwise PGHOST/PGPORT/PGUSER/PGPASSWORD)
#
# The user needs the right to create databases (or run it as the owner of an empty NEW_DATABASE).
set -euo pipefail
source "$(dirname "$0")/lib/pgconn.sh"

file=
target=
force=false
conninfo=
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=true; shift ;;
    --conninfo) conninfo=${2:?--conninfo needs a connection string}; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) pgconn_die "Unknown option: $1 (see --help)" ;;
    *)
      if [ -z "$file" ]; then file=$1
      elif [ -z "$target" ]; then target=$1
      else pgconn_die "Too many arguments: $1 (see --help)"
      fi
      shift ;;
  esac
done
[ -n "$file" ] && [ -n "$target" ] || pgconn_die "Usage: scripts/restore.sh FILE NEW_DATABASE [--force] (see --help)"
[ -f "$file" ] || pgconn_die "No such backup: $file"
[[ "$target" =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] || pgconn_die "The database name '$target' must be letters, digits and _ (not starting with a digit)."

# The server and the user; the database named on the command line replaces any other.
export PGDATABASE=postgres
pgconn_resolve "$conninfo"
export PGDATABASE=postgres
psql=$(pgconn_tool psql)
pg_restore=$(pgconn_tool pg_restore)
"$pg_restore" --list "$file" >/dev/null 2>&1 || pgconn_die "$file is not a pg_dump custom-format backup."

q() { "$psql" --no-password -X -q -v ON_ERROR_STOP=1 -tA "$@"; }

# The name was checked above (letters, digits, _): it can be written into the statements as is.
exists=$(q -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$target'")
if [ "$exists" = 1 ]; then
  tables=$(q -d "$target" -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")
  if [ "$tables" != 0 ]; then
    $force || pgconn_die "The database $target exists and holds $tables tables: refusing to overwrite it (choose a new name, or pass --force to drop and recreate it)."
    pgconn_log "Dropping $target ($tables tables), as --force asks…"
    q -d postgres -c "DROP DATABASE \"$target\" WITH (FORCE)"
    exists=0
  fi
fi
if [ "$exists" != 1 ]; then
  q -d postgres -c "CREATE DATABASE \"$target\""
fi

started=$(date +%s)
"$pg_restore" --no-password --exit-on-error --dbname="$target" "$file"
tables=$(q -d "$target" -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")
cat <<DONE
Restored $file into $target ($tables tables, $(( $(date +%s) - started )) s).
Next: point the application at it (ConnectionStrings__CaseManager: Database=$target). If the
application is newer than the backup, run its migrate step on $target before starting it.
DONE
