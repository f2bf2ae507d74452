package io.quiver.connectors.rest.offramp;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The offramp's {@code concurrency} slots, shared by its per-loop {@link Dispatcher}s: a request is
 * sent only while it holds one, so the total in flight stays bounded whichever loops the requests
 * run on. Also counts the requests waiting for a slot on every loop, so that a loop that frees a
 * slot and has nobody waiting itself knows to wake the others. Lock-free: a dispatcher that queues
 * a request counts it as waiting before it tries for a slot once more, and a dispatcher that frees
 * a slot looks at the waiting count after freeing it, so one of the two always sees the other.
 */
final class Slots {
  private final int limit;
  private final AtomicInteger taken = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();

  Slots(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    this.limit = limit;
  }

  /** Takes a slot when one is free. */
  boolean tryTake() {
    while (true) {
      int now = taken.get();
      if (now >= limit) {
        return false;
      }
      if (taken.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Frees a slot taken before. */
  void give() {
    taken.decrementAndGet();
  }

  /** Slots taken now (requests in flight on every loop). */
  int taken() {
    return taken.get();
  }

  /** One more request waits for a slot, on some loop. */
  void queued() {
    waiting.incrementAndGet();
  }

  /** A waiting request got a slot or was answered. */
  void dequeued() {
    waiting.decrementAndGet();
  }

  /** Requests waiting for a slot now, on every loop. */
  int waiting() {
    return waiting.get();
  }
}
