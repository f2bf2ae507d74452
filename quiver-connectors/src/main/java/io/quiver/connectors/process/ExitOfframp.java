package io.quiver.connectors.process;

import io.quiver.spi.LogThrottle;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Json;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code exit} offramp instance: the first event {@code {"exit": status, "delay": ms}} ends the
 * process with {@code status} after {@code delay} milliseconds, through {@link
 * SinkContext#exitProcess} (the deployment stops cleanly first, every file offramp flushed). The
 * delay runs on a timer thread of its own, never in the pipeline. As in Tremor, where the sink
 * sleeps and then exits, exit events after the first are not acted on.
 *
 * <p>Any other event is Tremor's error {@code Unexpected event received in exit offramp}: logged as
 * Tremor logs a failing offramp ({@code [Offramp::url] On Event error: ...}, rate-limited) and the
 * event fails. Of a batch only the first value counts, as in Tremor.
 */
final class ExitOfframp implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(ExitOfframp.class);

  /** Tremor's error text for an event that is no exit request. */
  static final String UNEXPECTED = "Unexpected event received in exit offramp";

  private final AtomicBoolean exiting = new AtomicBoolean();
  private final LogThrottle errorLog = new LogThrottle(LogThrottle.TEN_SECONDS);
  private SinkContext context;
  private ScheduledExecutorService timer;

  @Override
  public void start(SinkContext context) {
    this.context = context;
    String name = "exit-" + context.artefact().id() + "-" + context.artefact().instance();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name(name).daemon(true).unstarted(r));
  }

  @Override
  public boolean autoAck() {
    return false; // a request is acked, anything else fails
  }

  @Override
  public void onEvent(Event event) {
    Optional<ExitRequest> request =
        event.elements().stream().findFirst().flatMap(e -> ExitRequest.of(e.data()));
    if (request.isEmpty()) {
      if (event.elements().isEmpty()) {
        context.ack(event); // an empty batch: nothing to do, as in Tremor
      } else {
        unexpected(event);
      }
      return;
    }
    context.ack(event);
    ExitRequest r = request.get();
    if (!exiting.compareAndSet(false, true)) {
      LOG.debug("[Offramp::{}] already exiting: {} ignored", context.artefact().url(), r);
      return;
    }
    LOG.info(
        "[Offramp::{}] exit requested: status {} in {} ms",
        context.artefact().url(),
        r.status(),
        r.delayMs());
    if (r.delayMs() == 0) {
      context.exitProcess(r.status());
    } else {
      timer.schedule(() -> context.exitProcess(r.status()), r.delayMs(), TimeUnit.MILLISECONDS);
    }
  }

  private void unexpected(Event event) {
    long heldBack = errorLog.admit();
    if (heldBack >= 0) {
      LOG.error(
          "[Offramp::{}] On Event error: {}{}",
          context.artefact().url(),
          UNEXPECTED,
          errorLog.heldBackNote(heldBack));
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "[Offramp::{}] not an exit request: {}",
          context.artefact().url(),
          Json.write(event.data()));
    }
    context.fail(event);
  }

  @Override
  public void stop() {
    ScheduledExecutorService t = timer;
    if (t != null) {
      t.shutdownNow(); // a delayed exit not yet due is dropped: the deployment is stopping anyway
    }
  }
}
