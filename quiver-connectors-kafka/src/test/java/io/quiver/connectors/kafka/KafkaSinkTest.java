package io.quiver.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Artefact;
import io.quiver.spi.Insight;
import io.quiver.spi.ReplyRoutes;
import io.quiver.spi.testing.RecordingSinkContext;
import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The offramp against Kafka's MockProducer: acks, fails, holds, the circuit. */
class KafkaSinkTest {
  private static final Artefact ARTEFACT = RecordingSinkContext.ARTEFACT;
  private final RecordingSinkContext context = holdingContext();
  private KafkaSink sink;

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.stop();
    }
  }

  /** Records what the sink reports; serializes with JSON; held senders slow down. */
  private static RecordingSinkContext holdingContext() {
    RecordingSinkContext context = new RecordingSinkContext();
    context.holdable = true;
    return context;
  }

  private static KafkaOfframpSettings settings() {
    return new KafkaOfframpSettings(
        List.of("127.0.0.1:1"), "t", "box", "fixed", Map.of(), null, 5000);
  }

  private static Event event(long n) {
    return new Event(new EventId(1, 0, n), n, Value.obj("n", Value.of(n)), Value.EMPTY_OBJECT, 1)
        .withTransit(Transit.NONE.withTransactional(true));
  }

  private KafkaSink start(MockProducer<byte[], byte[]> producer) throws Exception {
    sink = new KafkaSink(ARTEFACT, settings(), props -> producer);
    sink.start(context);
    return sink;
  }

  @Test
  void everyEventIsAckedOnceTheBrokerTookItAndEveryHoldIsReleased() throws Exception {
    var producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    start(producer);
    int total = 5_000; // well past the high water mark, so senders are held
    for (int i = 0; i < total; i++) {
      sink.onEvent(event(i));
    }
    Await.until(
        "all acked", Duration.ofSeconds(30), () -> context.count(Insight.Kind.ACK) == total);
    Await.until(
        "every hold released",
        Duration.ofSeconds(5),
        () -> context.holds.get() == context.releases.get());
    assertThat(context.holds.get()).as("senders were held").isPositive();
    assertThat(sink.drained()).isTrue();
    var first = producer.history().get(0);
    assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":0}");
    assertThat(first.key()).isEqualTo("fixed".getBytes(StandardCharsets.UTF_8));
    assertThat(first.topic()).isEqualTo("t");
  }

  @Test
  void aDeliveryErrorFailsTheEventAndBreaksTheCircuit() throws Exception {
    var producer =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    start(producer);
    sink.onEvent(event(7));
    Await.until("sent", Duration.ofSeconds(5), () -> producer.history().size() == 1);
    assertThat(sink.drained()).as("waiting for the broker").isFalse();
    producer.errorNext(new TimeoutException("gone"));
    Await.until("failed", Duration.ofSeconds(5), () -> context.count(Insight.Kind.FAIL) == 1);
    assertThat(context.insights).anyMatch(i -> i.kind() == Insight.Kind.CIRCUIT_BROKEN);
    assertThat(sink.drained()).isTrue();
    sink.onEvent(event(8));
    Await.until("sent again", Duration.ofSeconds(5), () -> producer.history().size() == 2);
    producer.completeNext();
    Await.until("acked", Duration.ofSeconds(5), () -> context.count(Insight.Kind.ACK) == 1);
    assertThat(context.insights).anyMatch(i -> i.kind() == Insight.Kind.CIRCUIT_RESTORED);
  }

  @Test
  void anUnresolvableBrokerNameStartsTheOfframpWithItsCircuitBrokenAndFailsEvents()
      throws Exception {
    // Kafka's own producer refuses to be made when no bootstrap name resolves; librdkafka
    // (Tremor) starts anyway and keeps trying, and so does the offramp (`.invalid` never resolves)
    KafkaOfframpSettings unresolvable =
        new KafkaOfframpSettings(
            List.of("broker.invalid:9092"), "t", "box", null, Map.of(), null, 5000);
    sink = new KafkaSink(ARTEFACT, unresolvable);
    sink.start(context);
    assertThat(context.insights).anyMatch(i -> i.kind() == Insight.Kind.CIRCUIT_BROKEN);
    sink.onEvent(event(1));
    Await.until("failed", Duration.ofSeconds(5), () -> context.count(Insight.Kind.FAIL) == 1);
    assertThat(sink.drained()).isTrue();
  }

  private KafkaSink startRouted(MockProducer<byte[], byte[]> producer, long timeoutMs)
      throws Exception {
    KafkaOfframpSettings routed =
        new KafkaOfframpSettings(
            List.of("127.0.0.1:1"), "requests", "box", null, Map.of(), "reply-route", timeoutMs);
    sink = new KafkaSink(ARTEFACT, routed, props -> producer, routes);
    sink.start(context);
    return sink;
  }

  private final ReplyRoutes routes = new ReplyRoutes();

  private static String routeHeader(
      org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> r) {
    var h = r.headers().lastHeader("reply-route");
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void aRoutedRequestCarriesATokenThatLeadsBackToTheRequest() throws Exception {
    var producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    startRouted(producer, 60_000);
    sink.onEvent(event(3));
    Await.until("sent", Duration.ofSeconds(5), () -> producer.history().size() == 1);
    String token = routeHeader(producer.history().get(0));
    assertThat(token).isNotBlank();
    ReplyRoutes.Route route = routes.take(token);
    assertThat(route.id()).isEqualTo(new EventId(1, 0, 3));
    assertThat(route.stream()).isEqualTo(1);
    assertThat(routes.take(token)).as("a route is answered once").isNull();
    assertThat(routes.size()).isZero();
  }

  @Test
  void aRequestWithoutReplyInTimeIsAnsweredWithAnErrorOnErr() throws Exception {
    var producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    startRouted(producer, 50);
    sink.onEvent(event(4));
    Await.until("answered", Duration.ofSeconds(5), () -> !context.emitted.isEmpty());
    var answer = context.emitted.poll();
    assertThat(answer.getKey()).isEqualTo("err");
    assertThat(answer.getValue().id()).isEqualTo(new EventId(1, 0, 4));
    assertThat(answer.getValue().stream()).isEqualTo(1);
    assertThat(Json.write(answer.getValue().data()))
        .isEqualTo(
            "{\"error\":\"Error receiving reply for request sent to kafka topic requests: no reply"
                + " within 50 ms\",\"event_id\":\"1:0:4\"}");
    assertThat(routes.take(routeHeader(producer.history().get(0))))
        .as("a late reply finds no route")
        .isNull();
  }

  @Test
  void aRequestThatCannotBeDeliveredIsAnsweredWithTheErrorAtOnce() throws Exception {
    var producer =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    startRouted(producer, 60_000);
    sink.onEvent(event(5));
    Await.until("sent", Duration.ofSeconds(5), () -> producer.history().size() == 1);
    producer.errorNext(new TimeoutException("gone"));
    Await.until("answered", Duration.ofSeconds(5), () -> !context.emitted.isEmpty());
    var answer = context.emitted.poll();
    assertThat(answer.getKey()).isEqualTo("err");
    assertThat(Json.write(answer.getValue().data()))
        .startsWith(
            "{\"error\":\"Error sending request to kafka topic requests:"
                + " org.apache.kafka.common.errors.TimeoutException: gone\"");
    assertThat(routes.size()).isZero();
  }
}
