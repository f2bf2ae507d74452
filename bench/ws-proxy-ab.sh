#!/usr/bin/env bash
# A/B of two Quiver jars as the websocket proxy of bench/ws-proxy (ws onramp -> ws offramp ->
# `quiver bench echo`), for changes to the proxy's per-message work on a machine others share: both
# proxies run at once pinned to CPU 1 (only one is loaded at a time), the echo and the load tool
# (`quiver bench ws`) on CPU 0, as in bench/ws-proxy-compare.sh. After WARMUP s of load per size
# through each proxy (the JIT compiles there), ROUNDS rounds alternate the order (A B, B A, ...);
# each runs every row for DURATION s per proxy. A row is "connections:in_flight:size:rate" (rate 0:
# closed loop; else msgs/s in total, open loop). Per run: msgs/s and the proxy's CPU microseconds per
# message (utime+stime from /proc/PID/stat over the run, divided by the replies received). Prints
# one line per run and the mean per jar and row; the ratio B/A of CPU per message is the figure.
# To A/B two JVM option sets of one jar (e.g. -Dquiver.transport=io_uring against epoll), pass the
# same jar twice and set QUIVER_JAVA_OPTS_A / QUIVER_JAVA_OPTS_B (added after QUIVER_JAVA_OPTS;
# the echo and the load tool get neither). PROXY_CPUS=0,1 runs the proxies unpinned (on both CPUs,
# sharing CPU 0 with the echo and the load tool), e.g. to A/B -Dquiver.ws.threads=1 against 2.
# Usage: bench/ws-proxy-ab.sh A.jar B.jar
# Environment: ROUNDS=2 DURATION=5 WARMUP=5
#   ROWS="16:16:64:0 16:16:4096:0 16:16:64:150000 16:16:4096:12000"
#   QUIVER_JAVA_OPTS (as bench/ws-proxy-compare.sh) QUIVER_JAVA_OPTS_A QUIVER_JAVA_OPTS_B PROXY_CPUS=1
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
quiver_find_java
. "$root/bench/lib/ab.sh"
. "$root/bench/lib/ports.sh"
. "$root/bench/lib/proc.sh"
ab_options 2 5 "$@"
ROWS=${ROWS:-"16:16:64:0 16:16:4096:0 16:16:64:150000 16:16:4096:12000"}
ECHO_PORT=${ECHO_PORT:-18439}
PROXY_CPUS=${PROXY_CPUS:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/ws-ab.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true
taskset -c 0 java -jar "$jar_a" bench echo --port "$ECHO_PORT" > "$work/echo.log" 2>&1 &
pids+=($!)
wait_port "$ECHO_PORT"
cp "$root"/bench/ws-proxy/*.trickle "$work/"
declare -A pid port
for v in a b; do
  port[$v]=$(ab_port "$v" "$ECHO_PORT")
  mkdir -p "$work/$v"
  sed -e "s/port: 9139/port: ${port[$v]}/" -e "s#ws://127.0.0.1:8139/#ws://127.0.0.1:$ECHO_PORT/#" \
    "$root/bench/ws-proxy/config.yaml" > "$work/$v/proxy.yaml"
  # shellcheck disable=SC2086
  taskset -c "$PROXY_CPUS" java $(quiver_jvm_defaults) ${QUIVER_JAVA_OPTS:-} ${ab_opts[$v]} -jar "${ab_jar[$v]}" server run --no-api \
    -f "$work"/*.trickle "$work/$v/proxy.yaml" > "$work/$v/quiver.log" 2>&1 &
  pid[$v]=$!
  pids+=("${pid[$v]}")
  wait_port "${port[$v]}"
done
load() { # variant connections in_flight size rate seconds : prints "replies errors"
  local extra=()
  [ "$5" != 0 ] && extra=(--rate "$5")
  taskset -c 0 java -jar "$jar_a" bench ws --url "ws://127.0.0.1:${port[$1]}/" --connections "$2" \
    --in-flight "$3" --size "$4" --duration "$6" --warmup 0 "${extra[@]}" 2>&1 |
    sed -n 's/^result:.* errors=\([0-9-]*\).* received_total=\([0-9]*\).*/\2 \1/p'
}
sizes=$(for row in $ROWS; do IFS=: read -r _ _ s _ <<< "$row"; echo "$s"; done | sort -un)
for v in a b; do for s in $sizes; do load "$v" 16 16 "$s" 0 "$WARMUP" > /dev/null; done; done
declare -A sum_us sum_rate
for r in $(seq 1 "$ROUNDS"); do
  order="a b"
  [ $((r % 2)) = 0 ] && order="b a"
  for row in $ROWS; do
    IFS=: read -r c k s rate <<< "$row"
    for v in $order; do
      t0=$(cpu_ticks "${pid[$v]}")
      read -r n errors < <(load "$v" "$c" "$k" "$s" "$rate" "$DURATION" || true)
      t1=$(cpu_ticks "${pid[$v]}")
      n=${n:-0}
      us=$(awk -v t=$((t1 - t0)) -v k="$tick" -v n="$n" 'BEGIN { printf "%.2f", (n > 0 ? t / k * 1e6 / n : 0) }')
      mps=$((n / DURATION))
      echo "round $r $v $row: $mps msgs/s, $us CPU-us/msg ($((t1 - t0)) ticks, errors ${errors:-?})"
      sum_us["$v $row"]=$(awk -v a="${sum_us["$v $row"]:-0}" -v b="$us" 'BEGIN { print a + b }')
      sum_rate["$v $row"]=$((${sum_rate["$v $row"]:-0} + mps))
    done
  done
done
echo "mean over $ROUNDS rounds (A=$jar_a, B=$jar_b; rows connections:in_flight:size:rate):"
for row in $ROWS; do
  awk -v ua="${sum_us["a $row"]}" -v ub="${sum_us["b $row"]}" -v ra="${sum_rate["a $row"]}" \
    -v rb="${sum_rate["b $row"]}" -v n="$ROUNDS" -v row="$row" \
    'BEGIN { printf "%s: A %.2f us/msg %d msgs/s | B %.2f us/msg %d msgs/s | B/A CPU per message %.2f\n", row, ua / n, ra / n, ub / n, rb / n, (ua > 0 ? ub / ua : 0) }'
done
