package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.CodecException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictUtf8TextTest {

  @Test
  void validTextIsDecodedWholeOrByRange() throws Exception {
    byte[] data = "héllo wörld".getBytes(StandardCharsets.UTF_8);
    assertThat(StrictUtf8Text.decode(data, "P: ")).isEqualTo("héllo wörld");
    assertThat(StrictUtf8Text.decode(data, 7, data.length, "")).isEqualTo("wörld");
    assertThat(StrictUtf8Text.decode(new byte[0], "")).isEmpty();
  }

  @Test
  void invalidUtf8FailsWithThePrefixAndRustsMessageInsteadOfReplacementCharacters() {
    byte[] bad = {'o', 'k', (byte) 0xC3, 0x28};
    assertThatThrownBy(() -> StrictUtf8Text.decode(bad, "YAML: "))
        .isInstanceOf(CodecException.class)
        .hasMessage("YAML: invalid utf-8 sequence of 1 bytes from index 2");
    byte[] cut = {'a', (byte) 0xE2, (byte) 0x82};
    assertThatThrownBy(() -> StrictUtf8Text.decode(cut, 1, 3, ""))
        .isInstanceOf(CodecException.class)
        .hasMessage("incomplete utf-8 byte sequence from index 0");
  }
}
