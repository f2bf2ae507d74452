package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.ws.DeflateRawClient;
import io.quiver.testkit.ws.DeflateUpstream;
import io.quiver.testkit.ws.RawWsClient;
import io.quiver.testkit.ws.TestClient;
import io.quiver.testkit.ws.TestUpstream;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate (RFC 7692) on the onramp (server) and the offramp (client), with real sockets.
 */
class WsCompressionIT {
  private static final String OFFER = "permessage-deflate; client_max_window_bits";
  @AutoClose private final WsItFixture fixture = new WsItFixture();
  private RecordingSourceContext context;

  private static Value compression(Object... keysAndValues) {
    List<Object> all = new ArrayList<>(List.of("enabled", Value.TRUE));
    all.addAll(List.of(keysAndValues));
    java.util.LinkedHashMap<String, Value> fields = new java.util.LinkedHashMap<>();
    for (int i = 0; i < all.size(); i += 2) {
      Object v = all.get(i + 1);
      fields.put(
          (String) all.get(i),
          v instanceof Value value
              ? value
              : v instanceof Integer n ? Value.of((long) n) : Value.of((Boolean) v));
    }
    return Value.obj(fields);
  }

  private WsOnramp onramp(Object... keysAndValues) throws Exception {
    context = new RecordingSourceContext(false);
    return fixture.onramp(context, TestSettings.onramp(keysAndValues));
  }

  private DeflateRawClient client(WsOnramp onramp, String offer) throws Exception {
    DeflateRawClient c = new DeflateRawClient(onramp.boundPort(), offer);
    fixture.add(c);
    return c;
  }

  private static Event reply(long stream, String text) {
    return new Event(new EventId(1, 0, 1), 1, Value.of(text), Value.EMPTY_OBJECT, stream);
  }

  @Test
  void anOnrampWithCompressionNegotiatesItAndSpeaksItBothWays() throws Exception {
    WsOnramp onramp = onramp("compression", compression());
    DeflateRawClient c = client(onramp, OFFER);
    assertThat(c.handshakeResponse).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    assertThat(c.acceptedExtensions()).isEqualTo("permessage-deflate");
    long stream = context.nextOpened();

    String big = "snot badger ".repeat(1000);
    c.sendCompressedText(big);
    c.sendCompressedText(big); // the second one uses the first's context
    c.sendFrame(
        RawWsClient.TEXT,
        true,
        0,
        "plain".getBytes(StandardCharsets.UTF_8)); // uncompressed is fine too
    assertThat(context.nextReceived().text()).isEqualTo(big);
    assertThat(context.nextReceived().text()).isEqualTo(big);
    assertThat(context.nextReceived().text()).isEqualTo("plain");

    onramp.reply(reply(stream, big));
    onramp.reply(reply(stream, big));
    for (int i = 0; i < 2; i++) {
      DeflateRawClient.Frame f = c.readFrame();
      assertThat(f.rsv()).isEqualTo(4); // RSV1: compressed
      assertThat(f.payload().length).isLessThan(big.length() / 10);
      assertThat(c.inflate(f.payload())).isEqualTo(big);
    }
    assertThat(onramp.metrics().compressedConnections()).isEqualTo(1);
  }

  @Test
  void windowBitsAndContextTakeoverAreNegotiatedAsConfigured() throws Exception {
    WsOnramp onramp =
        onramp(
            "compression",
            compression(
                "server_max_window_bits",
                10,
                "client_max_window_bits",
                9,
                "server_no_context_takeover",
                true));
    DeflateRawClient c = client(onramp, OFFER);
    assertThat(c.acceptedExtensions())
        .startsWith("permessage-deflate")
        .contains(
            "server_max_window_bits=10", "client_max_window_bits=9", "server_no_context_takeover");
    long stream = context.nextOpened();
    String text = "a 10-bit window still inflates with any inflater ".repeat(100);
    onramp.reply(reply(stream, text));
    DeflateRawClient.Frame f = c.readFrame();
    assertThat(f.rsv()).isEqualTo(4);
    assertThat(c.inflate(f.payload())).isEqualTo(text);
  }

  @Test
  void withCompressionOffTheOfferIsDeclinedAndRsv1IsAProtocolError() throws Exception {
    WsOnramp onramp = onramp();
    DeflateRawClient c = client(onramp, OFFER);
    assertThat(c.handshakeResponse).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    assertThat(c.acceptedExtensions()).isNull();
    long stream = context.nextOpened();
    onramp.reply(reply(stream, "plain reply"));
    DeflateRawClient.Frame f = c.readFrame();
    assertThat(f.rsv()).isZero();
    assertThat(new String(f.payload(), StandardCharsets.UTF_8)).isEqualTo("plain reply");
    c.sendCompressedText("not negotiated");
    assertThat(c.readFrame().closeCode()).isEqualTo(1002);
  }

