package io.quiver.connectors.cb;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/**
 * The {@code cb} onramp (Tremor 0.11's test onramp for delivery guarantees): sends each line of
 * {@code source} as a transactional event, expects an ack or fail for each, prints {@code All
 * required CB events received.} on stderr when they are in, and ends the process {@code timeout} ms
 * after the last line: status 0, or 1 with a report of what is missing.
 */
public final class CbOnrampProvider implements SourceProvider {
  public static final String NAME = "cb";

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
    return CbOnrampSettings.SPEC;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    return new CbOnramp(artefact, CbOnrampSettings.of(config), CbOnramp.STDERR);
  }
}
