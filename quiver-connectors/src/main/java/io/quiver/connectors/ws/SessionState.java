package io.quiver.connectors.ws;

/**
 * The life of an {@link UpstreamSession}, owned by its {@link UpstreamConnection}.
 *
 * <pre>
 *   IDLE --connect--> CONNECTING --handshake done--> OPEN
 *    ^                    |                           |
 *    +-- connect failed --+    lost / retired --------+--> IDLE (reconnect by backoff or next event)
 *   any of the three --close/stop--> DRAINING --channel gone--> CLOSED
 * </pre>
 */
enum SessionState {
  /** No connection and no attempt under way: before the first event, or after a loss. */
  IDLE,
  /** A connection is being opened (TCP, TLS, websocket handshake) within the connect timeout. */
  CONNECTING,
  /** The websocket connection is up: requests go out, replies come in. */
  OPEN,
  /**
   * Closed for new events (they get {@code Trying to work with closed connection}); everything that
   * was waiting has been answered; the upstream channel's close handshake is under way.
   */
  DRAINING,
  /** Closed for good and the upstream channel is gone. */
  CLOSED;

  /** Whether the session takes no more events (closing or closed). */
  boolean ended() {
    return this == DRAINING || this == CLOSED;
  }

  /** Whether the machine may go from this state to {@code next}. */
  boolean allows(SessionState next) {
    return switch (this) {
      case IDLE -> next == CONNECTING || next == DRAINING;
      case CONNECTING -> next == OPEN || next == IDLE || next == DRAINING;
      case OPEN -> next == IDLE || next == DRAINING;
      case DRAINING -> next == CLOSED;
      case CLOSED -> false;
    };
  }
}
