#!/usr/bin/env bash
# Local SMTP server for CaseManager: smtp4dev, a dotnet tool of the repository's manifest
# (dotnet-tools.json), bound to 127.0.0.1, keeping its mail in memory only. Sourced by run.sh and
# test.sh after postgres.sh (for log/die and CM_REPO_ROOT); nothing here runs on its own.
#
#   smtp4dev_start NAME SMTP_PORT WEB_PORT   starts it (or reuses one already answering there)
#   smtp4dev_stop                            stops the one smtp4dev_start started, if any
#
# Its web page (and HTTP API, e.g. GET /api/Messages) is at http://127.0.0.1:WEB_PORT.

SMTP4DEV_PID=""

smtp4dev_answers() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/api/Messages" 2>/dev/null; }

smtp4dev_start() {
  local name=$1 smtp_port=$2 web_port=$3 dir log
  command -v curl >/dev/null 2>&1 || apt_install curl
  if smtp4dev_answers "$web_port"; then
    log "smtp4dev already answers on port $web_port: reusing it."
    return 0
  fi
  dir="$CM_REPO_ROOT/.local/smtp4dev-$name"
  log="$dir.log"
  mkdir -p "$dir"
  (cd "$CM_REPO_ROOT" && dotnet tool restore >/dev/null) || die "dotnet tool restore failed (see dotnet-tools.json)."
  # Its own session, so that stopping it stops the tool's host and the server it starts.
  (cd "$CM_REPO_ROOT" && exec setsid dotnet smtp4dev \
      --urls="http://127.0.0.1:$web_port" --smtpport="$smtp_port" --bindaddress=127.0.0.1 \
      --imapport= --pop3port= --db= --messagestokeep=1000 --nousersettings --baseappdatapath="$dir") >"$log" 2>&1 &
  SMTP4DEV_PID=$!
  local waited=0
  until smtp4dev_answers "$web_port"; do
    if ! kill -0 "$SMTP4DEV_PID" 2>/dev/null || [ "$waited" -ge 60 ]; then
      tail -n 20 "$log" >&2 || true
      SMTP4DEV_PID=""
      die "smtp4dev did not start on ports $smtp_port/$web_port (log above, in $log)."
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "smtp4dev started: SMTP on 127.0.0.1:$smtp_port, mail at http://127.0.0.1:$web_port."
}

smtp4dev_stop() {
  if [ -n "$SMTP4DEV_PID" ] && kill -0 "$SMTP4DEV_PID" 2>/dev/null; then
    kill -TERM -- "-$SMTP4DEV_PID" 2>/dev/null || kill -TERM "$SMTP4DEV_PID" 2>/dev/null || true
    wait "$SMTP4DEV_PID" 2>/dev/null || true
    log "smtp4dev stopped."
  fi
  SMTP4DEV_PID=""
}
