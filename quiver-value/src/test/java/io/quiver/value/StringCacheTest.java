package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StringCacheTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void givesTheSameStringForTheSameBytesWherever() {
    StringCache cache = new StringCache(16);
    String first = cache.ascii(bytes("{\"application\":1}"), 2, 11);
    String again = cache.ascii(bytes("[\"application\"]"), 2, 11);
    assertThat(first).isEqualTo("application").isSameAs(again);
    assertThat(cache.ascii(bytes("applicatioN"), 0, 11)).isEqualTo("applicatioN");
    assertThat(cache.ascii(bytes("x"), 0, 0)).isEmpty();
  }

  @Test
  void aSlotTakenByAnotherStringGivesTheRightOne() {
    StringCache cache = new StringCache(1); // every string in one slot
    assertThat(cache.ascii(bytes("ab"), 0, 2)).isEqualTo("ab");
    assertThat(cache.ascii(bytes("abc"), 0, 3)).isEqualTo("abc");
    assertThat(cache.ascii(bytes("ab"), 0, 2)).isEqualTo("ab");
    assertThat(cache.ascii(bytes("ba"), 0, 2)).isEqualTo("ba");
  }

  @Test
  void longStringsAreMadeEveryTime() {
    StringCache cache = new StringCache(16);
    byte[] in = bytes("x".repeat(StringCache.MAX_LENGTH + 1));
    String a = cache.ascii(in, 0, in.length);
    assertThat(a).hasSize(StringCache.MAX_LENGTH + 1).isNotSameAs(cache.ascii(in, 0, in.length));
    assertThat(cache.ascii(in, 0, StringCache.MAX_LENGTH))
        .isSameAs(cache.ascii(in, 1, StringCache.MAX_LENGTH));
  }

  @Test
  void slotsMustBeAPowerOfTwo() {
    assertThatThrownBy(() -> new StringCache(12)).isInstanceOf(IllegalArgumentException.class);
  }
}
