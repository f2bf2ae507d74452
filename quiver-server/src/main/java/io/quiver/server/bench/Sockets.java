package io.quiver.server.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Every socket a phase of {@code quiver bench abuse} opened, so that the phase's end closes them
 * all (with a reset), which also ends any read or write still blocked on one.
 */
final class Sockets {
  private final List<Closeable> open = new ArrayList<>();

  synchronized void add(Socket s) {
    open.add(
        () -> {
          try {
            s.setSoLinger(true, 0);
          } catch (IOException ignored) {
            // closing anyway
          }
          s.close();
        });
  }

  synchronized void add(java.nio.channels.SocketChannel c) {
    open.add(
        () -> {
          try {
            c.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
          } catch (IOException ignored) {
            // closing anyway
          }
          c.close();
        });
  }

  /** Closes every socket added so far. */
  void closeAll() {
    List<Closeable> all;
    synchronized (this) {
      all = new ArrayList<>(open);
      open.clear();
    }
    for (Closeable c : all) {
      try {
        c.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }
}
