package io.quiver.connectors.postgres;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/** Tremor's {@code postgres} onramp ({@code type: postgres}), see {@link PostgresSource}. */
public final class PostgresOnrampProvider implements SourceProvider {
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
    return PostgresOnrampSettings.SPEC;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    return new PostgresSource(artefact, PostgresOnrampSettings.of(config));
  }
}
