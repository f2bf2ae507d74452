package io.quiver.codec;

import io.quiver.spi.Postprocessor;
import io.quiver.spi.PostprocessorProvider;
import java.util.function.Supplier;

/**
 * Registers a postprocessor under a fixed name: a provider class passes the name and how to make an
 * instance, e.g. {@code super(NAME, Base64Postprocessor::new)}. The {@link java.util.ServiceLoader}
 * entry names the subclass, which needs a public no-argument constructor.
 */
public abstract class NamedPostprocessorProvider extends NamedFactory<Postprocessor>
    implements PostprocessorProvider {
  protected NamedPostprocessorProvider(String name, Supplier<? extends Postprocessor> factory) {
    super(name, factory);
  }

  @Override
  public final Postprocessor create() {
    return newInstance();
  }
}
