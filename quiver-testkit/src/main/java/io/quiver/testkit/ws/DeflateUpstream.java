package io.quiver.testkit.ws;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A websocket upstream with Netty's permessage-deflate server extension that echoes text messages
 * and counts the bytes it reads on the wire after its handshake, so a test can tell that what the
 * offramp sent was compressed. Records the extensions header of each handshake request.
 */
public final class DeflateUpstream implements AutoCloseable {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel listener;
  public final AtomicLong wireBytesAfterHandshake = new AtomicLong();
  public final BlockingQueue<String> offeredExtensions = new LinkedBlockingQueue<>();
  public final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  public DeflateUpstream() throws InterruptedException {
    listener =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    boolean[] upgraded = {false};
                    ch.pipeline()
                        .addLast(
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (upgraded[0] && msg instanceof ByteBuf b) {
                                  wireBytesAfterHandshake.addAndGet(b.readableBytes());
                                }
                                ctx.fireChannelRead(msg);
                              }
                            })
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(new WebSocketServerCompressionHandler(0))
                        .addLast(
                            new WebSocketServerProtocolHandler(
                                WebSocketServerProtocolConfig.newBuilder()
                                    .websocketPath("/")
                                    .allowExtensions(true)
                                    .build()))
                        .addLast(
                            new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                              @Override
                              public void userEventTriggered(ChannelHandlerContext ctx, Object evt)
                                  throws Exception {
                                if (evt
                                    instanceof WebSocketServerProtocolHandler.HandshakeComplete c) {
                                  String ext = c.requestHeaders().get("Sec-WebSocket-Extensions");
                                  offeredExtensions.add(ext == null ? "" : ext);
                                  upgraded[0] = true;
                                }
                                super.userEventTriggered(ctx, evt);
                              }

                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                received.add(frame.text());
                                ctx.writeAndFlush(new TextWebSocketFrame(frame.text()));
                              }
                            });
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  public String url() {
    return "ws://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort();
  }

  public String nextReceived() throws InterruptedException {
    String r = received.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("upstream received nothing within 5 s");
    }
    return r;
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
