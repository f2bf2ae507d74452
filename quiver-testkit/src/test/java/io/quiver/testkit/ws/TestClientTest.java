package io.quiver.testkit.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The JDK client against the echo server: both ends of the kit on 127.0.0.1. */
class TestClientTest {
  @Test
  void collectsTextAndBinaryMessagesInOrder() throws Exception {
    try (EchoWsServer server = EchoWsServer.replying(2);
        TestClient client = TestClient.connect(port(server))) {
      client.send("a");
      assertThat(client.nextTexts(2, Duration.ofSeconds(5))).containsExactly("a", "a");
      client.sendBinary(new byte[] {1, 2});
      TestClient.Message m = client.next();
      assertThat(m.binary()).isTrue();
      assertThat(m.bytes()).containsExactly(1, 2);
      assertThatThrownBy(client::nextText).isInstanceOf(AssertionError.class);
      assertThat(server.next().text()).isEqualTo("a");
    }
  }

  @Test
  void nothingPendingAfterEverythingWasTakenAndTheCloseCodeArrives() throws Exception {
    try (EchoWsServer server = EchoWsServer.closing();
        TestClient client = TestClient.connect(port(server))) {
      client.send("x");
      assertThat(client.closeCode(Duration.ofSeconds(5))).isEqualTo(1000);
      assertThat(client.pending()).isEmpty();
      assertThatThrownBy(() -> client.nextText(Duration.ofMillis(50)))
          .isInstanceOf(AssertionError.class)
          .hasMessage("no message within 50 ms");
    }
  }

  private static int port(EchoWsServer server) {
    String url = server.url(); // ws://127.0.0.1:<port>/
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.length() - 1));
  }
}
