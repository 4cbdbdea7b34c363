# Local stand-in for the text-message provider (Twilio's REST API), scripts/FakeSms: the tests send
# real text messages through Twilio's library to it and read them back over HTTP; scripts/run.sh
# points demo mode at it. Built with the solution; source after postgres.sh (log, die).
#
#   fakesms_start NAME PORT [AUTH_TOKEN]   starts it (or reuses one already answering there)
#   fakesms_stop                           stops the one fakesms_start started, if any

FAKESMS_PID=""

fakesms_answers() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/health" 2>/dev/null; }

fakesms_start() {
  local name=$1 port=$2 token=${3:-} dll log
  command -v curl >/dev/null 2>&1 || apt_install curl
  if fakesms_answers "$port"; then
    log "The fake text-message provider already answers on port $port: reusing it."
    return 0
  fi
  dll="$CM_REPO_ROOT/scripts/FakeSms/bin/Debug/net10.0/CaseManager.FakeSms.dll"
  if [ ! -f "$dll" ]; then
    (cd "$CM_REPO_ROOT" && dotnet build scripts/FakeSms/FakeSms.csproj -c Debug -nologo -v quiet) || die "The fake text-message provider did not build."
  fi
  mkdir -p "$CM_REPO_ROOT/.local"
  log="$CM_REPO_ROOT/.local/fakesms-$name.log"
  (cd "$CM_REPO_ROOT" && exec setsid dotnet "$dll" --urls="http://127.0.0.1:$port" ${token:+--FakeSms:AuthToken="$token"}) >"$log" 2>&1 &
  FAKESMS_PID=$!
  local waited=0
  until fakesms_answers "$port"; do
    if ! kill -0 "$FAKESMS_PID" 2>/dev/null || [ "$waited" -ge 30 ]; then
      tail -n 20 "$log" >&2 || true
      FAKESMS_PID=""
      die "The fake text-message provider did not start on port $port (log above, in $log)."
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "Fake text-message provider started: http://127.0.0.1:$port (messages at /fake/messages)."
}

fakesms_stop() {
  if [ -n "$FAKESMS_PID" ] && kill -0 "$FAKESMS_PID" 2>/dev/null; then
    kill -TERM -- "-$FAKESMS_PID" 2>/dev/null || kill -TERM "$FAKESMS_PID" 2>/dev/null || true
    wait "$FAKESMS_PID" 2>/dev/null || true
    log "Fake text-message provider stopped."
  fi
  FAKESMS_PID=""
}
