package io.quiver.connectors.nats;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/** Tremor's {@code nats} onramp ({@code type: nats}), see {@link NatsSource}. */
public final class NatsOnrampProvider implements SourceProvider {
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
    return NatsOnrampSettings.SPEC;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    return new NatsSource(artefact, NatsOnrampSettings.of(config));
  }
}
