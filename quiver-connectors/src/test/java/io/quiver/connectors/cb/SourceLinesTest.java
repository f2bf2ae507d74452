package io.quiver.connectors.cb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceLinesTest {
  @TempDir Path dir;

  private List<String> read(byte[] content) throws IOException {
    Path file = dir.resolve("in.json");
    Files.write(file, content);
    List<String> out = new ArrayList<>();
    try (SourceLines lines = SourceLines.open(file)) {
      while (true) {
        byte[] line;
        try {
          line = lines.next();
        } catch (SourceLines.NotUtf8Exception e) {
          out.add("<" + e.getMessage() + ">");
          continue;
        }
        if (line == null) {
          return out;
        }
        out.add(new String(line, StandardCharsets.UTF_8));
      }
    }
  }

  private List<String> read(String content) throws IOException {
    return read(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitsAtNewlinesAndDropsCarriageReturns() throws IOException {
    assertThat(read("a\r\nb\nc")).containsExactly("a", "b", "c");
  }

  @Test
  void keepsEmptyLinesButNoneAfterTheLastNewline() throws IOException {
    assertThat(read("\n{\"cb\":\"ack\"}\n\nx\n")).containsExactly("", "{\"cb\":\"ack\"}", "", "x");
    assertThat(read("")).isEmpty();
    assertThat(read("\n")).containsExactly("");
  }

  @Test
  void aLineThatIsNotUtf8IsReportedWithItsNumberAndReadingGoesOn() throws IOException {
    byte[] content = {'a', '\n', (byte) 0xff, 'b', '\n', 'c', '\n'};
    assertThat(read(content)).containsExactly("a", "<line 2 is not valid UTF-8; skipped>", "c");
  }

  @Test
  void aMissingFileFailsNamingIt() {
    assertThatThrownBy(() -> SourceLines.open(dir.resolve("nope.json")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope.json");
  }
}
