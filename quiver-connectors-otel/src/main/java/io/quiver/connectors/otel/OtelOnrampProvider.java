package io.quiver.connectors.otel;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/**
 * Tremor's {@code otel} onramp ({@code type: otel}): an OTLP gRPC server, see {@link OtelOnramp}.
 */
public final class OtelOnrampProvider implements SourceProvider {
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
    return OtelSettings.ONRAMP;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    return new OtelOnramp(OtelSettings.of(config));
  }
}
