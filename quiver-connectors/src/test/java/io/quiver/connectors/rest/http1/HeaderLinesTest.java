package io.quiver.connectors.rest.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderLinesTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The lines of the last scan as "name=value|". */
  private static List<String> lines(HeaderLines lines, byte[] b) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.count(); i++) {
      out.add(
          new String(b, lines.nameFrom(i), lines.nameTo(i) - lines.nameFrom(i), ISO)
              + "="
              + new String(b, lines.valueFrom(i), lines.valueTo(i) - lines.valueFrom(i), ISO)
              + "|");
    }
    return out;
  }

  private static final java.nio.charset.Charset ISO = StandardCharsets.ISO_8859_1;

  @Test
  void namesAndTrimmedValuesFromTheGivenOffsetToTheEmptyLine() throws Exception {
    byte[] b = b("GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Pad: \t v w \t\r\nbare:lf\n\r\nbody");
    HeaderLines lines = new HeaderLines();

    assertThat(lines.scan(b, 16, b.length)).isEqualTo(4);

    assertThat(lines.count()).isEqualTo(4);
    assertThat(lines(lines, b)).containsExactly("Host=a|", "X-Empty=|", "X-Pad=v w|", "bare=lf|");
    assertThat(lines.nameFrom(0)).isEqualTo(16);
    assertThat(lines.nameTo(0)).isEqualTo(20);
    assertThat(lines.copyOfRanges()).hasSize(16).startsWith(16, 20, 22, 23);
  }

  @Test
  void noHeadersAtAll() throws Exception {
    HeaderLines lines = new HeaderLines();
    assertThat(lines.scan(b("\r\n"), 0, 2)).isZero();
    assertThat(lines.scan(b("\n"), 0, 1)).isZero();
    assertThat(lines.copyOfRanges()).isEmpty();
  }

  @Test
  void growsForManyLinesAndIsReusable() throws Exception {
    StringBuilder head = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      head.append("h").append(i).append(": ").append(i).append("\r\n");
    }
    byte[] many = b(head + "\r\n");
    HeaderLines lines = new HeaderLines();

    assertThat(lines.scan(many, 0, many.length)).isEqualTo(40);
    assertThat(lines(lines, many)).hasSize(40).endsWith("h39=39|");

    byte[] one = b("a: 1\r\n\r\n");
    assertThat(lines.scan(one, 0, one.length)).isEqualTo(1);
    assertThat(lines(lines, one)).containsExactly("a=1|");
  }

  @Test
  void refusesMalformedLinesWithTheirReason() {
    assertRefused("a: 1\r\n", "incomplete head");
    assertRefused("a: 1\rx\r\n\r\n", "CR without LF");
    assertRefused("a: 1\r\n folded\r\n\r\n", "obsolete line folding in the headers");
    assertRefused("a: 1\r\n\tfolded\r\n\r\n", "obsolete line folding in the headers");
    assertRefused("a : 1\r\n\r\n", "invalid header line");
    assertRefused(": 1\r\n\r\n", "invalid header line");
    assertRefused("no-colon\r\n\r\n", "invalid header line");
    assertRefused("a(b): 1\r\n\r\n", "invalid header line");
    assertRefused("X-Bad: a\u0000b\r\n\r\n", "invalid character in header X-Bad");
    assertRefused("X-Bad: a\u007fb\r\n\r\n", "invalid character in header X-Bad");
  }

  @Test
  void obsTextAndTabsAreValueBytes() throws Exception {
    byte[] b = b("x: caf\u00e9\tok\r\n\r\n");
    HeaderLines lines = new HeaderLines();
    lines.scan(b, 0, b.length);
    assertThat(lines(lines, b)).containsExactly("x=caf\u00e9\tok|");
  }

  @Test
  void lineEndsAndContentLengths() throws Exception {
    byte[] b = b("ab\r\ncd\n");
    assertThat(HeaderLines.lineFeed(b, 0, b.length)).isEqualTo(3);
    assertThat(HeaderLines.contentEnd(b, 0, 3)).isEqualTo(2);
    assertThat(HeaderLines.lineFeed(b, 4, b.length)).isEqualTo(6);
    assertThat(HeaderLines.contentEnd(b, 4, 6)).isEqualTo(6);

    byte[] n = b("x0123456789012345678");
    assertThat(HeaderLines.contentLength(n, 1, 4)).isEqualTo(12);
    assertThat(HeaderLines.contentLength(n, 1, 19)).isEqualTo(12345678901234567L);
    assertThatThrownBy(() -> HeaderLines.contentLength(n, 1, 20))
        .hasMessage("invalid Content-Length");
    assertThatThrownBy(() -> HeaderLines.contentLength(n, 0, 3))
        .hasMessage("invalid Content-Length");
    assertThatThrownBy(() -> HeaderLines.contentLength(n, 2, 2))
        .hasMessage("invalid Content-Length");
  }

  private static void assertRefused(String head, String reason) {
    byte[] b = b(head);
    assertThatThrownBy(() -> new HeaderLines().scan(b, 0, b.length))
        .isInstanceOfSatisfying(Http1Exception.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessage(reason);
  }
}
