package io.quiver.connectors.net;

import io.netty.channel.Channel;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The accepted sockets of one listener that have not completed their handshake (for an onramp: the
 * websocket handshake) yet, oldest first, bounded by max_pending_handshakes apart from the
 * established clients (max_connections). When a new socket would exceed the bound, the oldest
 * pending one is closed to make room, as nginx reuses its oldest idle connections when it runs out:
 * a real client completes its handshake within a round trip or two, so the sockets evicted are the
 * ones that sit idle or trickle bytes. Thread-safe (sockets are accepted on every event loop).
 */
public final class PendingHandshakes {
  private final int max;
  private final LinkedHashSet<Channel> pending = new LinkedHashSet<>();

  /**
   * @param max the bound; 0 for none
   */
  public PendingHandshakes(int max) {
    this.max = max;
  }

  /**
   * Counts {@code ch} as pending and returns the socket to close to keep the bound (the oldest
   * pending one), or {@code null} when there is room. The caller closes it outside this lock.
   */
  public synchronized Channel admit(Channel ch) {
    pending.add(ch);
    if (max <= 0 || pending.size() <= max) {
      return null;
    }
    Iterator<Channel> oldest = pending.iterator();
    Channel evicted = oldest.next();
    oldest.remove();
    return evicted;
  }

  /** The socket completed its handshake or closed. */
  public synchronized void remove(Channel ch) {
    pending.remove(ch);
  }

  public synchronized int size() {
    return pending.size();
  }
}
