package io.quiver.connectors.cloud.discord;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;

/**
 * Tremor's {@code discord} onramp ({@code type: discord}), see {@link DiscordSource}. Codec json by
 * default: Tremor's onramp sent records past its codec ({@code string} by default), Quiver sends
 * their JSON through the codec, so the default gives the same records.
 */
public final class DiscordProvider implements SourceProvider {
  public static final String NAME = "discord";

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
    return DiscordSettings.SPEC;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    return new DiscordSource(DiscordSettings.of(config));
  }
}
