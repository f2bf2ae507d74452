package io.quiver.connectors.otel;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tremor's {@code otel} onramp: an OTLP gRPC server (logs, trace and metrics services) whose export
 * requests become events of Tremor's shape on port {@code out}, one event per request, all on one
 * stream. The requests are handled on a small bounded pool of the onramp's own (never on Netty's
 * event loops); a request is answered once its event was taken, and waits while the runtime pauses
 * the onramp (a circuit breaker downstream, full queues).
 */
final class OtelOnramp implements Source {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OtelOnramp.class);

  /** Handler threads; OTLP exporters send one request at a time per signal. */
  static final int HANDLER_THREADS = 4;

  /** Requests that may wait for a handler thread (Tremor's channel held 128). */
  static final int QUEUED_REQUESTS = 128;

  /** How long a request waits for a paused onramp before it is answered UNAVAILABLE. */
  static final long PAUSE_WAIT_MS = 30_000;

  private final OtelSettings settings;
  private final PauseGate gate = new PauseGate();

  /** One hand-over at a time: the stream's deserializer is not for concurrent use. */
  private final Object handOver = new Object();

  private volatile boolean accepting = true;
  private SourceContext context;
  private long stream;
  private Server server;
  private ThreadPoolExecutor handlers;

  OtelOnramp(OtelSettings settings) {
    this.settings = settings;
  }

  @Override
  public void start(SourceContext context) throws Exception {
    this.context = context;
    this.stream = context.openStream(gate);
    AtomicInteger threads = new AtomicInteger();
    handlers =
        new ThreadPoolExecutor(
            HANDLER_THREADS,
            HANDLER_THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED_REQUESTS),
            r -> {
              Thread t = new Thread(r, "otel-onramp-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    handlers.allowCoreThreadTimeOut(true);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
            .executor(handlers);
    for (BindableService service : new OtelReceiver(settings, this::take).services()) {
      builder.addService(service);
    }
    server = builder.build().start();
  }

  private boolean take(Value event) throws InterruptedException {
    if (!accepting || !gate.awaitOpen(PAUSE_WAIT_MS) || !accepting) {
      return false;
    }
    byte[] json = Json.writeBytes(event);
    synchronized (handOver) {
      context.receiveMessage(stream, json, Value.EMPTY_OBJECT);
    }
    LOG.debug("export request handed over");
    return true;
  }

  @Override
  public void stopAccepting() {
    accepting = false;
    if (server != null) {
      server.shutdown();
    }
  }

  @Override
  public void stop() {
    accepting = false;
    gate.resume();
    if (server != null) {
      server.shutdownNow();
      try {
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (handlers != null) {
      handlers.shutdownNow();
    }
    if (context != null) {
      context.closeStream(stream);
    }
  }
}
