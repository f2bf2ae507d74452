package io.quiver.connectors.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.quiver.spi.SourceContext;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
  private final Set<Channel> accepted;
  private final SslContext tls;
  private final WsMetrics metrics;
  private final ReplyMemoryBudget budget;
  private final AtomicLong replyPeak;
  private volatile boolean full;

  OnrampChannelInitializer(
      SourceContext context,
      WsOnrampSettings settings,
      ClientRegistry registry,
      Set<Channel> accepted,
      SslContext tls,
      WsMetrics metrics,
      ReplyMemoryBudget budget,
      AtomicLong replyPeak) {
    this.context = context;
    this.settings = settings;
    this.registry = registry;
    this.accepted = accepted;
    this.tls = tls;
    this.metrics = metrics;
    this.budget = budget;
    this.replyPeak = replyPeak;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    if (tls != null) {
      ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
    }
    if (settings.maxConnections() > 0 && accepted.size() >= settings.maxConnections()) {
      refuse(ch);
      return;
    }
    full = false;
    accepted.add(ch);
    ch.closeFuture().addListener(f -> accepted.remove(ch));
    WebSocketServerProtocolConfig protocol =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/")
            .checkStartsWith(true)
            .subprotocols(settings.subprotocols().isEmpty() ? null : String.join(",", settings.subprotocols()))
            .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS)
            .maxFramePayloadLength(settings.maxMessageSize())
            .handleCloseFrames(true)
            .dropPongFrames(false)
            .withUTF8Validator(false) // InboundMessageHandler checks whole text messages (TextPayloads)
            .closeOnProtocolViolation(false) // ConnectionErrorHandler sends the one close frame
            .build();
    ReplyBacklog backlog = new ReplyBacklog(ch, settings.sendQueueMaxBytes(), budget, metrics, replyPeak);
    ch.attr(ReplyBacklog.KEY).set(backlog);
    ch.pipeline()
        // the reply frames of one event-loop turn become one buffer and one write(2) (see
        // docs/benchmarks/ws-hot-path-profile.md); below the websocket encoder, above TLS
        // counted from there on as the client's reply backlog (send_queue_max_bytes, memory budget)
        .addLast(OutboundFrames.NAME, new OutboundFrames(backlog))
        .addLast("http", new HttpServerCodec())
        .addLast("handshake-request", new HttpObjectAggregator(MAX_HANDSHAKE_REQUEST))
        .addLast("handshake-filter", new HandshakeFilter(settings.path(), settings.allowedOrigins(), metrics))
        .addLast("handshake-version", new HandshakeVersionCheck(metrics))
        .addLast("close-check", new CloseFrameCheck())
        .addLast("websocket", new WebSocketServerProtocolHandler(protocol))
        .addLast(
            "keepalive",
            new KeepaliveHandler(
                settings.pingIntervalMs(),
                settings.pongTimeoutMs(),
                metrics,
                (ctx, cause) -> {
                  LOG.debug("client {}: {}; closing with 1001", ctx.channel().remoteAddress(), cause);
                  Closer.closeNow(ctx.channel(), metrics, 1001, cause);
                }))
        .addLast("text-fragments", new FragmentedTextCheck())
        .addLast("messages", new WebSocketFrameAggregator(settings.maxMessageSize()));
    if (settings.idleTimeoutMs() > 0) {
      ch.pipeline().addLast("idle", new IdleTimeoutHandler(settings.idleTimeoutMs(), metrics));
    }
    ch.pipeline()
        .addLast("stream", new ClientStreamHandler(context, registry, settings.forwardHeaders(), metrics))
        .addLast("inbound", new InboundMessageHandler(context, settings.bufferAcrossMessages()))
        .addLast("writability", new WritabilityHandler());
    if (settings.slowReaderTimeoutMs() > 0) {
      ch.pipeline().addLast("slow-reader", new SlowReaderHandler(settings.slowReaderTimeoutMs(), metrics));
    }
    ch.pipeline().addLast("errors", new ConnectionErrorHandler(settings.maxMessageSize(), "client", metrics));
  }

  private void refuse(SocketChannel ch) {
    metrics.connectionRejected();
    if (!full) {
      full = true;
      LOG.warn(
          "{}: refusing client {} with HTTP 503: max_connections ({}) reached; further refusals are"
              + " logged at debug level until a client is accepted again",
          context.artefact().url(), ch.remoteAddress(), settings.maxConnections());
    } else {
      LOG.debug("refusing client {}: max_connections ({}) reached", ch.remoteAddress(), settings.maxConnections());
    }
    ch.pipeline()
        .addLast("http", new HttpServerCodec())
        .addLast("refusal", new ConnectionLimitRefusal(settings.maxConnections()));
  }
}
