package io.quiver.connectors.ws;

/** An exponential reconnect delay: initial, doubling up to a maximum, reset on success. */
final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private long nextMs;

  Backoff(long initialMs, long maxMs) {
    this.initialMs = initialMs;
    this.maxMs = Math.max(initialMs, maxMs);
    this.nextMs = initialMs;
  }

  /** The delay to wait now; the one after it is doubled (up to the maximum). */
  long next() {
    long delay = nextMs;
    nextMs = Math.min(maxMs, nextMs * 2);
    return delay;
  }

  void reset() {
    nextMs = initialMs;
  }
}
