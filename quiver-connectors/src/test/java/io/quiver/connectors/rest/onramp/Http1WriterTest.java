package io.quiver.connectors.rest.onramp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Http1WriterTest {
  private static String write(Answer a, boolean head, Http1Writer.Connection c) {
    ByteBuf b = Http1Writer.write(ByteBufAllocator.DEFAULT, a, head, c);
    try {
      assertThat(b.writableBytes()).isZero(); // sized exactly
      return b.toString(StandardCharsets.ISO_8859_1).replaceAll("date: [^\r]+", "date: D");
    } finally {
      b.release();
    }
  }

  private static Answer answer(int status, String body) {
    return new Answer(status, body.getBytes(StandardCharsets.UTF_8))
        .header("content-type", "text/plain")
        .header("X-Many", "a")
        .header("X-Many", "b");
  }

  @Test
  void statusHeadersLengthDateThenTheBody() {
    assertThat(write(answer(200, "badger"), false, Http1Writer.Connection.DEFAULT))
        .isEqualTo(
            "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nX-Many: a\r\nX-Many: b\r\n"
                + "content-length: 6\r\ndate: D\r\n\r\nbadger");
  }

  @Test
  void connectionIsSaidWhenItClosesOrAnHttp10ClientKeepsIt() {
    assertThat(write(new Answer(404, new byte[0]), false, Http1Writer.Connection.CLOSE))
        .isEqualTo(
            "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\ndate: D\r\nconnection: close\r\n\r\n");
    assertThat(write(new Answer(200, new byte[0]), false, Http1Writer.Connection.KEEP_ALIVE))
        .endsWith("connection: keep-alive\r\n\r\n");
  }

  @Test
  void headGetsTheLengthButNoBodyAnd204NeitherAnd304NoBody() {
    assertThat(write(answer(200, "badger"), true, Http1Writer.Connection.DEFAULT))
        .endsWith("content-length: 6\r\ndate: D\r\n\r\n");
    assertThat(
            write(
                new Answer(204, "x".getBytes(StandardCharsets.UTF_8)),
                false,
                Http1Writer.Connection.DEFAULT))
        .isEqualTo("HTTP/1.1 204 No Content\r\ndate: D\r\n\r\n");
    assertThat(
            write(
                new Answer(304, "x".getBytes(StandardCharsets.UTF_8)),
                false,
                Http1Writer.Connection.DEFAULT))
        .isEqualTo("HTTP/1.1 304 Not Modified\r\ndate: D\r\n\r\n");
  }

  @Test
  void theAnswersOwnDateIsKeptAndWideCharactersBecomeQuestionMarks() {
    Answer a =
        new Answer(599, "ü".getBytes(StandardCharsets.UTF_8))
            .header("Date", "then")
            .header("x-name", "\u20ac1 é");
    ByteBuf b =
        Http1Writer.write(ByteBufAllocator.DEFAULT, a, false, Http1Writer.Connection.DEFAULT);
    byte[] bytes = new byte[b.readableBytes()];
    b.readBytes(bytes).release();
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(text).startsWith("HTTP/1.1 599 ");
    assertThat(text).contains("Date: then\r\n").doesNotContain("date: ");
    assertThat(text).contains("x-name: ?1 \u00e9\r\n");
    assertThat(text)
        .endsWith(
            "content-length: 2\r\n\r\n"
                + new String("ü".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
  }

  @Test
  void theDateLineIsAnImfFixdate() {
    String line = new String(DateHeader.line(), StandardCharsets.ISO_8859_1);
    assertThat(line)
        .matches("date: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\r\n");
  }
}
