package io.quiver.testkit.ws;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP server that accepts connections and never answers (the handshake never completes). */
public final class HoldingServer implements AutoCloseable {
  private final LoopbackAcceptor server;
  public final AtomicInteger connections = new AtomicInteger();

  public HoldingServer() throws IOException {
    server = new LoopbackAcceptor("holding-server", socket -> connections.incrementAndGet());
  }

  public String url() {
    return "ws://127.0.0.1:" + server.port();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
