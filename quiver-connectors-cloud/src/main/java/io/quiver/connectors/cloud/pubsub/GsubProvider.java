package io.quiver.connectors.cloud.pubsub;

import io.quiver.connectors.cloud.google.GoogleKeys;
import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;

/**
 * Tremor's {@code gsub} onramp ({@code type: gsub}, codec json by default), see {@link GsubSource}.
 */
public final class GsubProvider implements SourceProvider {
  public static final String NAME = "gsub";
  static final String SUBSCRIPTION = "subscription";
  static final String PROJECT_ID = "project_id";

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  SUBSCRIPTION,
                  ConfigType.STRING,
                  "The subscription to pull from (its short name; the project comes from"
                      + " `project_id`).")
              .withCheck(Check.notEmpty()),
          new ConfigKey(
              PROJECT_ID,
              ConfigType.STRING,
              false,
              null,
              Check.notEmpty(),
              "Quiver: the subscription's project (default: the service-account file's"
                  + " `project_id`, which is where Tremor takes it from)."),
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
  public Source create(Artefact artefact, Config config) {
    return new GsubSource(config, System.getenv());
  }
}
