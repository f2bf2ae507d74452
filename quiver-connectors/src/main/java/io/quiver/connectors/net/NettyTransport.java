package io.quiver.connectors.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.quiver.spi.config.ProcessSetting;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The socket transports Quiver's Netty event loops can run on, and the choice among them: the
 * system property {@value EventLoops#TRANSPORT_PROPERTY} ({@code io_uring}, {@code epoll} or {@code
 * nio}) when that transport works here, else the best one that does ({@link #DEFAULT_ORDER}).
 */
public enum NettyTransport {
  IO_URING(
      "io_uring",
      NettyTransport::ioUringAvailable,
      IoUringIoHandler::newFactory,
      IoUringServerSocketChannel.class,
      IoUringSocketChannel.class,
      IoUringDatagramChannel.class),
  EPOLL(
      "epoll",
      NettyTransport::epollAvailable,
      EpollIoHandler::newFactory,
      EpollServerSocketChannel.class,
      EpollSocketChannel.class,
      EpollDatagramChannel.class),
  NIO(
      "nio",
      () -> true,
      NioIoHandler::newFactory,
      NioServerSocketChannel.class,
      NioSocketChannel.class,
      NioDatagramChannel.class);

  /** Without the property: the first of these that works (measured in BENCHMARKS.md). */
  static final NettyTransport[] DEFAULT_ORDER = {EPOLL, NIO};

  final String label;
  private final BooleanSupplier available;
  private final Supplier<IoHandlerFactory> handlers;
  final Class<? extends ServerSocketChannel> serverChannel;
  final Class<? extends SocketChannel> clientChannel;
  final Class<? extends DatagramChannel> datagramChannel;

  NettyTransport(
      String label,
      BooleanSupplier available,
      Supplier<IoHandlerFactory> handlers,
      Class<? extends ServerSocketChannel> serverChannel,
      Class<? extends SocketChannel> clientChannel,
      Class<? extends DatagramChannel> datagramChannel) {
    this.label = label;
    this.available = available;
    this.handlers = handlers;
    this.serverChannel = serverChannel;
    this.clientChannel = clientChannel;
    this.datagramChannel = datagramChannel;
  }

  IoHandlerFactory handlers() {
    return handlers.get();
  }

  boolean available() {
    return available.getAsBoolean();
  }

  /**
   * The transport to use for {@code requested} (the value of {@link EventLoops#TRANSPORT}, or
   * null).
   */
  static NettyTransport choose(String requested) {
    if (requested == null || requested.isBlank()) {
      return firstAvailable();
    }
    NettyTransport fallback = firstAvailable();
    ProcessSetting.Reading<NettyTransport> reading =
        EventLoops.TRANSPORT.read(requested, fallback, fallback.label);
    if (reading.warning() != null) {
      LoggerFactory.getLogger(NettyTransport.class).warn(reading.warning());
      return fallback;
    }
    NettyTransport t = reading.value();
    if (t.available()) {
      return t;
    }
    LoggerFactory.getLogger(NettyTransport.class)
        .warn(
            "-D{}={}: {} does not work on this machine; using {}",
            EventLoops.TRANSPORT_PROPERTY,
            requested,
            t.label,
            fallback.label);
    return fallback;
  }

  /** The transport a property text names ({@code io-uring} or {@code NIO} too), or null. */
  static NettyTransport named(String text) {
    String name = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (NettyTransport t : values()) {
      if (t.label.equals(name)) {
        return t;
      }
    }
    return null;
  }

  private static NettyTransport firstAvailable() {
    for (NettyTransport t : DEFAULT_ORDER) {
      if (t.available()) {
        return t;
      }
    }
    return NIO;
  }

  private static boolean epollAvailable() {
    try {
      return Epoll.isAvailable();
    } catch (LinkageError notOnThisPlatform) {
      return false;
    }
  }

  private static boolean ioUringAvailable() {
    try {
      return IoUring.isAvailable();
    } catch (LinkageError notOnThisPlatform) {
      return false;
    }
  }
}
