package io.quiver.connectors.ws;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The socket transports Quiver's websocket loops can run on, and the choice among them: the system
 * property {@value WsEventLoops#TRANSPORT_PROPERTY} ({@code io_uring}, {@code epoll} or {@code
 * nio}) when that transport works here, else the best one that does ({@link #DEFAULT_ORDER}).
 */
enum WsTransport {
  IO_URING(
      "io_uring",
      WsTransport::ioUringAvailable,
      IoUringIoHandler::newFactory,
      IoUringServerSocketChannel.class,
      IoUringSocketChannel.class),
  EPOLL(
      "epoll",
      WsTransport::epollAvailable,
      EpollIoHandler::newFactory,
      EpollServerSocketChannel.class,
      EpollSocketChannel.class),
  NIO(
      "nio",
      () -> true,
      NioIoHandler::newFactory,
      NioServerSocketChannel.class,
      NioSocketChannel.class);

  /** Without the property: the first of these that works (measured in BENCHMARKS.md). */
  static final WsTransport[] DEFAULT_ORDER = {EPOLL, NIO};

  final String label;
  private final BooleanSupplier available;
  private final Supplier<IoHandlerFactory> handlers;
  final Class<? extends ServerSocketChannel> serverChannel;
  final Class<? extends SocketChannel> clientChannel;

  WsTransport(
      String label,
      BooleanSupplier available,
      Supplier<IoHandlerFactory> handlers,
      Class<? extends ServerSocketChannel> serverChannel,
      Class<? extends SocketChannel> clientChannel) {
    this.label = label;
    this.available = available;
    this.handlers = handlers;
    this.serverChannel = serverChannel;
    this.clientChannel = clientChannel;
  }

  IoHandlerFactory handlers() {
    return handlers.get();
  }

  boolean available() {
    return available.getAsBoolean();
  }

  /** The transport to use for {@code requested} (the property's value, or null). */
  static WsTransport choose(String requested) {
    if (requested != null && !requested.isBlank()) {
      String name = requested.trim().toLowerCase(Locale.ROOT).replace('-', '_');
      for (WsTransport t : values()) {
        if (t.label.equals(name)) {
          if (t.available()) {
            return t;
          }
          WsTransport fallback = firstAvailable();
          LoggerFactory.getLogger(WsTransport.class)
              .warn(
                  "-D{}={}: {} does not work on this machine; using {}",
                  WsEventLoops.TRANSPORT_PROPERTY,
                  requested,
                  t.label,
                  fallback.label);
          return fallback;
        }
      }
      WsTransport fallback = firstAvailable();
      LoggerFactory.getLogger(WsTransport.class)
          .warn(
              "ignoring -D{}={}: not a transport (io_uring, epoll or nio); using {}",
              WsEventLoops.TRANSPORT_PROPERTY,
              requested,
              fallback.label);
      return fallback;
    }
    return firstAvailable();
  }

  private static WsTransport firstAvailable() {
    for (WsTransport t : DEFAULT_ORDER) {
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
