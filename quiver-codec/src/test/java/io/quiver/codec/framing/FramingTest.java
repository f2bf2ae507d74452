package io.quiver.codec.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.Preprocessor;
import io.quiver.spi.ProcessorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte tables for the framing pre- and postprocessors. */
class FramingTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<byte[]> pre(Preprocessor p, byte[]... chunks) throws ProcessorException {
    List<byte[]> out = new ArrayList<>();
    for (byte[] c : chunks) {
      p.process(c, 0, out);
    }
    return out;
  }

  // base64

  @Test
  void base64RoundTrip() throws Exception {
    List<byte[]> out = new ArrayList<>();
    new Base64Postprocessor().process(b("snot badger"), 0, out);
    new Base64Postprocessor().process(new byte[0], 0, out);
    assertThat(out).containsExactly(b("c25vdCBiYWRnZXI="), new byte[0]);
    assertThat(
            pre(new Base64Preprocessor(), b("c25vdCBiYWRnZXI="), b("c25vdCBiYWRnZXI"), new byte[0]))
        .containsExactly(b("snot badger"), b("snot badger"), new byte[0]);
  }

  @Test
  void base64ErrorsNameTheByteLikeRust() {
    assertThatThrownBy(() -> pre(new Base64Preprocessor(), b("YW!j")))
        .hasMessage("Invalid byte 33, offset 2.");
    assertThatThrownBy(() -> pre(new Base64Preprocessor(), b("YWJj\n")))
        .hasMessage("Invalid byte 10, offset 4.");
    assertThatThrownBy(() -> pre(new Base64Preprocessor(), b("YWJjZ")))
        .hasMessage("Encoded text cannot have a 6-bit remainder.");
    assertThatThrownBy(() -> pre(new Base64Preprocessor(), b("YQ===")))
        .hasMessage("Invalid byte 61, offset 2.");
    assertThatThrownBy(() -> pre(new Base64Preprocessor(), b("YR==")))
        .hasMessage("Invalid last symbol 82, offset 1.");
    assertThatThrownBy(() -> pre(new Base64Preprocessor(), b("YWJ")))
        .hasMessage("Invalid last symbol 74, offset 2.");
  }

  // remove-empty

  @Test
  void removeEmptyDropsOnlyEmptyChunks() throws Exception {
    assertThat(pre(new RemoveEmptyPreprocessor(), new byte[0], b("a"), new byte[0], b(" ")))
        .containsExactly(b("a"), b(" "));
  }

  // ingest-ns

  @Test
  void ingestNsPrefixesAndStripsTheTimestamp() throws Exception {
    List<byte[]> out = new ArrayList<>();
    new IngestNsPostprocessor().process(b("abc"), 0x0102030405060708L, out);
    assertThat(out).containsExactly(HEX.parseHex("0102030405060708616263"));
    IngestNsPreprocessor p = new IngestNsPreprocessor();
    assertThat(pre(p, out.get(0))).containsExactly(b("abc"));
    assertThat(p.lastIngestNs()).isEqualTo(0x0102030405060708L);
    assertThat(p.ingestNs(5)).isEqualTo(0x0102030405060708L);
    assertThat(new IngestNsPreprocessor().ingestNs(5)).as("nothing read yet").isEqualTo(5);
    assertThat(pre(p, new byte[8])).containsExactly(new byte[0]);
  }

  @Test
  void ingestNsNeedsEightBytes() {
    assertThatThrownBy(() -> pre(new IngestNsPreprocessor(), new byte[7]))
        .hasMessage("Extract Ingest Ts Preprocessor: < 8 byte");
  }

  // length-prefixed

  @Test
  void lengthPrefixedPostprocessorWritesU64BigEndian() throws Exception {
    List<byte[]> out = new ArrayList<>();
    new LengthPrefixedPostprocessor().process(b("abc"), 0, out);
    new LengthPrefixedPostprocessor().process(new byte[0], 0, out);
    assertThat(out).containsExactly(HEX.parseHex("0000000000000003616263"), new byte[8]);
  }

  @Test
  void lengthPrefixedFramesSplitAnywhereAcrossChunks() throws Exception {
    byte[] stream =
        HEX.parseHex("0000000000000003616263" + "0000000000000000" + "00000000000000016a");
    for (int cut1 = 0; cut1 <= stream.length; cut1++) {
      for (int cut2 = cut1; cut2 <= stream.length; cut2++) {
        LengthPrefixedPreprocessor p = new LengthPrefixedPreprocessor(100);
        List<byte[]> out =
            pre(
                p,
                java.util.Arrays.copyOfRange(stream, 0, cut1),
                java.util.Arrays.copyOfRange(stream, cut1, cut2),
                java.util.Arrays.copyOfRange(stream, cut2, stream.length));
        assertThat(out)
            .as("cuts %d, %d", cut1, cut2)
            .containsExactly(b("abc"), new byte[0], b("j"));
        assertThat(p.pendingLength()).isZero();
      }
    }
  }

  @Test
  void lengthPrefixedKeepsAnIncompleteFrame() throws Exception {
    LengthPrefixedPreprocessor p = new LengthPrefixedPreprocessor(100);
    assertThat(pre(p, HEX.parseHex("000000000000000561"))).isEmpty();
    assertThat(p.pendingLength()).isEqualTo(1);
    assertThat(pre(p, b("bcde"))).containsExactly(b("abcde"));
  }

  @Test
  void lengthPrefixedRefusesAnOverlongFrameAndRecovers() throws Exception {
    LengthPrefixedPreprocessor p = new LengthPrefixedPreprocessor(100);
    List<byte[]> out = new ArrayList<>();
    assertThatThrownBy(
            () ->
                p.process(
                    HEX.parseHex("0000000000000001" + "61" + "0000000000000065" + "6162"), 0, out))
        .hasMessage(
            "Preprocessor length-prefixed: frame length 101 exceeds the maximum of 100 bytes; 10 buffered"
                + " bytes discarded (is the input really length-prefixed?)");
    assertThat(out).isEmpty();
    assertThat(p.pendingLength()).isZero();
    assertThatThrownBy(() -> pre(p, HEX.parseHex("ffffffffffffffff")))
        .hasMessageStartingWith(
            "Preprocessor length-prefixed: frame length 18446744073709551615 exceeds");
    assertThat(pre(p, HEX.parseHex("000000000000000178"))).containsExactly(b("x"));
  }

  // textual-length-prefix

  @Test
  void textualLengthPrefixPostprocessor() throws Exception {
    List<byte[]> out = new ArrayList<>();
    new TextualLengthPrefixPostprocessor().process(b("hello"), 0, out);
    new TextualLengthPrefixPostprocessor().process(new byte[0], 0, out);
    assertThat(out).containsExactly(b("5 hello"), b("0 "));
  }

  @Test
  void textualLengthPrefixFramesSplitAnywhere() throws Exception {
    byte[] stream = b("5 hello0 12 hello world!3\tabc");
    for (int cut = 0; cut <= stream.length; cut++) {
      TextualLengthPrefixPreprocessor p = new TextualLengthPrefixPreprocessor(100);
      List<byte[]> out =
          pre(
              p,
              java.util.Arrays.copyOfRange(stream, 0, cut),
              java.util.Arrays.copyOfRange(stream, cut, stream.length));
      assertThat(out)
          .as("cut %d", cut)
          .containsExactly(b("hello"), new byte[0], b("hello world!"), b("abc"));
    }
  }

  @Test
  void textualLengthPrefixCountsBytesNotCharacters() throws Exception {
    assertThat(pre(new TextualLengthPrefixPreprocessor(100), b("2 é3 €")))
        .containsExactly(b("é"), b("€"));
  }

  @Test
  void textualLengthPrefixErrors() {
    assertThatThrownBy(() -> pre(new TextualLengthPrefixPreprocessor(100), b("x5 hello")))
        .hasMessage(
            "Preprocessor textual-length-prefix: invalid length \"x5\": invalid digit found in string; 8"
                + " buffered bytes discarded (expected <length> <payload>, RFC 5425)");
    assertThatThrownBy(() -> pre(new TextualLengthPrefixPreprocessor(100), b(" hello")))
        .hasMessage(
            "Preprocessor textual-length-prefix: invalid length \"\": cannot parse integer from empty string;"
                + " 6 buffered bytes discarded (expected <length> <payload>, RFC 5425)");
    assertThatThrownBy(() -> pre(new TextualLengthPrefixPreprocessor(100), b("4294967296 x")))
        .hasMessage(
            "Preprocessor textual-length-prefix: invalid length \"4294967296\": number too large to fit in"
                + " target type; 12 buffered bytes discarded (expected <length> <payload>, RFC 5425)");
    assertThatThrownBy(() -> pre(new TextualLengthPrefixPreprocessor(100), b("101 x")))
        .hasMessage(
            "Preprocessor textual-length-prefix: invalid length \"101\": exceeds the maximum frame length of"
                + " 100 bytes; 5 buffered bytes discarded (expected <length> <payload>, RFC 5425)");
    assertThatThrownBy(() -> pre(new TextualLengthPrefixPreprocessor(100), b("123456789012345")))
        .hasMessage(
            "Preprocessor textual-length-prefix: invalid length \"123456789012345\": no whitespace after the"
                + " length; 15 buffered bytes discarded (expected <length> <payload>, RFC 5425)");
  }

  @Test
  void textualLengthPrefixRecoversAfterAnError() throws Exception {
    TextualLengthPrefixPreprocessor p = new TextualLengthPrefixPreprocessor(100);
    assertThatThrownBy(() -> pre(p, b("zz ")));
    assertThat(pre(p, b("1 a"))).containsExactly(b("a"));
    assertThat(pre(p, b("+2 bc"))).containsExactly(b("bc"));
  }

  // gelf-chunking

  private static byte[] gelfChunk(long id, int seq, int count, String data) {
    byte[] d = b(data);
    byte[] c = new byte[12 + d.length];
    c[0] = 0x1e;
    c[1] = 0x0f;
    for (int i = 0; i < 8; i++) {
      c[2 + i] = (byte) (id >>> (56 - 8 * i));
    }
    c[10] = (byte) seq;
    c[11] = (byte) count;
    System.arraycopy(d, 0, c, 12, d.length);
    return c;
  }

  @Test
  void gelfPostprocessorChunksWithCountingIds() throws Exception {
    GelfChunkingPostprocessor post = new GelfChunkingPostprocessor(12 + 4);
    List<byte[]> out = new ArrayList<>();
    post.process(b("abcdefghij"), 0, out);
    post.process(b("xy"), 0, out);
    post.process(new byte[0], 0, out);
    assertThat(out)
        .containsExactly(
            gelfChunk(0, 0, 3, "abcd"),
            gelfChunk(0, 1, 3, "efgh"),
            gelfChunk(0, 2, 3, "ij"),
            gelfChunk(1, 0, 1, "xy"));
  }

  @Test
  void gelfPostprocessorRefusesMoreThan128Chunks() throws Exception {
    GelfChunkingPostprocessor post = new GelfChunkingPostprocessor(13);
    List<byte[]> out = new ArrayList<>();
    post.process(new byte[128], 0, out);
    assertThat(out).hasSize(128);
    assertThatThrownBy(() -> post.process(new byte[129], 0, out))
        .hasMessage(
            "[GELF encoder] Maximum number of chunks is 128 this package would cause 129 chunks.");
  }

  @Test
  void gelfReassemblesChunksInAnyOrder() throws Exception {
    GelfChunkingPreprocessor p = new GelfChunkingPreprocessor(false);
    assertThat(pre(p, gelfChunk(7, 2, 3, "}"), gelfChunk(7, 0, 3, "{\"a\":"))).isEmpty();
    assertThat(p.pendingMessages()).isEqualTo(1);
    assertThat(pre(p, gelfChunk(7, 1, 3, "1"))).containsExactly(b("{\"a\":1}"));
    assertThat(p.pendingMessages()).isZero();
  }

  @Test
  void gelfPassesUnchunkedMessages() throws Exception {
    GelfChunkingPreprocessor p = new GelfChunkingPreprocessor(false);
    assertThat(pre(p, b("{\"a\":1}"), gelfChunk(1, 0, 1, "{}"), HEX.parseHex("1f3c7b7d")))
        .containsExactly(b("{\"a\":1}"), b("{}"), b("{}"));
  }

  @Test
  void gelfRoundTripThroughThePostprocessor() throws Exception {
    byte[] big = b("{\"m\":\"" + "x".repeat(20_000) + "\"}");
    List<byte[]> chunks = new ArrayList<>();
    new GelfChunkingPostprocessor(GelfChunkingPostprocessor.DEFAULT_CHUNK_SIZE)
        .process(big, 0, chunks);
    assertThat(chunks).hasSize(3);
    assertThat(pre(new GelfChunkingPreprocessor(false), chunks.toArray(new byte[0][])))
        .containsExactly(big);
  }

  @Test
  void gelfDropsDuplicatesOutOfRangeAndStaleChunks() throws Exception {
    GelfChunkingPreprocessor p = new GelfChunkingPreprocessor(false);
    assertThat(pre(p, gelfChunk(1, 0, 2, "a"), gelfChunk(1, 0, 2, "a"), gelfChunk(1, 1, 2, "b")))
        .isEmpty();
    assertThat(pre(p, gelfChunk(2, 5, 2, "a"))).isEmpty();
    assertThat(p.pendingMessages()).isEqualTo(1); // message 1 restarted with its second chunk
    List<byte[]> out = new ArrayList<>();
    p.process(gelfChunk(3, 0, 2, "x"), 1_000, out);
    p.process(gelfChunk(4, 0, 2, "y"), 6_000_000_000L, out); // swap: 3 is one generation old
    p.process(gelfChunk(3, 1, 2, "z"), 6_000_000_001L, out);
    assertThat(out).containsExactly(b("xz"));
    p.process(gelfChunk(5, 0, 1, "{}"), 12_000_000_000L, out); // swap
    p.process(gelfChunk(5, 0, 1, "{}"), 18_000_000_000L, out); // swap: 4 is gone
    p.process(gelfChunk(4, 1, 2, "w"), 18_000_000_001L, out);
    assertThat(out).hasSize(3);
    assertThat(p.pendingMessages()).isEqualTo(1); // 4's second chunk waits alone
  }

  @Test
  void gelfTcpStripsTheTerminator() throws Exception {
    assertThat(pre(new GelfChunkingPreprocessor(true), b("{\"a\":1}\0")))
        .containsExactly(b("{\"a\":1}"));
  }

  @Test
  void gelfHeaderErrorsAsTremor() {
    GelfChunkingPreprocessor p = new GelfChunkingPreprocessor(false);
    assertThatThrownBy(() -> pre(p, b("hello")))
        .hasMessage("Invalid GELF header len: 5, prefix: Some([104, 101])");
    assertThatThrownBy(() -> pre(p, b("h")))
        .hasMessage("Invalid GELF header len: 1, prefix: Some([104, 0])");
    assertThatThrownBy(() -> pre(p, new byte[0]))
        .hasMessage("Invalid GELF header len: 0, prefix: None");
  }
}
