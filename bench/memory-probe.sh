#!/usr/bin/env bash
# Where the proxy's resident memory goes, for one load: starts the Quiver proxy with the launcher's
# JVM defaults (bin/lib/java.sh) plus QUIVER_JAVA_OPTS, drives one load, and prints the proxy's
# peak RSS (VmHWM), its RSS at the end of the load and, with NMT=1, the JVM's native memory
# summary (-XX:NativeMemoryTracking=summary, `jcmd PID VM.native_memory summary`) taken while the
# load still runs. Everything on 127.0.0.1; the proxy pinned to CPU 1, the rest to CPU 0, as the
# compare scripts do. Modes:
#   bench/memory-probe.sh ws-load   16 connections x 16 in flight of 64 B messages (bench/ws-proxy)
#   bench/memory-probe.sh ws-idle   N idle websocket clients (default 10000) held HOLD seconds
#   bench/memory-probe.sh http-load h2load, C connections (default 256) of GET /16k (bench/http-proxy)
# Environment: DURATION=8 WARMUP=2 (load seconds), SIZE=64 (ws message bytes), N=10000 HOLD=8
#   (idle), C=256 PATH_=16k (http: 16k or small), NMT=1 (the summary; NMT costs ~2 MB itself),
#   HISTO=1 (the live heap near the end: `jcmd PID GC.class_histogram`, which collects first, its
#   total and the 25 largest classes; per idle client: (total - total at start) / N; its full
#   collections change the RSS after them, so measure peaks without it),
#   QUIVER_JAR, QUIVER_JAVA_OPTS, QUIVER_JVM_DEFAULTS (as bin/quiver), ROUNDS=1. As `bin/quiver
#   server run`, the proxy maps its class-data-sharing archive (QUIVER_CDS_DIR, QUIVER_CDS=0;
#   none when QUIVER_JVM_DEFAULTS is set); the first run of a jar writes it at exit, so measure
#   from the second run on.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
. "$root/bench/lib/ports.sh"
quiver_find_java
jar=${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}
[ -f "$jar" ] || { echo "memory-probe: $jar is missing" >&2; exit 1; }
mode=${1:?"usage: bench/memory-probe.sh ws-load|ws-idle|http-load"}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-2}
SIZE=${SIZE:-64}
N=${N:-10000}
HOLD=${HOLD:-8}
C=${C:-256}
PATH_=${PATH_:-16k}
NMT=${NMT:-0}
HISTO=${HISTO:-0}
ulimit -n $((N * 2 + 1024)) 2>/dev/null || ulimit -n 65536 2>/dev/null || true
work=$(mktemp -d "${TMPDIR:-/tmp}/memory-probe.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # the proxy may write its class-data-sharing archive as it exits: let it finish (up to 30 s)
  for _ in $(seq 1 300); do [ -n "${quiver_pid:-}" ] && [ -e "/proc/$quiver_pid" ] || break; sleep 0.1; done
  [ -f "$work/up/nginx.pid" ] && kill "$(cat "$work/up/nginx.pid" 2>/dev/null)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
show_logs() { echo "memory-probe: the logs:" >&2; cat "$work"/*.log >&2; exit 1; }
status_mb() { awk -v k="$2:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
cpu_s() { awk -v t="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$1/stat"; }

nmt=()
[ "$NMT" = 1 ] && nmt=(-XX:NativeMemoryTracking=summary)
start_proxy() { # dir of the deployment, upstream rewrite sed
  cp "$root/bench/$1"/*.trickle "$work/"
  sed -e "s/port: 9139/port: 18352/" -e "$2" "$root/bench/$1/config.yaml" > "$work/proxy.yaml"
  # shellcheck disable=SC2086 # the options hold several words on purpose
  # the class-data-sharing archive bin/quiver gives `server run` (bin/lib/java.sh), one per jar and
  # deployment dir (the proxy's files are in a fresh temporary dir each time)
  local cds=
  [ -n "${QUIVER_JVM_DEFAULTS+set}" ] || cds=$(quiver_cds_options "$(command -v java)" "$jar" server run "bench/$1")
  taskset -c 1 java $(quiver_jvm_defaults) $cds ${QUIVER_JAVA_OPTS:-} "${nmt[@]}" -jar "$jar" server run --no-api \
    -f "$work"/*.trickle "$work/proxy.yaml" > "$work/quiver.log" 2>&1 &
  quiver_pid=$!
  pids+=("$quiver_pid")
  if [ -n "${TRACE:-}" ]; then # the RSS every 100 ms into the file TRACE: seconds since start, MB
    (t0=$(date +%s%N); while [ -r "/proc/$quiver_pid/status" ]; do
      echo "$(( ($(date +%s%N) - t0) / 1000000 )) $(status_mb "$quiver_pid" VmRSS)"; sleep 0.1; done) > "$TRACE" 2>/dev/null &
  fi
  wait_port 18352 || show_logs
}
snapshot() { # seconds to wait, then the NMT summary into $work/nmt.txt
  sleep "$1"
  [ "$NMT" = 1 ] && jcmd "$quiver_pid" VM.native_memory summary > "$work/nmt.txt" 2>&1 || true
  [ "$HISTO" = 1 ] && jcmd "$quiver_pid" GC.class_histogram > "$work/histo.txt" 2>&1 || true
  status_mb "$quiver_pid" VmRSS > "$work/rss.txt"
  # resident memory by mapping: the files (libjvm.so, the CDS archive, ...) and anonymous memory
  awk '/^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6 ? $6 : "[anonymous]"); sub(/.*\//, "", name); next }
    /^Rss:/ { rss[name] += $2 } END { for (n in rss) if (rss[n] >= 1024) printf "%8.1f MB  %s\n", rss[n] / 1024, n }' \
    "/proc/$quiver_pid/smaps" | sort -rn > "$work/smaps.txt"
}

case $mode in
  ws-load | ws-idle)
    taskset -c 0 java -jar "$jar" bench echo --port 18351 > "$work/echo.log" 2>&1 &
    pids+=($!)
    wait_port 18351 || show_logs
    start_proxy ws-proxy "s#ws://127.0.0.1:8139/#ws://127.0.0.1:18351/#"
    base=$(status_mb "$quiver_pid" VmHWM)
    cpu0=$(cpu_s "$quiver_pid")
    [ "$HISTO" = 1 ] && jcmd "$quiver_pid" GC.class_histogram > "$work/histo0.txt" 2>&1 || true
    if [ "$mode" = ws-load ]; then
      snapshot $((WARMUP + DURATION - 1)) &
      snap=$!
      taskset -c 0 java -jar "$jar" bench ws --url ws://127.0.0.1:18352/ --connections 16 --in-flight 16 \
        --size "$SIZE" --duration "$DURATION" --warmup "$WARMUP" | grep -E '^result' || true
    else
      snapshot $((HOLD + 3)) &
      snap=$!
      taskset -c 0 java -jar "$jar" bench ws --url ws://127.0.0.1:18352/ --connections "$N" --idle --warmup 0 \
        --duration "$((HOLD + 4))" --threads 2 | grep -E '^result' || true
    fi
    ;;
  http-load)
    mkdir -p "$work/up/logs" "$work/www"
    head -c 64 /dev/zero | tr '\0' 'x' > "$work/www/small"
    head -c 16384 /dev/zero | tr '\0' 'x' > "$work/www/16k"
    chmod a+rx "$work" "$work/www" && chmod a+r "$work"/www/*
    printf 'worker_processes 1;\npid %s/up/nginx.pid;\nerror_log %s/up/logs/error.log warn;\nevents { worker_connections 16384; }\nhttp { access_log off; keepalive_requests 1000000; default_type application/octet-stream; sendfile on; server { listen 127.0.0.1:18350; root %s/www; } }\n' \
      "$work" "$work" "$work" > "$work/up/nginx.conf"
    taskset -c 0 nginx -p "$work/up" -c "$work/up/nginx.conf" -g 'daemon off;' > "$work/up.log" 2>&1 &
    pids+=($!)
    wait_port 18350 || show_logs
    if [ -z "${QUIVER_JAVA_OPTS+x}" ] && [ "$(quiver_java_major "$(command -v java)")" -ge 23 ]; then
      QUIVER_JAVA_OPTS=--sun-misc-unsafe-memory-access=allow # as bench/http-proxy-compare.sh
    fi
    start_proxy http-proxy "s#http://127.0.0.1:8139#http://127.0.0.1:18350#"
    base=$(status_mb "$quiver_pid" VmHWM)
    cpu0=$(cpu_s "$quiver_pid")
    taskset -c 0 h2load --h1 -t1 -c"$C" -m1 -D"$WARMUP" "http://127.0.0.1:18352/$PATH_" > /dev/null 2>&1 || true
    snapshot $((DURATION - 1)) &
    snap=$!
    taskset -c 0 h2load --h1 -t1 -c"$C" -m1 -D"$DURATION" "http://127.0.0.1:18352/$PATH_" 2>&1 |
      grep -E '^(finished in|requests:)' | tr '\n' ' ' || true
    echo
    ;;
  *) echo "memory-probe: unknown mode $mode" >&2; exit 2 ;;
esac
wait "$snap" || true
echo "memory-probe $mode: peak RSS $(status_mb "$quiver_pid" VmHWM) MB (${base} MB before the load), RSS $(cat "$work/rss.txt") MB near the end, proxy CPU $(awk -v a="$cpu0" -v b="$(cpu_s "$quiver_pid")" 'BEGIN { printf "%.2f", b - a }') s; JVM options: $(tr '\0' ' ' < "/proc/$quiver_pid/cmdline" 2>/dev/null | sed 's/ -jar .*//; s/^[^ ]* //')"
oom=$(grep -c OutOfMemoryError "$work/quiver.log" || true)
[ "$oom" = 0 ] || echo "memory-probe $mode: the proxy's log names OutOfMemoryError $oom times"
[ -r "/proc/$quiver_pid/status" ] || echo "memory-probe $mode: the proxy is gone (exited during the load)"
echo "resident by mapping (smaps, near the end):"
cat "$work/smaps.txt"
if [ "$HISTO" = 1 ]; then
  echo "live heap (GC.class_histogram, bytes): $(awk '/^Total/ { print $3 }' "$work/histo.txt") near the end," \
    "$(awk '/^Total/ { print $3 }' "$work/histo0.txt" 2>/dev/null) before the load; the largest classes:"
  sed -n '4,28p' "$work/histo.txt"
fi
if [ "$NMT" = 1 ]; then
  echo "NMT, committed by category (near the end):"
  # the categories' committed memory, one line each, largest first
  grep -E '^-? *[A-Z][A-Za-z ]+ \(reserved=' "$work/nmt.txt" |
    sed -E 's/^-? *//; s/ \(reserved=[0-9]+KB, committed=([0-9]+)KB.*/|\1/' |
    awk -F'|' '{ printf "%8.1f MB  %s\n", $2 / 1024, $1 }' | sort -rn
  grep -E '^Total:' "$work/nmt.txt" || true
  [ -n "${NMT_KEEP:-}" ] && cp "$work/nmt.txt" "$NMT_KEEP"
fi
