#!/usr/bin/env bash
# Runs Quiver's ports of Tremor 0.11's benchmarks and prints a markdown table.
#
#   bench/run.sh [NAME...]        default: passthrough-string passthrough-json passthrough-msgpack
#                                          passthrough-two-inputs ws-throughput
# Environment:
#   WARMUP=10 DURATION=40          blackhole warmup_secs / stop_after_secs (Tremor's CI used 10/100)
#   QUIVER_JAR=...                 the jar to run (default quiver-server/target/quiver.jar)
#   QUIVER_JAVA_OPTS="..."         JVM options (default: none)
#   OUT=file.md                    also append the table to this file
# Must run from anywhere inside the checkout; the deployments read ../shared/data relative to the
# repository root, so that is the working directory of each run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
quiver_find_java
jar=${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}
[ -f "$jar" ] || { echo "run.sh: $jar is missing: build it with ./mvnw -B -q -o -pl quiver-server -am package -DskipTests" >&2; exit 1; }
warmup=${WARMUP:-10}
duration=${DURATION:-40}
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(passthrough-string passthrough-json passthrough-msgpack passthrough-two-inputs ws-throughput)
work=$(mktemp -d "${TMPDIR:-/tmp}/quiver-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

table="| benchmark | MB/s | k events/s | p50 µs | p99 µs | p99.9 µs | max µs |
|---|---|---|---|---|---|---|"
cd "$root"
for name in "${names[@]}"; do
  src=$root/bench/$name
  [ -d "$src" ] || { echo "run.sh: no benchmark $name (no directory bench/$name)" >&2; exit 1; }
  dir=$work/$name
  mkdir -p "$dir"
  cp "$src"/*.trickle "$dir"/
  sed -e "s/warmup_secs: [0-9]*/warmup_secs: $warmup/" -e "s/stop_after_secs: [0-9]*/stop_after_secs: $duration/" \
    "$src/config.yaml" > "$dir/config.yaml"
  echo "== $name (warmup $warmup s, measure $duration s)" >&2
  # shellcheck disable=SC2086
  timeout $((warmup + duration + 60)) java ${QUIVER_JAVA_OPTS:-} -jar "$jar" server run --no-api \
    -f "$dir"/*.trickle "$dir/config.yaml" > "$dir/out.txt" 2> "$dir/err.txt" || {
    echo "run.sh: $name failed (exit $?); stderr:" >&2; tail -20 "$dir/err.txt" >&2; continue; }
  grep -E "Throughput|Mean|Max" "$dir/out.txt" >&2 || true
  mbs=$(sed -n 's/^Throughput (data): \([0-9.]*\) MB\/s/\1/p' "$dir/out.txt")
  keps=$(sed -n 's/^Throughput (events): \([0-9.]*\) k events\/s/\1/p' "$dir/out.txt")
  # percentile lines: value(ns) percentile count 1/(1-p); pick the first line at or above each percentile
  pct() { awk -v p="$1" '$2 ~ /^[0-9.]+$/ && $2 >= p { printf "%.1f", $1 / 1000; exit }' "$dir/out.txt"; }
  max=$(sed -n 's/.*Max *= *\([0-9.]*\),.*/\1/p' "$dir/out.txt" | awk '{ printf "%.1f", $1 / 1000 }')
  table+="
| $name | $mbs | $keps | $(pct 0.5) | $(pct 0.99) | $(pct 0.999) | $max |"
done
echo "$table"
if [ -n "${OUT:-}" ]; then echo "$table" >> "$OUT"; fi
