package io.quiver.connectors.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's host name, as Tremor's {@code hostname()} (the default of {@code hostname}). */
final class Hostname {
  private Hostname() {}

  static String get() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
