package io.quiver.connectors.rest.onramp;

/**
 * One request of a connection and its answer, on the connection's event loop. A request is answered
 * exactly once: by its reply, its reply timeout, the onramp's own refusal, or (without a response)
 * the connection going away.
 */
final class Exchange {
  final RestConnection connection;
  final boolean head;
  final boolean keepAlive;

  /** An HTTP/1.0 request: keep-alive must be announced in the answer. */
  final boolean http10;

  /** The request's stream while the runtime may reply to it; -1 when it has none. */
  long stream = -1;

  StreamFlow flow;

  /** Whether it waits for a reply under {@code reply_timeout_ms}, until {@link #replyDueNs}. */
  boolean replyDue;

  /** When its reply timeout expires, on its connection's loop clock. */
  long replyDueNs;

  /** Close the connection after this answer (a refusal that left the input unreadable). */
  boolean closeAfter;

  /** Answered (or abandoned): later answers are dropped. */
  boolean answered;

  /** The answer, while an earlier exchange of the connection still waits for its own. */
  Answer response;

  Exchange(RestConnection connection, boolean head, boolean keepAlive, boolean http10) {
    this.connection = connection;
    this.head = head;
    this.keepAlive = keepAlive;
    this.http10 = http10;
  }
}
