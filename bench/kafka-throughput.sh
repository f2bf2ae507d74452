#!/usr/bin/env bash
# kafka -> passthrough -> kafka: how fast one Quiver process moves records from one topic to
# another, against the broker's own ceiling on the same single-node broker (127.0.0.1).
#  1. kafka-producer-perf-test (ProducerPerformance) writes MESSAGES records to `in`, payloads
#     drawn from the JSON lines of DATA (Tremor's bench data, ../shared/data/data.json.xz): the
#     producer ceiling (records/s, MB/s).
#  2. kafka-consumer-perf-test (ConsumerPerformance) reads them back: the consumer ceiling.
#  3. Quiver (kafka onramp, json codec -> select event -> kafka offramp, json codec) copies `in` to
#     `out`, once with Tremor's defaults (auto commit) and once with guaranteed delivery
#     (enable.auto.commit: false); timed from the first record in `out` to the last (topic end
#     offsets polled every 200 ms), with the Quiver process's CPU seconds (/proc/PID/stat) in
#     that span.
# Environment: MESSAGES=200000 PARTITIONS=3 DATA=<path of data.json.xz>
#   QUIVER_JAR (default quiver-server/target/quiver.jar) QUIVER_JAVA_OPTS (default -Xmx512m)
#   KEEP=1 keeps the work directory
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
quiver_find_java
MESSAGES=${MESSAGES:-200000}
PARTITIONS=${PARTITIONS:-3}
DATA=${DATA:-$root/../shared/data/data.json.xz}
jar=${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}
broker_cp=$root/quiver-kafka-broker/target/broker.classpath
[ -f "$jar" ] || { echo "kafka-throughput: $jar is missing: build it with ./mvnw -B -q -o -pl quiver-server -am package -DskipTests" >&2; exit 1; }
[ -f "$broker_cp" ] || { echo "kafka-throughput: $broker_cp is missing: build it with ./mvnw -B -q -o -pl quiver-kafka-broker -am package" >&2; exit 1; }
[ -f "$DATA" ] || { echo "kafka-throughput: $DATA is missing: set DATA to Tremor's data.json.xz" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kafka-throughput.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${KEEP:-}" = 1 ]; then echo "kafka-throughput: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
ktool() {
  local class=$1
  shift
  java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$root/quiver-kafka-broker/target/classes:$(cat "$broker_cp")" "$class" "$@"
}
cpu_s() { # user+system CPU seconds of a process
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}
# records in a topic: the sum of its partitions' end offsets
count() {
  ktool org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$brokers" --topic "$1" 2>/dev/null |
    awk -F: '{n += $3} END {print n + 0}'
}

read -r port controller < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
brokers=127.0.0.1:$port
"$root/bin/kafka-broker" --port "$port" --controller-port "$controller" --dir "$work/broker" \
  >"$work/broker.log" 2>&1 &
broker=$!
pids+=($broker)
for _ in $(seq 1 600); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$broker" 2>/dev/null || { echo "kafka-throughput: the broker exited" >&2; tail -20 "$work/broker.log" >&2; exit 1; }
  sleep 0.1
done
for topic in in out-auto out-gd; do
  ktool org.apache.kafka.tools.TopicCommand --bootstrap-server "$brokers" --create --topic "$topic" \
    --partitions "$PARTITIONS" --replication-factor 1 >>"$work/tools.log" 2>&1
done
xz -dc "$DATA" | grep . >"$work/payloads.json"
bytes=$(awk -v n="$MESSAGES" '{s += length($0)} END {printf "%d", s / NR * n}' "$work/payloads.json")

echo "kafka-throughput: $MESSAGES records (JSON lines of $(basename "$DATA"), about $((bytes / MESSAGES)) B each), $PARTITIONS partitions"
echo "== kafka-producer-perf-test (acks=all):"
ktool org.apache.kafka.tools.ProducerPerformance --topic in --num-records "$MESSAGES" --throughput -1 \
  --payload-file "$work/payloads.json" --producer-props bootstrap.servers="$brokers" acks=all \
  2>>"$work/tools.log" | tail -1
echo "== kafka-consumer-perf-test:"
ktool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$brokers" --topic in \
  --messages "$MESSAGES" 2>>"$work/tools.log" | tail -2

run_quiver() { # $1 = mode (auto|gd)
  local mode=$1 dir=$work/quiver-$1 options=""
  mkdir -p "$dir"
  echo 'select event from in into out;' >"$dir/fwd.trickle"
  if [ "$mode" = gd ]; then options="        enable.auto.commit: false"; fi
  cat >"$dir/config.yaml" <<YAML
onramp:
  - id: in
    type: kafka
    codec: json
    config:
      brokers: ["$brokers"]
      topics: ["in"]
      group_id: quiver-$mode
      rdkafka_options:
        auto.offset.reset: earliest
$options
offramp:
  - id: out
    type: kafka
    codec: json
    config:
      brokers: ["$brokers"]
      topic: out-$mode
binding:
  - id: main
    links:
      "/onramp/in/{instance}/out": ["/pipeline/fwd/{instance}/in"]
      "/pipeline/fwd/{instance}/out": ["/offramp/out/{instance}/in"]
mapping:
  /binding/main/1: {instance: "1"}
YAML
  # shellcheck disable=SC2086 # QUIVER_JAVA_OPTS holds several words on purpose
  (cd "$dir" && exec java ${QUIVER_JAVA_OPTS:--Xmx512m} -jar "$jar" server run -n \
    -f fwd.trickle config.yaml >"$dir/out.log" 2>&1) &
  local pid=$!
  pids+=($pid)
  local n=0 t0 c0 n0 t1 c1
  while [ "$n" -eq 0 ]; do
    sleep 0.2
    n=$(count "out-$mode")
  done
  t0=$(date +%s%N) c0=$(cpu_s $pid) n0=$n
  while [ "$n" -lt "$MESSAGES" ]; do
    sleep 0.2
    n=$(count "out-$mode")
  done
  t1=$(date +%s%N) c1=$(cpu_s $pid)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  awk -v n=$((n - n0)) -v dt=$(((t1 - t0) / 1000000)) -v cpu0="$c0" -v cpu1="$c1" -v b=$((bytes / MESSAGES)) -v mode="$mode" \
    'BEGIN {r = n / (dt / 1000); printf "== quiver kafka -> passthrough -> kafka (%s): %d records in %.1f s: %.0f records/s, %.2f MB/s, %.1f us CPU per record\n", mode, n, dt / 1000, r, r * b / 1048576, (cpu1 - cpu0) * 1e6 / n}'
}
run_quiver auto
run_quiver gd
