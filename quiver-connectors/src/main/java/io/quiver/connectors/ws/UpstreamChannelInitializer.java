package io.quiver.connectors.ws;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.quiver.connectors.net.AbortiveClose;

/** Assembles the pipeline of one upstream (offramp) websocket connection. */
final class UpstreamChannelInitializer extends ChannelInitializer<SocketChannel> {
  private static final int MAX_HANDSHAKE_RESPONSE = 64 * 1024;

  /**
   * How long closing a connection waits for its close frame to be written before closing TCP anyway
   * (with a reset if bytes are still unsent, see {@link AbortiveClose}): an upstream that stopped
   * reading must not keep a retired connection and its buffers open forever. Netty's client default
   * is to wait without limit.
   */
  static final long CLOSE_TIMEOUT_MS = 1_000;

  private final UpstreamSession session;
  private final WsUrl url;
  private final WsOfframpSettings settings;
  private final SslContext tls;
  private final String tlsDomain;
  private final UpstreamHandshake handshake;
  private final WsMetrics metrics;

  UpstreamChannelInitializer(
      UpstreamSession session,
      WsUrl url,
      WsOfframpSettings settings,
      SslContext tls,
      String tlsDomain,
      UpstreamHandshake handshake,
      WsMetrics metrics) {
    this.session = session;
    this.url = url;
    this.settings = settings;
    this.tls = tls;
    this.tlsDomain = tlsDomain;
    this.handshake = handshake;
    this.metrics = metrics;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    WebSocketClientProtocolConfig protocol =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(url.uri())
            .version(WebSocketVersion.V13)
            .subprotocol(handshake.subprotocols())
            .customHeaders(handshake.headers())
            .maxFramePayloadLength(settings.maxMessageSize())
            .handshakeTimeoutMillis(settings.connectTimeoutMs())
            .handleCloseFrames(false)
            .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
            .forceCloseTimeoutMillis(CLOSE_TIMEOUT_MS)
            .dropPongFrames(false)
            .withUTF8Validator(
                false) // UpstreamMessageHandler checks whole text messages (TextPayloads)
            .allowExtensions(
                settings.compression() != null) // then ExtensionFrameGuard checks reserved bits
            .build();
    ch.pipeline().addLast(AbortiveClose.NAME, new AbortiveClose());
    if (tls != null) {
      String peer = tlsDomain != null ? tlsDomain : url.host();
      ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), peer, url.port()));
    }
    ch.pipeline()
        .addLast(OutboundFrames.NAME, new OutboundFrames()) // a turn's request frames, one write(2)
        .addLast("http", new HttpClientCodec())
        .addLast("handshake-response", new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE));
    if (settings.compression() != null) {
      ch.pipeline()
          .addLast("compression", settings.compression().clientHandler(settings.maxMessageSize()))
          .addLast(
              ExtensionFrameGuard.NAME,
              new ExtensionFrameGuard(settings.maxMessageSize(), "upstream", metrics));
    }
    ch.pipeline()
        .addLast(
            "websocket",
            new WebSocketClientProtocolHandler(UpstreamHandshaker.of(protocol), protocol))
        .addLast(
            "keepalive",
            new KeepaliveHandler(
                settings.pingIntervalMs(),
                settings.pongTimeoutMs(),
                metrics,
                (ctx, cause) -> {
                  session.connection().onFailure(ctx.channel(), cause);
                  ctx.close();
                }))
        .addLast("messages", new TextCheckingAggregator(settings.maxMessageSize()))
        .addLast("replies", new UpstreamMessageHandler(session))
        .addLast("lifecycle", new UpstreamLifecycleHandler(session.connection(), settings));
  }
}
