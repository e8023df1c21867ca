#!/usr/bin/env bash
# Issue 18 item 2: `openaeo declarations import` of generated traffic (declarations with items, lanes, milestone events and agency
# cases) on SQLite and on PostgreSQL, next to the floor: the time the database itself takes to load the same rows from plain CSV
# files (`\copy … FROM … CSV` into tables without indexes on PostgreSQL, `sqlite3 .import --csv` on SQLite), in one run.
#
#   bench/bulk-import.sh [DECLARATIONS]   (default 1,000,000)
#
# Each provider gets a published Release build and a fresh database with the demo seeded (`openaeo demo seed`: the registry,
# rules, agencies and partners the lanes are decided with). The file is generated once (`openaeo declarations generate`) and
# imported into both. The floor's CSV files are the rows the import wrote, exported from the database just after it, so they
# are the same rows in the tables' own shape. Prints seconds, declarations/s and the ratio to the floor per provider.
#
# OPENAEO_PUBLISHED=/path measures a folder published before; OPENAEO_BENCH_POSTGRES is the server for the PostgreSQL half
# (default Host=127.0.0.1;Port=5433;Username=postgres; a database of its own is created and dropped);
# OPENAEO_BENCH_PROVIDERS="Sqlite Postgres" picks the providers.
# Point OPENAEO_BENCH_POSTGRES at a server with PostgreSQL's durable defaults (fsync, synchronous_commit and
# full_page_writes on): the one test.sh starts turns them off for speed, and a commit then costs no flush.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count="${1:-1000000}"
postgres="${OPENAEO_BENCH_POSTGRES:-Host=127.0.0.1;Port=5433;Username=postgres}"
providers="${OPENAEO_BENCH_PROVIDERS:-Sqlite Postgres}"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 2; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install postgresql-client" >&2; exit 2; }
database="openaeo_bulk_$$"
conninfo="$(echo "$postgres" | tr ';' '\n' | awk -F= 'tolower($1) == "host" { printf "host=%s ", $2 }
    tolower($1) == "port" { printf "port=%s ", $2 } tolower($1) == "username" { printf "user=%s ", $2 }')"
