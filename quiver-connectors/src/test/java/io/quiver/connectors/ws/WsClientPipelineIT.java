package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handlers a client's channel keeps once its websocket handshake is done. */
class WsClientPipelineIT {
  private WsOnramp onramp;
  private RecordingSourceContext context;

  @AfterEach
  void stop() {
    if (onramp != null) {
      onramp.stop();
    }
  }

  private void start() throws Exception {
    context = new RecordingSourceContext(false);
    onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT,
            new WsOnrampSettings("127.0.0.1", 0, false, 16 * 1024 * 1024));
    onramp.start(context);
  }

  private long opened() throws Exception {
    long stream = context.nextOpened();
    Await.until("stream " + stream + " routable", () -> onramp.isRoutable(stream));
    return stream;
  }

  @Test
  void afterTheHandshakeOnlyTheMessageHandlersRemain() throws Exception {
    start();
    try (TestClient client = TestClient.connect(onramp.boundPort(), "/")) {
      long stream = opened();
      // no handshake handlers; one aggregator that also checks fragmented text, the stream handler
      // also gating reads on writability (each handler is a context on every idle connection)
      assertThat(onramp.clientPipeline(stream))
          .containsExactly(
              OutboundFrames.NAME,
              "wsencoder",
              WholeMessageShortcut.NAME,
              "wsdecoder",
              "close-check",
              "websocket",
              "keepalive",
              "messages",
              "stream",
              "inbound",
              "slow-reader",
              "errors");
    }
  }

  @Test
  void clientsShareTheHandlersThatKeepNoStateOfTheirOwn() throws Exception {
    start();
    try (TestClient first = TestClient.connect(onramp.boundPort(), "/");
        TestClient second = TestClient.connect(onramp.boundPort(), "/")) {
      long a = opened();
      long b = opened();
      for (String name : List.of("inbound", "errors", "stream")) {
        assertThat(onramp.clientHandler(a, name))
            .isNotNull()
            .isSameAs(onramp.clientHandler(b, name));
      }
      assertThat(onramp.clientHandler(a, "messages"))
          .isNotNull()
          .isNotSameAs(onramp.clientHandler(b, "messages"));
    }
  }
}
