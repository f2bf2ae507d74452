package io.quiver.connectors.cloud;

import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink whose events become requests to a service, run one at a time in arrival order on the
 * sink's own worker thread behind a bounded queue (never on a pipeline thread). Past {@link
 * #HOLD_AT} queued events the sending stream is held back ({@link SinkContext#holdOrigin}); a full
 * queue refuses the event. An event whose {@link #deliver} returns is acked; one that throws is
 * failed and answered with an error event on {@code err} (linked; else a rate-limited log line).
 * When the service cannot be reached (an {@link IOException}, a 429 or 5xx status) the {@link
 * EndpointCircuit} breaks until it can.
 */
public abstract class QueuedSink implements Sink {
  static final int QUEUE_CAPACITY = 1024;
  static final int HOLD_AT = 64;
  private static final long STOP_WAIT_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(QueuedSink.class);

  private final AtomicInteger pending = new AtomicInteger();
  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  protected SinkContext context;
  private ThreadPoolExecutor worker;
  private EndpointCircuit circuit;

  /** A request the event asks for cannot be made (a bad command): fails only this event. */
  public static final class BadEventException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadEventException(String message) {
      super(message);
    }
  }

  @Override
  public final void start(SinkContext ctx) throws Exception {
    this.context = ctx;
    starting(ctx);
    this.circuit = new EndpointCircuit(ctx, service());
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            r ->
                Thread.ofPlatform()
                    .name("quiver-" + ctx.artefact().id())
                    .daemon(true)
                    .unstarted(r));
  }

  /** Called once by {@link #start} before any event: set up clients and credentials. */
  protected void starting(SinkContext ctx) throws Exception {}

  /** The service's base URL, whose host and port the circuit probes. */
  protected abstract URI service();

  /**
   * Sends {@code event} to the service on the worker thread; replies go through {@link #reply}.
   *
   * @throws BadEventException when the event does not say what to do
   * @throws IOException when the service cannot be reached
   * @throws HttpStatusException when it answered with an error status
   */
  protected abstract void deliver(Event event) throws Exception;

  /** Sends {@code data} as the reply to {@code request} on {@code out}, when linked. */
  protected final void reply(Event request, Value data) {
    if (context.artefact().linked()) {
      context.emit(Ports.OUT, Answers.reply(request, data));
    }
  }

  @Override
  public final void onEvent(Event event) {
    Runnable release =
        pending.get() >= HOLD_AT && context.holdOrigin(event)
            ? () -> context.releaseOrigin(event)
            : null;
    pending.incrementAndGet();
    try {
      worker.execute(() -> run(event, release));
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet();
      if (release != null) {
        release.run();
      }
      String why = worker.isShutdown() ? "the offramp is stopped" : "the service is not keeping up";
      throw new IllegalStateException(
          "[Offramp::" + context.artefact().url() + "] " + why + ": event dropped", e);
    }
  }

  private void run(Event event, Runnable release) {
    try {
      deliver(event);
      circuit.delivered();
      context.ack(event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed(event, "the offramp stopped before the request was answered");
    } catch (IOException e) {
      circuit.broken();
      failed(event, describe(e));
    } catch (HttpStatusException e) {
      if (e.transientStatus()) {
        circuit.broken();
      }
      failed(event, e.getMessage());
    } catch (Exception e) {
      failed(event, e.getMessage() == null ? e.toString() : e.getMessage());
    } finally {
      pending.decrementAndGet();
      if (release != null) {
        release.run();
      }
    }
  }

  /** How an I/O failure reads in an error event: its class when it has no message. */
  static String describe(IOException e) {
    String m = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return "service unreachable: " + (m == null || m.isBlank() ? kind : kind + ": " + m);
  }

  private void failed(Event event, String message) {
    context.fail(event);
    if (context.artefact().linked()) {
      LOG.debug(
          "[Offramp::{}] error for event {}: {}", context.artefact().url(), event.id(), message);
      context.emit(Ports.ERR, Answers.error(event, message));
      return;
    }
    long held = errors.admit(message);
    if (held >= 0) {
      LOG.warn("[Offramp::{}] {}{}", context.artefact().url(), message, errors.heldBackNote(held));
    }
  }

  /** The circuit (tests). */
  protected final EndpointCircuit circuit() {
    return circuit;
  }

  @Override
  public final boolean autoAck() {
    return false; // acked once the service answered, failed when it did not
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
        LOG.warn("[Offramp::{}] stopped with {} events not sent", context.artefact().url(), lost);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    circuit.close();
  }
}
