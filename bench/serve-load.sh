#!/usr/bin/env bash
# Load on `kamervragen serve`, over loopback: CLIENTS clients for SECONDS seconds, each sending
# the research queries of queries/ and page requests in turn (bench/src/bin/load.rs).
#
#   bench/serve-load.sh [CORPUS] [CLIENTS] [SECONDS]   (default: the 100,000-document corpus
#                                                          of bench/run.sh, 32 clients, 30 s)
#
# Prints requests/s, p50 and p99 latency, the errors, and the server's resident memory before and
# after the load: twice with answers kept for reuse (the default), then once with none kept. The time limit of queries is raised to 60 s: with 2 cores and queries of up to
# a few seconds each, 32 clients wait in line, and a line is not an error.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-target/bench/corpus-100000}"
clients="${2:-32}"
seconds="${3:-30}"
port=7899
cargo build --release --quiet --workspace --bins
if [ ! -d "$corpus" ]; then
  target/release/generate --count 100000 --seed 1 --out "$corpus" > /dev/null
fi
log=$(mktemp)
target/release/kamervragen serve "$corpus" --quiet --bind "127.0.0.1:$port" --timeout 60 > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
until grep -q "^serving" "$log"; do
  kill -0 $server 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 1
done
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status"; }
echo "server loaded $corpus; resident memory $(rss)"
echo "first run: every answer is computed once (those asking meanwhile wait for it), then kept"
target/release/load "http://127.0.0.1:$port" "$clients" "$seconds"
echo "resident memory after the first run: $(rss)"
echo "second run: the same requests, answered from the kept answers"
target/release/load "http://127.0.0.1:$port" "$clients" "$seconds"
echo "resident memory after the second run: $(rss)"
echo "without kept answers (--cache 0), for comparison"
kill $server; wait $server 2>/dev/null || true
: > "$log"
target/release/kamervragen serve "$corpus" --quiet --bind "127.0.0.1:$port" --timeout 60 --cache 0 > "$log" 2>&1 &
server=$!
until grep -q "^serving" "$log"; do
  kill -0 $server 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 1
done
target/release/load "http://127.0.0.1:$port" "$clients" "$seconds"
echo "resident memory after the run without kept answers: $(rss)"
