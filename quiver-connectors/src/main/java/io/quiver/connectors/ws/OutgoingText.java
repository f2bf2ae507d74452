package io.quiver.connectors.ws;

import io.quiver.value.Utf8;
import io.quiver.value.Value;

/**
 * Whether the bytes of an outgoing text frame are UTF-8, without scanning them twice: a serializer
 * that passed a string through unchanged (codec {@code string}, no postprocessors) hands back the
 * very array the string was made from, and such an array was checked when the string was made
 * ({@link Value.Str#ofUtf8}'s contract). Anything else is scanned ({@link Utf8}).
 */
final class OutgoingText {
  private OutgoingText() {}

  /** Whether {@code chunk}, serialized from {@code data}, is valid UTF-8. */
  static boolean isUtf8(byte[] chunk, Value data) {
    return data instanceof Value.Str s && s.utf8OrNull() == chunk || Utf8.isValid(chunk);
  }
}
