package io.quiver.connectors.stdio;

import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;

/**
 * The validated settings of one {@code stdout} or {@code stderr} offramp (Tremor 0.11.12's keys).
 *
 * @param prefix written before every line
 * @param raw write the encoded bytes as they are, even when they are not UTF-8
 */
public record StdStreamSettings(String prefix, boolean raw) {
  static final String PREFIX = "prefix";
  static final String RAW = "raw";

  /** The keys of both std stream offramps. */
  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.optional(
              PREFIX, ConfigType.STRING, Value.of(""), "Written before every encoded event."),
          ConfigKey.optional(
              RAW,
              ConfigType.BOOL,
              Value.of(false),
              "Write the encoded (and postprocessed) bytes as they are. When false, bytes that are"
                  + " not valid UTF-8 are written as Tremor's debug form of a byte list, e.g."
                  + " `[255, 0]`. Either way each event ends with a newline."));

  static StdStreamSettings of(Config config) {
    return new StdStreamSettings(config.string(PREFIX), config.bool(RAW));
  }
}
