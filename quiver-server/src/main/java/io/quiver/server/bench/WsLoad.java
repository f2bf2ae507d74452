package io.quiver.server.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.quiver.connectors.net.EventLoops;
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
 * connections), and measures reply latency into an HDR histogram. With {@code verify}, each
 * connection is a {@link VerifiedConnection}: every answer is checked and every request accounted
 * for (echo, error answer, wrong answer or lost); connections that close during the run are
 * replaced, and after the run the load waits up to {@code drainSecs} for outstanding answers.
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
  private final Set<LoadClient> live = ConcurrentHashMap.newKeySet();
  private final List<LoadClient> ready = new ArrayList<>();
  // --verify accounting
  private final LongAdder pending = new LongAdder();
  private final LongAdder errorAnswers = new LongAdder();
  private final LongAdder wrongAnswers = new LongAdder();
  private final LongAdder lostOnClose = new LongAdder();
  private final LongAdder unexpected = new LongAdder();
  private final LongAdder closedByServer = new LongAdder();
  private final LongAdder connectFailures = new LongAdder();
  private final LongAdder reconnects = new LongAdder();
  private final java.util.concurrent.atomic.AtomicInteger nextId =
      new java.util.concurrent.atomic.AtomicInteger();
  private final List<Channel> channels = java.util.Collections.synchronizedList(new ArrayList<>());
  private EventLoopGroup group;
  private final CountDownLatch settled;
  private final java.io.PrintStream log;
  private volatile boolean running;
  private volatile String firstError;
  private volatile String firstConnectFailure;

  public WsLoad(WsLoadSettings settings, java.io.PrintStream log) {
    this.settings = settings;
    this.settled = new CountDownLatch(settings.connections());
    this.log = log;
  }

  /** Checks that {@code url} is a ws:// URL on this machine; returns the problem or null. */
  static String problemWith(java.net.URI url) {
    if (url.getScheme() == null || !url.getScheme().equals("ws")) {
      return "the URL must start with ws:// (got "
          + url
          + "); wss is not supported by the load generator";
    }
    if (url.getHost() == null || !LOCAL_HOSTS.contains(url.getHost())) {
      return "the load generator only targets this machine: use 127.0.0.1 or localhost (got "
          + url.getHost()
          + ")";
    }
    return null;
  }

  /** Runs the load and returns what was measured. */
  public WsLoadResult run() throws InterruptedException {
    group = EventLoops.newGroup(settings.threads(), "load");
    byte[] bytes = new byte[settings.size()];
    Arrays.fill(bytes, (byte) 'x');
    if (settings.binary()) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (i * 31 + 7);
      }
    }
    ByteBuf payload =
        Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
    try {
      long intervalNs =
          settings.openLoop()
              ? Math.max(1, (long) (settings.connections() * 1e9 / settings.rate()))
              : 0;
      for (int i = 0; i < settings.connections(); i++) {
        long phase = (long) ((double) intervalNs * i / settings.connections());
        open(
            settings.verify()
                ? newVerified(true)
                : new LoadConnection(
                    this, payload, settings.binary(), settings.inFlight(), intervalNs, phase));
      }
      if (!settled.await(HANDSHAKE_DEADLINE_NS, TimeUnit.NANOSECONDS)) {
        failed("not every connection was ready after 30 s");
      }
      List<LoadClient> started;
      synchronized (ready) {
        started = List.copyOf(ready);
      }
      if (started.isEmpty() && !settings.verify()) {
        return WsLoadResult.nothingConnected(errors.get());
      }
      running = true;
      long start = System.nanoTime();
      if (settings.verify()) {
        log.println(
            "quiver bench ws: "
                + started.size()
                + " of "
                + settings.connections()
                + " connections ready");
        // a well-behaved client tries again: the connections that could not be opened are
        // replaced (one attempt a second each) for as long as the run lasts
        for (int i = started.size(); i < settings.connections(); i++) {
          replaceLater(1000);
        }
      }
      if (!settings.idle()) {
        for (LoadClient c : started) {
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
      WsLoadResult.Answers answers = settings.verify() ? drain() : null;
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
          allReceived.sum(),
          answers);
    } finally {
      running = false;
      synchronized (channels) {
        for (Channel ch : channels) {
          ch.close();
        }
      }
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  private VerifiedConnection newVerified(boolean initial) {
    return new VerifiedConnection(
        this,
        nextId.getAndIncrement(),
        settings.size(),
        settings.inFlight(),
        settings.reconnectAfter(),
        initial);
  }

  /** Connects one client; a connection that cannot be opened is counted (and replaced in a run). */
  private void open(LoadClient client) {
    int port = settings.url().getPort() > 0 ? settings.url().getPort() : 80;
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(EventLoops.clientChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
            .handler(initializer((io.netty.channel.ChannelHandler) client));
    ChannelFuture f =
        bootstrap.connect(settings.url().getHost().replace("[", "").replace("]", ""), port);
    channels.add(f.channel());
    f.addListener(
        done -> {
          channels.remove(f.channel());
          if (done.isSuccess()) {
            channels.add(f.channel());
            f.channel().closeFuture().addListener(closed -> channels.remove(f.channel()));
          } else if (client.initial()) {
            failed("cannot connect to " + settings.url() + ": " + done.cause().getMessage());
            connectFailures.increment();
            settled.countDown();
          } else {
            connectFailed(client, "cannot connect: " + done.cause().getMessage());
            replaceLater(1000);
          }
        });
  }

  /** Opens a replacement verifying connection after {@code delayMs}, while the run lasts. */
  private void replaceLater(long delayMs) {
    if (!running) {
      return;
    }
    group.schedule(
        () -> {
          if (running) {
            open(newVerified(false));
          }
        },
        delayMs,
        TimeUnit.MILLISECONDS);
  }

  /**
   * After the run: waits up to drainSecs for the outstanding answers, then accounts for every
   * request.
   */
  private WsLoadResult.Answers drain() throws InterruptedException {
    long deadline = System.nanoTime() + (long) (settings.drainSecs() * 1e9);
    while (pending.sum() > 0 && System.nanoTime() - deadline < 0) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    long now = System.nanoTime();
    long oldest = 0;
    for (LoadClient c : live) {
      if (c instanceof VerifiedConnection v && v.oldestUnansweredNs() != 0) {
        oldest = Math.max(oldest, now - v.oldestUnansweredNs());
      }
    }
    long errorAnswerCount = errorAnswers.sum();
    long wrong = wrongAnswers.sum();
    long echoes = allReceived.sum();
    long sentCount = sent.sum();
    // every request is an echo, an error answer, a wrong answer, or lost (unanswered at its
    // connection's close or still outstanding now)
    long lost = lostOnClose.sum() + pending.sum();
    return new WsLoadResult.Answers(
        sentCount,
        echoes,
        errorAnswerCount,
        wrong,
        lost,
        unexpected.sum(),
        closedByServer.sum(),
        connectFailures.sum(),
        reconnects.sum(),
        TimeUnit.NANOSECONDS.toMillis(oldest));
  }

  private ChannelInitializer<SocketChannel> initializer(
      io.netty.channel.ChannelHandler connection) {
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
            .addLast(new WebSocketClientProtocolHandler(protocol));
        if (settings.verify()) {
          ch.pipeline().addLast(new WebSocketFrameAggregator(Math.max(65536, settings.size() * 2)));
        }
        ch.pipeline().addLast(connection);
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

  void connected(LoadClient c) {
    live.add(c);
    if (!c.initial()) {
      reconnects.increment();
      if (running) {
        c.begin(System.nanoTime());
      } else {
        c.context().close();
      }
      return;
    }
    synchronized (ready) {
      ready.add(c);
    }
    settled.countDown();
  }

  /** A verifying connection closed with {@code unanswered} requests outstanding (now lost). */
  void closed(VerifiedConnection c, boolean byItself, int unanswered) {
    pending.add(-unanswered);
    lostOnClose.add(unanswered);
    if (live.remove(c)) {
      if (!byItself && running) {
        closedByServer.increment();
        failed("connection closed during the run");
      }
      replaceLater(byItself ? 0 : 100);
    } else if (c.initial()) {
      settled.countDown(); // closed before its handshake completed
    } else {
      replaceLater(1000);
    }
  }

  /** A connection attempt failed (refused, HTTP error status, handshake timeout). */
  void connectFailed(LoadClient c, String what) {
    if (c.initial()) {
      failed(what);
    } else if (firstConnectFailure == null) {
      firstConnectFailure = what;
      log.println("quiver bench ws: a replacement connection failed: " + what);
    }
    connectFailures.increment();
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
    pending.increment();
  }

  /** A verified echo. */
  void echoed(long latencyNs) {
    pending.decrement();
    received(latencyNs);
  }

  /** An error record answered a request. */
  void errorAnswer(String text) {
    pending.decrement();
    errorAnswers.increment();
    failed("an error instead of the echo: " + text);
  }

  /** A request was answered with something that is neither its echo nor an error record. */
  void wrongAnswer(String what) {
    pending.decrement();
    wrongAnswers.increment();
    failed(what);
  }

  /** A message that answered no outstanding request. */
  void unexpected(String what) {
    unexpected.increment();
    failed(what);
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
