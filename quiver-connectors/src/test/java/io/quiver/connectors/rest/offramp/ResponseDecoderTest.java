package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.quiver.value.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseDecoderTest {
  private static final int MAX = 64;

  /** What a response looks like in these tests: status, headers as JSON, body, keep-alive. */
  private static String show(UpstreamResponse r) {
    return r.status()
        + " "
        + Json.write(r.headers())
        + " "
        + new String(r.body(), StandardCharsets.ISO_8859_1)
        + (r.keepAlive() ? "" : " (close)");
  }

  /**
   * Feeds {@code pieces} one after the other into one decoder as a connection would (unread bytes
   * stay in the buffer), then the close when {@code close}; returns what came out: the response, a
   * refusal ("! text") or "more" when it still waits.
   */
  private static String decode(String method, boolean close, String... pieces) {
    ResponseDecoder d = new ResponseDecoder(MAX);
    d.expect(method);
    ByteBuf in = Unpooled.buffer();
    try {
      for (String piece : pieces) {
        in.writeCharSequence(piece, StandardCharsets.ISO_8859_1);
        UpstreamResponse r = d.read(in);
        if (r != null) {
          return show(r) + (in.isReadable() ? " +" + in.toString(StandardCharsets.ISO_8859_1) : "");
        }
      }
      if (close) {
        UpstreamResponse r = d.closed();
        return r == null ? "closed" : show(r);
      }
      return "more";
    } catch (ResponseDecoder.BadResponse e) {
      return "! " + e.getMessage();
    }
  }

  /** The outcome of {@code input} whole, checked to be the same split at every byte boundary. */
  private static String everySplit(String method, boolean close, String input) {
    String whole = decode(method, close, input);
    for (int i = 1; i < input.length(); i++) {
      assertThat(decode(method, close, input.substring(0, i), input.substring(i)))
          .as("split at %d", i)
          .isEqualTo(whole);
    }
    List<String> bytes = new ArrayList<>();
    for (char c : input.toCharArray()) {
      bytes.add(String.valueOf(c));
    }
    assertThat(decode(method, close, bytes.toArray(String[]::new)))
        .as("byte by byte")
        .isEqualTo(whole);
    return whole;
  }

  @Test
  void aContentLengthBody() {
    assertThat(
            everySplit(
                "GET",
                false,
                "HTTP/1.1 200 OK\r\nServer: x\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 5\r\n\r\nhello"))
        .isEqualTo(
            "200 {\"server\":[\"x\"],\"x-a\":[\"1\",\"2\"],\"content-length\":[\"5\"]} hello");
  }

  @Test
  void whatFollowsTheResponseIsLeftUnread() {
    assertThat(decode("GET", false, "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1"))
        .isEqualTo("204 {}  +HTTP/1.1");
  }

  @Test
  void aChunkedBodyWithExtensionsAndTrailers() {
    assertThat(
            everySplit(
                "GET",
                false,
                "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n"))
        .isEqualTo("201 {\"transfer-encoding\":[\"chunked\"]} abcde");
  }

  @Test
  void interimResponsesAreSkipped() {
    assertThat(
            everySplit(
                "POST",
                false,
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx"))
        .isEqualTo("200 {\"content-length\":[\"1\"]} x");
  }

  @Test
  void responsesWithoutBodies() {
    assertThat(everySplit("HEAD", false, "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n"))
        .isEqualTo("200 {\"content-length\":[\"9\"]} ");
    assertThat(everySplit("GET", false, "HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n"))
        .isEqualTo("304 {\"content-length\":[\"9\"]} ");
    assertThat(everySplit("GET", false, "HTTP/1.1 204 No Content\r\n\r\n")).isEqualTo("204 {} ");
    assertThat(everySplit("CONNECT", false, "HTTP/1.1 200 Connection Established\r\n\r\n"))
        .isEqualTo("200 {}  (close)");
    assertThat(everySplit("GET", false, "HTTP/1.1 101 Switching Protocols\r\n\r\n"))
        .isEqualTo("101 {}  (close)");
    assertThat(everySplit("GET", false, "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n"))
        .isEqualTo("200 {\"content-length\":[\"0\"]} ");
  }

  @Test
  void aBodyWithoutLengthEndsWithTheConnection() {
    assertThat(everySplit("GET", true, "HTTP/1.1 200 OK\r\n\r\nall of it"))
        .isEqualTo("200 {} all of it (close)");
    assertThat(everySplit("GET", true, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzz"))
        .isEqualTo("200 {\"transfer-encoding\":[\"gzip\"]} zz (close)");
    assertThat(everySplit("GET", true, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab"))
        .isEqualTo("closed");
  }

  @Test
  void keepAliveFollowsTheVersionAndConnectionHeader() {
    assertThat(
            decode(
                "GET", false, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))
        .endsWith("(close)");
    assertThat(decode("GET", false, "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"))
        .endsWith("(close)");
    assertThat(
            decode(
                "GET",
                false,
                "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"))
        .doesNotEndWith("(close)");
    assertThat(decode("GET", false, "\r\nHTTP/1.1 200 OK\nContent-Length: 0\n\n"))
        .isEqualTo("200 {\"content-length\":[\"0\"]} ");
  }

  @Test
  void malformedResponsesAreRefusedWithTheirReason() {
    String invalid = "! invalid HTTP response: ";
    assertThat(everySplit("GET", false, "SNOT BADGER\r\n\r\n"))
        .isEqualTo(invalid + "invalid status line");
    assertThat(decode("GET", false, "HTTP/2.0 200 OK\r\n\r\n"))
        .isEqualTo(invalid + "unsupported HTTP version HTTP/2.0");
    assertThat(decode("GET", false, "HTTP/1.1 20 OK\r\n\r\n"))
        .isEqualTo(invalid + "invalid status line");
    assertThat(decode("GET", false, "HTTP/1.1 200OK\r\n\r\n"))
        .isEqualTo(invalid + "invalid status line");
    assertThat(decode("GET", false, "HTTP/1.1 600 What\r\n\r\n"))
        .isEqualTo(invalid + "invalid status code 600");
    assertThat(decode("GET", false, "HTTP/1.1 200 OK\r\nX : 1\r\n\r\n"))
        .isEqualTo(invalid + "invalid header line");
    assertThat(decode("GET", false, "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n"))
        .isEqualTo(invalid + "invalid header line");
    assertThat(decode("GET", false, "HTTP/1.1 200 OK\r\nX: 1\r\n folded\r\n\r\n"))
        .isEqualTo(invalid + "obsolete line folding in the headers");
    assertThat(decode("GET", false, "HTTP/1.1 200 OK\r\nX: a\u0000b\r\n\r\n"))
        .isEqualTo(invalid + "invalid character in header X");
    assertThat(decode("GET", false, "HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n"))
        .isEqualTo(invalid + "CR without LF");
    assertThat(decode("GET", false, "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n"))
        .isEqualTo(invalid + "invalid Content-Length");
    assertThat(
            decode(
                "GET",
                false,
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxy"))
        .isEqualTo(invalid + "different Content-Length values");
    assertThat(
            decode(
                "GET", false, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx"))
        .startsWith("200 ");
    assertThat(
            decode(
                "GET",
                false,
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"))
        .isEqualTo(invalid + "both Transfer-Encoding and Content-Length");
    assertThat(
            everySplit("GET", false, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n"))
        .isEqualTo(invalid + "invalid chunk size");
  }

  @Test
  void limitsAreCheckedBeforeTheBytesAreRead() {
    String tooLarge = "! response body larger than max_response_size (64 bytes)";
    assertThat(decode("GET", false, "HTTP/1.1 200 OK\r\nContent-Length: 65\r\n\r\n"))
        .isEqualTo(tooLarge);
    assertThat(
            decode("GET", false, "HTTP/1.1 200 OK\r\nContent-Length: 64\r\n\r\n" + "x".repeat(64)))
        .endsWith("x".repeat(64));
    assertThat(
            everySplit(
                "GET",
                false,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n"
                    + "x".repeat(32)
                    + "\r\n21\r\n"))
        .isEqualTo(tooLarge);
    assertThat(decode("GET", true, "HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(65))).isEqualTo(tooLarge);
    assertThat(decode("GET", false, "HTTP/1.1 200 " + "x".repeat(ResponseDecoder.MAX_STATUS_LINE)))
        .isEqualTo("! response headers too large: status line over 4096 bytes");
    assertThat(
            decode(
                "GET",
                false,
                "HTTP/1.1 200 OK\r\n" + ("X: " + "y".repeat(1000) + "\r\n").repeat(9)))
        .isEqualTo("! response headers too large: over 8192 bytes");
    assertThat(
            decode(
                "GET",
                false,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n",
                ("T: " + "y".repeat(1000) + "\r\n").repeat(9)))
        .isEqualTo("! response headers too large: trailers over 8192 bytes");
  }
}
