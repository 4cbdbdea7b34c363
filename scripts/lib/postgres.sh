#!/usr/bin/env bash
# Local PostgreSQL for CaseManager: install the binaries when missing, start a private cluster on
# a non-default port, stop it. Sourced by run.sh and test.sh; nothing here runs on its own.
#
#   pg_start NAME PORT   starts (or reuses) the cluster NAME on 127.0.0.1:PORT
#   pg_stop NAME         stops it (fast shutdown: committed data is kept, nothing half-written)
#   pg_psql PORT ARGS…   runs psql as the postgres superuser
#
# initdb refuses root, so as root the cluster runs as the `postgres` OS user. Its folder lives
# under the ignored .local/ of the checkout when postgres can reach it; otherwise (a checkout
# under /root, say) under /var/lib/casemanager/, and the script says so.

set -euo pipefail

CM_REPO_ROOT="${CM_REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

log() { printf '\033[1;34m[casemanager]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[casemanager]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "Needs root to run: $* (install it yourself, or run as root)."
  fi
}

apt_install() {
  log "Installing $* (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -qq "$@" >/dev/null 2>&1 || {
    as_root apt-get update -qq >/dev/null
    as_root apt-get install -y -qq "$@" >/dev/null
  }
}

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    apt_install postgresql postgresql-contrib
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "PostgreSQL binaries not found after installing them."
  fi
  echo "$dir"
}

# Runs a command as the OS user that owns the clusters.
as_pg_user() {
  # From /, so postgres is not asked to enter a checkout it may not traverse.
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_data_dir() {
  local name=$1 base="$CM_REPO_ROOT/.local/postgres"
  mkdir -p "$base"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$base"
    if ! (cd / && runuser -u postgres -- test -w "$base") 2>/dev/null; then
      local key
      key=$(printf '%s' "$CM_REPO_ROOT" | sha1sum | cut -c1-10)
      base="/var/lib/casemanager/$key"
      mkdir -p "$base"
      chown postgres:postgres /var/lib/casemanager "$base"
      log "The postgres user cannot reach $CM_REPO_ROOT; the cluster lives in $base instead."
    fi
  fi
  echo "$base/$name"
}

pg_start() {
  local name=$1 port=$2 bin data
  bin=$(pg_bin_dir)
  data=$(pg_data_dir "$name")
  if [ ! -f "$data/PG_VERSION" ]; then
    log "Creating the PostgreSQL cluster '$name' in $data…"
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
    as_pg_user "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if as_pg_user "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Running already: on the port asked for, reuse it; on another, restart it there.
    local running_port
    running_port=$(sed -n 4p "$data/postmaster.pid" 2>/dev/null || true)
    if [ "$running_port" != "$port" ]; then
      log "PostgreSQL '$name' runs on port $running_port; restarting it on $port."
      as_pg_user "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    else
      log "PostgreSQL '$name' already running on port $port."
      return 0
    fi
  fi
  # A stale pid file from a killed run would stop pg_ctl from starting.
  rm -f "$data/postmaster.pid"
  as_pg_user "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
    || { tail -n 20 "$data/server.log" >&2 || true; die "PostgreSQL '$name' did not start (log above)."; }
  log "PostgreSQL '$name' started on 127.0.0.1:$port."
}

pg_stop() {
  local name=$1 bin data
  bin=$(pg_bin_dir)
  data=$(pg_data_dir "$name")
  if [ -f "$data/PG_VERSION" ] && as_pg_user "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg_user "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null && log "PostgreSQL '$name' stopped."
  fi
}

pg_psql() {
  local port=$1; shift
  local bin
  bin=$(pg_bin_dir)
  "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"
}

ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "The .NET SDK (see global.json) is needed: https://dot.net"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}
