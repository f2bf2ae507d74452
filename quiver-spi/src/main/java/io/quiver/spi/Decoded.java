package io.quiver.spi;

import io.quiver.value.Value;
import java.util.Objects;
import java.util.OptionalLong;

/** The outcome of decoding one chunk: a value, or the error text for an error event. */
public sealed interface Decoded {
  /**
   * A decoded value.
   *
   * @param ingestNs the ingest time a preprocessor set for it (Tremor's {@code ingest-ns}, read
   *     from the data), empty when none did: then the event gets the onramp's own ingest time
   */
  record Ok(Value value, OptionalLong ingestNs) implements Decoded {
    public Ok {
      Objects.requireNonNull(ingestNs);
    }

    /** A value whose ingest time no preprocessor changed. */
    public Ok(Value value) {
      this(value, OptionalLong.empty());
    }
  }

  record Failed(String message) implements Decoded {}
}
