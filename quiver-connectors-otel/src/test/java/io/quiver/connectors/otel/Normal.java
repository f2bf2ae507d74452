package io.quiver.connectors.otel;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * What the SDK sent, less the OTLP fields Tremor's event shape has no place for (listed in
 * docs/compatibility.md), so it can be compared with what came through Quiver.
 */
final class Normal {
  private Normal() {}

  static ExportTraceServiceRequest traces(ExportTraceServiceRequest r) {
    return r;
  }

  static ExportLogsServiceRequest logs(ExportLogsServiceRequest r) {
    return r;
  }

  static ExportMetricsServiceRequest metrics(ExportMetricsServiceRequest r) {
    return r;
  }
}
