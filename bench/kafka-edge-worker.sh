#!/usr/bin/env bash
# Request/reply across machines (examples/91_ws_kafka_edge_worker) on one machine: a ws edge
# publishes each client message as a request to the Kafka topic `requests` (6 partitions) with a
# route header, W worker processes in one consumer group answer on `replies`, and the edge routes
# each reply to the connection that asked. For W = 1, 2, 3 (WORKERS) the load is
# `quiver bench ws --verify` against the edge: every request is a JSON record unique to its
# connection and number and its answer must be its exact echo (the bench's workers echo; the
# example's add who answered), so a misrouted reply is counted; requests unanswered after the run
# are lost. Prints per W: requests/s, latency p50/p99 (ms), errors (timeouts), lost, misrouted.
# Everything runs on 127.0.0.1: a single-node KRaft broker (bin/kafka-broker) on a free port;
# every process is a JVM of its own (broker, edge, each worker, the load).
# Environment: WORKERS="1 2 3" CONNECTIONS=16 INFLIGHT=8 DURATION=10 WARMUP=3
#   QUIVER_JAR (default quiver-server/target/quiver.jar) QUIVER_JAVA_OPTS (default -Xmx256m)
#   KEEP=1 keeps the work directory (logs, deployments, broker data)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
. "$root/bench/lib/ports.sh"
quiver_find_java
WORKERS=${WORKERS:-1 2 3}
CONNECTIONS=${CONNECTIONS:-16}
INFLIGHT=${INFLIGHT:-8}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
jar=${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}
example=$root/examples/91_ws_kafka_edge_worker
[ -f "$jar" ] || { echo "kafka-edge-worker: $jar is missing: build it with ./mvnw -B -q -o -pl quiver-server -am package -DskipTests" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kafka-edge-worker.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${KEEP:-}" = 1 ]; then echo "kafka-edge-worker: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_ports() {
  python3 -c '
import socket, sys
s = [socket.socket() for _ in range(int(sys.argv[1]))]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])' "$1"
}
quiver() {
  # shellcheck disable=SC2086 # QUIVER_JAVA_OPTS holds several words on purpose
  java ${QUIVER_JAVA_OPTS:--Xmx256m} -jar "$jar" "$@"
}

read -r port controller ws < <(free_ports 3)
"$root/bin/kafka-broker" --port "$port" --controller-port "$controller" --dir "$work/broker" \
  --partitions 6 >"$work/broker.log" 2>&1 &
pids+=($!)
wait_port "$port" 60 || { echo "kafka-edge-worker: the broker did not start:" >&2; tail -20 "$work/broker.log" >&2; exit 1; }

# one deployment copy per round, with this round's topics and groups and the free ports
deployment() { # ROUND PART -> directory
  local dir=$work/round-$1/$2 src=$example/$2
  [ "${2#worker-}" != "$2" ] && src=$example/worker-a
  mkdir -p "$dir"
  for f in "$src"/*.yaml "$src"/*.trickle; do
    sed -e "s/127.0.0.1:9092/127.0.0.1:$port/; s/port: 9139/port: $ws/" \
      -e "s/- requests$/- requests-$1/; s/topic: requests$/topic: requests-$1/" \
      -e "s/- replies$/- replies-$1/; s/topic: replies$/topic: replies-$1/" \
      -e "s/group_id: workers/group_id: workers-$1/; s/group_id: edge-1/group_id: edge-$1/" \
      "$f" >"$dir/$(basename "$f")"
  done
  if [ "${2#worker-}" != "$2" ]; then # the bench's workers echo, so that the load can verify
    cat >"$dir/work.trickle" <<'TRICKLE'
define script work
script
  let $kafka = {"headers": {"quiver-route": $kafka.headers["quiver-route"]}};
  event
end;
create script work;
select event from in into work;
select event from work into out;
TRICKLE
  fi
  echo "$dir"
}

printf '%-8s %10s %9s %9s %8s %6s %9s\n' workers requests/s p50_ms p99_ms errors lost misrouted
for w in $WORKERS; do
  round=()
  for i in $(seq 1 "$w"); do
    dir=$(deployment "$w" "worker-$i")
    (cd "$dir" && exec java ${QUIVER_JAVA_OPTS:--Xmx256m} -jar "$jar" server run -n -f ./*.yaml ./*.trickle \
      >"$dir/out.log" 2>"$dir/err.log") &
    pids+=($!)
    round+=($!)
  done
  dir=$(deployment "$w" edge)
  (cd "$dir" && exec java ${QUIVER_JAVA_OPTS:--Xmx256m} -jar "$jar" server run -n -f ./*.yaml ./*.trickle \
    >"$dir/out.log" 2>"$dir/err.log") &
  pids+=($!)
  round+=($!)
  wait_port "$ws" 60 || { echo "kafka-edge-worker: the edge did not start" >&2; exit 1; }
  # ready once every worker has its partitions and a request comes back (not an error)
  for _ in $(seq 1 600); do
    assigned=$(cat "$work/round-$w"/worker-*/err.log | grep -c "Partitions assigned" || true)
    [ "$assigned" -ge "$w" ] && break
    sleep 0.2
  done
  ready=
  for _ in $(seq 1 60); do
    answer=$(echo '{"probe":1}' | timeout 10 java -jar "$jar" ws -1 "ws://127.0.0.1:$ws" 2>/dev/null || true)
    [ "$answer" = '{"probe":1}' ] && { ready=1; break; }
  done
  [ -n "$ready" ] || { echo "kafka-edge-worker: no reply through $w worker(s)" >&2; exit 1; }
  quiver bench ws --url "ws://127.0.0.1:$ws" --verify --connections "$CONNECTIONS" \
    --in-flight "$INFLIGHT" --duration "$DURATION" --warmup "$WARMUP" --drain 10 \
    >"$work/bench-$w.txt" 2>&1 || true
  result=$(grep '^result:' "$work/bench-$w.txt" || true)
  verify=$(grep '^verify:' "$work/bench-$w.txt" || true)
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
  [ -n "$result" ] || { echo "kafka-edge-worker: the load failed:" >&2; tail -20 "$work/bench-$w.txt" >&2; exit 1; }
  printf '%-8s %10s %9.1f %9.1f %8s %6s %9s\n' "$w" "$(field msgs_per_s "$result")" \
    "$(awk -v u="$(field p50_us "$result")" 'BEGIN{print u/1000}')" \
    "$(awk -v u="$(field p99_us "$result")" 'BEGIN{print u/1000}')" \
    "$(field error_answers "$verify")" "$(field lost "$verify")" "$(field wrong_answers "$verify")"
  [ "${VERBOSE:-}" = 1 ] && cat "$work/bench-$w.txt"
  for pid in "${round[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${round[@]}"; do wait "$pid" 2>/dev/null || true; done
done
