package io.quiver.codec.compress;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;
import org.xerial.snappy.SnappyFramedInputStream;

/**
 * The compression formats Quiver's pre- and postprocessors speak, each as a whole-chunk
 * compress/decompress pair over stream libraries (see docs/codecs.md, "Libraries").
 *
 * <p>Every format reads concatenated members/frames/streams as one, like the command-line tools.
 */
public enum Compression {
  /** RFC 1952 (members may be concatenated); JDK zlib. */
  GZIP("gzip", "1f 8b") {
    @Override
    InputStream decoding(InputStream in) throws IOException {
      return new GZIPInputStream(in, BUFFER);
    }

    @Override
    OutputStream encoding(OutputStream out, int inputSize) throws IOException {
      return new GZIPOutputStream(out, BUFFER);
    }

    @Override
    boolean hasMagic(byte[] d) {
      return d.length >= 2 && (d[0] & 0xFF) == 0x1f && (d[1] & 0xFF) == 0x8b;
    }
  },
  /** RFC 1950; JDK zlib. */
  ZLIB("zlib", "78 01, 78 5e, 78 9c or 78 da") {
    @Override
    InputStream decoding(InputStream in) {
      return new InflaterInputStream(in, new java.util.zip.Inflater(), BUFFER);
    }

    @Override
    OutputStream encoding(OutputStream out, int inputSize) {
      return new DeflaterOutputStream(out, new java.util.zip.Deflater(), BUFFER);
    }

    /** The four header bytes Tremor's {@code decompress} recognises (CMF 0x78, any level). */
    @Override
    boolean hasMagic(byte[] d) {
      if (d.length < 2 || (d[0] & 0xFF) != 0x78) {
        return false;
      }
      int flg = d[1] & 0xFF;
      return flg == 0x01 || flg == 0x5e || flg == 0x9c || flg == 0xda;
    }
  },
  /** The .xz container (LZMA2), preset 9 as Tremor; org.tukaani:xz. */
  XZ("xz", "fd 37 7a 58 5a 00") {
    @Override
    InputStream decoding(InputStream in) throws IOException {
      return new XZInputStream(in, XZ_MEMORY_LIMIT_KIB);
    }

    @Override
    OutputStream encoding(OutputStream out, int inputSize) throws IOException {
      LZMA2Options options = new LZMA2Options(LZMA2Options.PRESET_MAX);
      // a dictionary larger than the input compresses no better but costs the encoder (and
      // every decoder) up to 64 MiB more memory per chunk
      int dict = Integer.highestOneBit(Math.max(LZMA2Options.DICT_SIZE_MIN, inputSize - 1)) << 1;
      options.setDictSize(Math.min(dict, options.getDictSize()));
      return new XZOutputStream(out, options);
    }

    @Override
    boolean hasMagic(byte[] d) {
      return startsWith(d, 0xfd, '7', 'z', 'X', 'Z', 0x00);
    }
  },
  /**
   * Snappy's framing format (stream identifier, CRC-32C checked chunks); written as Tremor's snap
   * crate writes it, read with snappy-java.
   */
  SNAPPY("snappy", "ff (the stream identifier)") {
    @Override
    InputStream decoding(InputStream in) throws IOException {
      return new SnappyFramedInputStream(in, true);
    }

    @Override
    OutputStream encoding(OutputStream out, int inputSize) throws IOException {
      // written as Tremor's snap crate writes it, byte for byte (snappy-java's native encoder
      // finds other matches and keeps chunks uncompressed at another ratio)
      return new SnappyFrameOutputStream(out);
    }

    /** Tremor's test: a first byte of 0xff (the stream identifier chunk type). */
    @Override
    boolean hasMagic(byte[] d) {
      return d.length >= 1 && (d[0] & 0xFF) == 0xff;
    }
  },
  /** The LZ4 frame format (what the {@code lz4} tool writes, with a content checksum); lz4-java. */
  LZ4("lz4", "04 22 4d 18") {
    @Override
    InputStream decoding(InputStream in) throws IOException {
      return new LZ4FrameInputStream(in);
    }

    @Override
    OutputStream encoding(OutputStream out, int inputSize) throws IOException {
      return new LZ4FrameOutputStream(
          out,
          LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
          LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
          LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM);
    }

    @Override
    boolean hasMagic(byte[] d) {
      return startsWith(d, 0x04, 0x22, 0x4d, 0x18);
    }
  },
  /** Zstandard frames, level 3 (the tool's default); zstd-jni. A Quiver addition. */
  ZSTD("zstd", "28 b5 2f fd") {
    @Override
    InputStream decoding(InputStream in) throws IOException {
      return new ZstdInputStream(in).setContinuous(false);
    }

    @Override
    OutputStream encoding(OutputStream out, int inputSize) throws IOException {
      return new ZstdOutputStream(out, 3).setCloseFrameOnFlush(false);
    }

    @Override
    boolean hasMagic(byte[] d) {
      return startsWith(d, 0x28, 0xb5, 0x2f, 0xfd);
    }
  };

