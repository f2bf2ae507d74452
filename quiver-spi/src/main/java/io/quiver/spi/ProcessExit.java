package io.quiver.spi;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Ends the process on behalf of a connector, as Tremor's {@code exit} offramp, {@code cb} onramp
 * and {@code file} onramp ({@code close_on_done}) do with {@code std::process::exit}. Unlike
 * Tremor, Quiver does not stop at once: the request runs {@link System#exit} on a thread of its
 * own, so the server's shutdown hook stops the deployment as on SIGTERM (events already taken get
 * their answers, every sink flushes, files included) and the JVM then ends with the status given.
 *
 * <p>The first request wins; later ones (another exit event, a second connector) are ignored.
 * Connectors call it through {@link SourceContext#exitProcess} or {@link SinkContext#exitProcess};
 * tests and embedders may {@link #install} a handler of their own instead of ending the JVM.
 */
public final class ProcessExit {
  private static final IntConsumer EXIT_JVM =
      status -> {
        Thread t = new Thread(() -> System.exit(status), "quiver-exit");
        t.setDaemon(false);
        t.start();
      };

  private static volatile IntConsumer handler = EXIT_JVM;
  private static final AtomicBoolean REQUESTED = new AtomicBoolean();
  private static volatile int status;

  private ProcessExit() {}

  /** Asks for the process to end with {@code status}; returns at once. Only the first counts. */
  public static void request(int status) {
    if (REQUESTED.compareAndSet(false, true)) {
      ProcessExit.status = status;
      handler.accept(status);
    }
  }

  /**
   * Replaces what a request does (tests, embedding) and re-arms it, so the next request counts
   * again. {@code null} restores the default (ending the JVM).
   */
  public static void install(IntConsumer newHandler) {
    handler = Objects.requireNonNullElse(newHandler, EXIT_JVM);
    REQUESTED.set(false);
  }

  /** Whether a request has been made since the start (or the last {@link #install}). */
  public static boolean requested() {
    return REQUESTED.get();
  }

  /** The status of the request that counted, or empty when none was made. */
  public static java.util.OptionalInt requestedStatus() {
    return REQUESTED.get() ? java.util.OptionalInt.of(status) : java.util.OptionalInt.empty();
  }
}
