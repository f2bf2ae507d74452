package io.quiver.connectors.time;

import io.quiver.spi.Artefact;
import io.quiver.spi.EpochClock;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits an event each time one of its cron entries is due, on one stream, from a daemon scheduler
 * thread of its own. Each entry is scheduled for its next time after now; when it fires, the next
 * one after that is scheduled. An entry that falls due while the runtime has paused the stream
 * fires once when the stream resumes (Tremor keeps it in its queue until the source is pulled
 * again), not once per missed time. Ids count emitted events from 0 across all entries.
 */
final class Crononome implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(Crononome.class);

  private final Artefact artefact;
  private final List<CronEntry> entries;
  private final Clock clock;
  private final List<CronEntry> overdue = new ArrayList<>();
  private TimerThread timer;
  private SourceContext context;
  private long stream;
  private long nextId;
  private boolean paused;
  private boolean closed;

  Crononome(Artefact artefact, List<CronEntry> entries, Clock clock) {
    this.artefact = artefact;
    this.entries = List.copyOf(entries);
    this.clock = clock;
  }

  /**
   * Tremor's crononome event for {@code entry} as event {@code id}, ingested at {@code ingestNs}.
   */
  static byte[] payload(long ingestNs, long id, CronEntry entry) {
    StringBuilder json = new StringBuilder(96);
    json.append("{\"onramp\":\"crononome\",\"ingest_ns\":")
        .append(ingestNs)
        .append(",\"id\":")
        .append(id)
        .append(",\"trigger\":{\"name\":")
        .append(Json.write(Value.of(entry.name())));
    if (entry.payloadJson() != null) {
      json.append(",\"payload\":").append(entry.payloadJson());
    }
    return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** How long from {@code now} until {@code entry} is next due, or empty when never again. */
  static Optional<Duration> untilNext(CronEntry entry, ZonedDateTime now) {
    return entry.schedule().next(now).map(at -> Duration.between(now, at));
  }

  @Override
  public void start(SourceContext context) {
    this.context = context;
    this.stream =
        context.openStream(
            new FlowControl() {
              @Override
              public void pause() {
                synchronized (Crononome.this) {
                  paused = true;
                }
              }

              @Override
              public void resume() {
                List<CronEntry> due;
                synchronized (Crononome.this) {
                  paused = false;
                  due = List.copyOf(overdue);
                  overdue.clear();
                }
                TimerThread t = timer;
                if (t != null && !due.isEmpty()) {
                  t.now(() -> due.forEach(Crononome.this::emit));
                }
              }
            });
    timer = new TimerThread("crononome", artefact);
    for (CronEntry entry : entries) {
      scheduleNext(entry);
    }
  }

  private void scheduleNext(CronEntry entry) {
    ZonedDateTime now = ZonedDateTime.now(clock);
    Optional<Duration> wait = untilNext(entry, now);
    if (wait.isEmpty()) {
      LOG.info("[Source::{}] cron entry {} has no future time: done", artefact.url(), entry);
      return;
    }
    timer.once(wait.get().toMillis(), () -> fire(entry));
  }

  /** The entry is due: emitted now, or once the stream resumes when it is paused. */
  void fire(CronEntry entry) {
    boolean hold;
    synchronized (this) {
      hold = paused;
      if (hold && !overdue.contains(entry)) {
        overdue.add(entry);
      }
    }
    if (!hold) {
      emit(entry);
    }
    scheduleNext(entry);
  }

  private void emit(CronEntry entry) {
    long id;
    synchronized (this) {
      if (closed) {
        return;
      }
      id = nextId++;
    }
    try {
      context.receive(stream, payload(EpochClock.nowNs(), id, entry), Value.EMPTY_OBJECT, true);
    } catch (RuntimeException e) {
      // a thrown exception would stop this entry's schedule: log it and go on
      LOG.warn(
          "[Source::{}] crononome entry {} failed: {}", artefact.url(), entry.name(), e.toString());
    }
  }

  @Override
  public void stopAccepting() {
    TimerThread t = timer;
    if (t != null) {
      t.stopAccepting();
    }
  }

  @Override
  public void stop() {
    TimerThread t = timer;
    if (t == null) {
      return;
    }
    t.stop();
    boolean close;
    synchronized (this) {
      close = !closed;
      closed = true;
    }
    if (close) {
      context.closeStream(stream);
    }
  }
}
