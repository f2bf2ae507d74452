package io.quiver.connectors.cloud;

import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.spi.queued.QueuedSender;
import io.quiver.spi.queued.SendLimits;
import io.quiver.spi.queued.SendTarget;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink whose events become requests to a service, run one at a time in arrival order on the
 * sink's own worker thread behind a bounded queue (a {@link QueuedSender}; never on a pipeline
 * thread). Past {@link #HOLD_AT} queued events the sending stream is held back ({@link
 * SinkContext#holdOrigin}) until the queue is down to half of it; a full queue refuses the event.
 * An event whose {@link #deliver} returns is acked; one that throws is failed and answered with an
 * error event on {@code err} (linked; else a rate-limited log line). When the service cannot be
 * reached (an {@link IOException}, a 429 or 5xx status) the {@link EndpointCircuit} breaks until it
 * can.
 */
public abstract class QueuedSink implements Sink {
  static final int QUEUE_CAPACITY = 1024;
  static final int HOLD_AT = 64;
  private static final long STOP_WAIT_MS = 5_000;
  private static final String STOPPED = "the offramp stopped before the request was answered";
  private static final Logger LOG = LoggerFactory.getLogger(QueuedSink.class);

  private final LogThrottle errors = new LogThrottle(LogThrottle.TEN_SECONDS);
  protected SinkContext context;
  private QueuedSender sender;
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
    this.sender =
        new QueuedSender(
            "quiver-" + ctx.artefact().id(),
            ctx,
            SendLimits.holdingPast(HOLD_AT)
                .withCapacity(QUEUE_CAPACITY)
                .withStopWaitMs(STOP_WAIT_MS)
                .sendingQueuedOnStop(),
            new Target());
    this.circuit = new EndpointCircuit(ctx, sender.circuit(), service());
    sender.start();
  }

  /** The sender thread's side: each event delivered, the endpoint probed while broken. */
  private final class Target implements SendTarget {
    @Override
    public void send(Event event) {
      run(event);
    }

    @Override
    public void probe() {
      circuit.probe();
    }

    /** Still queued at stop (failed already): a linked request is answered on {@code err}. */
    @Override
    public void unsent(Event event) {
      if (context.artefact().linked()) {
        context.emit(Ports.ERR, Answers.error(event, STOPPED));
      }
    }
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
    if (!sender.offer(event)) {
      String why = sender.running() ? "the service is not keeping up" : "the offramp is stopped";
      throw new IllegalStateException(
          "[Offramp::" + context.artefact().url() + "] " + why + ": event dropped");
    }
  }

  private void run(Event event) {
    try {
      deliver(event);
      circuit.delivered();
      context.ack(event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed(event, STOPPED);
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
    return sender == null || sender.drained();
  }

  /** Stops the worker: what is queued is sent for up to 5 s; what is still queued then fails. */
  @Override
  public void stop() {
    if (sender != null) {
      sender.stop();
    }
  }
}
