package io.quiver.connectors.time;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;

/**
 * The metronome onramp ({@code type: metronome}, Tremor 0.11's keys): one event per {@code
 * interval} milliseconds, {@code {"onramp":"metronome","ingest_ns":...,"id":...}}.
 */
public final class MetronomeProvider implements SourceProvider {
  public static final String NAME = "metronome";

  static final String INTERVAL = "interval";

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  INTERVAL,
                  ConfigType.INTEGER,
                  "Milliseconds between two events; the first comes one interval after start.")
              .withCheck(Check.atLeast(1)));

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
    return new Metronome(artefact, config.integer(INTERVAL));
  }
}
