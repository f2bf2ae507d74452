package io.quiver.connectors.cloud;

/** Trickle queries the ITs put in front of the offramp under test. */
public final class Wal {
  private Wal() {}

  /** Straight through. */
  public static final String PASS = "select event from in into out;";

  /**
   * Through an in-memory {@code qos::wal}: what the offramp fails is sent again until acked, so
   * nothing is lost while the service is away.
   */
  public static final String WAL =
      """
      define qos::wal operator wal with read_count = 20, max_elements = 1000 end;
      create operator wal;
      select event from in into wal;
      select event from wal into out;
      """;
}
