package io.quiver.connectors.cloud.discord;

import io.quiver.connectors.cloud.Endpoints;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The validated settings of one {@code discord} onramp: Tremor 0.11.12's {@code token} and {@code
 * intents}, plus Quiver's {@code gateway_url} and {@code api_url} overrides.
 */
record DiscordSettings(String token, long intents, URI gateway, String api) {
  static final String TOKEN = "token";
  static final String INTENTS = "intents";
  static final String GATEWAY_URL = "gateway_url";
  static final String API_URL = "api_url";
  static final String DEFAULT_GATEWAY = "wss://gateway.discord.gg/?v=10&encoding=json";
  static final String DEFAULT_API = "https://discord.com/api/v10";

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(TOKEN, ConfigType.STRING, "The bot's token.")
              .withCheck(io.quiver.spi.config.Check.notEmpty()),
          new ConfigKey(
              INTENTS,
              ConfigType.STRING_LIST,
              false,
              Value.EMPTY_ARRAY,
              DiscordSettings::intentsProblem,
              "The gateway intents to subscribe to, by Tremor's names: "
                  + String.join(", ", Intents.names())
                  + ". Empty: NonPrivileged. `MessageContent` (Quiver only) is the privileged intent"
                  + " Discord now asks for before it sends a guild message's text."),
          new ConfigKey(
              GATEWAY_URL,
              ConfigType.STRING,
              false,
              Value.of(DEFAULT_GATEWAY),
              v -> v instanceof Value.Str s ? wsProblem(s.value()) : null,
              "Quiver: the gateway's websocket URL (a test server, a proxy)."),
          new ConfigKey(
              API_URL,
              ConfigType.STRING,
              false,
              Value.of(DEFAULT_API),
              v -> v instanceof Value.Str s ? Endpoints.problem(s.value()) : null,
              "Quiver: the REST API's base URL, version included (a test server, a proxy)."));

  static DiscordSettings of(Config c) {
    List<String> names = new ArrayList<>(c.strings(INTENTS));
    return new DiscordSettings(
        c.string(TOKEN),
        Intents.of(names),
        URI.create(c.string(GATEWAY_URL)),
        Endpoints.trim(c.string(API_URL)));
  }

  private static String intentsProblem(Value v) {
    if (!(v instanceof Value.Arr a)) {
      return null;
    }
    List<String> allowed = Intents.names();
    for (Value i : a.items()) {
      if (i instanceof Value.Str s && !allowed.contains(s.value())) {
        return "unknown intent "
            + s.value()
            + ": value must be one of "
            + String.join(", ", allowed);
      }
    }
    return null;
  }

  private static String wsProblem(String url) {
    try {
      URI u = URI.create(url);
      if (!("ws".equals(u.getScheme()) || "wss".equals(u.getScheme())) || u.getHost() == null) {
        return "value must be a ws:// or wss:// URL";
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "value must be a URL: " + e.getMessage();
    }
  }
}
