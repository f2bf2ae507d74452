package io.quiver.connectors.postgres;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/** Tremor's {@code postgres} offramp ({@code type: postgres}), see {@link PostgresSink}. */
public final class PostgresOfframpProvider implements SinkProvider {
  public static final String NAME = "postgres";

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
    return PostgresOfframpSettings.SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new PostgresSink(artefact, PostgresOfframpSettings.of(config));
  }
}
