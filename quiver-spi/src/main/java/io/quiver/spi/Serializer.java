package io.quiver.spi;

import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Codec plus postprocessor chain for one connection: a value in, the chunks to send out (each chunk
 * is one frame/message). One instance per connection, one thread at a time.
 */
public final class Serializer {
  private final Codec codec;
  private final List<Postprocessor> postprocessors;
  private final String mimeType;

  public Serializer(Codec codec, List<Postprocessor> postprocessors) {
    this(codec, postprocessors, null);
  }

  /**
   * @param mimeType the mime type of what the codec produces (for protocols that label content,
   *     such as HTTP's {@code Content-Type}), or null when it has none
   */
  public Serializer(Codec codec, List<Postprocessor> postprocessors, String mimeType) {
    this.codec = codec;
    this.postprocessors = List.copyOf(postprocessors);
    this.mimeType = mimeType;
  }

  /** The mime type of what it produces, when known (Tremor's {@code Codec::mime_types}). */
  public Optional<String> mimeType() {
    return Optional.ofNullable(mimeType);
  }

  /** Encodes and postprocesses one value. */
  public List<byte[]> serialize(Value value, long ingestNs)
      throws CodecException, ProcessorException {
    byte[] encoded = codec.encode(value);
    if (postprocessors.isEmpty()) {
      return List.of(encoded);
    }
    List<byte[]> chunks = new ArrayList<>(1);
    chunks.add(encoded);
    for (Postprocessor p : postprocessors) {
      List<byte[]> next = new ArrayList<>(chunks.size());
      for (byte[] chunk : chunks) {
        p.process(chunk, ingestNs, next);
      }
      chunks = next;
    }
    return chunks;
  }

  public Codec codec() {
    return codec;
  }
}
