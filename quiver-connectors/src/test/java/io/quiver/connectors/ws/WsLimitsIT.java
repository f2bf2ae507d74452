package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import io.quiver.testkit.ws.RawWsClient;
import io.quiver.testkit.ws.TestClient;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class WsLimitsIT {
  @AutoClose private final WsItFixture fixture = new WsItFixture();
  private RecordingSourceContext context;
  private WsOnramp onramp;

  private WsOnramp start(WsOnrampSettings settings) throws Exception {
    context = new RecordingSourceContext(false);
    onramp = fixture.onramp(context, settings);
    return onramp;
  }

  private static Event reply(long stream, String text) {
    return new Event(new EventId(1, 0, 5), 1, Value.of(text), Value.EMPTY_OBJECT, stream);
  }

  @Test
  void connectionsOverMaxConnectionsGetHttp503UntilOneLeaves() throws Exception {
    start(TestSettings.onramp("max_connections", 1));
    TestClient first = TestClient.connect(onramp.boundPort());
    long firstStream = context.nextOpened();
    try (RawWsClient refused = RawWsClient.connect(onramp.boundPort())) {
      assertThat(refused.handshakeResponse).startsWith("HTTP/1.1 503 Service Unavailable\r\n");
      assertThat(refused.awaitEndOfStream()).isTrue();
    }
    assertThat(onramp.metrics().connectionsRejected()).isEqualTo(1);
    assertThat(context.opened).isEmpty();
    onramp.reply(reply(firstStream, "first still served"));
    assertThat(first.nextText()).isEqualTo("first still served");

    first.close();
    assertThat(context.nextClosed()).isEqualTo(firstStream);
    Await.until("the first connection released", () -> onramp.connectedClients() == 0);
    try (TestClient second = TestClient.connect(onramp.boundPort())) {
      long secondStream = context.nextOpened();
      onramp.reply(reply(secondStream, "welcome"));
      assertThat(second.nextText()).isEqualTo("welcome");
    }
  }

  @Test
  void theRefusalExplainsTheLimit() throws Exception {
    start(TestSettings.onramp("max_connections", 1));
    try (TestClient first = TestClient.connect(onramp.boundPort());
        java.net.Socket s = new java.net.Socket("127.0.0.1", onramp.boundPort())) {
      context.nextOpened();
      s.getOutputStream()
          .write(
              RawWsClient.handshakeRequest("/")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String response =
          new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(response)
          .endsWith("\r\n\r\ntoo many connections (max_connections is 1); try again later\n");
    }
  }

  @Test
  void anIdleClientIsClosedWith1001AndPingsDoNotCountAsActivity() throws Exception {
    start(TestSettings.onramp("idle_timeout_ms", 300, "ping_interval_ms", 50));
    try (TestClient idle = TestClient.connect(onramp.boundPort())) {
      long stream = context.nextOpened();
      assertThat(idle.awaitClose()).isEqualTo(1001);
      assertThat(context.nextClosed()).isEqualTo(stream);
      WsMetrics.Snapshot m = onramp.metrics();
      assertThat(m.idleTimeouts()).isEqualTo(1);
      assertThat(m.pingsSent()).isGreaterThanOrEqualTo(1);
      assertThat(m.closesByCode()).containsEntry(1001, 1L);
    }
  }

  @Test
  void aClientThatDoesNotReadWhileRepliesKeepComingIsClosedWith1008WhileOthersAreServed()
      throws Exception {
    start(TestSettings.onramp("send_queue_max_bytes", 65536, "slow_reader_timeout_ms", 300));
    try (TestClient polite = TestClient.connect(onramp.boundPort())) {
      long politeStream = context.nextOpened();
      WebSocket stuck =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + onramp.boundPort() + "/"),
                  new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket webSocket) {
                      // no request(): reads nothing
                    }
                  })
              .get(5, TimeUnit.SECONDS);
      try {
        long stuckStream = context.nextOpened();
        String big = "r".repeat(64 * 1024);
        for (int i = 0;
            i < 200;
            i++) { // 12.5 MiB: far beyond the socket buffers and the 64 KiB bound
          onramp.reply(reply(stuckStream, big));
        }
        assertThat(context.nextClosed()).isEqualTo(stuckStream);
        WsMetrics.Snapshot m = onramp.metrics();
        // nothing can pause what sends these replies (per-client upstream sessions are paused, see
        // WsReplyMemoryIT): once another send_queue_max_bytes came while the queue was full, the
        // client is closed at once, before slow_reader_timeout_ms
        assertThat(m.replyOverflowCloses()).isEqualTo(1);
        assertThat(m.slowReaderCloses()).isZero();
        assertThat(onramp.replyQueuePeakBytes())
            .isLessThanOrEqualTo(3L * 65536 + DataFrames.MAX_HEADER);
        assertThat(m.closesByCode()).containsEntry(1008, 1L);
        onramp.reply(reply(politeStream, "served"));
        assertThat(polite.nextText()).isEqualTo("served");
        assertThat(onramp.connectedClients()).isEqualTo(1);
      } finally {
        stuck.abort();
      }
    }
  }

  @Test
  void aClientVanishingWithoutCloseFrameEndsItsStreamOnly() throws Exception {
    start(TestSettings.onramp());
    try (TestClient stays = TestClient.connect(onramp.boundPort())) {
      long staysStream = context.nextOpened();
      RawWsClient vanishing = RawWsClient.connect(onramp.boundPort());
      long vanishingStream = context.nextOpened();
      vanishing.close(); // TCP FIN, no close frame
      assertThat(context.nextClosed()).isEqualTo(vanishingStream);
      onramp.reply(reply(staysStream, "still here"));
      assertThat(stays.nextText()).isEqualTo("still here");
    }
  }
}
