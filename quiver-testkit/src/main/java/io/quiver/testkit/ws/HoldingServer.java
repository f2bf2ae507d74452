package io.quiver.testkit.ws;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP server that accepts connections and never answers (the handshake never completes). */
public final class HoldingServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> accepted = new ArrayList<>();
  public final AtomicInteger connections = new AtomicInteger();

  public HoldingServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  synchronized (accepted) {
                    accepted.add(s);
                  }
                  connections.incrementAndGet();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "holding-server");
    t.setDaemon(true);
    t.start();
  }

  public String url() {
    return "ws://127.0.0.1:" + server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (accepted) {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }
}
