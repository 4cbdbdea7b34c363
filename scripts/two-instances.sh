#!/usr/bin/env bash
# Two CaseManager instances on one database behind a real nginx, on this machine: its own
# PostgreSQL cluster (port 55441), a local SMTP server (smtp4dev: SMTP 2527, mail at
# http://127.0.0.1:5182), the application on two ports (5091, 5092), each with its Hangfire
# server, and nginx (Debian's package, installed when missing) on port 18080 with the
# configuration of scripts/deploy/nginx (cookie affinity, WebSockets, X-Forwarded-*, request
# rate on the public form; plain HTTP, no TLS). Prints the address; Ctrl+C stops everything.
#
#   scripts/two-instances.sh [--port 18080] [--households 300] [--admin you@example.org]
#
# With --admin, no demo data at all, as in production: the database gets only the migrations and
# the reference lists, and the script creates that first administrator (create-admin) and prints
# the one-time link to choose the password (also in the mail at the printed address).
#
# Try it: sign in at the printed address, then stop one instance (the script prints their
# process ids: kill <pid>) and open another page: the other instance answers, still signed in.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/smtp4dev.sh
source scripts/lib/nginx.sh
ensure_dotnet
command -v curl >/dev/null 2>&1 || apt_install curl
nginx_ensure

PROXY_PORT=18080
HOUSEHOLDS=300
DB_PORT=55441
DB_NAME=casemanager_two
SMTP_PORT=2527
MAIL_PORT=5182
APP_PORTS=(5091 5092)
ADMIN_EMAIL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PROXY_PORT=$2; shift 2 ;;
    --households) HOUSEHOLDS=$2; shift 2 ;;
    --admin) ADMIN_EMAIL=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "Unknown option: $1 (see --help)" ;;
  esac
done

app_pids=()
stop() {
  trap - EXIT INT TERM
  trap '' PIPE
  nginx_stop
  for pid in "${app_pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  [ "${#app_pids[@]}" -gt 0 ] && log "CaseManager instances stopped."
  smtp4dev_stop
  pg_stop two-instances
}
trap stop EXIT INT TERM

pg_start two-instances "$DB_PORT"
if ! pg_psql "$DB_PORT" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
  pg_psql "$DB_PORT" -d postgres -c "CREATE DATABASE $DB_NAME"
fi
smtp4dev_start two-instances "$SMTP_PORT" "$MAIL_PORT"

log "Building CaseManager…"
dotnet build CaseManager.Web -c Release -nologo -v quiet

export ConnectionStrings__CaseManager="Host=127.0.0.1;Port=$DB_PORT;Database=$DB_NAME;Username=postgres"
export App__BaseUrl="http://127.0.0.1:$PROXY_PORT"
export Smtp__Host=127.0.0.1
export Smtp__Port="$SMTP_PORT"
export Smtp__From="CaseManager <rappels@casemanager.local>"
export Smtp__Security=None
export ASPNETCORE_ENVIRONMENT=Production
# nginx connects from 127.0.0.1: its X-Forwarded-* headers are read from there only.
export ReverseProxy__KnownProxies=127.0.0.1
export Demo__Households="$HOUSEHOLDS"
# Demo mode (published password Demo123!) in the Production environment is refused unless asked for.
export Demo__AllowInProduction=true
# Each instance runs a Hangfire server (the recurring jobs are registered once: fixed ids).
export Database__MigrateOnStartup=false

# Ready when /health answers; give up if the instance stopped.
wait_ready() {
  local port=$1 pid=$2
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || die "The instance on port $port stopped during start-up (see the log above)."
    sleep 1
  done
}

start_instance() { # start_instance PORT DEMO
  ASPNETCORE_URLS="http://127.0.0.1:$1" Demo__Enabled=$2 \
    dotnet run --project CaseManager.Web -c Release --no-build --no-launch-profile &
  app_pids+=($!)
}

# The schema once, before the instances (as casemanager-migrate.service does in production).
log "Migrating the database (the migrate verb)…"
dotnet run --project CaseManager.Web -c Release --no-build --no-launch-profile -- migrate
if [ -n "$ADMIN_EMAIL" ]; then
  # Production: no demo data; the first administrator chooses a password through a one-time link.
  log "Creating the first administrator ($ADMIN_EMAIL)…"
  admin_status=0
  dotnet run --project CaseManager.Web -c Release --no-build --no-launch-profile -- create-admin --email "$ADMIN_EMAIL" || admin_status=$?
  [ "$admin_status" -eq 0 ] || [ "$admin_status" -eq 5 ] || die "create-admin failed (exit code $admin_status)."
  log "Starting instance 1 on port ${APP_PORTS[0]}…"
  start_instance "${APP_PORTS[0]}" false
else
  # The demo data once, by the first instance, before the second starts.
  log "Starting instance 1 on port ${APP_PORTS[0]} (it fills the demo data)…"
  start_instance "${APP_PORTS[0]}" true
fi
wait_ready "${APP_PORTS[0]}" "${app_pids[0]}"
log "Starting instance 2 on port ${APP_PORTS[1]}…"
start_instance "${APP_PORTS[1]}" false
wait_ready "${APP_PORTS[1]}" "${app_pids[1]}"

nginx_dir="$CM_REPO_ROOT/.local/nginx-two-instances"
nginx_write_config "$nginx_dir" "$PROXY_PORT" "127.0.0.1:${APP_PORTS[0]}" "127.0.0.1:${APP_PORTS[1]}"
nginx_start "$nginx_dir"
until curl -fsS -o /dev/null "http://127.0.0.1:$PROXY_PORT/health" 2>/dev/null; do
  kill -0 "$NGINX_PID" 2>/dev/null || die "nginx stopped (see $nginx_dir/error.log)."
  sleep 0.5
done

cat <<BANNER

  CaseManager, two instances behind nginx: http://127.0.0.1:$PROXY_PORT
    instance 1: http://127.0.0.1:${APP_PORTS[0]}  (pid ${app_pids[0]})
    instance 2: http://127.0.0.1:${APP_PORTS[1]}  (pid ${app_pids[1]})
    nginx configuration: $nginx_dir/nginx.conf (from scripts/deploy/nginx)
  Mail: http://127.0.0.1:$MAIL_PORT

  $( [ -n "$ADMIN_EMAIL" ] && echo "Administrator: $ADMIN_EMAIL (the one-time link above, or in the mail, sets the password)" \
      || echo "Demo sign-ins (password Demo123!): intervenant@demo.local, superviseur@demo.local, admin@demo.local" )

  Ctrl+C stops nginx, both instances, the mail server and the database.

BANNER
wait "${app_pids[@]}"
