package io.quiver.server.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.quiver.connectors.net.EventLoops;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quiver bench echo}: a minimal websocket echo server on 127.0.0.1, the common upstream for
 * proxy comparisons (every text or binary message comes back unchanged, on its connection, in
 * order). Replies are flushed once per read batch. With {@code --large-replies}, a request {@code
 * {"large":N}} is answered with a JSON record of about N bytes instead of its echo (the upstream of
 * bench/ws-soak-abuse.sh, whose non-reading clients ask for large replies).
 */
@Command(
    name = "echo",
    mixinStandardHelpOptions = true,
    description = {
      "Minimal websocket echo server on 127.0.0.1 (the upstream for bench/ws-proxy-compare.sh).",
      "Prints 'listening on 127.0.0.1:PORT' once ready and runs until stopped.",
      "With --large-replies, a text message {\"large\":N} is answered with {\"large\":\"xx...x\"},",
      "N bytes in all (at most 16777216), instead of its echo."
    })
public final class EchoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "0",
      paramLabel = "PORT",
      description = "TCP port (default: any free port).")
  int port;

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "T",
      description = "Event loop threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--large-replies",
      description = "Answer {\"large\":N} with a reply of N bytes (for clients that do not read).")
  boolean largeReplies;

  /** The largest reply {@code --large-replies} sends, and the echo's largest frame. */
  static final int MAX_LARGE = 16 * 1024 * 1024;

  @Override
  public Integer call() throws Exception {
    EventLoopGroup group = EventLoops.newGroup(threads, "echo");
    try {
      Channel server = start(group, port, largeReplies);
      spec.commandLine()
          .getOut()
          .println(
              "listening on 127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort());
      spec.commandLine().getOut().flush();
      server.closeFuture().sync();
      return 0;
    } finally {
      group.shutdownGracefully();
    }
  }

  /**
   * Binds the echo server on 127.0.0.1:{@code port} (0: any free port); {@code group} comes from
   * {@link EventLoops#newGroup}.
   */
  public static Channel start(EventLoopGroup group, int port) throws InterruptedException {
    return start(group, port, false);
  }

  /**
   * As {@link #start(EventLoopGroup, int)}; {@code largeReplies} answers {@code {"large":N}} with N
   * bytes.
   */
  public static Channel start(EventLoopGroup group, int port, boolean largeReplies)
      throws InterruptedException {
    ChannelHandler echo = largeReplies ? LargeReplies.INSTANCE : Echo.INSTANCE;
    WebSocketServerProtocolConfig protocol =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/")
            .checkStartsWith(true)
            .maxFramePayloadLength(MAX_LARGE)
            .build();
    return new ServerBootstrap()
        .group(group)
        .channel(EventLoops.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 4096)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                    .addLast(new HttpServerCodec())
                    .addLast(new HttpObjectAggregator(65536))
                    .addLast(new WebSocketServerProtocolHandler(protocol))
                    .addLast(echo);
              }
            })
        .bind("127.0.0.1", port)
        .sync()
        .channel();
  }

  @ChannelHandler.Sharable
  private static class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
    static final Echo INSTANCE = new Echo();

    Echo() {}

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
        ctx.write(frame.retainedDuplicate(), ctx.voidPromise());
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }
  }

  /** The echo, except that {@code {"large":N}} is answered with a record of N bytes. */
  @ChannelHandler.Sharable
  static final class LargeReplies extends Echo {
    static final LargeReplies INSTANCE = new LargeReplies();
    private static final byte[] PREFIX =
        "{\"large\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      int n = frame instanceof TextWebSocketFrame ? requestedSize(frame.content()) : -1;
      if (n < 0) {
        super.channelRead0(ctx, frame);
        return;
      }
      // {"large":"x...x"}: 12 bytes of JSON around n - 12 x's (at least none)
      int fill = Math.max(0, n - PREFIX.length - 3);
      io.netty.buffer.ByteBuf reply = ctx.alloc().buffer(PREFIX.length + fill + 3);
      reply.writeBytes(PREFIX).writeByte('"');
      for (int i = 0; i < fill; i++) {
        reply.writeByte('x');
      }
      reply.writeByte('"').writeByte('}');
      ctx.write(new TextWebSocketFrame(reply), ctx.voidPromise());
    }

    /**
     * N of a message {@code {"large":N}} (capped at {@link #MAX_LARGE}), or -1 for any other
     * message.
     */
    static int requestedSize(io.netty.buffer.ByteBuf content) {
      int i = content.readerIndex();
      int end = content.writerIndex();
      if (end - i < PREFIX.length + 2) {
        return -1;
      }
      for (byte b : PREFIX) {
        if (content.getByte(i++) != b) {
          return -1;
        }
      }
      long n = 0;
      int digits = 0;
      while (i < end && content.getByte(i) >= '0' && content.getByte(i) <= '9' && digits < 10) {
        n = n * 10 + (content.getByte(i++) - '0');
        digits++;
      }
      if (digits == 0 || i >= end || content.getByte(i) != '}') {
        return -1;
      }
      return (int) Math.min(n, MAX_LARGE);
    }
  }
}
