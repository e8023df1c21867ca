#!/usr/bin/env bash
# The request paths issue 18 item 1 names, under 16 concurrent clients, on SQLite and on PostgreSQL, in one run:
#   anonymous GET /health, the same with an API key, a one-row read (GET /api/v1/programmes/TW) without and with a key, a partner's
#   exchange status lookup (GET /exchange/v1/status/{tin}), the public status lookup (GET /api/v1/public/status/{tin})
#   and lodging a declaration (POST /api/v1/declarations, a new declaration each request).
# Each provider gets a published Release build with the demo seeded (`openaeo demo seed`), so the lookups and the
# lodging read a registry, rules, agencies, partners and a year of traffic. Prints requests/s, p99, errors (non-2xx
# answers and socket errors) and each figure's ratio to its peer, with the targets:
#   keyed /health >= 0.9 of anonymous /health, the keyed read >= 0.9 of the same read without a key; exchange and public status >= 0.5 of anonymous
#   /health; lodging >= 0.1 of keyed /health with p99 < 50 ms.
#
#   bench/write-path.sh [SECONDS] [CONNECTIONS]   (defaults: 30 s, 16 connections; wrk -t2; needs wrk)
#
# Every figure is measured in OPENAEO_BENCH_ROUNDS rounds (default 3) of SECONDS each, a figure next to its peer, and
# reported as the median, with each round's requests/s beside it.
#
# OPENAEO_PUBLISHED=/path measures a folder published before (e.g. an older commit); OPENAEO_BENCH_POSTGRES is the
# server for the PostgreSQL half (default Host=127.0.0.1;Port=5433;Username=postgres; a database of its own is created
# and dropped); OPENAEO_BENCH_PROVIDERS="Sqlite Postgres" picks the providers.
# Point OPENAEO_BENCH_POSTGRES at a server with PostgreSQL's durable defaults (fsync, synchronous_commit and
# full_page_writes on): the one test.sh starts turns them off for speed, and a commit then costs no flush.
source "$(dirname "$0")/published-app.sh"
seconds="${1:-30}"
connections="${2:-16}"
postgres="${OPENAEO_BENCH_POSTGRES:-Host=127.0.0.1;Port=5433;Username=postgres}"
providers="${OPENAEO_BENCH_PROVIDERS:-Sqlite Postgres}"
rounds="${OPENAEO_BENCH_ROUNDS:-3}"
tin=TW00000001
database="openaeo_bench_$$"

# libpq's form of the server named in OPENAEO_BENCH_POSTGRES.
conninfo() {
    echo "$postgres" | tr ';' '\n' | awk -F= 'tolower($1) == "host" { printf "host=%s ", $2 } tolower($1) == "port" { printf "port=%s ", $2 } tolower($1) == "username" { printf "user=%s ", $2 }'
}

drop_database() {
    psql "$(conninfo) dbname=postgres" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
}
trap 'cleanup; drop_database' EXIT

cat >"$work/lodge.lua" <<EOF
-- A new declaration each request: OpenAeo assigns the reference when it is missing.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"type":"Import","mode":"Sea","originEconomy":"US","destinationEconomy":"TW","office":"TWKEL1",'
  .. '"officeTimeZone":"Asia/Taipei","parties":[{"role":"Importer","tin":"$tin"},{"role":"Consignor","tin":"US55501"}],'
  .. '"items":[{"hsCode":"84713000","customsValue":900}],"customsValue":900,"lowValueEcommerce":false}'
EOF

# "<name> <requests/s> <p99> <errors>" for one wrk run; $1 = name, rest = wrk arguments.
measure() {
    local name="$1"; shift
    wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" | awk -v n="$name" '
        /^Requests\/sec:/ { r = $2 }
        /^ +99%/ { p = $2 }
        /Non-2xx or 3xx responses:/ { e += $NF }
        /Socket errors:/ { gsub(",", ""); e += $4 + $6 + $8 + $10 }
        END { print n, r, p, e + 0 }'
}

# p99 as wrk prints it (850.00us, 12.34ms, 1.20s) in milliseconds.
ms() { awk '{ v = $1; if (v ~ /us$/) { sub("us", "", v); v /= 1000 } else if (v ~ /ms$/) { sub("ms", "", v) } else if (v ~ /m$/) { sub("m", "", v); v *= 60000 } else { sub("s", "", v); v *= 1000 } printf "%.1f", v }'; }

