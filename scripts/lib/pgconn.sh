#!/usr/bin/env bash
# The database connection of scripts/backup.sh and scripts/restore.sh, as libpq environment
# variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE), read from the first of:
#   --conninfo "host=… port=… dbname=… user=… password=…"   a libpq keyword/value string
#   ConnectionStrings__CaseManager="Host=…;Port=…;Database=…;Username=…;Password=…"   the app's own setting
#   PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD already in the environment
# Sourced; nothing here runs on its own.

set -euo pipefail

pgconn_die() { printf '\033[1;31m[casemanager]\033[0m %s\n' "$*" >&2; exit 1; }
pgconn_log() { printf '\033[1;34m[casemanager]\033[0m %s\n' "$*" >&2; }

# pgconn_set KEY VALUE: one keyword of either syntax (case-insensitive) to its libpq variable.
pgconn_set() {
  local key value
  key=$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
  value=$2
  case "$key" in
    host|server|hostaddr) export PGHOST="$value" ;;
    port) export PGPORT="$value" ;;
    database|db|dbname|initialcatalog) export PGDATABASE="$value" ;;
    username|user|userid|uid) export PGUSER="$value" ;;
    password|pwd) export PGPASSWORD="$value" ;;
    sslmode) export PGSSLMODE=$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]') ;;
    *) ;; # pooling, timeouts and the like mean nothing to pg_dump
  esac
}

# pgconn_from_npgsql "Host=…;Port=…": the app's connection string (no ';' inside values).
pgconn_from_npgsql() {
  local part
  local IFS=';'
  for part in $1; do
    [ -n "${part// /}" ] || continue
    [[ "$part" == *=* ]] || pgconn_die "Cannot read '$part' in the connection string."
    pgconn_set "${part%%=*}" "${part#*=}"
  done
}

# pgconn_from_conninfo "host=… dbname=…": libpq keyword/value pairs (values without spaces).
pgconn_from_conninfo() {
  local part
  for part in $1; do
    [[ "$part" == *=* ]] || pgconn_die "Cannot read '$part' in the connection string."
    pgconn_set "${part%%=*}" "${part#*=}"
  done
}

# pgconn_resolve CONNINFO_OR_EMPTY: sets the PG* variables and checks there is a database.
pgconn_resolve() {
  if [ -n "${1:-}" ]; then
    pgconn_from_conninfo "$1"
  elif [ -n "${ConnectionStrings__CaseManager:-}" ]; then
    pgconn_from_npgsql "$ConnectionStrings__CaseManager"
  fi
  [ -n "${PGDATABASE:-}" ] || pgconn_die "No database: pass --conninfo \"host=… dbname=… user=…\", or set ConnectionStrings__CaseManager or PGDATABASE (with PGHOST, PGPORT, PGUSER, PGPASSWORD)."
}

# pgconn_tool NAME: the newest PostgreSQL client tool NAME (pg_dump, pg_restore, psql).
pgconn_tool() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/$1" ]; then echo "$dir/$1"
  elif command -v "$1" >/dev/null 2>&1; then command -v "$1"
  else pgconn_die "$1 not found: install the PostgreSQL client (apt-get install postgresql-client)."
  fi
}
