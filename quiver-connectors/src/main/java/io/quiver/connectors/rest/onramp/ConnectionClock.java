package io.quiver.connectors.rest.onramp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quiver.connectors.net.DeadlineTimer;

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

  /** The two clocks: deadlines that move with every request cost no timer task each. */
  private DeadlineTimer headerTimer;

  private DeadlineTimer idleTimer;

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
    if (headerMs > 0) {
      headerTimer = new DeadlineTimer(ctx.executor(), () -> listener.headerTimeout());
    }
    if (idleMs > 0) {
      idleTimer =
          new DeadlineTimer(
              ctx.executor(),
              () -> {
                if (!inRequest && listener.quiet()) {
                  ctx.channel().close();
                }
              });
    }
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
      if (idleTimer != null) {
        idleTimer.clear();
      }
      if (headerTimer != null) {
        headerTimer.setIn(headerMs);
      }
    }
    super.channelRead(ctx, msg);
  }

  /** A request's headers are complete. */
  void headersDone() {
    if (headerTimer != null) {
      headerTimer.clear();
    }
  }

  /** A request is complete (its body read): the next byte starts the next request. */
  void requestDone() {
    inRequest = false;
    headersDone();
  }

  /** Starts the idle clock when no request is being read and nothing is outstanding. */
  void idleIfQuiet() {
    if (idleTimer != null
        && !inRequest
        && !idleTimer.isSet()
        && ctx.channel().isActive()
        && listener.quiet()) {
      idleTimer.setIn(idleMs);
    }
  }

  /** Stops both clocks (the connection is closing). */
  void stop() {
    if (headerTimer != null) {
      headerTimer.stop();
    }
    if (idleTimer != null) {
      idleTimer.stop();
    }
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
}
