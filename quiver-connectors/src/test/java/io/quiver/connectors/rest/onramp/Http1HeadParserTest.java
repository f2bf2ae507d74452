package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Http1HeadParserTest {
  private static Http1Head parse(String head) throws BadHead {
    byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
    return Http1HeadParser.parse(b, b.length);
  }

  private static int refused(String head) {
    try {
      parse(head);
    } catch (BadHead e) {
      return e.status();
    }
    throw new AssertionError("not refused: " + head);
  }

  @Test
  void requestLineAndHeadersAsTremorsMetadataHasThem() throws Exception {
    Http1Head h =
        parse(
            "POST /echo?x=1 HTTP/1.1\r\nHost: localhost:8139\r\nX-A: 1\r\nContent-Type:"
                + " application/json \r\nx-a:2\r\nContent-Length: 12\r\n\r\n");

    assertThat(h.method()).isEqualTo("POST");
    assertThat(h.target()).isEqualTo("/echo?x=1");
    assertThat(h.http10()).isFalse();
    assertThat(h.keepAlive()).isTrue();
    assertThat(h.contentLength).isEqualTo(12);
    assertThat(h.chunked).isFalse();
    assertThat(h.header("content-type")).isEqualTo("application/json");
    assertThat(h.header("x-b")).isNull();
    assertThat(Json.write(h.headerRecord()))
        .isEqualTo(
            "{\"host\":[\"localhost:8139\"],\"x-a\":[\"1\",\"2\"],"
                + "\"content-type\":[\"application/json\"],\"content-length\":[\"12\"]}");
    assertThat(h.headerRecord()).isSameAs(h.headerRecord());
  }

  @Test
  void bareLineFeedsLeadingEmptyLinesAndUnknownMethodsAreTaken() throws Exception {
    Http1Head h = parse("\r\n\nPURGE /x HTTP/1.1\nHost: h\n\n");
    assertThat(h.method()).isEqualTo("PURGE");
    assertThat(h.header("host")).isEqualTo("h");
    assertThat(h.isHead()).isFalse();
    assertThat(parse("HEAD / HTTP/1.1\r\n\r\n").isHead()).isTrue();
  }

  @Test
  void keepAliveFollowsTheVersionAndConnectionTokens() throws Exception {
    assertThat(parse("GET / HTTP/1.1\r\nConnection: foo, Close\r\n\r\n").keepAlive()).isFalse();
    assertThat(parse("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
    Http1Head ten = parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    assertThat(ten.keepAlive()).isTrue();
    assertThat(ten.http10()).isTrue();
  }

  @Test
  void chunkedTransferEncodingIsTheOnlyCodingTaken() throws Exception {
    assertThat(parse("POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n").chunked).isTrue();
    assertThat(refused("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"))
        .isEqualTo(501);
    assertThat(refused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"))
        .isEqualTo(400);
    assertThat(refused("POST / HTTP/1.1\r\nTransfer-Encoding: identity\r\n\r\n")).isEqualTo(400);
  }

  @Test
  void chunkedMustBeTheLastCodingAcrossListsAndLines() throws Exception {
    assertThat(parse("POST / HTTP/1.1\r\nTransfer-Encoding: , chunked ,\t,\r\n\r\n").chunked)
        .isTrue();
    assertThat(refused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n"))
        .isEqualTo(501);
    assertThat(
            refused(
                "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"))
        .isEqualTo(501);
    assertThat(
            refused(
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n"))
        .isEqualTo(400);
    assertThat(refused("POST / HTTP/1.1\r\nTransfer-Encoding: ,\r\n\r\n")).isEqualTo(400);
    assertThat(refused("POST / HTTP/1.1\r\nTransfer-Encoding: gzip chunked\r\n\r\n"))
        .isEqualTo(400);
  }

  @Test
  void smugglingShapesAre400() {
    // Transfer-Encoding together with Content-Length, in either order
    assertThat(
            refused("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"))
        .isEqualTo(400);
    assertThat(
            refused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"))
        .isEqualTo(400);
    // duplicate or listed Content-Length, even when equal
    assertThat(refused("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n"))
        .isEqualTo(400);
    assertThat(refused("POST / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\n")).isEqualTo(400);
    assertThat(refused("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")).isEqualTo(400);
    assertThat(refused("POST / HTTP/1.1\r\nContent-Length: +1\r\n\r\n")).isEqualTo(400);
    assertThat(refused("POST / HTTP/1.1\r\nContent-Length: 1234567890123456789\r\n\r\n"))
        .isEqualTo(400);
    assertThat(refused("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n")).isEqualTo(400);
    // whitespace before the colon, obs-fold, two Host headers
    assertThat(refused("GET / HTTP/1.1\r\nContent-Length : 3\r\n\r\n")).isEqualTo(400);
    assertThat(refused("GET / HTTP/1.1\r\nX-A: 1\r\n  folded\r\n\r\n")).isEqualTo(400);
    assertThat(refused("GET / HTTP/1.1\r\nX-A: 1\r\n\tfolded\r\n\r\n")).isEqualTo(400);
    assertThat(refused("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n")).isEqualTo(400);
  }

  @Test
  void malformedRequestLinesAndHeaderLinesAre400() {
    for (String bad :
        new String[] {
          "GET\r\n\r\n",
          "GET /\r\n\r\n",
          "GET  / HTTP/1.1\r\n\r\n",
          "GET / HTTP/1.1 \r\n\r\n",
          "GET /a b HTTP/1.1\r\n\r\n",
          "G(T / HTTP/1.1\r\n\r\n",
          " GET / HTTP/1.1\r\n\r\n",
          "GET / HTTP/1\r\n\r\n",
          "GET / http/1.1\r\n\r\n",
          "GET / HTTP/1.1x\r\n\r\n",
          "GET /\u0001 HTTP/1.1\r\n\r\n",
          "GET / HTTP/1.1\r\nno colon\r\n\r\n",
          "GET / HTTP/1.1\r\n: empty name\r\n\r\n",
          "GET / HTTP/1.1\r\nX-A: a\u0000b\r\n\r\n",
          "GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n",
          "GET / HTTP/1.1\rX-A: a\r\n\r\n",
          "\u0001\u0002 nonsense\r\n\r\n"
        }) {
      assertThat(refused(bad)).as(bad).isEqualTo(400);
    }
  }

  @Test
  void anotherMajorVersionIs505AndMinorVersionsAreHttp11() throws Exception {
    assertThat(refused("GET / HTTP/2.0\r\n\r\n")).isEqualTo(505);
    assertThat(parse("GET / HTTP/1.7\r\n\r\n").http10()).isFalse();
    assertThatThrownBy(() -> parse("GET / HTTP/3.0\r\n\r\n"))
        .hasMessage("HTTP version not supported: HTTP/3.0");
  }

  @Test
  void valuesAreTrimmedAndObsTextKept() throws Exception {
    Http1Head h = parse("GET / HTTP/1.1\r\nX-A:\t a b \t\r\nX-B: caf\u00e9\r\nX-C:\r\n\r\n");
    assertThat(h.header("x-a")).isEqualTo("a b");
    assertThat(h.header("x-b")).isEqualTo("caf\u00e9");
    assertThat(h.header("x-c")).isEmpty();
    assertThat(h.name(0)).isEqualTo("x-a");
  }
}
