package io.quiver.connectors.net;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline that is set and cleared far more often than it expires (a request's timeout, a
 * connection's idle clock), for one event loop. Setting or clearing it only records the deadline;
 * one scheduled task, at most, stands for it: when that task runs before the current deadline (the
 * deadline moved later meanwhile) it schedules itself again for the rest, and when it runs with no
 * deadline set it does nothing. Only a deadline earlier than the task's replaces the task. So a
 * deadline that moves later with every request costs a field write per request and one task per
 * timeout period, instead of a task scheduled and cancelled (and a timer queue insert and removal)
 * per request. Confined to its executor's thread; times come from the executor's clock ({@link
 * EventExecutor#ticker()}).
 */
public final class DeadlineTimer {
  private final EventExecutor executor;
  private final Runnable onDue;
  private final Runnable fire = this::fire;
  private boolean set;
  private long deadlineNs;
  private ScheduledFuture<?> task;
  private long taskDueNs;

  /**
   * @param onDue runs on the executor once the deadline passed while set; the deadline is cleared
   *     before it runs (it may set a new one)
   */
  public DeadlineTimer(EventExecutor executor, Runnable onDue) {
    this.executor = executor;
    this.onDue = onDue;
  }

  /** Now on the executor's clock, in nanoseconds: the base for {@link #setAt}. */
  public long now() {
    return executor.ticker().nanoTime();
  }

  /** Sets the deadline to {@code ms} milliseconds from now (replacing any earlier one). */
  public void setIn(long ms) {
    setAt(now() + TimeUnit.MILLISECONDS.toNanos(ms));
  }

  /** Sets the deadline to {@code deadlineNs} on the executor's clock ({@link #now}). */
  public void setAt(long deadlineNs) {
    this.deadlineNs = deadlineNs;
    this.set = true;
    if (task == null || deadlineNs - taskDueNs < 0) {
      if (task != null) {
        task.cancel(false);
      }
      schedule(deadlineNs);
    }
  }

  /** Clears the deadline: nothing runs until it is set again. */
  public void clear() {
    set = false;
  }

  /** Whether a deadline is set. */
  public boolean isSet() {
    return set;
  }

  /** Clears the deadline and drops the scheduled task (the owner goes away). */
  public void stop() {
    set = false;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  private void schedule(long dueNs) {
    taskDueNs = dueNs;
    task = executor.schedule(fire, Math.max(0, dueNs - now()), TimeUnit.NANOSECONDS);
  }

  private void fire() {
    task = null;
    if (!set) {
      return;
    }
    if (deadlineNs - now() > 0) {
      schedule(deadlineNs); // the deadline moved later since this task was scheduled
      return;
    }
    set = false;
    onDue.run();
  }
}
