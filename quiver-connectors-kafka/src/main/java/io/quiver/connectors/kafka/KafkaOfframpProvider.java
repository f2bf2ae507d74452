package io.quiver.connectors.kafka;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/** Tremor's {@code kafka} offramp ({@code type: kafka}), see {@link KafkaSink}. */
public final class KafkaOfframpProvider implements SinkProvider {
  public static final String NAME = "kafka";

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
    return KafkaOfframpSettings.SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new KafkaSink(artefact, KafkaOfframpSettings.of(config));
  }
}
