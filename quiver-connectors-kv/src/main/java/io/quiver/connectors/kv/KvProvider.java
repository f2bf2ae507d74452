package io.quiver.connectors.kv;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/**
 * Tremor's {@code kv} offramp ({@code type: kv}): a key-value store on disk driven by command
 * events, see {@link KvSink}.
 */
public final class KvProvider implements SinkProvider {
  public static final String NAME = "kv";

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
    return KvSettings.SPEC;
  }

  @Override
  public Sink create(Artefact artefact, Config config) {
    return new KvSink(KvSettings.of(config));
  }
}
