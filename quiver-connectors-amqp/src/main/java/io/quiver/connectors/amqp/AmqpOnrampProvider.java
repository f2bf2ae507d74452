package io.quiver.connectors.amqp;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/** Tremor's {@code amqp} onramp ({@code type: amqp}), see {@link AmqpSource}. */
public final class AmqpOnrampProvider implements SourceProvider {
  public static final String NAME = "amqp";

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
    return AmqpOnrampSettings.SPEC;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    return new AmqpSource(artefact, AmqpOnrampSettings.of(config));
  }
}
