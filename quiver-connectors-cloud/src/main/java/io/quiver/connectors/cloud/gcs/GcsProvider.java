package io.quiver.connectors.cloud.gcs;

import io.quiver.connectors.cloud.google.GoogleKeys;
import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/**
 * Tremor's {@code gcs} offramp ({@code type: gcs}, codec json by default), see {@link GcsSink}.
 * Tremor's offramp has no keys of its own but requires a {@code config:} block; Quiver adds {@code
 * endpoint} and {@code credentials}.
 */
public final class GcsProvider implements SinkProvider {
  public static final String NAME = "gcs";

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          GoogleKeys.endpoint(GcsSink.DEFAULT_BASE, GcsSink.EMULATOR_VARIABLE),
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
    return new GcsSink(config, System.getenv());
  }
}
