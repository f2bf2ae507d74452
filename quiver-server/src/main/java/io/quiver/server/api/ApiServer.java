package io.quiver.server.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.quiver.runtime.world.World;
import io.quiver.server.metrics.MetricsScrape;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The REST API server of {@code server run}: HTTP/1.1 on its own event loop (one thread, {@code
 * quiver-api-io}), every call handed to one control thread ({@code quiver-api-control}) that runs
 * them one at a time, so API calls never run on a loop of the data path and never overlap. The
 * control queue is bounded ({@link #QUEUE}); a call that finds it full gets 503.
 *
 * <p>{@link #router()} holds the routes: Tremor's ({@link TremorRoutes}), the probes ({@link
 * Probes}), {@code GET /metrics} (Prometheus text, {@link MetricsScrape}); add more before {@link
 * #start} with one line each.
 */
public final class ApiServer implements AutoCloseable {
  /** The largest request body taken (an artefact or pipeline), as a bound: 1 MiB. */
  static final int MAX_BODY = 1 << 20;

  /** How many calls may wait for the control thread. */
  static final int QUEUE = 1024;

  private final ApiRouter router = new ApiRouter();
  private final ExecutorService control =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          r -> {
            Thread t = new Thread(r, "quiver-api-control");
            t.setDaemon(true);
            return t;
          });
  private EventLoopGroup group;
  private Channel listener;

  private ApiServer() {}

  /**
   * A server answering Tremor's API and the probes for {@code world}; snapshots go to {@code
   * storageDirectory} when it is not null.
   */
  public static ApiServer forWorld(World world, Path storageDirectory) {
    ApiServer server = new ApiServer();
    TremorRoutes.addTo(server.router, world, ConfigSnapshots.into(storageDirectory));
    Probes.addTo(server.router, world);
    // on the control thread: a scrape reads the instances that API calls change, one at a time
    MetricsScrape metrics = MetricsScrape.of(world);
    server.router.add(
        "GET",
        "/metrics",
        req ->
            new ApiResponse(
                200,
                metrics.contentType(),
                metrics.scrapeText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return server;
  }

  /** The routes: add one with {@code server.router().add("GET", "/metrics", handler)}. */
  public ApiRouter router() {
    return router;
  }

  /** Listens on {@code host:port} (port 0: an ephemeral one, see {@link #port()}). */
  public ApiServer start(String host, int port) throws InterruptedException {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      listener =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childHandler(
                  new io.netty.channel.ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpServerKeepAliveHandler())
                          .addLast(new HttpObjectAggregator(MAX_BODY))
                          .addLast(new ApiChannelHandler(router, control));
                    }
                  })
              .bind(host, port)
              .sync()
              .channel();
    } catch (InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /** The port listened on. */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Stops listening; the call under way and those queued finish first (up to 10 s). */
  @Override
  public void close() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    // a call under way finishes (a deactivation may be draining); the queue is short work
    control.shutdown();
    try {
      if (!control.awaitTermination(10, TimeUnit.SECONDS)) {
        control.shutdownNow();
      }
    } catch (InterruptedException e) {
      control.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
