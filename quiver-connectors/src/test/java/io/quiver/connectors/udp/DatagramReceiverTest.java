package io.quiver.connectors.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DatagramReceiverTest {
  private static final InetSocketAddress ME = new InetSocketAddress("127.0.0.1", 4242);
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5555);

  private static DatagramPacket datagram(String text) {
    return new DatagramPacket(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), ME, PEER);
  }

  @Test
  void eachDatagramIsOneWholeMessageWithEmptyMeta() throws Exception {
    UdpTestContexts.Source context = new UdpTestContexts.Source();
    UdpMetrics metrics = new UdpMetrics();
    EmbeddedChannel channel = new EmbeddedChannel(new DatagramReceiver(context, 7, 10, metrics));
    channel.writeInbound(datagram("a\nb"));
    channel.writeInbound(datagram("c"));
    UdpTestContexts.Received first = context.next();
    assertThat(first.text()).isEqualTo("a\nb");
    assertThat(first.stream()).isEqualTo(7);
    assertThat(first.endOfMessage()).isTrue();
    assertThat(first.meta().toString()).isEqualTo(io.quiver.value.Value.EMPTY_OBJECT.toString());
    assertThat(context.next().text()).isEqualTo("c");
    assertThat(metrics.datagrams()).isEqualTo(2);
  }

  @Test
  void aDatagramLargerThanTheLimitIsDroppedAndCountedAndTheNextServed() throws Exception {
    UdpTestContexts.Source context = new UdpTestContexts.Source();
    UdpMetrics metrics = new UdpMetrics();
    EmbeddedChannel channel = new EmbeddedChannel(new DatagramReceiver(context, 1, 4, metrics));
    channel.writeInbound(datagram("12345"));
    channel.writeInbound(datagram("1234"));
    assertThat(context.next().text()).isEqualTo("1234");
    assertThat(context.received).isEmpty();
    assertThat(metrics.oversized()).isEqualTo(1);
    assertThat(metrics.datagrams()).isEqualTo(1);
  }

  @Test
  void aReceiveErrorDoesNotCloseTheChannel() {
    UdpTestContexts.Source context = new UdpTestContexts.Source();
    EmbeddedChannel channel =
        new EmbeddedChannel(new DatagramReceiver(context, 1, 4, new UdpMetrics()));
    channel.pipeline().fireExceptionCaught(new java.net.PortUnreachableException("icmp"));
    assertThat(channel.isOpen()).isTrue();
    channel.checkException();
  }
}
