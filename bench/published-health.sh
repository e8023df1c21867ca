#!/usr/bin/env bash
# Publishes openaeo (Release) and loads /health with wrk, started from another folder and from its own folder, in one
# run: both must read the appsettings.json shipped beside the executable (ADR 0015), so both log nothing per request
# and serve at the same rate. Prints requests per second, the ratio, and the bytes each wrote to its log.
#
#   bench/published-health.sh [SECONDS] [CONNECTIONS] [ROUNDS]   (defaults: 20 s, 16 connections, 3 rounds; needs wrk: apt-get install wrk)
#
# Set OPENAEO_PUBLISHED=/path/to/a/published/folder to measure a folder published before (e.g. an older commit).
source "$(dirname "$0")/published-app.sh"
mkdir -p "$work/elsewhere"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Runs the published executable from folder $1 (the database is created once, beside it), loads /health, prints
# "<requests/s> <log bytes>".
measure() {
    local from="$1" port url log
    port="$(free_port)"
    url="http://127.0.0.1:$port"
    log="$work/log-$(basename "$from")"
    (cd "$from" && exec env -u ASPNETCORE_ENVIRONMENT -u DOTNET_ENVIRONMENT "$published/openaeo" serve --urls "$url") >"$log" 2>&1 &
    server=$!
    for _ in $(seq 1 600); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done
    curl -sf "$url/health" >/dev/null || { echo "openaeo did not start from $from:" >&2; cat "$log" >&2; exit 1; }
    wrk -t1 -c"$connections" -d5s "$url/health" >/dev/null  # warm-up: JIT and connection pool
    local before rps after
    before=$(stat -c %s "$log")
    rps=$(wrk -t1 -c"$connections" -d"${seconds}s" "$url/health" | awk '/^Requests\/sec:/ { print $2 }')
    after=$(stat -c %s "$log")
    kill "$server"; wait "$server" 2>/dev/null || true
    server=""
    echo "$rps $((after - before))"
}

# The two starts alternate, so a machine busy with other work at one moment weighs on both alike.
for round in $(seq 1 "$rounds"); do
    measure "$work/elsewhere" >>"$work/elsewhere.result"
    measure "$published" >>"$work/own.result"
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
elsewhere_rps=$(cut -d' ' -f1 "$work/elsewhere.result" | median)
own_rps=$(cut -d' ' -f1 "$work/own.result" | median)

echo
echo "GET /health, wrk -t1 -c$connections -d${seconds}s, published Release build, $rounds alternating rounds"
printf '  started from another folder: %10s requests/s (median of: %s), log bytes per run: %s\n' "$elsewhere_rps" "$(cut -d' ' -f1 "$work/elsewhere.result" | paste -sd' ')" "$(cut -d' ' -f2 "$work/elsewhere.result" | paste -sd' ')"
printf '  started from its own folder: %10s requests/s (median of: %s), log bytes per run: %s\n' "$own_rps" "$(cut -d' ' -f1 "$work/own.result" | paste -sd' ')" "$(cut -d' ' -f2 "$work/own.result" | paste -sd' ')"
awk -v a="$elsewhere_rps" -v b="$own_rps" 'BEGIN { printf "  another folder / own folder: %.2f\n", a / b }'