  static final int BUFFER = 64 * 1024;

  /**
   * Memory an xz stream may ask for (128 MiB; preset 9 needs 65 MiB), so a crafted header cannot
   * make the decoder allocate gigabytes.
   */
  static final int XZ_MEMORY_LIMIT_KIB = 128 * 1024;

  private final String label;
  private final String magic;

  Compression(String label, String magic) {
    this.label = label;
    this.magic = magic;
  }

  /** The magic bytes a stream of this format starts with, in hex, for error messages. */
  public String magicText() {
    return magic;
  }

  /** Whether {@code data} starts like a stream of this format. */
  public boolean startsLikeThis(byte[] data) {
    return hasMagic(data);
  }

  /** The format's name as users know it (gzip, zlib, xz, snappy, lz4, zstd). */
  public String label() {
    return label;
  }

  abstract InputStream decoding(InputStream in) throws IOException;

  abstract OutputStream encoding(OutputStream out, int inputSize) throws IOException;

  /** Whether {@code data} starts with this format's magic bytes (as {@code decompress} tests). */
  abstract boolean hasMagic(byte[] data);

  /** The format whose magic bytes start {@code data}, or {@code null}. */
  public static Compression detect(byte[] data) {
    for (Compression c : values()) {
      if (c.hasMagic(data)) {
        return c;
      }
    }
    return null;
  }

  /**
   * Decompresses a whole chunk.
   *
   * @param maxOutput larger output fails (a guard against decompression bombs)
   * @throws IOException with the library's reason when the data is corrupt or truncated, or {@link
   *     OutputTooLarge}
   */
  public byte[] decompress(byte[] data, int maxOutput) throws IOException {
    try (InputStream in = decoding(new ByteArrayInputStream(data))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, data.length * 4));
      byte[] buffer = new byte[Math.min(BUFFER, Math.max(512, data.length * 4))];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxOutput) {
          throw new OutputTooLarge(maxOutput);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (RuntimeException e) {
      // some decoders signal corrupt input with unchecked exceptions
      throw new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    } catch (LinkageError e) {
      throw unavailable(e);
    }
  }

  /** A native library that cannot be loaded on this platform must not take the thread down. */
  private IOException unavailable(LinkageError e) {
    return new IOException(label + " is not available on this platform (" + e + ")", e);
  }

  /** Compresses a whole chunk into one complete, self-contained stream. */
  public byte[] compress(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
    try (OutputStream c = encoding(out, data.length)) {
      c.write(data);
    } catch (LinkageError e) {
      throw unavailable(e);
    }
    return out.toByteArray();
  }

  private static boolean startsWith(byte[] d, int... magic) {
    if (d.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((d[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** Decompressed output exceeded the limit. */
  public static final class OutputTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    OutputTooLarge(int max) {
      super("decompressed data exceeds the maximum of " + max + " bytes");
    }
  }
}
