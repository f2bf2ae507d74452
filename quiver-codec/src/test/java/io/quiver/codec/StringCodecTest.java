package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.CodecException;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StringCodecTest {
  private final StringCodec codec = new StringCodec();

  @Test
  void stringsRoundTripAsRawBytes() throws CodecException {
    byte[] raw = codec.encode(Value.of("snot badger"));
    assertThat(raw).isEqualTo("snot badger".getBytes(StandardCharsets.UTF_8));
    assertThat(codec.decode(raw, 0)).contains(Value.of("snot badger"));
  }

  @Test
  void otherValuesAreEncodedAsCompactJson() throws CodecException {
    assertThat(
            new String(codec.encode(Value.array(Value.of("snot badger"))), StandardCharsets.UTF_8))
        .isEqualTo("[\"snot badger\"]");
    assertThat(
            new String(
                codec.encode(Value.obj("error", Value.of("x"), "event_id", Value.of(3))),
                StandardCharsets.UTF_8))
        .isEqualTo("{\"error\":\"x\",\"event_id\":3}");
    assertThat(codec.encode(Value.of(1.0))).isEqualTo("1.0".getBytes());
  }

  @Test
  void decodesUnicodeAndEmptyInput() throws CodecException {
    assertThat(codec.decode("é€😀".getBytes(StandardCharsets.UTF_8), 0)).contains(Value.of("é€😀"));
    assertThat(codec.decode(new byte[0], 0)).contains(Value.of(""));
    assertThat(codec.encode(Value.of("é"))).containsExactly(0xC3, 0xA9);
  }

  @Test
  void aStringPassedThroughKeepsItsBytesAndIsDecodedOnlyWhenRead() throws CodecException {
    byte[] raw = "grüße".getBytes(StandardCharsets.UTF_8);
    Value decoded = codec.decode(raw, 0).orElseThrow();
    assertThat(codec.encode(decoded)).isSameAs(raw); // no copy on the way out
    assertThat(decoded.asString()).isEqualTo("grüße");
    assertThat(decoded).isEqualTo(Value.of("grüße")).hasSameHashCodeAs(Value.of("grüße"));
    assertThat(codec.encode(decoded)).isSameAs(raw); // still the bytes after the text was read
  }

  static Stream<Arguments> invalidUtf8() {
    return Stream.of(
        // std::str::Utf8Error's own documentation example: [0, 159, 146, 150]
        Arguments.of(
            new int[] {0x00, 0x9F, 0x92, 0x96}, "invalid utf-8 sequence of 1 bytes from index 1"),
        Arguments.of(new int[] {0x80}, "invalid utf-8 sequence of 1 bytes from index 0"),
        Arguments.of(new int[] {'a', 'b', 0xFF}, "invalid utf-8 sequence of 1 bytes from index 2"),
        Arguments.of(new int[] {0xC3, 0x28}, "invalid utf-8 sequence of 1 bytes from index 0"),
        Arguments.of(
            new int[] {0xE2, 0x28, 0xA1}, "invalid utf-8 sequence of 1 bytes from index 0"),
        Arguments.of(
            new int[] {0xE2, 0x82, 0x28}, "invalid utf-8 sequence of 2 bytes from index 0"),
        Arguments.of(
            new int[] {0xF0, 0x90, 0x80, 0x28}, "invalid utf-8 sequence of 3 bytes from index 0"),
        Arguments.of(
            new int[] {0xF0, 0x90, 0x28, 0x80}, "invalid utf-8 sequence of 2 bytes from index 0"),
        // overlong encodings, surrogates, beyond U+10FFFF, bytes that never start a sequence
        Arguments.of(new int[] {0xC0, 0x80}, "invalid utf-8 sequence of 1 bytes from index 0"),
        Arguments.of(
            new int[] {0xE0, 0x80, 0x80}, "invalid utf-8 sequence of 1 bytes from index 0"),
        Arguments.of(
            new int[] {0xF0, 0x80, 0x80, 0x80}, "invalid utf-8 sequence of 1 bytes from index 0"),
        Arguments.of(
            new int[] {0xED, 0xA0, 0x80}, "invalid utf-8 sequence of 1 bytes from index 0"),
        Arguments.of(
            new int[] {0xF4, 0x90, 0x80, 0x80}, "invalid utf-8 sequence of 1 bytes from index 0"),
        Arguments.of(
            new int[] {0xF5, 0x80, 0x80, 0x80}, "invalid utf-8 sequence of 1 bytes from index 0"),
        // input ends inside an otherwise valid sequence
        Arguments.of(new int[] {0xC3}, "incomplete utf-8 byte sequence from index 0"),
        Arguments.of(new int[] {'a', 0xE2, 0x82}, "incomplete utf-8 byte sequence from index 1"),
        Arguments.of(
            new int[] {0xC3, 0xA9, 0xF0, 0x9F, 0x98},
            "incomplete utf-8 byte sequence from index 2"),
        Arguments.of(new int[] {0xE0}, "incomplete utf-8 byte sequence from index 0"),
        // a bad byte right after an incomplete start is "invalid", not "incomplete"
        Arguments.of(new int[] {0xE0, 0x9F}, "invalid utf-8 sequence of 1 bytes from index 0"),
        Arguments.of(new int[] {0xED, 0x9F}, "incomplete utf-8 byte sequence from index 0"));
  }

  @ParameterizedTest
  @MethodSource("invalidUtf8")
  void invalidUtf8FailsWithRustsText(int[] input, String message) {
    byte[] data = new byte[input.length];
    for (int i = 0; i < input.length; i++) {
      data[i] = (byte) input[i];
    }
    assertThatThrownBy(() -> codec.decode(data, 0))
        .isInstanceOf(CodecException.class)
        .hasMessage(message);
  }

  @Test
  void aValidReplacementCharacterIsKeptAndInvalidBytesAfterItAreStillFound() throws CodecException {
    assertThat(codec.decode("a\uFFFDb".getBytes(StandardCharsets.UTF_8), 0))
        .contains(Value.of("a\uFFFDb"));
    byte[] bad = "0123456789\uFFFD0123456789x".getBytes(StandardCharsets.UTF_8);
    bad[bad.length - 1] = (byte) 0x80;
    assertThatThrownBy(() -> codec.decode(bad, 0))
        .isInstanceOf(CodecException.class)
        .hasMessage("invalid utf-8 sequence of 1 bytes from index 23");
  }

  /** Bytes the caller checked: the same string as {@link StringCodec#decode}, the array kept. */
  @Test
  void decodeUtf8TakesCheckedBytesAsDecodeDoes() throws CodecException {
    byte[] text = "é€😀 snot".getBytes(StandardCharsets.UTF_8);
    Value decoded = codec.decodeUtf8(text, 0).orElseThrow();
    assertThat(decoded).isEqualTo(codec.decode(text.clone(), 0).orElseThrow());
    assertThat(((Value.Str) decoded).utf8OrNull()).isSameAs(text);
  }
}
