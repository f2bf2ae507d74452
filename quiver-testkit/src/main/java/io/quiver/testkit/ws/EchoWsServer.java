package io.quiver.testkit.ws;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A websocket server on 127.0.0.1 (ephemeral port) for the {@code quiver ws} tests: records every
 * message it receives and answers each with {@code replies} copies of it (same frame type), or not
 * at all with 0.
 */
public final class EchoWsServer implements AutoCloseable {
  /** A message the server received. */
  public record Received(boolean binary, byte[] data) {
    public String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  private final LocalWsServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final int replies;
  private final boolean close;
  private final Duration delay;

  private EchoWsServer(int replies, boolean close, Duration delay) throws InterruptedException {
    this.replies = replies;
    this.close = close;
    this.delay = delay;
    server =
        LocalWsServer.start(
            ch ->
                ch.pipeline()
                    .addLast(new WebSocketServerProtocolHandler("/", null, true))
                    .addLast(new Echo()));
  }

  /** Answers every message with itself. */
  public static EchoWsServer echo() throws InterruptedException {
    return new EchoWsServer(1, false, Duration.ZERO);
  }

  /** Answers the first message by closing the connection (code 1000, reason "bye"). */
  public static EchoWsServer closing() throws InterruptedException {
    return new EchoWsServer(0, true, Duration.ZERO);
  }

  /** Answers every message {@code n} times (0: never). */
  public static EchoWsServer replying(int n) throws InterruptedException {
    return new EchoWsServer(n, false, Duration.ZERO);
  }

  /** Answers every message with itself, {@code delay} later (like a proxy asking its upstream). */
  public static EchoWsServer slow(Duration delay) throws InterruptedException {
    return new EchoWsServer(1, false, delay);
  }

  public String url() {
    return server.url() + "/";
  }

  /** The next message received, waiting up to 5 s. */
  public Received next() throws InterruptedException {
    Received r = received.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("the server received no message within 5 s");
    }
    return r;
  }

  /** Whether another message arrives within {@code wait} (for "nothing more was sent" checks). */
  public Received poll(Duration wait) throws InterruptedException {
    return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    server.close();
  }

  private final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      byte[] data = ByteBufUtil.getBytes(frame.content());
      boolean binary = frame instanceof BinaryWebSocketFrame;
      if (!binary && !(frame instanceof TextWebSocketFrame)) {
        return;
      }
      received.add(new Received(binary, data));
      if (close) {
        ctx.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));
        return;
      }
      for (int i = 0; i < replies; i++) {
        WebSocketFrame reply =
            binary
                ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data))
                : new TextWebSocketFrame(Unpooled.wrappedBuffer(data));
        if (delay.isZero()) {
          ctx.writeAndFlush(reply);
        } else {
          ctx.executor()
              .schedule(() -> ctx.writeAndFlush(reply), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    }
  }
}
