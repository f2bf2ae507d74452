package io.quiver.connectors.ws;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one Netty event loop group shared by every websocket onramp and offramp of the process.
 * Created on first use; its threads are daemons named {@code quiver-ws-N}, so it never keeps the
 * JVM alive and never needs shutting down.
 */
public final class WsEventLoops {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private WsEventLoops() {}

  /** The shared group. */
  public static EventLoopGroup group() {
    return Holder.GROUP;
  }

  private static final class Holder {
    static final EventLoopGroup GROUP =
        new MultiThreadIoEventLoopGroup(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            daemonThreads(),
            NioIoHandler.newFactory());
  }

  private static ThreadFactory daemonThreads() {
    return task -> {
      Thread t = new FastThreadLocalThread(task, "quiver-ws-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
