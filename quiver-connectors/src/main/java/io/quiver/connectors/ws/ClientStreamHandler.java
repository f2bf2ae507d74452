package io.quiver.connectors.ws;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.quiver.spi.SourceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a client channel to a runtime stream: opens the stream when the websocket handshake is
 * complete and closes it exactly once when the channel goes away, whether the client sent a close
 * frame or the TCP connection just dropped. While the stream is open it also stops reading from a
 * client whose replies pile up (its {@link ReplyBacklog} reached send_queue_max_bytes, or the
 * channel is above its write-buffer high water mark) and reads again once they drained to half
 * ({@link ReadGate}).
 *
 * <p>One instance serves every client of the onramp: a client's state is its {@link
 * ClientConnection}, kept as the channel's {@link ClientConnection#KEY} attribute.
 */
@ChannelHandler.Sharable
final class ClientStreamHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ClientStreamHandler.class);

  private final SourceContext context;
  private final ClientRegistry registry;
  private final ClientMetas metas;
  private final WsMetrics metrics;

  /** The frame decoder's payload limit (max_message_size), for {@link WholeMessageShortcut}. */
  private final int maxMessageSize;

  /** What each client's reply backlog is held to, or null. */
  private final ReplyBacklog.Limits limits;

  ClientStreamHandler(
      SourceContext context,
      ClientRegistry registry,
      ClientMetas metas,
      WsMetrics metrics,
      int maxMessageSize,
      ReplyBacklog.Limits limits) {
    this.context = context;
    this.registry = registry;
    this.metas = metas;
    this.metrics = metrics;
    this.maxMessageSize = maxMessageSize;
    this.limits = limits;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake
        && ctx.channel().attr(ClientConnection.KEY).get() == null) {
      ReadGate gate = new ReadGate(ctx.channel());
      long stream = context.openStream(gate);
      ClientConnection connection =
          new ClientConnection(
              ctx.channel(),
              stream,
              gate,
              context.newReplySerializer(),
              context.artefact().url(),
              metas.of(
                  handshake.requestUri(),
                  handshake.requestHeaders(),
                  handshake.selectedSubprotocol()),
              limits,
              metrics);
      metrics.connectionOpened();
      ctx.channel().attr(ClientConnection.KEY).set(connection);
      registry.add(connection);
      if (registry.stopping()) {
        connection.stopTaking(); // handshake completed as the onramp stopped accepting
      }
      InboundMessageHandler inbound = ctx.pipeline().get(InboundMessageHandler.class);
      IdleTimeoutHandler idle = ctx.pipeline().get(IdleTimeoutHandler.class);
      if (inbound != null) {
        WholeMessageShortcut.install(
            ctx.pipeline(),
            inbound,
            idle == null
                ? inbound // shared by the onramp's clients: nothing made per client
                : (c, payload, binary) -> {
                  idle.touch();
                  inbound.message(c, payload, binary);
                },
            true,
            maxMessageSize);
      }
      LOG.debug(
          "client {} connected on {} as stream {}",
          ctx.channel().remoteAddress(),
          handshake.requestUri(),
          stream);
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    ClientConnection connection = ctx.channel().attr(ClientConnection.KEY).get();
    if (connection != null) {
      connection.gate().writabilityChanged(ctx.channel().isWritable());
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    ClientConnection closed = ctx.channel().attr(ClientConnection.KEY).getAndSet(null);
    if (closed != null) {
      registry.remove(closed);
      metrics.connectionClosed();
      LOG.debug(
          "client {} disconnected, closing stream {}",
          ctx.channel().remoteAddress(),
          closed.stream());
      context.closeStream(closed.stream());
    }
    super.channelInactive(ctx);
  }
}
