#!/usr/bin/env bash
# End-to-end benchmark of the command line on generated corpora, in one run, as ratios.
#
#   benches/run.sh [SIZES…]        (default: 1000 10000 100000)
#
# For each size N: generate N documents (seed 1), then under /usr/bin/time -v
#   - export to N-Quads and to Turtle (streaming, no store): seconds, peak RSS
#   - oxigraph's own floor on the same N-Quads: read and write it again; bulk-load it, as it
#     is and as the store holds it (each quad also in the default graph, the merge)
#   - load into the store and run every file in queries/ (medians of five)
# and print one table row per size. Ratios (export ÷ floor, load ÷ bulk load of the same
# store's quads, cost per
# document against the smallest size) are what to compare: timings here are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000 100000); fi
out=target/bench
mkdir -p "$out"
cargo build --release --quiet --bin kamervragen --example generate --example nquads_floor --example query_times
bin=target/release/kamervragen

measure() { # label, then the command; prints "seconds peak_kb"
  local log="$out/time.log"
  /usr/bin/time -v "$@" > /dev/null 2> "$log" || { cat "$log" >&2; exit 1; }
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  echo "$wall $rss"
}

printf '%8s %8s %9s %10s %10s %9s %9s %11s %10s %9s %8s %9s %9s %10s %9s\n' \
  docs MB quads nq_s nq_rss_MB ttl_s ttl_MB floor_rt_s nq/floor load_s bulk_s bulkm_s load/bulkm docs/s slowest_q
for n in "${sizes[@]}"; do
  corpus="$out/corpus-$n"
  [ -d "$corpus" ] || target/release/examples/generate --count "$n" --seed 1 --out "$corpus" > /dev/null
  mb=$(du -sm "$corpus" | awk '{print $1}')
  read -r nq_s nq_kb < <(measure "$bin" export "$corpus" -f nquads -o "$out/$n.nq")
  read -r ttl_s ttl_kb < <(measure "$bin" export "$corpus" -f turtle -o "$out/$n.ttl")
  quads=$(wc -l < "$out/$n.nq")
  floor=$(target/release/examples/nquads_floor "$out/$n.nq")
  rt=$(echo "$floor" | awk '/^roundtrip/ {print $2}')
  bulk=$(echo "$floor" | awk '/^bulk_load / {print $2}')
  bulkm=$(echo "$floor" | awk '/^bulk_load_merged / {print $2}')
  times=$(target/release/examples/query_times "$corpus")
  load=$(echo "$times" | awk '/^load/ {print $2}')
  slowest=$(echo "$times" | awk '!/^load/ {print $2}' | sort -g | tail -1)
  echo "$times" > "$out/queries-$n.txt"
  awk -v n="$n" -v mb="$mb" -v q="$quads" -v nq="$nq_s" -v nqk="$nq_kb" -v ttl="$ttl_s" -v ttlk="$ttl_kb" \
      -v rt="$rt" -v load="$load" -v bulk="$bulk" -v bulkm="$bulkm" -v slow="$slowest" 'BEGIN {
    printf "%8d %8d %9d %10.2f %10.0f %9.2f %9.0f %11.2f %10.2f %9.2f %8.2f %9.2f %9.2f %10.0f %9.3f\n",
      n, mb, q, nq, nqk/1024, ttl, ttlk/1024, rt, nq/rt, load, bulk, bulkm, load/bulkm, n/nq, slow }'
done
