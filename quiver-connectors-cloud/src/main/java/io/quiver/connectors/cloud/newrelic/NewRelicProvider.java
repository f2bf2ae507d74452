package io.quiver.connectors.cloud.newrelic;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/** Tremor's {@code newrelic} offramp ({@code type: newrelic}), see {@link NewRelicSink}. */
public final class NewRelicProvider implements SinkProvider {
  public static final String NAME = "newrelic";

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
    return NewRelicSettings.SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new NewRelicSink(NewRelicSettings.of(config));
  }
}
