package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBytesTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void findsTheFirstSpecialByteAtEveryPositionOfAWordAndTheTail() {
    for (char special : new char[] {'"', '\\', '\n', 0, 0x1F, 0xE9}) {
      for (int length = 1; length <= 20; length++) {
        for (int at = 0; at < length; at++) {
          byte[] in = new byte[length + 2];
          java.util.Arrays.fill(in, (byte) 'a');
          in[1 + at] = (byte) special;
          if (at + 1 < length) {
            in[2 + at] = '"'; // a second special after the first must not be reported
          }
          int end = 1 + length;
          int quoteAfter = at + 1 < length ? 2 + at : end;
          assertThat(JsonBytes.nextSpecial(in, 1, end, true))
              .as("%x at %d of %d", (int) special, at, length)
              .isEqualTo(1 + at);
          assertThat(JsonBytes.nextSpecial(in, 1, end, false))
              .as("non-ASCII passed over: %x at %d of %d", (int) special, at, length)
              .isEqualTo(special == 0xE9 ? quoteAfter : 1 + at);
        }
      }
    }
  }

  @Test
  void plainTextHasNoSpecialByteAndTheEndIsRespected() {
    byte[] in = bytes("abcdefghijklmnopqrstuvwxyz 0123456789 ~!@#$%^&*()_+{}[]:;',./<>?\"");
    int quote = in.length - 1;
    assertThat(JsonBytes.nextSpecial(in, 0, quote, true)).isEqualTo(quote);
    assertThat(JsonBytes.nextSpecial(in, 0, in.length, true)).isEqualTo(quote);
    assertThat(JsonBytes.nextSpecial(in, 5, 5, true)).isEqualTo(5);
    // bytes 0x20 and 0x7F are plain, 0x80 and 0xFF are not ASCII
    assertThat(
            JsonBytes.nextSpecial(
                new byte[] {0x20, 0x7F, 0x21, 0x20, 0x7F, 0x21, 0x20, 0x7F}, 0, 8, true))
        .isEqualTo(8);
    assertThat(
            JsonBytes.nextSpecial(
                new byte[] {0x20, 0x21, 0x22 - 1, 0x5B, 0x5D, 0x7F, 0x20, (byte) 0x80}, 0, 8, true))
        .isEqualTo(7);
    assertThat(JsonBytes.nextSpecial(new byte[] {(byte) 0xFF, (byte) 0x80, 1}, 0, 3, false))
        .isEqualTo(2);
  }

  @Test
  void hashesEqualBytesEquallyWhereverTheyAre() {
    byte[] a = bytes("xx_syslog_hostname");
    byte[] b = bytes("syslog_hostname");
    assertThat(JsonBytes.hash(a, 3, 15)).isEqualTo(JsonBytes.hash(b, 0, 15));
    assertThat(JsonBytes.hash(b, 0, 3)).isEqualTo(JsonBytes.hash(bytes("sys"), 0, 3));
    assertThat(JsonBytes.hash(b, 0, 14)).isNotEqualTo(JsonBytes.hash(b, 0, 15));
  }
}
