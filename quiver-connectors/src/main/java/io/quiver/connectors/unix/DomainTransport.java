package io.quiver.connectors.unix;

import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.quiver.connectors.net.EventLoops;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * The unix domain socket server channel that fits the shared event loops' transport ({@link
 * EventLoops#transport()}), and the address it binds: the native transports' own class, NIO the
 * JDK's. Looked up only when a unix-socket onramp starts.
 */
final class DomainTransport {
  private DomainTransport() {}

  static Class<? extends ServerChannel> serverChannel() {
    return switch (EventLoops.transport()) {
      case "epoll" -> EpollServerDomainSocketChannel.class;
      case "io_uring" -> IoUringServerDomainSocketChannel.class;
      default -> NioServerDomainSocketChannel.class;
    };
  }

  static SocketAddress address(Path path) {
    return "nio".equals(EventLoops.transport())
        ? UnixDomainSocketAddress.of(path)
        : new DomainSocketAddress(path.toString());
  }
}
