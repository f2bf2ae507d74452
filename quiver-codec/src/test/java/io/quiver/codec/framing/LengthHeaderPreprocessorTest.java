package io.quiver.codec.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.ProcessorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame loop shared by the length-headed preprocessors, driven by a one-byte header. */
class LengthHeaderPreprocessorTest {

  /** A header of one byte, the payload's length; 0xFF is invalid. */
  private static final class OneByteHeader extends LengthHeaderPreprocessor {
    int headersRead;

    OneByteHeader() {
      super(0xFE);
    }

    @Override
    public String name() {
      return "one-byte";
    }

    @Override
    long readHeader() throws ProcessorException {
      if (buffer.length() < 1) {
        return -1;
      }
      int length = buffer.at(0) & 0xFF;
      if (length > maxFrame) {
        throw new ProcessorException("bad header; " + discard() + " discarded");
      }
      buffer.skip(1);
      headersRead++;
      return length;
    }
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static List<String> run(OneByteHeader p, byte[] chunk) throws ProcessorException {
    List<byte[]> out = new ArrayList<>();
    p.process(chunk, 0, out);
    return out.stream().map(f -> new String(f, StandardCharsets.US_ASCII)).toList();
  }

  @Test
  void manyFramesInOneChunkComeOutInOrder() throws Exception {
    OneByteHeader p = new OneByteHeader();
    assertThat(run(p, bytes(1, 'a', 0, 2, 'b', 'c'))).containsExactly("a", "", "bc");
    assertThat(p.pendingLength()).isZero();
  }

  @Test
  void aFrameSplitAcrossChunksWaitsForItsLastByteAndTheHeaderIsReadOnce() throws Exception {
    OneByteHeader p = new OneByteHeader();
    assertThat(run(p, bytes(3, 'x'))).isEmpty();
    assertThat(p.pendingLength()).isEqualTo(1);
    assertThat(run(p, bytes('y'))).isEmpty();
    assertThat(run(p, bytes('z', 1))).containsExactly("xyz");
    assertThat(p.pendingLength()).isZero();
    assertThat(run(p, bytes('w'))).containsExactly("w");
    assertThat(p.headersRead).isEqualTo(2);
  }

  @Test
  void anIncompleteHeaderWaitsForMoreBytes() throws Exception {
    OneByteHeader p = new OneByteHeader();
    assertThat(run(p, new byte[0])).isEmpty();
    assertThat(p.pendingLength()).isZero();
    assertThat(run(p, bytes(1))).isEmpty();
    assertThat(run(p, bytes('q'))).containsExactly("q");
  }

  @Test
  void anInvalidHeaderFailsTheWholeChunkAndDiscardsTheBufferThenTheStreamStartsAfresh()
      throws Exception {
    OneByteHeader p = new OneByteHeader();
    assertThat(run(p, bytes(2, 'a'))).isEmpty();
    List<byte[]> out = new ArrayList<>();
    // the chunk completes one frame and then holds a bad header: nothing of it comes out
    assertThatThrownBy(() -> p.process(bytes('b', 0xFF, 'c'), 0, out))
        .isInstanceOf(ProcessorException.class)
        .hasMessage("bad header; 2 discarded");
    assertThat(out).isEmpty();
    assertThat(p.pendingLength()).isZero();
    assertThat(run(p, bytes(1, 'd'))).containsExactly("d");
  }
}
