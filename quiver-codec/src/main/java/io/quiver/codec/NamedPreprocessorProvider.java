package io.quiver.codec;

import io.quiver.spi.Preprocessor;
import io.quiver.spi.PreprocessorProvider;
import java.util.function.Supplier;

/**
 * Registers a preprocessor under a fixed name: a provider class passes the name and how to make an
 * instance, e.g. {@code super(NAME, Base64Preprocessor::new)}. The {@link java.util.ServiceLoader}
 * entry names the subclass, which needs a public no-argument constructor.
 */
public abstract class NamedPreprocessorProvider extends NamedFactory<Preprocessor>
    implements PreprocessorProvider {
  protected NamedPreprocessorProvider(String name, Supplier<? extends Preprocessor> factory) {
    super(name, factory);
  }

  @Override
  public final Preprocessor create() {
    return newInstance();
  }
}
