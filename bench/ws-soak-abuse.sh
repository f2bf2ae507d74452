#!/usr/bin/env bash
# Soak under abuse (issue 11; not in CI): the Quiver proxy of bench/ws-soak in front of
# `quiver bench echo --large-replies`, CLIENTS well-behaved clients (`quiver bench ws --verify`:
# every request unique, every answer checked, unanswered requests counted as lost) for MINUTES,
# while ABUSERS processes of `quiver bench abuse --mode cycle` go through slowloris, idle
# sockets, non-reading clients, deep-recursion/deeply nested events and invalid frames, each
# starting at a different mode. The proxy's RSS is sampled every second. At the end a fresh client
# probes the proxy, and the report gives: machine, JDK, versions, duration, requests, answers,
# errors, lost, p50/p99, peak RSS, and the abusive actions performed per kind (summed over the
# abusers). Everything listens on and targets 127.0.0.1 only.
#
# The run is bounded: every process runs under `timeout`, the clients wait at most DRAIN seconds
# for outstanding answers, and the script kills everything it started when it ends (also on
# Ctrl-C). A wedged proxy shows up as lost > 0 and a failed probe, not as a hang.
#   bench/ws-soak-abuse.sh
# Environment (defaults in brackets):
#   MINUTES [10]  CLIENTS [200]  ABUSERS [3]  PHASE [20] seconds per abuse mode
#   ABUSE_MODE [cycle] or one of slowloris, idle, nonreading, deep, invalid (to isolate one kind)
#   HEADSTART [5] seconds the clients run, once connected, before the abusers start, and after
#     the abusers stopped
#   IN_FLIGHT [1] requests outstanding per client   SIZE [64] request bytes
#   RECONNECT_AFTER [100] requests after which a client reconnects (0: never): a proxy that stops
#     answering new clients shows as lost requests too
#   DRAIN [15] seconds the clients wait for outstanding answers (above the proxy's 10 s reply timeout)
#   PROXY_XMX [1g] the proxy's heap   QUIVER_JAVA_OPTS extra proxy JVM options
#   IDLE_SOCKETS [1000] SLOWLORIS_SOCKETS [100] NONREADING_CLIENTS [5] LARGE_BYTES [1048576]
#   ECHO_PORT [18339] PROXY_PORT [18341]  QUIVER_JAR (default quiver-server/target/quiver.jar)
#   OUT  also write the report to this file   KEEP=1  keep the work directory (logs)
# Exit status: 0 when lost = 0, no wrong or unexpected answer, and the proxy still answers at the
# end; 1 otherwise; 2 when the run could not start.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
. "$root/bench/lib/ports.sh"
quiver_find_java
jar=${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}
[ -f "$jar" ] || { echo "ws-soak-abuse: $jar is missing: build it with ./mvnw -B -q -o -pl quiver-server -am package -DskipTests" >&2; exit 2; }
MINUTES=${MINUTES:-10}
CLIENTS=${CLIENTS:-200}
ABUSERS=${ABUSERS:-3}
ABUSE_MODE=${ABUSE_MODE:-cycle}
HEADSTART=${HEADSTART:-5}
PHASE=${PHASE:-20}
IN_FLIGHT=${IN_FLIGHT:-1}
SIZE=${SIZE:-64}
RECONNECT_AFTER=${RECONNECT_AFTER:-100}
DRAIN=${DRAIN:-15}
PROXY_XMX=${PROXY_XMX:-1g}
IDLE_SOCKETS=${IDLE_SOCKETS:-1000}
SLOWLORIS_SOCKETS=${SLOWLORIS_SOCKETS:-100}
NONREADING_CLIENTS=${NONREADING_CLIENTS:-5}
LARGE_BYTES=${LARGE_BYTES:-1048576}
ECHO_PORT=${ECHO_PORT:-18339}
PROXY_PORT=${PROXY_PORT:-18341}
secs=$(awk -v m="$MINUTES" 'BEGIN { s = m * 60; if (s <= 0) exit 1; printf "%.1f", s }') ||
  { echo "ws-soak-abuse: MINUTES must be more than 0 (got $MINUTES)" >&2; exit 2; }
