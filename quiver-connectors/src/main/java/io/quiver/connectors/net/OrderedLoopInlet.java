package io.quiver.connectors.net;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands items from any thread to a consumer that must run on one event loop, in the order they were
 * offered: inline when the caller is already on that loop and no earlier item is still queued (no
 * task, no wake-up), else as a task behind the earlier ones. A plain {@code inEventLoop()} check is
 * not enough: an item offered inline could overtake one another thread queued a moment before.
 */
public final class OrderedLoopInlet<T> {
  private final EventExecutor loop;
  private final Consumer<T> consumer;
  private final AtomicInteger queued = new AtomicInteger();

  public OrderedLoopInlet(EventExecutor loop, Consumer<T> consumer) {
    this.loop = loop;
    this.consumer = consumer;
  }

  /** Items offered from other threads that the loop has not taken yet. */
  public int queued() {
    return queued.get();
  }

  /** Hands {@code item} to the consumer on the loop, after every item offered before it. */
  public void offer(T item) {
    if (loop.inEventLoop() && queued.get() == 0) {
      consumer.accept(item);
      return;
    }
    queued.incrementAndGet();
    loop.execute(
        () -> {
          queued.decrementAndGet();
          consumer.accept(item);
        });
  }
}
