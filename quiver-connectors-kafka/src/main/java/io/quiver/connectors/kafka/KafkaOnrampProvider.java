package io.quiver.connectors.kafka;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/** Tremor's {@code kafka} onramp ({@code type: kafka}), see {@link KafkaSource}. */
public final class KafkaOnrampProvider implements SourceProvider {
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
    return KafkaOnrampSettings.SPEC;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    return new KafkaSource(artefact, KafkaOnrampSettings.of(config));
  }
}
