package io.quiver.runtime.world;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many events went through one port, for the metrics: incremented on the event path, read by
 * the metrics reporters (which tolerate a value a few events behind). Two kinds, chosen by who
 * writes: {@link Shared} where several threads send through the port at once (an onramp's or
 * offramp's ports, sent from every event loop), {@link RunnerOwned} where only the thread holding a
 * {@link PipelineRunner}'s claim writes (a pipeline's inputs and outputs), which needs no atomic
 * read-modify-write.
 */
sealed interface EventCount permits EventCount.Shared, RunnerOwned {

  /** Counts one event. */
  void increment();

  /**
   * Counts one event from any thread, at the same time as {@link #increment} (a fused
   * pass-through's count, see {@link io.quiver.spi.PassThrough}).
   */
  void incrementAnyThread();

  /** The events counted so far. */
  long sum();

  /** A count for ports that several threads send through at the same time. */
  static EventCount shared() {
    return new Shared();
  }

  /** Counts with a {@link LongAdder}: any thread may increment. */
  final class Shared implements EventCount {
    private final LongAdder adder = new LongAdder();

    private Shared() {}

    @Override
    public void increment() {
      adder.increment();
    }

    @Override
    public void incrementAnyThread() {
      adder.increment();
    }

    @Override
    public long sum() {
      return adder.sum();
    }
  }
}
