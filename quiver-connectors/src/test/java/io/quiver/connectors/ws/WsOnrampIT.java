package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestClient;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WsOnrampIT {
  private WsOnramp onramp;
  private RecordingSourceContext context;

  private WsOnramp start(boolean bufferAcrossMessages, int maxMessageSize) throws Exception {
    context = new RecordingSourceContext(false);
    onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            new WsOnrampSettings("127.0.0.1", 0, bufferAcrossMessages, maxMessageSize));
    onramp.start(context);
    return onramp;
  }

  /** The next opened stream, once the onramp can route replies to it. */
  private long opened() throws Exception {
    long stream = context.nextOpened();
    Await.until("stream " + stream + " routable", () -> onramp.isRoutable(stream));
    return stream;
  }

  private WsOnramp start() throws Exception {
    return start(false, 16 * 1024 * 1024);
  }

  @AfterEach
  void stop() {
    if (onramp != null) {
      onramp.stop();
    }
  }

  private static Event reply(long stream, Value data, Value meta) {
    return new Event(new EventId(1, 0, 7), 123, data, meta, stream);
  }

  @Test
  void textAndBinaryMessagesReachTheRuntimeWithTheirMeta() throws Exception {
    start();
    try (TestClient client = TestClient.connect(onramp.boundPort(), "/any/path?x=1")) {
      long stream = opened();
      client.send("hello\n");
      RecordingSourceContext.Received text = context.nextReceived();
      assertThat(text.stream()).isEqualTo(stream);
      assertThat(text.text()).isEqualTo("hello\n");
      Value ws = Value.obj("path", Value.of("/any/path"), "query", Value.of("x=1"));
      assertThat(text.meta()).isEqualTo(Value.obj("binary", Value.FALSE, "ws", ws));
      assertThat(text.endOfMessage()).isTrue();

      client.sendBinary(new byte[] {1, 2, (byte) 0xff});
      RecordingSourceContext.Received binary = context.nextReceived();
      assertThat(binary.data()).containsExactly(1, 2, 0xff);
      assertThat(binary.meta()).isEqualTo(Value.obj("binary", Value.TRUE, "ws", ws));
    }
  }

  @Test
  void eachClientsMessagesArriveOnItsOwnStream() throws Exception {
    // the message handler is shared by every client of the onramp: nothing of one client's
    // channel may stick to it (a cached attribute once sent b's messages down a's stream)
    start();
    try (TestClient a = TestClient.connect(onramp.boundPort());
        TestClient b = TestClient.connect(onramp.boundPort())) {
      long streamA = opened();
      long streamB = opened();
      for (int i = 0; i < 3; i++) {
        a.send("from a " + i);
        RecordingSourceContext.Received fromA = context.nextReceived();
        assertThat(fromA.text()).isEqualTo("from a " + i);
        assertThat(fromA.stream()).isEqualTo(streamA);
        b.send("from b " + i);
        RecordingSourceContext.Received fromB = context.nextReceived();
        assertThat(fromB.text()).isEqualTo("from b " + i);
        assertThat(fromB.stream()).isEqualTo(streamB);
      }
    }
  }

  @Test
  void continuationFramesArriveAsOneMessage() throws Exception {
    start();
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      client.sendParts("hel", "lo ", "world");
      assertThat(context.nextReceived().text()).isEqualTo("hello world");
    }
  }

  @Test
  void bufferAcrossMessagesLeavesTheMessageOpen() throws Exception {
    start(true, 1024);
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      client.send("part");
      assertThat(context.nextReceived().endOfMessage()).isFalse();
    }
  }

  @Test
  void repliesReachTheirOwnClientAsTextOrBinary() throws Exception {
    start();
    try (TestClient a = TestClient.connect(onramp.boundPort());
        TestClient b = TestClient.connect(onramp.boundPort())) {
      long streamA = opened();
      long streamB = opened();
      onramp.reply(reply(streamB, Value.of("for b"), Value.EMPTY_OBJECT));
      onramp.reply(reply(streamA, Value.of("for a"), Value.obj("binary", Value.FALSE)));
      onramp.reply(reply(streamA, Value.of("binary for a"), Value.obj("binary", Value.TRUE)));
      assertThat(b.nextText()).isEqualTo("for b");
      assertThat(a.nextText()).isEqualTo("for a");
      TestClient.Message binary = a.next();
      assertThat(binary.binary()).isTrue();
      assertThat(binary.text()).isEqualTo("binary for a");
      onramp.reply(reply(streamB, Value.obj("error", Value.of("x")), Value.EMPTY_OBJECT));
      assertThat(b.nextText()).isEqualTo("{\"error\":\"x\"}");
      assertThat(a.messages).isEmpty();
    }
  }

  @Test
  void invalidUtf8InATextReplyIsReplacedLikeTremorDoes() throws Exception {
    start();
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      long stream = opened();
      onramp.reply(reply(stream, Value.of(new byte[] {'a', (byte) 0xff, 'b'}), Value.EMPTY_OBJECT));
      assertThat(client.nextText()).isEqualTo("a\uFFFDb");
    }
  }

  @Test
  void replyEncodeFailureSendsTheErrorRecordToTheClient() throws Exception {
    start();
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      long stream = opened();
      onramp.reply(reply(stream, Value.of(1.5), Value.EMPTY_OBJECT));
      assertThat(client.nextText())
          .isEqualTo(
              "{\"error\":\"Error encoding message: cannot encode float 1.5\",\"event_id\":\"1:0:7\","
                  + "\"source_id\":\"tremor://localhost/onramp/ws/01\"}");
    }
  }

  @Test
  void aJavaErrorEncodingAReplyAnswersWithTheErrorRecordAndTheClientStaysServed() throws Exception {
    start();
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      long stream = opened();
      onramp.reply(reply(stream, Value.of("overflow"), Value.EMPTY_OBJECT));
      onramp.reply(reply(stream, Value.of("after"), Value.EMPTY_OBJECT));
      assertThat(client.nextText())
          .isEqualTo(
              "{\"error\":\"Error encoding message: internal error: java.lang.StackOverflowError\","
                  + "\"event_id\":\"1:0:7\",\"source_id\":\"tremor://localhost/onramp/ws/01\"}");
      assertThat(client.nextText()).isEqualTo("after");
    }
  }

  @Test
  void replyPostprocessFailureSendsABinaryErrorRecord() throws Exception {
    context = new RecordingSourceContext(true);
    onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT, new WsOnrampSettings("127.0.0.1", 0, false, 1024));
    onramp.start(context);
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      long stream = opened();
      onramp.reply(reply(stream, Value.of("fine"), Value.EMPTY_OBJECT));
      assertThat(client.nextText()).isEqualTo("fine\n");
      onramp.reply(reply(stream, Value.of("boom"), Value.EMPTY_OBJECT));
      TestClient.Message error = client.next();
      assertThat(error.binary()).isTrue();
      assertThat(error.text())
          .isEqualTo(
              "{\"error\":\"Error post-processing messages: Postprocessor error boom is not allowed\","
                  + "\"event_id\":\"1:0:7\",\"source_id\":\"tremor://localhost/onramp/ws/01\"}");
    }
  }

  @Test
  void aCloseFrameClosesTheStreamOnce() throws Exception {
    start();
    TestClient client = TestClient.connect(onramp.boundPort());
    long stream = opened();
    client.close();
    assertThat(client.awaitClose()).isEqualTo(1000);
    assertThat(context.nextClosed()).isEqualTo(stream);
    onramp.stop();
    onramp = null;
    assertThat(context.closeCounts.get(stream)).hasValue(1);
    assertThat(context.closed).isEmpty();
  }

  @Test
  void anAbruptDisconnectClosesTheStreamOnceAndLaterRepliesAreDropped() throws Exception {
    start();
    TestClient client = TestClient.connect(onramp.boundPort());
    long stream = opened();
    client.abort();
    assertThat(context.nextClosed()).isEqualTo(stream);
    onramp.reply(reply(stream, Value.of("too late"), Value.EMPTY_OBJECT));
    assertThat(onramp.connectedClients()).isZero();
    onramp.stop();
    onramp = null;
    assertThat(context.closeCounts.get(stream)).hasValue(1);
  }

  @Test
  void stopClosesConnectedClientsWith1001() throws Exception {
    start();
    TestClient client = TestClient.connect(onramp.boundPort());
    long stream = opened();
    onramp.stop();
    onramp = null;
    assertThat(context.nextClosed()).isEqualTo(stream);
    assertThat(client.awaitClose()).isEqualTo(1001);
  }

  @Test
  void afterStopAcceptingNewClientsAreRefusedAndMessagesDroppedButRepliesStillGoOut()
      throws Exception {
    start();
    int port = onramp.boundPort();
    TestClient client = TestClient.connect(port);
    long stream = opened();
    client.send("taken\n");
    assertThat(context.nextReceived().text()).isEqualTo("taken\n");

    onramp.stopAccepting();

    assertThatThrownBy(() -> TestClient.connect(port))
        .as("a new client after stopAccepting")
        .isNotNull();
    client.send("not taken\n");
    onramp.reply(reply(stream, Value.of("the answer"), Value.EMPTY_OBJECT));
    assertThat(client.nextText()).isEqualTo("the answer");
    onramp.stop();
    onramp = null;
    assertThat(client.awaitClose()).isEqualTo(1001);
    assertThat(context.nextClosed()).isEqualTo(stream);
    assertThat(context.received).as("messages taken after stopAccepting").isEmpty();
  }

  @Test
  void anOversizedMessageClosesTheConnectionWith1009() throws Exception {
    start(false, 1024);
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      long stream = opened();
      client.sendParts("x".repeat(600), "y".repeat(600));
      assertThat(client.awaitClose()).isEqualTo(1009);
      assertThat(context.nextClosed()).isEqualTo(stream);
      assertThat(context.received).isEmpty();
    }
  }

  @Test
  void anOversizedSingleFrameClosesTheConnectionWith1009() throws Exception {
    start(false, 1024);
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      opened();
      client.send("x".repeat(2000));
      assertThat(client.awaitClose()).isEqualTo(1009);
    }
  }

  @Test
  void pausedStreamsAreNotReadUntilResumed() throws Exception {
    start();
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      long stream = opened();
      context.flows.get(stream).pause();
      // the pause is applied on the event loop; a reply round trip makes sure it happened
      onramp.reply(reply(stream, Value.of("sync"), Value.EMPTY_OBJECT));
      assertThat(client.nextText()).isEqualTo("sync");
      client.send("while paused");
      assertThat(context.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
      context.flows.get(stream).resume();
      assertThat(context.nextReceived().text()).isEqualTo("while paused");
    }
  }

  @Test
  void aClientThatDoesNotReadItsRepliesIsNotReadEither() throws Exception {
    // a queue the replies below fill without overflowing it (twice over closes the client:
    // WsLimitsIT)
    context = new RecordingSourceContext(false);
    onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.onramp("send_queue_max_bytes", 16 * 1024 * 1024));
    onramp.start(context);
    java.util.concurrent.atomic.AtomicReference<java.net.http.WebSocket> socket =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.net.http.WebSocket ws =
        java.net.http.HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                java.net.URI.create("ws://127.0.0.1:" + onramp.boundPort() + "/"),
                new java.net.http.WebSocket.Listener() {
                  @Override
                  public void onOpen(java.net.http.WebSocket webSocket) {
                    socket.set(webSocket); // no request(): the client reads nothing
                  }
                })
            .get(5, TimeUnit.SECONDS);
    try {
      long stream = opened();
      String big = "r".repeat(64 * 1024);
      for (int i = 0; i < 400; i++) { // 25 MiB: beyond socket buffers plus the 16 MiB mark
        onramp.reply(reply(stream, Value.of(big), Value.EMPTY_OBJECT));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      boolean paused = false;
      while (!paused && System.nanoTime() < deadline) {
        ws.sendText("ping " + System.nanoTime(), true).get(5, TimeUnit.SECONDS);
        RecordingSourceContext.Received r = context.received.poll(200, TimeUnit.MILLISECONDS);
        paused = r == null;
      }
      assertThat(paused).as("reading stops while the client does not read").isTrue();
      context.received.clear();
      ws.request(Long.MAX_VALUE);
      assertThat(context.nextReceived().text()).startsWith("ping ");
    } finally {
      ws.abort();
    }
  }

  @Test
  void aBusyPortGivesAClearError() throws Exception {
    start();
    int port = onramp.boundPort();
    WsOnramp second =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT, new WsOnrampSettings("127.0.0.1", port, false, 1024));
    assertThatThrownBy(() -> second.start(new RecordingSourceContext(false)))
        .hasMessage("cannot listen on 127.0.0.1:" + port + ": Address already in use");
  }

  @Test
  void textBytesAreHandedOverUnchanged() throws Exception {
    start();
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      client.send("grüße ✓");
      assertThat(context.nextReceived().data())
          .isEqualTo("grüße ✓".getBytes(StandardCharsets.UTF_8));
    }
  }
}
