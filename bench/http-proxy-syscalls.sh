#!/usr/bin/env bash
# System calls per request of the HTTP proxies of bench/http-proxy-compare.sh, for one row: nginx (1
# worker, HTTP reverse proxy, upstream keep-alive) and the Quiver proxy (bench/http-proxy), both on
# CPU 1 in front of the same upstream nginx (CPU 0), loaded one after the other by h2load --h1 -m1
# (CPU 0, CONNECTIONS connections, closed loop). Per proxy: `strace -c -f` attached for DURATION s
# of load (counts per call, divided by the requests of that window), then a DETAIL s trace of the
# read and write calls whose return values give the bytes per call. strace slows the proxy a lot:
# the counts and sizes per request are the figures, never the rates.
# Usage: bench/http-proxy-syscalls.sh QUIVER_JAR
# Environment: SIZE=16k (or small) CONNECTIONS=64 WARMUP=5 DURATION=5 DETAIL=1 UPSTREAM_PORT=18180
#   QUIVER_JAVA_OPTS (as bench/http-proxy-compare.sh)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
quiver_find_java
PATH=$PATH:/usr/sbin
for c in nginx h2load strace; do command -v $c > /dev/null || { echo "http-proxy-syscalls: $c is missing" >&2; exit 1; }; done
jar=${1:?usage: bench/http-proxy-syscalls.sh QUIVER_JAR}
SIZE=${SIZE:-16k}
CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-5}
DETAIL=${DETAIL:-1}
UPSTREAM_PORT=${UPSTREAM_PORT:-18180}
NGINX_PORT=$((UPSTREAM_PORT + 1))
QUIVER_PORT=$((UPSTREAM_PORT + 2))
. "$root/bench/lib/ports.sh"
. "$root/bench/lib/http-proxy.sh"
http_bench_setup http-syscalls

http_bench_start_upstream "$UPSTREAM_PORT"
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
    listen 127.0.0.1:$NGINX_PORT;
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
taskset -c 1 "$(command -v nginx)" -p "$work/proxy" -c "$work/proxy/nginx.conf" -g 'daemon off;' > "$work/proxy/nginx.log" 2>&1 &
pids+=($!)
wait_port "$NGINX_PORT"
http_bench_java_opts
http_bench_proxy_config "$QUIVER_PORT" "$UPSTREAM_PORT" "$work/proxy.yaml"
# shellcheck disable=SC2086
taskset -c 1 java $(quiver_jvm_defaults) ${QUIVER_JAVA_OPTS:-} -jar "$jar" server run --no-api \
  -f "$work"/*.trickle "$work/proxy.yaml" > "$work/quiver.log" 2>&1 &
quiver_pid=$!; pids+=("$quiver_pid")
wait_port "$QUIVER_PORT"
sleep 0.5
nginx_worker=$(pgrep -P "$(cat "$work/proxy/nginx.pid")" | head -1)

load() { # port seconds : prints the requests done
  taskset -c 0 h2load --h1 -t1 -c"$CONNECTIONS" -m1 -D"$2" "http://127.0.0.1:$1/$SIZE" 2>&1 |
    awk '/^requests:/ { print $8 + 0 }'
}
for p in nginx quiver; do
  case $p in nginx) port=$NGINX_PORT; pid=$nginx_worker ;; quiver) port=$QUIVER_PORT; pid=$quiver_pid ;; esac
  load "$port" "$WARMUP" > /dev/null
  strace -c -f -p "$pid" -o "$work/$p.counts" 2> /dev/null &
  spid=$!; sleep 1
  n=$(load "$port" "$DURATION")
  kill -INT "$spid"; wait "$spid" 2> /dev/null || true
  echo "== $p ($SIZE, c=$CONNECTIONS): $n requests under strace -c; calls per request:"
  awk -v n="$n" '$4 ~ /^[0-9]+$/ && $NF ~ /^[a-z_0-9]+$/ && $NF != "total" {
      printf "  %-16s %8.3f\n", $NF, $4 / n }' "$work/$p.counts" | sort -k2 -nr | head -12
  strace -f -p "$pid" -e trace=read,readv,recvfrom,write,writev,sendto,sendmsg,sendfile -o "$work/$p.trace" 2> /dev/null &
  spid=$!; sleep 1
  load "$port" "$DETAIL" > /dev/null
  kill -INT "$spid"; wait "$spid" 2> /dev/null || true
  echo "  bytes per call (calls returning bytes, their mean, calls failing with EAGAIN):"
  awk '/unfinished|resumed/ { next }
       { c = $2; sub(/\(.*/, "", c); k = split($0, parts, ") = "); if (k < 2) next; r = parts[k] + 0
         if (r > 0) { calls[c]++; bytes[c] += r } else if ($0 ~ /EAGAIN/) again[c]++ }
       END { for (c in calls) printf "  %-10s %8d calls %10.0f bytes/call %6d EAGAIN\n", c, calls[c], bytes[c] / calls[c], again[c] }' "$work/$p.trace"
done
