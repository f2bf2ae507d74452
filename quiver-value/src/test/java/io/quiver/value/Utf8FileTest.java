package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Utf8FileTest {
  @TempDir Path dir;

  @Test
  void readsUtf8Text() throws Exception {
    Path f = Files.writeString(dir.resolve("ok.txt"), "héllo €\n😀");
    assertThat(Utf8File.read(f)).isEqualTo("héllo €\n😀");
  }

  @Test
  void saysWhereTheFileIsNotUtf8() throws Exception {
    // "ab\n" then "é€" (valid, 2 characters) then a Latin-1 'é' (0xE9 followed by ASCII)
    byte[] bytes = {
      'a',
      'b',
      '\n',
      (byte) 0xC3,
      (byte) 0xA9,
      (byte) 0xE2,
      (byte) 0x82,
      (byte) 0xAC,
      (byte) 0xE9,
      'x'
    };
    Path f = Files.write(dir.resolve("latin1.txt"), bytes);
    assertThatThrownBy(() -> Utf8File.read(f))
        .isInstanceOfSatisfying(
            Utf8File.NotUtf8Exception.class,
            e -> {
              assertThat(e.offset()).isEqualTo(8);
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(3);
            })
        .hasMessage("not valid UTF-8 at byte 8 (line 2, column 3); save the file as UTF-8");
  }

  @Test
  void aFileCutInsideACharacterIsNotUtf8Either() throws Exception {
    Path f = Files.write(dir.resolve("cut.txt"), new byte[] {'a', (byte) 0xE2, (byte) 0x82});
    assertThatThrownBy(() -> Utf8File.read(f))
        .hasMessage("not valid UTF-8 at byte 1 (line 1, column 2); save the file as UTF-8");
  }
}
