package io.quiver.connectors.rest.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedBodyTest {
  private static ByteBuf bytes(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  private static int refused(ChunkedBody body, String input) {
    try {
      body.read(bytes(input));
    } catch (Http1Exception e) {
      return e.status();
    }
    throw new AssertionError("not refused: " + input);
  }

  @Test
  void joinsChunksIgnoringExtensionsAndTrailersAndLeavesWhatFollows() throws Exception {
    ChunkedBody body = new ChunkedBody(100, 100);
    ByteBuf in = bytes("3;x=y\r\nabc\r\nA\r\n0123456789\n0\r\nT: 1\r\n\r\nNEXT");
    byte[] whole = body.read(in);
    assertThat(new String(whole, StandardCharsets.ISO_8859_1)).isEqualTo("abc0123456789");
    assertThat(in.toString(StandardCharsets.ISO_8859_1)).isEqualTo("NEXT");
  }

  @Test
  void needsMoreBytesUntilTheEmptyLine() throws Exception {
    ChunkedBody body = new ChunkedBody(100, 100);
    ByteBuf in = Unpooled.buffer(); // what the decoder keeps: unread bytes stay for the next read
    String[] pieces = {"2\r\nx", "y\r", "\n0\r", "\n", "\r"};
    for (String piece : pieces) {
      in.writeCharSequence(piece, StandardCharsets.ISO_8859_1);
      assertThat(body.read(in)).as(piece).isNull();
    }
    in.writeCharSequence("\n", StandardCharsets.ISO_8859_1);
    assertThat(body.read(in)).containsExactly('x', 'y');
    assertThat(in.isReadable()).isFalse();
  }

  @Test
  void limitsAndMalformedChunks() {
    assertThat(refused(new ChunkedBody(4, 100), "3\r\nabc\r\n2\r\n")).isEqualTo(413);
    assertThat(refused(new ChunkedBody(100, 4), "0\r\nTrailer: long\r\n")).isEqualTo(431);
    assertThat(refused(new ChunkedBody(100, 100), "g\r\n")).isEqualTo(400);
    assertThat(refused(new ChunkedBody(100, 100), "1x\r\n")).isEqualTo(400);
    assertThat(refused(new ChunkedBody(100, 100), "1\r\nab\r\n")).isEqualTo(400);
    assertThat(refused(new ChunkedBody(100, 100), "fffffffff\r\n")).isEqualTo(400);
    assertThat(refused(new ChunkedBody(100, 100), "1".repeat(2000))).isEqualTo(400);
  }
}
