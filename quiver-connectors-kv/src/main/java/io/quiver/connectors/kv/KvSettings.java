package io.quiver.connectors.kv;

import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import java.nio.file.Path;

/**
 * The validated settings of one {@code kv} offramp (Tremor 0.11.12's one key).
 *
 * @param dir the directory of the store, relative to the working directory unless absolute
 */
record KvSettings(Path dir) {
  static final String DIR = "dir";

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
              DIR,
              ConfigType.STRING,
              "Directory of the store (created when missing; relative paths from the working"
                  + " directory). Quiver keeps one file in it, `"
                  + KvStore.FILE_NAME
                  + "`; the data survives restarts. One kv offramp per directory: a second one"
                  + " is refused at start."));

  static KvSettings of(Config config) {
    return new KvSettings(Path.of(config.string(DIR)));
  }
}
