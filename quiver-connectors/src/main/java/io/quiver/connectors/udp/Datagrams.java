package io.quiver.connectors.udp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DatagramPacket;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.util.concurrent.Future;
import io.quiver.connectors.net.NameResolution;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends the datagrams of one event from the udp offramp's channel loop: resolves each destination
 * (an address at once, a name through the non-blocking resolver), writes each datagram, and reports
 * once, when the last write completed: {@code null} when all went out, else the first failure.
 */
final class Datagrams {
  /** One datagram: its bytes and where it goes (resolved, or a host and port to resolve). */
  record Datagram(byte[] bytes, InetSocketAddress resolved, String host, int port) {}

  private final Channel channel;
  private final DnsNameResolver resolver;

  Datagrams(Channel channel, DnsNameResolver resolver) {
    this.channel = channel;
    this.resolver = resolver;
  }

  /** Sends {@code datagrams} (on the channel's loop); {@code done} gets null or the failure. */
  void send(List<Datagram> datagrams, Consumer<Throwable> done) {
    Outcome outcome = new Outcome(datagrams.size(), done);
    for (Datagram d : datagrams) {
      if (d.resolved() != null) {
        write(d.bytes(), d.resolved(), outcome);
        continue;
      }
      InetAddress literal = NameResolution.literal(d.host());
      if (literal != null) {
        write(d.bytes(), new InetSocketAddress(literal, d.port()), outcome);
        continue;
      }
      Future<InetAddress> lookup = resolver.resolve(d.host());
      lookup.addListener(
          f -> {
            if (f.isSuccess()) {
              write(d.bytes(), new InetSocketAddress(lookup.getNow(), d.port()), outcome);
            } else {
              outcome.completed(f.cause());
            }
          });
    }
  }

  private void write(byte[] bytes, InetSocketAddress to, Outcome outcome) {
    channel
        .writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), to))
        .addListener(
            (ChannelFutureListener) f -> outcome.completed(f.isSuccess() ? null : f.cause()));
  }

  /** Counts the writes of one event down; confined to the channel's loop. */
  private static final class Outcome {
    private int remaining;
    private Throwable failure;
    private final Consumer<Throwable> done;

    Outcome(int remaining, Consumer<Throwable> done) {
      this.remaining = remaining;
      this.done = done;
    }

    void completed(Throwable cause) {
      if (cause != null && failure == null) {
        failure = cause;
      }
      if (--remaining == 0) {
        done.accept(failure);
      }
    }
  }
}
