package io.quiver.runtime.world;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecProvider;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A codec for runtime tests ({@code test_overflow}): text as strings, except that decoding the text
 * {@code overflow} throws a {@link StackOverflowError}, as a runaway recursion would.
 */
public final class OverflowCodec implements Codec {
  public static final class Provider implements CodecProvider {
    @Override
    public String name() {
      return "test_overflow";
    }

    @Override
    public Codec create() {
      return new OverflowCodec();
    }
  }

  @Override
  public String name() {
    return "test_overflow";
  }

  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) {
    String text = new String(data, StandardCharsets.UTF_8);
    if (text.equals("overflow")) {
      throw new StackOverflowError();
    }
    return Optional.of(Value.of(text));
  }

  @Override
  public byte[] encode(Value value) {
    return value instanceof Value.Str s
        ? s.value().getBytes(StandardCharsets.UTF_8)
        : value.toString().getBytes(StandardCharsets.UTF_8);
  }
}
