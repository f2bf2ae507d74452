package io.quiver.connectors.file;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.nio.file.Path;

/**
 * The file onramp ({@code type: file}, Tremor 0.11.12's keys): reads a file (plain or {@code .xz})
 * once, one message per line, then optionally ends the process.
 */
public final class FileOnrampProvider implements SourceProvider {
  public static final String NAME = "file";

  static final String SOURCE = "source";
  static final String CLOSE_ON_DONE = "close_on_done";
  static final String SLEEP_ON_DONE = "sleep_on_done";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  SOURCE,
                  ConfigType.STRING,
                  "File to read once, one message per line (the line end, `\\n` or `\\r\\n`, is"
                      + " removed; a last line without one counts too). A name ending in `.xz` is"
                      + " decompressed. Relative paths are resolved against the directory quiver"
                      + " runs in; a file that cannot be read refuses the deployment at startup.")
              .withCheck(Check.notEmpty().and(FileAccess.readableSource())),
          ConfigKey.optional(
              CLOSE_ON_DONE,
              ConfigType.BOOL,
              Value.FALSE,
              "Once the file is read (and `sleep_on_done` has passed), end the process with"
                  + " status 0. Quiver stops the deployment first, as on SIGTERM: events in flight"
                  + " are delivered and every file offramp is flushed."),
          ConfigKey.optional(
                  SLEEP_ON_DONE,
                  ConfigType.INTEGER,
                  Value.of(0),
                  "Milliseconds to wait after the last line before `close_on_done` ends the"
                      + " process.")
              .withCheck(Check.atLeast(0)));

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
    return new FileOnramp(
        artefact,
        new FileOnrampSettings(
            Path.of(config.string(SOURCE)),
            config.bool(CLOSE_ON_DONE),
            config.integer(SLEEP_ON_DONE)));
  }
}
