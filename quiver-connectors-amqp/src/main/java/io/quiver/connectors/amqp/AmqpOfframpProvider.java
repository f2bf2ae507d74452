package io.quiver.connectors.amqp;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/** Tremor's {@code amqp} offramp ({@code type: amqp}), see {@link AmqpSink}. */
public final class AmqpOfframpProvider implements SinkProvider {
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
    return AmqpOfframpSettings.SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new AmqpSink(artefact, AmqpOfframpSettings.of(config));
  }
}
