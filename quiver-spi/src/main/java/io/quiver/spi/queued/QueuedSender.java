package io.quiver.spi.queued;

import io.quiver.spi.LogThrottle;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue and the thread of a sink whose client blocks or is slow: pipelines {@link #offer}
 * events without waiting; a sender thread of the sink's own takes them in arrival order and hands
 * them to the connector's {@link SendTarget}.
 *
 * <ul>
 *   <li>Backpressure: past {@link SendLimits#highWater} queued events the sender of each further
 *       event is held ({@link SinkContext#holdOrigin}); every hold is released once the queue is
 *       down to half of it (checked on every turn of the sender loop, so also while it idles). Past
 *       {@link SendLimits#capacity} events are refused: the connector says how.
 *   <li>{@link #drained}: every event offered was answered (queued, being sent, or waiting for the
 *       peer's answer with {@link SendTarget#answersLater}).
 *   <li>{@link #circuit}: the sink's {@link Circuit}; while broken, {@link SendTarget#probe} is
 *       asked once a second on the sender thread.
 *   <li>{@link #stop}: refuses new events; with {@link SendLimits#sendQueuedOnStop} lets the sender
 *       thread send what is queued; waits up to {@link SendLimits#stopWaitMs} for it (or for the
 *       send in progress), then interrupts; closes the target; fails what is still queued ({@link
 *       SendTarget#unsent}) and releases every hold.
 * </ul>
 */
public final class QueuedSender {
  private static final Logger LOG = LoggerFactory.getLogger(QueuedSender.class);
  private static final long POLL_MS = 100;

  private final String threadName;
  private final SinkContext context;
  private final SendLimits limits;
  private final SendTarget target;
  private final Circuit circuit;
  private final BlockingQueue<Event> queue;
  private final ConcurrentLinkedQueue<Event> held = new ConcurrentLinkedQueue<>();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final LogThrottle bugs = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile boolean running = true;
  private volatile boolean stopping; // sendQueuedOnStop: the thread ends once the queue is empty
  private Thread thread;

  /**
   * A sender for the sink of {@code context}; nothing runs before {@link #start}.
   *
   * @param threadName the sender thread's name, e.g. {@code kafka-out-ID-INSTANCE}
   */
  public QueuedSender(
      String threadName, SinkContext context, SendLimits limits, SendTarget target) {
    this.threadName = threadName;
    this.context = context;
    this.limits = limits;
    this.target = target;
    this.circuit = new Circuit(context);
    this.queue =
        limits.capacity() == Integer.MAX_VALUE
            ? new LinkedBlockingQueue<>()
            : new LinkedBlockingQueue<>(limits.capacity());
  }

  /** Starts the sender thread (a daemon). */
  public void start() {
    thread = Thread.ofPlatform().name(threadName).daemon(true).start(this::run);
  }

  public Circuit circuit() {
    return circuit;
  }

  /** Whether the sink is still running (false once {@link #stop} began): for blocking waits. */
  public boolean running() {
    return running && !stopping;
  }

  /**
   * Queues {@code event} for the sender thread; any thread, never blocks.
   *
   * @return false when it was not queued (the sender stopped, or {@link SendLimits#capacity} events
   *     wait): the connector fails or answers it as it does
   */
  public boolean offer(Event event) {
    if (!running || stopping) {
      return false;
    }
    outstanding.incrementAndGet();
    if (!queue.offer(event)) {
      outstanding.decrementAndGet();
      return false;
    }
    if (queue.size() > limits.highWater() && context.holdOrigin(event)) {
      held.add(event);
    }
    return true;
  }

  /** Events queued and not yet taken by the sender thread. */
  public int queued() {
    return queue.size();
  }

  /** One event taken from the queue got its final answer (targets that answer later). */
  public void answered() {
    outstanding.decrementAndGet();
  }

  /** Whether every event offered was answered. */
  public boolean drained() {
    return outstanding.get() == 0;
  }

  private void run() {
    try {
      target.senderStarted();
      List<Event> batch = new ArrayList<>(Math.min(limits.batchMax(), 1024));
      while (running) {
        Event first = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
        batch.clear();
        if (first != null) {
          batch.add(first);
          if (limits.batchMax() > 1) {
            queue.drainTo(batch, limits.batchMax() - 1);
          }
        }
        // also when nothing came: a hold taken while the queue was drained is released here
        releaseHoldsBelowHalf();
        target.turn();
        if (circuit.probeDue(System.nanoTime())) {
          target.probe();
        }
        if (!batch.isEmpty()) {
          send(batch);
        } else if (stopping) {
          return; // what was queued is sent
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void releaseHoldsBelowHalf() {
    if (queue.size() <= limits.highWater() / 2) {
      releaseHolds();
    }
  }

  private void releaseHolds() {
    Event h;
    while ((h = held.poll()) != null) {
      context.releaseOrigin(h);
    }
  }

  private void send(List<Event> batch) throws InterruptedException {
    boolean later = target.answersLater();
    try {
      if (batch.size() == 1) {
        target.send(batch.get(0));
      } else {
        target.sendBatch(batch);
      }
    } catch (InterruptedException e) {
      // stop gave up waiting for this send: its events are failed
      if (!later) {
        batch.forEach(context::fail);
        outstanding.addAndGet(-batch.size());
      }
      throw e;
    } catch (RuntimeException e) {
      // a target's bug (one that answers later must not throw): logged; the events of a target
      // that answers at once are failed, so that nobody waits for them for ever
      long heldBack = bugs.admit(e.getClass().getName());
      if (heldBack >= 0) {
        LOG.warn(
            "[Sink::{}] sending failed unexpectedly: {}{}",
            context.artefact().url(),
            e.toString(),
            bugs.heldBackNote(heldBack));
      }
      if (!later) {
        batch.forEach(context::fail);
      }
    }
    if (!later) {
      outstanding.addAndGet(-batch.size());
    }
  }

  /**
   * Stops the sender: waits for the send in progress (then interrupts it), closes the target, fails
   * every event still queued and releases every hold. Idempotent.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    Thread t = thread;
    if (limits.sendQueuedOnStop() && t != null) {
      stopping = true;
    } else {
      running = false;
    }
    if (t != null) {
      try {
        t.join(limits.stopWaitMs());
        running = false;
        if (t.isAlive()) {
          t.interrupt();
          t.join(limits.stopWaitMs());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    target.close();
    Event left;
    while ((left = queue.poll()) != null) {
      context.fail(left);
      target.unsent(left);
      outstanding.decrementAndGet();
    }
    releaseHolds();
  }
}
