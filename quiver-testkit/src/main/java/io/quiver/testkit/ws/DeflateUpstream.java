package io.quiver.testkit.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.AttributeKey;
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
  private static final AttributeKey<Boolean> UPGRADED =
      AttributeKey.valueOf(DeflateUpstream.class, "upgraded");

  private final LocalWsServer server;
  public final AtomicLong wireBytesAfterHandshake = new AtomicLong();
  public final BlockingQueue<String> offeredExtensions = new LinkedBlockingQueue<>();
  public final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  public DeflateUpstream() throws InterruptedException {
    server = LocalWsServer.start(1, 0, this::countWireBytes, this::deflateEcho);
  }

  /** Counts what arrives on the socket once the handshake is done (so: the compressed frames). */
  private void countWireBytes(SocketChannel ch) {
    ch.pipeline()
        .addLast(
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (ch.hasAttr(UPGRADED) && msg instanceof ByteBuf b) {
                  wireBytesAfterHandshake.addAndGet(b.readableBytes());
                }
                ctx.fireChannelRead(msg);
              }
            });
  }

  private void deflateEcho(SocketChannel ch) {
    ch.pipeline()
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
                if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete c) {
                  String ext = c.requestHeaders().get("Sec-WebSocket-Extensions");
                  offeredExtensions.add(ext == null ? "" : ext);
                  ch.attr(UPGRADED).set(Boolean.TRUE);
                }
                super.userEventTriggered(ctx, evt);
              }

              @Override
              protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                received.add(frame.text());
                ctx.writeAndFlush(new TextWebSocketFrame(frame.text()));
              }
            });
  }

  public String url() {
    return server.url();
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
    server.close();
  }
}
