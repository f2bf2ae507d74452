package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

  @Test
  void validTextHasNoError() {
    byte[] text = "aé€😀\u007f\u0080\uffff\udbff\udfff".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.findError(text, 0, text.length)).isNull();
    assertThat(Utf8.isValid(text)).isTrue();
    assertThat(Utf8.isValid(new byte[0])).isTrue();
  }

  @Test
  void indexesAreRelativeToTheRange() {
    byte[] data = {'x', 'x', 'a', (byte) 0xFF, 'y'};
    assertThat(Utf8.findError(data, 2, 5)).isEqualTo(new Utf8.Error(1, 1));
    assertThat(Utf8.findError(data, 0, 3)).isNull();
  }

  @Test
  void aSequenceCutByTheRangeEndIsIncomplete() {
    byte[] data = "é".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.findError(data, 0, 1)).isEqualTo(new Utf8.Error(0, 0));
    assertThat(new Utf8.Error(0, 0).message())
        .isEqualTo("incomplete utf-8 byte sequence from index 0");
    assertThat(new Utf8.Error(4, 2).message())
        .isEqualTo("invalid utf-8 sequence of 2 bytes from index 4");
  }

  @Test
  void agreesWithTheJdkDecoderOnEveryTwoAndThreeByteInput() {
    // The JDK's decoder is strict about the same set of sequences; compare validity only.
    var decoder = StandardCharsets.UTF_8.newDecoder();
    byte[] two = new byte[2];
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        two[0] = (byte) a;
        two[1] = (byte) b;
        assertThat(Utf8.isValid(two)).as("%02x %02x", a, b).isEqualTo(jdkValid(decoder, two));
      }
    }
    byte[] three = new byte[3];
    for (int a = 0xE0; a < 0x100; a++) {
      for (int b = 0x70; b < 0xD0; b++) {
        three[0] = (byte) a;
        three[1] = (byte) b;
        three[2] = (byte) 0x80;
        assertThat(Utf8.isValid(three))
            .as("%02x %02x 80", a, b)
            .isEqualTo(jdkValid(decoder, three));
      }
    }
  }

  private static boolean jdkValid(java.nio.charset.CharsetDecoder decoder, byte[] bytes) {
    try {
      decoder.reset().decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void errorsAfterLongAsciiRunsAreFoundAtTheirIndex() {
    for (int prefix = 0; prefix < 100; prefix++) { // past several 32-byte steps
      for (int from = 0; from < 3; from++) {
        byte[] bytes = new byte[from + prefix + 12];
        java.util.Arrays.fill(bytes, (byte) 'a');
        bytes[from + prefix] = (byte) 0xFF;
        assertThat(Utf8.findError(bytes, from, bytes.length))
            .as("prefix %d from %d", prefix, from)
            .isEqualTo(new Utf8.Error(prefix, 1));
        bytes[from + prefix] = (byte) 0xC3;
        bytes[bytes.length - 1] = (byte) 0xE2;
        assertThat(Utf8.findError(bytes, from, bytes.length))
            .as("prefix %d from %d", prefix, from)
            .isEqualTo(new Utf8.Error(prefix, 1));
        bytes[from + prefix + 1] = (byte) 0xA9;
        assertThat(Utf8.findError(bytes, from, bytes.length))
            .as("prefix %d from %d", prefix, from)
            .isEqualTo(new Utf8.Error(bytes.length - 1 - from, 0));
      }
    }
  }
}
