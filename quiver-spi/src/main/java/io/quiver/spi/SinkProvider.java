package io.quiver.spi;

import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ProcessSetting;
import java.util.List;

/** Registers an offramp type (e.g. {@code ws}); found with {@link java.util.ServiceLoader}. */
public interface SinkProvider {

  /** The offramp {@code type}, e.g. {@code ws}. */
  String name();

  /** The codec used when the artefact names none. */
  String defaultCodec();

  /** The keys of the artefact's {@code config:} block. */
  ConfigSpec configSpec();

  /** Whether the artefact must have a {@code config:} block at all. */
  default boolean requiresConfig() {
    return true;
  }

  /** A new sink for a validated config. */
  Sink create(Artefact artefact, Config config);

  /**
   * The process-wide settings (system properties) the plugin reads, for the reference docs; none by
   * default.
   */
  default List<ProcessSetting<?>> processSettings() {
    return List.of();
  }
}
