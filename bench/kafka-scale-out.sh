#!/usr/bin/env bash
# Scale-out with Kafka consumer groups: N Quiver processes run the same deployment (kafka onramp
# with guaranteed delivery -> passthrough -> kafka offramp) in one consumer group over a topic of
# P partitions. Kafka's verifiable producer writes the numbers 0..MESSAGES-1 to the input topic at
# RATE messages/s; KILL_AFTER seconds into it one Quiver process is SIGKILLed. Its partitions move
# to the others after the group's session timeout (6 s), which resume from its committed offsets.
# Prints sent, delivered (records in the output topic), distinct, duplicated (delivered - distinct:
# at least once), lost (sent numbers missing from the output: must be 0) and the rebalance time
# (from the kill to the last "Partitions assigned" line of the survivors).
# Everything runs on 127.0.0.1: a single-node KRaft broker (bin/kafka-broker) on a free port.
# Environment: PROCESSES=3 PARTITIONS=6 MESSAGES=30000 RATE=2000 KILL_AFTER=5
#   QUIVER_JAR (default quiver-server/target/quiver.jar) QUIVER_JAVA_OPTS (default -Xmx256m)
#   KEEP=1 keeps the work directory (logs, deployment, broker data)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
quiver_find_java
PROCESSES=${PROCESSES:-3}
PARTITIONS=${PARTITIONS:-6}
MESSAGES=${MESSAGES:-30000}
RATE=${RATE:-2000}
KILL_AFTER=${KILL_AFTER:-5}
jar=${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}
broker_cp=$root/quiver-kafka-broker/target/broker.classpath
[ -f "$jar" ] || { echo "kafka-scale-out: $jar is missing: build it with ./mvnw -B -q -o -pl quiver-server -am package -DskipTests" >&2; exit 1; }
[ -f "$broker_cp" ] || { echo "kafka-scale-out: $broker_cp is missing: build it with ./mvnw -B -q -o -pl quiver-kafka-broker -am package" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kafka-scale-out.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${KEEP:-}" = 1 ]; then echo "kafka-scale-out: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Kafka's own tools, from the broker's class path
ktool() {
  local class=$1
  shift
  java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$root/quiver-kafka-broker/target/classes:$(cat "$broker_cp")" "$class" "$@"
}
now_ms() { date +%s%3N; }

# two ports free a moment ago: the broker's and its controller's
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
  kill -0 "$broker" 2>/dev/null || { echo "kafka-scale-out: the broker exited:" >&2; tail -20 "$work/broker.log" >&2; exit 1; }
  sleep 0.1
done
for topic in in out; do
  ktool org.apache.kafka.tools.TopicCommand --bootstrap-server "$brokers" --create --topic "$topic" \
    --partitions "$PARTITIONS" --replication-factor 1 >>"$work/tools.log" 2>&1 ||
    { echo "kafka-scale-out: cannot create topic $topic:" >&2; tail -5 "$work/tools.log" >&2; exit 1; }
done

mkdir -p "$work/deployment"
echo 'select event from in into out;' >"$work/deployment/fwd.trickle"
cat >"$work/deployment/config.yaml" <<YAML
onramp:
  - id: in
    type: kafka
    codec: json
    config:
      brokers: ["$brokers"]
      topics: ["in"]
      group_id: scale-out
      rdkafka_options:
        enable.auto.commit: false
        auto.offset.reset: earliest
offramp:
  - id: out
    type: kafka
    codec: json
    config:
      brokers: ["$brokers"]
      topic: out
binding:
  - id: main
    links:
      "/onramp/in/{instance}/out": ["/pipeline/fwd/{instance}/in"]
      "/pipeline/fwd/{instance}/out": ["/offramp/out/{instance}/in"]
mapping:
  /binding/main/1: {instance: "1"}
YAML

quivers=()
for i in $(seq 1 "$PROCESSES"); do
  # shellcheck disable=SC2086 # QUIVER_JAVA_OPTS holds several words on purpose
  (cd "$work/deployment" && exec java ${QUIVER_JAVA_OPTS:--Xmx256m} -jar "$jar" server run -n \
    -f fwd.trickle config.yaml >"$work/quiver-$i.out" 2>"$work/quiver-$i.log") &
  pids+=($!)
  quivers+=($!)
done
# every partition assigned once the group settled
for _ in $(seq 1 600); do
  assigned=$(cat "$work"/quiver-*.log | grep -c "Partitions assigned" || true)
  [ "$assigned" -ge "$PROCESSES" ] && break
  sleep 0.1
done
sleep 3

echo "kafka-scale-out: $PROCESSES processes, $PARTITIONS partitions, $MESSAGES messages at $RATE/s; SIGKILL of one after ${KILL_AFTER}s"
ktool org.apache.kafka.tools.VerifiableProducer --bootstrap-server "$brokers" --topic in \
  --max-messages "$MESSAGES" --throughput "$RATE" --acks -1 >"$work/producer.out" 2>"$work/producer.log" &
producer=$!
pids+=($producer)
sleep "$KILL_AFTER"
victim=${quivers[1]}
kill_ms=$(now_ms)
kill -9 "$victim"
wait "$victim" 2>/dev/null || true
echo "kafka-scale-out: killed Quiver pid $victim at $(date -u -d "@$((kill_ms / 1000))" +%H:%M:%S)"
wait "$producer" || true
grep '"name":"producer_send_success"' "$work/producer.out" |
  sed 's/.*"value":"\([0-9]*\)".*/\1/' | sort -u >"$work/sent.txt" || true
sent=$(grep -c . "$work/sent.txt" || true)

# read the output topic until every sent number is there (or 90 s pass)
deadline=$(($(date +%s) + 90))
while :; do
  ktool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$brokers" --topic out \
    --from-beginning --timeout-ms 5000 >"$work/out.txt" 2>>"$work/tools.log" || true
  distinct=$(sort -u "$work/out.txt" | grep -c . || true)
  [ "$distinct" -ge "$sent" ] && break
  [ "$(date +%s)" -ge "$deadline" ] && break
done
delivered=$(grep -c . "$work/out.txt" || true)
lost=$(comm -23 "$work/sent.txt" <(sort -u "$work/out.txt") | grep -c . || true)
# messages the producer did not get acknowledged are not counted as sent
unacked=$((MESSAGES - sent))

# rebalance: the last assignment logged by a survivor after the kill
last_assign_ms=0
for i in $(seq 1 "$PROCESSES"); do
  [ "${quivers[$((i - 1))]}" = "$victim" ] && continue
  while read -r ts; do
    ms=$(date -u -d "$ts" +%s%3N)
    [ "$ms" -gt "$kill_ms" ] && [ "$ms" -gt "$last_assign_ms" ] && last_assign_ms=$ms
  done < <(grep "Partitions assigned" "$work/quiver-$i.log" | awk '{print $1}')
done
if [ "$last_assign_ms" -gt 0 ]; then
  rebalance="$(((last_assign_ms - kill_ms) / 1000)).$(printf %03d $(((last_assign_ms - kill_ms) % 1000))) s"
else
  rebalance="(no reassignment logged)"
fi

printf '%-12s %s\n' sent "$sent" delivered "$delivered" distinct "$distinct" \
  duplicated "$((delivered - distinct))" lost "$lost" \
  rebalance "$rebalance"
[ "$unacked" -eq 0 ] || echo "kafka-scale-out: $unacked messages were not acknowledged to the producer (not sent)"
