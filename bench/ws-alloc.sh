#!/usr/bin/env bash
# Bytes allocated and CPU time per proxied message of the Quiver websocket proxy (bench/ws-proxy),
# set up as bench/ws-profile.sh does: `quiver bench echo` on CPU 0, the proxy on CPU 1,
# `quiver bench ws` on CPU 0 (16 connections x 16 in flight, closed loop). The proxy records JFR's
# per-thread allocation statistics (jdk.ThreadAllocationStatistics) once a second and nothing else.
# Over the load's measured seconds (after its warm-up) it prints: the bytes all the proxy's threads
# allocated divided by the messages the load received, and the proxy's CPU time (from
# /proc/PID/stat) divided by the same count. One line per run:
#   ws-alloc: jar=... size=64 msgs=... msgs_per_s=... bytes_per_msg=... cpu_us_per_msg=...
#   bench/ws-alloc.sh
# Environment: SIZE=64, WARMUP=4 (s), DURATION=6 (s measured), QUIVER_JAR, QUIVER_JAVA_OPTS,
#   ECHO_PORT=18339, PROXY_PORT=18341.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
. "$root/bench/lib/ports.sh"
. "$root/bench/lib/proc.sh"
quiver_find_java
jar=${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}
size=${SIZE:-64}
warmup=${WARMUP:-4}
duration=${DURATION:-6}
echo_port=${ECHO_PORT:-18339}
proxy_port=${PROXY_PORT:-18341}
work=$(mktemp -d "${TMPDIR:-/tmp}/ws-alloc.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

taskset -c 0 java -jar "$jar" bench echo --port "$echo_port" > "$work/echo.log" 2>&1 & pids+=($!)
cp "$root"/bench/ws-proxy/*.trickle "$work/"
sed -e "s/port: 9139/port: $proxy_port/" -e "s#ws://127.0.0.1:8139/#ws://127.0.0.1:$echo_port/#" \
  "$root/bench/ws-proxy/config.yaml" > "$work/proxy.yaml"
wait_port "$echo_port"
# shellcheck disable=SC2086 # QUIVER_JAVA_OPTS holds several words on purpose
taskset -c 1 java $(quiver_jvm_defaults) ${QUIVER_JAVA_OPTS:-} \
  "-XX:StartFlightRecording=settings=none,+jdk.ThreadAllocationStatistics#enabled=true,+jdk.ThreadAllocationStatistics#period=1s,filename=$work/proxy.jfr" \
  -jar "$jar" server run --no-api -f "$work"/*.trickle "$work/proxy.yaml" > "$work/proxy.log" 2>&1 &
proxy=$!; pids+=("$proxy")
wait_port "$proxy_port"
taskset -c 0 java -jar "$jar" bench ws --url "ws://127.0.0.1:$proxy_port/" --connections 16 \
  --in-flight 16 --size "$size" --warmup "$warmup" --duration "$duration" > "$work/bench.txt" 2>&1 &
bench=$!
sleep "$warmup"
t0=$(date +%s.%N); c0=$(cpu_ticks "$proxy")
sleep "$duration"
t1=$(date +%s.%N); c1=$(cpu_ticks "$proxy")
wait "$bench"
jcmd "$proxy" JFR.dump filename="$work/proxy.jfr" > /dev/null
jfr print --json --events jdk.ThreadAllocationStatistics "$work/proxy.jfr" > "$work/alloc.json"
result=$(grep '^result:' "$work/bench.txt")
python3 - "$work/alloc.json" "$t0" "$t1" "$c0" "$c1" "$(getconf CLK_TCK)" "$result" "$jar" "$size" <<'PY'
import json, os, sys, datetime
path, t0, t1, c0, c1, hz, result, jar, size = sys.argv[1:]
t0, t1, c0, c1, hz = float(t0), float(t1), int(c0), int(c1), int(hz)
events = json.load(open(path))["recording"]["events"]
def at(e):
    s = e["values"]["startTime"]
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
# one sample per thread and second: per sampling instant, the sum over all threads
batches = {}
for e in events:
    key = round(at(e))
    tid = e["values"]["thread"]["javaThreadId"] if e["values"]["thread"] else 0
    batches.setdefault(key, {})[tid] = e["values"]["allocated"]
times = sorted(batches)
def total_near(t):
    best = min(times, key=lambda k: abs(k - t))
    # a thread's count only grows: take each thread's latest value up to that instant
    latest = {}
    for k in times:
        if k > best:
            break
        latest.update(batches[k])
    return best, sum(latest.values())
b0, a0 = total_near(t0)
b1, a1 = total_near(t1)
fields = dict(kv.split("=") for kv in result.split()[1:])
names = {}
for e in events:
    t = e["values"]["thread"]
    if t:
        names[t["javaThreadId"]] = t["javaName"]
if os.environ.get("VERBOSE"):
    _, first = b0, dict()
    for k in times:
        if k > b0:
            break
        first.update(batches[k])
    last = dict()
    for k in times:
        if k > b1:
            break
        last.update(batches[k])
    for tid in sorted(last, key=lambda t: first.get(t, 0) - last[t]):
        print("  thread %-40s %12d bytes" % (names.get(tid, tid), last[tid] - first.get(tid, 0)))
rate = float(fields["msgs_per_s"])
msgs = rate * (b1 - b0)
cpu_msgs = rate * (t1 - t0)
print("ws-alloc: jar=%s size=%s msgs_per_s=%.0f window_s=%d bytes_per_msg=%.0f cpu_us_per_msg=%.2f errors=%s"
      % (jar, size, rate, b1 - b0, (a1 - a0) / msgs, (c1 - c0) / hz * 1e6 / cpu_msgs, fields.get("errors")))
PY
