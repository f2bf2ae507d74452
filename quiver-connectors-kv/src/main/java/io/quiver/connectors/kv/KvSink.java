package io.quiver.connectors.kv;

import io.quiver.spi.CodecException;
import io.quiver.spi.EpochClock;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code kv} offramp instance. Pipelines hand it events without waiting: each event is queued
 * for the sink's single worker thread, which runs the event's commands (every entry of a batch) in
 * arrival order against the {@link KvStore}, commits, and only then emits one reply per command out
 * of {@code out} (or an error out of {@code err}), then acks the event, or fails it when a command
 * failed. Tremor's kv always answers, linked or not. When {@link #HOLD_AT} events wait the sender's
 * origin is held until its event ran; when {@link #QUEUE_CAPACITY} wait even so (senders that
 * cannot be held), the event fails.
 */
final class KvSink implements Sink {
  static final int QUEUE_CAPACITY = 4_096;
  static final int HOLD_AT = 256;

  /** Events that run before a commit at most, when events queue up (KvStoreBench: docs/kv.md). */
  static final int GROUP_COMMIT_MAX = 64;

  /** How long {@link #stop} waits for queued events to run. */
  private static final long STOP_WAIT_MS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(KvSink.class);

  private final KvSettings settings;
  private final AtomicInteger pending = new AtomicInteger();
  private final LogThrottle storeErrors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private SinkContext context;
  private KvStore store;
  private KvExecutor executor;
  private ThreadPoolExecutor worker;

  /** Events that ran since the last commit; the worker thread's alone. */
  private final List<Ran> uncommitted = new ArrayList<>();

  KvSink(KvSettings settings) {
    this.settings = settings;
  }

  @Override
  public void start(SinkContext context) throws IOException {
    this.context = context;
    try {
      this.store = KvStore.open(settings.dir());
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "[Offramp::"
              + context.artefact().url()
              + "] cannot open the kv store in `"
              + settings.dir()
              + "` (config key `dir`): "
              + e.getMessage()
              + "; give each kv offramp a directory of its own that Quiver can write",
          e);
    }
    this.executor = new KvExecutor(store, context.newSerializer().codec());
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            r ->
                Thread.ofPlatform()
                    .name("quiver-kv-" + context.artefact().id())
                    .daemon(true)
                    .unstarted(r));
  }

  @Override
  public void onEvent(Event event) {
    Runnable release =
        pending.get() >= HOLD_AT && context.holdOrigin(event)
            ? () -> context.releaseOrigin(event)
            : null;
    pending.incrementAndGet();
    try {
      worker.execute(() -> runAndRelease(event, release));
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet();
      if (release != null) {
        release.run();
      }
      String why =
          worker.isShutdown() ? "the kv offramp is stopped" : "the kv store is not keeping up";
      throw new IllegalStateException(
          "[Offramp::" + context.artefact().url() + "] " + why + ": event dropped", e);
    }
  }

  private void runAndRelease(Event event, Runnable release) {
    try {
      run(event);
    } catch (RuntimeException e) {
      LOG.warn("[Offramp::{}] kv event not handled: {}", context.artefact().url(), e.toString());
      context.fail(event);
    } finally {
      pending.decrementAndGet();
      if (release != null) {
        release.run();
      }
    }
  }

  /** An answer to one command: its reply or error event, and the command (null: unreadable). */
  private record Answer(KvCommand command, String port, Event event) {}

  /** An event whose commands ran, waiting for the commit that makes its answers true. */
  private record Ran(Event event, List<Answer> answers) {}

  private void run(Event event) {
    long now = EpochClock.nowNs();
    List<Answer> answers = new ArrayList<>();
    for (Event request : event.elements()) {
      answers.add(answer(request, now));
    }
    uncommitted.add(new Ran(event, answers));
    if (uncommitted.size() >= GROUP_COMMIT_MAX || worker.getQueue().isEmpty()) {
      commitAndAnswer(now);
    }
  }

  /** Group commit: one write to the file for every event that ran since the last one. */
  private void commitAndAnswer(long now) {
    RuntimeException unwritten = null;
    try {
      store.commit();
    } catch (RuntimeException e) {
      unwritten = e;
    }
    for (Ran ran : uncommitted) {
      List<Answer> answers =
          unwritten == null ? ran.answers() : unwritten(ran.answers(), unwritten, now);
      boolean failed = false;
      for (Answer a : answers) {
        context.emit(a.port(), a.event());
        failed |= a.port().equals(Ports.ERR);
      }
      if (failed) {
        context.fail(ran.event());
      } else {
        context.ack(ran.event());
      }
    }
    uncommitted.clear();
  }

  private Answer answer(Event request, long now) {
    KvCommand command;
    try {
      command = KvCommands.parse(request.data());
    } catch (KvCommandException e) {
      LOG.debug("[Offramp::{}] {}", context.artefact().url(), e.getMessage());
      return new Answer(null, Ports.ERR, KvReplies.error(request, null, null, e.getMessage(), now));
    }
    try {
      return new Answer(
          command,
          Ports.OUT,
          KvReplies.reply(request, command.op(), executor.run(command, now), now));
    } catch (CodecException e) {
      return new Answer(
          command,
          Ports.ERR,
          KvReplies.error(request, command.op(), command.key(), e.getMessage(), now));
    } catch (RuntimeException e) {
      String message = storeError(e);
      return new Answer(
          command, Ports.ERR, KvReplies.error(request, command.op(), command.key(), message, now));
    }
  }

  /** The answers of an event whose changes could not be written: every command failed. */
  private List<Answer> unwritten(List<Answer> answers, RuntimeException e, long now) {
    String message = storeError(e);
    List<Answer> out = new ArrayList<>(answers.size());
    for (Answer a : answers) {
      if (a.command() == null || a.port().equals(Ports.ERR)) {
        out.add(a);
      } else {
        KvCommand c = a.command();
        out.add(
            new Answer(c, Ports.ERR, KvReplies.error(a.event(), c.op(), c.key(), message, now)));
      }
    }
    return out;
  }

  private String storeError(RuntimeException e) {
    String message = "kv store error: " + e.getMessage();
    long heldBack = storeErrors.admit(e.getClass().getName());
    if (heldBack >= 0) {
      LOG.warn(
          "[Offramp::{}] {}{}",
          context.artefact().url(),
          message,
          storeErrors.heldBackNote(heldBack));
    }
    return message;
  }

  /** The store's commits so far (tests). */
  long commits() {
    return store.commits();
  }

  @Override
  public boolean autoAck() {
    return false; // acked once the commands ran, failed when one of them failed
  }

  @Override
  public boolean drained() {
    return pending.get() == 0;
  }

  @Override
  public void stop() {
    if (worker == null) {
      return;
    }
    worker.shutdown();
    try {
      if (!worker.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
        int lost = worker.shutdownNow().size();
        LOG.warn("[Offramp::{}] stopped with {} kv events not run", context.artefact().url(), lost);
        worker.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
