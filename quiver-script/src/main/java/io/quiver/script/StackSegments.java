package io.quiver.script;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Fresh thread stacks for deeply nested user function calls. The interpreter evaluates calls on the
 * Java stack, and a pipeline runs on whatever thread submits its event (a Netty event loop with the
 * JVM's default 1 MiB stack, a timer, the CLI's main thread). So that a function calling itself by
 * name up to the {@link RecursionLimit} never overflows that stack, the interpreter continues a
 * nested call on a thread of this pool every {@link Interpreter#CALLS_PER_SEGMENT} calls ({@link
 * Interpreter#CALLS_ON_CALLER} on the caller's own thread): the calling thread waits for its own
 * continuation, so nothing else runs in between and the event's order is kept.
 *
 * <p>The threads have a {@value #STACK_BYTES}-byte stack (reserved, committed only as far as it is
 * used), are daemons named {@code quiver-script-stack-N}, and end after {@value #IDLE_SECONDS} idle
 * seconds. {@code recur} needs none of this: it is a loop.
 */
final class StackSegments {
  /**
   * Stack size of a segment thread: enough for {@code CALLS_PER_SEGMENT} calls at the deepest
   * nesting the parser allows.
   */
  static final long STACK_BYTES = 16L << 20;

  static final int IDLE_SECONDS = 30;

  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final ThreadPoolExecutor POOL =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          IDLE_SECONDS,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          task -> {
            Thread t =
                new Thread(
                    null, task, "quiver-script-stack-" + COUNT.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
          });

  private StackSegments() {}

  /** Runs {@code work} on a fresh stack and returns its result or rethrows what it threw. */
  static <T> T run(Supplier<T> work) {
    try {
      return CompletableFuture.supplyAsync(work, POOL).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
