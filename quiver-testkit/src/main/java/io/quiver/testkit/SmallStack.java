package io.quiver.testkit;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work on a thread with the JVM's default 1 MiB stack (the stack of a Netty event loop), so a
 * test can show that deep input is refused with an error and never a {@link StackOverflowError}.
 */
public final class SmallStack {
  /** The stack size of the thread {@link #run} uses: 1 MiB. */
  public static final long ONE_MIB = 1L << 20;

  private SmallStack() {}

  /**
   * Runs {@code work} on a fresh thread with a 1 MiB stack and waits for it; returns what the work
   * returned or the {@link Throwable} it threw (an error included), so a test asserts on either.
   */
  public static Object run(Callable<?> work) throws InterruptedException {
    return run(ONE_MIB, work);
  }

  /** Like {@link #run(Callable)} on a thread with a {@code stackBytes} stack. */
  public static Object run(long stackBytes, Callable<?> work) throws InterruptedException {
    AtomicReference<Object> result = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result.set(work.call());
              } catch (Throwable e) {
                result.set(e);
              }
            },
            "small-stack",
            stackBytes);
    t.start();
    t.join();
    return result.get();
  }
}
