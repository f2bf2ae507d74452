package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.ws.RawWsClient;
import io.quiver.testkit.ws.WireFrame;
import io.quiver.testkit.ws.WirePeer;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every way the onramp ends a connection sends exactly one close frame (RFC 6455 §5.5.1), also when
 * the client answers that close frame as it should.
 */
class WsSingleCloseIT {
  private WsOnramp onramp;
  private final RecordingSourceContext context = new RecordingSourceContext(false);

  @AfterEach
  void stop() {
    onramp.stop();
  }

  private WirePeer connect(Object... config) throws Exception {
    onramp = new WsOnramp(RecordingSourceContext.ARTEFACT, TestSettings.onramp(config));
    onramp.start(context);
    Socket socket = new Socket("127.0.0.1", onramp.boundPort());
    DataInputStream in = new DataInputStream(socket.getInputStream());
    socket
        .getOutputStream()
        .write(RawWsClient.handshakeRequest("/").getBytes(StandardCharsets.US_ASCII));
    assertThat(WirePeer.readHead(in)).startsWith("HTTP/1.1 101 ");
    context.nextOpened();
    return new WirePeer(socket, in, true);
  }

  /** Reads the server's close frame, answers it, and returns what came after it. */
  private static List<WirePeer.Received> closeAndAnswer(WirePeer peer, int expectedCode)
      throws Exception {
    WirePeer.Received close = peer.read();
    while (close.opcode() == WireFrame.PING) {
      close = peer.read();
    }
    assertThat(close.opcode()).isEqualTo(WireFrame.CLOSE);
    assertThat(close.closeCode()).isEqualTo(expectedCode);
    peer.write(WireFrame.close(expectedCode));
    return peer.framesUntilEndOfStream();
  }

  @Test
  void anIdleClientThatAnswersTheCloseGetsOneCloseFrame() throws Exception {
    try (WirePeer peer = connect("idle_timeout_ms", 200, "ping_interval_ms", 0)) {
      assertThat(closeAndAnswer(peer, 1001)).isEmpty();
    }
  }

  @Test
  void aClientMissingPongsThatAnswersTheCloseGetsOneCloseFrame() throws Exception {
    try (WirePeer peer = connect("ping_interval_ms", 100, "pong_timeout_ms", 100)) {
      assertThat(closeAndAnswer(peer, 1001)).isEmpty();
    }
  }

  @Test
  void aProtocolViolationAnsweredByTheClientGetsOneCloseFrame() throws Exception {
    try (WirePeer peer = connect("ping_interval_ms", 0)) {
      peer.write(WireFrame.of(true, 3, new byte[0]));
      assertThat(closeAndAnswer(peer, 1002)).isEmpty();
    }
  }
}
