package io.quiver.connectors.rest.offramp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving upstream on 127.0.0.1 with blocking sockets: for each connection it reads one
 * request head and then does what its {@link Behaviour} says (answer garbage, close without an
 * answer, answer once and close after it). Counts connections.
 */
final class RawUpstream implements AutoCloseable {
  interface Behaviour {
    /**
     * Called after a request was read, the {@code index}th on its connection (from 0); returns
     * whether to read another on the connection.
     */
    boolean afterRequest(Socket socket, int index) throws IOException;
  }

  private final ServerSocket server;
  private final Thread acceptor;
  final AtomicInteger connections = new AtomicInteger();

  RawUpstream(Behaviour behaviour) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!server.isClosed()) {
                    try {
                      Socket s = server.accept();
                      connections.incrementAndGet();
                      Thread.ofPlatform().daemon().start(() -> serve(s, behaviour));
                    } catch (IOException e) {
                      return;
                    }
                  }
                });
  }

  private static void serve(Socket s, Behaviour behaviour) {
    try (s) {
      InputStream in = s.getInputStream();
      int index = 0;
      while (readHead(in)) {
        if (!behaviour.afterRequest(s, index++)) {
          return;
        }
      }
    } catch (IOException e) {
      // the test is over or the client went away
    }
  }

  /** Reads up to the blank line and a Content-Length body; false at the end of the stream. */
  private static boolean readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1).toLowerCase();
    int at = text.indexOf("content-length:");
    if (at >= 0) {
      int eol = text.indexOf('\r', at);
      int length = Integer.parseInt(text.substring(at + 15, eol).strip());
      in.readNBytes(length);
    }
    return true;
  }

  static boolean write(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    return true;
  }

  int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }
}
