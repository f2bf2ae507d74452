package io.quiver.connectors.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.quiver.spi.SourceContext;
import java.util.Set;

/** Assembles the pipeline of one accepted onramp client channel. */
final class OnrampChannelInitializer extends ChannelInitializer<SocketChannel> {
  private static final int MAX_HANDSHAKE_REQUEST = 64 * 1024;
  private static final long HANDSHAKE_TIMEOUT_MS = 10_000;

  private final SourceContext context;
  private final WsOnrampSettings settings;
  private final ClientRegistry registry;
  private final Set<Channel> accepted;

  OnrampChannelInitializer(
      SourceContext context,
      WsOnrampSettings settings,
      ClientRegistry registry,
      Set<Channel> accepted) {
    this.context = context;
    this.settings = settings;
    this.registry = registry;
    this.accepted = accepted;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    accepted.add(ch);
    ch.closeFuture().addListener(f -> accepted.remove(ch));
    WebSocketServerProtocolConfig protocol =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/")
            .checkStartsWith(true)
            .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS)
            .maxFramePayloadLength(settings.maxMessageSize())
            .handleCloseFrames(true)
            .dropPongFrames(true)
            .build();
    ch.pipeline()
        .addLast("http", new HttpServerCodec())
        .addLast("handshake-request", new HttpObjectAggregator(MAX_HANDSHAKE_REQUEST))
        .addLast("websocket", new WebSocketServerProtocolHandler(protocol))
        .addLast("messages", new WebSocketFrameAggregator(settings.maxMessageSize()))
        .addLast("stream", new ClientStreamHandler(context, registry))
        .addLast("inbound", new InboundMessageHandler(context, settings.bufferAcrossMessages()))
        .addLast("writability", new WritabilityHandler())
        .addLast("errors", new ConnectionErrorHandler(settings.maxMessageSize(), "client"));
  }
}
