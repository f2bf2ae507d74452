#!/usr/bin/env bash
# System calls and wake-ups per proxied message, nginx against Quiver, as websocket proxies in the
# setup of bench/ws-proxy-compare.sh: `quiver bench echo` and `quiver bench ws` on CPU 0, nginx's
# one worker and the Quiver proxy (bench/ws-proxy) both started on CPU 1 (only one is loaded at a
# time). After PRIME s of load per size through each proxy (the JIT compiles there), it counts, with
# `perf stat` on syscall tracepoints (cheap, unlike strace), for each proxy:
#   idle: IDLE s with no client: syscalls, context switches and CPU, and per thread (which of the
#         JVM's threads wake an idle Quiver);
#   each row: COUNT s in the middle of DURATION s of load: syscalls by kind, context switches and
#         CPU (task-clock), per message (one message = one request and its reply, so an unbatched
#         proxy makes 2 reads and 2 writes per message), and how many reads found nothing
#         ("recvfrom EAGAIN") and how many epoll waits timed out ("... timed out"); counts of 0
#         are not printed.
# Open-loop rows vary from run to run (how many messages a read carries depends on the timing of
# all three processes): compare several runs, and prefer bench/ws-proxy-ab.sh for CPU per message.
# A row is "connections:in_flight:size:rate" (rate 0: closed loop; else msgs/s in total, open loop),
# as in bench/ws-proxy-ab.sh. Prints one block per row and proxy; writes perf's raw output to OUT.
# Needs perf with access to the syscalls tracepoints (root, or perf_event_paranoid <= -1) and nginx.
# Usage: bench/ws-syscalls.sh [QUIVER_JAR]
# Environment: ROWS="16:16:64:100000 16:16:64:227000 1:16:64:0 16:16:4096:12000" DURATION=9
#   COUNT=4 IDLE=5 PRIME=5 OUT=ws-syscalls QUIVER_JAVA_OPTS (proxy JVM options, after the
#   launcher's defaults, see bin/lib/java.sh) ECHO_PORT=18539 (nginx +1, Quiver +2)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
. "$root/bench/lib/ports.sh"
. "$root/bench/lib/ws-nginx.sh"
quiver_find_java
jar=${1:-${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}}
[ -f "$jar" ] || { echo "ws-syscalls: $jar is missing" >&2; exit 1; }
command -v perf > /dev/null || { echo "ws-syscalls: perf is not installed" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "ws-syscalls: nginx is not installed" >&2; exit 1; }
ROWS=${ROWS:-"16:16:64:100000 16:16:64:227000 1:16:64:0 16:16:4096:12000"}
DURATION=${DURATION:-9}
COUNT=${COUNT:-4}
IDLE=${IDLE:-5}
PRIME=${PRIME:-5}
out=$(mkdir -p "${OUT:-ws-syscalls}" && cd "${OUT:-ws-syscalls}" && pwd -P)
echo_port=${ECHO_PORT:-18539}
nginx_port=$((echo_port + 1))
quiver_port=$((echo_port + 2))
work=$(mktemp -d "${TMPDIR:-/tmp}/ws-syscalls.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

taskset -c 0 java -jar "$jar" bench echo --port "$echo_port" > "$work/echo.log" 2>&1 &
pids+=($!)
wait_port "$echo_port"
ws_nginx_start "$work" "$nginx_port" "$echo_port"
cp "$root"/bench/ws-proxy/*.trickle "$work/"
sed -e "s/port: 9139/port: $quiver_port/" -e "s#ws://127.0.0.1:8139/#ws://127.0.0.1:$echo_port/#" \
  "$root/bench/ws-proxy/config.yaml" > "$work/proxy.yaml"
# shellcheck disable=SC2086 # QUIVER_JAVA_OPTS holds several words on purpose
taskset -c 1 java $(quiver_jvm_defaults) ${QUIVER_JAVA_OPTS:-} -jar "$jar" server run --no-api \
  -f "$work"/*.trickle "$work/proxy.yaml" > "$work/quiver.log" 2>&1 &
quiver=$!
pids+=("$quiver")
wait_port "$quiver_port" 60 "$quiver"
declare -A pid_of=([nginx]="$nginx_worker" [quiver]="$quiver")
declare -A port_of=([nginx]="$nginx_port" [quiver]="$quiver_port")

load() { # proxy connections in_flight size rate seconds : prints the load's result line
  local extra=()
  [ "$5" != 0 ] && extra=(--rate "$5")
  taskset -c 0 java -jar "$jar" bench ws --url "ws://127.0.0.1:${port_of[$1]}/" --connections "$2" \
    --in-flight "$3" --size "$4" --duration "$6" --warmup 0 "${extra[@]}" 2>&1 | grep '^result:' || true
}
sc=syscalls:sys_enter_
counted="raw_syscalls:sys_enter,context-switches,task-clock,${sc}epoll_wait,${sc}epoll_pwait"
counted="$counted,${sc}epoll_pwait2,${sc}epoll_ctl,${sc}recvfrom,${sc}sendto,${sc}read,${sc}write"
counted="$counted,${sc}readv,${sc}writev,${sc}ioctl,${sc}futex,${sc}timerfd_settime,${sc}madvise"
# per message: the load's msgs/s times the counted seconds
summary() { # stat-file msgs_per_s seconds
  awk -F, -v r="$2" -v d="$3" 'NF > 2 && $1 ~ /^[0-9.]+$/ && $1 > 0 {
      n = $3; sub(/^syscalls:sys_enter_/, "", n); m = r * d
      if (n ~ /^syscalls:sys_exit_recvfrom/) n = "recvfrom EAGAIN"
      else if (n ~ /^syscalls:sys_exit_/) { sub(/^syscalls:sys_exit_/, "", n); n = n " timed out" }
      if (n == "task-clock") printf "  %-22s %10.1f ms   %8.2f µs per message  %5.1f%% of a CPU\n", n, $1, (m ? 1000 * $1 / m : 0), $1 / (10 * d)
      else printf "  %-22s %10.0f   %8.3f per message  %9.0f per second\n", n, $1, (m ? $1 / m : 0), $1 / d
      counted++ }
    END { if (!counted) print "  nothing counted: the process did not run" }' "$1"
}

for s in $(for row in $ROWS; do IFS=: read -r _ _ size _ <<< "$row"; echo "$size"; done | sort -un); do
  for p in nginx quiver; do [ "$PRIME" -gt 0 ] && load "$p" 16 16 "$s" 0 "$PRIME" > /dev/null; done
done
for p in nginx quiver; do
  perf stat -x, -e "$counted" -p "${pid_of[$p]}" -o "$out/idle-$p.stat" -- sleep "$IDLE" > /dev/null 2>&1
  perf stat -x, --per-thread -e context-switches,task-clock -p "${pid_of[$p]}" -o "$out/idle-$p-threads.stat" \
    -- sleep "$IDLE" > /dev/null 2>&1
  echo "idle $p ($IDLE s, no client):"
  summary "$out/idle-$p.stat" 0 "$IDLE"
  awk -F, '$2 ~ /^[0-9.]+$/ && $2 > 0 && $4 == "context-switches" { printf "  thread %-20s %6d context switches\n", $1, $2 }' \
    "$out/idle-$p-threads.stat"
done
for row in $ROWS; do
  IFS=: read -r c k s rate <<< "$row"
  for p in nginx quiver; do
    name="$c-$k-$s-$rate-$p"
    load "$p" "$c" "$k" "$s" "$rate" "$DURATION" > "$out/$name.load" &
    loader=$!
    sleep $(((DURATION - COUNT) / 2))
    perf stat -x, -e "$counted" -e syscalls:sys_exit_recvfrom --filter 'ret == -11' \
      -e syscalls:sys_exit_epoll_wait --filter 'ret == 0' -e syscalls:sys_exit_epoll_pwait2 --filter 'ret == 0' \
      -p "${pid_of[$p]}" -o "$out/$name.stat" -- sleep "$COUNT" > /dev/null 2>&1
    wait "$loader" || true
    mps=$(sed -n 's/^result: msgs_per_s=\([0-9.]*\).*/\1/p' "$out/$name.load")
    echo "row $row, $p: ${mps:-?} msgs/s"
    summary "$out/$name.stat" "${mps:-0}" "$COUNT"
  done
done
