package io.quiver.connectors.otel;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP gRPC receiver for the tests, built from opentelemetry-proto's service stubs: it keeps
 * every export request it was sent. It can stop and start again on the same port.
 */
final class OtlpTestReceiver implements AutoCloseable {
  final List<ExportLogsServiceRequest> logs = new CopyOnWriteArrayList<>();
  final List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
  final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
  private final int port;
  private Server server;

  OtlpTestReceiver(int port) {
    this.port = port;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  OtlpTestReceiver start() throws IOException {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .addService(
                new LogsServiceGrpc.LogsServiceImplBase() {
                  @Override
                  public void export(
                      ExportLogsServiceRequest r, StreamObserver<ExportLogsServiceResponse> o) {
                    logs.add(r);
                    o.onNext(ExportLogsServiceResponse.getDefaultInstance());
                    o.onCompleted();
                  }
                })
            .addService(
                new TraceServiceGrpc.TraceServiceImplBase() {
                  @Override
                  public void export(
                      ExportTraceServiceRequest r, StreamObserver<ExportTraceServiceResponse> o) {
                    traces.add(r);
                    o.onNext(ExportTraceServiceResponse.getDefaultInstance());
                    o.onCompleted();
                  }
                })
            .addService(
                new MetricsServiceGrpc.MetricsServiceImplBase() {
                  @Override
                  public void export(
                      ExportMetricsServiceRequest r,
                      StreamObserver<ExportMetricsServiceResponse> o) {
                    metrics.add(r);
                    o.onNext(ExportMetricsServiceResponse.getDefaultInstance());
                    o.onCompleted();
                  }
                })
            .build()
            .start();
    return this;
  }

  void stop() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (server != null) {
      stop();
    }
  }
}
