package io.quiver.connectors.bench;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;

/**
 * The benchmark offramp ({@code type: blackhole}, Tremor 0.11's keys): counts re-encoded bytes and
 * events and records the latency {@code now - ingest_ns} of each event in an HDR histogram; at the
 * end it prints the histogram and the throughput, and exits the process with status 0.
 */
public final class BlackholeProvider implements SinkProvider {
  public static final String NAME = "blackhole";

  static final String WARMUP_SECS = "warmup_secs";
  static final String STOP_AFTER_SECS = "stop_after_secs";
  static final String SIGNIFICANT_FIGURES = "significant_figures";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  STOP_AFTER_SECS,
                  ConfigType.INTEGER,
                  "Seconds to measure after the warm-up; then the results are printed and the"
                      + " process exits with status 0. 0 means never stop.")
              .withCheck(Check.atLeast(0)),
          ConfigKey.required(
                  SIGNIFICANT_FIGURES,
                  ConfigType.INTEGER,
                  "Significant decimal digits kept by the latency histogram (1 to 5).")
              .withCheck(Check.between(1, 5)),
          ConfigKey.required(
                  WARMUP_SECS,
                  ConfigType.INTEGER,
                  "Seconds from start during which events are neither counted nor timed.")
              .withCheck(Check.atLeast(0)));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultCodec() {
    return "null";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new Blackhole(
        artefact,
        new BlackholeSettings(
            config.integer(WARMUP_SECS),
            config.integer(STOP_AFTER_SECS),
            (int) config.integer(SIGNIFICANT_FIGURES)),
        System.out,
        status -> System.exit(status));
  }
}
