package io.quiver.connectors.bench;

import io.quiver.spi.config.Config;
import java.util.OptionalLong;

/**
 * The validated settings of one blaster onramp.
 *
 * @param source the file to replay
 * @param intervalNs nanoseconds between events, if paced
 * @param iters how many events to send, if limited
 * @param base64 whether lines are base64 encoded
 */
public record BlasterSettings(
    String source, OptionalLong intervalNs, OptionalLong iters, boolean base64) {

  static BlasterSettings from(Config config) {
    return new BlasterSettings(
        config.string(BlasterProvider.SOURCE),
        optional(config, BlasterProvider.INTERVAL),
        optional(config, BlasterProvider.ITERS),
        config.bool(BlasterProvider.BASE64));
  }

  private static OptionalLong optional(Config config, String key) {
    return config.has(key) ? OptionalLong.of(config.integer(key)) : OptionalLong.empty();
  }
}
