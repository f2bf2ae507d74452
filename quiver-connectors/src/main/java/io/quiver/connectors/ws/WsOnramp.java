package io.quiver.connectors.ws;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import io.quiver.connectors.net.AcceptRateGuard;
import io.quiver.connectors.net.EventLoops;
import io.quiver.spi.Artefact;
import io.quiver.spi.PassThrough;
import io.quiver.spi.PassThroughSource;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.spi.metrics.MetricsReport;
import io.quiver.value.Event;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The websocket onramp: a websocket server on {@code host:port}; every client connection is one
 * runtime stream, its messages become raw input of that stream, and replies (linked onramps) go
 * back to the connection they belong to.
 */
public final class WsOnramp implements Source, PassThroughSource, MetricsReport.Reporter {
  private static final Logger LOG = LoggerFactory.getLogger(WsOnramp.class);
  private static final long STOP_WAIT_MS = 2_000;

  private final Artefact artefact;
  private final WsOnrampSettings settings;
  private final ClientRegistry registry = new ClientRegistry();
  private final Set<Channel> accepted = ConcurrentHashMap.newKeySet();
  private final WsMetrics metrics = new WsMetrics();
  private final ReplyMemoryBudget budget;

  /** The most bytes of replies ever held for one client. */
  private final AtomicLong replyPeak = new AtomicLong();

  private volatile Channel listener;

  /** The fused pass-through this onramp's messages take, or null (the usual way). */
  private volatile FusedForwarder fused;

  private volatile OnrampChannelInitializer initializer;

  public WsOnramp(Artefact artefact, WsOnrampSettings settings) {
    this(artefact, settings, ReplyMemoryBudget.process());
  }

  /** An onramp whose clients count against {@code budget} instead of the process's. */
  WsOnramp(Artefact artefact, WsOnrampSettings settings, ReplyMemoryBudget budget) {
    this.artefact = artefact;
    this.settings = settings;
    this.budget = budget;
  }

