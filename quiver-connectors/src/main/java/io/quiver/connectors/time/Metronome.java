package io.quiver.connectors.time;

import io.quiver.spi.Artefact;
import io.quiver.spi.EpochClock;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits one event per interval (the interval after the previous event was handed over, as Tremor
 * sleeps it before each event) on one stream, from a daemon scheduler thread of its own (the
 * runtime runs the pipelines inline on the caller, so never on an event loop). Ticks that fall
 * while the runtime has paused the stream (backpressure, a broken circuit) are skipped, as Tremor
 * does not pull a paused source; ids count emitted events from 0.
 *
 * <p>The payload is handed over as JSON text, so with the default {@code json} codec the event is
 * Tremor's structured value.
 */
final class Metronome implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(Metronome.class);

  private final Artefact artefact;
  private final long intervalMs;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean paused;
  private TimerThread timer;
  private SourceContext context;
  private long stream;
  private long nextId;

  Metronome(Artefact artefact, long intervalMs) {
    this.artefact = artefact;
    this.intervalMs = intervalMs;
  }

  /** Tremor's metronome payload for event {@code id} ingested at {@code ingestNs}. */
  static byte[] payload(long ingestNs, long id) {
    return ("{\"onramp\":\"metronome\",\"ingest_ns\":" + ingestNs + ",\"id\":" + id + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void start(SourceContext context) {
    this.context = context;
    this.stream =
        context.openStream(
            new FlowControl() {
              @Override
              public void pause() {
                paused = true;
              }

              @Override
              public void resume() {
                paused = false;
              }
            });
    timer = new TimerThread("metronome", artefact);
    // with a fixed delay, as Tremor's metronome sleeps the interval before each event: tick k is
    // at least k intervals after the first, which Tremor's event-time metrics reports rely on
    timer.every(intervalMs, this::tick);
  }

  void tick() {
    if (paused || closed.get()) {
      return;
    }
    try {
      context.receive(stream, payload(EpochClock.nowNs(), nextId++), Value.EMPTY_OBJECT, true);
    } catch (RuntimeException e) {
      // a thrown exception would cancel the schedule: log it and keep ticking
      LOG.debug("[Source::{}] metronome tick failed: {}", artefact.url(), e.toString());
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
    if (closed.compareAndSet(false, true)) {
      context.closeStream(stream);
    }
  }
}
