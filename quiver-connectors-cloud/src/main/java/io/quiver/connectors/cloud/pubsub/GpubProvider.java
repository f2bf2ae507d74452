package io.quiver.connectors.cloud.pubsub;

import io.quiver.connectors.cloud.google.GoogleKeys;
import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/**
 * Tremor's {@code gpub} offramp ({@code type: gpub}, codec json by default), see {@link GpubSink}.
 * Tremor's has no keys of its own but requires a {@code config:} block; Quiver adds {@code
 * endpoint} and {@code credentials}.
 */
public final class GpubProvider implements SinkProvider {
  public static final String NAME = "gpub";

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          GoogleKeys.endpoint(PubsubApi.DEFAULT_BASE, PubsubApi.EMULATOR_VARIABLE),
          GoogleKeys.credentials());

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
    return SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new GpubSink(config, System.getenv());
  }
}
