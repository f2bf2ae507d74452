package io.quiver.connectors.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.Insight;
import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The udp onramp and offramp with real sockets on 127.0.0.1 (ephemeral ports). */
class UdpIT {
  private static final String LOOPBACK = "127.0.0.1";
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private UdpOnramp onramp(UdpTestContexts.Source context, int maxDatagramSize) throws Exception {
    UdpOnramp onramp = new UdpOnramp(context.artefact(), LOOPBACK, 0, maxDatagramSize, 4 << 20);
    onramp.start(context);
    open.add(onramp::stop);
    return onramp;
  }

  private UdpOfframp offramp(UdpTestContexts.Sink context, UdpOfframpSettings settings)
      throws Exception {
    UdpOfframp offramp = new UdpOfframp(context.artefact(), settings);
    offramp.start(context);
    open.add(offramp::stop);
    return offramp;
  }

  private static UdpOfframpSettings to(String host, int port, boolean bound) {
    return new UdpOfframpSettings(host, port, LOOPBACK, 0, bound, 1024, List.of());
  }

  private DatagramSocket peer() throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    socket.setSoTimeout(5_000);
    open.add(socket);
    return socket;
  }

  private static String receive(DatagramSocket socket) throws IOException {
    byte[] buf = new byte[65_536];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.receive(p);
    return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
  }

  private static void send(DatagramSocket from, int port, byte[] data) throws IOException {
    from.send(new DatagramPacket(data, data.length, InetAddress.getByName(LOOPBACK), port));
  }

  private static Event text(long n, String s) {
    return UdpTestContexts.event(1, n, Value.of(s), Value.EMPTY_OBJECT);
  }

  @Test
  void offrampToOnrampEveryMessageIsOneDatagramInOrderAndAcked() throws Exception {
    UdpTestContexts.Source in = new UdpTestContexts.Source();
    UdpOnramp onramp = onramp(in, 65_535);
    UdpTestContexts.Sink out = new UdpTestContexts.Sink();
    UdpOfframp offramp = offramp(out, to(LOOPBACK, onramp.boundPort(), true));
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add("message " + i);
      offramp.onEvent(text(i, sent.get(i)));
    }
    List<String> got = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      UdpTestContexts.Received r = in.next();
      assertThat(r.endOfMessage()).isTrue();
      assertThat(r.stream()).isEqualTo(1);
      got.add(r.text());
    }
    assertThat(got).containsExactlyElementsOf(sent);
    for (int i = 0; i < sent.size(); i++) {
      Insight ack = out.nextInsight();
      assertThat(ack.kind()).isEqualTo(Insight.Kind.ACK);
    }
    assertThat(onramp.metrics().datagrams()).isEqualTo(sent.size());
    assertThat(offramp.metrics().datagrams()).isEqualTo(sent.size());
    Await.until("offramp drained", offramp::drained);
  }

  @Test
  void aDatagramOfAlmost64KibIsTakenWholeByDefault() throws Exception {
    UdpTestContexts.Source in = new UdpTestContexts.Source();
    UdpOnramp onramp = onramp(in, UdpOnrampProvider.LARGEST_DATAGRAM);
    byte[] big = "x".repeat(60_000).getBytes(StandardCharsets.UTF_8);
    send(peer(), onramp.boundPort(), big);
    assertThat(in.next().data()).hasSize(60_000);
  }

  @Test
  void aDatagramLargerThanTheLimitIsDroppedCountedAndLaterOnesServed() throws Exception {
    UdpTestContexts.Source in = new UdpTestContexts.Source();
    UdpOnramp onramp = onramp(in, 8);
    DatagramSocket client = peer();
    send(client, onramp.boundPort(), "123456789".getBytes(StandardCharsets.UTF_8));
    send(client, onramp.boundPort(), "12345678".getBytes(StandardCharsets.UTF_8));
    send(client, onramp.boundPort(), "after".getBytes(StandardCharsets.UTF_8));
    assertThat(in.next().text()).isEqualTo("12345678");
    assertThat(in.next().text()).isEqualTo("after");
    assertThat(onramp.metrics().oversized()).isEqualTo(1);
    assertThat(in.received).isEmpty();
  }

  @Test
  void udpMetaOverridesTheConfiguredDestination() throws Exception {
    DatagramSocket configured = peer();
    DatagramSocket override = peer();
    UdpTestContexts.Sink out = new UdpTestContexts.Sink();
    UdpOfframp offramp = offramp(out, to(LOOPBACK, configured.getLocalPort(), true));
    Value udp =
        Value.obj(
            "udp",
            Value.obj("host", Value.of(LOOPBACK), "port", Value.of(override.getLocalPort())));
    offramp.onEvent(UdpTestContexts.event(1, 0, Value.of("to the override"), udp));
    // a $udp without a port is ignored, as in Tremor
    Value hostOnly = Value.obj("udp", Value.obj("host", Value.of(LOOPBACK)));
    offramp.onEvent(UdpTestContexts.event(1, 1, Value.of("to the configured"), hostOnly));
    assertThat(receive(override)).isEqualTo("to the override");
    assertThat(receive(configured)).isEqualTo("to the configured");
  }

  @Test
  void anUnboundOfframpResolvesANameForEveryEvent() throws Exception {
    DatagramSocket target = peer();
    UdpTestContexts.Sink out = new UdpTestContexts.Sink();
    UdpOfframp offramp = offramp(out, to("localhost", target.getLocalPort(), false));
    offramp.onEvent(text(0, "via the hosts file"));
    assertThat(receive(target)).isEqualTo("via the hosts file");
    assertThat(out.nextInsight().kind()).isEqualTo(Insight.Kind.ACK);
  }

  @Test
  void postprocessorsApplyAndEachChunkIsADatagram() throws Exception {
    DatagramSocket target = peer();
    UdpTestContexts.Sink out = new UdpTestContexts.Sink(new UdpTestContexts.Base64Post());
    UdpOfframp offramp = offramp(out, to(LOOPBACK, target.getLocalPort(), true));
    offramp.onEvent(text(0, "hello"));
    assertThat(receive(target))
        .isEqualTo(Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anEventTheCodecRefusesIsFailedAndTheNextOneStillGoesOut() throws Exception {
    DatagramSocket target = peer();
    UdpTestContexts.Sink out = new UdpTestContexts.Sink();
    UdpOfframp offramp = offramp(out, to(LOOPBACK, target.getLocalPort(), true));
    offramp.onEvent(UdpTestContexts.event(1, 0, Value.of(1.5), Value.EMPTY_OBJECT));
    offramp.onEvent(text(1, "fine"));
    assertThat(out.nextInsight().kind()).isEqualTo(Insight.Kind.FAIL);
    assertThat(receive(target)).isEqualTo("fine");
    assertThat(out.nextInsight().kind()).isEqualTo(Insight.Kind.ACK);
    assertThat(offramp.metrics().sendFailures()).isEqualTo(1);
  }

  @Test
  void anOnrampWhosePortIsTakenFailsToStartNamingIt() throws Exception {
    DatagramSocket taken = peer();
    UdpOnramp onramp =
        new UdpOnramp(
            new UdpTestContexts.Source().artefact(),
            LOOPBACK,
            taken.getLocalPort(),
            65_535,
            4 << 20);
    assertThatThrownBy(() -> onramp.start(new UdpTestContexts.Source()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot listen on udp 127.0.0.1:" + taken.getLocalPort() + ": ");
    onramp.stop();
  }

  @Test
  void pausingTheStreamStopsReadingAndResumingServesWhatWaited() throws Exception {
    UdpTestContexts.Source in = new UdpTestContexts.Source();
    UdpOnramp onramp = onramp(in, 65_535);
    in.flow.pause();
    DatagramSocket client = peer();
    send(client, onramp.boundPort(), "waited".getBytes(StandardCharsets.UTF_8));
    in.flow.resume();
    assertThat(in.next().text()).isEqualTo("waited");
  }

  @Test
  void stopClosesTheStreamOnce() throws Exception {
    UdpTestContexts.Source in = new UdpTestContexts.Source();
    UdpOnramp onramp = new UdpOnramp(in.artefact(), LOOPBACK, 0, 65_535, 4 << 20);
    onramp.start(in);
    onramp.stop();
    onramp.stop();
    assertThat(in.closed).containsExactly(1L);
  }

  @Test
  void aBurstWhileTheOnrampIsBusyWaitsInTheReceiveBuffer() throws Exception {
    UdpTestContexts.Source in = new UdpTestContexts.Source();
    UdpOnramp onramp = onramp(in, 65_535);
    int granted = onramp.receiveBufferBytes();
    // Linux reports twice what it granted (bookkeeping); at least the system default is there
    assertThat(granted).isGreaterThanOrEqualTo(200_000);
    // a burst several times the size Tremor's default buffer would hold per datagram kind:
    // 100 datagrams of 1 KiB while the stream is paused all arrive once it resumes
    int burst = Math.min(100, granted / (4 * 1024));
    in.flow.pause();
    DatagramSocket client = peer();
    byte[] payload = new byte[1024];
    java.util.Arrays.fill(payload, (byte) 'x');
    for (int i = 0; i < burst; i++) {
      send(client, onramp.boundPort(), payload);
    }
    in.flow.resume();
    for (int i = 0; i < burst; i++) {
      assertThat(in.next().data()).hasSize(1024);
    }
  }
}
