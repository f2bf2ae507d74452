package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class CompressionSettingsTest {
  private static byte[] deflated(byte[] data) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
      out.write(buf, 0, n);
    }
    d.end();
    byte[] all = out.toByteArray();
    return Arrays.copyOf(all, all.length - 4); // without the 00 00 ff ff tail, as on the wire
  }

  private static WebSocketServerExtension accept(
      CompressionSettings s, int max, Map<String, String> offer) {
    return s.serverHandshaker(max)
        .handshakeExtension(new WebSocketExtensionData("permessage-deflate", offer));
  }

  @Test
  void theInflaterStopsAtMaxMessageSizeInsteadOfInflatingTheWholeBomb() {
    WebSocketServerExtension ext =
        accept(new CompressionSettings(6, 15, 15, false, false), 4096, Map.of());
    EmbeddedChannel channel = new EmbeddedChannel(ext.newExtensionDecoder());
    byte[] bomb = deflated(new byte[10 * 1024 * 1024]);
    assertThatThrownBy(
            () ->
                channel.writeInbound(new TextWebSocketFrame(true, 4, Unpooled.wrappedBuffer(bomb))))
        .isInstanceOf(DecompressionException.class)
        .hasMessageContaining("4096");
    Object passed = channel.readInbound();
    assertThat(passed).isNull();
    channel.finishAndReleaseAll();
  }

  @Test
  void configuredNoContextTakeoverIsAnsweredEvenWhenNotOffered() {
    WebSocketServerExtension ext =
        accept(new CompressionSettings(6, 15, 15, true, true), 4096, Map.of());
    assertThat(ext.newReponseData().parameters())
        .containsOnlyKeys("server_no_context_takeover", "client_no_context_takeover");
  }

  @Test
  void aMalformedOfferIsDeclinedNotFatal() {
    assertThat(
            accept(
                new CompressionSettings(6, 15, 15, false, false),
                4096,
                java.util.Collections.singletonMap("server_max_window_bits", null)))
        .isNull();
    assertThat(
            accept(
                new CompressionSettings(6, 15, 15, false, false),
                4096,
                Map.of("client_max_window_bits", "x")))
        .isNull();
  }
}
