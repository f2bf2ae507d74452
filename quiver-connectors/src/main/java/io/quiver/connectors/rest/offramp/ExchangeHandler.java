package io.quiver.connectors.rest.offramp;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;

/**
 * The last handler of a pooled upstream connection: hands the whole response of the request in
 * progress to its {@link Listener}, or the reason there will be none (the connection closed, a
 * response that is no HTTP, one over {@code max_response_size}). Interim (1xx) responses are
 * skipped. A response while no request waits closes the connection. Runs on the connection's loop,
 * like the offramp's dispatcher.
 */
final class ExchangeHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
  static final String NAME = "rest-exchange";

  /** Hears how the request in progress ends: exactly one call. */
  interface Listener {
    void onResponse(UpstreamResponse response);

    /**
     * @param beforeResponse the connection closed before any byte of a response arrived (a stale
     *     keep-alive connection, say): the request may be retried on a new one
     */
    void onFailure(String cause, boolean beforeResponse);
  }

  private final int maxResponseSize;
  private Listener current;
  private boolean responseStarted;
  private ChannelHandlerContext ctx;

  /** Hears every request's write: one listener for the connection's life, not one per request. */
  private final ChannelFutureListener written =
      f -> {
        if (!f.isSuccess()) {
          writeFailed(ctx, f.cause());
        }
      };

  ExchangeHandler(int maxResponseSize) {
    this.maxResponseSize = maxResponseSize;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Writes {@code request} for the request in progress and flushes; a failure fails it. */
  void send(Object request) {
    ctx.writeAndFlush(request).addListener(written);
  }

  /** The request in progress could not even be written: the connection was closed already. */
  void closedBeforeSend() {
    writeFailed(ctx, new java.nio.channels.ClosedChannelException());
  }

  /** The request now in progress on this connection reports to {@code listener}. */
  void begin(Listener listener) {
    this.current = listener;
    this.responseStarted = false;
  }

  /**
   * The request could not be written (the connection broke meanwhile): its listener hears it now,
   * as nothing else will tell it once the connection is gone, and the connection is closed.
   */
  void writeFailed(ChannelHandlerContext ctx, Throwable cause) {
    String m = cause.getMessage();
    fail(m == null ? cause.getClass().getSimpleName() : m, !responseStarted);
    ctx.close();
  }

  /** Whether no request is in progress. */
  boolean idle() {
    return current == null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    responseStarted = true;
    super.channelRead(ctx, msg);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
    int status = response.status().code();
    if (status >= 100 && status < 200 && status != 101 && current != null) {
      return; // an interim response (100 Continue, 103 Early Hints): the final one follows
    }
    Listener l = current;
    current = null;
    if (l == null) {
      ctx.close(); // an answer to nothing: the connection cannot be trusted any more
      return;
    }
    if (response.decoderResult().isFailure()) {
      ctx.close();
      l.onFailure(invalidResponse(response.decoderResult().cause()), false);
      return;
    }
    l.onResponse(UpstreamResponse.of(response));
  }

  private String invalidResponse(Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      return "response headers too large: " + cause.getMessage();
    }
    return "invalid HTTP response: " + cause.getMessage();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
    fail(describe(cause), false);
  }

  private String describe(Throwable cause) {
    String m = cause.getMessage();
    if (cause instanceof io.netty.handler.codec.http.TooLongHttpContentException) {
      return "response body larger than max_response_size (" + maxResponseSize + " bytes)";
    }
    return m == null ? cause.getClass().getSimpleName() : m;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    fail("connection closed before the response was complete", !responseStarted);
    super.channelInactive(ctx);
  }

  private void fail(String cause, boolean beforeResponse) {
    Listener l = current;
    current = null;
    if (l != null) {
      l.onFailure(cause, beforeResponse);
    }
  }
}
