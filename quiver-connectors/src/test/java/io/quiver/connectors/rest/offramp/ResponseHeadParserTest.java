package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.connectors.rest.http1.Http1Exception;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseHeadParserTest {

  /** How a response with these {@code Transfer-Encoding} lines frames its body. */
  private static String framing(String... transferEncodings) throws Http1Exception {
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
    for (String value : transferEncodings) {
      head.append("Transfer-Encoding: ").append(value).append("\r\n");
    }
    byte[] b = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    ResponseHead h = new ResponseHeadParser().parse(b, b.length);
    return h.chunked() ? "chunked" : h.otherCoding() ? "until close" : "none";
  }

  @Test
  void chunkedLastInTheListFramesTheBodyInChunks() throws Http1Exception {
    assertThat(framing("chunked")).isEqualTo("chunked");
    assertThat(framing("gzip, chunked")).isEqualTo("chunked");
    assertThat(framing("gzip,chunked")).isEqualTo("chunked");
    assertThat(framing("Chunked")).isEqualTo("chunked");
    assertThat(framing("gzip,\tCHUNKED")).isEqualTo("chunked");
  }

  @Test
  void emptyElementsAndWhitespaceAfterTheLastCodingAreSkipped() throws Http1Exception {
    assertThat(framing("chunked ,")).isEqualTo("chunked");
    assertThat(framing("gzip, chunked, ,\t,")).isEqualTo("chunked");
    assertThat(framing(",chunked")).isEqualTo("chunked");
  }

  @Test
  void theLastWordOfTheLastElementCountsWhenSpacesSeparateCodings() throws Http1Exception {
    assertThat(framing("gzip chunked")).isEqualTo("chunked");
    assertThat(framing("chunked gzip")).isEqualTo("until close");
  }

  @Test
  void anotherCodingLastOrChunkedOnlyEarlierReadsUntilTheConnectionCloses() throws Http1Exception {
    assertThat(framing("gzip")).isEqualTo("until close");
    assertThat(framing("chunked, gzip")).isEqualTo("until close");
    assertThat(framing("xchunked")).isEqualTo("until close");
    assertThat(framing("chunkedx")).isEqualTo("until close");
    assertThat(framing("chunked;q=1")).isEqualTo("until close");
    assertThat(framing("")).isEqualTo("until close");
    assertThat(framing(" , ")).isEqualTo("until close");
  }

  @Test
  void theLastTransferEncodingLineDecides() throws Http1Exception {
    assertThat(framing("gzip", "chunked")).isEqualTo("chunked");
    assertThat(framing("chunked", "gzip")).isEqualTo("until close");
  }

  @Test
  void noTransferEncodingIsNeitherChunkedNorUntilClose() throws Http1Exception {
    assertThat(framing()).isEqualTo("none");
  }
}
