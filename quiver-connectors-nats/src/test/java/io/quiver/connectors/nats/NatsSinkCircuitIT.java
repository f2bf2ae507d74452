package io.quiver.connectors.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.quiver.spi.Insight;
import io.quiver.spi.testing.RecordingSinkContext;
import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nats offramp's insights against a real nats-server: acks for transactional events, the
 * circuit broken while the server is away (and while it is not there at start), restored when it is
 * back.
 */
class NatsSinkCircuitIT {
  @TempDir Path tmp;

  private static Event event(long n) {
    return new Event(new EventId(1, 0, n), 0, Value.obj("n", Value.of(n)), Value.EMPTY_OBJECT, 0)
        .withTransit(Transit.NONE.withTransactional(true));
  }

  private static NatsOfframpSettings settings(String host) {
    return new NatsOfframpSettings(List.of(host), "out", null, Map.of(), NatsConnectOptions.NONE);
  }

  @Test
  void acksBreaksAndRestores() throws Exception {
    try (NatsServer server = NatsServer.start(tmp)) {
      RecordingSinkContext context = new RecordingSinkContext();
      NatsSink sink = new NatsSink(RecordingSinkContext.ARTEFACT, settings(server.host()));
      try (Connection client = Nats.connect(server.url())) {
        Subscription sub = client.subscribe("out");
        client.flush(Duration.ofSeconds(5));
        sink.start(context);
        sink.onEvent(event(1));
        Message m = sub.nextMessage(Duration.ofSeconds(10));
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        Await.until("ack", Duration.ofSeconds(10), () -> context.saw(Insight.Kind.ACK));
        assertThat(context.saw(Insight.Kind.CIRCUIT_BROKEN)).isFalse();

        server.stop();
        Await.until(
            "circuit broken",
            Duration.ofSeconds(10),
            () -> context.saw(Insight.Kind.CIRCUIT_BROKEN));
        server.start();
        Await.until(
            "circuit restored",
            Duration.ofSeconds(30),
            () -> context.saw(Insight.Kind.CIRCUIT_RESTORED));
      } finally {
        sink.stop();
      }
    }
  }

  @Test
  void aServerNotThereAtStartBreaksTheCircuitUntilItComes() throws Exception {
    NatsServer server = NatsServer.start(tmp);
    server.stop();
    try (server) {
      RecordingSinkContext context = new RecordingSinkContext();
      NatsSink sink = new NatsSink(RecordingSinkContext.ARTEFACT, settings(server.host()));
      try {
        sink.start(context);
        Await.until(
            "circuit broken",
            Duration.ofSeconds(10),
            () -> context.saw(Insight.Kind.CIRCUIT_BROKEN));
        server.start();
        Await.until(
            "circuit restored",
            Duration.ofSeconds(30),
            () -> context.saw(Insight.Kind.CIRCUIT_RESTORED));
      } finally {
        sink.stop();
      }
    }
  }
}
