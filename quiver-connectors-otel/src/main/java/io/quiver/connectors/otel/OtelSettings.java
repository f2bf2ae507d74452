package io.quiver.connectors.otel;

import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;

/**
 * The validated settings of an {@code otel} onramp or offramp (Tremor 0.11.12's five keys, the same
 * for both).
 *
 * @param host where the onramp listens, or the OTLP receiver the offramp sends to
 * @param port the TCP port of that
 * @param logs whether the logs service is enabled
 * @param trace whether the trace service is enabled
 * @param metrics whether the metrics service is enabled
 */
record OtelSettings(String host, int port, boolean logs, boolean trace, boolean metrics) {
  static final String HOST = "host";
  static final String PORT = "port";
  static final String LOGS = "logs";
  static final String TRACE = "trace";
  static final String METRICS = "metrics";

  static final ConfigSpec ONRAMP =
      spec(
          "The hostname or IP address to listen on for OTLP over gRPC (`0.0.0.0`: all interfaces).",
          "The TCP port to listen on (OTLP's usual one is 4317).",
          "received events of that kind are dropped with a warning");

  static final ConfigSpec OFFRAMP =
      spec(
          "The hostname or IP address of the OTLP gRPC receiver (an OpenTelemetry collector, say)"
              + " to send to; plain-text HTTP/2, as Tremor.",
          "The TCP port of that receiver.",
          "events of that kind are dropped with a warning");

  private static ConfigSpec spec(String hostDoc, String portDoc, String disabled) {
    return ConfigSpec.of(
        ConfigKey.required(HOST, ConfigType.STRING, hostDoc),
        ConfigKey.required(PORT, ConfigType.INTEGER, portDoc).withCheck(Check.between(1, 65_535)),
        ConfigKey.optional(
            LOGS,
            ConfigType.BOOL,
            Value.TRUE,
            "Enables the logs service (`{\"logs\": [...]}` events); when false, " + disabled + "."),
        ConfigKey.optional(
            TRACE,
            ConfigType.BOOL,
            Value.TRUE,
            "Enables the trace service (`{\"trace\": [...]}` events); when false, "
                + disabled
                + "."),
        ConfigKey.optional(
            METRICS,
            ConfigType.BOOL,
            Value.TRUE,
            "Enables the metrics service (`{\"metrics\": [...]}` events); when false, "
                + disabled
                + "."));
  }

  static OtelSettings of(Config config) {
    return new OtelSettings(
        config.string(HOST),
        (int) config.integer(PORT),
        config.bool(LOGS),
        config.bool(TRACE),
        config.bool(METRICS));
  }
}
