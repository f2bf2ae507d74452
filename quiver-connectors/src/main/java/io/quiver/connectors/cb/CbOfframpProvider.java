package io.quiver.connectors.cb;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/**
 * The {@code cb} offramp (Tremor 0.11's test offramp for delivery guarantees and circuit breakers):
 * no config; each event's {@code cb} field, in its metadata or its value, names the insights sent
 * back: {@code ack}, {@code fail}, {@code close}/{@code trigger} (circuit broken), {@code
 * open}/{@code restore} (circuit restored).
 */
public final class CbOfframpProvider implements SinkProvider {
  public static final String NAME = "cb";

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
    return false;
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new CbOfframp();
  }
}
