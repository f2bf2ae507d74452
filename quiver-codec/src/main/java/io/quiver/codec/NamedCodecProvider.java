package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecProvider;
import java.util.function.Supplier;

/**
 * Registers a codec under a fixed name: a provider class passes the name and how to make an
 * instance, e.g. {@code super(NAME, JsonCodec::new)}. The {@link java.util.ServiceLoader} entry
 * names the subclass, which needs a public no-argument constructor.
 */
public abstract class NamedCodecProvider implements CodecProvider {
  private final String name;
  private final Supplier<? extends Codec> factory;

  protected NamedCodecProvider(String name, Supplier<? extends Codec> factory) {
    this.name = name;
    this.factory = factory;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Codec create() {
    return factory.get();
  }
}
