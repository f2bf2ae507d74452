package io.quiver.connectors.udp;

import io.quiver.spi.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * The udp offramp's settings after Tremor's handling of the deprecated keys: {@code dst_port} makes
 * the configured {@code port} the bind port and itself the destination port, {@code dst_host} does
 * the same for the hosts (each replaces the {@code bind} field it moves into).
 *
 * @param host the destination host (a name or an address)
 * @param port the destination port
 * @param bindHost the local address the socket binds to
 * @param bindPort the local port the socket binds to (0: any)
 * @param bound whether the destination is resolved once at start (Tremor's connected socket) rather
 *     than for every event
 * @param maxInFlight datagrams handed to the socket and not yet sent, before senders are held
 * @param warnings Tremor's deprecation warnings for the keys given, to log at start
 */
record UdpOfframpSettings(
    String host,
    int port,
    String bindHost,
    int bindPort,
    boolean bound,
    int maxInFlight,
    List<String> warnings) {

  UdpOfframpSettings {
    warnings = List.copyOf(warnings);
  }

  static UdpOfframpSettings of(Config config) {
    String host = config.string(UdpOfframpProvider.HOST);
    int port = (int) config.integer(UdpOfframpProvider.PORT);
    Config bind = config.record(UdpOfframpProvider.BIND);
    String bindHost =
        bind == null ? UdpOfframpProvider.ANY_ADDRESS : bind.string(UdpOfframpProvider.HOST);
    int bindPort = bind == null ? 0 : (int) bind.integer(UdpOfframpProvider.PORT);
    boolean bound = config.bool(UdpOfframpProvider.BOUND);
    List<String> warnings = new ArrayList<>();
    if (!bound) {
      warnings.add(
          "The `bound` setting of the UDP offramp is deprecated, in future re-binding will only"
              + " work over the $udp metadata");
    }
    if (config.has(UdpOfframpProvider.DST_PORT)) {
      warnings.add(
          "The `dst_port` setting of the UDP offramp is deprecated, this will in future be `port`"
              + " and current `port` will be `bind.port`.");
      bindPort = port;
      port = (int) config.integer(UdpOfframpProvider.DST_PORT);
    }
    if (config.has(UdpOfframpProvider.DST_HOST)) {
      warnings.add(
          "The `dst_host` setting of the UDP offramp is deprecated, this will in future be `host`"
              + " and current `host` will be `bind.host`.");
      bindHost = host;
      host = config.string(UdpOfframpProvider.DST_HOST);
    }
    return new UdpOfframpSettings(
        host,
        port,
        bindHost,
        bindPort,
        bound,
        (int) config.integer(UdpOfframpProvider.MAX_IN_FLIGHT),
        warnings);
  }
}
