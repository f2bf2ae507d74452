package io.quiver.connectors.file;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import java.nio.file.Path;

/**
 * The file offramp ({@code type: file}, Tremor 0.11.12's key): each encoded event as a line of a
 * file that is created, or emptied, at start.
 */
public final class FileOfframpProvider implements SinkProvider {
  public static final String NAME = "file";

  static final String FILE = "file";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  FILE,
                  ConfigType.STRING,
                  "File to write: created, or emptied if it exists, when the offramp starts"
                      + " (as Tremor does); then every encoded and postprocessed chunk of every"
                      + " event is written followed by a newline, and flushed as soon as the"
                      + " writer has caught up. Relative paths are resolved against the directory"
                      + " quiver runs in; a missing directory or a file that cannot be written"
                      + " refuses the deployment at startup.")
              .withCheck(Check.notEmpty().and(FileAccess.writableTarget())));

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
  public Sink create(Artefact artefact, Config config) {
    return new FileOfframp(Path.of(config.string(FILE)));
  }
}
