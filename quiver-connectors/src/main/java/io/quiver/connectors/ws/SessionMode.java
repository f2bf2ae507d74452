package io.quiver.connectors.ws;

/** How the websocket offramp maps events to upstream connections. */
public enum SessionMode {
  /** One upstream connection per client stream, opened by its first event, closed with it. */
  PER_CLIENT("per_client"),
  /** One upstream connection per URL shared by every event (Tremor 0.11's model). */
  SHARED("shared");

  private final String configName;

  SessionMode(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  static SessionMode fromConfig(String name) {
    for (SessionMode m : values()) {
      if (m.configName.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown session mode " + name);
  }
}
