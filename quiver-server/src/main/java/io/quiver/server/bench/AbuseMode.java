package io.quiver.server.bench;

import java.util.Locale;

/** What one phase of {@code quiver bench abuse} does to the server. */
public enum AbuseMode {
  /** Handshakes sent one byte a second per socket. */
  SLOWLORIS,
  /** Many TCP connections that send nothing. */
  IDLE,
  /** Websocket clients that ask for large replies and never read. */
  NONREADING,
  /** Events that make the pipeline's script recurse deep, and deeply nested JSON. */
  DEEP,
  /**
   * Frames that break RFC 6455: reserved opcodes and bits, unmasked, bad UTF-8, bad close codes.
   */
  INVALID;

  /** The name on the command line and in the report. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
