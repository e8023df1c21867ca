#!/usr/bin/env bash
# Runs every OpenAeo test on a fresh machine: installs PostgreSQL, Chromium, Node.js and aiosmtpd (an SMTP server) from Debian packages when
# they are missing and the pinned OpenAPI linter from npm (tools/openapi), starts a throw-away PostgreSQL cluster on
# 127.0.0.1, points the tests at it and at Chromium, runs all test projects, and stops the cluster. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

missing=()
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PGBIN="$(pg_bin)"
RUN_DIR="$(mktemp -d /tmp/openaeo-test.XXXXXX)"
PGDATA="$RUN_DIR/pg"

# PostgreSQL refuses to run as root; when we are root the cluster belongs to the postgres account.
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$RUN_DIR"
    pg() { runuser -u postgres -- "$@"; }
else
    pg() { "$@"; }
fi

port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

cleanup() {
    pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$RUN_DIR"
}
trap cleanup EXIT

log "starting a throw-away PostgreSQL ($("$PGBIN/postgres" --version)) on 127.0.0.1:$port"
pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust --no-sync >/dev/null
pg "$PGBIN/pg_ctl" -D "$PGDATA" -w -l "$RUN_DIR/postgres.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $RUN_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" start >/dev/null

export OPENAEO_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
export OPENAEO_CHROMIUM="$(command -v chromium)"
# Every part is present now, so a test that would skip for want of one fails instead.
export OPENAEO_REQUIRE_ALL=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ ! -x tools/openapi/node_modules/.bin/redocly ]; then
    log "installing the OpenAPI linter (tools/openapi, pinned by its package-lock.json)"
    npm ci --prefix tools/openapi --no-audit --no-fund --loglevel=error
fi

log "building"
dotnet build OpenAeo.slnx -warnaserror -nologo -clp:NoSummary -v:q

# NOTICE must list exactly the packages openaeo is built from, each under an open-source licence.
log "checking NOTICE against the packages openaeo is built from"
notice=0
dotnet run scripts/notice.cs -- --check || notice=1

# CSharpier formats every C# file at the width .editorconfig gives (ADR 0062); a file it would change fails the run.
log "checking the C# formatting (CSharpier)"
formatted=0
dotnet tool restore >/dev/null && dotnet csharpier check . || formatted=1

log "testing (PostgreSQL, SQLite, Chromium)"
# Hundreds of hosts that live seconds each: tier-0 code without profiling instrumentation saves a third of a test run's CPU
# (ADR 0071). Every `openaeo` a test starts inherits these; the shipped executable keeps the runtime's defaults.
export DOTNET_TieredPGO=0 DOTNET_TC_CallCountThreshold=100 DOTNET_EnableWriteXorExecute=0
set +e
dotnet test --solution OpenAeo.slnx --no-build "$@" 2>&1 | tee "$RUN_DIR/test.log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for people and CI: the sum over all test projects.
passed=$(grep -E '^\s+succeeded: [0-9]+' "$RUN_DIR/test.log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' "$RUN_DIR/test.log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
skipped=$(grep -E '^\s+skipped: [0-9]+' "$RUN_DIR/test.log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
echo
# The log is long and CI keeps only its tail: repeat each failed test, with the start of its message, at the end.
if [ "$failed" != 0 ]; then
    echo "Failed tests:"
    awk '/^[[:space:]]*failed / && !/failed with [0-9]+ error/ { n = 25 }
         /^[[:space:]]*(passed|skipped) / { n = 0 }
         n > 0 { print; n-- }' "$RUN_DIR/test.log"
    # Test classes run in parallel, each app with its own connection pool: a refused connection fails whichever request met it.
    grep -m 3 "too many clients" "$RUN_DIR/postgres.log" || true
    echo
fi
if [ "$notice" -ne 0 ]; then
    echo "NOTICE is out of date or lists a licence to review (see above): run 'dotnet run scripts/notice.cs'."
    [ "$status" -ne 0 ] || status=1
fi
if [ "$formatted" -ne 0 ]; then
    echo "Some C# files are not as CSharpier formats them (see above): run 'dotnet csharpier format .'."
    [ "$status" -ne 0 ] || status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
