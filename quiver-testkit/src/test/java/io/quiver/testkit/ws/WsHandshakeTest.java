package io.quiver.testkit.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WsHandshakeTest {
  @Test
  void acceptIsRfc6455sExample() {
    // RFC 6455 §1.3
    assertThat(WsHandshake.accept("dGhlIHNhbXBsZSBub25jZQ=="))
        .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }

  @Test
  void aRequestCarriesAFreshKeyAndTheExtraHeaders() {
    String a = WsHandshake.request("/p", "Origin: x");
    String b = WsHandshake.request("/p");
    assertThat(a)
        .startsWith("GET /p HTTP/1.1\r\n")
        .contains("\r\nOrigin: x\r\n")
        .endsWith("\r\n\r\n");
    assertThat(a.lines().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst())
        .isNotEqualTo(b.lines().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst());
  }

  @Test
  void readHeadStopsAtTheBlankLineOrTheEnd() throws IOException {
    byte[] bytes = "HTTP/1.1 101 OK\r\nA: b\r\n\r\nframes".getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    assertThat(WsHandshake.readHead(in)).isEqualTo("HTTP/1.1 101 OK\r\nA: b\r\n\r\n");
    assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("frames");
    assertThat(WsHandshake.readHead(new ByteArrayInputStream("HTTP/1.1 4".getBytes())))
        .isEqualTo("HTTP/1.1 4");
  }
}
