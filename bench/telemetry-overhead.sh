#!/usr/bin/env bash
# What OpenTelemetry costs a request (ADR 0050): one published openaeo (Release, SQLite) started twice, once with no
# telemetry configured and once with everything on (Prometheus /metrics and an OTLP exporter for traces and metrics,
# pointed at a loopback port nobody listens on, so exporting fails quietly as it would with a collector down), loaded
# with wrk in alternating rounds: GET /health (no trace: probes are filtered out, but the request metrics are recorded)
# and GET /api/v1/programmes/TW (an anonymous read, traced; answered from memory since ADR 0077, so a database span only on a
# miss). Prints requests/s, p99 and each "on" figure as a ratio of
# the same request with telemetry off.
#
#   bench/telemetry-overhead.sh [SECONDS] [CONNECTIONS] [ROUNDS]   (defaults: 20 s, 16 connections, 3 rounds; needs wrk)
#
# Set OPENAEO_PUBLISHED=/path/to/a/published/folder to measure a folder published before.
source "$(dirname "$0")/published-app.sh"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
collector="http://127.0.0.1:$(free_port)"
start() { # $1 = name, rest = settings; prints the URL
    local name="$1"; shift
    cp -r "$published" "$work/$name"
    local url="http://127.0.0.1:$(free_port)"
    (cd "$work" && exec env -u ASPNETCORE_ENVIRONMENT -u DOTNET_ENVIRONMENT -u OTEL_EXPORTER_OTLP_ENDPOINT \
        "$work/$name/openaeo" serve --urls "$url" "$@") >"$work/$name.log" 2>&1 &
    echo $! >>"$work/pids" # start runs in a subshell ($(start …)): the pids go through a file
    for _ in $(seq 1 600); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done
    curl -sf "$url/api/v1/programmes/TW" >/dev/null || { echo "openaeo ($name) did not serve:" >&2; cat "$work/$name.log" >&2; exit 1; }
    echo "$url"
}
off="$(start off)"
on="$(start on --Metrics:Prometheus=true "--OpenTelemetry:Otlp:Endpoint=$collector")"
trap 'kill $(cat "$work/pids") 2>/dev/null; cleanup' EXIT
# (Read whole before grep: with pipefail, grep -q closing the pipe early would fail curl.)
scrape="$(curl -sf "$on/metrics")"
grep -q '^http_server_request_duration_seconds' <<<"$scrape" || { echo "telemetry is not on at $on" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "$off/metrics")" = 404 ] || { echo "telemetry is not off at $off" >&2; exit 1; }

measure() { # $1 = name, rest = wrk arguments; appends "<name> <requests/s> <p99>"
    local name="$1"; shift
    wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" | awk -v n="$name" '/^Requests\/sec:/ { r = $2 } /^ +99%/ { p = $2 } END { print n, r, p }' >>"$work/results"
}
for url in "$off" "$on"; do wrk -t2 -c"$connections" -d5s "$url/health" >/dev/null; wrk -t2 -c"$connections" -d5s "$url/api/v1/programmes/TW" >/dev/null; done
for round in $(seq 1 "$rounds"); do
    measure health-off "$off/health"
    measure health-on "$on/health"
    measure row-off "$off/api/v1/programmes/TW"
    measure row-on "$on/api/v1/programmes/TW"
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
of() { awk -v n="$1" '$1 == n { print $2 }' "$work/results" | median; }
p99() { awk -v n="$1" '$1 == n { print $3 }' "$work/results" | paste -sd' '; }
echo
echo "wrk -t2 -c$connections -d${seconds}s, ${OPENAEO_PUBLISHED:-a Release build published now} on SQLite, $rounds alternating rounds" \
    "(median requests/s; p99 of each round)"
for name in health-off health-on row-off row-on; do
    awk -v n="$name" -v r="$(of "$name")" -v t="$(of "${name%-*}-off")" -v p="$(p99 "$name")" \
        'BEGIN { printf "  %-11s %10.0f requests/s  %5.2f of the same with telemetry off  p99: %s\n", n, r, r / t, p }'
done
