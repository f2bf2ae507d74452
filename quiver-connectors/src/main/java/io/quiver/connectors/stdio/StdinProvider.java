package io.quiver.connectors.stdio;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Tremor's {@code stdin} onramp ({@code type: stdin}): the process's standard input, read in chunks
 * of up to 8 KiB on one stream through the onramp's preprocessors ({@code lines} makes one event
 * per line) and codec ({@code string} by default). No config keys, as in Tremor.
 */
public final class StdinProvider implements SourceProvider {
  public static final String NAME = "stdin";

  private static final ConfigSpec SPEC = ConfigSpec.of();

  private final Supplier<InputStream> input;

  public StdinProvider() {
    this(() -> System.in);
  }

  /** Reads {@code input} instead of the process's stdin (tests). */
  StdinProvider(Supplier<InputStream> input) {
    this.input = input;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultCodec() {
    return "string";
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
  public Source create(Artefact artefact, Config config) {
    return new StdinSource(artefact, input.get());
  }
}
