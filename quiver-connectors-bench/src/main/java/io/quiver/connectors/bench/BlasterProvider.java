package io.quiver.connectors.bench;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;

/**
 * The benchmark onramp ({@code type: blaster}, Tremor 0.11's keys): loads a file (plain or {@code
 * .xz}) into memory, one event per line, and replays it in a loop.
 */
public final class BlasterProvider implements SourceProvider {
  public static final String NAME = "blaster";

  static final String SOURCE = "source";
  static final String INTERVAL = "interval";
  static final String ITERS = "iters";
  static final String BASE64 = "base64";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  SOURCE,
                  ConfigType.STRING,
                  "File to replay, one event per line; a name ending in .xz is decompressed first."
                      + " Relative paths are resolved against the working directory.")
              .withCheck(Check.notEmpty()),
          ConfigKey.optional(
                  INTERVAL,
                  ConfigType.INTEGER,
                  null,
                  "Nanoseconds between two events (a fixed schedule); absent means as fast as"
                      + " the pipeline takes them.")
              .withCheck(Check.atLeast(1)),
          ConfigKey.optional(
                  ITERS,
                  ConfigType.INTEGER,
                  null,
                  "Number of events to send (lines, counted over all passes through the file)"
                      + " before the onramp stops; absent means forever.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
              BASE64,
              ConfigType.BOOL,
              Value.FALSE,
              "Each line is base64; the decoded bytes are sent."));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultCodec() {
    return "json";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    return new Blaster(artefact, BlasterSettings.from(config));
  }
}
