package io.quiver.codec.compress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Snappy's framing format as the Rust {@code snap} 1.0.5 crate's {@code FrameEncoder} writes it
 * (Tremor 0.11.12's snappy postprocessor): the stream identifier before the first chunk, data in
 * chunks of up to 64 KiB, each with the masked CRC-32C of its uncompressed bytes, stored
 * uncompressed when compression saves less than an eighth. Nothing at all for no data.
 */
final class SnappyFrameOutputStream extends OutputStream {
  private static final byte[] STREAM_IDENTIFIER = {
    (byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'
  };
  private static final int COMPRESSED = 0x00;
  private static final int UNCOMPRESSED = 0x01;

  private final OutputStream out;
  private final SnappyBlockCompressor compressor = new SnappyBlockCompressor();
  private final byte[] pending = new byte[SnappyBlockCompressor.MAX_BLOCK_SIZE];
  private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(1 << 16);
  private int pendingLength;
  private boolean wroteIdentifier;

  SnappyFrameOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, pending.length - pendingLength);
      System.arraycopy(b, off, pending, pendingLength, n);
      pendingLength += n;
      off += n;
      len -= n;
      if (pendingLength == pending.length) {
        writeChunk();
      }
    }
  }

  @Override
  public void flush() throws IOException {
    if (pendingLength > 0) {
      writeChunk();
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
    out.close();
  }

  private void writeChunk() throws IOException {
    if (!wroteIdentifier) {
      out.write(STREAM_IDENTIFIER);
      wroteIdentifier = true;
    }
    int length = pendingLength;
    pendingLength = 0;
    int checksum = maskedCrc32c(pending, length);
    compressed.reset();
    compressor.compress(pending, 0, length, compressed);
    boolean keep = compressed.size() < length - length / 8;
    int chunkLength = 4 + (keep ? compressed.size() : length);
    out.write(keep ? COMPRESSED : UNCOMPRESSED);
    out.write(chunkLength & 0xff);
    out.write((chunkLength >>> 8) & 0xff);
    out.write((chunkLength >>> 16) & 0xff);
    out.write(checksum & 0xff);
    out.write((checksum >>> 8) & 0xff);
    out.write((checksum >>> 16) & 0xff);
    out.write(checksum >>> 24);
    if (keep) {
      compressed.writeTo(out);
    } else {
      out.write(pending, 0, length);
    }
  }

  /** The framing format's checksum: CRC-32C, rotated right by 15 and offset. */
  static int maskedCrc32c(byte[] data, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, 0, length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + 0xa282ead8;
  }
}
