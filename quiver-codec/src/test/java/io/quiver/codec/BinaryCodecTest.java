package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BinaryCodecTest {
  private final BinaryCodec codec = new BinaryCodec();

  @Test
  void bytesRoundTrip() {
    Value seed = Value.of("snot badger".getBytes(StandardCharsets.UTF_8));
    byte[] raw = codec.encode(seed);
    assertThat(raw).isEqualTo("snot badger".getBytes(StandardCharsets.UTF_8));
    assertThat(codec.decode(raw, 0)).contains(seed);
  }

  @Test
  void passesBytesThroughWithoutACopy() {
    byte[] inside = {1, 2, 3};
    assertThat(codec.encode(Value.of(inside))).isSameAs(inside);
    byte[] text = "ok".getBytes(StandardCharsets.UTF_8);
    assertThat(codec.encode(Value.Str.ofUtf8(text))).isSameAs(text);
  }

  @Test
  void stringsAreEncodedAsUtf8AndOtherValuesAsJson() {
    assertThat(codec.encode(Value.of("é"))).containsExactly(0xC3, 0xA9);
    assertThat(new String(codec.encode(Value.obj("a", Value.of(1))), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}");
    assertThat(new String(codec.encode(Value.NULL), StandardCharsets.UTF_8)).isEqualTo("null");
  }

  @Test
  void decodesAnythingIncludingInvalidUtf8AndEmptyInput() {
    assertThat(codec.decode(new byte[] {(byte) 0xFF, 0}, 0))
        .contains(Value.of(new byte[] {(byte) 0xFF, 0}));
    assertThat(codec.decode(new byte[0], 0)).contains(Value.of(new byte[0]));
  }
}
