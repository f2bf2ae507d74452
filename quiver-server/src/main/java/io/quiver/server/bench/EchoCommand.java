package io.quiver.server.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.quiver.connectors.ws.WsEventLoops;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code quiver bench echo}: a minimal websocket echo server on 127.0.0.1, the common upstream for
 * proxy comparisons (every text or binary message comes back unchanged, on its connection, in
 * order). Replies are flushed once per read batch.
 */
@Command(
    name = "echo",
    mixinStandardHelpOptions = true,
    description = {
      "Minimal websocket echo server on 127.0.0.1 (the upstream for bench/ws-proxy-compare.sh).",
      "Prints 'listening on 127.0.0.1:PORT' once ready and runs until stopped."
    })
public final class EchoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", description = "TCP port (default: any free port).")
  int port;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "T", description = "Event loop threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    EventLoopGroup group = WsEventLoops.newGroup(threads, "echo");
    try {
      Channel server = start(group, port);
      spec.commandLine()
          .getOut()
          .println("listening on 127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort());
      spec.commandLine().getOut().flush();
      server.closeFuture().sync();
      return 0;
    } finally {
      group.shutdownGracefully();
    }
  }

  /**
   * Binds the echo server on 127.0.0.1:{@code port} (0: any free port); {@code group} comes from
   * {@link WsEventLoops#newGroup}.
   */
  public static Channel start(EventLoopGroup group, int port) throws InterruptedException {
    WebSocketServerProtocolConfig protocol =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/")
            .checkStartsWith(true)
            .maxFramePayloadLength(16 * 1024 * 1024)
            .build();
    return new ServerBootstrap()
        .group(group)
        .channel(WsEventLoops.serverChannel())
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
                    .addLast(Echo.INSTANCE);
              }
            })
        .bind("127.0.0.1", port)
        .sync()
        .channel();
  }

  @ChannelHandler.Sharable
  private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
    static final Echo INSTANCE = new Echo();

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
}
