#!/usr/bin/env bash
# A/B of two Quiver jars as the HTTP proxy of bench/http-proxy (rest onramp -> rest offramp ->
# nginx upstream), for changes to the proxy's per-request work on a machine others share: both
# proxies run at once pinned to CPU 1 (only one is loaded at a time), the upstream nginx and the
# load tool on CPU 0; ROUNDS rounds alternate the order (A B, B A, ...), each a closed-loop
# h2load --h1 -m1 run of DURATION s per proxy, connection count and size. Per run: requests/s
# and the proxy's CPU microseconds per request (utime+stime from /proc/PID/stat over the run).
# Prints one line per run and the mean per jar; the ratio B/A of CPU per request is the figure,
# then each proxy's peak RSS (VmHWM) after the timed rounds.
# Then, unless ALLOC_REQUESTS=0, the bytes each proxy allocates per request (all its threads, from
# JFR's jdk.ThreadAllocationStatistics at the start and end of a recording around a fixed count of
# ALLOC_REQUESTS requests, 64 connections, per size): deterministic, unlike CPU time on a busy box.
# To A/B two JVM option sets of one jar (e.g. -Dquiver.transport=io_uring against epoll), pass the
# same jar twice and set QUIVER_JAVA_OPTS_A / QUIVER_JAVA_OPTS_B (added after QUIVER_JAVA_OPTS).
# TOOLS="h2load wrk" also runs each row with `wrk -t1` (closed loop, same connections).
# Usage: bench/http-proxy-ab.sh A.jar B.jar
# Environment: ROUNDS=4 DURATION=5 WARMUP=10 CONNECTIONS="64 256" SIZES="small 16k" TOOLS=h2load
#   ALLOC_REQUESTS=50000 QUIVER_JAVA_OPTS (as bench/http-proxy-compare.sh) QUIVER_JAVA_OPTS_A
#   QUIVER_JAVA_OPTS_B
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
quiver_find_java
. "$root/bench/lib/ab.sh"
ab_options 4 10 "$@"
ALLOC_REQUESTS=${ALLOC_REQUESTS:-50000}
CONNECTIONS=${CONNECTIONS:-"64 256"}
SIZES=${SIZES:-"small 16k"}
TOOLS=${TOOLS:-h2load}
PATH=$PATH:/usr/sbin
for c in nginx $TOOLS; do command -v $c > /dev/null || { echo "http-proxy-ab: $c is missing" >&2; exit 1; }; done
UPSTREAM_PORT=${UPSTREAM_PORT:-18160}
. "$root/bench/lib/ports.sh"
. "$root/bench/lib/proc.sh"
. "$root/bench/lib/http-proxy.sh"
http_bench_setup http-ab

