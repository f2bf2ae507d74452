package io.quiver.spi.queued;

import io.quiver.spi.SinkContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sink's circuit breaker: {@link #breaks} reports "circuit broken" to the sources feeding the
 * sink once (they pause), {@link #restores} reports "circuit restored" once. Both say whether the
 * state changed, so the connector logs its own words only then. While broken, the {@link
 * QueuedSender}'s thread asks {@link SendTarget#probe} once per {@link #PROBE_INTERVAL_NS}, the
 * first time one interval after it broke. Any thread.
 */
public final class Circuit {
  /** How often a broken circuit is probed. */
  public static final long PROBE_INTERVAL_NS = 1_000_000_000L;

  private final SinkContext context;
  private final AtomicBoolean broken = new AtomicBoolean();
  private volatile long lastProbeNs; // when it broke, then when it was last probed

  public Circuit(SinkContext context) {
    this.context = context;
  }

  /** Breaks the circuit; true when it was whole (the sources were told), false when already. */
  public boolean breaks() {
    if (broken.compareAndSet(false, true)) {
      lastProbeNs = System.nanoTime();
      context.circuitBroken();
      return true;
    }
    return false;
  }

  /** Restores the circuit; true when it was broken (the sources were told). */
  public boolean restores() {
    if (broken.compareAndSet(true, false)) {
      context.circuitRestored();
      return true;
    }
    return false;
  }

  public boolean broken() {
    return broken.get();
  }

  /**
   * On the sender thread: whether a probe is due at {@code nowNs} ({@link System#nanoTime}): broken
   * for a second, and the last probe a second ago.
   */
  boolean probeDue(long nowNs) {
    if (!broken.get() || nowNs - lastProbeNs < PROBE_INTERVAL_NS) {
      return false;
    }
    lastProbeNs = nowNs;
    return true;
  }
}
