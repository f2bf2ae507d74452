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
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The socket transports Quiver's Netty event loops can run on, and the choice among them: the
 * system property {@value EventLoops#TRANSPORT_PROPERTY} ({@code io_uring}, {@code epoll} or {@code
 * nio}) when that transport works here, else the best one that does ({@link #DEFAULT_ORDER}).
 * io_uring works from Linux 5.14 where no seccomp filter blocks its system calls (Netty's {@code
 * IoUring.isAvailable()}); epoll wherever its native library loads. The choice says why ({@link
 * Choice}): the log line at start names the transport and the reason for a fallback.
 */
public enum NettyTransport {
  IO_URING(
      "io_uring",
      NettyTransport::ioUringUnavailability,
      IoUringIoHandler::newFactory,
      IoUringServerSocketChannel.class,
      IoUringSocketChannel.class,
      IoUringDatagramChannel.class),
  EPOLL(
      "epoll",
      NettyTransport::epollUnavailability,
      EpollIoHandler::newFactory,
      EpollServerSocketChannel.class,
      EpollSocketChannel.class,
      EpollDatagramChannel.class),
  NIO(
      "nio",
      () -> null,
      NioIoHandler::newFactory,
      NioServerSocketChannel.class,
      NioSocketChannel.class,
      NioDatagramChannel.class);

  /**
   * Without the property: the first of these that works. Not io_uring: it measured cheaper per
   * proxied HTTP request but dearer per websocket message than epoll (BENCHMARKS.md, "Socket
   * transport: io_uring vs epoll").
   */
  static final NettyTransport[] DEFAULT_ORDER = {EPOLL, NIO};

  /**
   * The transport picked and why, as the start-up log line says it.
   *
   * @param transport the transport the event loops run on
   * @param why {@code the default}, {@code -Dquiver.transport=io_uring}, or what made the better
   *     transports unusable ({@code epoll does not work here: ...})
   */
  record Choice(NettyTransport transport, String why) {}

  private static final String DEFAULT_WHY = "the default";

  static final String HTTP_DEFAULT_WHY =
      "the default for a deployment with rest and no websocket connectors";

  final String label;
  private final Supplier<String> unavailability;
  private final Supplier<IoHandlerFactory> handlers;
  final Class<? extends ServerSocketChannel> serverChannel;
  final Class<? extends SocketChannel> clientChannel;
  final Class<? extends DatagramChannel> datagramChannel;

  NettyTransport(
      String label,
      Supplier<String> unavailability,
      Supplier<IoHandlerFactory> handlers,
      Class<? extends ServerSocketChannel> serverChannel,
      Class<? extends SocketChannel> clientChannel,
      Class<? extends DatagramChannel> datagramChannel) {
    this.label = label;
    this.unavailability = unavailability;
    this.handlers = handlers;
    this.serverChannel = serverChannel;
    this.clientChannel = clientChannel;
    this.datagramChannel = datagramChannel;
  }

  IoHandlerFactory handlers() {
    return handlers.get();
  }

  boolean available() {
    return unavailability() == null;
  }

  /**
   * Why this transport does not work here (the native library's own reason), or null if it does.
   */
  String unavailability() {
    return unavailability.get();
  }

  /**
   * The transport to use for {@code requested} (the value of {@link EventLoops#TRANSPORT}, or
   * null), and why.
   */
  static Choice choose(String requested) {
    return choose(requested, NettyTransport::unavailability);
  }

  /**
   * {@link #choose(String)} with {@code unavailability} saying why a transport does not work here
   * (null when it does).
   */
  static Choice choose(String requested, Function<NettyTransport, String> unavailability) {
    return choose(requested, unavailability, false);
  }

  /**
   * {@link #choose(String, Function)} for a deployment that {@code servesHttpOnly} (rest
   * connectors, no websocket ones): without the property, io_uring where it works, as it costs less
   * CPU per proxied HTTP request than epoll (and more per websocket message).
   */
  static Choice choose(
      String requested, Function<NettyTransport, String> unavailability, boolean servesHttpOnly) {
    Choice fallback = firstAvailable(unavailability);
    if (requested == null || requested.isBlank()) {
      if (servesHttpOnly && unavailability.apply(IO_URING) == null) {
        return new Choice(IO_URING, HTTP_DEFAULT_WHY);
      }
      return fallback;
    }
    ProcessSetting.Reading<NettyTransport> reading =
        EventLoops.TRANSPORT.read(requested, fallback.transport(), fallback.transport().label);
    if (reading.warning() != null) {
      LoggerFactory.getLogger(NettyTransport.class).warn(reading.warning());
      return new Choice(fallback.transport(), "-D" + EventLoops.TRANSPORT_PROPERTY + " ignored");
    }
    NettyTransport t = reading.value();
    String cause = unavailability.apply(t);
    if (cause == null) {
      return new Choice(t, "-D" + EventLoops.TRANSPORT_PROPERTY + "=" + t.label);
    }
    LoggerFactory.getLogger(NettyTransport.class)
        .warn(
            "-D{}={}: {} does not work on this machine ({}); using {}",
            EventLoops.TRANSPORT_PROPERTY,
            requested,
            t.label,
            cause,
            fallback.transport().label);
    String why = t.label + " does not work here: " + cause;
    return new Choice(
        fallback.transport(),
        fallback.why().equals(DEFAULT_WHY) ? why : why + "; " + fallback.why());
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

  /** The first transport of {@link #DEFAULT_ORDER} that works, with why those before it do not. */
  private static Choice firstAvailable(Function<NettyTransport, String> unavailability) {
    StringJoiner skipped = new StringJoiner("; ");
    for (NettyTransport t : DEFAULT_ORDER) {
      String cause = unavailability.apply(t);
      if (cause == null) {
        return new Choice(t, skipped.length() == 0 ? DEFAULT_WHY : skipped.toString());
      }
      skipped.add(t.label + " does not work here: " + cause);
    }
    return new Choice(NIO, skipped.toString());
  }

  private static String epollUnavailability() {
    try {
      return Epoll.isAvailable() ? null : reason(Epoll.unavailabilityCause());
    } catch (LinkageError notOnThisPlatform) {
      return reason(notOnThisPlatform);
    }
  }

  private static String ioUringUnavailability() {
    try {
      return IoUring.isAvailable() ? null : reason(IoUring.unavailabilityCause());
    } catch (LinkageError notOnThisPlatform) {
      return reason(notOnThisPlatform);
    }
  }

  /** A native library's reason for not loading, in a few words: its innermost message. */
  static String reason(Throwable cause) {
    if (cause == null) {
      return "unavailable";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }
}
