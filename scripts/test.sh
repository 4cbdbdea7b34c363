#!/usr/bin/env bash
# Runs every CaseManager test against a real PostgreSQL, a real Chromium and a real nginx, then prints one line
#   N passed, N failed, N skipped
# and exits non-zero when anything failed. Installs PostgreSQL, Chromium and nginx when missing, starts
# its own database cluster (port 55432) and its own SMTP server (smtp4dev: SMTP 2526, API 5181),
# separate from the ones scripts/run.sh uses, and its own fake text-message provider (scripts/FakeSms,
# port 5183), and stops them at the end. The ports can be moved with CASEMANAGER_TEST_PORT,
# CASEMANAGER_TEST_SMTP_PORT, CASEMANAGER_TEST_SMTP_WEB_PORT and CASEMANAGER_TEST_SMS_PORT.
#
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter "FullyQualifiedName~Domain"]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/smtp4dev.sh
source scripts/lib/fakesms.sh
ensure_dotnet

TEST_PORT=${CASEMANAGER_TEST_PORT:-55432}
TEST_DB=casemanager_test
SMTP_PORT=${CASEMANAGER_TEST_SMTP_PORT:-2526}
SMTP_WEB_PORT=${CASEMANAGER_TEST_SMTP_WEB_PORT:-5181}
SMS_PORT=${CASEMANAGER_TEST_SMS_PORT:-5183}

if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
# The two-instance tests run a real nginx in front of the application (Debian's package).
if [ ! -x /usr/sbin/nginx ]; then
  apt_install nginx
fi

log "Restoring the local tools (dotnet-tools.json)…"
dotnet tool restore >/dev/null

# restart-test: the private cluster the PostgreSQL-restart test starts and stops (if a run was cut short).
trap 'fakesms_stop; smtp4dev_stop; pg_stop test; pg_stop restart-test' EXIT
pg_start test "$TEST_PORT"
pg_psql "$TEST_PORT" -d postgres -c "DROP DATABASE IF EXISTS $TEST_DB WITH (FORCE)" -c "CREATE DATABASE $TEST_DB"
export CASEMANAGER_TEST_CONNECTION="Host=127.0.0.1;Port=$TEST_PORT;Database=$TEST_DB;Username=postgres;Maximum Pool Size=60"

# The tests send real mail to this server and read it back through its HTTP API.
smtp4dev_start test "$SMTP_PORT" "$SMTP_WEB_PORT"
export CASEMANAGER_TEST_SMTP_PORT="$SMTP_PORT"
export CASEMANAGER_TEST_SMTP_API="http://127.0.0.1:$SMTP_WEB_PORT"

results_dir="$PWD/.local/test-results"
rm -rf "$results_dir"
mkdir -p "$results_dir"

log "Building…"
dotnet build CaseManager.sln -c Debug -nologo -v quiet

# The tests send text messages through Twilio's library to this server and read them back over HTTP.
fakesms_start test "$SMS_PORT"
export CASEMANAGER_TEST_SMS_API="http://127.0.0.1:$SMS_PORT"

log "Running the tests…"
status=0
dotnet test CaseManager.sln -c Debug --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results_dir" "$@" || status=$?

# Add up the counters of every trx file the run wrote (one per test project).
counter() { # counter NAME FILE: the value of attribute NAME of the file's <Counters> element
  grep -o "<Counters [^>]*" "$2" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" || echo 0
}
passed=0 failed=0 skipped=0
while IFS= read -r -d '' trx; do
  passed=$((passed + $(counter passed "$trx")))
  for name in failed error timeout aborted; do failed=$((failed + $(counter "$name" "$trx"))); done
  for name in notExecuted inconclusive; do skipped=$((skipped + $(counter "$name" "$trx"))); done
done < <(find "$results_dir" -name '*.trx' -print0)

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # dotnet test failed without a failed test (a crash, a build error): count it as a failure.
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
