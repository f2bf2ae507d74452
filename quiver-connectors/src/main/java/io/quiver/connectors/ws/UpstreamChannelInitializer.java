package io.quiver.connectors.ws;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;

/** Assembles the pipeline of one upstream (offramp) websocket connection. */
final class UpstreamChannelInitializer extends ChannelInitializer<SocketChannel> {
  private static final int MAX_HANDSHAKE_RESPONSE = 64 * 1024;

  private final UpstreamSession session;
  private final WsUrl url;
  private final WsOfframpSettings settings;
  private final SslContext tls;

  UpstreamChannelInitializer(UpstreamSession session, WsUrl url, WsOfframpSettings settings, SslContext tls) {
    this.session = session;
    this.url = url;
    this.settings = settings;
    this.tls = tls;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    WebSocketClientProtocolConfig protocol =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(url.uri())
            .version(WebSocketVersion.V13)
            .customHeaders(EmptyHttpHeaders.INSTANCE)
            .maxFramePayloadLength(settings.maxMessageSize())
            .handshakeTimeoutMillis(settings.connectTimeoutMs())
            .handleCloseFrames(false)
            .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
            .dropPongFrames(true)
            .build();
    if (tls != null) {
      ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), url.host(), url.port()));
    }
    ch.pipeline()
        .addLast("http", new HttpClientCodec())
        .addLast("handshake-response", new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE))
        .addLast("websocket", new WebSocketClientProtocolHandler(protocol))
        .addLast("messages", new WebSocketFrameAggregator(settings.maxMessageSize()))
        .addLast("replies", new UpstreamMessageHandler(session))
        .addLast("lifecycle", new UpstreamLifecycleHandler(session, settings));
  }
}