  @Override
  public void start(SourceContext context) throws Exception {
    SslContext tls = settings.tls() == null ? null : settings.tls().context();
    WriteBufferWaterMark replyBuffer =
        new WriteBufferWaterMark(settings.sendQueueMaxBytes() / 2, settings.sendQueueMaxBytes());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(EventLoops.group(), EventLoops.group())
            .channel(EventLoops.serverChannel())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, replyBuffer)
            .childHandler(
                initializer =
                    new OnrampChannelInitializer(
                        context,
                        settings,
                        registry,
                        accepted,
                        tls,
                        metrics,
                        budget,
                        replyPeak,
                        () -> fused));
    if (settings.maxAcceptsPerSecond() > 0) {
      bootstrap.handler(
          new AcceptRateGuard(
              settings.maxAcceptsPerSecond(), metrics.connections(), artefact.url()));
    }
    ChannelFuture bound = bootstrap.bind(settings.host(), settings.port()).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      Throwable cause = bound.cause();
      throw new IOException(
          "cannot listen on " + settings.host() + ":" + settings.port() + ": " + describe(cause),
          cause);
    }
    listener = bound.channel();
    LOG.info(
        "{} listening on {} ({})",
        artefact.url(),
        listener.localAddress(),
        tls == null ? "ws" : "wss");
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "unknown error";
    }
    String message = Failures.withoutNativePrefix(cause.getMessage());
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  /**
   * Takes a fused pass-through when it can give the same outcome as the usual way: {@code
   * -Dquiver.fuse} not false, the route's sink a ws offramp with per-client sessions, no
   * correlation_field and no compression on either side.
   */
  @Override
  public String fuse(PassThrough route) {
    if (!PassThroughSwitch.enabled()) {
      return "switched off (-D" + PassThroughSwitch.PROPERTY + "=false)";
    }
    if (!(route.sink() instanceof WsOfframp offramp)) {
      return "the offramp is not a ws offramp";
    }
    if (settings.compression() != null) {
      return "the onramp offers compression";
    }
    if (settings.bufferAcrossMessages()) {
      return "the onramp keeps data across messages";
    }
    String refused = offramp.fusable();
    if (refused != null) {
      return refused;
    }
    fused = new FusedForwarder(route, offramp);
    return null;
  }

  @Override
  public void unfuse() {
    fused = null;
  }

  /** Whether the onramp's messages take a fused pass-through now. */
  public boolean fused() {
    return fused != null;
  }

  /** The port the onramp listens on (useful when configured with port 0), or -1 before start. */
  public int boundPort() {
    Channel ch = listener;
    return ch == null ? -1 : ((InetSocketAddress) ch.localAddress()).getPort();
  }

  /** The onramp's counters (connections, closes by code, keepalive, limits). */
  public WsMetrics.Snapshot metrics() {
    return metrics.snapshot();
  }

  /**
   * Bytes of replies held for the clients right now (collected, or written and not yet taken by the
   * kernel), summed: what {@code send_queue_max_bytes} bounds per client.
   */
  public long replyQueueBytes() {
    return registry.all().stream().mapToLong(ClientConnection::heldReplyBytes).sum();
  }

  /** The most bytes of replies ever held for one client of this onramp. */
  public long replyQueuePeakBytes() {
    return replyPeak.get();
  }

  @Override
  public void reportMetrics(MetricsReport report) {
    metrics.report(report, WsMetrics.Side.ONRAMP);
    report.gauge(
        "quiver_ws_reply_queue_bytes",
        "Bytes of replies held for the clients of a websocket onramp now",
        replyQueueBytes());
    report.gauge(
        "quiver_ws_pending_handshakes",
        "Accepted sockets that have not completed their websocket handshake yet",
        pendingHandshakes());
  }

  /** How many accepted sockets have not completed their websocket handshake yet. */
  int pendingHandshakes() {
    OnrampChannelInitializer i = initializer;
    return i == null ? 0 : i.pendingHandshakes();
  }

  /** How many clients are connected right now. */
  public int connectedClients() {
    return registry.size();
  }

  /**
   * Whether replies to {@code stream} can be delivered: the client is connected and registered
   * (this happens right after {@code openStream} returned for it, before its first message).
   */
  public boolean isRoutable(long stream) {
    return registry.find(stream) != null;
  }

  @Override
  public void reply(Event event) {
    ClientConnection connection = registry.find(event.stream());
    if (connection == null) {
      LOG.debug("dropping reply {} for unknown or closed stream {}", event.id(), event.stream());
      return;
    }
    connection.deliver(event);
  }

  /**
   * Shutdown, first step: stops listening, and on each client's loop stops taking its messages (a
   * connection still in its handshake, which sent no request, is closed). Returns once every loop
   * has done so, so no message is being handed to the runtime any more.
   */
  @Override
  public void stopAccepting() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
    closeListener();
    registry.stopAccepting();
    awaitAll(
        onEachLoop(
            ch -> {
              ClientConnection connection = ch.attr(ClientConnection.KEY).get();
              if (connection == null) {
                ch.close();
              } else {
                connection.stopTaking();
              }
            }),
        deadline);
  }

  /**
   * Ends every connection: a client gets its close frame (1001, going away) after the replies
   * handed over before this call, and up to a second to answer it.
   */
  @Override
  public void stop() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
    closeListener();
    registry.stopAccepting();
    List<Channel> channels = List.copyOf(accepted);
    onEachLoop(
        ch -> {
          ClientConnection connection = ch.attr(ClientConnection.KEY).get();
          if (connection == null) {
            ch.close();
          } else {
            connection.goAway();
          }
        });
    awaitAll(channels.stream().map(Channel::closeFuture).toList(), deadline);
  }

  private void closeListener() {
    Channel ch = listener;
    if (ch != null) {
      ch.close().awaitUninterruptibly(STOP_WAIT_MS);
    }
  }

  /**
   * Runs {@code action} for every accepted channel on its own event loop (after what is queued
   * there).
   */
  private List<Future<?>> onEachLoop(Consumer<Channel> action) {
    List<Future<?>> done = new ArrayList<>();
    for (Channel ch : List.copyOf(accepted)) {
      done.add(ch.eventLoop().submit(() -> action.accept(ch)));
    }
    return done;
  }

  private static void awaitAll(List<? extends Future<?>> futures, long deadlineNs) {
    for (Future<?> f : futures) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
      if (left <= 0 || !f.awaitUninterruptibly(left)) {
        LOG.debug("onramp shutdown: connections still busy after {} ms", STOP_WAIT_MS);
        return;
      }
    }
  }
}
