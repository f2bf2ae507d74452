package io.quiver.connectors.elastic;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/** Tremor's {@code elastic} offramp ({@code type: elastic}), see {@link ElasticSink}. */
public final class ElasticOfframpProvider implements SinkProvider {
  public static final String NAME = "elastic";

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
    return ElasticSettings.SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new ElasticSink(artefact, ElasticSettings.of(config));
  }
}
