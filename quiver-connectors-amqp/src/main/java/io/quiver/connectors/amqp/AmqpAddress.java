package io.quiver.connectors.amqp;

import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.net.URI;
import java.net.URISyntaxException;

/** Tremor's {@code amqp_addr}: an {@code amqp://} or {@code amqps://} URL, checked at startup. */
final class AmqpAddress {
  static final String AMQP_ADDR = "amqp_addr";

  static final ConfigKey KEY =
      ConfigKey.required(
              AMQP_ADDR,
              ConfigType.STRING,
              "The broker, `amqp://user:password@host:port/vhost` (`amqps://` for TLS); the"
                  + " vhost is the path, URL-encoded (`%2f` for `/`, also the default).")
          .withCheck(AmqpAddress::problem);

  private AmqpAddress() {}

  /** Tremor's wording when the address is not a URL; a URL of another scheme is refused too. */
  static String problem(Value v) {
    if (!(v instanceof Value.Str s)) {
      return null;
    }
    try {
      URI uri = new URI(s.value());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "amqp_addr can't be parsed as url, relative URL without a base: " + s.value();
      }
      if (!uri.getScheme().equals("amqp") && !uri.getScheme().equals("amqps")) {
        return "the scheme must be amqp or amqps, not " + uri.getScheme();
      }
      return null;
    } catch (URISyntaxException e) {
      return "amqp_addr can't be parsed as url, " + e.getReason() + ": " + s.value();
    }
  }

  /** The address without its credentials, for log lines. */
  static String redacted(String addr) {
    try {
      URI u = new URI(addr);
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null)
          .toString();
    } catch (URISyntaxException e) {
      return "(invalid address)";
    }
  }
}
