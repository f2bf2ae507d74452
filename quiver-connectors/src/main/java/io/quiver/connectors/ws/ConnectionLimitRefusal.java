package io.quiver.connectors.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;

/** The whole pipeline of a connection over max_connections: answers its request with HTTP 503. */
final class ConnectionLimitRefusal extends ChannelInboundHandlerAdapter {
  private final int maxConnections;
  private boolean answered;

  ConnectionLimitRefusal(int maxConnections) {
    this.maxConnections = maxConnections;
  }

  static String text(int maxConnections) {
    return "too many connections (max_connections is " + maxConnections + "); try again later";
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    boolean request = msg instanceof HttpRequest;
    ReferenceCountUtil.release(msg);
    if (request && !answered) {
      answered = true;
      HttpRefusal.send(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, text(maxConnections));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
