package io.quiver.connectors.ws;

import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;

/**
 * When the offramp tries again after losing or failing to open an upstream connection.
 *
 * @param intervalMs delay before the first retry
 * @param growthRate factor applied to the delay after every failed attempt
 * @param maxIntervalMs upper limit of the delay
 * @param maxRetries failed attempts in a row after which background retries stop (0: never stop); a
 *     new event still triggers one attempt
 * @param jitter each delay is varied randomly by up to this fraction (0 to 1), so many sessions do
 *     not retry in lockstep
 */
record ReconnectPolicy(
    long intervalMs, double growthRate, long maxIntervalMs, int maxRetries, double jitter) {
  static final double DEFAULT_GROWTH_RATE = 2.0;
  static final double DEFAULT_JITTER = 0.2;

  static final ConfigSpec CONFIG =
      ConfigSpec.of(
          ConfigKey.optional(
                  "interval_ms",
                  ConfigType.INTEGER,
                  null,
                  "Delay before the first retry (default: reconnect_backoff_ms).")
              .withCheck(Check.atLeast(1)),
          ConfigKey.optional(
                  "growth_rate",
                  ConfigType.FLOAT,
                  Value.of(DEFAULT_GROWTH_RATE),
                  "Factor applied to the delay after each failed attempt (at least 1).")
              .withCheck(v -> number(v) < 1.0 ? "value must be at least 1" : null),
          ConfigKey.optional(
                  "max_interval_ms",
                  ConfigType.INTEGER,
                  null,
                  "Upper limit of the delay (default: reconnect_backoff_max_ms).")
              .withCheck(Check.atLeast(1)),
          ConfigKey.optional(
                  "max_retries",
                  ConfigType.INTEGER,
                  Value.of(0),
                  "Failed attempts in a row after which background retries stop; 0 never stops. A new event still makes one attempt.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.optional(
                  "jitter",
                  ConfigType.FLOAT,
                  Value.of(DEFAULT_JITTER),
                  "Random variation of each delay, as a fraction between 0 and 1.")
              .withCheck(
                  v -> number(v) < 0 || number(v) > 1 ? "value must be between 0 and 1" : null));

  /** The policy from the flat keys, overridden field by field by a {@code reconnect} record. */
  static ReconnectPolicy from(long flatIntervalMs, long flatMaxMs, Value record) {
    if (record == null) {
      return new ReconnectPolicy(
          flatIntervalMs,
          DEFAULT_GROWTH_RATE,
          Math.max(flatIntervalMs, flatMaxMs),
          0,
          DEFAULT_JITTER);
    }
    Config c = CONFIG.parse(record);
    long interval = c.has("interval_ms") ? c.integer("interval_ms") : flatIntervalMs;
    long max = c.has("max_interval_ms") ? c.integer("max_interval_ms") : flatMaxMs;
    return new ReconnectPolicy(
        interval,
        c.number("growth_rate"),
        Math.max(interval, max),
        (int) c.integer("max_retries"),
        c.number("jitter"));
  }

  private static double number(Value v) {
    return switch (v) {
      case Value.Int i -> i.value();
      case Value.Float f -> f.value();
      default -> 0;
    };
  }
}
