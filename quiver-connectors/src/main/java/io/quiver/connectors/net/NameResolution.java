package io.quiver.connectors.net;

import io.netty.channel.EventLoop;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Non-blocking name resolution on an event loop, for connectors that must resolve names while they
 * run (a udp datagram's destination, a dns lookup): Netty's {@link DnsNameResolver} on the shared
 * transport, asking the system's name servers ({@code /etc/resolv.conf}, the hosts file first) or
 * the given ones. Never {@link InetAddress#getByName}, which blocks its thread.
 */
public final class NameResolution {
  /** The port name servers listen on when a server is given without one. */
  public static final int DNS_PORT = 53;

  private NameResolution() {}

  /**
   * A resolver on {@code loop}; close it with the connector.
   *
   * @param servers the name servers to ask, in order; empty: the system's
   * @param queryTimeoutMs how long one query may take
   */
  public static DnsNameResolver resolver(
      EventLoop loop, List<InetSocketAddress> servers, long queryTimeoutMs) {
    DnsNameResolverBuilder builder =
        new DnsNameResolverBuilder(loop)
            .datagramChannelType(EventLoops.datagramChannel())
            .queryTimeoutMillis(queryTimeoutMs)
            .nameServerProvider(
                servers.isEmpty()
                    ? DnsServerAddressStreamProviders.platformDefault()
                    : new SequentialDnsServerAddressStreamProvider(servers));
    return builder.build();
  }

  /** The address {@code host} spells when it is an IPv4 or IPv6 literal, else null. */
  public static InetAddress literal(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes); // no lookup: the bytes are the address
    } catch (java.net.UnknownHostException impossible) {
      return null;
    }
  }

  /**
   * A name server given as {@code address} or {@code address:port} ({@code [v6]:port} for IPv6), or
   * null when it is not an IP address with an optional port.
   */
  public static InetSocketAddress server(String text) {
    String s = text.trim();
    InetAddress whole = literal(s);
    if (whole != null) {
      return new InetSocketAddress(whole, DNS_PORT);
    }
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      return null;
    }
    InetAddress address = literal(s.substring(0, colon));
    if (address == null || (address.getAddress().length == 16 && !s.startsWith("["))) {
      return null;
    }
    try {
      int port = Integer.parseInt(s.substring(colon + 1));
      return port >= 1 && port <= 65_535 ? new InetSocketAddress(address, port) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
