package io.quiver.connectors.otel;

import io.grpc.StatusRuntimeException;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code otel} offramp: each event of Tremor's shape ({@code {"logs": ...}}, {@code
 * {"trace": ...}} or {@code {"metrics": ...}}; every entry of a batch) is sent to the OTLP receiver
 * on the offramp's own thread, in order. A transactional event is acked once the receiver took it.
 * An event that does not convert, has none of the three keys, or that the receiver did not take
 * becomes an error event on port {@code err} (and is failed); a failed call also breaks the circuit
 * (the sources pause) until a TCP probe every second finds the receiver again, as Tremor.
 */
final class OtelOfframp implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(OtelOfframp.class);

  /** Events waiting for the sender beyond which their sources are held back. */
  static final int HIGH_WATER = 128;

  /** Events waiting for the sender beyond which new ones are refused with an error event. */
  static final int MAX_PENDING = 1024;

  static final long PROBE_INTERVAL_MS = 1_000;

  private final OtelSettings settings;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean down = new AtomicBoolean();
  private final LogThrottle throttle = new LogThrottle(LogThrottle.TEN_SECONDS);
  private final ScheduledExecutorService worker;
  private SinkContext context;
  private OtelExporter exporter;
  private ScheduledFuture<?> probe;

  OtelOfframp(OtelSettings settings) {
    this.settings = settings;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "otel-offramp");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.worker = executor;
  }

  @Override
  public void start(SinkContext context) {
    this.context = context;
    this.exporter = new OtelExporter(settings);
  }

  @Override
  public boolean autoAck() {
    return false;
  }

  @Override
  public void onEvent(Event event) {
    int waiting = pending.incrementAndGet();
    if (waiting > MAX_PENDING) {
      pending.decrementAndGet();
      error(event, event.data(), "the otel offramp has " + MAX_PENDING + " events waiting");
      return;
    }
    boolean held = waiting > HIGH_WATER && context.holdOrigin(event);
    worker.execute(
        () -> {
          try {
            send(event);
          } finally {
            pending.decrementAndGet();
            if (held) {
              context.releaseOrigin(event);
            }
          }
        });
  }

  private void send(Event event) {
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
    if (down.compareAndSet(false, true)) {
      context.circuitBroken();
      probe =
          worker.scheduleWithFixedDelay(
              () -> {
                if (exporter.probe()) {
                  LOG.info(
                      "CNCF OpenTelemetry -  sink remote endpoint - recovered and contactable");
                  restoreCircuit();
                }
              },
              PROBE_INTERVAL_MS,
              PROBE_INTERVAL_MS,
              TimeUnit.MILLISECONDS);
    }
  }

  /** Runs on the worker thread only (as {@link #breakCircuit}). */
  private void restoreCircuit() {
    if (down.compareAndSet(true, false)) {
      probe.cancel(false);
      context.circuitRestored();
    }
  }

  @Override
  public boolean drained() {
    return pending.get() == 0;
  }

  @Override
  public void stop() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(OtelExporter.DEADLINE_MS, TimeUnit.MILLISECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.shutdownNow();
    }
    if (exporter != null) {
      exporter.close();
    }
  }
}
