package io.quiver.spi;

/** Registers a postprocessor under its Tremor name; found with {@link java.util.ServiceLoader}. */
public interface PostprocessorProvider {
  /** The registry key, e.g. {@code lines}. */
  String name();

  /** A new, independent instance (one per connection). */
  Postprocessor create();
}
