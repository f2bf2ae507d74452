package io.quiver.connectors.rest.offramp;

import io.netty.channel.EventLoop;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.quiver.connectors.net.ClientTlsContext;
import io.quiver.connectors.net.ConnectionMetrics;
import io.quiver.connectors.net.EventLoops;
import io.quiver.connectors.net.NameResolution;
import io.quiver.connectors.net.OutstandingLimit;
import io.quiver.spi.Artefact;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.spi.metrics.MetricsReport;
import io.quiver.value.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rest offramp: each event becomes one HTTP request ({@link RequestBuilder}, encoded on the
 * sender's thread), sent over pooled keep-alive connections ({@link ConnectionPool}) with at most
 * {@code concurrency} in flight ({@link Dispatcher}, {@link Slots}); what comes back is answered by
 * {@link RestAnswers}. It has a dispatcher and a pool on each loop of the shared group ({@link
 * Lane}): an event sent on one of those loops (a linked rest onramp's request, say) is dispatched
 * on that loop, on that loop's upstream connections, so a request never changes threads, as in
 * nginx; an event sent from another thread goes to the offramp's first loop. Events handed over
 * while {@code concurrency} requests are outstanding hold their sender ({@link OutstandingLimit});
 * a sender that cannot be held gets Tremor's 429 past twice the limit. A linked offramp refuses
 * batches, as Tremor's.
 */
final class RestSink implements Sink, MetricsReport.Reporter {
  private static final Logger LOG = LoggerFactory.getLogger(RestSink.class);

  /** Tremor's text for a batch handed to a linked rest offramp. */
  static final String BATCH_REFUSED = "Batched events are not supported for linked rest offramps.";

  static final String OVERLOAD = "Dropped data due to overload";

  private static final long STOP_WAIT_MS = 2_000;

  private final Artefact artefact;
  private final RestOfframpSettings settings;
  private final ConnectionMetrics metrics = new ConnectionMetrics();
  private final LogThrottle batchLog = new LogThrottle(LogThrottle.TEN_SECONDS);
  private SinkContext context;
  private OutstandingLimit limit;
  private List<Lane> lanes;
  private RestAnswers answers;
  private RequestBuilder builder;

  /** Codecs are stateful: each thread that encodes or decodes has its own. */
  private ThreadLocal<BodyCodecs> codecs;

  RestSink(Artefact artefact, RestOfframpSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
  }

  @Override
  public void start(SinkContext context) {
    this.context = context;
    this.limit = new OutstandingLimit(settings.concurrency(), context);
    this.codecs = ThreadLocal.withInitial(() -> new BodyCodecs(context));
    this.answers = new RestAnswers(context);
    this.builder = new RequestBuilder(settings);
    ClientTlsContext tls = new ClientTlsContext(settings.tls(), artefact.url());
    Slots slots = new Slots(settings.concurrency());
    List<Lane> made = new ArrayList<>();
    EventLoop first = EventLoops.group().next(); // offramps start on different loops
    for (EventLoop loop : loopsFrom(first)) {
      DnsNameResolver resolver =
          NameResolution.resolver(loop, List.of(), settings.connectTimeoutMs());
      ConnectionPool pool = new ConnectionPool(loop, settings, tls, resolver, metrics);
      Dispatcher dispatcher =
          new Dispatcher(
              loop, settings, pool, answers, codecs::get, limit::end, slots, this::wakeOthers);
      made.add(new Lane(loop, resolver, pool, dispatcher));
    }
    this.lanes = List.copyOf(made);
    LOG.info(
        "[Sink::{}] sending to {} ({} at most in flight)",
        artefact.url(),
        settings.endpoint().host() == null ? "each event's $endpoint" : describe(),
        settings.concurrency());
  }

  private String describe() {
    try {
      return settings.endpoint().target().display();
    } catch (Endpoint.EndpointException e) {
      return e.getMessage();
    }
  }

  @Override
  public void onEvent(Event event) {
    if (artefact.linked() && event.batch()) {
      long held = batchLog.admit();
      if (held >= 0) {
        LOG.error("[Sink::{}] {}{}", artefact.url(), BATCH_REFUSED, batchLog.heldBackNote(held));
      }
      answers.error(event, RestAnswers.BAD_REQUEST, BATCH_REFUSED);
      return;
    }
    OutgoingRequest request;
    try {
      request = builder.build(event, codecs.get()); // encoding on the sender's thread
    } catch (RequestBuilder.RequestException e) {
      answers.error(event, RestAnswers.BAD_REQUEST, e.getMessage());
      return;
    }
    if (!limit.begin(event)) {
      answers.error(event, RestAnswers.OVERLOAD, OVERLOAD);
      return;
    }
    // a task on the caller's own loop rather than inline: no wake-up, and the pipeline run that
    // sent the event ends sooner, so its runner is free for the other loops' requests (measured
    // on the HTTP proxy: dispatching inline was clearly slower)
    Lane caller = laneOfCaller();
    Lane lane = caller != null ? caller : lanes.get(0);
    lane.loop().execute(() -> lane.dispatcher().submit(event, request, lane.loop()));
  }

  /** The lane of the calling thread when it is one of the loops, else null. */
  private Lane laneOfCaller() {
    for (Lane lane : lanes) {
      if (lane.loop().inEventLoop()) {
        return lane;
      }
    }
    return null;
  }

  /** A slot is free and requests wait on other loops: each loop looks at its waiting ones. */
  private void wakeOthers() {
    for (Lane lane : lanes) {
      if (!lane.loop().inEventLoop()) {
        try {
          lane.loop().execute(lane.dispatcher()::pump);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          LOG.debug("[Sink::{}] loop gone: {}", artefact.url(), e.toString());
        }
      }
    }
  }

  /** Every loop of the shared group, {@code first} first. */
  private static List<EventLoop> loopsFrom(EventLoop first) {
    List<EventLoop> loops = new ArrayList<>();
    loops.add(first);
    for (EventExecutor e : EventLoops.group()) {
      if (e != first && e instanceof EventLoop l) {
        loops.add(l);
      }
    }
    return loops;
  }

  /** The dispatchers, one per loop (for tests). */
  List<Dispatcher> dispatchers() {
    return lanes.stream().map(Lane::dispatcher).toList();
  }

  /** What the offramp has on one loop. */
  private record Lane(
      EventLoop loop, DnsNameResolver resolver, ConnectionPool pool, Dispatcher dispatcher) {}

  @Override
  public boolean autoAck() {
    return false;
  }

  @Override
  public boolean drained() {
    return limit == null || limit.outstanding() == 0;
  }

  /** Connections opened and closed so far. */
  @Override
  public void reportMetrics(MetricsReport report) {
    metrics.report(report, "http");
  }

  ConnectionMetrics metrics() {
    return metrics;
  }

  @Override
  public void stop() {
    if (lanes == null) {
      return;
    }
    List<CompletableFuture<Void>> waits = new ArrayList<>();
    for (Lane lane : lanes) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      Runnable stopLane =
          () -> {
            try {
              lane.dispatcher().failAll("the offramp stopped before the response");
              lane.pool().closeAll();
              lane.resolver().close();
            } finally {
              done.complete(null);
            }
          };
      lane.loop().execute(stopLane);
      if (!lane.loop().inEventLoop()) {
        waits.add(done);
      }
    }
    try {
      CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
          .get(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.debug("[Sink::{}] stop did not finish in time: {}", artefact.url(), e.toString());
    }
    limit.releaseAll();
  }
}
