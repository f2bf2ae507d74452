package io.quiver.connectors.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BufferBytesTest {
  private static final byte[] TEXT = "snot badger".getBytes(StandardCharsets.UTF_8);

  private static ByteBuf pooled(byte[] bytes) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length, bytes.length);
    return buf.writeBytes(bytes);
  }

  @Test
  void aValueOverABufferReadsItsBytesOnceAsAnArray() {
    ByteBuf buf = pooled(TEXT);
    assertThat(BufferBytes.reserve(TEXT.length)).isTrue();
    Value.Bytes v = BufferBytes.adopt(buf);

    assertThat(v.length()).isEqualTo(TEXT.length);
    assertThat(v.value()).isEqualTo(TEXT);
    assertThat(v.value()).isSameAs(v.value());
    assertThat(v).isEqualTo(new Value.Bytes(TEXT.clone()));
    BufferBytes.releaseNow(v);
    assertThat(buf.refCnt()).isZero();
    assertThat(v.value()).isEqualTo(TEXT); // its array outlives the buffer
  }

  @Test
  void aWriterGetsARetainedDuplicateThatOutlivesTheValuesRelease() {
    ByteBuf buf = pooled(TEXT);
    assertThat(BufferBytes.reserve(TEXT.length)).isTrue();
    Value.Bytes v = BufferBytes.adopt(buf);

    ByteBuf written = BufferBytes.retainedBuffer(v);
    BufferBytes.releaseNow(v);

    assertThat(buf.refCnt()).isEqualTo(1);
    assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("snot badger");
    written.release();
    assertThat(buf.refCnt()).isZero();
  }

  @Test
  void aValueOverAnArrayHasNoBuffer() {
    assertThat(BufferBytes.retainedBuffer(new Value.Bytes(TEXT))).isNull();
    BufferBytes.releaseNow(new Value.Bytes(TEXT)); // nothing to release: no failure
  }

  @Test
  void aDroppedValuesBufferIsReturnedOnceTheValueIsUnreachable() throws Exception {
    ByteBuf buf = pooled(TEXT);
    assertThat(BufferBytes.reserve(TEXT.length)).isTrue();
    dropValueOver(buf);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (buf.refCnt() > 0 && System.nanoTime() - deadline < 0) {
      System.gc(); // the value is garbage: a collection lets the cleaner release its buffer
      Thread.onSpinWait();
    }
    assertThat(buf.refCnt()).isZero();
  }

  private static void dropValueOver(ByteBuf buf) {
    Value.Bytes v = BufferBytes.adopt(buf);
    assertThat(v.length()).isEqualTo(TEXT.length); // used, then unreachable
  }

  @Test
  void reservationsStopAtTheLimit() {
    long room = BufferBytes.MAX_HELD_BYTES - BufferBytes.held();
    assertThat(BufferBytes.reserve((int) Math.min(Integer.MAX_VALUE, room + 1))).isFalse();
    assertThat(BufferBytes.reserve(1)).isTrue();
    BufferBytes.unreserve(1);
  }
}
