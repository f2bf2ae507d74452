package io.quiver.connectors.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.connectors.net.ClientTlsContext;
import io.quiver.connectors.net.ClientTlsSettings;
import io.quiver.spi.Artefact;
import io.quiver.spi.Codec;
import io.quiver.spi.Insight;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.testkit.Await;
import io.quiver.testkit.TestCerts;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
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
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
  private final Recording context = new Recording();

  /** Records the insights (circuit, acks, fails); serializes events as JSON lines. */
  private static final class Recording implements SinkContext {
    final Queue<String> insights = new ConcurrentLinkedQueue<>();

    @Override
    public Artefact artefact() {
      return ARTEFACT;
    }

    @Override
    public void emit(String port, Event event) {
      throw new AssertionError("the tcp offramp emits nothing");
    }

    @Override
    public void insight(Insight insight) {
      insights.add(
          switch (insight.kind()) {
            case ACK -> "ack " + insight.id();
            case FAIL -> "fail " + insight.id();
            default -> insight.kind().toString();
          });
    }

    @Override
    public Serializer newSerializer() {
      return new Serializer(
          new Codec() {
            @Override
            public String name() {
              return "json";
            }

            @Override
            public Optional<Value> decode(byte[] data, long ingestNs) {
              return Optional.empty();
            }

            @Override
            public byte[] encode(Value value) {
              byte[] json = Json.writeBytes(value);
              byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
              line[json.length] = '\n';
              return line;
            }
          },
          List.of());
    }

    @Override
    public io.quiver.spi.Deserializer newDeserializer() {
      throw new UnsupportedOperationException();
    }
  }

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
    assertThat(context.insights).containsExactly("CIRCUIT_BROKEN");

    offramp.onEvent(event(1));
    offramp.onEvent(event(2));
    assertThat(context.insights).as("nothing failed while connecting").doesNotContain("fail 1:0:1");
    assertThat(offramp.drained()).as("two events wait").isFalse();

    try (Socket peer = server.accept();
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("{\"n\":1}");
      assertThat(lines.readLine()).isEqualTo("{\"n\":2}");
      Await.until(
          "both acked", () -> context.insights.containsAll(List.of("ack 1:0:1", "ack 1:0:2")));
      assertThat(context.insights)
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
    assertThat(context.insights).doesNotContain("fail 1:0:1");

    offramp.stop();

    assertThat(context.insights).contains("fail 1:0:1");
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

    Await.until("the event failed", () -> context.insights.contains("fail 1:0:1"));
    assertThat(offramp.drained()).isTrue();
    offramp.onEvent(event(2)); // after the first attempt: failed at once, as before
    assertThat(context.insights).contains("fail 1:0:2");
  }

  @Test
  void onlyTheFirstThousandOrSoEventsWait() throws Exception {
    tlsServer();
    startTls(server.getLocalPort());
    for (int n = 1; n <= TcpOfframp.MAX_WAITING_FOR_FIRST_CONNECT; n++) {
      offramp.onEvent(event(n));
    }
    assertThat(context.insights).noneMatch(i -> i.startsWith("fail"));
    long over = TcpOfframp.MAX_WAITING_FOR_FIRST_CONNECT + 1L;
    offramp.onEvent(event(over));
    assertThat(context.insights).containsExactly("CIRCUIT_BROKEN", "fail 1:0:" + over);
  }
}
