package io.quiver.connectors.otel;

import io.grpc.StatusRuntimeException;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.spi.queued.QueuedSender;
import io.quiver.spi.queued.SendLimits;
import io.quiver.spi.queued.SendTarget;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code otel} offramp: each event of Tremor's shape ({@code {"logs": ...}}, {@code
 * {"trace": ...}} or {@code {"metrics": ...}}; every entry of a batch) is sent to the OTLP receiver
 * on the offramp's own thread, in order (a {@link QueuedSender}: past {@link #HIGH_WATER} waiting
 * the senders are held until half of that wait). A transactional event is acked once the receiver
 * took it. An event that does not convert, has none of the three keys, or that the receiver did not
 * take becomes an error event on port {@code err} (and is failed); a failed call also breaks the
 * circuit (the sources pause) until a TCP probe every second finds the receiver again, as Tremor.
 */
final class OtelOfframp implements Sink, SendTarget {
  private static final Logger LOG = LoggerFactory.getLogger(OtelOfframp.class);

  /** Events waiting for the sender beyond which their sources are held back. */
  static final int HIGH_WATER = 128;

  /** Events waiting for the sender beyond which new ones are refused with an error event. */
  static final int MAX_PENDING = 1024;

  private final OtelSettings settings;
  private final LogThrottle throttle = new LogThrottle(LogThrottle.TEN_SECONDS);
  private SinkContext context;
  private OtelExporter exporter;
  private QueuedSender sender;

  OtelOfframp(OtelSettings settings) {
    this.settings = settings;
  }

  @Override
  public void start(SinkContext context) {
    this.context = context;
    this.exporter = new OtelExporter(settings);
    this.sender =
        new QueuedSender(
            "otel-offramp",
            context,
            SendLimits.holdingPast(HIGH_WATER)
                .withCapacity(MAX_PENDING)
                .withStopWaitMs(OtelExporter.DEADLINE_MS)
                .sendingQueuedOnStop(),
            this);
    sender.start();
  }

  @Override
  public boolean autoAck() {
    return false;
  }

  @Override
  public void onEvent(Event event) {
    if (!sender.offer(event)) {
      error(event, event.data(), "the otel offramp has " + MAX_PENDING + " events waiting");
    }
  }

  @Override
  public void send(Event event) {
    for (Event element : event.elements()) {
      Value data = element.data();
      String kind = kind(data);
      if (kind == null) {
        error(event, data, "Unsupported event received by OTEL sink: " + Json.write(data));
        return;
      }
      if (!enabled(kind)) {
        log(
            false,
            "Otel Sink received "
                + kind
                + " event when "
                + kind
                + " support is disabled. Dropping");
        continue;
      }
      try {
        exporter.export(kind, data);
      } catch (OtelMappingException e) {
        error(event, data, e.getMessage());
        return;
      } catch (StatusRuntimeException e) {
        error(event, data, "Failed to dispatch otel/gRPC " + kind + " message: " + describe(e));
        breakCircuit();
        return;
      }
    }
    restoreCircuit();
    context.ack(event);
  }

  /** A gRPC failure on one line: {@code status: UNAVAILABLE, message: "io exception: ..."}. */
  static String describe(StatusRuntimeException e) {
    io.grpc.Status status = e.getStatus();
    StringBuilder message = new StringBuilder();
    if (status.getDescription() != null) {
      message.append(status.getDescription());
    }
    if (status.getCause() != null && status.getCause().getMessage() != null) {
      message.append(message.isEmpty() ? "" : ": ").append(status.getCause().getMessage());
    }
    return "status: " + status.getCode() + ", message: \"" + message + "\"";
  }

  private static String kind(Value data) {
    if (!(data instanceof Value.Obj o)) {
      return null;
    }
    for (String kind : new String[] {OtelSettings.METRICS, OtelSettings.LOGS, OtelSettings.TRACE}) {
      if (o.get(kind) != null) {
        return kind;
      }
    }
    return null;
  }

  private boolean enabled(String kind) {
    return switch (kind) {
      case OtelSettings.LOGS -> settings.logs();
      case OtelSettings.TRACE -> settings.trace();
      default -> settings.metrics();
    };
  }

  private void error(Event event, Value data, String text) {
    log(true, text);
    context.emit(
        Ports.ERR,
        new Event(
            event.id(),
            event.ingestNs(),
            Value.obj("error", Value.of(text), "event", data),
            Value.EMPTY_OBJECT,
            event.stream()));
    context.fail(event);
  }

  private void log(boolean error, String text) {
    String cause = text.length() > 80 ? text.substring(0, 80) : text;
    long heldBack = throttle.admit(cause);
    if (heldBack < 0) {
      return;
    }
    if (error) {
      LOG.error("{}{}", text, throttle.heldBackNote(heldBack));
    } else {
      LOG.warn("{}{}", text, throttle.heldBackNote(heldBack));
    }
  }

  private void breakCircuit() {
    sender.circuit().breaks();
  }

  /** While broken, once a second on the sender thread: Tremor's TCP probe of the receiver. */
  @Override
  public void probe() {
    if (exporter.probe() && sender.circuit().restores()) {
      LOG.info("CNCF OpenTelemetry -  sink remote endpoint - recovered and contactable");
    }
  }

  private void restoreCircuit() {
    sender.circuit().restores();
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

  /** After the sender thread ended: the gRPC channel is closed. */
  @Override
  public void close() {
    if (exporter != null) {
      exporter.close();
    }
  }
}
