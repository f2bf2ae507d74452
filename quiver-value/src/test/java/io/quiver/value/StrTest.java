package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrTest {
  private static Value.Str fromBytes(String text) {
    return Value.Str.ofUtf8(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aStringMadeFromBytesEqualsTheSameTextMadeFromAString() {
    Value.Str bytes = fromBytes("héllo");
    Value.Str text = new Value.Str("héllo");
    assertThat(bytes).isEqualTo(text).hasSameHashCodeAs(text);
    assertThat(text).isEqualTo(bytes);
    assertThat(fromBytes("héllo")).isEqualTo(fromBytes("héllo"));
    assertThat(fromBytes("a")).isNotEqualTo(fromBytes("b")).isNotEqualTo(new Value.Str("b"));
    assertThat(bytes.toString()).isEqualTo(text.toString()).isEqualTo("Str[value=héllo]");
  }

  @Test
  void keepsItsBytesAndDecodesThemOnce() {
    byte[] raw = "grüße".getBytes(StandardCharsets.UTF_8);
    Value.Str s = Value.Str.ofUtf8(raw);
    assertThat(s.utf8OrNull()).isSameAs(raw);
    String first = s.value();
    assertThat(first).isEqualTo("grüße");
    assertThat(s.value()).isSameAs(first);
    assertThat(s.utf8OrNull()).isSameAs(raw);
    assertThat(new Value.Str("x").utf8OrNull()).isNull();
  }

  @Test
  void emptyBytesAreTheEmptyString() {
    assertThat(Value.Str.ofUtf8(new byte[0])).isSameAs(Value.EMPTY_STRING);
  }
}