bench_provider() {
    local provider="$1" app="$work/app-$1" connection port url server_log
    cp -r "$published" "$app"
    if [ "$provider" = Postgres ]; then connection="$postgres;Database=$database"; else connection="Data Source=$app/data/openaeo.db"; fi
    run() {
        env -u ASPNETCORE_ENVIRONMENT -u DOTNET_ENVIRONMENT Database__Provider="$provider" ConnectionStrings__OpenAeo="$connection" \
            "$app/openaeo" "$@"
    }
    echo "[$provider] seeding the demo ($(date -u +%T))" >&2
    run demo seed --password "bench-password-$RANDOM-long" >"$work/seed-$provider.log" 2>&1 || { cat "$work/seed-$provider.log" >&2; exit 1; }
    local analyst border partner
    analyst="$(run users add --name bench-analyst --role Analyst --password "bench-password-$RANDOM-long" --print-api-key | tail -n 1)"
    border="$(run users add --name bench-border --role BorderOfficer --password "bench-password-$RANDOM-long" --print-api-key | tail -n 1)"
    partner="$(run users add --name bench-partner --role Partner --economy JP --password "bench-password-$RANDOM-long" --print-api-key | tail -n 1)"
    for k in "$analyst" "$border" "$partner"; do case "$k" in oak_*) ;; *) echo "could not create an API key: $k" >&2; exit 1 ;; esac; done

    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    url="http://127.0.0.1:$port"
    server_log="$work/server-$provider.log"
    # The public check's per-address limit would answer most of one client's requests with 429: lifted for the bench.
    (cd "$work" && exec env -u ASPNETCORE_ENVIRONMENT -u DOTNET_ENVIRONMENT Database__Provider="$provider" \
        ConnectionStrings__OpenAeo="$connection" PublicStatus__PermitLimit=1000000000 Exchange__PullIntervalSeconds=0 \
        "$app/openaeo" serve --urls "$url") >"$server_log" 2>&1 &
    server=$!
    for _ in $(seq 1 600); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done
    for check in "-H X-Api-Key:$analyst $url/api/v1/programmes/TW" "-H X-Api-Key:$partner $url/exchange/v1/status/$tin" \
        "$url/api/v1/public/status/$tin"; do
        # shellcheck disable=SC2086
        curl -sf $check >/dev/null || { echo "[$provider] not served: $check" >&2; cat "$server_log" >&2; exit 1; }
    done

    wrk -t2 -c"$connections" -d5s "$url/health" >/dev/null
    wrk -t2 -c"$connections" -d5s -H "X-Api-Key: $analyst" "$url/api/v1/programmes/TW" >/dev/null
    # Lodging warms up longer and at full concurrency: the runtime's background compiler was still re-compiling its hot
    # methods 25 s into a run (a fifth of the CPU in `perf`), and the figure is meant to be the server's steady state.
    wrk -t2 -c"$connections" -d20s -s "$work/lodge.lua" -H "X-Api-Key: $border" "$url/api/v1/declarations" >/dev/null
    # What a burst of lodgings leaves PostgreSQL to write is written before the next figures, not during them.
    settle() { if [ "$provider" = Postgres ]; then psql "$(conninfo) dbname=$database" -qc CHECKPOINT >/dev/null; fi; }
    settle
    # Rounds, each figure next to its peer, the pair's order swapped every other round: what the machine or the database
    # does in the background (PostgreSQL's checkpoints and autovacuum after thousands of lodgings) falls on both sides
    # of a ratio instead of on whichever figure came first. The summary takes each figure's median.
    for round in $(seq 1 "$rounds"); do
        {
            if [ $((round % 2)) -eq 1 ]; then
                measure anonymous-health "$url/health"
                measure keyed-health -H "X-Api-Key: $analyst" "$url/health"
                measure anonymous-row "$url/api/v1/programmes/TW"
                measure keyed-row -H "X-Api-Key: $analyst" "$url/api/v1/programmes/TW"
            else
                measure keyed-health -H "X-Api-Key: $analyst" "$url/health"
                measure anonymous-health "$url/health"
                measure keyed-row -H "X-Api-Key: $analyst" "$url/api/v1/programmes/TW"
                measure anonymous-row "$url/api/v1/programmes/TW"
            fi
            measure exchange-status -H "X-Api-Key: $partner" "$url/exchange/v1/status/$tin"
            measure public-status "$url/api/v1/public/status/$tin"
            measure lodging -s "$work/lodge.lua" -H "X-Api-Key: $border" "$url/api/v1/declarations"
        } | sed "s/^/$provider /" >>"$work/results"
        settle
    done
    kill "$server"; wait "$server" 2>/dev/null || true
    server=""
}

echo "load before: $(uptime)"
for provider in $providers; do bench_provider "$provider"; done
echo "load after:  $(uptime)"

echo
echo "wrk -t2 -c$connections -d${seconds}s, published Release build, demo seeded, median of $rounds rounds per figure"
# The median of a figure's column ($1 = provider, $2 = figure, $3 = column: 3 requests/s, 4 p99 in ms) over the rounds.
median() {
    awk -v p="$1" -v n="$2" -v c="$3" '$1 == p && $2 == n { print $c }' "$work/results" | sort -g |
        awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
while read -r p n r t e; do echo "$p $n $r $(echo "$t" | ms) $e"; done <"$work/results" >"$work/rounds"
mv "$work/rounds" "$work/results"
for provider in $providers; do
    of() { median "$provider" "$1" 3; }
    anonymous="$(of anonymous-health)"
    keyed="$(of keyed-health)"
    echo "$provider:"
    for name in anonymous-health keyed-health anonymous-row keyed-row exchange-status public-status lodging; do
        rps="$(of "$name")"
        p99="$(median "$provider" "$name" 4)"
        errors="$(awk -v p="$provider" -v n="$name" '$1 == p && $2 == n { e += $5 } END { print e + 0 }' "$work/results")"
        rounds_rps="$(awk -v p="$provider" -v n="$name" '$1 == p && $2 == n { printf "%s%.0f", s, $3; s = " " }' "$work/results")"
        case "$name" in
            anonymous-health) peer="$anonymous"; what="(the peer)"; target="" ;;
            keyed-health) peer="$anonymous"; what="of anonymous /health"; target="target >= 0.9" ;;
            anonymous-row) peer="$anonymous"; what="of anonymous /health"; target="" ;;
            keyed-row) peer="$(of anonymous-row)"; what="of anonymous-row"; target="target >= 0.9" ;;
            exchange-status | public-status) peer="$anonymous"; what="of anonymous /health"; target="target >= 0.5" ;;
            lodging) peer="$keyed"; what="of keyed /health   "; target="target >= 0.1, p99 < 50 ms" ;;
        esac
        awk -v n="$name" -v r="$rps" -v a="$peer" -v w="$what" -v p="$p99" -v e="$errors" -v t="$target" -v all="$rounds_rps" \
            'BEGIN { printf "  %-17s %9.0f requests/s  %5.3f %-20s  p99 %8.1f ms  errors %d  %-27s rounds: %s\n", n, r, r / a, w, p, e, t, all }'
    done
done
