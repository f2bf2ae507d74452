package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecProvider;
import java.util.function.Supplier;

/**
 * Registers a codec under a fixed name: a provider class passes the name and how to make an
 * instance, e.g. {@code super(NAME, JsonCodec::new)}. The {@link java.util.ServiceLoader} entry
 * names the subclass, which needs a public no-argument constructor.
 */
public abstract class NamedCodecProvider extends NamedFactory<Codec> implements CodecProvider {
  protected NamedCodecProvider(String name, Supplier<? extends Codec> factory) {
    super(name, factory);
  }

  @Override
  public final Codec create() {
    return newInstance();
  }
}
