package io.quiver.connectors.stdio;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/**
 * Tremor's {@code debug} offramp ({@code type: debug}, no keys): a table of event counts per {@code
 * $class} on standard output about every second, see {@link DebugSink}.
 */
public final class DebugProvider implements SinkProvider {
  public static final String NAME = "debug";

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
    return false;
  }

  @Override
  public ConfigSpec configSpec() {
    return ConfigSpec.of();
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new DebugSink(StdStreams.stdout(), System::nanoTime);
  }
}
