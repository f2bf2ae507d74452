package io.quiver.connectors.ws;

/**
 * Why the offramp answers a request with an error instead of a reply. The kind decides what the
 * runtime is told about a transactional event ({@link OfframpAnswers#error}); the message is the
 * text of the error event, exactly as clients see it.
 */
sealed interface OfframpFailure {
  /** The text of the error event ({@code error} in its data and meta). */
  String message();

  /** An error for an event that could not go to {@code server}: {@code Error sending event ...}. */
  static NotSent sending(Object server, String cause) {
    return new NotSent("Error sending event to server " + server + ": " + cause);
  }

  /**
   * An error for a request sent to {@code server} that got no reply: {@code Error receiving ...}.
   */
  static NoReply receiving(Object server, String cause) {
    return new NoReply("Error receiving reply from server " + server + ": " + cause);
  }

  /** The event did not reach the upstream (or could not be encoded): a transactional one fails. */
  record NotSent(String message) implements OfframpFailure {}

  /**
   * The request went out (and was acked on send, as Tremor's ws offramp does) but its reply did not
   * come: the event is not failed.
   */
  record NoReply(String message) implements OfframpFailure {}

  /**
   * A reply came but could not be decoded ({@code Error deserializing Response message ...}). The
   * event is failed, as it always was here (Tremor's offramp only reports the error).
   */
  record BadReply(String message) implements OfframpFailure {}
}
