package io.quiver.codec.lines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteSearchTest {

  private static int naive(byte[] a, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void agreesWithALinearScan() {
    SplittableRandom random = new SplittableRandom(42);
    for (int round = 0; round < 20_000; round++) {
      byte[] a = new byte[random.nextInt(0, 40)];
      for (int i = 0; i < a.length; i++) {
        // few distinct values, including 0x80/0xFF/0x00, to hit borrow and sign cases
        a[i] = (byte) new int[] {0, 1, 0x7F, 0x80, 0xFF, '\n', 'a'}[random.nextInt(7)];
      }
      int from = a.length == 0 ? 0 : random.nextInt(0, a.length + 1);
      int to = random.nextInt(from, a.length + 1);
      byte b = (byte) new int[] {0, 0x80, 0xFF, '\n', 'z'}[random.nextInt(5)];
      assertThat(ByteSearch.indexOf(a, from, to, b))
          .as("round %d", round)
          .isEqualTo(naive(a, from, to, b));
    }
  }

  @Test
  void findsTheFirstOccurrenceInAWord() {
    byte[] a = "xx\nx\nxxxxxxxxxx".getBytes();
    assertThat(ByteSearch.indexOf(a, 0, a.length, (byte) '\n')).isEqualTo(2);
    assertThat(ByteSearch.indexOf(a, 3, a.length, (byte) '\n')).isEqualTo(4);
    assertThat(ByteSearch.indexOf(a, 5, a.length, (byte) '\n')).isEqualTo(-1);
  }
}
