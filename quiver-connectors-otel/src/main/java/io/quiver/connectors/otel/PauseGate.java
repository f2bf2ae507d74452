package io.quiver.connectors.otel;

import io.quiver.spi.FlowControl;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The onramp's backpressure: the runtime pauses and resumes its stream, and the gRPC handler
 * threads (never a Netty event loop) wait at the gate while it is paused, so the exporter's call is
 * answered only once its data is taken, as Tremor's bounded channel did.
 */
final class PauseGate implements FlowControl {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition opened = lock.newCondition();
  private boolean paused;

  @Override
  public void pause() {
    lock.lock();
    try {
      paused = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void resume() {
    lock.lock();
    try {
      paused = false;
      opened.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits while paused, at most {@code timeoutMs}; whether the gate is open. */
  boolean awaitOpen(long timeoutMs) throws InterruptedException {
    long left = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    lock.lock();
    try {
      while (paused) {
        if (left <= 0) {
          return false;
        }
        left = opened.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