http_bench_start_upstream "$UPSTREAM_PORT"
http_bench_java_opts
declare -A pid port
for v in a b; do
  port[$v]=$(ab_port "$v" "$UPSTREAM_PORT")
  mkdir -p "$work/$v"
  http_bench_proxy_config "${port[$v]}" "$UPSTREAM_PORT" "$work/$v/proxy.yaml"
  # shellcheck disable=SC2086
  taskset -c 1 java $(quiver_jvm_defaults) ${QUIVER_JAVA_OPTS:-} ${ab_opts[$v]} -jar "${ab_jar[$v]}" server run --no-api \
    -f "$work"/*.trickle "$work/$v/proxy.yaml" > "$work/$v/quiver.log" 2>&1 &
  pid[$v]=$!; pids+=("${pid[$v]}")
  wait_port "${port[$v]}"
done
load() { # variant connections size seconds [tool] : prints "requests"
  if [ "${5:-h2load}" = wrk ]; then
    taskset -c 0 wrk -t1 -c"$2" -d"$4s" "http://127.0.0.1:${port[$1]}/$3" 2>&1 |
      awk '/ requests in / { print $1 + 0 }'
  else
    taskset -c 0 h2load --h1 -t1 -c"$2" -m1 -D"$4" "http://127.0.0.1:${port[$1]}/$3" 2>&1 |
      awk '/^requests:/ { print $8 + 0 }'
  fi
}
for v in a b; do for s in $SIZES; do load "$v" 64 "$s" "$WARMUP" > /dev/null; done; done
declare -A sum_us sum_rps runs
for r in $(seq 1 "$ROUNDS"); do
  order="a b"; [ $((r % 2)) = 0 ] && order="b a"
  for tool in $TOOLS; do for c in $CONNECTIONS; do for s in $SIZES; do for v in $order; do
    t0=$(cpu_ticks "${pid[$v]}"); n=$(load "$v" "$c" "$s" "$DURATION" "$tool"); t1=$(cpu_ticks "${pid[$v]}")
    us=$(awk -v t=$((t1 - t0)) -v k="$tick" -v n="$n" 'BEGIN { printf "%.1f", (n > 0 ? t / k * 1e6 / n : 0) }')
    rps=$((n / DURATION))
    echo "round $r $v $tool c=$c $s: $rps req/s, $us CPU-us/request"
    key="$v $tool $c $s"
    sum_us[$key]=$(awk -v a="${sum_us[$key]:-0}" -v b="$us" 'BEGIN { print a + b }')
    sum_rps[$key]=$(( ${sum_rps[$key]:-0} + rps ))
    runs[$key]=$(( ${runs[$key]:-0} + 1 ))
  done; done; done; done
done
[ "$ROUNDS" -gt 0 ] && echo "mean over $ROUNDS rounds (A=$jar_a, B=$jar_b):"
[ "$ROUNDS" -gt 0 ] && for tool in $TOOLS; do for c in $CONNECTIONS; do for s in $SIZES; do
  a="a $tool $c $s"; b="b $tool $c $s"
  awk -v ua="${sum_us[$a]}" -v ub="${sum_us[$b]}" -v ra="${sum_rps[$a]}" -v rb="${sum_rps[$b]}" -v n="$ROUNDS" -v c="$c" -v s="$s" -v t="$tool" \
    'BEGIN { printf "%s c=%s %s: A %.1f us/req %d req/s | B %.1f us/req %d req/s | B/A CPU per request %.2f, req/s %.2f\n", t, c, s, ua / n, ra / n, ub / n, rb / n, ub / ua, rb / ra }'
done; done; done
for v in a b; do # peak resident memory so far (VmHWM), for JVM option A/Bs that trade memory for CPU
  echo "peak RSS $v: $(peak_rss_mb "${pid[$v]}") MB"
done

[ "$ALLOC_REQUESTS" -gt 0 ] || exit 0
command -v jcmd > /dev/null || PATH=$(dirname "$(command -v java)"):$PATH
allocated() { # jfr file : bytes allocated over the recording by all threads, then by event loops
  # exact byte counts from the JSON form (the text form rounds to 0.1 GB once a thread passed 1 GB)
  jfr print --json --events jdk.ThreadAllocationStatistics "$1" |
    awk '/"allocated":/ { b = $2; gsub(/[^0-9]/, "", b); b += 0; getline; getline; getline; getline;
           t = $0; if (!(t in lo) || b < lo[t]) lo[t] = b; if (b > hi[t]) hi[t] = b }
         END { s = 0; l = 0; for (t in hi) { s += hi[t] - lo[t]; if (t ~ /quiver-ws-/) l += hi[t] - lo[t] }
               printf "%.0f %.0f\n", s, l }'
}
for s in $SIZES; do for v in a b; do
  jcmd "${pid[$v]}" JFR.start name=ab settings=default > /dev/null
  taskset -c 0 h2load --h1 -t1 -c64 -m1 -n"$ALLOC_REQUESTS" "http://127.0.0.1:${port[$v]}/$s" > /dev/null 2>&1
  jcmd "${pid[$v]}" JFR.stop name=ab filename="$work/$v.jfr" > /dev/null
  read -r bytes loops < <(allocated "$work/$v.jfr")
  echo "allocation $v $s: $((bytes / ALLOC_REQUESTS)) bytes/request, $((loops / ALLOC_REQUESTS)) of them on the event loops ($ALLOC_REQUESTS requests)"
done; done
