package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutgoingTextTest {
  private static final byte[] NOT_UTF8 = {'a', (byte) 0xFF, 'b'};

  @Test
  void bytesOfAnotherOriginAreScanned() {
    assertThat(OutgoingText.isUtf8("snot ü".getBytes(StandardCharsets.UTF_8), null)).isTrue();
    assertThat(OutgoingText.isUtf8(NOT_UTF8, null)).isFalse();
    assertThat(OutgoingText.isUtf8(NOT_UTF8, Value.of("a\uFFFDb"))).isFalse();
  }

  @Test
  void theVeryArrayAStringWasMadeFromIsNotScannedAgain() {
    // a string made from bytes vouches for them (Value.Str.ofUtf8's contract); the bad bytes here
    // show that they are taken on its word, not scanned
    byte[] kept = NOT_UTF8.clone();
    assertThat(OutgoingText.isUtf8(kept, Value.Str.ofUtf8(kept))).isTrue();
  }

  @Test
  void anEqualCopyIsScanned() {
    byte[] kept = NOT_UTF8.clone();
    assertThat(OutgoingText.isUtf8(NOT_UTF8.clone(), Value.Str.ofUtf8(kept))).isFalse();
  }
}
