package io.quiver.connectors.process;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/**
 * The exit offramp ({@code type: exit}, Tremor 0.11.12; no configuration): an event {@code {"exit":
 * status, "delay": ms}} ends the process with that status.
 */
public final class ExitProvider implements SinkProvider {
  public static final String NAME = "exit";

  private static final ConfigSpec SPEC = ConfigSpec.of();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultCodec() {
    return "json";
  }

  @Override
  public boolean requiresConfig() {
    return false; // Tremor's exit offramp takes no configuration
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new ExitOfframp();
  }
}
