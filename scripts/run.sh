#!/usr/bin/env bash
# Starts CaseManager on this machine: its own PostgreSQL cluster (installed if missing, port 55431,
# data under .local/), the migrations, the reference lists, a demo data set, then the application.
# Prints the address and the demo sign-ins. Ctrl+C stops the application, then the database.
#
#   scripts/run.sh [--port 5080] [--households 2000]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
ensure_dotnet
command -v curl >/dev/null 2>&1 || apt_install curl

APP_PORT=5080
HOUSEHOLDS=2000
DB_PORT=55431
DB_NAME=casemanager
while [ $# -gt 0 ]; do
  case "$1" in
    --port) APP_PORT=$2; shift 2 ;;
    --households) HOUSEHOLDS=$2; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) die "Unknown option: $1 (see --help)" ;;
  esac
done

app_pid=""
stop() {
  trap - EXIT INT TERM
  # Output may go to a pipe that Ctrl+C already closed: stopping must not die writing to it.
  trap '' PIPE
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    log "Stopping CaseManager…"
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  pg_stop dev
}
trap stop EXIT INT TERM

pg_start dev "$DB_PORT"
if ! pg_psql "$DB_PORT" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
  pg_psql "$DB_PORT" -d postgres -c "CREATE DATABASE $DB_NAME"
fi

log "Building CaseManager…"
dotnet build CaseManager.Web -c Release -nologo -v quiet

export ConnectionStrings__CaseManager="Host=127.0.0.1;Port=$DB_PORT;Database=$DB_NAME;Username=postgres"
export Demo__Enabled=true
export Demo__Households="$HOUSEHOLDS"
export ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT"
export ASPNETCORE_ENVIRONMENT=Production
log "Starting CaseManager (the first start fills the demo data: about a minute)…"
dotnet run --project CaseManager.Web -c Release --no-build --no-launch-profile &
app_pid=$!

# Ready when /health answers; give up if the application stopped.
until curl -fsS -o /dev/null "http://127.0.0.1:$APP_PORT/health" 2>/dev/null; do
  kill -0 "$app_pid" 2>/dev/null || die "CaseManager stopped during start-up (see the log above)."
  sleep 1
done

cat <<BANNER

  CaseManager is running: http://127.0.0.1:$APP_PORT

  Demo sign-ins (password Demo123!):
    intervenant@demo.local   counsellor with files
    superviseur@demo.local   supervisor (every file)
    partenaire@demo.local    regional partner
    admin@demo.local         administrator (users, reminders, /hangfire)
    vie-privee@demo.local    privacy officer

  Ctrl+C stops the application and the database.

BANNER
wait "$app_pid"
