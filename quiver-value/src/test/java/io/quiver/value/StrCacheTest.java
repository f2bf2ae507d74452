package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrCacheTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void givesTheSameValueForTheSameBytesWherever() {
    StrCache cache = new StrCache(16);
    Value.Str first = cache.ascii(bytes("{\"a\":\"syslog\"}"), 6, 6);
    Value.Str again = cache.ascii(bytes("[\"syslog\"]"), 2, 6);
    assertThat(first).isEqualTo(Value.of("syslog")).isSameAs(again);
    assertThat(first.value()).isEqualTo("syslog");
    assertThat(first.utf8OrNull()).isEqualTo(bytes("syslog"));
    assertThat(cache.ascii(bytes("sysloG"), 0, 6)).isEqualTo(Value.of("sysloG"));
  }

  @Test
  void aSlotTakenByAnotherValueGivesTheRightOne() {
    StrCache cache = new StrCache(1); // every value in one slot
    assertThat(cache.ascii(bytes("ab"), 0, 2)).isEqualTo(Value.of("ab"));
    assertThat(cache.ascii(bytes("abc"), 0, 3)).isEqualTo(Value.of("abc"));
    assertThat(cache.ascii(bytes("abcd"), 0, 2)).isEqualTo(Value.of("ab"));
    assertThat(cache.ascii(bytes("ba"), 0, 2)).isEqualTo(Value.of("ba"));
    assertThat(cache.ascii(bytes("b"), 0, 1)).isEqualTo(Value.of("b"));
  }

  @Test
  void slotsMustBeAPowerOfTwo() {
    assertThatThrownBy(() -> new StrCache(12)).isInstanceOf(IllegalArgumentException.class);
  }
}
