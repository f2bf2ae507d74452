package io.quiver.testkit.ws;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A websocket server standing in for the upstream: answers each text message with what the
 * responder returns (one frame per string), echoes binary messages, and records connections,
 * messages and close frames. It can be killed abruptly (TCP reset) or close gracefully.
 */
public final class TestUpstream implements AutoCloseable {
  public record Received(Channel channel, String text, boolean binary) {}

  public static final Function<String, List<String>> ECHO = List::of;
  public static final Function<String, List<String>> SILENT = text -> List.of();

  private final Function<String, List<String>> responder;
  private final LocalWsServer server;
  public final Set<Channel> open = ConcurrentHashMap.newKeySet();
  public final AtomicInteger handshakes = new AtomicInteger();
  public final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  public final BlockingQueue<Integer> closeFrames = new LinkedBlockingQueue<>();

  /** Handshake request headers and the subprotocol chosen, per accepted connection. */
  public final BlockingQueue<io.netty.handler.codec.http.HttpHeaders> handshakeHeaders =
      new LinkedBlockingQueue<>();

  public final BlockingQueue<String> subprotocols = new LinkedBlockingQueue<>();
  private final boolean tls;

  private TestUpstream(int port, Function<String, List<String>> responder)
      throws InterruptedException {
    this(port, responder, null, null);
  }

  private TestUpstream(
      int port,
      Function<String, List<String>> responder,
      io.netty.handler.ssl.SslContext ssl,
      String subprotocols)
      throws InterruptedException {
    this.responder = responder;
    this.tls = ssl != null;
    server =
        LocalWsServer.start(
            2,
            port,
            ch -> {
              if (ssl != null) {
                ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
              }
            },
            ch ->
                ch.pipeline()
                    .addLast(
                        new WebSocketServerProtocolHandler(
                            WebSocketServerProtocolConfig.newBuilder()
                                .websocketPath("/")
                                .checkStartsWith(true)
                                .subprotocols(subprotocols)
                                .handleCloseFrames(false)
                                .sendCloseFrame(null)
                                .build()))
                    .addLast(new Responder()));
  }

  public static TestUpstream start(Function<String, List<String>> responder)
      throws InterruptedException {
    return new TestUpstream(0, responder);
  }

  public static TestUpstream start(int port, Function<String, List<String>> responder)
      throws InterruptedException {
    return new TestUpstream(port, responder);
  }

  /**
   * An upstream on an ephemeral port, with TLS when {@code ssl} is given, accepting {@code
   * subprotocols}.
   */
  public static TestUpstream start(
      Function<String, List<String>> responder,
      io.netty.handler.ssl.SslContext ssl,
      String subprotocols)
      throws InterruptedException {
    return new TestUpstream(0, responder, ssl, subprotocols);
  }

  public int port() {
    return server.port();
  }

  public String url() {
    return (tls ? "wss" : "ws") + "://127.0.0.1:" + port();
  }

  public Received nextReceived() throws InterruptedException {
    Received r = received.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("upstream received nothing within 5 s");
    }
    return r;
  }

  /** Stops listening and resets every connection (no close frame). */
  public void kill() {
    server.stopListening();
    for (Channel ch : open) {
      try {
        ch.config().setOption(ChannelOption.SO_LINGER, 0);
      } catch (io.netty.channel.ChannelException alreadyClosed) {
        // closed by the peer meanwhile
      }
      ch.close().syncUninterruptibly();
    }
  }

  /** Stops listening and closes every connection with close code 1000. */
  public void closeGracefully() {
    server.stopListening();
    for (Channel ch : open) {
      ch.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));
    }
  }

  @Override
  public void close() {
    kill();
    server.close();
  }

  private final class Responder extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete complete) {
        handshakeHeaders.add(complete.requestHeaders());
        subprotocols.add(
            complete.selectedSubprotocol() == null ? "" : complete.selectedSubprotocol());
        open.add(ctx.channel());
        ctx.channel().closeFuture().addListener(f -> open.remove(ctx.channel()));
        handshakes.incrementAndGet();
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      switch (frame) {
        case TextWebSocketFrame text -> {
          String data = text.text();
          received.add(new Received(ctx.channel(), data, false));
          for (String answer : responder.apply(data)) {
            ctx.write(new TextWebSocketFrame(answer));
          }
          ctx.flush();
        }
        case BinaryWebSocketFrame binary -> {
          byte[] data = ByteBufUtil.getBytes(binary.content());
          received.add(new Received(ctx.channel(), new String(data, StandardCharsets.UTF_8), true));
          ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
        }
        case CloseWebSocketFrame close -> {
          closeFrames.add(close.statusCode());
          ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), ""))
              .addListener(f -> ctx.close());
        }
        default -> {}
      }
    }
  }
}