work="$(mktemp -d /tmp/openaeo-bulk.XXXXXX)"
cleanup() {
    psql "$conninfo dbname=postgres" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

published="${OPENAEO_PUBLISHED:-}"
if [ -z "$published" ]; then
    published="$work/openaeo"
    echo "publishing to $published" >&2
    dotnet publish src/OpenAeo -c Release -o "$published" -nologo -v:q >/dev/null
fi

tables="clr_declarations clr_declaration_items clr_declaration_events clr_agency_cases"
# The imported rows of table $1 (the generated references start with G18-).
imported() {
    if [ "$1" = clr_declarations ]; then echo "SELECT * FROM $1 WHERE \"Reference\" LIKE 'G18-%'"
    else echo "SELECT * FROM $1 WHERE \"DeclarationId\" IN (SELECT \"Id\" FROM clr_declarations WHERE \"Reference\" LIKE 'G18-%')"; fi
}
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
now() { date +%s.%N; }

app_for() {
    local provider="$1" app="$work/app-$1"
    [ -d "$app" ] || cp -r "$published" "$app"
    if [ "$provider" = Postgres ]; then connection="$postgres;Database=$database"; else connection="Data Source=$app/data/openaeo.db"; fi
}
# The import logs where its time went (reading and checking, deciding, building rows, writing each table) at Debug.
run() {
    env -u ASPNETCORE_ENVIRONMENT -u DOTNET_ENVIRONMENT Database__Provider="$provider" ConnectionStrings__OpenAeo="$connection" \
        Logging__LogLevel__OpenAeo.Imports=Debug "$app/openaeo" "$@"
}

file="$work/declarations.csv"
bench_provider() {
    provider="$1"
    app="$work/app-$1"
    app_for "$provider"
    echo "[$provider] seeding the demo ($(date -u +%T))" >&2
    run demo seed --password "bench-password-$RANDOM-long" >"$work/seed-$provider.log" 2>&1 || { cat "$work/seed-$provider.log" >&2; exit 1; }
    if [ ! -f "$file" ]; then
        echo "[$provider] generating $count declarations ($(date -u +%T))" >&2
        run declarations generate --count "$count" --seed 18 --out "$file" >&2
    fi
    # Written-back first: the file just generated (and the seed) would otherwise be flushed by the import's own commit, whose
    # fsync on ext4 waits for every file's dirty pages (10 s of a 1,000,000-row import's commit in one run).
    sync
    echo "[$provider] importing ($(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    local start end
    start="$(now)"
    run declarations import "$file" >"$work/import-$provider.log" 2>&1 || { cat "$work/import-$provider.log" >&2; exit 1; }
    end="$(now)"
    cat "$work/import-$provider.log" >&2
    echo "$provider import $(seconds "$start" "$end") $(cut -d' ' -f1 /proc/loadavg)" >>"$work/results"

    # The floor: the rows just written, as CSV, loaded by the database's own bulk loader into plain tables (no index, no key).
    echo "[$provider] the floor ($(date -u +%T))" >&2
    local t floor=0 took
    if [ "$provider" = Postgres ]; then
        local pg="$conninfo dbname=$database"
        for t in $tables; do
            psql "$pg" -qc "\\copy ($(imported $t)) TO '$work/$t.csv' CSV"
            psql "$pg" -qc "CREATE TABLE floor_$t (LIKE $t)"
            sync
            start="$(now)"
            psql "$pg" -qc "\\copy floor_$t FROM '$work/$t.csv' CSV"
            end="$(now)"
            took="$(seconds "$start" "$end")"
            echo "  floor $t: $(wc -l <"$work/$t.csv") rows in $took s" >&2
            floor="$(awk -v a="$floor" -v b="$took" 'BEGIN { print a + b }')"
        done
    else
        local db="$app/data/openaeo.db" plain="$work/floor.db"
        rm -f "$plain"
        for t in $tables; do
            sqlite3 -csv "$db" "$(imported $t)" >"$work/$t.csv"
            # The table as the app declares it (its columns and types), without its indexes.
            sqlite3 "$db" "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '$t'" | sed "s/\"$t\"/\"floor_$t\"/" \
                | sqlite3 "$plain"
            sync
            start="$(now)"
            sqlite3 "$plain" ".import --csv '$work/$t.csv' floor_$t"
            end="$(now)"
            took="$(seconds "$start" "$end")"
            echo "  floor $t: $(wc -l <"$work/$t.csv") rows in $took s" >&2
            floor="$(awk -v a="$floor" -v b="$took" 'BEGIN { print a + b }')"
        done
    fi
    echo "$provider floor $floor $(cut -d' ' -f1 /proc/loadavg)" >>"$work/results"
    # What this provider wrote (gigabytes for SQLite) is not needed any more: the next provider does not run beside it.
    rm -f "$work"/clr_*.csv "$work/floor.db" "$app/data/openaeo.db"*
    sync
}

echo "load before: $(uptime)"
psql "$conninfo dbname=postgres" -qc "CREATE DATABASE $database" >/dev/null 2>&1 || true
for p in $providers; do bench_provider "$p"; done
echo "load after:  $(uptime)"
echo
echo "$count declarations (generated traffic: items, lanes, milestone events, agency cases), published Release build, one run"
for p in $providers; do
    import="$(awk -v p="$p" '$1 == p && $2 == "import" { print $3 }' "$work/results")"
    floor="$(awk -v p="$p" '$1 == p && $2 == "floor" { print $3 }' "$work/results")"
    awk -v p="$p" -v i="$import" -v f="$floor" -v n="$count" 'BEGIN {
        printf "%-8s import %8.1f s %9.0f declarations/s | floor (plain bulk load of the same rows) %7.1f s %9.0f declarations/s | import/floor %5.1fx\n",
            p, i, n / i, f, n / f, i / f }'
done
