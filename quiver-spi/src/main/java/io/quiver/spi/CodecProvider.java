package io.quiver.spi;

/** Registers a codec under its Tremor name; found with {@link java.util.ServiceLoader}. */
public interface CodecProvider {
  /** The registry key, e.g. {@code json}. */
  String name();

  /** A new codec instance. */
  Codec create();
}
