package io.quiver.connectors.dns;

import io.netty.channel.EventLoop;
import io.netty.resolver.DefaultHostsFileEntriesResolver;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.util.concurrent.Promise;
import io.quiver.connectors.net.EventLoops;
import io.quiver.connectors.net.NameResolution;
import io.quiver.connectors.net.OutstandingLimit;
import io.quiver.spi.Artefact;
import io.quiver.spi.Ports;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dns offramp: every event (every entry of a batch) is one lookup ({@link DnsRequest}), run
 * without blocking on one of the shared event loops ({@link Lookups}); the records go out of {@code
 * out} as an array, a failure out of {@code err} as {@code {"event": <the request>, "error":
 * <text>}}, each with meta {@code {"correlation": ...}} when the request had one, and the request's
 * id. As in Tremor this does not depend on {@code linked}. Lookups in progress are bounded ({@link
 * OutstandingLimit}).
 */
final class DnsSink implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(DnsSink.class);

  /** How long one query to a server may take (Tremor's resolver: 5 s). */
  static final long QUERY_TIMEOUT_MS = 5_000;

  private final Artefact artefact;
  private final List<InetSocketAddress> servers;
  private final int maxInFlight;
  private SinkContext context;
  private OutstandingLimit limit;
  private EventLoop loop;
  private DnsNameResolver resolver;
  private Lookups lookups;

  DnsSink(Artefact artefact, List<InetSocketAddress> servers, int maxInFlight) {
    this.artefact = artefact;
    this.servers = List.copyOf(servers);
    this.maxInFlight = maxInFlight;
  }

  @Override
  public void start(SinkContext context) {
    this.context = context;
    this.limit = new OutstandingLimit(maxInFlight, context);
    this.loop = EventLoops.group().next();
    this.resolver = NameResolution.resolver(loop, servers, QUERY_TIMEOUT_MS);
    // the hosts file is read here, on the control thread, never on the loop
    this.lookups = new Lookups(resolver, new DefaultHostsFileEntriesResolver());
    LOG.info(
        "[Sink::DNS] {} resolving with {}",
        artefact.url(),
        servers.isEmpty() ? "the system's name servers" : servers);
  }

  @Override
  public void onEvent(Event event) {
    for (Event e : event.elements()) {
      Value correlation = e.metaField("correlation");
      switch (DnsRequest.of(e.data())) {
        case DnsRequest.Invalid invalid -> error(event, e.data(), correlation, invalid.error());
        case DnsRequest.Lookup lookup -> start(event, e.data(), correlation, lookup);
      }
    }
  }

  private void start(Event event, Value request, Value correlation, DnsRequest.Lookup lookup) {
    if (!limit.begin(event)) {
      error(event, request, correlation, "too many DNS lookups in progress (max_in_flight)");
      return;
    }
    loop.execute(
        () -> {
          Promise<Value> result = loop.newPromise();
          result.addListener(
              f -> {
                limit.end();
                if (f.isSuccess()) {
                  context.emit(Ports.OUT, reply(event, result.getNow(), correlation));
                } else {
                  error(event, request, correlation, f.cause().getMessage());
                }
              });
          try {
            lookups.run(lookup, result);
          } catch (RuntimeException e) {
            result.tryFailure(e);
          }
        });
  }

  private static Event reply(Event request, Value data, Value correlation) {
    return new Event(request.id(), request.ingestNs(), data, meta(correlation), request.stream());
  }

  private void error(Event event, Value request, Value correlation, String text) {
    LinkedHashMap<String, Value> data = new LinkedHashMap<>();
    data.put("event", request);
    data.put("error", Value.of(String.valueOf(text)));
    context.emit(
        Ports.ERR,
        new Event(
            event.id(), event.ingestNs(), Value.obj(data), meta(correlation), event.stream()));
  }

  private static Value meta(Value correlation) {
    return correlation == null ? Value.EMPTY_OBJECT : Value.obj("correlation", correlation);
  }

  @Override
  public boolean drained() {
    return limit == null || limit.outstanding() == 0;
  }

  @Override
  public void stop() {
    if (limit != null) {
      limit.releaseAll();
    }
    if (resolver != null) {
      loop.execute(resolver::close);
    }
  }
}
