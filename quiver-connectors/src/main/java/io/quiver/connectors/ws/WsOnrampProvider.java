package io.quiver.connectors.ws;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;

/** The websocket onramp ({@code type: ws}): a websocket server, one stream per client. */
public final class WsOnrampProvider implements SourceProvider {
  public static final String NAME = "ws";

  static final String HOST = "host";
  static final String PORT = "port";
  static final String BUFFER_ACROSS_MESSAGES = "buffer_across_messages";
  static final String MAX_MESSAGE_SIZE = "max_message_size";

  static final long DEFAULT_MAX_MESSAGE_SIZE = 16L * 1024 * 1024;

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  HOST,
                  ConfigType.STRING,
                  "Address to listen on, e.g. 0.0.0.0 for every interface or 127.0.0.1 for local"
                      + " clients only.")
              .withCheck(Check.notEmpty()),
          ConfigKey.required(PORT, ConfigType.INTEGER, "TCP port to listen on (1 to 65535).")
              .withCheck(Check.between(1, 65535)),
          ConfigKey.optional(
              BUFFER_ACROSS_MESSAGES,
              ConfigType.BOOL,
              Value.FALSE,
              "When false (Quiver's default) the end of a websocket message also ends a line for"
                  + " buffering preprocessors such as lines, so a message without a trailing newline"
                  + " is still an event. When true, a line may span several messages, as in Tremor"
                  + " 0.11."),
          ConfigKey.optional(
                  MAX_MESSAGE_SIZE,
                  ConfigType.INTEGER,
                  Value.of(DEFAULT_MAX_MESSAGE_SIZE),
                  "Largest accepted websocket message in bytes, after joining continuation frames."
                      + " A client sending a larger message is disconnected with close code 1009"
                      + " (message too big).")
              .withCheck(Check.between(1, Integer.MAX_VALUE)));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultCodec() {
    return "string";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Source create(Artefact artefact, Config config) {
    return new WsOnramp(artefact, WsOnrampSettings.from(config));
  }
}
