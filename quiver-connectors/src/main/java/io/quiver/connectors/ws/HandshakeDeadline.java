package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.concurrent.ScheduledFuture;
import io.quiver.connectors.net.PendingHandshakes;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time an accepted socket has to complete its websocket handshake (TLS handshake, HTTP upgrade
 * request, 101 response), counted from accept: Netty's own handshake timeout only starts once the
 * whole request has arrived, so a client that sends nothing, or one byte a second, would hold its
 * socket for ever. At the deadline a socket that sent part of a request gets {@code HTTP 408
 * Request Timeout} and is closed (as HAProxy's {@code timeout http-request} does); one that sent
 * nothing is closed without an answer (as nginx does for a connection that sent no request, and
 * HAProxy with {@code option http-ignore-probes}).
 *
 * <p>It sits right above TLS (it sees the request's bytes as they arrive) and learns of the
 * completed handshake from its {@link #completion()} handler further down, where the websocket
 * handler's event passes; both leave the pipeline then, so an established client pays nothing. It
 * also keeps the socket in the onramp's {@link PendingHandshakes} until then.
 */
final class HandshakeDeadline extends ChannelInboundHandlerAdapter {
  static final String NAME = "handshake-deadline";
  static final String COMPLETION_NAME = "handshake-complete";
  private static final Logger LOG = LoggerFactory.getLogger(HandshakeDeadline.class);
  private static final byte[] REQUEST_TIMEOUT =
      ("HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: %d\r\n"
              + "connection: close\r\n\r\n%s")
          .formatted(text().length() + 1, text() + "\n")
          .getBytes(StandardCharsets.UTF_8);

  private final long timeoutMs;
  private final PendingHandshakes pending;
  private final WsMetrics metrics;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> timer;
  private boolean requestStarted;
  private boolean done;

  HandshakeDeadline(long timeoutMs, PendingHandshakes pending, WsMetrics metrics) {
    this.timeoutMs = timeoutMs;
    this.pending = pending;
    this.metrics = metrics;
  }

  /** The body of the 408 answer. */
  static String text() {
    return "the websocket handshake was not complete in time (handshake_timeout_ms); closing";
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    if (timeoutMs > 0) {
      timer = ctx.executor().schedule(this::expire, timeoutMs, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * The handler that tells this one the handshake completed; place it after the websocket handler.
   */
  ChannelHandler completion() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void userEventTriggered(ChannelHandlerContext c, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
          c.pipeline().remove(this);
          if (c.pipeline().get(WebSocketExtensionEncoder.class) != null) {
            metrics.compressedConnection(); // permessage-deflate is the only extension offered
          }
          complete();
        }
        super.userEventTriggered(c, event);
      }
    };
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof ByteBuf b && b.isReadable()) {
      requestStarted = true;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    finish();
    super.channelInactive(ctx);
  }

  private void complete() {
    finish();
    if (ctx.pipeline().context(this) != null) {
      ctx.pipeline().remove(this);
    }
  }

  private void finish() {
    if (done) {
      return;
    }
    done = true;
    if (timer != null) {
      timer.cancel(false);
    }
    pending.remove(ctx.channel());
  }

  private void expire() {
    if (done || !ctx.channel().isActive()) {
      return;
    }
    finish();
    metrics.handshakeTimedOut();
    LOG.debug(
        "client {}: no websocket handshake within {} ms of accept ({}); closing",
        ctx.channel().remoteAddress(),
        timeoutMs,
        requestStarted ? "408" : "nothing received");
    if (requestStarted) {
      // written below the HTTP codec (whatever state a half-read request left it in), through TLS
      ctx.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }
}
