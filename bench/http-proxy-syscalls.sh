#!/usr/bin/env bash
# Syscalls per request of the HTTP proxies under load: the upstream nginx (1 worker, CPU 0), the
# Quiver proxy of bench/http-proxy (CPU 1) and nginx as a reverse proxy (1 worker, upstream
# keep-alive, CPU 1), each loaded alone by h2load --h1 -m1 (CPU 0, closed loop) while
# `strace -c -f` counts the syscalls of all its threads over REQUESTS requests. Prints, per proxy,
# each syscall's calls per request (strace slows the traced
# process, so rates mean nothing here; the counts per request are the figure). Run it once with the
# default transport and once with QUIVER_JAVA_OPTS=-Dquiver.transport=epoll to see reads and writes
# instead of io_uring_enter (io_uring submits them without a syscall each).
# Usage: bench/http-proxy-syscalls.sh [QUIVER_JAR]
# Environment: CONNECTIONS=64 SIZE=small WARMUP=8 REQUESTS=100000 QUIVER_JAVA_OPTS UPSTREAM_PORT=18190
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
quiver_find_java
PATH=$PATH:/usr/sbin
for c in nginx h2load strace; do command -v $c > /dev/null || { echo "http-syscalls: $c is missing" >&2; exit 1; }; done
jar=${1:-${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}}
conns=${CONNECTIONS:-64}
size=${SIZE:-small}
warmup=${WARMUP:-8}
requests=${REQUESTS:-100000}
UPSTREAM_PORT=${UPSTREAM_PORT:-18190}
quiver_port=$((UPSTREAM_PORT + 1))
nginx_port=$((UPSTREAM_PORT + 2))
. "$root/bench/lib/ports.sh"
. "$root/bench/lib/http-proxy.sh"
http_bench_setup http-syscalls

http_bench_start_upstream "$UPSTREAM_PORT"
http_bench_java_opts
http_bench_proxy_config "$quiver_port" "$UPSTREAM_PORT" "$work/proxy.yaml"
# shellcheck disable=SC2086 # QUIVER_JAVA_OPTS holds several words on purpose
taskset -c 1 java $(quiver_jvm_defaults) ${QUIVER_JAVA_OPTS:-} -jar "$jar" server run --no-api \
  -f "$work"/*.trickle "$work/proxy.yaml" > "$work/quiver.log" 2>&1 &
quiver=$!; pids+=("$quiver")
mkdir -p "$work/proxy/logs"
cat > "$work/proxy/nginx.conf" << CONF
worker_processes 1;
pid $work/proxy/nginx.pid;
error_log $work/proxy/logs/error.log warn;
events { worker_connections 16384; }
http {
  access_log off; keepalive_requests 1000000; keepalive_timeout 75s;
  upstream up { server 127.0.0.1:$UPSTREAM_PORT; keepalive 512; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
taskset -c 1 "$(command -v nginx)" -p "$work/proxy" -c "$work/proxy/nginx.conf" -g 'daemon off;' \
  > "$work/proxy/nginx.log" 2>&1 &
pids+=($!)
wait_port "$quiver_port"
wait_port "$nginx_port"
sleep 0.5

# count NAME PORT PID...: loads PORT, then counts the syscalls of every thread of the PIDs while a
# fixed count of REQUESTS requests goes through (a second around it is counted too: the idle part)
count() {
  local name=$1 port=$2 url tids=() p t
  shift 2
  url="http://127.0.0.1:$port/$size"
  taskset -c 0 h2load --h1 -t1 -c"$conns" -m1 -D"$warmup" "$url" > /dev/null 2>&1
  for p in "$@"; do for t in /proc/"$p"/task/*; do tids+=(-p "${t##*/}"); done; done
  strace -c -f -q "${tids[@]}" -o "$work/$name.strace" > /dev/null 2>&1 &
  local tracer=$!
  sleep 1
  taskset -c 0 h2load --h1 -t1 -c"$conns" -m1 -n"$requests" "$url" > "$work/$name.load" 2>&1
  kill -INT "$tracer"; wait "$tracer" || true
  echo "== $name: h2load $conns connections, $size, $requests requests ($(grep '^requests:' "$work/$name.load"))"
  awk -v n="$requests" '$1 ~ /^[0-9.]+$/ && NF >= 5 { calls = $4; name = $NF; printf "%-20s %10d calls %8.3f per request\n", name, calls, calls / n }' "$work/$name.strace" | sort -k4 -n -r
}

# shellcheck disable=SC2207
nginx_workers=($(pgrep -P "$(cat "$work/proxy/nginx.pid")"))
count quiver "$quiver_port" "$quiver"
count nginx "$nginx_port" "${nginx_workers[@]}"
