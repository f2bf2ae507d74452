#!/usr/bin/env bash
# Where the Quiver websocket proxy spends its CPU and allocates: `quiver bench echo` (CPU 0), the
# proxy (bench/ws-proxy, CPU 1) and `quiver bench ws` (CPU 0, CONNECTIONS x INFLIGHT), as in
# bench/ws-proxy-compare.sh. The proxy runs with a JFR recording (settings=profile: execution and
# allocation samples) and, when `perf` is installed, is sampled by `perf record -g` (kernel, JVM and
# JIT-compiled frames; symbols from `jcmd <pid> Compiler.perfmap`). Writes summaries to OUT:
#   perf-threads.txt, perf-dso.txt, perf-self.txt   (perf: by thread, by library, top self frames)
#   perf-syscalls.txt                                (perf stat: syscalls by kind, context switches
#                                                     and CPU of the proxy during the sampled seconds)
#   jfr-hot-methods.txt, jfr-allocation-by-site.txt, jfr-allocation-by-class.txt,
#   jfr-alloc-ws-thread.txt (allocation samples of the event-loop threads with their top frames)
#   bench.txt                                        (the load's report)
#   bench/ws-profile.sh [RATE]    RATE 0 (default): closed loop; otherwise msgs/s, open loop;
#                                 `idle`: no load at all (what the proxy costs per idle second)
# Environment: SIZE=64, CONNECTIONS=16, INFLIGHT=16, WARMUP=6 (s before sampling), DURATION=8
#   (s sampled), OUT=ws-profile-<mode>, KEEP (set: also keep proxy.jfr and perf.data in OUT),
#   QUIVER_JAR, QUIVER_JAVA_OPTS (proxy JVM options, after the launcher's defaults, see
#   bin/lib/java.sh), ECHO_PORT=18339, PROXY_PORT=18341.
# Also written: perf-jvm-threads.txt (the JVM's own threads by top frame: GC on the VM thread),
#   jfr-gc.txt (collections by name and cause with their summed pauses), jfr-gc-pauses.txt.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
. "$root/bench/lib/ports.sh"
quiver_find_java
jar=${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}
rate=${1:-0}
size=${SIZE:-64}
warmup=${WARMUP:-6}
duration=${DURATION:-8}
mode=$(case $rate in 0) echo closed ;; idle) echo idle ;; *) echo "open-$rate" ;; esac)
out=$(mkdir -p "${OUT:-ws-profile-$mode}" && cd "${OUT:-ws-profile-$mode}" && pwd -P)
echo_port=${ECHO_PORT:-18339}
proxy_port=${PROXY_PORT:-18341}
work=$(mktemp -d "${TMPDIR:-/tmp}/ws-profile.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true

taskset -c 0 java -jar "$jar" bench echo --port "$echo_port" > "$work/echo.log" 2>&1 & pids+=($!)
cp "$root"/bench/ws-proxy/*.trickle "$work/"
sed -e "s/port: 9139/port: $proxy_port/" -e "s#ws://127.0.0.1:8139/#ws://127.0.0.1:$echo_port/#" \
  "$root/bench/ws-proxy/config.yaml" > "$work/proxy.yaml"
wait_port "$echo_port"
# shellcheck disable=SC2086 # QUIVER_JAVA_OPTS holds several words on purpose
taskset -c 1 java -XX:+PreserveFramePointer $(quiver_jvm_defaults) ${QUIVER_JAVA_OPTS:-} \
  -XX:StartFlightRecording=settings=profile,filename="$work/proxy.jfr" \
  -jar "$jar" server run --no-api -f "$work"/*.trickle "$work/proxy.yaml" > "$work/proxy.log" 2>&1 &
proxy=$!; pids+=("$proxy")
wait_port "$proxy_port"
load=(--connections "${CONNECTIONS:-16}" --in-flight "${INFLIGHT:-16}" --size "$size" --warmup "$warmup" --duration $((duration + 2)))
case $rate in 0 | idle) ;; *) load+=(--rate "$rate") ;; esac
if [ "$rate" = idle ]; then
  (sleep $((warmup + duration + 2)); echo "result: msgs_per_s=0 (idle: no load)") > "$out/bench.txt" &
else
  taskset -c 0 java -jar "$jar" bench ws --url "ws://127.0.0.1:$proxy_port/" "${load[@]}" > "$out/bench.txt" 2>&1 &
fi
bench=$!
sleep "$warmup"
if command -v perf > /dev/null; then
  jcmd "$proxy" Compiler.perfmap > /dev/null
  # syscalls and context switches counted over the same seconds as the samples (tracepoints: cheap)
  sc=syscalls:sys_enter_
  perf stat -x, -e raw_syscalls:sys_enter,context-switches,task-clock \
    -e "${sc}epoll_pwait2,${sc}epoll_pwait,${sc}epoll_wait,${sc}epoll_ctl,${sc}read,${sc}readv" \
    -e "${sc}recvfrom,${sc}write,${sc}writev,${sc}sendto,${sc}futex,${sc}timerfd_settime" \
    -p "$proxy" -o "$work/stat.txt" -- sleep "$duration" > /dev/null 2>&1 &
  stat_pid=$!
  perf record -F 1999 -g -p "$proxy" -o "$work/perf.data" -- sleep "$duration" > /dev/null 2>&1
  wait "$stat_pid" || true
  jcmd "$proxy" Compiler.perfmap > /dev/null
  report() { perf report -i "$work/perf.data" --stdio -g none "$@" 2>/dev/null | grep -v '^#' | grep '%' | sed -E 's/\[JIT\] tid [0-9]+/[JIT]/; s/ +/ /g' || true; }
  report --no-children --sort comm > "$work/t.txt"; head -10 "$work/t.txt" > "$out/perf-threads.txt"
  report --no-children --sort dso > "$work/t.txt"; head -10 "$work/t.txt" > "$out/perf-dso.txt"
  report --no-children --sort dso,symbol > "$work/t.txt"; head -60 "$work/t.txt" | cut -c1-200 > "$out/perf-self.txt"
  # the JVM's own threads (GC on the VM thread, the compilers) by their top frames
  report --no-children --sort comm,dso,symbol > "$work/t.txt"
  # (awk reads to the end: `grep | head` died of SIGPIPE under pipefail on a long report)
  awk '!/ quiver-ws/ && n++ < 30' "$work/t.txt" | cut -c1-200 > "$out/perf-jvm-threads.txt"
else
  echo "ws-profile: perf is not installed: JFR only" >&2
fi
wait "$bench"
if [ -f "$work/stat.txt" ]; then
  # per message: the load's msgs/s times the sampled seconds
  msgs=$(sed -n 's/^result: msgs_per_s=\([0-9.]*\).*/\1/p' "$out/bench.txt" | awk -v d="$duration" '{ printf "%.0f", $1 * d }')
  awk -F, -v m="${msgs:-0}" -v d="$duration" 'NF > 2 && $1 ~ /^[0-9.]+$/ {
      n = $3; sub(/^syscalls:sys_enter_/, "", n)
      if (n == "task-clock") printf "%-22s %12.0f ms   %8.2f µs per message  %5.1f%% of a CPU\n", n, $1, (m ? 1000 * $1 / m : 0), $1 / (10 * d)
      else printf "%-22s %12.0f   %8.3f per message  %10.0f per second\n", n, $1, (m ? $1 / m : 0), $1 / d }' \
    "$work/stat.txt" > "$out/perf-syscalls.txt"
  echo "messages: ${msgs:-0} in ${duration} s (the load's msgs/s x the sampled seconds)" >> "$out/perf-syscalls.txt"
