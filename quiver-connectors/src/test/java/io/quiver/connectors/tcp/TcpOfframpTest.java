package io.quiver.connectors.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.connectors.net.ClientTlsContext;
import io.quiver.connectors.net.ClientTlsSettings;
import io.quiver.spi.Artefact;
import io.quiver.spi.testing.RecordingSinkContext;
import io.quiver.testkit.Await;
import io.quiver.testkit.TestCerts;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tcp offramp at start: its first connection is held back by the test (a TLS peer that does not
 * accept yet cannot finish the handshake), so events sent meanwhile must wait for it instead of
 * failing as "not connected".
 */
class TcpOfframpTest {
  private static final Artefact ARTEFACT =
      new Artefact("out", "01", "tremor://localhost/offramp/out/01", false);

  @TempDir static Path tmp;
  private static TestCerts certs;
  private TcpOfframp offramp;
  private ServerSocket server;

  /** Records the insights (circuit, acks, fails); serializes events as JSON lines. */
  private final RecordingSinkContext context = RecordingSinkContext.jsonLines(ARTEFACT);

  @BeforeAll
  static void generateCerts() throws Exception {
    certs = TestCerts.generate(tmp, "peer");
  }

  @AfterEach
  void close() throws Exception {
    if (offramp != null) {
      offramp.stop();
    }
    if (server != null) {
      server.close();
    }
    assertThat(context.emitted).as("the tcp offramp emits nothing").isEmpty();
  }

  private static Event event(long n) {
    return new Event(
        new EventId(1, 0, n),
        0,
        Value.obj("n", Value.of(n)),
        Value.EMPTY_OBJECT,
        1,
        Transit.NONE.withTransactional(true));
  }

  /** A TLS server that accepts nothing until the test does: the offramp's connect stays pending. */
  private void tlsServer() throws Exception {
    server =
        certs
            .serverContext()
            .getServerSocketFactory()
            .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  private void startTls(int port) {
    ClientTlsContext tls =
        new ClientTlsContext(
            ClientTlsSettings.from(Value.obj("cafile", Value.of(certs.cert.toString()))),
            ARTEFACT.url());
    offramp = new TcpOfframp(ARTEFACT, new TcpTarget("127.0.0.1", port, true), tls, 20, 200);
    offramp.start(context);
  }

  @Test
  void eventsSentBeforeTheFirstConnectWaitForItAndGoOutInOrder() throws Exception {
    tlsServer();
    startTls(server.getLocalPort());
    assertThat(context.insightLog()).containsExactly("CIRCUIT_BROKEN");

    offramp.onEvent(event(1));
    offramp.onEvent(event(2));
    assertThat(context.insightLog())
        .as("nothing failed while connecting")
        .doesNotContain("fail 1:0:1");
    assertThat(offramp.drained()).as("two events wait").isFalse();

    try (Socket peer = server.accept();
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("{\"n\":1}");
      assertThat(lines.readLine()).isEqualTo("{\"n\":2}");
      Await.until(
          "both acked", () -> context.insightLog().containsAll(List.of("ack 1:0:1", "ack 1:0:2")));
      assertThat(context.insightLog())
          .contains("CIRCUIT_RESTORED")
          .noneMatch(i -> i.startsWith("fail"));
      Await.until("drained", offramp::drained);
      offramp.stop(); // before the peer closes, so it does not reconnect
    }
  }

  @Test
  void eventsWaitingForTheFirstConnectFailWhenTheOfframpStops() throws Exception {
    tlsServer();
    startTls(server.getLocalPort());
    offramp.onEvent(event(1));
    assertThat(context.insightLog()).doesNotContain("fail 1:0:1");

    offramp.stop();

    assertThat(context.insightLog()).contains("fail 1:0:1");
    assertThat(offramp.drained()).isTrue();
  }

  @Test
  void eventsWaitingForAFirstConnectThatFailsAreFailedAndNotHeldForever() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    offramp =
        new TcpOfframp(
            ARTEFACT, new TcpTarget("127.0.0.1", closedPort, true), null, 60_000, 60_000);
    offramp.start(context);
    offramp.onEvent(event(1));

    Await.until("the event failed", () -> context.insightLog().contains("fail 1:0:1"));
    assertThat(offramp.drained()).isTrue();
    offramp.onEvent(event(2)); // after the first attempt: failed at once, as before
    assertThat(context.insightLog()).contains("fail 1:0:2");
  }

  @Test
  void onlyTheFirstThousandOrSoEventsWait() throws Exception {
    tlsServer();
    startTls(server.getLocalPort());
    for (int n = 1; n <= TcpOfframp.MAX_WAITING_FOR_FIRST_CONNECT; n++) {
      offramp.onEvent(event(n));
    }
    assertThat(context.insightLog()).noneMatch(i -> i.startsWith("fail"));
    long over = TcpOfframp.MAX_WAITING_FOR_FIRST_CONNECT + 1L;
    offramp.onEvent(event(over));
    assertThat(context.insightLog()).containsExactly("CIRCUIT_BROKEN", "fail 1:0:" + over);
  }
}
