# Sourced by the wrk benchmarks (published-health.sh, keyed-requests.sh): reads [SECONDS] [CONNECTIONS] [ROUNDS]
# (defaults 20 s, 16 connections, 3 rounds), checks for wrk, makes a work folder removed on exit (with the server in
# $server stopped), and sets $published to a Release build of openaeo: $OPENAEO_PUBLISHED, or one published now.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds="${1:-20}"
connections="${2:-16}"
rounds="${3:-3}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

work="$(mktemp -d /tmp/openaeo-bench.XXXXXX)"
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

published="${OPENAEO_PUBLISHED:-}"
if [ -z "$published" ]; then
    published="$work/openaeo"
    echo "publishing to $published"
    dotnet publish src/OpenAeo -c Release -o "$published" -nologo -v:q >/dev/null
fi
