package io.quiver.connectors.rest.offramp;

import io.netty.channel.Channel;
import java.util.ArrayDeque;

/**
 * The connections of one endpoint in a {@link ConnectionPool}: how many are open, and the idle ones
 * (the most recently used last). It lives as long as the endpoint has an open connection, so a
 * request that empties the idle queue and the response that refills it make no new objects. Used on
 * the pool's loop only.
 */
final class EndpointConnections {
  final Endpoint.PoolKey key;
  final ArrayDeque<Channel> idle = new ArrayDeque<>();
  int open;

  EndpointConnections(Endpoint.PoolKey key) {
    this.key = key;
  }
}
