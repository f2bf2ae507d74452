package io.quiver.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExternalBytesTest {
  /** External bytes that count how often they were copied into an array. */
  private static final class Counted implements ExternalBytes {
    final byte[] bytes;
    final AtomicInteger copies = new AtomicInteger();

    Counted(String s) {
      this.bytes = s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int length() {
      return bytes.length;
    }

    @Override
    public byte[] toArray() {
      copies.incrementAndGet();
      return bytes.clone();
    }
  }

  @Test
  void externalBytesBecomeAnArrayOnceOnFirstRead() {
    Counted c = new Counted("badger");
    Value.Bytes v = Value.Bytes.external(c);

    assertThat(v.length()).isEqualTo(6);
    assertThat(v.external()).isSameAs(c);
    assertThat(c.copies).hasValue(0);
    assertThat(new String(v.value(), StandardCharsets.UTF_8)).isEqualTo("badger");
    assertThat(v.value()).isSameAs(v.value());
    assertThat(c.copies).hasValue(1);
  }

  @Test
  void equalityAndHashAreByContent() {
    Value.Bytes external = Value.Bytes.external(new Counted("snot"));
    Value.Bytes array = new Value.Bytes("snot".getBytes(StandardCharsets.UTF_8));

    assertThat(external).isEqualTo(array).hasSameHashCodeAs(array);
    assertThat(array.external()).isNull();
    assertThat(external.typeName()).isEqualTo("bytes");
  }
}
