package io.quiver.connectors.otel;

import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.quiver.spi.LogThrottle;
import io.quiver.value.Value;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three OTLP services the onramp serves. Each export request becomes one event of Tremor's
 * shape, handed to {@code sink}; the call is answered (OK) once the event was taken. A request that
 * does not convert is answered INVALID_ARGUMENT with Tremor's text; a signal whose service is
 * disabled is answered OK and dropped with Tremor's warning.
 */
final class OtelReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(OtelReceiver.class);

  /** Takes one converted request; false when it could not (shutting down, paused too long). */
  interface EventSink {
    boolean accept(Value event) throws InterruptedException;
  }

  @FunctionalInterface
  private interface Conversion<T> {
    Value convert(T request) throws OtelMappingException;
  }

  private final OtelSettings settings;
  private final EventSink sink;
  private final LogThrottle throttle = new LogThrottle(LogThrottle.TEN_SECONDS);

  OtelReceiver(OtelSettings settings, EventSink sink) {
    this.settings = settings;
    this.sink = sink;
  }

  List<BindableService> services() {
    return List.of(
        new LogsServiceGrpc.LogsServiceImplBase() {
          @Override
          public void export(
              ExportLogsServiceRequest request,
              StreamObserver<ExportLogsServiceResponse> responses) {
            handle(
                request,
                settings.logs(),
                "Otel Source received log event when trace support is disabled. Dropping trace",
                OtelLogs::toValue,
                ok -> respond(responses, ExportLogsServiceResponse.getDefaultInstance(), ok));
          }
        },
        new TraceServiceGrpc.TraceServiceImplBase() {
          @Override
          public void export(
              ExportTraceServiceRequest request,
              StreamObserver<ExportTraceServiceResponse> responses) {
            handle(
                request,
                settings.trace(),
                "Otel Source received trace event when trace support is disabled. Dropping trace",
                OtelTraces::toValue,
                ok -> respond(responses, ExportTraceServiceResponse.getDefaultInstance(), ok));
          }
        },
        new MetricsServiceGrpc.MetricsServiceImplBase() {
          @Override
          public void export(
              ExportMetricsServiceRequest request,
              StreamObserver<ExportMetricsServiceResponse> responses) {
            handle(
                request,
                settings.metrics(),
                "Otel Source received metrics event when trace support is disabled. Dropping"
                    + " trace",
                OtelMetrics::toValue,
                ok -> respond(responses, ExportMetricsServiceResponse.getDefaultInstance(), ok));
          }
        });
  }

  private <T> void handle(
      T request,
      boolean enabled,
      String disabledText,
      Conversion<T> conversion,
      Consumer<Status> answer) {
    if (!enabled) {
      warn(disabledText);
      answer.accept(Status.OK);
      return;
    }
    Value event;
    try {
      event = conversion.convert(request);
    } catch (OtelMappingException e) {
      warn("Invalid OTLP request: " + e.getMessage());
      answer.accept(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
      return;
    }
    LOG.debug("export request taken by {}", Thread.currentThread().getName());
    try {
      answer.accept(
          sink.accept(event)
              ? Status.OK
              : Status.UNAVAILABLE.withDescription("the otel onramp is not taking data now"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.accept(Status.UNAVAILABLE.withDescription("the otel onramp is stopping"));
    }
  }

  private void warn(String text) {
    long heldBack = throttle.admit(text);
    if (heldBack >= 0) {
      LOG.warn("{}{}", text, throttle.heldBackNote(heldBack));
    }
  }

  private static <R> void respond(StreamObserver<R> responses, R response, Status status) {
    if (status.isOk()) {
      responses.onNext(response);
      responses.onCompleted();
    } else {
      responses.onError(status.asRuntimeException());
    }
  }
}
