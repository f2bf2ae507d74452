package io.quiver.connectors.kv;

import io.quiver.spi.CodecException;
import io.quiver.spi.EpochClock;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.spi.queued.QueuedSender;
import io.quiver.spi.queued.SendLimits;
import io.quiver.spi.queued.SendTarget;
import io.quiver.value.Event;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code kv} offramp instance. Pipelines hand it events without waiting: each event is queued
 * for the sink's single worker thread (a {@link QueuedSender}), which takes what waits (up to
 * {@link #GROUP_COMMIT_MAX} events), runs the events' commands (every entry of a batch) in arrival
 * order against the {@link KvStore}, commits once, and only then emits one reply per command out of
 * {@code out} (or an error out of {@code err}), then acks each event, or fails it when a command
 * failed. Tremor's kv always answers, linked or not. Past {@link #HOLD_AT} waiting events the
 * senders are held until half of that wait; when {@link #QUEUE_CAPACITY} wait even so (senders that
 * cannot be held), the event fails.
 */
final class KvSink implements Sink, SendTarget {
  static final int QUEUE_CAPACITY = 4_096;
  static final int HOLD_AT = 256;

  /** Events that run before a commit at most, when events queue up (KvStoreBench: docs/kv.md). */
  static final int GROUP_COMMIT_MAX = 64;

  /** How long {@link #stop} waits for queued events to run. */
  private static final long STOP_WAIT_MS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(KvSink.class);

  private final KvSettings settings;
  private final LogThrottle storeErrors = new LogThrottle(LogThrottle.TEN_SECONDS);
  private SinkContext context;
  private KvStore store;
  private KvExecutor executor;
  private QueuedSender sender;

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
    this.sender =
        new QueuedSender(
            "quiver-kv-" + context.artefact().id(),
            context,
            SendLimits.holdingPast(HOLD_AT)
                .withCapacity(QUEUE_CAPACITY)
                .withBatchMax(GROUP_COMMIT_MAX)
                .withStopWaitMs(STOP_WAIT_MS)
                .sendingQueuedOnStop(),
            this);
    sender.start();
  }

  @Override
  public void onEvent(Event event) {
    if (!sender.offer(event)) {
      String why =
          sender.running() ? "the kv store is not keeping up" : "the kv offramp is stopped";
      throw new IllegalStateException(
          "[Offramp::" + context.artefact().url() + "] " + why + ": event dropped");
    }
  }

  @Override
  public void send(Event event) {
    sendBatch(List.of(event));
  }

  /** The events that waited, run in order and committed as one group. Worker thread. */
  @Override
  public void sendBatch(List<Event> events) {
    long now = 0;
    for (Event event : events) {
      now = EpochClock.nowNs();
      try {
        run(event, now);
      } catch (RuntimeException e) {
        LOG.warn("[Offramp::{}] kv event not handled: {}", context.artefact().url(), e.toString());
        context.fail(event);
      }
    }
    commitAndAnswer(now);
  }

  /** An answer to one command: its reply or error event, and the command (null: unreadable). */
  private record Answer(KvCommand command, String port, Event event) {}

  /** An event whose commands ran, waiting for the commit that makes its answers true. */
  private record Ran(Event event, List<Answer> answers) {}

  private void run(Event event, long now) {
    List<Answer> answers = new ArrayList<>();
    for (Event request : event.elements()) {
      answers.add(answer(request, now));
    }
    uncommitted.add(new Ran(event, answers));
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
    return sender == null || sender.drained();
  }

  @Override
  public void stop() {
    if (sender != null) {
      sender.stop();
    }
  }

  /** After the worker thread ended: the store is closed. */
  @Override
  public void close() {
    store.close();
  }
}
