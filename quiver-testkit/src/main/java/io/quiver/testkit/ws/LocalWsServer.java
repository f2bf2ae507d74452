package io.quiver.testkit.ws;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The listening half every Netty-based fake upstream shares: its own NIO event loops, a server
 * socket on 127.0.0.1, and for each accepted connection an HTTP codec with a 64 KiB aggregator
 * followed by the handlers the fake adds (its websocket protocol handler and its behaviour).
 */
public final class LocalWsServer implements AutoCloseable {
  /** The largest HTTP message (the handshake request) the aggregator accepts. */
  public static final int MAX_HTTP_MESSAGE = 1 << 16;

  private final EventLoopGroup group;
  private final Channel listener;

  private LocalWsServer(int threads, int port, Wiring wiring) throws InterruptedException {
    group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    try {
      listener =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      wiring.beforeHttp.accept(ch);
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(MAX_HTTP_MESSAGE));
                      wiring.afterHttp.accept(ch);
                    }
                  })
              .bind("127.0.0.1", port)
              .sync()
              .channel();
    } catch (InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /**
   * A server on an ephemeral port with one event loop; {@code afterHttp} adds a connection's
   * handlers behind the HTTP codec and aggregator.
   */
  public static LocalWsServer start(Consumer<SocketChannel> afterHttp) throws InterruptedException {
    return new LocalWsServer(1, 0, new Wiring(ch -> {}, afterHttp));
  }

  /**
   * A server on {@code port} (0: ephemeral) with {@code threads} event loops; {@code beforeHttp}
   * adds handlers in front of the HTTP codec (TLS, a byte counter), {@code afterHttp} behind it.
   */
  public static LocalWsServer start(
      int threads, int port, Consumer<SocketChannel> beforeHttp, Consumer<SocketChannel> afterHttp)
      throws InterruptedException {
    return new LocalWsServer(threads, port, new Wiring(beforeHttp, afterHttp));
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** {@code ws://127.0.0.1:port} (no path). */
  public String url() {
    return "ws://127.0.0.1:" + port();
  }

  /** Stops accepting connections; the accepted ones and the event loops stay. */
  public void stopListening() {
    listener.close().syncUninterruptibly();
  }

  /** Stops listening and shuts the event loops down (which closes every accepted connection). */
  @Override
  public void close() {
    stopListening();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private record Wiring(Consumer<SocketChannel> beforeHttp, Consumer<SocketChannel> afterHttp) {}
}
