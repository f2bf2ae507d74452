package io.quiver.connectors.otel;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * The offramp's side of the wire: one gRPC channel (plain-text HTTP/2, as Tremor) to the OTLP
 * receiver and a blocking call per request, made on the offramp's own thread. gRPC connects and
 * reconnects by itself; {@link #probe} is Tremor's recovery check, a TCP connect to the receiver.
 */
final class OtelExporter {
  /** How long one export call may take before it counts as failed. */
  static final long DEADLINE_MS = 10_000;

  /** How long the recovery probe waits for its TCP connect. */
  static final int PROBE_TIMEOUT_MS = 500;

  private final OtelSettings settings;
  private final ManagedChannel channel;
  private final LogsServiceGrpc.LogsServiceBlockingStub logs;
  private final TraceServiceGrpc.TraceServiceBlockingStub trace;
  private final MetricsServiceGrpc.MetricsServiceBlockingStub metrics;

  OtelExporter(OtelSettings settings) {
    this.settings = settings;
    this.channel =
        NettyChannelBuilder.forAddress(settings.host(), settings.port()).usePlaintext().build();
    this.logs = LogsServiceGrpc.newBlockingStub(channel);
    this.trace = TraceServiceGrpc.newBlockingStub(channel);
    this.metrics = MetricsServiceGrpc.newBlockingStub(channel);
  }

  /**
   * Converts and sends one value of kind {@code kind} ("logs", "trace" or "metrics"); throws {@link
   * OtelMappingException} for a value of the wrong shape and gRPC's {@link
   * io.grpc.StatusRuntimeException} when the receiver did not take it.
   */
  void export(String kind, Value value) throws OtelMappingException {
    switch (kind) {
      case OtelSettings.LOGS ->
          logs.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS).export(OtelLogs.toPb(value));
      case OtelSettings.TRACE ->
          trace
              .withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
              .export(OtelTraces.toPb(value));
      default ->
          metrics
              .withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
              .export(OtelMetrics.toPb(value));
    }
  }

  /** Whether the receiver's port takes TCP connections again (then gRPC reconnects at once). */
  boolean probe() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(settings.host(), settings.port()), PROBE_TIMEOUT_MS);
    } catch (IOException e) {
      return false;
    }
    channel.resetConnectBackoff();
    return true;
  }

  void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
