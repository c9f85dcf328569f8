#!/usr/bin/env bash
# End-to-end benchmark of the command line on generated corpora, in one run, as ratios.
#
#   bench/run.sh [SIZES…]        (default: 1000 10000 100000)
#
# For each size N: generate N documents (seed 1), then under /usr/bin/time -v
#   - export to N-Quads and to Turtle (streaming, no store): seconds (median of three), peak RSS;
#     N-Quads also to /dev/null, to tell the export's own cost from the disk's
#   - oxigraph's own floor on the same N-Quads: read and write it again (median of three);
#     bulk-load it into an in-memory store, which then holds what a load's store holds
#   - load into the store (median of three), then once more and run every file in queries/
#     (medians of five)
# and print a markdown table (a row per stage and size: seconds, documents/s, quads/s, input
# MB/s, peak RSS), then the ratios per size (export ÷ floor, load ÷ bulk load, cost per
# document): compare those, timings here are noisy. The queries' medians are in
# target/bench/queries-N.txt.
#
# Each load, ours or oxigraph's, is a process of its own that starts after a pause (`settle`):
# this machine is a virtual one, and memory a process frees goes back to the host within a
# second or two, after which touching it again costs several times what touching memory just
# freed does (docs/performance.md, Method). Without the pause a load's time would depend on what ran
# just before it: a load of 10,000 documents right after another takes 2.3 s, and 3.7 s
# after a pause, which is what a load of 100,000 documents pays for nearly all its memory.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000 100000); fi
out=target/bench
mkdir -p "$out" "$out/no-queries"
cargo build --release --quiet --workspace --bins
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

settle() { sleep 5; }

# The load, three times, each a process of its own after a pause: prints "seconds peak_kb", the
# median and the largest resident set. Then once more with the queries, to queries-N.txt.
measure_load() { # corpus, n
  local runs=() rss=0 kb
  for _ in 1 2 3; do
    settle
    KAMERVRAGEN_QUERIES="$out/no-queries" /usr/bin/time -v target/release/query_times "$1" > "$out/load.txt" 2> "$out/time.log"
    runs+=("$(awk '/^load/ {print $2}' "$out/load.txt")")
    kb=$(grep "Maximum resident set size" "$out/time.log" | awk '{print $NF}')
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  settle
  target/release/query_times "$1" > "$out/queries-$2.txt"
  echo "$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p) $rss"
}

# oxigraph's bulk loader on the N-Quads file, as `measure_load` runs a load: prints the median.
measure_bulk_load() { # file
  local runs=()
  for _ in 1 2 3; do
    settle
    runs+=("$(target/release/nquads_floor "$1" bulk_load | awk '{print $2}')")
  done
  printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p
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
  [ -d "$corpus" ] || target/release/generate --count "$n" --seed 1 --out "$corpus" > /dev/null
  mb=$(du -sm "$corpus" | awk '{print $1}')
  read -r nq_s nq_kb < <(measure "$bin" export "$corpus" -f nquads --quiet -o "$out/$n.nq")
  read -r null_s null_kb < <(measure "$bin" export "$corpus" -f nquads --quiet -o /dev/null)
  read -r ttl_s ttl_kb < <(measure "$bin" export "$corpus" -f turtle --quiet -o "$out/$n.ttl")
  quads=$(wc -l < "$out/$n.nq")
  rt=$(target/release/nquads_floor "$out/$n.nq" | awk '/^roundtrip/ {print $2}')
  bulk=$(measure_bulk_load "$out/$n.nq")
  read -r load load_kb < <(measure_load "$corpus" "$n")
  slowest=$(awk '!/^load/ {print $2}' "$out/queries-$n.txt" | sort -g | tail -1)
  row "$n" "export to N-Quads" "$nq_s" "$nq_kb" "$mb" "$quads"
  row "$n" "export to N-Quads, to /dev/null" "$null_s" "$null_kb" "$mb" "$quads"
  row "$n" "export to Turtle" "$ttl_s" "$ttl_kb" "$mb" "$quads"
  row "$n" "oxigraph: read and write the N-Quads (floor)" "$rt" - "$mb" "$quads"
  row "$n" "load into the store" "$load" "$load_kb" "$mb" "$quads"
  row "$n" "oxigraph: bulk-load the N-Quads" "$bulk" - "$mb" "$quads"
  summary+=("$(awk -v n="$n" -v nq="$nq_s" -v null="$null_s" -v rt="$rt" -v load="$load" -v bulk="$bulk" -v slow="$slowest" 'BEGIN {
    printf "%d documents: export ÷ floor %.2f, load ÷ bulk load %.2f, s per 1,000 documents: export %.3f (to /dev/null %.3f), load %.3f, bulk load %.3f; slowest query %.3f s", n, nq / rt, load / bulk, nq / n * 1000, null / n * 1000, load / n * 1000, bulk / n * 1000, slow }')")
done
echo
printf '%s\n' "${summary[@]}"
