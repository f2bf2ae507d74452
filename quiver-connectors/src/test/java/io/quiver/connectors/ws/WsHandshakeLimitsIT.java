package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import io.quiver.testkit.ws.RawWsClient;
import io.quiver.testkit.ws.TestClient;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, defect 3: sockets that do not complete a websocket handshake (idle sockets, slowloris,
 * half-sent requests, accept floods) are bounded apart from the clients, so they cannot keep real
 * clients out or stay open for ever.
 */
class WsHandshakeLimitsIT {
  private static final String PARTIAL_REQUEST =
      "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n";

  @AutoClose private final WsItFixture fixture = new WsItFixture();
  private RecordingSourceContext context;
  private WsOnramp onramp;
  private final List<Socket> sockets = new ArrayList<>();

  private WsOnramp start(WsOnrampSettings settings) throws Exception {
    context = new RecordingSourceContext(false);
    onramp = fixture.onramp(context, settings);
    return onramp;
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
  }

  private Socket open() throws IOException {
    Socket s = new Socket("127.0.0.1", onramp.boundPort());
    s.setSoTimeout(10_000); // a socket the onramp never closes fails the test here
    sockets.add(s);
    return s;
  }

  /**
   * Everything the server sends until it closes the socket (fails after 10 s without the close).
   */
  private static String readUntilClosed(Socket s) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[1024];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        got.write(buf, 0, n);
      }
    } catch (SocketException reset) {
      // closed with unread bytes of ours in its buffer: a reset is a close too
    }
    return got.toString(StandardCharsets.UTF_8);
  }

  private void assertARealClientIsServed() throws Exception {
    try (TestClient client = TestClient.connect(onramp.boundPort())) {
      long stream = context.nextOpened();
      onramp.reply(
          new Event(new EventId(1, 0, 1), 1, Value.of("served"), Value.EMPTY_OBJECT, stream));
      assertThat(client.nextText()).isEqualTo("served");
    }
  }

  @Test
  void aSlowlorisClientIsAnsweredWith408AndClosedAtTheHandshakeTimeout() throws Exception {
    start(TestSettings.onramp("handshake_timeout_ms", 500));
    Socket slow = open();
    OutputStream out = slow.getOutputStream();
    AtomicBoolean closed = new AtomicBoolean();
    Thread trickle =
        Thread.ofVirtual()
            .start(
                () -> {
                  byte[] request =
                      RawWsClient.handshakeRequest("/").getBytes(StandardCharsets.US_ASCII);
                  try {
                    // one byte at a time, never the whole request within the timeout
                    for (int i = 0; i < request.length - 1 && !closed.get(); i++) {
                      out.write(request[i]);
                      out.flush();
                      Thread.sleep(50); // the slowloris pace under test, not synchronisation
                    }
                  } catch (IOException | InterruptedException e) {
                    // the onramp closed the socket: what the test waits for
                  }
                });
    String answer = readUntilClosed(slow);
    closed.set(true);
    trickle.join();
    assertThat(answer)
        .startsWith("HTTP/1.1 408 Request Timeout\r\n")
        .endsWith("\r\n\r\n" + HandshakeDeadline.text() + "\n");
    assertThat(onramp.metrics().handshakeTimeouts()).isEqualTo(1);
    assertThat(context.opened).isEmpty();
    assertARealClientIsServed();
  }

  @Test
  void aSocketThatSendsNothingIsClosedWithoutAnAnswerAtTheHandshakeTimeout() throws Exception {
    start(TestSettings.onramp("handshake_timeout_ms", 300));
    Socket idle = open();
    assertThat(readUntilClosed(idle)).isEmpty();
    assertThat(onramp.metrics().handshakeTimeouts()).isEqualTo(1);
    Await.until("no socket pending", () -> onramp.pendingHandshakes() == 0);
  }

  @Test
  void manyHalfSentHandshakesAreAllClosed() throws Exception {
    start(TestSettings.onramp("handshake_timeout_ms", 500));
    List<Socket> halfSent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Socket s = open();
      s.getOutputStream().write(PARTIAL_REQUEST.getBytes(StandardCharsets.US_ASCII));
      halfSent.add(s);
    }
    for (Socket s : halfSent) {
      assertThat(readUntilClosed(s)).startsWith("HTTP/1.1 408 Request Timeout\r\n");
    }
    assertThat(onramp.metrics().handshakeTimeouts()).isEqualTo(200);
    assertARealClientIsServed();
  }

  @Test
  void idleSocketsDoNotTakeTheSlotsOfRealClients() throws Exception {
    start(TestSettings.onramp("max_connections", 2, "handshake_timeout_ms", 0));
    for (int i = 0; i < 50; i++) {
      open();
    }
    try (TestClient first = TestClient.connect(onramp.boundPort())) {
      context.nextOpened();
      assertARealClientIsServed(); // the second slot
      assertThat(onramp.metrics().connectionsRejected()).isZero();
      Await.until("the 50 idle sockets held meanwhile", () -> onramp.pendingHandshakes() == 50);
      // both slots taken by real clients: the next real one is refused as before
      try (TestClient holder = TestClient.connect(onramp.boundPort())) {
        context.nextOpened();
        try (RawWsClient refused = RawWsClient.connect(onramp.boundPort())) {
          assertThat(refused.handshakeResponse).startsWith("HTTP/1.1 503 Service Unavailable\r\n");
        }
      }
    }
  }

  @Test
  void overMaxPendingHandshakesTheOldestPendingSocketIsClosed() throws Exception {
    start(TestSettings.onramp("max_pending_handshakes", 3, "handshake_timeout_ms", 0));
    List<Socket> idle = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      idle.add(open());
      int n = i + 1;
      Await.until(
          n + " sockets pending", () -> onramp.pendingHandshakes() == n); // accepted in this order
    }
    Socket fourth = open();
    assertThat(readUntilClosed(idle.get(0))).isEmpty();
    assertThat(onramp.metrics().pendingHandshakesEvicted()).isEqualTo(1);
    Await.until("three sockets pending", () -> onramp.pendingHandshakes() == 3);
    // the newest pending socket can still complete its handshake
    fourth
        .getOutputStream()
        .write(RawWsClient.handshakeRequest("/").getBytes(StandardCharsets.US_ASCII));
    assertThat(RawWsClient.readHead(fourth.getInputStream()))
        .startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    context.nextOpened();
  }

  @Test
  void socketsAcceptedFasterThanMaxAcceptsPerSecondAreClosedAtOnce() throws Exception {
    start(TestSettings.onramp("max_accepts_per_second", 2, "handshake_timeout_ms", 0));
    for (int i = 0; i < 20; i++) {
      open();
    }
    // two tokens at start and two more a second: most of the 20 must be closed at once
    Await.until("sockets over the rate closed", () -> onramp.metrics().acceptsThrottled() >= 10);
    Await.until(
        "a real client admitted once the bucket refilled",
        Duration.ofSeconds(10),
        () -> {
          try {
            assertARealClientIsServed();
            return true;
          } catch (Exception | AssertionError throttled) {
            return false;
          }
        });
  }
}
