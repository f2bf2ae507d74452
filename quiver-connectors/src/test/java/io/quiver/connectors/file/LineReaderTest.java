package io.quiver.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  private static List<String> lines(String text) throws IOException {
    return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> lines(InputStream in) throws IOException {
    LineReader reader = new LineReader(in);
    List<String> out = new ArrayList<>();
    byte[] line;
    while ((line = reader.next()) != null) {
      out.add(new String(line, StandardCharsets.UTF_8));
    }
    assertThat(reader.lines()).isEqualTo(out.size());
    return out;
  }

  @Test
  void splitsOnNewlineAndDropsACarriageReturnBeforeIt() throws IOException {
    assertThat(lines("a\nb\r\nc\n")).containsExactly("a", "b", "c");
  }

  @Test
  void aLastLineWithoutNewlineIsALineAndKeepsItsCarriageReturn() throws IOException {
    assertThat(lines("a\nlast")).containsExactly("a", "last");
    assertThat(lines("a\nlast\r")).containsExactly("a", "last\r");
  }

  @Test
  void emptyLinesAreLinesButATrailingNewlineStartsNone() throws IOException {
    assertThat(lines("\n\na\n\n")).containsExactly("", "", "a", "");
    assertThat(lines("")).isEmpty();
    assertThat(lines("\r\n")).containsExactly("");
  }

  @Test
  void linesLongerThanTheBufferComeWhole() throws IOException {
    String big = "x".repeat(200_000);
    assertThat(lines(big + "\r\n" + big + "y\nz")).containsExactly(big, big + "y", "z");
    assertThat(lines(big)).containsExactly(big);
  }

  @Test
  void aCarriageReturnAndNewlineSplitAcrossReadsIsStillOneLineEnd() throws IOException {
    byte[] data = "ab\r\ncd\n".getBytes(StandardCharsets.UTF_8);
    InputStream oneByteAtATime =
        new ByteArrayInputStream(data) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
          }
        };
    assertThat(lines(oneByteAtATime)).containsExactly("ab", "cd");
  }

  @Test
  void bytesThatAreNotUtf8ArePassedOnAsTheyAre() throws IOException {
    byte[] data = {'a', (byte) 0xff, 0, '\n', (byte) 0xc3};
    LineReader reader = new LineReader(new ByteArrayInputStream(data));
    assertThat(reader.next()).isEqualTo(new byte[] {'a', (byte) 0xff, 0});
    assertThat(reader.next()).isEqualTo(new byte[] {(byte) 0xc3});
    assertThat(reader.next()).isNull();
    assertThat(reader.next()).isNull();
  }

  @Test
  void manyLinesStreamThroughTheFixedBuffer() throws IOException {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      s.append("{\"n\":").append(i).append("}\n");
    }
    List<String> got = lines(s.toString());
    assertThat(got).hasSize(50_000);
    assertThat(got.get(49_999)).isEqualTo("{\"n\":49999}");
    assertThat(Arrays.asList(got.get(0), got.get(1))).containsExactly("{\"n\":0}", "{\"n\":1}");
  }
}
