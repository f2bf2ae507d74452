package io.quiver.connectors.rest.offramp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The one handler of a pooled upstream connection (after TLS, if any): writes the request in
 * progress (its bytes made whole by {@link RequestBuilder}) and hands its whole response, read by a
 * {@link ResponseDecoder} straight from the connection's bytes, to its {@link Listener}, or the
 * reason there will be none (the connection closed, a response that is no HTTP, one over {@code
 * max_response_size}). Bytes that do not make a whole response yet are kept until more arrive; a
 * response followed by more bytes (nothing was asked for them) leaves its connection unfit for
 * another request. A response while no request waits closes the connection. Runs on the
 * connection's loop, like the offramp's dispatcher.
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

  private final ResponseDecoder decoder;
  private Listener current;
  private boolean responseStarted;
  private ChannelHandlerContext ctx;

  /** Bytes not consumed yet, or null; {@code ownPending}: a buffer of ours with room to append. */
  private ByteBuf pending;

  private boolean ownPending;

  /** Hears every request's write: one listener for the connection's life, not one per request. */
  private final ChannelFutureListener written =
      f -> {
        if (!f.isSuccess()) {
          writeFailed(ctx, f.cause());
        }
      };

  ExchangeHandler(int maxResponseSize) {
    this(maxResponseSize, new ResponseRecords());
  }

  /** A handler whose response header records come from {@code records} (its loop's). */
  ExchangeHandler(int maxResponseSize, ResponseRecords records) {
    this.decoder = new ResponseDecoder(maxResponseSize, records);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Writes {@code request}'s bytes for the request in progress and flushes; a failure fails it. */
  void send(OutgoingRequest request) {
    byte[] head = request.head();
    byte[] body = request.body();
    ByteBuf out = ctx.alloc().ioBuffer(head.length + body.length);
    out.writeBytes(head).writeBytes(body);
    ctx.writeAndFlush(out).addListener(written);
  }

  /** The request in progress could not even be written: the connection was closed already. */
  void closedBeforeSend() {
    writeFailed(ctx, new java.nio.channels.ClosedChannelException());
  }

  /**
   * The request now in progress on this connection ({@code method}) reports to {@code listener}.
   */
  void begin(Listener listener, String method) {
    this.current = listener;
    this.responseStarted = false;
    decoder.expect(method);
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
    if (!(msg instanceof ByteBuf in)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (current == null) {
      in.release();
      discard();
      ctx.close(); // an answer to nothing: the connection cannot be trusted any more
      return;
    }
    responseStarted = true;
    append(in);
    UpstreamResponse response;
    try {
      response = decoder.read(pending);
    } catch (ResponseDecoder.BadResponse e) {
      refuse(ctx, e.getMessage());
      return;
    }
    if (response == null) {
      releaseIfRead();
      return;
    }
    if (pending.isReadable()) { // bytes nobody asked for: answer this one, trust nothing after
      response =
          new UpstreamResponse(response.status(), response.headers(), response.body(), false);
    }
    discard();
    Listener l = current;
    current = null;
    l.onResponse(response);
  }

  private void append(ByteBuf in) {
    if (pending == null) {
      pending = in;
      ownPending = false;
      return;
    }
    int more = in.readableBytes();
    if (!ownPending || pending.writableBytes() < more) {
      ByteBuf merged = ctx.alloc().heapBuffer(Math.max(256, (pending.readableBytes() + more) * 2));
      merged.writeBytes(pending);
      pending.release();
      pending = merged;
      ownPending = true;
    }
    pending.writeBytes(in);
    in.release();
  }

  private void releaseIfRead() {
    if (pending != null && !pending.isReadable()) {
      pending.release();
      pending = null;
    }
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

  private void discard() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
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
    Listener l = current;
    UpstreamResponse response = l == null ? null : decoder.closed();
    if (response != null) { // its body ended with the connection
      current = null;
      l.onResponse(response);
    } else {
      fail("connection closed before the response was complete", !responseStarted);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    discard();
  }

  private void fail(String cause, boolean beforeResponse) {
    Listener l = current;
    current = null;
    if (l != null) {
      l.onFailure(cause, beforeResponse);
    }
  }
}
