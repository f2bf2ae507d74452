#!/usr/bin/env bash
# Memory for idle websocket clients: N clients connect to the Quiver proxy (bench/ws-proxy, in
# front of `quiver bench echo`) and to nginx (1 worker) and stay idle; prints the peak RSS
# (VmHWM) of each proxy and of the echo. Everything on 127.0.0.1.
#   bench/ws-idle.sh [N]     default 10000
# Environment: HOLD=10 (seconds held), QUIVER_JAR, QUIVER_JAVA_OPTS (proxy JVM options,
#   after the launcher's defaults: QUIVER_JVM_DEFAULTS, see bin/lib/java.sh)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
. "$root/bench/lib/ports.sh"
quiver_find_java
jar=${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}
n=${1:-10000}
hold=${HOLD:-10}
want=$((n * 2 + 1024)); hard=$(ulimit -Hn)
[ "$hard" = unlimited ] || [ "$hard" -ge "$want" ] || { echo "ws-idle: open-files hard limit $hard < $want: nginx (2 sockets per client) may refuse some clients" >&2; want=$hard; }
ulimit -n "$want"
work=$(mktemp -d "${TMPDIR:-/tmp}/ws-idle.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
hwm() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
java -jar "$jar" bench echo --port 18239 > "$work/echo.log" 2>&1 & echo_pid=$!; pids+=("$echo_pid")
cp "$root"/bench/ws-proxy/*.trickle "$work/"
sed -e "s/port: 9139/port: 18241/" -e "s#ws://127.0.0.1:8139/#ws://127.0.0.1:18239/#" "$root/bench/ws-proxy/config.yaml" > "$work/proxy.yaml"
# shellcheck disable=SC2086
java $(quiver_jvm_defaults) ${QUIVER_JAVA_OPTS:-} -jar "$jar" server run --no-api -f "$work"/*.trickle "$work/proxy.yaml" > "$work/quiver.log" 2>&1 &
quiver_pid=$!; pids+=("$quiver_pid")
wait_port 18239; wait_port 18241
base=$(hwm "$quiver_pid")
java -jar "$jar" bench ws --url ws://127.0.0.1:18241/ --connections "$n" --idle --warmup 0 --duration "$hold" --threads 2 | grep -E '^(quiver|result)'
echo "Quiver proxy: peak RSS ${base} MB before, $(hwm "$quiver_pid") MB with $n idle clients (JVM options: $(quiver_jvm_defaults) ${QUIVER_JAVA_OPTS:-})"
if command -v nginx > /dev/null; then
  mkdir -p "$work/ng/logs"
  printf 'worker_processes 1;\npid %s/ng/nginx.pid;\nerror_log %s/ng/logs/error.log warn;\nevents { worker_connections %d; }\nhttp { access_log off; server { listen 127.0.0.1:18240; location / { proxy_pass http://127.0.0.1:18239; proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade"; proxy_read_timeout 3600s; } } }\n' \
    "$work" "$work" $((n * 2 + 100)) > "$work/ng/nginx.conf"
  nginx -p "$work/ng" -c "$work/ng/nginx.conf" -g 'daemon off;' > "$work/ng.log" 2>&1 & pids+=($!)
  wait_port 18240
  java -jar "$jar" bench ws --url ws://127.0.0.1:18240/ --connections "$n" --idle --warmup 0 --duration "$hold" --threads 2 | grep -E '^result'
  worker=$(pgrep -P "$(cat "$work/ng/nginx.pid")" | head -1)
  echo "nginx worker: peak RSS $(hwm "$worker") MB with $n idle clients (each also holds an upstream connection)"
fi
echo "echo: peak RSS $(hwm "$echo_pid") MB"
