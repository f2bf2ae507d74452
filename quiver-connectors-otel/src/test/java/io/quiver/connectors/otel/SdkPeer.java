package io.quiver.connectors.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry Java SDK with its OTLP gRPC exporters, as the tests' peer: it sends what it
 * records to every endpoint given (the onramp, and a receiver directly to compare with), the same
 * recorded data to each.
 */
final class SdkPeer implements AutoCloseable {
  /** Generous: this machine may be busy, and a timeout here is no finding. */
  static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(60);

  final SdkTracerProvider tracers;
  final SdkLoggerProvider loggers;
  final SdkMeterProvider meters;

  SdkPeer(int... ports) {
    Resource resource =
        Resource.create(
            Attributes.of(
                AttributeKey.stringKey("service.name"),
                "quiver-it",
                AttributeKey.longKey("it.run"),
                7L));
    List<SpanExporter> spans = new ArrayList<>();
    List<LogRecordExporter> logs = new ArrayList<>();
    List<MetricExporter> metrics = new ArrayList<>();
    for (int port : ports) {
      String endpoint = "http://127.0.0.1:" + port;
      spans.add(
          OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).setTimeout(EXPORT_TIMEOUT).build());
      logs.add(
          OtlpGrpcLogRecordExporter.builder()
              .setEndpoint(endpoint)
              .setTimeout(EXPORT_TIMEOUT)
              .build());
      metrics.add(
          OtlpGrpcMetricExporter.builder()
              .setEndpoint(endpoint)
              .setTimeout(EXPORT_TIMEOUT)
              .build());
    }
    tracers =
        SdkTracerProvider.builder()
            .setResource(resource)
            .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite(spans)))
            .build();
    loggers =
        SdkLoggerProvider.builder()
            .setResource(resource)
            .addLogRecordProcessor(
                SimpleLogRecordProcessor.create(LogRecordExporter.composite(logs)))
            .build();
    meters =
        SdkMeterProvider.builder()
            .setResource(resource)
            .registerMetricReader(
                PeriodicMetricReader.builder(new FanOut(metrics))
                    .setInterval(Duration.ofHours(1))
                    .build())
            .build();
  }

  boolean flushSpans() {
    return tracers.forceFlush().join(90, TimeUnit.SECONDS).isSuccess();
  }

  boolean flushLogs() {
    return loggers.forceFlush().join(90, TimeUnit.SECONDS).isSuccess();
  }

  boolean flushMetrics() {
    return meters.forceFlush().join(90, TimeUnit.SECONDS).isSuccess();
  }

  @Override
  public void close() {
    tracers.shutdown().join(10, TimeUnit.SECONDS);
    loggers.shutdown().join(10, TimeUnit.SECONDS);
    meters.shutdown().join(10, TimeUnit.SECONDS);
  }

  /** One collection of metrics, exported to every exporter. */
  private record FanOut(List<MetricExporter> exporters) implements MetricExporter {
    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      List<CompletableResultCode> results = new ArrayList<>();
      exporters.forEach(e -> results.add(e.export(metrics)));
      return CompletableResultCode.ofAll(results);
    }

    @Override
    public CompletableResultCode flush() {
      List<CompletableResultCode> results = new ArrayList<>();
      exporters.forEach(e -> results.add(e.flush()));
      return CompletableResultCode.ofAll(results);
    }

    @Override
    public CompletableResultCode shutdown() {
      List<CompletableResultCode> results = new ArrayList<>();
      exporters.forEach(e -> results.add(e.shutdown()));
      return CompletableResultCode.ofAll(results);
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType type) {
      return exporters.get(0).getAggregationTemporality(type);
    }
  }
}
