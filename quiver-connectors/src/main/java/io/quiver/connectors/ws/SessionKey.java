package io.quiver.connectors.ws;

/**
 * Which upstream session an event belongs to: per client stream and url, or (shared mode) per url
 * only, where {@code source} and {@code stream} are -1.
 */
record SessionKey(long source, long stream, String url) {

  static SessionKey perClient(long source, long stream, String url) {
    return new SessionKey(source, stream, url);
  }

  static SessionKey shared(String url) {
    return new SessionKey(-1, -1, url);
  }

  boolean isShared() {
    return source == -1 && stream == -1;
  }

  boolean belongsTo(long endedSource, long endedStream) {
    return source == endedSource && stream == endedStream;
  }
}
