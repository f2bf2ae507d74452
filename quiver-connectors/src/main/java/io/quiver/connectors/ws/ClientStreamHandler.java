package io.quiver.connectors.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.quiver.spi.SourceContext;
import io.quiver.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a client channel to a runtime stream: opens the stream when the websocket handshake is
 * complete and closes it exactly once when the channel goes away, whether the client sent a close
 * frame or the TCP connection just dropped.
 */
final class ClientStreamHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ClientStreamHandler.class);

  private final SourceContext context;
  private final ClientRegistry registry;
  private final List<String> forwardHeaders;
  private final WsMetrics metrics;

  /** The frame decoder's payload limit (max_message_size), for {@link WholeMessageShortcut}. */
  private final int maxMessageSize;

  private ClientConnection connection;

  ClientStreamHandler(
      SourceContext context,
      ClientRegistry registry,
      List<String> forwardHeaders,
      WsMetrics metrics,
      int maxMessageSize) {
    this.context = context;
    this.registry = registry;
    this.forwardHeaders = forwardHeaders;
    this.metrics = metrics;
    this.maxMessageSize = maxMessageSize;
  }

  /**
   * The {@code ws} meta record of a client's events: the request path (and query, if any) of its
   * handshake (so a pipeline can route by path, e.g. set {@code $url} from {@code $ws.path}), the
   * forwarded handshake headers (by the name configured, first value) and the negotiated
   * subprotocol.
   */
  private Value wsMeta(String requestUri, HttpHeaders headers, String subprotocol) {
    LinkedHashMap<String, Value> ws = new LinkedHashMap<>();
    int q = requestUri.indexOf('?');
    ws.put("path", Value.of(q < 0 ? requestUri : requestUri.substring(0, q)));
    if (q >= 0) {
      ws.put("query", Value.of(requestUri.substring(q + 1)));
    }
    if (!forwardHeaders.isEmpty()) {
      LinkedHashMap<String, Value> forwarded = new LinkedHashMap<>();
      for (String name : forwardHeaders) {
        String value = headers.get(name);
        if (value != null) {
          forwarded.put(name, Value.of(value));
        }
      }
      ws.put("headers", Value.obj(forwarded));
    }
    if (subprotocol != null) {
      ws.put("subprotocol", Value.of(subprotocol));
    }
    return Value.obj(ws);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake
        && connection == null) {
      ReadGate gate = new ReadGate(ctx.channel());
      long stream = context.openStream(gate);
      connection =
          new ClientConnection(
              ctx.channel(),
              stream,
              gate,
              context.newReplySerializer(),
              context.artefact().url(),
              wsMeta(
                  handshake.requestUri(),
                  handshake.requestHeaders(),
                  handshake.selectedSubprotocol()),
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
                ? inbound::message
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
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (connection != null) {
      ClientConnection closed = connection;
      connection = null;
      ctx.channel().attr(ClientConnection.KEY).set(null);
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
