package io.quiver.spi;

import io.quiver.value.Value;

/** The outcome of decoding one chunk: a value, or the error text for an error event. */
public sealed interface Decoded {
  record Ok(Value value) implements Decoded {}

  record Failed(String message) implements Decoded {}
}
