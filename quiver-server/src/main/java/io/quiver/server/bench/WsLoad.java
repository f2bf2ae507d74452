package io.quiver.server.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.quiver.connectors.ws.WsEventLoops;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A websocket load generator: opens the connections, drives them (closed loop: {@code inFlight}
 * messages outstanding per connection; open loop: a fixed total rate spread evenly over the
 * connections), and measures reply latency into an HDR histogram.
 */
public final class WsLoad {
  /** Allowed targets: the load generator never leaves this machine. */
  static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
  private static final long HANDSHAKE_DEADLINE_NS = TimeUnit.SECONDS.toNanos(30);

  private final WsLoadSettings settings;
  private final Recorder latencies = new Recorder(3);
  private final LongAdder received = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder allReceived = new LongAdder();
  private final AtomicLong errors = new AtomicLong();
  private final Set<LoadConnection> live = ConcurrentHashMap.newKeySet();
  private final List<LoadConnection> ready = new ArrayList<>();
  private final CountDownLatch settled;
  private final java.io.PrintStream log;
  private volatile boolean running;
  private volatile String firstError;

  public WsLoad(WsLoadSettings settings, java.io.PrintStream log) {
    this.settings = settings;
    this.settled = new CountDownLatch(settings.connections());
    this.log = log;
  }

  /** Checks that {@code url} is a ws:// URL on this machine; returns the problem or null. */
  static String problemWith(java.net.URI url) {
    if (url.getScheme() == null || !url.getScheme().equals("ws")) {
      return "the URL must start with ws:// (got " + url + "); wss is not supported by the load generator";
    }
    if (url.getHost() == null || !LOCAL_HOSTS.contains(url.getHost())) {
      return "the load generator only targets this machine: use 127.0.0.1 or localhost (got "
          + url.getHost() + ")";
    }
    return null;
  }

  /** Runs the load and returns what was measured. */
  public WsLoadResult run() throws InterruptedException {
    EventLoopGroup group = WsEventLoops.newGroup(settings.threads(), "load");
    byte[] bytes = new byte[settings.size()];
    Arrays.fill(bytes, (byte) 'x');
    if (settings.binary()) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (i * 31 + 7);
      }
    }
    ByteBuf payload = Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
    List<Channel> channels = new ArrayList<>();
    try {
      int port = settings.url().getPort() > 0 ? settings.url().getPort() : 80;
      long intervalNs =
          settings.openLoop() ? Math.max(1, (long) (settings.connections() * 1e9 / settings.rate())) : 0;
      for (int i = 0; i < settings.connections(); i++) {
        long phase = (long) ((double) intervalNs * i / settings.connections());
        LoadConnection connection =
            new LoadConnection(this, payload, settings.binary(), settings.inFlight(), intervalNs, phase);
        Bootstrap bootstrap =
            new Bootstrap()
                .group(group)
                .channel(WsEventLoops.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(initializer(connection));
        ChannelFuture f = bootstrap.connect(settings.url().getHost().replace("[", "").replace("]", ""), port);
        f.addListener(
            done -> {
              if (!done.isSuccess()) {
                failed("cannot connect to " + settings.url() + ": " + done.cause().getMessage());
                settled.countDown();
              }
            });
        channels.add(f.channel());
      }
      if (!settled.await(HANDSHAKE_DEADLINE_NS, TimeUnit.NANOSECONDS)) {
        failed("not every connection was ready after 30 s");
      }
      List<LoadConnection> started;
      synchronized (ready) {
        started = List.copyOf(ready);
      }
      if (started.isEmpty()) {
        return new WsLoadResult(0, 0, 0, 0, 0, 0, 0, errors.get(), 0, 0);
      }
      running = true;
      long start = System.nanoTime();
      if (!settings.idle()) {
        for (LoadConnection c : started) {
          c.context().executor().execute(() -> c.begin(start));
        }
      }
      sleepSeconds(settings.warmupSecs());
      latencies.getIntervalHistogram(); // drop the warm-up
      received.reset();
      long errorsBefore = errors.get();
      long measureStart = System.nanoTime();
      sleepSeconds(settings.durationSecs());
      long count = received.sum();
      Histogram h = latencies.getIntervalHistogram();
      double secs = (System.nanoTime() - measureStart) / 1e9;
      running = false;
      long errorCount = errors.get() - errorsBefore + (settings.connections() - started.size());
      return new WsLoadResult(
          count,
          secs,
          us(h.getValueAtPercentile(50)),
          us(h.getValueAtPercentile(90)),
          us(h.getValueAtPercentile(99)),
          us(h.getValueAtPercentile(99.9)),
          us(h.getMaxValue()),
          errorCount,
          started.size(),
          allReceived.sum());
    } finally {
      running = false;
      for (Channel ch : channels) {
        ch.close();
      }
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  private ChannelInitializer<SocketChannel> initializer(LoadConnection connection) {
    WebSocketClientProtocolConfig protocol =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(settings.url())
            .version(WebSocketVersion.V13)
            .customHeaders(new DefaultHttpHeaders())
            .maxFramePayloadLength(Math.max(65536, settings.size() * 2))
            .handshakeTimeoutMillis(10_000)
            .dropPongFrames(true)
            .build();
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline()
            .addLast(new HttpClientCodec())
            .addLast(new HttpObjectAggregator(65536))
            .addLast(new WebSocketClientProtocolHandler(protocol))
            .addLast(connection);
      }
    };
  }

  private static double us(long ns) {
    return ns / 1000.0;
  }

  private static void sleepSeconds(double secs) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (secs * 1e9);
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  // ---- called by the connections, on their event loops ----

  boolean running() {
    return running;
  }

  void connected(LoadConnection c) {
    live.add(c);
    synchronized (ready) {
      ready.add(c);
    }
    settled.countDown();
  }

  void closed(LoadConnection c) {
    if (live.remove(c)) {
      if (running) {
        failed("connection closed during the run");
      }
    } else {
      settled.countDown(); // closed before its handshake completed
    }
  }

  void failed(String what) {
    errors.incrementAndGet();
    if (firstError == null) {
      firstError = what;
      log.println("quiver bench ws: " + what);
    }
  }

  void sent() {
    sent.increment();
  }

  void received(long latencyNs) {
    received.increment();
    allReceived.increment();
    latencies.recordValue(Math.max(1, latencyNs));
  }

  /** The first error seen, for the report. */
  public String firstError() {
    return firstError;
  }

}
