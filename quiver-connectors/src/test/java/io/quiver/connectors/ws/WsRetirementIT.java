package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Ports;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.HalfOpenUpstream;
import io.quiver.value.Value;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Upstream connections the offramp gives up on are closed in bounded time and their buffers
 * released, even when the upstream stopped reading, so the close frame can never be written.
 */
class WsRetirementIT {
  /** More than the kernel's socket buffers take on loopback: the rest stays in the proxy. */
  private static final String BIG = "x".repeat(4 * 1024 * 1024);

  @AutoClose private final WsItFixture fixture = new WsItFixture();

  @Test
  void aConnectionRetiredAfterAReplyTimeoutIsClosedThoughTheUpstreamStoppedReading()
      throws Exception {
    HalfOpenUpstream deaf = new HalfOpenUpstream();
    fixture.add(deaf);
    RecordingSinkContext context = new RecordingSinkContext(true);
    WsOfframp offramp =
        fixture.offramp(context, TestSettings.offramp(deaf.url(), "reply_timeout_ms", 300));

    for (int i = 0; i < 3; i++) {
      offramp.onEvent(fixture.request(1, BIG));
    }
    List<RecordingSinkContext.Emitted> answers = context.next(3, Duration.ofSeconds(5));
    assertThat(answers).extracting(RecordingSinkContext.Emitted::port).containsOnly(Ports.ERR);
    assertThat(answers.get(0).event().data())
        .isEqualTo(
            Value.obj(
                "error",
                    Value.of(
                        "Error receiving reply from server "
                            + deaf.url()
                            + ": no reply within 300 ms"),
                "event_id", Value.of("1:0:0")));
    assertThat(offramp.metrics().replyTimeouts()).isGreaterThanOrEqualTo(1);

    // the retired connection's close frame sits behind megabytes the upstream never reads: it is
    // closed anyway, after the close handshake timeout, and its buffers go with it
    Await.until(
        "the retired connection closed",
        Duration.ofMillis(UpstreamChannelInitializer.CLOSE_TIMEOUT_MS + 4_000),
        () -> offramp.metrics().connectionsOpen() == 0);
    assertThat(offramp.metrics().connectionsOpened()).isEqualTo(1);
    assertThat(deaf.handshakes.get()).isEqualTo(1);
  }

  @Test
  void aSessionClosedWhileItsUpstreamStoppedReadingIsClosedInBoundedTime() throws Exception {
    HalfOpenUpstream deaf = new HalfOpenUpstream();
    fixture.add(deaf);
    RecordingSinkContext context = new RecordingSinkContext(true);
    WsOfframp offramp =
        fixture.offramp(context, TestSettings.offramp(deaf.url(), "reply_timeout_ms", 0));

    for (int i = 0; i < 3; i++) {
      offramp.onEvent(fixture.request(1, BIG));
    }
    Await.until("the connection open", () -> offramp.metrics().connectionsOpen() == 1);
    // the client goes away: its session closes, with a close frame the upstream will never read
    offramp.onSignal(new io.quiver.spi.Signal.StreamEnded(1, 1));
    List<RecordingSinkContext.Emitted> answers = context.next(3, Duration.ofSeconds(5));
    assertThat(answers).extracting(RecordingSinkContext.Emitted::port).containsOnly(Ports.ERR);
    Await.until(
        "the session's connection closed",
        Duration.ofMillis(UpstreamChannelInitializer.CLOSE_TIMEOUT_MS + 4_000),
        () -> offramp.metrics().connectionsOpen() == 0);
    assertThat(offramp.sessionCount()).isZero();
  }
}
