package io.quiver.connectors.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.quiver.connectors.net.PendingHandshakes;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.SourceContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assembles the pipeline of one accepted onramp client channel. */
final class OnrampChannelInitializer extends ChannelInitializer<SocketChannel> {
  private static final Logger LOG = LoggerFactory.getLogger(OnrampChannelInitializer.class);
  private static final int MAX_HANDSHAKE_REQUEST = 64 * 1024;
  private static final long HANDSHAKE_TIMEOUT_MS = 10_000;

  private final SourceContext context;
  private final WsOnrampSettings settings;
  private final ClientRegistry registry;
  private final AcceptedChannels accepted;
  private final SslContext tls;
  private final WsMetrics metrics;
  private final PendingHandshakes pending;
  private final ClientMetas metas;
  private final LogThrottle evictions = new LogThrottle(Duration.ofMinutes(1));

  // What every client's channel shares (a connection keeps its handlers for its whole life, so
  // per-channel copies of these would cost heap per idle client: docs/benchmarks/wsmem-s8.md).
  private final WebSocketServerProtocolConfig protocol;
  private final KeepaliveHandler.DeadPeer noPong;
  private final InboundMessageHandler inbound;
  private final ConnectionErrorHandler errors;
  private final ClientStreamHandler streams;

  OnrampChannelInitializer(
      SourceContext context,
      WsOnrampSettings settings,
      ClientRegistry registry,
      Set<Channel> accepted,
      SslContext tls,
      WsMetrics metrics,
      ReplyMemoryBudget budget,
      AtomicLong replyPeak,
      Supplier<FusedForwarder> fused) {
    this.context = context;
    this.settings = settings;
    this.registry = registry;
    this.accepted =
        new AcceptedChannels(accepted, new ClientAdmission.Slots(settings.maxConnections()));
    this.tls = tls;
    this.metrics = metrics;
    this.pending = new PendingHandshakes(settings.maxPendingHandshakes());
    this.metas = new ClientMetas(settings.forwardHeaders());
    this.protocol =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/")
            .checkStartsWith(true)
            .subprotocols(
                settings.subprotocols().isEmpty()
                    ? null
                    : String.join(",", settings.subprotocols()))
            .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS)
            .maxFramePayloadLength(settings.maxMessageSize())
            .handleCloseFrames(true)
            .dropPongFrames(false)
            .withUTF8Validator(
                false) // InboundMessageHandler checks whole text messages (TextPayloads)
            .closeOnProtocolViolation(false) // ConnectionErrorHandler sends the one close frame
            .allowExtensions(
                settings.compression() != null) // then ExtensionFrameGuard checks reserved bits
            .build();
    this.noPong =
        (ctx, cause) -> {
          LOG.debug("client {}: {}; closing with 1001", ctx.channel().remoteAddress(), cause);
          Closer.closeNow(ctx.channel(), metrics, 1001, cause);
        };
    this.inbound = new InboundMessageHandler(context, settings.bufferAcrossMessages(), fused);
    this.errors = new ConnectionErrorHandler(settings.maxMessageSize(), "client", metrics);
    this.streams =
        new ClientStreamHandler(
            context,
            registry,
            metas,
            metrics,
            settings.maxMessageSize(),
            new ReplyBacklog.Limits(settings.sendQueueMaxBytes(), budget, metrics, replyPeak));
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    if (tls != null) {
      ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
    }
    // before the handshake a socket counts against max_pending_handshakes, not max_connections
    makeRoomFor(ch);
    HandshakeDeadline deadline =
        new HandshakeDeadline(settings.handshakeTimeoutMs(), pending, metrics);
    ch.pipeline().addLast(HandshakeDeadline.NAME, deadline);
    accepted.accepted(ch);
    ch.pipeline()
        // the reply frames of one event-loop turn become one buffer and one write(2) (see
        // docs/benchmarks/ws-hot-path-profile.md); below the websocket encoder, above TLS;
        // counted from the first reply on as the client's reply backlog (send_queue_max_bytes,
        // memory budget: ClientConnection makes it then)
        .addLast(OutboundFrames.NAME, new OutboundFrames())
        .addLast("http", new HttpServerCodec())
        .addLast("handshake-request", new HttpObjectAggregator(MAX_HANDSHAKE_REQUEST))
        .addLast(
            "handshake-filter",
            new HandshakeFilter(settings.path(), settings.allowedOrigins(), metrics))
        .addLast("handshake-version", new HandshakeVersionCheck(metrics))
        .addLast(
            "admission",
            new ClientAdmission(
                accepted, settings.maxConnections(), context.artefact().url(), metrics));
    if (settings.compression() != null) {
      // Netty puts the deflate encoder and decoder right after the extension handler, so the guard
      // sees inflated frames
      ch.pipeline()
          .addLast("compression", settings.compression().serverHandler(settings.maxMessageSize()))
          .addLast(
              ExtensionFrameGuard.NAME,
              new ExtensionFrameGuard(settings.maxMessageSize(), "client", metrics));
    }
    ch.pipeline()
        .addLast("close-check", new CloseFrameCheck(metrics))
        .addLast("websocket", new WebSocketServerProtocolHandler(protocol))
        .addLast(HandshakeDeadline.COMPLETION_NAME, deadline.completion())
        .addLast(
            "keepalive",
            new KeepaliveHandler(
                settings.pingIntervalMs(), settings.pongTimeoutMs(), metrics, noPong))
        .addLast("messages", new TextCheckingAggregator(settings.maxMessageSize()));
    if (settings.idleTimeoutMs() > 0) {
      ch.pipeline().addLast("idle", new IdleTimeoutHandler(settings.idleTimeoutMs(), metrics));
    }
    ch.pipeline().addLast("stream", streams).addLast("inbound", inbound);
    if (settings.slowReaderTimeoutMs() > 0) {
      ch.pipeline()
          .addLast("slow-reader", new SlowReaderHandler(settings.slowReaderTimeoutMs(), metrics));
    }
    ch.pipeline().addLast("errors", errors);
  }

  int pendingHandshakes() {
    return pending.size();
  }

  private void makeRoomFor(SocketChannel ch) {
    Channel evicted = pending.admit(ch);
    if (evicted == null) {
      return;
    }
    metrics.pendingHandshakeEvicted();
    long heldBack = evictions.admit();
    if (heldBack >= 0) {
      LOG.warn(
          "{}: max_pending_handshakes ({}) sockets were still in their handshake; closed the oldest {} time(s)"
              + " (the latest {}) to admit new ones; the next warning comes a minute later at the earliest,"
              + " single ones are logged at debug level",
          context.artefact().url(),
          settings.maxPendingHandshakes(),
          heldBack + 1,
          evicted.remoteAddress());
    } else {
      LOG.debug(
          "closing {}, the oldest socket still in its handshake (max_pending_handshakes)",
          evicted.remoteAddress());
    }
    evicted.close();
  }
}
