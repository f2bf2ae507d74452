package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramePayloadsTest {
  private static final byte[] BYTES = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

  /** A direct buffer that is not pooled (its NIO buffer is its own). */
  private static ByteBuf unpooledDirect() {
    return new UnpooledDirectByteBuf(UnpooledByteBufAllocator.DEFAULT, 64, 64);
  }

  @Test
  void copiesFromADirectBufferBothWays() {
    ByteBuf in = unpooledDirect();
    try {
      in.writeBytes(BYTES);
      assertCopies(in);
    } finally {
      in.release();
    }
  }

  @Test
  void copiesFromHeapDirectAndCompositeBuffers() {
    ByteBuf heap = Unpooled.buffer(64).writeBytes(BYTES);
    ByteBuf direct = ByteBufAllocator.DEFAULT.directBuffer(64).writeBytes(BYTES);
    CompositeByteBuf composite = Unpooled.compositeBuffer();
    composite.addComponent(true, Unpooled.wrappedBuffer(BYTES, 0, 7));
    composite.addComponent(true, Unpooled.directBuffer(64).writeBytes(BYTES, 7, BYTES.length - 7));
    try {
      assertCopies(heap);
      assertCopies(direct);
      assertCopies(composite);
    } finally {
      heap.release();
      direct.release();
      composite.release();
    }
  }

  @Test
  void leavesTheBufferIndicesAsTheyWere() {
    ByteBuf in = unpooledDirect();
    try {
      in.writeBytes(BYTES).readerIndex(2);
      FramePayloads.copyThroughNio(in, 5, new byte[4]);
      assertThat(in.readerIndex()).isEqualTo(2);
      assertThat(in.writerIndex()).isEqualTo(BYTES.length);
    } finally {
      in.release();
    }
  }

  /** Both ways of copying (with and without {@code sun.misc.Unsafe}) give the same bytes. */
  private static void assertCopies(ByteBuf in) {
    byte[] out = new byte[6];
    FramePayloads.copy(in, 5, out);
    assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("56789a");
    FramePayloads.copyThroughNio(in, 5, out);
    assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("56789a");
    byte[] all = new byte[BYTES.length];
    FramePayloads.copy(in, 0, all);
    assertThat(all).isEqualTo(BYTES);
    byte[] again = new byte[BYTES.length];
    FramePayloads.copyThroughNio(in, 0, again);
    assertThat(again).isEqualTo(BYTES);
  }
}
