package io.quiver.testkit.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The blocking loopback server: a callback per connection, all of them closed with it. */
class LoopbackAcceptorTest {
  @Test
  void handsEveryConnectionToTheCallbackEvenAfterOneThrew() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (LoopbackAcceptor server =
            new LoopbackAcceptor(
                "test-acceptor",
                socket -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IOException("first one fails");
                  }
                });
        Socket first = new Socket(InetAddress.getLoopbackAddress(), server.port());
        Socket second = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      Await.until("both connections seen", () -> calls.get() == 2);
    }
  }

  @Test
  void closeClosesTheAcceptedSocketsAndStopsListening() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    LoopbackAcceptor server = new LoopbackAcceptor("test-acceptor", s -> calls.incrementAndGet());
    int port = server.port();
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
      Await.until("the connection is accepted", () -> calls.get() == 1);
      server.close();
      assertThat(client.getInputStream().read()).as("end of stream").isEqualTo(-1);
    }
    // the listening socket is gone: a connect is refused. Waited for rather than asserted once,
    // since the socket is released by the accepting thread as it leaves accept(), and a connect
    // from an ephemeral port equal to the freed one can, rarely, succeed as a TCP self-connect
    Await.until("connections to the closed port are refused", () -> refused(port));
  }

  private static boolean refused(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
