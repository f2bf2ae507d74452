package io.quiver.connectors.udp;

import io.quiver.spi.Artefact;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;

/**
 * The udp offramp ({@code type: udp}, Tremor 0.11's keys {@code host}, {@code port}, {@code bind},
 * {@code bound} and the deprecated {@code dst_host}/{@code dst_port}, plus the Quiver-only {@code
 * max_in_flight}): every serialized message is one datagram, to the configured destination or to
 * the event's {@code $udp} {@code {host, port}}.
 */
public final class UdpOfframpProvider implements SinkProvider {
  public static final String NAME = "udp";

  static final String HOST = "host";
  static final String PORT = "port";
  static final String BIND = "bind";
  static final String BOUND = "bound";
  static final String DST_HOST = "dst_host";
  static final String DST_PORT = "dst_port";
  static final String MAX_IN_FLIGHT = "max_in_flight";
  static final String ANY_ADDRESS = "0.0.0.0";

  private static final ConfigSpec BIND_FIELDS =
      ConfigSpec.of(
          ConfigKey.optional(
                  HOST,
                  ConfigType.STRING,
                  Value.of(ANY_ADDRESS),
                  "The local address the socket binds to.")
              .withCheck(Check.notEmpty()),
          ConfigKey.optional(
                  PORT, ConfigType.INTEGER, Value.of(0), "The local port (0: any free port).")
              .withCheck(Check.between(0, 65_535)));

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  HOST,
                  ConfigType.STRING,
                  "Where datagrams go: a host name or an address (with `dst_host`: the local"
                      + " address to bind to, deprecated).")
              .withCheck(Check.notEmpty()),
          ConfigKey.required(
                  PORT,
                  ConfigType.INTEGER,
                  "The destination port (with `dst_port`: the local port to bind to, deprecated).")
              .withCheck(Check.between(0, 65_535)),
          ConfigKey.optional(
                  BIND,
                  ConfigType.RECORD,
                  Value.EMPTY_OBJECT,
                  "The local end of the socket, `{host, port}`; default `0.0.0.0`, any port.")
              .withFields(BIND_FIELDS),
          ConfigKey.optional(
              BOUND,
              ConfigType.BOOL,
              Value.of(true),
              "Resolve the destination once at start (true), or for every event (false,"
                  + " deprecated in Tremor: use `$udp` instead)."),
          ConfigKey.optional(
                  DST_HOST,
                  ConfigType.STRING,
                  null,
                  "Deprecated: the destination host; `host` then becomes `bind.host`.")
              .withCheck(Check.notEmpty()),
          ConfigKey.optional(
                  DST_PORT,
                  ConfigType.INTEGER,
                  null,
                  "Deprecated: the destination port; `port` then becomes `bind.port`.")
              .withCheck(Check.between(0, 65_535)),
          ConfigKey.optional(
                  MAX_IN_FLIGHT,
                  ConfigType.INTEGER,
                  Value.of(1024),
                  "Quiver only. Datagrams handed to the socket and not yet sent; beyond it the"
                      + " sending stream is held until half of them went out.")
              .withCheck(Check.atLeast(1)));

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
  public Sink create(Artefact artefact, Config config) {
    return new UdpOfframp(artefact, UdpOfframpSettings.of(config));
  }
}
