#!/usr/bin/env bash
# Where the Quiver HTTP proxy spends its CPU and allocates: the upstream nginx (1 worker, files of
# 64 B and 16 KiB, CPU 0), the proxy of bench/http-proxy (rest onramp -> rest offramp, CPU 1) and
# h2load --h1 -m1 (CPU 0, CONNECTIONS connections, closed loop), as in bench/http-proxy-ab.sh. The
# proxy runs with -XX:+PreserveFramePointer and a JFR recording (settings=profile: execution and
# allocation samples) and, when `perf` is installed, is sampled by `perf record -g` (kernel, JVM and
# JIT-compiled frames; symbols from `jcmd <pid> Compiler.perfmap`). Writes summaries to OUT:
#   perf-threads.txt, perf-dso.txt, perf-self.txt   (perf: by thread, by library, top self frames)
#   perf-children.txt (perf: frames by their share with callees)
#   jfr-hot-methods.txt, jfr-allocation-by-site.txt, jfr-allocation-by-class.txt
#   load.txt                                         (h2load's report of the sampled part)
#   bench/http-profile.sh
# Environment: SIZE=small (or 16k), CONNECTIONS=64, WARMUP=6 (s before sampling), DURATION=8 (s
#   sampled), OUT=http-profile-<connections>-<size>, QUIVER_JAR, QUIVER_JAVA_OPTS (after the
#   launcher's defaults, see bin/lib/java.sh), UPSTREAM_PORT=18170 (the proxy listens one above),
#   JFR_SETTINGS=profile, KEEP (set: proxy.jfr and perf.data are kept in OUT as well).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
quiver_find_java
PATH=$PATH:/usr/sbin
for c in nginx h2load; do command -v $c > /dev/null || { echo "http-profile: $c is missing" >&2; exit 1; }; done
jar=${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}
size=${SIZE:-small}
conns=${CONNECTIONS:-64}
warmup=${WARMUP:-6}
duration=${DURATION:-8}
out=$(mkdir -p "${OUT:-http-profile-$conns-$size}" && cd "${OUT:-http-profile-$conns-$size}" && pwd -P)
upstream_port=${UPSTREAM_PORT:-18170}
proxy_port=$((upstream_port + 1))
. "$root/bench/lib/ports.sh"
. "$root/bench/lib/http-proxy.sh"
http_bench_setup http-profile

http_bench_start_upstream "$upstream_port"
http_bench_java_opts
http_bench_proxy_config "$proxy_port" "$upstream_port" "$work/proxy.yaml"
# shellcheck disable=SC2086 # QUIVER_JAVA_OPTS holds several words on purpose
taskset -c 1 java -XX:+PreserveFramePointer $(quiver_jvm_defaults) ${QUIVER_JAVA_OPTS:-} \
  -XX:StartFlightRecording=settings=${JFR_SETTINGS:-profile},filename="$work/proxy.jfr" \
  -jar "$jar" server run --no-api -f "$work"/*.trickle "$work/proxy.yaml" > "$work/proxy.log" 2>&1 &
proxy=$!; pids+=("$proxy")
wait_port "$proxy_port"
url="http://127.0.0.1:$proxy_port/$size"
taskset -c 0 h2load --h1 -t1 -c"$conns" -m1 -D"$warmup" "$url" > /dev/null 2>&1
taskset -c 0 h2load --h1 -t1 -c"$conns" -m1 -D$((duration + 1)) "$url" > "$out/load.txt" 2>&1 &
load=$!
sleep 0.5
if command -v perf > /dev/null; then
  jcmd "$proxy" Compiler.perfmap > /dev/null
  perf record -F 1999 -g -p "$proxy" -o "$work/perf.data" -- sleep "$duration" > /dev/null 2>&1
  jcmd "$proxy" Compiler.perfmap > /dev/null
  report() { perf report -i "$work/perf.data" --stdio -g none "$@" 2>/dev/null | grep -v '^#' | grep '%' | sed -E 's/\[JIT\] tid [0-9]+/[JIT]/; s/ +/ /g' || true; }
  report --no-children --sort comm > "$work/t.txt"; head -10 "$work/t.txt" > "$out/perf-threads.txt"
  report --no-children --sort dso > "$work/t.txt"; head -10 "$work/t.txt" > "$out/perf-dso.txt"
  report --no-children --sort dso,symbol > "$work/t.txt"; head -80 "$work/t.txt" | cut -c1-200 > "$out/perf-self.txt"
  report --children --sort symbol > "$work/t.txt"; head -120 "$work/t.txt" | cut -c1-200 > "$out/perf-children.txt"
else
  echo "http-profile: perf is not installed: JFR only" >&2
fi
wait "$load"
jcmd "$proxy" JFR.dump filename="$work/proxy.jfr" > /dev/null
for view in hot-methods allocation-by-site allocation-by-class; do
  jfr view --width 200 "$view" "$work/proxy.jfr" > "$out/jfr-$view.txt"
done
if [ -n "${KEEP:-}" ]; then cp "$work/proxy.jfr" "$out/"; [ -f "$work/perf.data" ] && cp "$work/perf.data" "$out/"; fi
echo "http-profile: $(grep -E '^requests:' "$out/load.txt"); summaries in $out" >&2
