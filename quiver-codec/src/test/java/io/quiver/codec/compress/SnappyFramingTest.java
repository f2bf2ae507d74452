package io.quiver.codec.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Snappy has no command-line tool in Debian, so the framing format is checked against streams built
 * here byte by byte from its specification (framing_format.txt): stream identifier, then compressed
 * (0x00) or uncompressed (0x01) chunks with a masked CRC-32C of the data.
 */
class SnappyFramingTest {
  private static final byte[] STREAM_IDENTIFIER = {
    (byte) 0xff, 6, 0, 0, 's', 'N', 'a', 'P', 'p', 'Y'
  };

  private static int maskedCrc(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + 0xa282ead8;
  }

  private static void chunk(ByteArrayOutputStream out, int type, byte[] uncompressed, byte[] body) {
    int length = 4 + body.length;
    out.write(type);
    out.write(length);
    out.write(length >>> 8);
    out.write(length >>> 16);
    int crc = maskedCrc(uncompressed);
    for (int i = 0; i < 4; i++) {
      out.write(crc >>> (8 * i));
    }
    out.writeBytes(body);
  }

  /** Raw snappy of a short text as one literal: varint length, literal tag, bytes. */
  private static byte[] rawLiteral(byte[] text) {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    raw.write(text.length);
    raw.write((text.length - 1) << 2);
    raw.writeBytes(text);
    return raw.toByteArray();
  }

  private static List<byte[]> decode(byte[] stream) throws Exception {
    List<byte[]> out = new ArrayList<>();
    new CompressionVariants.SnappyPre().create().process(stream, 0, out);
    return out;
  }

  @Test
  void decodesAStreamBuiltFromTheSpecification() throws Exception {
    byte[] hello = "hello ".getBytes(StandardCharsets.UTF_8);
    byte[] world = "world".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    s.writeBytes(STREAM_IDENTIFIER);
    chunk(s, 0x01, hello, hello);
    chunk(s, 0x00, world, rawLiteral(world));
    assertThat(decode(s.toByteArray()))
        .containsExactly("hello world".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aWrongChecksumIsAnError() {
    byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    s.writeBytes(STREAM_IDENTIFIER);
    chunk(s, 0x01, "jello".getBytes(StandardCharsets.UTF_8), hello);
    byte[] stream = s.toByteArray();
    assertThatThrownBy(() -> decode(stream))
        .hasMessageStartingWith("Preprocessor snappy: invalid snappy data in a chunk of 23 bytes: ")
        .hasMessageContaining("checksum");
  }

  @Test
  void quiverWritesTheStreamIdentifierAndCheckedChunks() throws Exception {
    List<byte[]> out = new ArrayList<>();
    new CompressionVariants.SnappyPost()
        .create()
        .process("hello".getBytes(StandardCharsets.UTF_8), 0, out);
    byte[] stream = out.get(0);
    assertThat(java.util.Arrays.copyOf(stream, STREAM_IDENTIFIER.length))
        .isEqualTo(STREAM_IDENTIFIER);
    int type = stream[10] & 0xFF;
    assertThat(type).isIn(0x00, 0x01);
    int crc =
        (stream[14] & 0xFF)
            | (stream[15] & 0xFF) << 8
            | (stream[16] & 0xFF) << 16
            | (stream[17] & 0xFF) << 24;
    assertThat(crc).isEqualTo(maskedCrc("hello".getBytes(StandardCharsets.UTF_8)));
  }
}
