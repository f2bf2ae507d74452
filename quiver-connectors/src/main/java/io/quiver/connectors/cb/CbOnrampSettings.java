package io.quiver.connectors.cb;

import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.nio.file.Path;

/**
 * The validated settings of one {@code cb} onramp (Tremor 0.11.12's keys and defaults).
 *
 * @param source the file whose lines are sent, one event each
 * @param timeoutMs how long to wait for acks and fails once the whole file was sent
 * @param expectBatched only the last event must be answered (batches, windows)
 */
record CbOnrampSettings(Path source, long timeoutMs, boolean expectBatched) {
  static final String SOURCE = "source";
  static final String TIMEOUT = "timeout";
  static final String EXPECT_BATCHED = "expect_batched";

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  SOURCE,
                  ConfigType.STRING,
                  "File whose lines are sent, one transactional event each (a relative path"
                      + " resolves against the working directory; not decompressed).")
              .withCheck(Check.notEmpty().and(Check.readableFile())),
          ConfigKey.optional(
                  TIMEOUT,
                  ConfigType.INTEGER,
                  Value.of(10_000),
                  "Milliseconds to wait, once the whole file was sent, before the process ends:"
                      + " with status 0 when every expected ack or fail came back, else 1 with a"
                      + " report on stderr.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
              EXPECT_BATCHED,
              ConfigType.BOOL,
              Value.of(false),
              "Expect one ack or fail covering the last event (events batched or windowed on the"
                  + " way) instead of one per event."));

  static CbOnrampSettings of(Config config) {
    return new CbOnrampSettings(
        Path.of(config.string(SOURCE)), config.integer(TIMEOUT), config.bool(EXPECT_BATCHED));
  }
}
