package io.quiver.connectors.ws;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The open client connections of one onramp by stream id, for routing replies. Thread-safe. */
final class ClientRegistry {
  private final ConcurrentHashMap<Long, ClientConnection> byStream = new ConcurrentHashMap<>();

  /** Set when the onramp stops accepting: clients whose handshake completes later take nothing. */
  private volatile boolean stopping;

  void stopAccepting() {
    stopping = true;
  }

  boolean stopping() {
    return stopping;
  }

  void add(ClientConnection connection) {
    byStream.put(connection.stream(), connection);
  }

  void remove(ClientConnection connection) {
    byStream.remove(connection.stream(), connection);
  }

  /** The connection of {@code stream}, or {@code null} when it is unknown or closed. */
  ClientConnection find(long stream) {
    return byStream.get(stream);
  }

  Collection<ClientConnection> all() {
    return List.copyOf(byStream.values());
  }

  int size() {
    return byStream.size();
  }
}
