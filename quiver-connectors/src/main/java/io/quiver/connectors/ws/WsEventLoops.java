package io.quiver.connectors.ws;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * The one Netty event loop group shared by every websocket onramp and offramp of the process.
 * Created on first use; its threads are daemons named {@code quiver-ws-N}, so it never keeps the
 * JVM alive and never needs shutting down.
 *
 * <p>The transport is Linux epoll when its native library loads, Java NIO otherwise; the system
 * property {@value #TRANSPORT_PROPERTY} picks {@code io_uring}, {@code epoll} or {@code nio}
 * ({@link WsTransport}).
 */
public final class WsEventLoops {
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

  private static final AtomicInteger THREADS = new AtomicInteger();

  private WsEventLoops() {}

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

  /**
   * The loop count: {@code requested} when it is a positive number, else {@code cpus}. One loop per
   * CPU: more loops than CPUs only add context switches and split the batches a loop flushes at
   * once (everything on a loop is non-blocking, so one loop is enough for correctness).
   */
  static int threads(String requested, int cpus) {
    if (requested != null) {
      try {
        int n = Integer.parseInt(requested.trim());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException notANumber) {
        // reported below
      }
      LoggerFactory.getLogger(WsEventLoops.class)
          .warn(
              "ignoring -D{}={}: not a positive number of threads; using {} (the available CPUs)",
              THREADS_PROPERTY,
              requested,
              Math.max(1, cpus));
    }
    return Math.max(1, cpus);
  }

  private static final class Transport {
    static final WsTransport CHOSEN = WsTransport.choose(System.getProperty(TRANSPORT_PROPERTY));
  }

  private static final class Holder {
    static final EventLoopGroup GROUP = create();

    private static EventLoopGroup create() {
      int threads =
          threads(System.getProperty(THREADS_PROPERTY), Runtime.getRuntime().availableProcessors());
      LoggerFactory.getLogger(WsEventLoops.class)
          .info(
              "websocket event loops: {} on {} (-D{}, -D{})",
              threads,
              Transport.CHOSEN.label,
              THREADS_PROPERTY,
              TRANSPORT_PROPERTY);
      return new MultiThreadIoEventLoopGroup(
          threads, daemonThreads("quiver-ws", THREADS), Transport.CHOSEN.handlers());
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
