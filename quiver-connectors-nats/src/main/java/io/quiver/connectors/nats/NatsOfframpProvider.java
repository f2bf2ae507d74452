package io.quiver.connectors.nats;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/** Tremor's {@code nats} offramp ({@code type: nats}), see {@link NatsSink}. */
public final class NatsOfframpProvider implements SinkProvider {
  public static final String NAME = "nats";

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
    return NatsOfframpSettings.SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new NatsSink(artefact, NatsOfframpSettings.of(config));
  }
}
