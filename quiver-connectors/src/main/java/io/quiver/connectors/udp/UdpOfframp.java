package io.quiver.connectors.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.resolver.dns.DnsNameResolver;
import io.quiver.connectors.net.EventLoops;
import io.quiver.connectors.net.NameResolution;
import io.quiver.connectors.net.OutstandingLimit;
import io.quiver.spi.Artefact;
import io.quiver.spi.CodecException;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.Serializer;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.spi.metrics.MetricsReport;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The udp offramp: one datagram channel on the shared event loops, bound to {@code bind}; each
 * message the codec and postprocessors make is one datagram, to the event's {@code $udp} {@code
 * {host, port}} when it has both, else to the configured destination (resolved once at start when
 * {@code bound}, else for every event, as Tremor does). Encoding happens on the caller's thread;
 * resolving and writing on the channel's loop, never blocking. Events are acked once their
 * datagrams went out and failed when one could not (Tremor's udp sink does not auto-ack).
 */
final class UdpOfframp implements Sink, MetricsReport.Reporter {
  private static final Logger LOG = LoggerFactory.getLogger(UdpOfframp.class);
  private static final long STOP_WAIT_MS = 2_000;
  private static final long QUERY_TIMEOUT_MS = 5_000;

  private final Artefact artefact;
  private final UdpOfframpSettings settings;
  private final UdpMetrics metrics = new UdpMetrics();
  private final LogThrottle throttle = new LogThrottle(LogThrottle.TEN_SECONDS);
  private SinkContext context;
  private Serializer serializer;
  private OutstandingLimit limit;
  private InetSocketAddress destination;
  private volatile Channel channel;
  private DnsNameResolver resolver;
  private Datagrams datagrams;

  UdpOfframp(Artefact artefact, UdpOfframpSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
  }

  @Override
  public void start(SinkContext context) throws Exception {
    this.context = context;
    this.serializer = context.newSerializer();
    this.limit = new OutstandingLimit(settings.maxInFlight(), context);
    settings.warnings().forEach(LOG::warn);
    if (settings.bound()) {
      destination = resolveAtStart(settings.host(), settings.port());
    }
    LOG.info("[Sink::UDP] binding to {}:{} ...", settings.bindHost(), settings.bindPort());
    ChannelFuture bound =
        new Bootstrap()
            .group(EventLoops.group())
            .channel(EventLoops.datagramChannel())
            .handler(new ChannelInboundHandlerAdapter()) // nothing is read: datagrams only go out
            .bind(settings.bindHost(), settings.bindPort())
            .awaitUninterruptibly();
    if (!bound.isSuccess()) {
      Throwable cause = bound.cause();
      throw new IOException(
          "cannot bind the udp socket to "
              + settings.bindHost()
              + ":"
              + settings.bindPort()
              + ": "
              + (cause == null ? "unknown error" : cause.getMessage()),
          cause);
    }
    channel = bound.channel();
    LOG.info("[Sink::UDP] bound ({}).", channel.localAddress());
    resolver = NameResolution.resolver(channel.eventLoop(), List.of(), QUERY_TIMEOUT_MS);
    datagrams = new Datagrams(channel, resolver);
  }

  /** Tremor connects its socket at start: a destination that does not resolve fails the start. */
  private static InetSocketAddress resolveAtStart(String host, int port) throws IOException {
    InetAddress literal = NameResolution.literal(host);
    try {
      // the control thread, once: blocking here is allowed (Source/Sink.start may block)
      InetAddress address = literal != null ? literal : InetAddress.getByName(host);
      return new InetSocketAddress(address, port);
    } catch (IOException e) {
      throw new IOException(
          "cannot resolve the udp destination " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onEvent(Event event) {
    List<Datagrams.Datagram> out = new ArrayList<>(1);
    for (Event e : event.elements()) {
      List<byte[]> chunks;
      try {
        synchronized (serializer) {
          chunks = serializer.serialize(e.data(), e.ingestNs());
        }
      } catch (CodecException | ProcessorException ex) {
        failed(event, ex.getMessage());
        return;
      }
      for (byte[] chunk : chunks) {
        out.add(datagram(chunk, e.metaField("udp")));
      }
    }
    if (out.isEmpty()) {
      context.ack(event);
      return;
    }
    if (!limit.begin(event)) {
      failed(event, "too many datagrams waiting to be sent (max_in_flight)");
      return;
    }
    Channel ch = channel;
    ch.eventLoop()
        .execute(
            () ->
                datagrams.send(
                    out,
                    failure -> {
                      limit.end();
                      if (failure == null) {
                        metrics.datagrams(out.size());
                        context.ack(event);
                      } else {
                        failed(event, failure.getMessage());
                      }
                    }));
  }

  /** Where a datagram goes: {@code $udp} with both a host and a port, else the configuration. */
  private Datagrams.Datagram datagram(byte[] bytes, Value udp) {
    if (udp instanceof Value.Obj o
        && o.get("host") instanceof Value.Str host
        && o.get("port") instanceof Value.Int port
        && port.value() >= 0
        && port.value() <= 65_535) {
      return new Datagrams.Datagram(bytes, null, host.value(), (int) port.value());
    }
    if (destination != null) {
      return new Datagrams.Datagram(bytes, destination, null, 0);
    }
    return new Datagrams.Datagram(bytes, null, settings.host(), settings.port());
  }

  private void failed(Event event, String why) {
    metrics.sendFailed();
    long heldBack = throttle.admit(String.valueOf(why));
    if (heldBack >= 0) {
      LOG.error(
          "[Sink::UDP] {}: Error sending event: {}{}",
          artefact.url(),
          why,
          throttle.heldBackNote(heldBack));
    }
    context.fail(event);
  }

  @Override
  public void reportMetrics(MetricsReport report) {
    metrics().report(report);
  }

  UdpMetrics metrics() {
    return metrics;
  }

  @Override
  public boolean autoAck() {
    return false;
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
    Channel ch = channel;
    if (ch != null) {
      if (!ch.close().awaitUninterruptibly(STOP_WAIT_MS)) {
        LOG.warn(
            "[Sink::UDP] {}: the socket did not close within {} ms", artefact.url(), STOP_WAIT_MS);
      }
      ch.eventLoop().execute(resolver::close);
    }
  }
}
