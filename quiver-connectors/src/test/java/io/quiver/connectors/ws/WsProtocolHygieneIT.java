package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.ws.RawWsClient;
import io.quiver.testkit.ws.TestClient;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invalid input from one raw-socket client closes only that connection, with the RFC 6455 close
 * code; a well-behaved client connected at the same time keeps getting its replies.
 */
class WsProtocolHygieneIT {
  private RecordingSourceContext context;
  private WsOnramp onramp;
  private TestClient polite;
  private long politeStream;

  @BeforeEach
  void start() throws Exception {
    context = new RecordingSourceContext(false);
    onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT, TestSettings.onramp("max_message_size", 1024));
    onramp.start(context);
    polite = TestClient.connect(onramp.boundPort());
    politeStream = context.nextOpened();
  }

  @AfterEach
  void stop() {
    polite.close();
    onramp.stop();
  }

  private void assertPoliteClientUnaffected() throws Exception {
    polite.send("still ok");
    RecordingSourceContext.Received r = context.nextReceived();
    assertThat(r.stream()).isEqualTo(politeStream);
    assertThat(r.text()).isEqualTo("still ok");
    onramp.reply(
        new Event(new EventId(1, 0, 3), 1, Value.of("reply"), Value.EMPTY_OBJECT, politeStream));
    assertThat(polite.nextText()).isEqualTo("reply");
  }

  private void assertClosedWith(RawWsClient raw, int code) throws Exception {
    long stream = context.nextOpened();
    RawWsClient.Frame close = raw.awaitClose();
    assertThat(close.closeCode()).isEqualTo(code);
    assertThat(raw.awaitEndOfStream()).isTrue();
    assertThat(context.nextClosed()).isEqualTo(stream);
    assertThat(context.received).isEmpty();
    assertThat(onramp.metrics().closesByCode()).containsEntry(code, 1L);
    assertPoliteClientUnaffected();
  }

  @Test
  void anUnmaskedClientFrameCloses1002() throws Exception {
    try (RawWsClient raw = RawWsClient.connect(onramp.boundPort())) {
      raw.sendFrame(RawWsClient.TEXT, true, false, "hi".getBytes(StandardCharsets.UTF_8));
      assertClosedWith(raw, 1002);
    }
  }

  @Test
  void anUnknownOpcodeCloses1002() throws Exception {
    try (RawWsClient raw = RawWsClient.connect(onramp.boundPort())) {
      raw.sendFrame(3, true, true, "hi".getBytes(StandardCharsets.UTF_8));
      assertClosedWith(raw, 1002);
    }
  }

  @Test
  void invalidUtf8InATextFrameCloses1007() throws Exception {
    try (RawWsClient raw = RawWsClient.connect(onramp.boundPort())) {
      raw.sendFrame(RawWsClient.TEXT, true, true, new byte[] {'a', (byte) 0xff, 'b'});
      assertClosedWith(raw, 1007);
    }
  }

  @Test
  void anOversizedControlFrameCloses1002() throws Exception {
    try (RawWsClient raw = RawWsClient.connect(onramp.boundPort())) {
      raw.sendFrame(RawWsClient.PING, true, true, new byte[126]);
      assertClosedWith(raw, 1002);
    }
  }

  @Test
  void aFragmentedControlFrameCloses1002() throws Exception {
    try (RawWsClient raw = RawWsClient.connect(onramp.boundPort())) {
      raw.sendFrame(RawWsClient.PING, false, true, new byte[] {1});
      assertClosedWith(raw, 1002);
    }
  }

  @Test
  void aContinuationWithoutStartCloses1002() throws Exception {
    try (RawWsClient raw = RawWsClient.connect(onramp.boundPort())) {
      raw.sendFrame(0, true, true, "x".getBytes(StandardCharsets.UTF_8));
      assertClosedWith(raw, 1002);
    }
  }

  @Test
  void anOversizedMessageCloses1009() throws Exception {
    try (RawWsClient raw = RawWsClient.connect(onramp.boundPort())) {
      raw.sendFrame(RawWsClient.BINARY, true, true, new byte[2048]);
      assertClosedWith(raw, 1009);
    }
  }

  @Test
  void handshakeGarbageGetsHttp400AndNoStream() throws Exception {
    try (RawWsClient raw =
        RawWsClient.sendRaw(onramp.boundPort(), "\u0001\u0002 garbage \u00ff\r\n\r\n")) {
      assertThat(raw.handshakeResponse).startsWith("HTTP/1.1 400 Bad Request\r\n");
      assertThat(raw.awaitEndOfStream()).isTrue();
    }
    assertThat(context.opened).isEmpty();
    assertPoliteClientUnaffected();
  }

  @Test
  void aPlainHttpRequestGetsHttp400AndNoStream() throws Exception {
    try (RawWsClient raw =
        RawWsClient.sendRaw(onramp.boundPort(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n")) {
      assertThat(raw.handshakeResponse).startsWith("HTTP/1.1 400 Bad Request\r\n");
      assertThat(raw.awaitEndOfStream()).isTrue();
    }
    assertThat(context.opened).isEmpty();
    assertPoliteClientUnaffected();
  }
}
