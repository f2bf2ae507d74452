package io.quiver.connectors.ws;

import io.quiver.value.Value;
import java.util.LinkedHashMap;

/** Settings for tests, built from config records like a YAML {@code config:} block. */
final class TestSettings {
  private TestSettings() {}

  /** Onramp settings on 127.0.0.1 with an ephemeral port plus the given keys and values. */
  static WsOnrampSettings onramp(Object... keysAndValues) {
    LinkedHashMap<String, Value> config = new LinkedHashMap<>();
    config.put("host", Value.of("127.0.0.1"));
    config.put("port", Value.of(1)); // replaced by 0 below; the config check wants 1 to 65535
    put(config, keysAndValues);
    return WsOnrampSettings.of(Value.obj(config)).withPort(0);
  }

  /** Offramp settings for {@code url} plus the given keys and values. */
  static WsOfframpSettings offramp(String url, Object... keysAndValues) {
    LinkedHashMap<String, Value> config = new LinkedHashMap<>();
    config.put("url", Value.of(url));
    put(config, keysAndValues);
    return WsOfframpSettings.of(Value.obj(config));
  }

  private static void put(LinkedHashMap<String, Value> config, Object... keysAndValues) {
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object v = keysAndValues[i + 1];
      config.put(
          (String) keysAndValues[i],
          switch (v) {
            case Value value -> value;
            case Integer n -> Value.of((long) n);
            case Long n -> Value.of(n);
            case Boolean b -> Value.of(b);
            case String s -> Value.of(s);
            default -> throw new IllegalArgumentException("unsupported test config value " + v);
          });
    }
  }
}
