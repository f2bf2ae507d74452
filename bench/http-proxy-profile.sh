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
work=$(mktemp -d "${TMPDIR:-/tmp}/http-profile.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true
wait_port() { local d=$((SECONDS + 30)); until (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; do [ $SECONDS -lt $d ] || exit 1; sleep 0.2; done; }

mkdir -p "$work/www" "$work/logs"
head -c 64 /dev/zero | tr '\0' 'x' > "$work/www/small"
head -c 16384 /dev/zero | tr '\0' 'x' > "$work/www/16k"
chmod a+rx "$work" "$work/www" && chmod a+r "$work"/www/*
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 16384; }
http {
  access_log off; keepalive_requests 1000000; keepalive_timeout 75s;
  default_type application/octet-stream; sendfile on; open_file_cache max=16;
  server { listen 127.0.0.1:$upstream_port; root $work/www; }
}
CONF
taskset -c 0 "$(command -v nginx)" -p "$work" -c "$work/nginx.conf" -g 'daemon off;' > "$work/nginx.log" 2>&1 &
pids+=($!)
wait_port "$upstream_port"
if [ -z "${QUIVER_JAVA_OPTS+x}" ] && [ "$(quiver_java_major "$(command -v java)")" -ge 23 ]; then
  QUIVER_JAVA_OPTS=--sun-misc-unsafe-memory-access=allow
fi
cp "$root"/bench/http-proxy/*.trickle "$work/"
sed -e "s/port: 9139/port: $proxy_port/" -e "s#http://127.0.0.1:8139#http://127.0.0.1:$upstream_port#" \
  "$root/bench/http-proxy/config.yaml" > "$work/proxy.yaml"
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
