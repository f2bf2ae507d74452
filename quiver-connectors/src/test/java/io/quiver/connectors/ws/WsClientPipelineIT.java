package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handlers a client's channel keeps once its websocket handshake is done. The channel is the
 * one the onramp's {@link ReadGate} for the stream controls (the flow control the onramp opened the
 * stream with); its pipeline is read on its event loop.
 */
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

  private Channel channel(long stream) {
    return ((ReadGate) context.flows.get(stream)).channel();
  }

  /** The names of the handlers on the channel of client {@code stream}, in pipeline order. */
  private List<String> pipeline(long stream) throws Exception {
    Channel ch = channel(stream);
    return ch.eventLoop()
        .submit(
            () -> {
              List<String> names = new ArrayList<>();
              ch.pipeline().forEach(entry -> names.add(entry.getKey()));
              return names;
            })
        .get();
  }

  /** The handler named {@code name} on the channel of client {@code stream}, or null. */
  private ChannelHandler handler(long stream, String name) throws Exception {
    Channel ch = channel(stream);
    return ch.eventLoop().submit(() -> ch.pipeline().get(name)).get();
  }

  @Test
  void afterTheHandshakeOnlyTheMessageHandlersRemain() throws Exception {
    start();
    try (TestClient client = TestClient.connect(onramp.boundPort(), "/")) {
      long stream = opened();
      // no handshake handlers; one aggregator that also checks fragmented text, the stream handler
      // also gating reads on writability (each handler is a context on every idle connection)
      assertThat(pipeline(stream))
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
        assertThat(handler(a, name)).isNotNull().isSameAs(handler(b, name));
      }
      assertThat(handler(a, "messages")).isNotNull().isNotSameAs(handler(b, "messages"));
    }
  }
}
