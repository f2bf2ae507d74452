package io.quiver.connectors.rest.onramp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.quiver.connectors.net.ConnectionMetrics;
import io.quiver.connectors.net.EventLoops;
import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.spi.metrics.MetricsReport;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rest onramp: an HTTP/1.1 server on the shared event loops. Each request is one stream of its
 * own, opened with the request's content type (so the runtime decodes the body with the codec that
 * type maps to) and closed once the request is answered; its single message is the body, with
 * {@code $request} metadata. Linked, the reply event for that stream is the answer ({@link
 * ReplyResponse}); not linked, every request is answered 202 at once, as in Tremor.
 */
final class RestOnramp implements Source, MetricsReport.Reporter {
  private static final Logger LOG = LoggerFactory.getLogger(RestOnramp.class);

  private final Artefact artefact;
  private final RestOnrampSettings settings;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final Map<Long, Exchange> pending = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final ConnectionMetrics connectionMetrics = new ConnectionMetrics();
  private final LogThrottle errorLog = new LogThrottle(LogThrottle.TEN_SECONDS);
  private volatile SourceContext context;
  private volatile Channel server;
  private volatile boolean stopping;

  RestOnramp(Artefact artefact, RestOnrampSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
  }

  @Override
  public void start(SourceContext ctx) throws Exception {
    this.context = ctx;
    SslContext tls =
        settings.tls() == null
            ? null
            : settings.http2()
                ? settings
                    .tls()
                    .context(
                        List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                : settings.tls().context();
    RestChannelInitializer init = new RestChannelInitializer(this, settings, tls);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(EventLoops.group())
            .channel(EventLoops.serverChannel())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(init);
    String scheme = init.scheme();
    server = bootstrap.bind(settings.host(), settings.port()).sync().channel();
    LOG.info(
        "[Source::{}] Listening at {} ({}{})",
        artefact.url(),
        server.localAddress(),
        scheme + (settings.http2() ? ", http/2" : ""),
        artefact.linked() ? ", linked" : "");
  }

  /** The port it listens on (the one picked when configured with 0). */
  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  RestOnrampSettings settings() {
    return settings;
  }

  SourceContext context() {
    return context;
  }

  /** Connections open now: for tests. */
  int openConnections() {
    return connections.get();
  }

  /** Requests that wait for a reply now: for tests. */
  int pendingReplies() {
    return pending.size();
  }

  // ---- requests (on the connection's loop) ----

  /** Hands a whole request to the runtime; answers at once when not linked or stopping. */
  void dispatch(Exchange x, RequestHead head, byte[] body, String scheme, String localAuthority) {
    if (stopping) {
      x.closeAfter = true;
      x.connection.answer(x, ErrorResponses.shuttingDown());
      return;
    }
    Value meta;
    try {
      meta = RequestMeta.of(head, scheme, localAuthority);
    } catch (RequestMeta.BadTarget e) {
      x.closeAfter = true;
      x.connection.answer(x, ErrorResponses.badRequest(e.getMessage()));
      return;
    }
    String contentType = head.header("content-type");
    SourceContext ctx = context;
    if (!artefact.linked()) {
      long stream = ctx.openStream(FlowControl.NONE, contentType);
      ctx.receiveMessage(stream, body, meta);
      ctx.closeStream(stream);
      x.connection.answer(x, ErrorResponses.accepted());
      return;
    }
    x.flow = new StreamFlow(x.connection);
    x.stream = ctx.openStream(x.flow, contentType);
    pending.put(x.stream, x);
    long timeout = settings.replyTimeoutMs();
    if (timeout > 0) {
      x.connection.replyDueIn(x, timeout);
    }
    int events = ctx.receiveMessage(x.stream, body, meta);
    if (events == 0) {
      x.connection.answer(x, ErrorResponses.noEvent());
    }
  }

  /** The exchange is answered or abandoned: its stream ends. On the connection's loop. */
  void finish(Exchange x) {
    x.replyDue = false;
    if (x.stream >= 0) {
      long stream = x.stream;
      x.stream = -1;
      pending.remove(stream);
      x.flow.detach();
      context.closeStream(stream);
    }
  }

  /** {@code host:port} of the address a connection was accepted on (for a request without Host). */
  static String authority(SocketAddress local) {
    if (local instanceof InetSocketAddress a) {
      String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
      if (host.indexOf(':') >= 0) {
        host = "[" + host + "]";
      }
      return host + ":" + a.getPort();
    }
    return "localhost";
  }

  // ---- replies (any thread) ----

  @Override
  public void reply(Event event) {
    Exchange x = pending.get(event.stream());
    if (x == null) {
      LOG.debug(
          "[Source::{}] No outstanding HTTP session for event-id {}", artefact.url(), event.id());
      return;
    }
    if (x.connection.inLoop()) { // the usual case: the reply came on the connection's own loop
      answerReply(x, event);
    } else {
      x.connection.onLoop(() -> answerReply(x, event));
    }
  }

  private static void answerReply(Exchange x, Event event) {
    if (!x.answered) {
      x.connection.answer(
          x, ReplyResponse.of(event, x.connection.serializers, x.connection.replyHeaders));
    }
  }

  // ---- connections ----

  /** A connection was accepted: counted until it closes. On its loop. */
  void accepted(Channel ch) {
    channels.add(ch);
    connections.incrementAndGet();
    connectionMetrics.opened();
    ch.closeFuture()
        .addListener(
            f -> {
              connections.decrementAndGet();
              connectionMetrics.closed();
            });
  }

  @Override
  public void reportMetrics(MetricsReport report) {
    connectionMetrics.report(report, "http");
    report.gauge(
        "quiver_http_requests_pending",
        "Requests an http (rest) onramp has taken and not answered yet",
        pending.size());
  }

  void connectionError(Throwable cause) {
    long heldBack = errorLog.admit(cause.getClass().getName());
    if (heldBack >= 0) {
      LOG.debug(
          "[Source::{}] connection error{}: {}",
          artefact.url(),
          errorLog.heldBackNote(heldBack),
          cause.toString());
    }
  }

  // ---- lifecycle ----

  @Override
  public void stopAccepting() {
    stopping = true;
    Channel s = server;
    if (s != null) {
      s.close().syncUninterruptibly();
    }
    for (Channel ch : channels) {
      RestConnection c = ch.pipeline().get(RestConnection.class);
      if (c != null) {
        c.closeIfQuiet();
      }
    }
  }

  @Override
  public void stop() {
    stopAccepting();
    channels.close().awaitUninterruptibly();
  }
}
