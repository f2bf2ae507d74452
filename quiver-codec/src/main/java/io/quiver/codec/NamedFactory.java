package io.quiver.codec;

import java.util.function.Supplier;

/**
 * A registered name and how to make a new instance: what every named provider shares, whatever the
 * plugin kind.
 *
 * @param <T> the plugin kind (codec, preprocessor, postprocessor)
 */
abstract class NamedFactory<T> {
  private final String name;
  private final Supplier<? extends T> factory;

  NamedFactory(String name, Supplier<? extends T> factory) {
    this.name = name;
    this.factory = factory;
  }

  /** The registry key. */
  public final String name() {
    return name;
  }

  /** A new instance. */
  final T newInstance() {
    return factory.get();
  }
}