fi
jcmd "$proxy" JFR.dump filename="$work/proxy.jfr" > /dev/null
for view in hot-methods allocation-by-site allocation-by-class gc-pauses; do
  jfr view --width 200 "$view" "$work/proxy.jfr" > "$out/jfr-$view.txt"
done
# allocation samples of the event-loop threads only, by class and the top five frames
jfr print --events jdk.ObjectAllocationSample --stack-depth 5 "$work/proxy.jfr" | awk '
  /^jdk.ObjectAllocationSample/ { cls = ""; w = 0; st = ""; ws = 0; n = 0 }
  /objectClass =/ { cls = $3 }
  /weight =/ { w = $3 * ($4 == "kB" ? 1e3 : $4 == "MB" ? 1e6 : $4 == "GB" ? 1e9 : 1) }
  /eventThread = "quiver-ws/ { ws = 1 }
  /line:/ && n < 5 { sub(/^ +/, ""); sub(/\(.*/, ""); st = st (n ? " <- " : "") $0; n++ }
  /^}/ && ws { sum[cls " " st] += w; total += w }
  END { for (k in sum) printf "%5.1f%% %s\n", 100 * sum[k] / total, k }' | sort -rn > "$work/t.txt"
head -30 "$work/t.txt" > "$out/jfr-alloc-ws-thread.txt"
# collections by name and cause, with their summed pause (the VM thread's share of the CPU)
jfr print --events jdk.GarbageCollection "$work/proxy.jfr" | awk '
  /name =/ { n = $3 } /cause =/ { sub(/.*cause = /, ""); c = $0 }
  /sumOfPauses =/ { p = $3 * ($4 == "s" ? 1000 : $4 == "us" ? 0.001 : 1); k = n " " c; cnt[k]++; ms[k] += p }
  END { for (k in cnt) printf "%6d collections %9.1f ms paused  %s\n", cnt[k], ms[k], k }' |
  sort -k3 -rn > "$out/jfr-gc.txt"
if [ -n "${KEEP:-}" ]; then cp "$work/proxy.jfr" "$out/"; [ -f "$work/perf.data" ] && cp "$work/perf.data" "$out/"; fi
echo "ws-profile: $(grep '^result' "$out/bench.txt"); summaries in $out" >&2
