#!/usr/bin/env bash
# Loads a published openaeo (Release, SQLite) with wrk and compares requests that carry an API key with the same
# requests without one, in one run (issue 18: keyed requests should cost what anonymous ones do, ADR 0046):
#   GET /health and GET /api/v1/programmes/TW (a read of one programme, open to everyone), each without and with a key.
# Rounds alternate, so a machine busy with other work weighs on all four alike. Prints requests/s, p99 latency and
# each figure as a ratio of the same request without a key and of anonymous /health, and the server's CPU time per
# request (user + system, read from /proc before and after each wrk run): on a machine where wrk and the server share
# two cores, the throughput ratio swings by a tenth from run to run while the CPU a request costs holds still.
#
#   bench/keyed-requests.sh [SECONDS] [CONNECTIONS] [ROUNDS]   (defaults: 20 s, 16 connections, 3 rounds; needs wrk)
#
# Set OPENAEO_PUBLISHED=/path/to/a/published/folder to measure a folder published before (e.g. an older commit).
source "$(dirname "$0")/published-app.sh"

# A copy per run, so the database beside the executable is new and ours alone.
cp -r "$published" "$work/app"
run() { env -u ASPNETCORE_ENVIRONMENT -u DOTNET_ENVIRONMENT "$work/app/openaeo" "$@"; }
key="$(run users add --name bench-analyst --role Analyst --password "bench-password-$RANDOM-long" --print-api-key | tail -n 1)"
case "$key" in oak_*) ;; *) echo "could not create an API key: $key" >&2; exit 1 ;; esac

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
(cd "$work" && exec env -u ASPNETCORE_ENVIRONMENT -u DOTNET_ENVIRONMENT "$work/app/openaeo" serve --urls "$url") >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done
curl -sf -H "X-Api-Key: $key" "$url/api/v1/programmes/TW" >/dev/null || { echo "openaeo did not serve:" >&2; cat "$work/server.log" >&2; exit 1; }

# The server's CPU time so far, in clock ticks (utime + stime of /proc/PID/stat).
ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
hertz="$(getconf CLK_TCK)"

# "<name> <requests/s> <p99> <server CPU µs per request>" for one wrk run; $1 = name, rest = wrk arguments.
measure() {
    local name="$1" before after; shift
    before="$(ticks)"
    wrk -t1 -c"$connections" -d"${seconds}s" --latency "$@" >"$work/wrk.out"
    after="$(ticks)"
    awk -v n="$name" -v t="$((after - before))" -v hz="$hertz" \
        '/^Requests\/sec:/ { r = $2 } /^ +99%/ { p = $2 } / requests in / { c = $1 } END { print n, r, p, t * 1e6 / hz / c }' "$work/wrk.out"
}

wrk -t1 -c"$connections" -d5s "$url/health" >/dev/null
wrk -t1 -c"$connections" -d5s -H "X-Api-Key: $key" "$url/api/v1/programmes/TW" >/dev/null
for round in $(seq 1 "$rounds"); do
    measure anonymous-health "$url/health" >>"$work/results"
    measure keyed-health -H "X-Api-Key: $key" "$url/health" >>"$work/results"
    measure anonymous-row "$url/api/v1/programmes/TW" >>"$work/results"
    measure keyed-row -H "X-Api-Key: $key" "$url/api/v1/programmes/TW" >>"$work/results"
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
of() { awk -v n="$1" '$1 == n { print $2 }' "$work/results" | median; }
p99() { awk -v n="$1" '$1 == n { print $3 }' "$work/results" | paste -sd' '; }
cpu() { awk -v n="$1" '$1 == n { print $4 }' "$work/results" | median; }
anonymous="$(of anonymous-health)"
echo
echo "wrk -t1 -c$connections -d${seconds}s, published Release build on SQLite, $rounds alternating rounds (median requests/s; p99 of each round)"
for name in anonymous-health keyed-health anonymous-row keyed-row; do
    rps="$(of "$name")"
    twin="$(of "anonymous-${name#*-}")"
    awk -v n="$name" -v r="$rps" -v a="$anonymous" -v t="$twin" -v p="$(p99 "$name")" -v c="$(cpu "$name")" \
        'BEGIN { printf "  %-17s %10.0f requests/s  %5.2f of the same without a key  %5.2f of anonymous /health  server CPU %6.1f µs a request  p99: %s\n", n, r, r / t, r / a, c, p }'
done
