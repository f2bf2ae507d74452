package io.quiver.connectors.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.quiver.connectors.net.EventLoops;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny authoritative DNS server on 127.0.0.1 (an ephemeral UDP port) for the dns offramp's tests:
 * answers from the records added, NXDOMAIN for names it does not know, NOERROR without answers for
 * known names without records of the type asked. Counts the queries it got.
 */
final class LocalDnsServer implements AutoCloseable {
  /** One answer: its type, ttl and wire-format data. */
  record Answer(DnsRecordType type, long ttl, byte[] data) {}

  private final Map<String, List<Answer>> zone = new ConcurrentHashMap<>();
  final AtomicInteger queries = new AtomicInteger();
  private Channel channel;

  static LocalDnsServer start() throws InterruptedException {
    LocalDnsServer server = new LocalDnsServer();
    server.channel =
        new Bootstrap()
            .group(EventLoops.group())
            .channel(EventLoops.datagramChannel())
            .handler(
                new ChannelInitializer<DatagramChannel>() {
                  @Override
                  protected void initChannel(DatagramChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new DatagramDnsQueryDecoder(),
                            new DatagramDnsResponseEncoder(),
                            server.new Responder());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
    return server;
  }

  /** The server as the offramp's {@code servers} entry. */
  String address() {
    return "127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort();
  }

  LocalDnsServer add(String name, DnsRecordType type, long ttl, byte[] data) {
    zone.computeIfAbsent(fqdn(name), n -> new ArrayList<>()).add(new Answer(type, ttl, data));
    return this;
  }

  static byte[] ipv4(int a, int b, int c, int d) {
    return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
  }

  /** A domain name in wire format, uncompressed. */
  static byte[] name(String name) {
    ByteBuf out = Unpooled.buffer();
    for (String label : fqdn(name).split("\\.")) {
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      out.writeByte(bytes.length).writeBytes(bytes);
    }
    out.writeByte(0);
    return bytes(out);
  }

  static byte[] mx(int preference, String exchange) {
    return bytes(Unpooled.buffer().writeShort(preference).writeBytes(name(exchange)));
  }

  static byte[] txt(String... strings) {
    ByteBuf out = Unpooled.buffer();
    for (String s : strings) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeByte(b.length).writeBytes(b);
    }
    return bytes(out);
  }

  private static byte[] bytes(ByteBuf buf) {
    byte[] out = new byte[buf.readableBytes()];
    buf.readBytes(out);
    buf.release();
    return out;
  }

  private static String fqdn(String name) {
    return name.endsWith(".") ? name : name + ".";
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }

  private final class Responder extends SimpleChannelInboundHandler<DatagramDnsQuery> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
      queries.incrementAndGet();
      DnsQuestion question = query.recordAt(DnsSection.QUESTION);
      DatagramDnsResponse response =
          new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
      response.setRecursionDesired(query.isRecursionDesired()).setRecursionAvailable(true);
      response.addRecord(
          DnsSection.QUESTION, new DefaultDnsQuestion(question.name(), question.type()));
      List<Answer> known = zone.get(fqdn(question.name()));
      if (known == null) {
        response.setCode(DnsResponseCode.NXDOMAIN);
      } else {
        for (Answer a : known) {
          if (a.type().equals(question.type())) {
            response.addRecord(
                DnsSection.ANSWER,
                new DefaultDnsRawRecord(
                    question.name(), a.type(), a.ttl(), Unpooled.wrappedBuffer(a.data())));
          }
        }
      }
      ctx.writeAndFlush(response);
    }
  }
}
