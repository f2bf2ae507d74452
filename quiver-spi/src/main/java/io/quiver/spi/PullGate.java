package io.quiver.spi;

/**
 * The flow control of a source that pulls on a thread of its own (stdin, NATS, AMQP, Pub/Sub): the
 * runtime's {@link #pause()} and {@link #resume()} never block, the pulling thread waits in {@link
 * #awaitOpen()} while its stream is paused or the onramp no longer accepts, and {@link #close()}
 * lets it go for good. One gate per stream. State changes happen under one lock; the flags the
 * pulling thread reads per message are volatile, so reading them takes no lock.
 */
public final class PullGate implements FlowControl {
  private final Object lock = new Object();
  private boolean paused;
  private volatile boolean accepting = true;
  private volatile boolean closed;
  private volatile boolean holding;

  @Override
  public void pause() {
    synchronized (lock) {
      paused = true;
    }
  }

  @Override
  public void resume() {
    synchronized (lock) {
      paused = false;
      lock.notifyAll();
    }
  }

  /** From now on the pulling thread is held (until {@link #close()}): the onramp is draining. */
  public void stopAccepting() {
    synchronized (lock) {
      accepting = false;
    }
  }

  /** Releases the pulling thread for good: every wait returns false from now on. */
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
  }

  /**
   * Blocks while the stream is paused or the onramp no longer accepts; true when the thread may
   * pull, false once the gate is closed.
   */
  public boolean awaitOpen() throws InterruptedException {
    synchronized (lock) {
      while ((paused || !accepting) && !closed) {
        holding = true;
        try {
          lock.wait();
        } finally {
          holding = false;
        }
      }
      return !closed;
    }
  }

  /**
   * Waits up to {@code millis} (a pause between pulls) unless the gate is closed meanwhile; false
   * once it is closed.
   */
  public boolean sleep(long millis) throws InterruptedException {
    synchronized (lock) {
      long deadline = System.nanoTime() + millis * 1_000_000L;
      long left = millis;
      while (!closed && left > 0) {
        lock.wait(left);
        left = (deadline - System.nanoTime()) / 1_000_000L;
      }
      return !closed;
    }
  }

  /** Whether events pulled now are to be handed on (the onramp still accepts, not closed). */
  public boolean accepting() {
    return accepting && !closed;
  }

  /** Whether the gate is closed. */
  public boolean closed() {
    return closed;
  }

  /** Whether the pulling thread is waiting in {@link #awaitOpen()} right now (tests, metrics). */
  public boolean holding() {
    return holding;
  }
}
