package io.quiver.connectors.otel;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/**
 * Tremor's {@code otel} offramp ({@code type: otel}): an OTLP gRPC client, see {@link OtelOfframp}.
 */
public final class OtelOfframpProvider implements SinkProvider {
  @Override
  public String name() {
    return "otel";
  }

  @Override
  public String defaultCodec() {
    return "json";
  }

  @Override
  public ConfigSpec configSpec() {
    return OtelSettings.OFFRAMP;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new OtelOfframp(OtelSettings.of(config));
  }
}
