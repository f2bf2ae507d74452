package io.quiver.testkit.ws;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking TCP server on 127.0.0.1 (ephemeral port) for peers that misbehave below the websocket
 * layer: a daemon thread accepts each connection and hands it to a callback; every accepted socket
 * stays open until {@link #close}. A callback that throws is over for that connection only.
 */
public final class LoopbackAcceptor implements AutoCloseable {
  /** What to do with an accepted socket, on the accepting thread. */
  @FunctionalInterface
  public interface OnAccept {
    void accepted(Socket socket) throws IOException;
  }

  private final ServerSocket server;
  private final List<Socket> accepted = new ArrayList<>();
  private final OnAccept onAccept;

  public LoopbackAcceptor(String threadName, OnAccept onAccept) throws IOException {
    this.onAccept = onAccept;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, threadName);
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        synchronized (accepted) {
          accepted.add(s);
        }
        onAccept.accepted(s);
      } catch (IOException | RuntimeException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  /** Stops accepting and closes every accepted socket. */
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
