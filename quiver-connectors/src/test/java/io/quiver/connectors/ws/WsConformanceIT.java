package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.connectors.ws.ConformanceCases.Case;
import io.quiver.connectors.ws.ConformanceCases.Closed;
import io.quiver.connectors.ws.ConformanceCases.Msg;
import io.quiver.connectors.ws.ConformanceCases.Open;
import io.quiver.connectors.ws.ConformanceCases.Side;
import io.quiver.spi.Ports;
import io.quiver.testkit.ws.RawWsClient;
import io.quiver.testkit.ws.WireFrame;
import io.quiver.testkit.ws.WirePeer;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Quiver's own websocket conformance suite: every case of {@link ConformanceCases} against the
 * onramp (this test is a raw-socket client: it masks, and checks the onramp does not) and against
 * the offramp (this test is a raw-socket upstream server: it does not mask, and checks the
 * offramp's requests, pongs and close frames are masked). Each case runs on a fresh onramp or
 * offramp, so a failing case cannot disturb the next.
 */
class WsConformanceIT {
  private static final Pattern KEY = Pattern.compile("(?i)Sec-WebSocket-Key:\\s*(\\S+)");

  @TestFactory
  Stream<DynamicNode> onramp() {
    return suite(Side.ONRAMP, this::runOnramp);
  }

  @TestFactory
  Stream<DynamicNode> offramp() {
    return suite(Side.OFFRAMP, this::runOfframp);
  }

  @FunctionalInterface
  private interface Runner {
    void run(Case c) throws Exception;
  }

  private static Stream<DynamicNode> suite(Side side, Runner runner) {
    Map<String, List<DynamicNode>> sections = new LinkedHashMap<>();
    for (Case c : ConformanceCases.all()) {
      if (c.sides().contains(side)) {
        sections
            .computeIfAbsent(c.section(), s -> new ArrayList<>())
            .add(DynamicTest.dynamicTest(c.toString(), () -> runner.run(c)));
      }
    }
    return sections.entrySet().stream()
        .map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
  }

  // --- onramp: the suite is the client
  // ------------------------------------------------------------

  private void runOnramp(Case c) throws Exception {
    RecordingSourceContext context = new RecordingSourceContext(false);
    WsOnramp onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.onramp(
                "max_message_size", ConformanceCases.MAX_MESSAGE_SIZE, "ping_interval_ms", 0));
    onramp.start(context);
    try (Socket socket = new Socket("127.0.0.1", onramp.boundPort())) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      socket
          .getOutputStream()
          .write(RawWsClient.handshakeRequest("/").getBytes(StandardCharsets.US_ASCII));
      assertThat(WirePeer.readHead(in)).startsWith("HTTP/1.1 101 ");
      WirePeer peer = new WirePeer(socket, in, true);
      long stream = context.nextOpened();
      peer.write(c.frames(), c.chunk());
      switch (c.expected()) {
        case Open open -> {
          expectPongs(peer, open.pongs(), false);
          expectReceived(context, stream, open.messages());
          peer.write(WireFrame.close(1000));
          expectClose(peer, 1000, false);
        }
        case Closed closed -> {
          expectClose(peer, closed.code(), false);
          expectReceived(context, stream, closed.before());
        }
      }
      assertThat(context.nextClosed()).isEqualTo(stream);
      assertThat(context.received).as("messages after the close").isEmpty();
    } finally {
      onramp.stop();
    }
  }

  private static void expectReceived(
      RecordingSourceContext context, long stream, List<Msg> messages) throws InterruptedException {
    for (Msg m : messages) {
      RecordingSourceContext.Received r = context.nextReceived();
      assertThat(r.stream()).isEqualTo(stream);
      assertThat(r.data()).as("payload of %s", m).isEqualTo(m.data());
      assertThat(((Value.Obj) r.meta()).fields().get("binary")).isEqualTo(Value.of(m.binary()));
    }
  }

  // --- offramp: the suite is the upstream server
  // ----------------------------------------------------

  private void runOfframp(Case c) throws Exception {
    int expectedReplies =
        switch (c.expected()) {
          case Open open -> open.messages().size();
          case Closed closed -> closed.before().size();
        };
    // one more request than replies expected, so that one is still waiting when the connection ends
    int requests = expectedReplies + 1;
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(5_000);
      String url = "ws://127.0.0.1:" + server.getLocalPort();
      RecordingSinkContext sink = new RecordingSinkContext(true);
      sink.wholeMessageReplies = true;
      WsOfframp offramp =
          new WsOfframp(
              sink.artefact(),
              TestSettings.offramp(
                  url,
                  "max_message_size",
                  ConformanceCases.MAX_MESSAGE_SIZE,
                  "ping_interval_ms",
                  0,
                  "connect_timeout_ms",
                  30_000,
                  "reply_timeout_ms",
                  30_000));
      offramp.start(sink);
      List<Event> sent = new ArrayList<>();
      try {
        for (int i = 0; i < requests; i++) {
          Event e =
              new Event(new EventId(1, 0, i), 100 + i, Value.of("req" + i), Value.EMPTY_OBJECT, 7);
          sent.add(e);
          offramp.onEvent(e);
        }
        try (Socket socket = server.accept()) {
          DataInputStream in = new DataInputStream(socket.getInputStream());
          acceptHandshake(socket, WirePeer.readHead(in));
          WirePeer peer = new WirePeer(socket, in, false);
          for (int i = 0; i < requests; i++) {
            WirePeer.Received request = peer.read();
            assertThat(request.masked()).as("the offramp masks its frames").isTrue();
            assertThat(request.opcode()).isEqualTo(WireFrame.TEXT);
            assertThat(new String(request.payload(), StandardCharsets.UTF_8))
                .isEqualTo("req" + i + "\n");
          }
          peer.write(c.frames(), c.chunk());
          switch (c.expected()) {
            case Open open -> {
              expectPongs(peer, open.pongs(), true);
              expectReplies(sink, sent, open.messages());
              peer.write(WireFrame.close(1000));
              expectClose(peer, 1000, true);
            }
            case Closed closed -> {
              expectClose(peer, closed.code(), true);
              expectReplies(sink, sent, closed.before());
            }
          }
          RecordingSinkContext.Emitted error = sink.next();
          assertThat(error.port())
              .as("the request left waiting gets an error")
              .isEqualTo(Ports.ERR);
          assertThat(error.event().id()).isEqualTo(sent.get(requests - 1).id());
          assertThat(((Value.Str) error.event().metaField("error")).value())
              .startsWith("Error receiving reply from server " + url + ": ");
          assertThat(sink.emitted.poll(0, TimeUnit.MILLISECONDS))
              .as("nothing else emitted")
              .isNull();
        }
      } finally {
        offramp.stop();
      }
    }
  }

  private static void acceptHandshake(Socket socket, String head) throws Exception {
    Matcher m = KEY.matcher(head);
    assertThat(m.find()).as("Sec-WebSocket-Key in %s", head).isTrue();
    String accept =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-1")
                    .digest(
                        (m.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                            .getBytes(StandardCharsets.US_ASCII)));
    socket
        .getOutputStream()
        .write(
            ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: "
                    + accept
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  private static void expectReplies(RecordingSinkContext sink, List<Event> sent, List<Msg> messages)
      throws Exception {
    for (int i = 0; i < messages.size(); i++) {
      Msg m = messages.get(i);
      RecordingSinkContext.Emitted reply = sink.next();
      assertThat(reply.port())
          .as("reply %d (%s): %s", i, m, reply.event().data())
          .isEqualTo(Ports.OUT);
      assertThat(reply.event().id()).isEqualTo(sent.get(i).id());
      assertThat(reply.event().data())
          .isEqualTo(Value.of(new String(m.data(), StandardCharsets.UTF_8)));
      assertThat(reply.event().metaField("binary")).isEqualTo(Value.of(m.binary()));
    }
  }

  // --- both sides
  // -----------------------------------------------------------------------------------

  private static void expectPongs(WirePeer peer, List<byte[]> pongs, boolean masked)
      throws Exception {
    for (byte[] payload : pongs) {
      WirePeer.Received pong = peer.read();
      assertThat(pong.opcode()).as("a pong, got %s", pong).isEqualTo(WireFrame.PONG);
      assertThat(pong.payload()).isEqualTo(payload);
      assertThat(pong.masked()).isEqualTo(masked);
    }
  }

  /** Exactly one close frame with {@code code}, then the end of the connection. */
  private static void expectClose(WirePeer peer, int code, boolean masked) throws Exception {
    WirePeer.Received close = peer.read();
    assertThat(close.opcode()).as("a close frame, got %s", close).isEqualTo(WireFrame.CLOSE);
    assertThat(close.closeCode()).as("close code").isEqualTo(code);
    assertThat(close.masked()).isEqualTo(masked);
    assertThat(peer.framesUntilEndOfStream()).as("frames after the close frame").isEmpty();
  }
}
