package io.quiver.connectors.net;

import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on a sink's operations still in progress (datagrams written but not yet sent, lookups not
 * yet answered), with backpressure: past {@code limit} the sender of each new event is held ({@link
 * SinkContext#holdOrigin}, once per source stream) and every held sender is released together once
 * at most half of the limit is outstanding. A sender that cannot be held (an event made by a
 * pipeline, say) is refused past twice the limit, so memory stays bounded either way. Thread-safe
 * and non-blocking: {@link #begin} runs on pipeline threads, {@link #end} on an event loop.
 */
public final class OutstandingLimit {
  /** The source stream of an event. */
  private record Origin(long source, long stream) {}

  private final int limit;
  private final SinkContext context;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final Map<Origin, Event> held = new ConcurrentHashMap<>();

  public OutstandingLimit(int limit, SinkContext context) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    this.limit = limit;
    this.context = context;
  }

  /**
   * One more operation for {@code event}; when over the limit its sender is held.
   *
   * @return false when the operation must not start (over twice the limit and the sender cannot be
   *     held): the caller fails the event and does not call {@link #end}
   */
  public boolean begin(Event event) {
    int now = outstanding.incrementAndGet();
    if (now <= limit) {
      return true;
    }
    Origin origin = new Origin(event.id().source(), event.stream());
    boolean slows = true;
    if (held.putIfAbsent(origin, event) == null) {
      slows = context.holdOrigin(event);
      if (!slows) {
        held.remove(origin, event);
      }
    }
    // the operations may have ended while the hold was placed: nobody else would release it
    if (outstanding.get() <= limit / 2) {
      releaseAll();
    }
    if (!slows && now > 2 * limit) {
      outstanding.decrementAndGet();
      return false;
    }
    return true;
  }

  /** One operation ended (done or failed); releases held senders once there is room again. */
  public void end() {
    if (outstanding.decrementAndGet() <= limit / 2 && !held.isEmpty()) {
      releaseAll();
    }
  }

  /** Operations begun and not yet ended. */
  public int outstanding() {
    return outstanding.get();
  }

  /** Lets every held sender go (also at shutdown). */
  public void releaseAll() {
    for (Origin origin : List.copyOf(held.keySet())) {
      Event event = held.remove(origin);
      if (event != null) {
        context.releaseOrigin(event);
      }
    }
  }
}
