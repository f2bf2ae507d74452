package io.quiver.codec.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.SnappyFramedInputStream;

/**
 * The snappy writer follows the reference compressor (and Tremor's snap crate) step by step: these
 * vectors are worked out by hand from its rules, and everything it writes reads back with
 * snappy-java's independent decoder.
 */
class SnappyFrameOutputStreamTest {
  private static byte[] framed(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (SnappyFrameOutputStream s = new SnappyFrameOutputStream(out)) {
      s.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] raw(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SnappyBlockCompressor().compress(data, 0, data.length, out);
    return out.toByteArray();
  }

  private static byte[] unframed(byte[] stream) throws Exception {
    try (SnappyFramedInputStream in =
        new SnappyFramedInputStream(new ByteArrayInputStream(stream), true)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aRunOfOneByteIsALiteralOfOneThenOneCopyWithATwoByteOffset() {
    // 20 x 'a': the first match is at position 1 against 0; the copy of 19 is too long for the
    // 1-byte-offset form (at most 11)
    assertThat(raw("aaaaaaaaaaaaaaaaaaaa".getBytes()))
        .containsExactly(20, 0x00, 'a', (18 << 2) | 2, 1, 0);
  }

  @Test
  void aShortRepeatUsesTheOneByteOffsetCopy() {
    // "abc" repeated to 11 bytes, then 9 others: at position 3 the table's empty slot (0) matches;
    // the copy of 8 at offset 3 fits the 1-byte-offset form (tag (len-4)<<2 | 1), the rest is a
    // literal. Matches are only looked for up to 15 bytes before the end.
    byte[] in = "abcabcabcabqrstuvwxy".getBytes();
    assertThat(raw(in))
        .containsExactly(
            20,
            2 << 2,
            'a',
            'b',
            'c',
            (4 << 2) | 1,
            3,
            8 << 2,
            'q',
            'r',
            's',
            't',
            'u',
            'v',
            'w',
            'x',
            'y');
  }

  @Test
  void blocksShorterThanSeventeenBytesAreOneLiteral() {
    assertThat(raw("aaaaaaaaaaaaaaaa".getBytes()))
        .containsExactly(
            16, 15 << 2, 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',
            'a');
  }

  @Test
  void nothingIsWrittenForNoData() throws Exception {
    assertThat(framed(new byte[0])).isEmpty();
  }

  @Test
  void aChunkThatCompressesBadlyIsStoredUncompressedInChunksOf64KiB() throws Exception {
    byte[] noise = new byte[70_000];
    new Random(7).nextBytes(noise);
    byte[] out = framed(noise);
    // identifier (10), then 0x01 chunks of 65536 and 4464 bytes plus their 4-byte checksums
    assertThat(out).hasSize(10 + 4 + 4 + 65_536 + 4 + 4 + 4_464);
    assertThat(out[10]).isEqualTo((byte) 0x01);
    assertThat(out[10 + 8 + 65_536]).isEqualTo((byte) 0x01);
    assertThat(unframed(out)).isEqualTo(noise);
  }

  @Test
  void everythingWrittenReadsBackWithAnIndependentDecoder() throws Exception {
    Random random = new Random(42);
    for (int size : new int[] {1, 16, 17, 100, 1_000, 65_535, 65_536, 65_537, 200_000}) {
      byte[] data = new byte[size];
      // text-like: a small alphabet with repeats, so that copies of every kind are made
      for (int i = 0; i < size; i++) {
        data[i] =
            i > 64 && random.nextInt(3) == 0
                ? data[i - 1 - random.nextInt(64)]
                : (byte) ('a' + random.nextInt(6));
      }
      byte[] out = framed(data);
      if (size >= 1_000) {
        assertThat(out[10]).as("size %d compresses", size).isEqualTo((byte) 0x00);
      }
      assertThat(unframed(out)).as("size %d", size).isEqualTo(data);
    }
  }
}
