/**
 * Tremor's {@code otel} onramp and offramp: OTLP over gRPC (logs, traces, metrics). {@link
 * io.quiver.connectors.otel.OtelLogs}, {@link io.quiver.connectors.otel.OtelTraces} and {@link
 * io.quiver.connectors.otel.OtelMetrics} convert between OTLP's protobuf messages and Tremor's
 * event shapes ({@code {"logs": [...]}}, {@code {"trace": [...]}}, {@code {"metrics": [...]}});
 * {@link io.quiver.connectors.otel.OtelOnramp} serves the three OTLP services, {@link
 * io.quiver.connectors.otel.OtelOfframp} calls them.
 */
package io.quiver.connectors.otel;