whole_secs=$(awk -v s="$secs" 'BEGIN { printf "%d", s + 0.999 }')

work=$(mktemp -d "${TMPDIR:-/tmp}/ws-soak-abuse.XXXXXX")
pids=()
cleanup() {
  local p all=()
  # each process and its children (`timeout` runs the JVM as its child)
  for p in "${pids[@]}"; do all+=("$p" $(pgrep -P "$p" 2>/dev/null || true)); done
  for p in "${all[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${all[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [ "${KEEP:-0}" = 1 ]; then echo "ws-soak-abuse: logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
hard=$(ulimit -Hn)
ulimit -n "$hard" 2>/dev/null || true

for p in "$ECHO_PORT" "$PROXY_PORT"; do
  if port_accepts "$p"; then echo "ws-soak-abuse: port $p is in use; set ECHO_PORT / PROXY_PORT" >&2; exit 2; fi
done

# --- upstream and proxy ---
timeout $((whole_secs + DRAIN + 300)) java -Xmx512m -jar "$jar" bench echo --port "$ECHO_PORT" --large-replies \
  > "$work/echo.log" 2>&1 &
echo_pid=$!; pids+=("$echo_pid")
wait_port "$ECHO_PORT" 60 "$echo_pid" || { cat "$work/echo.log" >&2; exit 2; }

cp "$root"/bench/ws-soak/*.trickle "$work/"
sed -e "s/port: 9139/port: $PROXY_PORT/" -e "s#ws://127.0.0.1:8139/#ws://127.0.0.1:$ECHO_PORT/#" \
  "$root/bench/ws-soak/config.yaml" > "$work/proxy.yaml"
# shellcheck disable=SC2086
timeout $((whole_secs + DRAIN + 300)) java -Xmx"$PROXY_XMX" ${QUIVER_JAVA_OPTS:-} -jar "$jar" server run --no-api \
  -f "$work"/*.trickle "$work/proxy.yaml" > "$work/proxy.log" 2>&1 &
proxy_timeout_pid=$!; pids+=("$proxy_timeout_pid")
wait_port "$PROXY_PORT" 60 "$proxy_timeout_pid" || { tail -40 "$work/proxy.log" >&2; exit 2; }
proxy_pid=$(pgrep -P "$proxy_timeout_pid" java | head -1 || true)
[ -n "$proxy_pid" ] || { echo "ws-soak-abuse: cannot find the proxy's JVM" >&2; exit 2; }
pids+=("$proxy_pid")
url="ws://127.0.0.1:$PROXY_PORT/"

# --- RSS sampler (VmRSS every second, max kept) ---
(
  max=0
  while [ -r "/proc/$proxy_pid/status" ]; do
    kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$proxy_pid/status" 2>/dev/null || echo 0)
    [ "${kb:-0}" -gt "$max" ] && max=$kb && echo "$max" > "$work/rss.max"
    sleep 1
  done
) &
pids+=($!)

# --- abusers and well-behaved clients ---
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "ws-soak-abuse: $CLIENTS clients and $ABUSERS abusers against $url for $MINUTES min (proxy -Xmx$PROXY_XMX); logs in $work" >&2
timeout $((whole_secs + DRAIN + 120)) java -Xmx512m -jar "$jar" bench ws --url "$url" --verify \
  --connections "$CLIENTS" --in-flight "$IN_FLIGHT" --size "$SIZE" --warmup 0 --duration "$secs" \
  --drain "$DRAIN" --reconnect-after "$RECONNECT_AFTER" --threads 2 > "$work/clients.log" 2>&1 &
clients_pid=$!; pids+=("$clients_pid")
# the clients connect first (up to 60 s); the abuse starts HEADSTART seconds later and stops
# HEADSTART seconds before the clients do, so they also see the proxy after the last abuse
ready_deadline=$((SECONDS + 60))
until grep -q 'connections ready' "$work/clients.log" 2>/dev/null || [ $SECONDS -ge $ready_deadline ] ||
  ! kill -0 "$clients_pid" 2>/dev/null; do sleep 0.2; done
sleep "$HEADSTART"
abuse_secs=$(awk -v s="$secs" -v h="$HEADSTART" 'BEGIN { a = s - 2 * h; printf "%.1f", (a > 1 ? a : 1) }')
abuser_pids=()
for i in $(seq 0 $((ABUSERS - 1))); do
  timeout $((whole_secs + 120)) java -Xmx256m -jar "$jar" bench abuse --url "$url" --mode "$ABUSE_MODE" \
    --duration "$abuse_secs" --phase "$PHASE" --start "$i" --idle-sockets "$IDLE_SOCKETS" \
    --slowloris-sockets "$SLOWLORIS_SOCKETS" --nonreading-clients "$NONREADING_CLIENTS" \
    --large-bytes "$LARGE_BYTES" > "$work/abuse-$i.log" 2>&1 &
  pids+=($!); abuser_pids+=($!)
done
clients_status=0
wait "$clients_pid" || clients_status=$?
for p in "${abuser_pids[@]}"; do wait "$p" 2>/dev/null || true; done

# --- is the proxy still serving? one fresh client, 2 s ---
probe_line=""
if kill -0 "$proxy_pid" 2>/dev/null; then
  proxy_alive=yes
  probe_line=$(timeout 60 java -jar "$jar" bench ws --url "$url" --verify --connections 1 --warmup 0 \
    --duration 2 --drain 5 2>/dev/null | grep '^verify:' || true)
else
  proxy_alive=no
fi
hwm_kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$proxy_pid/status" 2>/dev/null || echo 0)
rss_max_kb=$(cat "$work/rss.max" 2>/dev/null || echo 0)

# --- report ---
result=$(grep '^result:' "$work/clients.log" || true)
verify=$(grep '^verify:' "$work/clients.log" || true)
get() { sed -n "s/.* $2=\([0-9.-]*\).*/\1/p" <<<" ${1#*:}"; }
sent=$(get "$verify" sent); echoes=$(get "$verify" echoes); error_answers=$(get "$verify" error_answers)
wrong=$(get "$verify" wrong_answers); lost=$(get "$verify" lost); unexpected=$(get "$verify" unexpected)
probe_ok=no
if [ -n "$probe_line" ] && [ "$(get "$probe_line" echoes)" -gt 0 ] 2>/dev/null && [ "$(get "$probe_line" lost)" = 0 ]; then probe_ok=yes; fi
abusers_reported=$(grep -l '^result:' "$work"/abuse-*.log 2>/dev/null | wc -l)
verdict=FAIL
if [ "$abusers_reported" -ne "$ABUSERS" ]; then
  echo "ws-soak-abuse: only $abusers_reported of $ABUSERS abusers reported; see $work/abuse-*.log (KEEP=1 keeps them)" >&2
elif [ -n "$verify" ] && [ "${sent:-0}" -gt 0 ] && [ "$lost" = 0 ] && [ "$wrong" = 0 ] && [ "$unexpected" = 0 ] && [ "$probe_ok" = yes ]; then verdict=PASS; fi
abuse_sums=$(grep -h '^result:' "$work"/abuse-*.log 2>/dev/null | sed 's/^result: *//' | tr ' ' '\n' | grep = |
  awk -F= '{ s[$1] += $2 } END { for (k in s) print k, s[k] }' | sort || true)
report=$(
  echo "# Soak under abuse: bench/ws-soak-abuse.sh"
  echo
  echo "Run: $started (UTC), $MINUTES min ($secs s)."
  echo "Machine: $(nproc) CPUs ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem/ { print $2 }') GiB RAM, $(uname -sr)."
  echo "JDK: $(java -version 2>&1 | head -1); Quiver $(java -jar "$jar" --version 2>/dev/null | head -1)$(git -C "$root" rev-parse --short HEAD 2>/dev/null | sed 's/^/, commit /')."
  echo "Proxy: bench/ws-soak (codec json, session per_client, max_connections 1000), -Xmx$PROXY_XMX ${QUIVER_JAVA_OPTS:-}; upstream: quiver bench echo --large-replies."
  echo "Clients: $CLIENTS (quiver bench ws --verify), $IN_FLIGHT in flight each, $SIZE-byte requests, reconnect after $RECONNECT_AFTER requests, drain $DRAIN s."
  echo "Abusers: $ABUSERS for $abuse_secs s, from $HEADSTART s after the clients connected (quiver bench abuse --mode $ABUSE_MODE, $PHASE s per mode; idle $IDLE_SOCKETS, slowloris $SLOWLORIS_SOCKETS sockets, $NONREADING_CLIENTS non-reading clients asking for $LARGE_BYTES-byte replies)."
  echo
  echo "| well-behaved clients | |"
  echo "|---|---|"
  if [ -n "$verify" ]; then
    echo "| requests | $sent |"
    echo "| answers | $((echoes + error_answers + wrong)) |"
    echo "| echoes (verified) | $echoes |"
    echo "| errors (error records) | $error_answers |"
    echo "| wrong answers | $wrong |"
    echo "| lost | $lost |"
    echo "| unexpected messages | $unexpected |"
    echo "| oldest unanswered at the end | $(get "$verify" longest_wait_ms) ms |"
    echo "| closed by the proxy / connect failures / reconnects | $(get "$verify" closed_by_server) / $(get "$verify" connect_failures) / $(get "$verify" reconnects) |"
    echo "| latency p50 / p99 / max | $(get "$result" p50_us) / $(get "$result" p99_us) / $(get "$result" max_us) µs |"
    echo "| msgs/s | $(get "$result" msgs_per_s) |"
  else
    echo "| result | the clients did not report (exit status $clients_status); see below |"
  fi
  echo
  echo "Proxy: peak RSS $((hwm_kb / 1024)) MB (VmHWM), highest sampled VmRSS $((rss_max_kb / 1024)) MB; alive at the end: $proxy_alive; answers a fresh client after the run: $probe_ok${probe_line:+ ($probe_line)}."
  echo "Proxy log: $(grep -c ' ERROR ' "$work/proxy.log" || true) ERROR lines, $(grep -c ' WARN ' "$work/proxy.log" || true) WARN lines, $(grep -c 'Exception\|Error:' "$work/proxy.log" || true) lines naming an exception or error."
  echo
  missing=""
  for m in slowloris idle nonreading deep invalid; do
    grep -q "^${m}_phases " <<<"$abuse_sums" || missing="$missing $m"
  done
  echo "Abusers that reported: $abusers_reported of $ABUSERS.${missing:+ Modes that did not run:$missing (raise MINUTES or lower PHASE).}"
  echo
  echo "| abusive action (all abusers) | count |"
  echo "|---|---|"
  awk '{ printf "| %s | %s |\n", $1, $2 }' <<<"$abuse_sums"
  echo
  echo "Verdict: $verdict (every abuser reported, requests were made, lost = 0, no wrong or unexpected answer, the proxy answers after the run; connect failures are reported above, not judged)."
)
echo "$report"
if [ -n "${OUT:-}" ]; then echo "$report" > "$OUT"; fi
if [ -z "$verify" ]; then echo "--- clients log (last 20 lines)"; tail -20 "$work/clients.log"; fi
if [ "$verdict" != PASS ]; then
  echo "--- first lines of the clients' stderr and the proxy log naming errors"
  grep -v '^\(verify\|result\|msgs\|latency\|errors\|connected\|requests\|unexpected\|connections\)\|connections ready\|^quiver bench ws: ws://' "$work/clients.log" | head -5 || true
  grep -m 10 'ERROR\|Exception\|Error:' "$work/proxy.log" | cut -c1-300 || true
  exit 1
fi
