#!/usr/bin/env bash
# End-to-end benchmark of the command line on generated corpora, in one run, as ratios.
#
#   benches/run.sh [SIZES…]        (default: 1000 10000 100000)
#
# For each size N: generate N documents (seed 1), then under /usr/bin/time -v
#   - export to N-Quads and to Turtle (streaming, no store): seconds (median of three), peak RSS;
#     N-Quads also to /dev/null, to tell the export's own cost from the disk's
#   - oxigraph's own floor on the same N-Quads: read and write it again; bulk-load it, as it
#     is and as the store holds it (each quad also in the default graph, the merge)
#   - load into the store and run every file in queries/ (medians of five)
# and print a markdown table (a row per stage and size: seconds, documents/s, quads/s, input
# MB/s, peak RSS), then the ratios per size (export ÷ floor, load ÷ bulk load of the same
# store's quads, export cost per document): compare those, timings here are noisy. The
# queries' medians are in target/bench/queries-N.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000 100000); fi
out=target/bench
mkdir -p "$out"
cargo build --release --quiet --bin kamervragen --example generate --example nquads_floor --example query_times
bin=target/release/kamervragen

# The command three times, as oxigraph's floor is measured: prints "seconds peak_kb", the
# median of the wall-clock times and the largest resident set. (One run alone can be a third
# off: the first read of a corpus, or a sync that waits on the disk.)
measure() {
  local log="$out/time.log" runs=()
  local wall rss=0 peak
  for _ in 1 2 3; do
    /usr/bin/time -v "$@" > /dev/null 2> "$log" || { cat "$log" >&2; exit 1; }
    wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    peak=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
    runs+=("$wall")
    [ "$peak" -gt "$rss" ] && rss=$peak
  done
  echo "$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p) $rss"
}

# One markdown row per stage and size: seconds, documents/s, quads/s, input MB/s, peak RSS.
row() { # docs, stage, seconds, rss_kb (or -), mb, quads
  awk -v n="$1" -v stage="$2" -v s="$3" -v kb="$4" -v mb="$5" -v q="$6" 'BEGIN {
    rss = (kb == "-") ? "" : sprintf("%.0f", kb / 1024)
    printf "| %d | %s | %.2f | %.0f | %.0f | %.1f | %s |\n", n, stage, s, n / s, q / s, mb / s, rss }'
}
echo "| docs | stage | s | docs/s | quads/s | input MB/s | peak RSS MB |"
echo "|---:|---|---:|---:|---:|---:|---:|"
summary=()
for n in "${sizes[@]}"; do
  corpus="$out/corpus-$n"
  [ -d "$corpus" ] || target/release/examples/generate --count "$n" --seed 1 --out "$corpus" > /dev/null
  mb=$(du -sm "$corpus" | awk '{print $1}')
  read -r nq_s nq_kb < <(measure "$bin" export "$corpus" -f nquads --quiet -o "$out/$n.nq")
  read -r null_s null_kb < <(measure "$bin" export "$corpus" -f nquads --quiet -o /dev/null)
  read -r ttl_s ttl_kb < <(measure "$bin" export "$corpus" -f turtle --quiet -o "$out/$n.ttl")
  quads=$(wc -l < "$out/$n.nq")
  floor=$(target/release/examples/nquads_floor "$out/$n.nq")
  rt=$(echo "$floor" | awk '/^roundtrip/ {print $2}')
  bulkm=$(echo "$floor" | awk '/^bulk_load_merged / {print $2}')
  # The store's peak is the load's: the queries after it hold little more.
  /usr/bin/time -v target/release/examples/query_times "$corpus" > "$out/queries-$n.txt" 2> "$out/time.log"
  load_kb=$(grep "Maximum resident set size" "$out/time.log" | awk '{print $NF}')
  load=$(awk '/^load/ {print $2}' "$out/queries-$n.txt")
  slowest=$(awk '!/^load/ {print $2}' "$out/queries-$n.txt" | sort -g | tail -1)
  row "$n" "export to N-Quads" "$nq_s" "$nq_kb" "$mb" "$quads"
  row "$n" "export to N-Quads, to /dev/null" "$null_s" "$null_kb" "$mb" "$quads"
  row "$n" "export to Turtle" "$ttl_s" "$ttl_kb" "$mb" "$quads"
  row "$n" "oxigraph: read and write the N-Quads (floor)" "$rt" - "$mb" "$quads"
  row "$n" "load into the store" "$load" "$load_kb" "$mb" "$quads"
  row "$n" "oxigraph: bulk-load the store's quads" "$bulkm" - "$mb" "$quads"
  summary+=("$(awk -v n="$n" -v nq="$nq_s" -v null="$null_s" -v rt="$rt" -v load="$load" -v bulkm="$bulkm" -v slow="$slowest" 'BEGIN {
    printf "%d documents: export ÷ floor %.2f, load ÷ bulk load %.2f, export s per 1,000 documents %.3f (to /dev/null %.3f), slowest query %.3f s", n, nq / rt, load / bulkm, nq / n * 1000, null / n * 1000, slow }')")
done
echo
printf '%s\n' "${summary[@]}"
