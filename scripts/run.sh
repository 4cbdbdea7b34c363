#!/usr/bin/env bash
# Starts CaseManager on this machine: its own PostgreSQL cluster (installed if missing, port 55431,
# data under .local/), a local SMTP server for the reminder emails (smtp4dev, SMTP on 2525, mail
# to read at http://127.0.0.1:5180), a fake text-message provider (scripts/FakeSms: text messages
# to read at http://127.0.0.1:5184/fake/messages), the migrations, the reference lists, a demo data set, then
# the application. Prints the addresses and the demo sign-ins. Ctrl+C stops the application, then
# the mail server and the database.
#
#   scripts/run.sh [--port 5080] [--households 2000] [--smtp-port 2525] [--mail-port 5180] [--sms-port 5184]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/smtp4dev.sh
source scripts/lib/fakesms.sh
ensure_dotnet
command -v curl >/dev/null 2>&1 || apt_install curl

APP_PORT=5080
HOUSEHOLDS=2000
DB_PORT=55431
DB_NAME=casemanager
SMTP_PORT=2525
MAIL_PORT=5180
SMS_PORT=5184
while [ $# -gt 0 ]; do
  case "$1" in
    --port) APP_PORT=$2; shift 2 ;;
    --households) HOUSEHOLDS=$2; shift 2 ;;
    --smtp-port) SMTP_PORT=$2; shift 2 ;;
    --mail-port) MAIL_PORT=$2; shift 2 ;;
    --sms-port) SMS_PORT=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
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
  fakesms_stop
  smtp4dev_stop
  pg_stop dev
}
trap stop EXIT INT TERM

pg_start dev "$DB_PORT"
if ! pg_psql "$DB_PORT" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
  pg_psql "$DB_PORT" -d postgres -c "CREATE DATABASE $DB_NAME"
fi

log "Restoring the local tools (dotnet-tools.json)…"
dotnet tool restore >/dev/null
smtp4dev_start dev "$SMTP_PORT" "$MAIL_PORT"

log "Building CaseManager…"
dotnet build CaseManager.Web -c Release -nologo -v quiet
fakesms_start dev "$SMS_PORT" casemanager-development-token

export ConnectionStrings__CaseManager="Host=127.0.0.1;Port=$DB_PORT;Database=$DB_NAME;Username=postgres"
export Demo__Enabled=true
# Demo mode (published password Demo123!) in the Production environment is refused unless asked for.
export Demo__AllowInProduction=true
export Demo__Households="$HOUSEHOLDS"
export ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT"
export App__BaseUrl="http://127.0.0.1:$APP_PORT"
export Smtp__Host=127.0.0.1
export Smtp__Port="$SMTP_PORT"
# Demo mode's text messages go through Twilio's library to the local fake (its developer account and token).
export TextMessages__ApiBaseUrl="http://127.0.0.1:$SMS_PORT"
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
  Mail: http://127.0.0.1:$MAIL_PORT   (reminder emails, caught by smtp4dev; SMTP on port $SMTP_PORT)
  Text messages: http://127.0.0.1:$SMS_PORT/fake/messages   (caught by the fake provider)

  Demo sign-ins (password Demo123!):
    intervenant@demo.local   counsellor with files
    superviseur@demo.local   supervisor (every file)
    partenaire@demo.local    regional partner
    admin@demo.local         administrator (users, reminders, targets, /hangfire)
    vie-privee@demo.local    privacy officer

  Ctrl+C stops the application, the mail server and the database.

BANNER
wait "$app_pid"
