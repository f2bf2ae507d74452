package io.quiver.codec.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.ProcessorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DecompressingPreprocessorTest {
  private static final byte[] TEXT =
      "snot badger snot badger snot badger\n".repeat(50).getBytes(StandardCharsets.UTF_8);

  private static byte[] compress(Compression c, byte[] data) throws Exception {
    List<byte[]> out = new ArrayList<>();
    new CompressingPostprocessor(c.label(), c).process(data, 0, out);
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  private static List<byte[]> run(DecompressingPreprocessor p, byte[] data)
      throws ProcessorException {
    List<byte[]> out = new ArrayList<>();
    p.process(data, 0, out);
    return out;
  }

  private static DecompressingPreprocessor pre(Compression c) {
    return new DecompressingPreprocessor(
        c.label(), c, DecompressingPreprocessor.DEFAULT_MAX_OUTPUT);
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void roundTripsThroughTheMatchingPostprocessor(Compression c) throws Exception {
    byte[] packed = compress(c, TEXT);
    assertThat(packed.length).isLessThan(TEXT.length);
    assertThat(run(pre(c), packed)).containsExactly(TEXT);
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void anEmptyChunkCompressesToAValidStreamOfNothing(Compression c) throws Exception {
    assertThat(run(pre(c), compress(c, new byte[0]))).containsExactly(new byte[0]);
  }

  @org.junit.jupiter.api.Test
  void snappyWritesNothingForNothingAndReadsNothingBackAsTremorsSnapCrateDoes() throws Exception {
    assertThat(compress(Compression.SNAPPY, new byte[0])).isEmpty();
    assertThat(run(pre(Compression.SNAPPY), new byte[0])).containsExactly(new byte[0]);
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void eachChunkIsAWholeStreamAndTheInstanceKeepsNoState(Compression c) throws Exception {
    DecompressingPreprocessor p = pre(c);
    byte[] a = compress(c, "first".getBytes(StandardCharsets.UTF_8));
    byte[] b = compress(c, "second".getBytes(StandardCharsets.UTF_8));
    assertThat(run(p, a)).containsExactly("first".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> run(p, Arrays.copyOf(b, b.length / 2)))
        .isInstanceOf(ProcessorException.class);
    assertThat(run(p, b)).containsExactly("second".getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(value = Compression.class, names = "SNAPPY", mode = EnumSource.Mode.EXCLUDE)
  void emptyInputIsAnError(Compression c) {
    assertThatThrownBy(() -> run(pre(c), new byte[0]))
        .isInstanceOf(ProcessorException.class)
        .hasMessage(
            "Preprocessor "
                + c.label()
                + ": invalid "
                + c.label()
                + " data in a chunk of 0 bytes: the input is empty");
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void truncatedInputIsAnErrorAndAppendsNothing(Compression c) throws Exception {
    byte[] packed = compress(c, TEXT);
    byte[] cut = Arrays.copyOf(packed, packed.length - 5);
    List<byte[]> out = new ArrayList<>();
    assertThatThrownBy(() -> pre(c).process(cut, 0, out))
        .isInstanceOf(ProcessorException.class)
        .hasMessageStartingWith(
            "Preprocessor "
                + c.label()
                + ": invalid "
                + c.label()
                + " data in a chunk of "
                + cut.length
                + " bytes: ");
    assertThat(out).isEmpty();
  }

  @Test
  void dataWithoutTheFormatsMagicBytesIsNamedAsSuch() {
    byte[] text = "hello world".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> run(pre(Compression.GZIP), text))
        .hasMessage(
            "Preprocessor gzip: invalid gzip data in a chunk of 11 bytes: it does not start with the gzip"
                + " magic bytes 1f 8b");
    assertThatThrownBy(() -> run(pre(Compression.ZLIB), text))
        .hasMessage(
            "Preprocessor zlib: invalid zlib data in a chunk of 11 bytes: it does not start with the zlib"
                + " magic bytes 78 01, 78 5e, 78 9c or 78 da");
    assertThatThrownBy(() -> run(pre(Compression.XZ), text))
        .hasMessage(
            "Preprocessor xz: invalid xz data in a chunk of 11 bytes: it does not start with the xz magic"
                + " bytes fd 37 7a 58 5a 00");
    assertThatThrownBy(() -> run(pre(Compression.SNAPPY), text))
        .hasMessage(
            "Preprocessor snappy: invalid snappy data in a chunk of 11 bytes: it does not start with the"
                + " snappy magic bytes ff (the stream identifier)");
    assertThatThrownBy(() -> run(pre(Compression.LZ4), text))
        .hasMessage(
            "Preprocessor lz4: invalid lz4 data in a chunk of 11 bytes: it does not start with the lz4 magic"
                + " bytes 04 22 4d 18");
    assertThatThrownBy(() -> run(pre(Compression.ZSTD), text))
        .hasMessage(
            "Preprocessor zstd: invalid zstd data in a chunk of 11 bytes: it does not start with the zstd"
                + " magic bytes 28 b5 2f fd");
  }

  @Test
  void aBadHeaderAfterTheMagicBytesGivesTheLibrarysReason() {
    byte[] zlib = {0x78, (byte) 0x9c, 1, 2, 3, 4, 5, 6};
    assertThatThrownBy(() -> run(pre(Compression.ZLIB), zlib))
        .hasMessage(
            "Preprocessor zlib: invalid zlib data in a chunk of 8 bytes: invalid stored block lengths");
  }

  @Test
  void aCorruptedPayloadIsDetected() throws Exception {
    byte[] packed = compress(Compression.GZIP, TEXT);
    packed[packed.length - 6] ^= 0x55; // inside the CRC-32 trailer
    assertThatThrownBy(() -> run(pre(Compression.GZIP), packed))
        .hasMessage(
            "Preprocessor gzip: invalid gzip data in a chunk of "
                + packed.length
                + " bytes: Corrupt GZIP trailer");
  }

  @Test
  void concatenatedGzipMembersAreOneStream() throws Exception {
    byte[] a = compress(Compression.GZIP, "ab".getBytes(StandardCharsets.UTF_8));
    byte[] b = compress(Compression.GZIP, "cd".getBytes(StandardCharsets.UTF_8));
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    assertThat(run(pre(Compression.GZIP), both))
        .containsExactly("abcd".getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void outputAboveTheLimitIsRefused(Compression c) throws Exception {
    byte[] zeros = new byte[100_000];
    byte[] packed = compress(c, zeros);
    DecompressingPreprocessor p = new DecompressingPreprocessor(c.label(), c, 99_999);
    assertThatThrownBy(() -> run(p, packed))
        .hasMessage(
            "Preprocessor "
                + c.label()
                + ": invalid "
                + c.label()
                + " data in a chunk of "
                + packed.length
                + " bytes: decompressed data exceeds the maximum of 99999 bytes");
    assertThat(run(new DecompressingPreprocessor(c.label(), c, 100_000), packed))
        .containsExactly(zeros);
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void decompressRecognisesEveryFormatByItsMagicBytes(Compression c) throws Exception {
    DecompressingPreprocessor p =
        new CompressionVariants.DecompressPre().create() instanceof DecompressingPreprocessor d
            ? d
            : null;
    assertThat(Compression.detect(compress(c, TEXT))).isEqualTo(c);
    assertThat(run(p, compress(c, TEXT))).containsExactly(TEXT);
  }

  @Test
  void decompressPassesUnknownAndShortDataUnchanged() throws Exception {
    DecompressingPreprocessor p = new DecompressingPreprocessor("decompress", null, 100);
    byte[] plain = "{\"plain\":true}".getBytes(StandardCharsets.UTF_8);
    assertThat(run(p, plain)).singleElement().isSameAs(plain);
    byte[] shortGzipMagic = {0x1f, (byte) 0x8b, 8, 0, 0};
    assertThat(run(p, shortGzipMagic)).singleElement().isSameAs(shortGzipMagic);
    assertThat(run(p, new byte[0])).containsExactly(new byte[0]);
  }

  @Test
  void decompressReportsCorruptDataOfARecognisedFormat() {
    DecompressingPreprocessor p = new DecompressingPreprocessor("decompress", null, 100);
    byte[] fakeGzip = {0x1f, (byte) 0x8b, 0, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> run(p, fakeGzip))
        .hasMessage(
            "Preprocessor decompress: invalid gzip data in a chunk of 8 bytes: Unsupported compression method");
  }

  @Test
  void zlibMagicIsOneOfTheFourDeflateLevels() {
    for (int flg : new int[] {0x01, 0x5e, 0x9c, 0xda}) {
      assertThat(Compression.detect(new byte[] {0x78, (byte) flg, 0, 0, 0, 0}))
          .isEqualTo(Compression.ZLIB);
    }
    assertThat(Compression.detect(new byte[] {0x78, 0x02, 0, 0, 0, 0})).isNull();
  }

  @Test
  void anXzStreamAskingForTooMuchMemoryIsRefused() throws Exception {
    byte[] packed = compress(Compression.XZ, "x".getBytes(StandardCharsets.UTF_8));
    // block header after the 12-byte stream header: size, flags, filter 0x21 (LZMA2), 1 property
    // byte (the dictionary size), padding, CRC-32; ask for a 768 MiB dictionary instead
    int header = 12;
    int headerSize = ((packed[header] & 0xFF) + 1) * 4;
    assertThat(packed[header + 2]).isEqualTo((byte) 0x21);
    packed[header + 4] = 35;
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(packed, header, headerSize - 4);
    long c = crc.getValue();
    for (int i = 0; i < 4; i++) {
      packed[header + headerSize - 4 + i] = (byte) (c >>> (8 * i));
    }
    assertThatThrownBy(() -> run(pre(Compression.XZ), packed))
        .hasMessage(
            "Preprocessor xz: invalid xz data in a chunk of "
                + packed.length
                + " bytes: 786536 KiB of memory would be needed; limit was 131072 KiB");
  }
}
