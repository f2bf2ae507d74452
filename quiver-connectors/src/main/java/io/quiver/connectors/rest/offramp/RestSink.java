package io.quiver.connectors.rest.offramp;

import io.netty.channel.EventLoop;
import io.netty.resolver.dns.DnsNameResolver;
import io.quiver.connectors.net.ClientTlsContext;
import io.quiver.connectors.net.ConnectionMetrics;
import io.quiver.connectors.net.EventLoops;
import io.quiver.connectors.net.NameResolution;
import io.quiver.connectors.net.OutstandingLimit;
import io.quiver.spi.Artefact;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rest offramp: each event becomes one HTTP request ({@link RequestBuilder}, encoded on the
 * sender's thread), sent from one of the shared event loops over pooled keep-alive connections
 * ({@link ConnectionPool}) with at most {@code concurrency} in flight ({@link Dispatcher}); what
 * comes back is answered by {@link RestAnswers}. Events handed over while {@code concurrency}
 * requests are outstanding hold their sender ({@link OutstandingLimit}); a sender that cannot be
 * held gets Tremor's 429 past twice the limit. A linked offramp refuses batches, as Tremor's.
 */
final class RestSink implements Sink {
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
  private EventLoop loop;
  private DnsNameResolver resolver;
  private ConnectionPool pool;
  private Dispatcher dispatcher;
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
    this.loop = EventLoops.group().next();
    this.resolver = NameResolution.resolver(loop, List.of(), settings.connectTimeoutMs());
    this.codecs = ThreadLocal.withInitial(() -> new BodyCodecs(context));
    this.answers = new RestAnswers(context);
    this.builder = new RequestBuilder(settings);
    this.pool =
        new ConnectionPool(
            loop,
            settings,
            new ClientTlsContext(settings.tls(), artefact.url()),
            resolver,
            metrics);
    this.dispatcher = new Dispatcher(loop, settings, pool, answers, codecs::get, limit::end);
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
    EventLoop home = EventLoops.callerLoopOrNext();
    loop.execute(() -> dispatcher.submit(event, request, home));
  }

  @Override
  public boolean autoAck() {
    return false;
  }

  @Override
  public boolean drained() {
    return limit == null || limit.outstanding() == 0;
  }

  /** Connections opened and closed so far. */
  ConnectionMetrics metrics() {
    return metrics;
  }

  @Override
  public void stop() {
    if (loop == null) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(
        () -> {
          try {
            dispatcher.failAll("the offramp stopped before the response");
            pool.closeAll();
            resolver.close();
          } finally {
            done.complete(null);
          }
        });
    if (!loop.inEventLoop()) {
      try {
        done.get(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.debug("[Sink::{}] stop did not finish in time: {}", artefact.url(), e.toString());
      }
    }
    limit.releaseAll();
  }
}
