package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.CodecException;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  private final JsonCodec codec = new JsonCodec();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decodesOneDocument() throws CodecException {
    assertThat(codec.decode(bytes(" {\"snot\":\"badger\",\"n\":[1,2.5]} "), 0))
        .contains(
            Value.obj("snot", Value.of("badger"), "n", Value.array(Value.of(1), Value.of(2.5))));
  }

  @Test
  void encodesCompactJson() throws CodecException {
    Value v = Value.obj("snot", Value.of("badger"), "empty", Value.EMPTY_OBJECT);
    assertThat(new String(codec.encode(v), StandardCharsets.UTF_8))
        .isEqualTo("{\"snot\":\"badger\",\"empty\":{}}");
  }

  @Test
  void emptyInputFailsLikeTremor() {
    assertThatThrownBy(() -> codec.decode(new byte[0], 0))
        .isInstanceOf(CodecException.class)
        .hasMessage("SIMD JSON error: Eof at character 0 ('\uD83D\uDCA9')");
  }

  @Test
  void errorsArePrefixedAndPositioned() {
    assertThatThrownBy(() -> codec.decode(bytes("{\"a\":1}}"), 0))
        .hasMessage("SIMD JSON error: TrailingCharacters at character 7 ('}')");
    assertThatThrownBy(() -> codec.decode(bytes("{\"a\":"), 0))
        .hasMessage("SIMD JSON error: Eof at character 5");
    assertThatThrownBy(() -> codec.decode(new byte[] {'"', (byte) 0xC3, '"'}, 0))
        .hasMessage("SIMD JSON error: InvalidUtf8 at character 1 ('\\xc3')");
  }
}
