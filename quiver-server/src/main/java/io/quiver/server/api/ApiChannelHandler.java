package io.quiver.server.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * One API connection: copies each request off the connection, has the router's handler answer it on
 * the control executor (or inline for quick routes) and writes the answer back on the connection's
 * loop. Requests on one connection are answered in order (the next is read after the answer:
 * auto-read is off while one is being handled).
 */
final class ApiChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final ApiRouter router;
  private final ExecutorService control;

  ApiChannelHandler(ApiRouter router, ExecutorService control) {
    this.router = router;
    this.control = control;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
    boolean keepAlive = HttpUtil.isKeepAlive(msg);
    if (!msg.decoderResult().isSuccess()) {
      write(ctx, new ApiResponse(400, null, new byte[0]), false);
      return;
    }
    ApiRequest request =
        new ApiRequest(
            msg.method().name(),
            new QueryStringDecoder(msg.uri()).path(),
            last(msg.headers().getAll(HttpHeaderNames.ACCEPT)),
            last(msg.headers().getAll(HttpHeaderNames.CONTENT_TYPE)),
            ByteBufUtil.getBytes(msg.content()),
            Map.of());
    ApiRouter.Match match = router.match(request);
    if (match.inline()) {
      write(ctx, ApiRouter.answer(match), keepAlive);
      return;
    }
    ctx.channel().config().setAutoRead(false);
    try {
      control.execute(
          () -> {
            ApiResponse response = ApiRouter.answer(match);
            ctx.executor().execute(() -> write(ctx, response, keepAlive));
          });
    } catch (RejectedExecutionException e) {
      write(
          ctx,
          ApiRouter.error(
              request.answerFormat(), new ApiError(503, "Too many API calls waiting; retry")),
          keepAlive);
    }
  }

  private static String last(List<String> values) {
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }

  private static void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
    FullHttpResponse out =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(response.status()),
            Unpooled.wrappedBuffer(response.body()));
    if (response.contentType() != null) {
      out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
    }
    if (response.status() != 204) {
      HttpUtil.setContentLength(out, response.body().length);
    }
    HttpUtil.setKeepAlive(out, keepAlive);
    ctx.channel().config().setAutoRead(true);
    if (keepAlive) {
      ctx.writeAndFlush(out);
    } else {
      ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
