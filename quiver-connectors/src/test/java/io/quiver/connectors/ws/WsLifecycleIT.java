package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import io.quiver.testkit.ws.TestClient;
import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Client and upstream lifecycles linked through onramp and offramp. */
class WsLifecycleIT {
  @AutoClose private final WsItFixture fixture = new WsItFixture();

  private WsOnramp proxy(TestUpstream up, boolean closeClients) throws Exception {
    WsOnramp onramp = new WsOnramp(RecordingSourceContext.ARTEFACT, TestSettings.onramp());
    WsOfframp offramp =
        new WsOfframp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.offramp(
                up.url(),
                "close_client_on_upstream_loss",
                closeClients,
                "reconnect_backoff_ms",
                5_000));
    fixture.bridge(onramp, offramp);
    return onramp;
  }

  @Test
  void aReplyAskingForCloseEndsTheClientAfterDeliveringIt() throws Exception {
    RecordingSourceContext context = new RecordingSourceContext(false);
    WsOnramp onramp = fixture.onramp(context, TestSettings.onramp());
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      long stream = context.nextOpened();
      Value meta =
          Value.obj(
              "ws",
              Value.obj("close", Value.obj("code", Value.of(4000), "reason", Value.of("bye"))));
      onramp.reply(new Event(new EventId(1, 0, 0), 1, Value.of("last words"), meta, stream));
      assertThat(client.nextText()).isEqualTo("last words");
      assertThat(client.awaitClose()).isEqualTo(4000);
      assertThat(context.nextClosed()).isEqualTo(stream);
    }
  }

  @Test
  void withCloseClientOnUpstreamLossTheClientGetsTheErrorThenClose1014() throws Exception {
    TestUpstream up = TestUpstream.start(TestUpstream.ECHO);
    fixture.add(up);
    WsOnramp onramp = proxy(up, true);
    try (TestClient client = TestClient.connect(onramp.boundPort());
        TestClient other = TestClient.connect(onramp.boundPort())) {
      client.send("hello");
      assertThat(client.nextText()).isEqualTo("hello");
      other.send("hi");
      assertThat(other.nextText()).isEqualTo("hi");
      up.kill();
      String lost =
          "{\"error\":\"Error receiving reply from server "
              + up.url()
              + ": WebSocket protocol error: Connection reset without closing handshake\",\"event_id\":";
      assertThat(client.nextText()).isEqualTo(lost + "\"1:0:0\"}");
      assertThat(other.nextText()).isEqualTo(lost + "\"1:0:1\"}");
      assertThat(client.awaitClose()).isEqualTo(1014);
      assertThat(other.awaitClose()).isEqualTo(1014);
    }
  }

  @Test
  void withoutTheOptionClientsStayConnectedAndGetErrorsOnly() throws Exception {
    TestUpstream up = TestUpstream.start(TestUpstream.SILENT);
    fixture.add(up);
    WsOnramp onramp = proxy(up, false);
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      client.send("pending");
      up.nextReceived();
      up.kill();
      assertThat(client.nextText())
          .isEqualTo(
              "{\"error\":\"Error receiving reply from server "
                  + up.url()
                  + ": WebSocket protocol error: Connection reset without closing handshake\",\"event_id\":\"1:0:0\"}");
      client.send("later");
      assertThat(client.nextText())
          .isEqualTo(
              "{\"error\":\"Error sending event to server "
                  + up.url()
                  + ": Trying to work with closed connection\",\"event_id\":\"1:0:1\"}");
      assertThat(onramp.connectedClients()).isEqualTo(1);
      assertThat(client.closeCode).isNotDone();
    }
  }

  @Test
  void aClientClosingClosesItsUpstreamSession() throws Exception {
    TestUpstream up = TestUpstream.start(TestUpstream.ECHO);
    fixture.add(up);
    WsOnramp onramp = new WsOnramp(RecordingSourceContext.ARTEFACT, TestSettings.onramp());
    WsOfframp offramp =
        new WsOfframp(RecordingSourceContext.ARTEFACT, TestSettings.offramp(up.url()));
    fixture.bridge(onramp, offramp);
    TestClient client = TestClient.connect(onramp.boundPort());
    client.send("x");
    assertThat(client.nextText()).isEqualTo("x");
    assertThat(offramp.sessionCount()).isEqualTo(1);
    client.abort();
    assertThat(up.closeFrames.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1000);
    Await.until("session gone", () -> offramp.sessionCount() == 0);
  }
}
