package io.quiver.connectors.net;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.internal.ThreadExecutorMap;
import io.quiver.spi.config.ProcessSetting;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * The one Netty event loop group shared by every Netty connector of the process (the websocket and
 * udp onramps and offramps, the dns offramp). Created on first use; its threads are daemons named
 * {@code quiver-ws-N}, so it never keeps the JVM alive and never needs shutting down.
 *
 * <p>The transport is Linux epoll when its native library loads, Java NIO otherwise; the system
 * property {@value #TRANSPORT_PROPERTY} picks {@code io_uring}, {@code epoll} or {@code nio}
 * ({@link NettyTransport}). The start-up log line names the transport and why (the default, the
 * property, or the cause of a fallback).
 */
public final class EventLoops {
  /**
   * System property that selects the transport: {@code io_uring}, {@code epoll} (default when
   * available) or {@code nio}.
   */
  public static final String TRANSPORT_PROPERTY = "quiver.transport";

  /**
   * System property with the number of event loop threads; default: the CPUs the process may run on
   * ({@link Runtime#availableProcessors()}, which honours an affinity mask such as taskset's).
   */
  public static final String THREADS_PROPERTY = "quiver.ws.threads";

  /** {@value #TRANSPORT_PROPERTY}, declared. */
  public static final ProcessSetting<NettyTransport> TRANSPORT =
      new ProcessSetting<>(
          TRANSPORT_PROPERTY,
          "`io_uring`, `epoll` or `nio`",
          "`epoll` where it works, else `nio`; for a deployment started with rest and no"
              + " websocket connectors, `io_uring` where it works",
          "The socket transport of the event loops shared by the network onramps and offramps"
              + " (websocket, rest, tcp, udp, unix-socket, dns; and `quiver bench`'s load tools)."
              + " io_uring needs Linux 5.14 or newer and no seccomp filter blocking it (container"
              + " runtimes' default profiles often do); it costs less CPU per proxied HTTP request"
              + " but more per websocket message than epoll. A transport that does not work on"
              + " the machine falls back to the default with a warning; the start-up log line"
              + " `network event loops: N on T (why)` names the one picked.",
          "not a transport (io_uring, epoll or nio)",
          NettyTransport::named);

  /** {@value #THREADS_PROPERTY}, declared. */
  public static final ProcessSetting<Integer> THREADS =
      new ProcessSetting<>(
          THREADS_PROPERTY,
          "a positive integer",
          "the available CPUs",
          "Event loop threads (`quiver-ws-N`) shared by every websocket onramp and offramp of the"
              + " process. One per CPU is best: everything on a loop is non-blocking.",
          "not a positive number of threads",
          EventLoops::positiveInt);

  /** The settings above, for the docs. */
  public static final List<ProcessSetting<?>> SETTINGS = List.of(TRANSPORT, THREADS);

  private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

  private static volatile boolean servesHttpOnly;

  private EventLoops() {}

  /**
   * Tells the event loops which connector types ({@code ws}, {@code rest}, ...) the deployment the
   * process starts with declares, before anything uses them: without {@value #TRANSPORT_PROPERTY},
   * a deployment with rest connectors and no websocket ones runs on io_uring where it works
   * (0.72-0.89x epoll's CPU per proxied HTTP request, but 1.2-2.5x per websocket message:
   * BENCHMARKS.md, "Socket transport: io_uring vs epoll"). Has no effect once the transport is
   * chosen (artefacts published later over the REST API run on the transport chosen at start).
   */
  public static void deploymentUses(Set<String> connectorTypes) {
    servesHttpOnly = servesHttpOnly(connectorTypes);
  }

  static boolean servesHttpOnly(Set<String> connectorTypes) {
    return connectorTypes.contains("rest") && !connectorTypes.contains("ws");
  }

  /** The shared group. */
  public static EventLoopGroup group() {
    return Holder.GROUP;
  }

  /**
   * The event loop of the calling thread when it is one of the shared group's, else the next one
   * (round robin). A per-client upstream session created while its client's event is processed on
   * the client's loop thus shares that loop: no hand-off between threads per message.
   */
  public static EventLoop callerLoopOrNext() {
    EventExecutor current = ThreadExecutorMap.currentExecutor();
    if (current instanceof EventLoop loop && loop.parent() == Holder.GROUP) {
      return loop;
    }
    return Holder.GROUP.next();
  }

  /**
   * A separate group of {@code threads} loops on the same transport as the shared group, for tools
   * that must not share the server's loops (the load generator and echo of {@code quiver bench}).
   * Epoll also keeps sub-millisecond timers off a busy poll: NIO's selector waits in whole
   * milliseconds, so Netty polls without sleeping when the next timer is closer than that.
   */
  public static EventLoopGroup newGroup(int threads, String threadName) {
    return new MultiThreadIoEventLoopGroup(
        threads, daemonThreads(threadName, new AtomicInteger()), Transport.CHOSEN.handlers());
  }

  /** The transport of the shared group: {@code "io_uring"}, {@code "epoll"} or {@code "nio"}. */
  public static String transport() {
    return Transport.CHOSEN.label;
  }

  /** The server channel class that fits the shared group. */
  public static Class<? extends ServerSocketChannel> serverChannel() {
    return Transport.CHOSEN.serverChannel;
  }

  /** The client channel class that fits the shared group. */
  public static Class<? extends SocketChannel> clientChannel() {
    return Transport.CHOSEN.clientChannel;
  }

  /** The datagram (UDP) channel class that fits the shared group (the udp ramps, DNS lookups). */
  public static Class<? extends DatagramChannel> datagramChannel() {
    return Transport.CHOSEN.datagramChannel;
  }

  /**
   * The loop count: {@code requested} when it is a positive number, else {@code cpus}. One loop per
   * CPU: more loops than CPUs only add context switches and split the batches a loop flushes at
   * once (everything on a loop is non-blocking, so one loop is enough for correctness).
   */
  static int threads(String requested, int cpus) {
    int fallback = Math.max(1, cpus);
    ProcessSetting.Reading<Integer> threads =
        THREADS.read(requested, fallback, fallback + " (the available CPUs)");
    if (threads.warning() != null) {
      LoggerFactory.getLogger(EventLoops.class).warn(threads.warning());
    }
    return threads.value();
  }

  private static Integer positiveInt(String text) {
    int n = Integer.parseInt(text.trim());
    return n > 0 ? n : null;
  }

  private static final class Transport {
    static final NettyTransport.Choice CHOICE =
        NettyTransport.choose(TRANSPORT.raw(), NettyTransport::unavailability, servesHttpOnly);
    static final NettyTransport CHOSEN = CHOICE.transport();
  }

  private static final class Holder {
    static final EventLoopGroup GROUP = create();

    private static EventLoopGroup create() {
      int threads = threads(THREADS.raw(), Runtime.getRuntime().availableProcessors());
      LoggerFactory.getLogger(EventLoops.class)
          .info(
              "network event loops: {} on {} ({}; -D{}, -D{})",
              threads,
              Transport.CHOSEN.label,
              Transport.CHOICE.why(),
              THREADS_PROPERTY,
              TRANSPORT_PROPERTY);
      return new MultiThreadIoEventLoopGroup(
          threads, daemonThreads("quiver-ws", THREAD_NUMBERS), Transport.CHOSEN.handlers());
    }
  }

  /** Daemon threads named {@code <name>-N}, numbered by {@code count}. */
  private static ThreadFactory daemonThreads(String name, AtomicInteger count) {
    return task -> {
      Thread t = new FastThreadLocalThread(task, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
