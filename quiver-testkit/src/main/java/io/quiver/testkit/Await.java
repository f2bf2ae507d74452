package io.quiver.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline (no sleeps as synchronisation). */
public final class Await {
  private Await() {}

  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    until(what, Duration.ofSeconds(5), condition);
  }

  public static void until(String what, Duration within, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " not reached within " + within.toMillis() + " ms");
      }
      Thread.sleep(5); // polling interval, not synchronisation
    }
  }
}
