package io.quiver.spi;

import io.quiver.value.Value;
import java.util.Optional;

/**
 * Turns bytes into a value and back (Tremor's codec). Instances may keep reusable buffers, so each
 * connection or sink owns its own instance; an instance is used by one thread at a time.
 */
public interface Codec {

  /** The registry name, e.g. {@code json}. */
  String name();

  /**
   * Decodes one chunk. An empty result means "no event for this chunk" (Tremor's {@code Ok(None)}).
   *
   * @throws CodecException with the message Tremor shows for the failure
   */
  Optional<Value> decode(byte[] data, long ingestNs) throws CodecException;

  /**
   * {@link #decode} for {@code data} the caller already checked to be strict UTF-8 (a websocket
   * text message, checked on arrival as RFC 6455 demands): a codec that would check it again may
   * skip that. The result must be what {@link #decode} returns for the same bytes.
   */
  default Optional<Value> decodeUtf8(byte[] data, long ingestNs) throws CodecException {
    return decode(data, ingestNs);
  }

  /** Encodes a value. */
  byte[] encode(Value value) throws CodecException;
}
