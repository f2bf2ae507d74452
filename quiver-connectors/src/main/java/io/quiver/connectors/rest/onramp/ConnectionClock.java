package io.quiver.connectors.rest.onramp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The two clocks of a connection, before the HTTP codec: the header clock runs from the first byte
 * of a request until its headers are complete ({@code header_timeout_ms}; then {@link
 * Listener#headerTimeout}), the idle clock while the connection waits for a request with nothing
 * outstanding ({@code idle_timeout_ms}; then the connection is closed without an answer). On the
 * channel's event loop.
 */
final class ConnectionClock extends ChannelInboundHandlerAdapter {
  /** What the clock reports to the connection. */
  interface Listener {
    /** The headers took too long. */
    void headerTimeout();

    /** Whether nothing is outstanding (no exchange waits for its answer). */
    boolean quiet();
  }

  private final long headerMs;
  private final long idleMs;
  private Listener listener;
  private ChannelHandlerContext ctx;
  private boolean inRequest;
  private ScheduledFuture<?> headerTimer;
  private ScheduledFuture<?> idleTimer;

  ConnectionClock(long headerMs, long idleMs) {
    this.headerMs = headerMs;
    this.idleMs = idleMs;
  }

  void listener(Listener l) {
    this.listener = l;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    idleIfQuiet();
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!inRequest && msg instanceof ByteBuf b && b.isReadable()) {
      inRequest = true;
      idleTimer = cancel(idleTimer);
      if (headerMs > 0) {
        headerTimer =
            ctx.executor()
                .schedule(
                    () -> {
                      headerTimer = null;
                      listener.headerTimeout();
                    },
                    headerMs,
                    TimeUnit.MILLISECONDS);
      }
    }
    super.channelRead(ctx, msg);
  }

  /** A request's headers are complete. */
  void headersDone() {
    headerTimer = cancel(headerTimer);
  }

  /** A request is complete (its body read): the next byte starts the next request. */
  void requestDone() {
    inRequest = false;
    headerTimer = cancel(headerTimer);
  }

  /** Starts the idle clock when no request is being read and nothing is outstanding. */
  void idleIfQuiet() {
    if (idleMs > 0
        && !inRequest
        && idleTimer == null
        && ctx != null
        && ctx.channel().isActive()
        && listener.quiet()) {
      idleTimer =
          ctx.executor()
              .schedule(
                  () -> {
                    idleTimer = null;
                    if (!inRequest && listener.quiet()) {
                      ctx.channel().close();
                    }
                  },
                  idleMs,
                  TimeUnit.MILLISECONDS);
    }
  }

  /** Stops both clocks (the connection is closing). */
  void stop() {
    headerTimer = cancel(headerTimer);
    idleTimer = cancel(idleTimer);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop(); // the connection turned to HTTP/2, which has no such clocks
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stop();
    super.channelInactive(ctx);
  }

  private static ScheduledFuture<?> cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
    return null;
  }
}
