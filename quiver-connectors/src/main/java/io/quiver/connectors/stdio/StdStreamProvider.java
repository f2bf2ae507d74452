package io.quiver.connectors.stdio;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;
import java.util.function.Supplier;

/** What the {@code stdout} and {@code stderr} offramp providers share: keys, codec, the sink. */
abstract sealed class StdStreamProvider implements SinkProvider
    permits StdoutProvider, StderrProvider {
  private final String name;
  private final Supplier<StdStreamWriter> writer;

  StdStreamProvider(String name, Supplier<StdStreamWriter> writer) {
    this.name = name;
    this.writer = writer;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String defaultCodec() {
    return "json";
  }

  @Override
  public boolean requiresConfig() {
    return false; // Tremor: both keys have defaults
  }

  @Override
  public ConfigSpec configSpec() {
    return StdStreamSettings.SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new StdStreamSink(StdStreamSettings.of(config), writer.get());
  }
}