  @Test
  void onACompressingOnrampAClientThatDidNotNegotiateCannotSetRsv1() throws Exception {
    WsOnramp onramp = onramp("compression", compression());
    DeflateRawClient c = client(onramp, null);
    assertThat(c.acceptedExtensions()).isNull();
    context.nextOpened();
    c.sendFrame(RawWsClient.TEXT, true, 0, "plain".getBytes(StandardCharsets.UTF_8));
    assertThat(context.nextReceived().text()).isEqualTo("plain");
    c.sendCompressedText("not negotiated");
    DeflateRawClient.Frame close = c.readFrame();
    assertThat(close.opcode()).isEqualTo(RawWsClient.CLOSE);
    assertThat(close.closeCode()).isEqualTo(1002);
    assertThat(onramp.metrics().compressedConnections()).isZero();
  }

  @Test
  void aMessageThatInflatesBeyondMaxMessageSizeIsRefusedWith1009() throws Exception {
    // the compressed frame is within max_message_size: only what it inflates to is too big
    WsOnramp onramp = onramp("max_message_size", 65536, "compression", compression());
    DeflateRawClient c = client(onramp, OFFER);
    context.nextOpened();
    byte[] bomb =
        c.compress(new byte[10 * 1024 * 1024]); // 10 MiB of zeros: about 10 KiB compressed
    assertThat(bomb.length).isLessThan(65536);
    c.sendFrame(RawWsClient.TEXT, true, 4, bomb);
    DeflateRawClient.Frame close = c.readFrame();
    assertThat(close.opcode()).isEqualTo(RawWsClient.CLOSE);
    assertThat(close.closeCode()).isEqualTo(1009);
    assertThat(context.received).isEmpty();
    assertThat(onramp.metrics().closesByCode()).containsEntry(1009, 1L);
  }

  @Test
  void aFragmentedMessageWhoseFragmentsInflateBeyondMaxMessageSizeIsRefusedWith1009()
      throws Exception {
    WsOnramp onramp = onramp("max_message_size", 4096, "compression", compression());
    DeflateRawClient c = client(onramp, OFFER);
    context.nextOpened();
    // each fragment inflates to 3,000 bytes (under the limit), the message to 6,000
    c.sendFrame(RawWsClient.TEXT, false, 4, c.deflatePart(new byte[3000]));
    c.sendFrame(0x0, true, 0, c.compress(new byte[3000]));
    DeflateRawClient.Frame close = c.readFrame();
    assertThat(close.opcode()).isEqualTo(RawWsClient.CLOSE);
    assertThat(close.closeCode()).isEqualTo(1009);
    assertThat(context.received).isEmpty();
  }

  /** An onramp and an offramp to {@code upstreamUrl}, both with compression on, bridged. */
  private WsItFixture.Proxy compressingProxy(String upstreamUrl) throws Exception {
    WsOnramp onramp =
        new WsOnramp(
            RecordingSourceContext.ARTEFACT, TestSettings.onramp("compression", compression()));
    WsOfframp offramp =
        new WsOfframp(
            RecordingSourceContext.ARTEFACT,
            TestSettings.offramp(upstreamUrl, "reply_timeout_ms", 0, "compression", compression()));
    return fixture.bridge(onramp, offramp);
  }

  @Test
  void compressedRoundTripThroughOnrampAndOfframp() throws Exception {
    DeflateUpstream up = new DeflateUpstream();
    fixture.add(up);
    WsItFixture.Proxy proxy = compressingProxy(up.url());
    WsOnramp onramp = proxy.onramp();
    WsOfframp offramp = proxy.offramp();

    DeflateRawClient c = new DeflateRawClient(onramp.boundPort(), OFFER);
    fixture.add(c);
    assertThat(c.acceptedExtensions()).isEqualTo("permessage-deflate");
    String big = "badger ".repeat(2000);
    for (int i = 0; i < 3; i++) {
      c.sendCompressedText(big + i);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(up.nextReceived()).isEqualTo(big + i);
      DeflateRawClient.Frame f = c.readFrame();
      assertThat(f.rsv()).isEqualTo(4);
      assertThat(c.inflate(f.payload())).isEqualTo(big + i);
    }
    assertThat(up.offeredExtensions.take()).startsWith("permessage-deflate");
    // three 14 KB messages crossed the upstream wire in far fewer bytes
    assertThat(up.wireBytesAfterHandshake.get()).isLessThan(big.length());
    assertThat(offramp.metrics().compressedConnections()).isEqualTo(1);
    assertThat(onramp.metrics().compressedConnections()).isEqualTo(1);
  }

  @Test
  void clientsAndUpstreamsWithoutCompressionAreUnaffected() throws Exception {
    TestUpstream up = TestUpstream.start(TestUpstream.ECHO);
    fixture.add(up);
    WsItFixture.Proxy proxy = compressingProxy(up.url());
    WsOnramp onramp = proxy.onramp();
    WsOfframp offramp = proxy.offramp();
    try (TestClient jdk =
        TestClient.connect(onramp.boundPort())) { // the JDK client offers no deflate
      jdk.send("snot");
      assertThat(jdk.nextText()).isEqualTo("snot");
      jdk.send("badger");
      assertThat(jdk.nextText()).isEqualTo("badger");
    }
    assertThat(onramp.metrics().compressedConnections()).isZero();
    assertThat(offramp.metrics().compressedConnections()).isZero();
  }
}
