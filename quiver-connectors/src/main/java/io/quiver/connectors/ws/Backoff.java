package io.quiver.connectors.ws;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays following a {@link ReconnectPolicy}: growing by the growth rate up to the
 * maximum, varied by the jitter, reset on success. Counts failed attempts for max_retries.
 */
final class Backoff {
  private final ReconnectPolicy policy;
  private double nextMs;
  private int failures;

  Backoff(ReconnectPolicy policy) {
    this.policy = policy;
    this.nextMs = policy.intervalMs();
  }

  /** The delay to wait now (jittered); the one after it grows. */
  long next() {
    failures++;
    double base = nextMs;
    nextMs = Math.min(policy.maxIntervalMs(), nextMs * policy.growthRate());
    double spread = policy.jitter() * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
    return Math.max(1, Math.round(base * (1 + spread)));
  }

  /** Whether background retries are used up (max_retries failed attempts in a row). */
  boolean exhausted() {
    return policy.maxRetries() > 0 && failures >= policy.maxRetries();
  }

  void reset() {
    nextMs = policy.intervalMs();
    failures = 0;
  }
}
