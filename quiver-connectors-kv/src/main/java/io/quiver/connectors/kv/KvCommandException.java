package io.quiver.connectors.kv;

/** A kv event that is not a command of the expected shape; its message is Tremor's text. */
final class KvCommandException extends Exception {
  private static final long serialVersionUID = 1L;

  KvCommandException(String message) {
    super(message, null, false, false);
  }
}
