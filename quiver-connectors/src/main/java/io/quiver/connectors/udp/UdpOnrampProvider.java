package io.quiver.connectors.udp;

import io.quiver.spi.Artefact;
import io.quiver.spi.Source;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;

/**
 * The udp onramp ({@code type: udp}, Tremor 0.11's keys {@code host} and {@code port}, plus the
 * Quiver-only {@code max_datagram_size}): every datagram received is one message through the
 * preprocessors and the codec.
 */
public final class UdpOnrampProvider implements SourceProvider {
  public static final String NAME = "udp";

  static final String HOST = "host";
  static final String PORT = "port";
  static final String MAX_DATAGRAM_SIZE = "max_datagram_size";
  static final String RECEIVE_BUFFER_BYTES = "receive_buffer_bytes";

  /** The largest UDP payload there is; Tremor reads into a buffer of this size. */
  static final int LARGEST_DATAGRAM = 65_535;

  private static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(HOST, ConfigType.STRING, "The address to listen on, e.g. `0.0.0.0`.")
              .withCheck(Check.notEmpty()),
          ConfigKey.required(
                  PORT, ConfigType.INTEGER, "The UDP port to listen on (0: any free port).")
              .withCheck(Check.between(0, 65_535)),
          ConfigKey.optional(
                  MAX_DATAGRAM_SIZE,
                  ConfigType.INTEGER,
                  Value.of(LARGEST_DATAGRAM),
                  "Quiver only. The largest datagram taken, in bytes; a larger one is dropped"
                      + " whole (never cut), counted, and reported on the log (at most one line"
                      + " per 10 s), and the onramp keeps serving. The default takes every"
                      + " datagram, as Tremor does.")
              .withCheck(Check.between(1, LARGEST_DATAGRAM)),
          ConfigKey.optional(
                  RECEIVE_BUFFER_BYTES,
                  ConfigType.INTEGER,
                  Value.of(4 << 20),
                  "Quiver only. The socket's receive buffer (SO_RCVBUF) asked of the kernel: what"
                      + " it holds while the onramp is busy or paused before UDP drops datagrams."
                      + " The kernel caps it (Linux: net.core.rmem_max); the log says what was"
                      + " granted. Tremor keeps the system default (Linux: 208 KiB), which a burst"
                      + " of datagrams to a busy process overflows.")
              .withCheck(Check.between(1024, Integer.MAX_VALUE)));

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
    return new UdpOnramp(
        artefact,
        config.string(HOST),
        (int) config.integer(PORT),
        (int) config.integer(MAX_DATAGRAM_SIZE),
        (int) config.integer(RECEIVE_BUFFER_BYTES));
  }
}
