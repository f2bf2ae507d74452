package io.quiver.connectors.rest.onramp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Joins what the HTTP codec decodes into whole requests (head and body, chunked or not) and refuses
 * a request that breaks a rule, each with its status: malformed 400, request line or headers too
 * large 431, body over {@code max_body_size} 413 (before the body is read when its length is
 * announced, and instead of {@code 100 Continue}), an {@code Expect} other than {@code
 * 100-continue} 417. After a refusal nothing more is read from the connection.
 */
final class RequestReader extends ChannelInboundHandlerAdapter {
  /** Where whole requests and refusals go. */
  interface Requests {
    /** A whole request; {@code body} is empty when it had none. */
    void request(RequestHead head, byte[] body);

    /** The input broke a rule: answer {@code response} in turn and close. */
    void refuse(Answer response);

    /** Whether the connection stopped taking requests. */
    boolean closing();

    /** Whether no earlier request waits for its answer. */
    boolean quiet();
  }

  private static final byte[] NO_BODY = new byte[0];

  private final int maxBodySize;
  private final ConnectionClock clock;
  private Requests requests;
  private HttpRequest head;
  private CompositeByteBuf body;

  RequestReader(int maxBodySize, ConnectionClock clock) {
    this.maxBodySize = maxBodySize;
    this.clock = clock;
  }

  void requests(Requests r) {
    this.requests = r;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (requests.closing()) {
        return;
      }
      if (msg instanceof HttpRequest req && !start(ctx, req)) {
        return;
      }
      if (msg instanceof HttpContent content && head != null) {
        append(ctx, content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /** A request's head: checks it; false when it was refused. */
  private boolean start(ChannelHandlerContext ctx, HttpRequest req) {
    clock.headersDone();
    DecoderResult result = req.decoderResult();
    if (result.isFailure()) {
      refuse(refusal(result.cause()));
      return false;
    }
    String expect = req.headers().get(HttpHeaderNames.EXPECT);
    if (expect != null
        && req.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0
        && !expect.equalsIgnoreCase("100-continue")) {
      refuse(ErrorResponses.expectationFailed(expect));
      return false;
    }
    long announced;
    try {
      announced = HttpUtil.getContentLength(req, -1L);
    } catch (NumberFormatException e) {
      refuse(ErrorResponses.badRequest("invalid Content-Length"));
      return false;
    }
    if (announced > maxBodySize) {
      refuse(ErrorResponses.bodyTooLarge(maxBodySize));
      return false;
    }
    if (HttpUtil.is100ContinueExpected(req) && requests.quiet()) {
      ctx.writeAndFlush(
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }
    head = req;
    return true; // the body's buffer is made when a first byte of it arrives
  }

  private void append(ChannelHandlerContext ctx, HttpContent content) {
    if (content.decoderResult().isFailure()) {
      refuse(refusal(content.decoderResult().cause()));
      return;
    }
    ByteBuf chunk = content.content();
    long had = body == null ? 0 : body.readableBytes();
    if (had + chunk.readableBytes() > maxBodySize) {
      refuse(ErrorResponses.bodyTooLarge(maxBodySize));
      return;
    }
    if (content instanceof LastHttpContent && body == null) {
      // the whole body in one piece (or none, as for most GETs): no buffer to gather it in
      HttpRequest request = head;
      byte[] bytes = chunk.isReadable() ? ByteBufUtil.getBytes(chunk) : NO_BODY;
      discard();
      clock.requestDone();
      requests.request(new NettyHead(request), bytes);
      return;
    }
    if (chunk.isReadable()) {
      if (body == null) {
        body = ctx.alloc().compositeBuffer();
      }
      body.addComponent(true, chunk.retain());
    }
    if (content instanceof LastHttpContent) {
      HttpRequest request = head;
      byte[] bytes = body == null ? NO_BODY : ByteBufUtil.getBytes(body);
      discard();
      clock.requestDone();
      requests.request(new NettyHead(request), bytes);
    }
  }

  private void refuse(Answer response) {
    discard();
    clock.stop();
    requests.refuse(response);
  }

  static Answer refusal(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return ErrorResponses.headersTooLarge("Request line too long");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return ErrorResponses.headersTooLarge("Request header fields too large");
    }
    if (cause instanceof TooLongFrameException) {
      return ErrorResponses.headersTooLarge(String.valueOf(cause.getMessage()));
    }
    return ErrorResponses.badRequest(String.valueOf(cause.getMessage()));
  }

  private void discard() {
    head = null;
    if (body != null) {
      body.release();
      body = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    discard();
    super.channelInactive(ctx);
  }
}
