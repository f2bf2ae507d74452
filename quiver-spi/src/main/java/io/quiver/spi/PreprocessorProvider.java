package io.quiver.spi;

/** Registers a preprocessor under its Tremor name; found with {@link java.util.ServiceLoader}. */
public interface PreprocessorProvider {
  /** The registry key, e.g. {@code lines}. */
  String name();

  /** A new, independent instance (one per connection). */
  Preprocessor create();
}
