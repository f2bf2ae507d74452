package io.quiver.connectors.rest.offramp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.quiver.connectors.net.HeaderRecord;

/**
 * The last handler of a pooled upstream connection: hands the whole response of the request in
 * progress to its {@link Listener}, or the reason there will be none (the connection closed, a
 * response that is no HTTP, one over {@code max_response_size}). It gathers the response from the
 * HTTP codec's pieces itself (a body that comes in one piece, as small ones do, is copied once and
 * never gathered), as Netty's aggregator would. Interim (1xx) responses are skipped. A response
 * while no request waits closes the connection. Runs on the connection's loop, like the offramp's
 * dispatcher.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
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

  /** The head of the response being read, and its body so far when it comes in pieces. */
  private HttpResponse head;

  private CompositeByteBuf body;

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
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    responseStarted = true;
    try {
      if (msg instanceof HttpResponse response) {
        start(ctx, response);
      }
      if (msg instanceof HttpContent content && head != null) {
        append(ctx, content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /** A response's head: checked; then its body is gathered (no head kept when it is refused). */
  private void start(ChannelHandlerContext ctx, HttpResponse response) {
    discard();
    if (response.decoderResult().isFailure()) {
      refuse(ctx, invalidResponse(response.decoderResult().cause()));
      return;
    }
    int status = response.status().code();
    if (status >= 100 && status < 200 && status != 101 && current != null) {
      return; // an interim response (100 Continue, 103 Early Hints): the final one follows
    }
    if (current == null) {
      ctx.close(); // an answer to nothing: the connection cannot be trusted any more
      return;
    }
    long announced;
    try {
      announced = HttpUtil.getContentLength(response, -1L);
    } catch (NumberFormatException e) {
      refuse(ctx, "invalid HTTP response: invalid Content-Length");
      return;
    }
    if (announced > maxResponseSize) {
      refuse(ctx, tooLarge()); // before its body is read
      return;
    }
    head = response;
  }

  private void append(ChannelHandlerContext ctx, HttpContent content) {
    if (content.decoderResult().isFailure()) {
      refuse(ctx, invalidResponse(content.decoderResult().cause()));
      return;
    }
    ByteBuf chunk = content.content();
    long had = body == null ? 0 : body.readableBytes();
    if (had + chunk.readableBytes() > maxResponseSize) {
      refuse(ctx, tooLarge());
      return;
    }
    if (!(content instanceof LastHttpContent)) {
      if (chunk.isReadable()) {
        if (body == null) {
          body = ctx.alloc().compositeBuffer();
        }
        body.addComponent(true, chunk.retain());
      }
      return;
    }
    byte[] bytes;
    if (body == null) { // the whole body in one piece, as a small response comes
      bytes = ByteBufUtil.getBytes(chunk);
    } else {
      if (chunk.isReadable()) {
        body.addComponent(true, chunk.retain());
      }
      bytes = ByteBufUtil.getBytes(body);
    }
    HttpResponse response = head;
    discard();
    Listener l = current;
    current = null;
    l.onResponse(
        new UpstreamResponse(
            response.status().code(),
            HeaderRecord.of(response.headers()),
            bytes,
            HttpUtil.isKeepAlive(response)));
  }

  /** The response cannot be taken: the request fails with {@code cause}, the connection closes. */
  private void refuse(ChannelHandlerContext ctx, String cause) {
    discard();
    Listener l = current;
    current = null;
    ctx.close();
    if (l != null) {
      l.onFailure(cause, false);
    }
  }

  private String tooLarge() {
    return "response body larger than max_response_size (" + maxResponseSize + " bytes)";
  }

  private void discard() {
    head = null;
    if (body != null) {
      body.release();
      body = null;
    }
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

  private static String describe(Throwable cause) {
    String m = cause.getMessage();
    return m == null ? cause.getClass().getSimpleName() : m;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    discard();
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
