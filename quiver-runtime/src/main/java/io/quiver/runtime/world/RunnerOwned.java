package io.quiver.runtime.world;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * An {@link EventCount} written only by the thread that holds one {@link PipelineRunner}'s claim: a
 * plain add and an opaque store, no atomic read-modify-write. The threads that hold the claim one
 * after another are ordered by the claim itself (its release on finishing, its acquire on taking),
 * so each sees the count the last one left. Readers on other threads (metrics) read it opaquely:
 * never a torn value, possibly a few events behind.
 *
 * <p>Incrementing from a thread that does not hold the runner's claim loses counts: only the runner
 * calls {@link #increment()}.
 */
final class RunnerOwned implements EventCount {
  private static final VarHandle COUNT;

  static {
    try {
      COUNT = MethodHandles.lookup().findVarHandle(RunnerOwned.class, "count", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through COUNT
  private long count;

  @Override
  public void increment() {
    COUNT.setOpaque(this, count + 1);
  }

  /** What other threads counted (a fused pass-through's events, which skip the runner). */
  private final LongAdder others = new LongAdder();

  @Override
  public void incrementAnyThread() {
    others.increment();
  }

  @Override
  public long sum() {
    return (long) COUNT.getOpaque(this) + others.sum();
  }
}
